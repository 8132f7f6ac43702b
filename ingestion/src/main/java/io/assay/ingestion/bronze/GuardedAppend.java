package io.assay.ingestion.bronze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.SetTransaction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A Delta append under Delta's idempotent-write guard (app id, batch id) that finds the table's last
 * committed batch in the checksum file of the version it reads, instead of rebuilding the table's state.
 *
 * <p>Delta 3.3's own guard (the writer options {@code txnAppId}/{@code txnVersion}) asks the snapshot for its
 * {@code SetTransaction}s, which always reconstructs the whole table state: a Spark job of 1.5-2 s per table
 * per micro-batch on this machine, whatever the batch's size, though the checksum Delta writes with every
 * commit holds them. This does what that guard does, in one transaction of the table: records the app id as
 * read (so a concurrent commit of the same app id makes this commit fail, as Delta's guard does), skips a
 * batch the table already has, and commits the files with the {@code SetTransaction} of the batch.
 * Without a checksum it asks the snapshot, as Delta does. A table that does not exist yet, or rows whose
 * columns differ from the table's (a contract that evolved: {@code mergeSchema}), go through Delta's writer.
 */
final class GuardedAppend {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedAppend.class);

  private GuardedAppend() {}

  static void append(Dataset<Row> rows, String path, String partitionColumn, String appId, long batchId) {
    append(rows, path, partitionColumn, appId, batchId, () -> {});
  }

  /** @param beforeCommit runs after the files are written and before the commit (tests race a second writer there) */
  static void append(Dataset<Row> rows, String path, String partitionColumn, String appId, long batchId, Runnable beforeCommit) {
    DeltaLog log = DeltaLog.forTable(rows.sparkSession(), path);
    OptimisticTransaction txn = log.startTransaction();
    Snapshot snapshot = txn.snapshot();
    Dataset<Row> inTableOrder = snapshot.version() < 0 ? null : inTableOrder(rows, snapshot.schema());
    if (inTableOrder == null) {
      writerAppend(rows, path, partitionColumn, appId, batchId);
      return;
    }
    txn.readTxn().$plus$eq(appId); // what Delta's txnVersion records: a concurrent commit of this app id conflicts
    long committed = lastCommittedBatch(snapshot, appId);
    if (committed >= batchId) {
      LOG.info("{} already has batch {} of {} (it has {}): skipped", path, batchId, appId, committed);
      return;
    }
    List<Action> actions = new ArrayList<>(JavaConverters.seqAsJavaList(txn.writeFiles(inTableOrder)));
    actions.add(new SetTransaction(appId, batchId, Option.apply(System.currentTimeMillis())));
    Seq<String> partitionBy = snapshot.metadata().partitionColumns();
    beforeCommit.run();
    txn.commit(JavaConverters.asScalaBuffer(actions).toSeq(),
        new DeltaOperations.Write(SaveMode.Append, Option.apply(partitionBy), Option.empty(), Option.empty()));
  }

  /** The batch id the table last committed for {@code appId}, -1 if none. */
  static long lastCommittedBatch(Snapshot snapshot, String appId) {
    Seq<SetTransaction> known = snapshot.checksumOpt().isDefined() && snapshot.checksumOpt().get().setTransactions().isDefined()
        ? snapshot.checksumOpt().get().setTransactions().get()
        : snapshot.setTransactions(); // no checksum (e.g. a crash right after a commit): Delta's own, slower way
    return JavaConverters.seqAsJavaList(known).stream()
        .filter(txn -> txn.appId().equals(appId)).mapToLong(SetTransaction::version).max().orElse(-1);
  }

  /** The rows with the table's columns in its order, or null when their columns or types differ from the table's. */
  private static Dataset<Row> inTableOrder(Dataset<Row> rows, StructType table) {
    Set<String> rowColumns = Set.of(rows.columns());
    if (!rowColumns.equals(Arrays.stream(table.fieldNames()).collect(Collectors.toSet()))) {
      return null;
    }
    Dataset<Row> ordered = rows.select(Arrays.stream(table.fieldNames()).map(rows::col).toArray(Column[]::new));
    return DataType.equalsIgnoreNullability(ordered.schema(), table) ? ordered : null;
  }

  private static void writerAppend(Dataset<Row> rows, String path, String partitionColumn, String appId, long batchId) {
    rows.write().format("delta").mode("append")
        .option("txnAppId", appId)
        .option("txnVersion", batchId)
        .option("mergeSchema", "true") // a contract's schema that evolved adds its new columns
        .partitionBy(partitionColumn)
        .save(path);
  }
}
