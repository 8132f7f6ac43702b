package io.assay.lake;

import io.assay.lake.fs.ForklessLocalFiles;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built. {@code getOrCreate} keeps whatever spark-submit, EMR or
 * Databricks configured; only what is unset gets a local default. The catalog settings decide
 * whether the session has a catalog (Hive metastore API: local Derby, a metastore service, Glue) or
 * addresses tables by path only; the lineage settings put the OpenLineage listener on it.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** A session without a catalog or lineage: tables by path only. */
  public static SparkSession getOrCreate(String appName, String lakeRoot) {
    return getOrCreate(appName, lakeRoot, SessionSettings.pathsOnly());
  }

  public static SparkSession getOrCreate(String appName, String lakeRoot, SessionSettings settings) {
    SparkConf conf = new SparkConf();
    setIfAbsent(conf, "spark.master", "local[*]");
    setIfAbsent(conf, "spark.app.name", appName);
    setIfAbsent(conf, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfAbsent(conf, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    setIfAbsent(conf, "spark.sql.session.timeZone", "UTC");
    String master = conf.get("spark.master");
    if (master.startsWith("local")) {
      // Small local runs: few shuffle partitions, no web UI to hold a port.
      setIfAbsent(conf, "spark.sql.shuffle.partitions", "4");
      // Delta rebuilds a table's state (its file list) in 50 partitions by default: on a laptop that
      // is 50 tasks per table read or commit, whatever the table's size (measured: transformations/README.md).
      setIfAbsent(conf, "spark.databricks.delta.snapshotPartitions", "4");
      setIfAbsent(conf, "spark.ui.enabled", "false");
      if (master.equals("local") || master.startsWith("local[")) {
        // Local paths without a chmod/readlink process per file and per commit (see ForklessRawLocalFileSystem).
        // Only where the executor is this JVM: a local-cluster executor may open file: paths before it
        // has loaded the application's jar, which holds these classes.
        ForklessLocalFiles.sparkSettings().forEach((key, value) -> setIfAbsent(conf, key, value.toString()));
      }
      setIfAbsent(conf, "spark.sql.streaming.stateStore.stateSchemaCheck", "true");
    }
    if (lakeRoot.startsWith("s3a://")) {
      setIfAbsent(conf, "spark.hadoop.fs.s3a.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    }
    conf.set(LakeCatalog.LAKE_ROOT_CONF, lakeRoot);
    applyCatalog(conf, settings.catalog());
    SparkLineage.applyDefaults(conf, settings.lineage());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void applyCatalog(SparkConf conf, CatalogSettings catalog) {
    conf.set(CatalogSettings.KIND_CONF, catalog.kind().name());
    catalog.catalogName().ifPresent(name -> conf.set(CatalogSettings.NAME_CONF, name));
    switch (catalog.kind()) {
      case NONE, UNITY -> { }
      case LOCAL -> {
        setIfAbsent(conf, "spark.sql.catalogImplementation", "hive");
        LocalMetastore.JdbcTarget target = LocalMetastore.target(catalog);
        setIfAbsent(conf, "spark.hadoop.javax.jdo.option.ConnectionURL", target.url());
        setIfAbsent(conf, "spark.hadoop.javax.jdo.option.ConnectionDriverName", target.driver());
        setIfAbsent(conf, "spark.hadoop.datanucleus.schema.autoCreateAll", "true");
        setIfAbsent(conf, "spark.hadoop.hive.metastore.schema.verification", "false");
        setIfAbsent(conf, "spark.sql.warehouse.dir", Path.of(catalog.metastoreDir(), "warehouse").toAbsolutePath().toString());
        LocalMetastore.keepDerbyLogIn(catalog);
      }
      case HIVE -> {
        setIfAbsent(conf, "spark.sql.catalogImplementation", "hive");
        setIfAbsent(conf, "spark.hadoop.hive.metastore.uris", catalog.metastoreUris().orElseThrow());
      }
      case GLUE -> {
        setIfAbsent(conf, "spark.sql.catalogImplementation", "hive");
        setIfAbsent(conf, "spark.hadoop.hive.metastore.client.factory.class",
            "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
      }
    }
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
