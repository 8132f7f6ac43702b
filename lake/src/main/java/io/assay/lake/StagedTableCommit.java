package io.assay.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.types.DataType;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Commits a staged table (a Delta table of one commit, written with the target's partitioning) into
 * its target table without rewriting its rows: the staged data files are moved into the target's
 * folder under the same relative paths, then one Delta transaction of the target adds them (and, for
 * a partition replace, removes the replaced partitions' files). Until that commit the moved files are
 * not part of the target; a crash in between leaves unreferenced files that {@code VACUUM} removes.
 *
 * <p>A move is a rename: free on a local or HDFS file system, a server-side copy per file on S3.
 * Either way the staged rows are not decoded and encoded again, which a {@code MERGE} or an overwrite
 * from the staged table would do. The staged table is unusable afterwards (its files are gone).
 */
public final class StagedTableCommit {
  private final SparkSession spark;
  private final DeltaLog staged;
  private final List<AddFile> files = new ArrayList<>();
  private Metadata stagedMetadata;

  /** Reads the staged table's only commit: its metadata and the files it added. */
  public StagedTableCommit(SparkSession spark, String stagedPath) {
    this.spark = spark;
    this.staged = DeltaLog.forTable(spark, stagedPath);
    if (!staged.tableExists()) {
      throw new IllegalArgumentException("no staged Delta table at " + stagedPath);
    }
    long version = staged.update(false, Option.empty(), Option.empty()).version();
    if (version != 0) {
      throw new IllegalStateException(stagedPath + " is at version " + version + "; a staged table is written once");
    }
    for (Action action : PinnedDeltaRead.firstCommit(staged)) {
      if (action instanceof AddFile file) {
        files.add(file);
      } else if (action instanceof Metadata metadata) {
        stagedMetadata = metadata;
      }
    }
    if (stagedMetadata == null) {
      throw new IllegalStateException(stagedPath + "'s first commit has no metadata");
    }
  }

  /**
   * True when the staged files can join {@code targetPath} as they are: the target exists with the same
   * columns and types (nullability aside), partition columns and column mapping, and checks nothing on
   * write that the staged files skipped (a CHECK constraint, a NOT NULL, generated or identity column).
   */
  public boolean fits(String targetPath) {
    Metadata target = DeltaLog.forTable(spark, targetPath).update(false, Option.empty(), Option.empty()).metadata();
    return target.schemaString() != null && !target.schemaString().isEmpty()
        && DataType.equalsIgnoreNullability(stagedMetadata.schema(), target.schema())
        && stagedMetadata.partitionColumns().equals(target.partitionColumns())
        && stagedMetadata.columnMappingMode().equals(target.columnMappingMode())
        && !checksOnWrite(target);
  }

  private static boolean checksOnWrite(Metadata table) {
    boolean constraints = table.getConfiguration().keySet().stream().anyMatch(key -> key.startsWith("delta.constraints."));
    boolean checkedColumns = Stream.of(table.schema().fields()).anyMatch(field -> !field.nullable()
        || field.metadata().contains("delta.generationExpression") || field.metadata().contains("delta.identity.start"));
    return constraints || checkedColumns;
  }

  /** Creates {@code targetPath} as the staged table (schema, partitioning, properties); fails if a table is there. */
  public long createTable(String targetPath) {
    OptimisticTransaction txn = DeltaLog.forTable(spark, targetPath).startTransaction();
    if (txn.readVersion() >= 0) {
      throw new IllegalStateException("a Delta table already exists at " + targetPath);
    }
    txn.updateMetadataForNewTable(stagedMetadata);
    return commit(txn, List.of(), SaveMode.ErrorIfExists, Option.empty());
  }

  /** Adds the staged rows to {@code targetPath} (which must {@link #fits fit}). */
  public long append(String targetPath) {
    return commit(DeltaLog.forTable(spark, targetPath).startTransaction(), List.of(), SaveMode.Append, Option.empty());
  }

  /**
   * Replaces the partitions of {@code targetPath} whose {@code column} value is one of {@code values}
   * (Delta's partition value strings, e.g. {@code 2026-12-01}) with the staged files, in one commit.
   * The staged files must all lie in those partitions.
   */
  public long replacePartitions(String targetPath, String column, Set<String> values, String predicate) {
    for (AddFile file : files) {
      String value = partitionValue(file, column);
      if (!values.contains(value)) {
        throw new IllegalStateException("staged file " + file.path() + " is in partition " + column + "=" + value
            + ", outside the replaced partitions " + values);
      }
    }
    OptimisticTransaction txn = DeltaLog.forTable(spark, targetPath).startTransaction();
    List<Action> removes = new ArrayList<>();
    for (AddFile file : JavaConverters.seqAsJavaList(txn.filterFiles())) {
      if (values.contains(partitionValue(file, column))) {
        removes.add(file.remove());
      }
    }
    return commit(txn, removes, SaveMode.Overwrite, Option.apply(predicate));
  }

  private static String partitionValue(AddFile file, String column) {
    Option<String> value = file.partitionValues().get(column);
    return value.isDefined() ? value.get() : null;
  }

  private long commit(OptimisticTransaction txn, List<Action> removes, SaveMode mode, Option<String> predicate) {
    moveFiles(txn.deltaLog().dataPath());
    List<Action> actions = new ArrayList<>(removes);
    actions.addAll(files);
    Option<Seq<String>> partitionBy = stagedMetadata.partitionColumns().isEmpty()
        ? Option.empty() : Option.apply(stagedMetadata.partitionColumns());
    return txn.commit(JavaConverters.asScalaBuffer(actions).toSeq(),
        new DeltaOperations.Write(mode, partitionBy, predicate, Option.empty()));
  }

  private void moveFiles(Path targetRoot) {
    Path stagedRoot = staged.dataPath();
    try {
      FileSystem fs = targetRoot.getFileSystem(staged.newDeltaHadoopConf());
      for (AddFile file : files) {
        URI relative = new URI(file.path()); // AddFile paths are URL-encoded and relative to the table
        if (relative.isAbsolute() || relative.getPath().startsWith("/")) {
          throw new IllegalStateException("staged file " + file.path() + " is not relative to its table");
        }
        Path from = new Path(stagedRoot, new Path(relative));
        Path to = new Path(targetRoot, new Path(relative));
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) {
          throw new IOException("could not move " + from + " to " + to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moving staged files of " + stagedRoot + " into " + targetRoot, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("staged file path is not a relative URI", e);
    }
  }
}
