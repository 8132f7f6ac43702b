package io.assay.transformations;

import io.assay.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's baseline: every model's SQL, in run order, written straight to a Delta table under
 * {@code targetRoot}, with no staging, no state, no dedupe and no gates. Lake tables (Bronze, optional
 * tables) are read from {@code lake}; models from what this baseline wrote.
 */
public final class UngatedTransform {
  private UngatedTransform() {}

  public static StepTimes run(SparkSession caller, ModelCatalog catalog, LakeLayout lake, String targetRoot) {
    SparkSession spark = ModelSession.isolatedFrom(caller);
    LakeLayout target = LakeLayout.at(targetRoot);
    StepTimes times = new StepTimes();
    for (Model model : catalog.runOrder()) {
      times.time(model.name(), "write", () -> {
        for (String source : model.references()) {
          view(spark, model, source, catalog.find(source).isPresent() ? target.table(source) : lake.table(source));
        }
        DataFrameWriter<Row> writer = spark.sql(model.sql()).write().format("delta").mode("overwrite");
        List<String> partitions = model.header().partitionBy();
        if (!partitions.isEmpty()) {
          writer = writer.partitionBy(partitions.toArray(String[]::new));
        }
        writer.save(target.table(model.name()));
        return null;
      });
    }
    return times;
  }

  private static void view(SparkSession spark, Model model, String source, String path) {
    Map<String, StructType> optional = model.header().optionalTables();
    Dataset<Row> rows = !DeltaTable.isDeltaTable(spark, path) && optional.containsKey(source)
        ? spark.createDataFrame(List.<Row>of(), optional.get(source))
        : spark.read().format("delta").load(path);
    rows.createOrReplaceTempView(source);
  }
}
