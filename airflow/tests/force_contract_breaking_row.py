"""Appends one copy of a Bronze payment with a negative amount to bronze_payments, as a faulty writer
would: the row skips ingestion's validation, so only the Bronze gate can stop it.

Run with the `spark` environment's Python and the shaded jar (Delta) on the classpath:
    python force_contract_breaking_row.py <lake folder> <assay-spark.jar>
"""

import sys

from pyspark.sql import SparkSession, functions as F

lake, jar = sys.argv[1], sys.argv[2]
spark = (SparkSession.builder.master("local[1]").appName("force-contract-breaking-row")
         .config("spark.jars", jar)
         .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
         .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
         .config("spark.ui.enabled", "false")
         .getOrCreate())
table = f"{lake}/bronze_payments"
row = (spark.read.format("delta").load(table).limit(1)
       .withColumn("payment_id", F.lit("PAY-FFFFFFFFFFFF"))
       .withColumn("amount", F.lit(-5).cast("decimal(12,2)")))
row.write.format("delta").mode("append").save(table)
print("forced 1 row with amount -5.00 into", table)
spark.stop()
