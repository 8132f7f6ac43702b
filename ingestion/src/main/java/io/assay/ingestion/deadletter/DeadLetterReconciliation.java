package io.assay.ingestion.deadletter;

import static org.apache.spark.sql.functions.col;

import io.assay.ingestion.bronze.BronzeBatchWriter;
import io.assay.lake.LakeLayout;
import io.assay.ingestion.bronze.RoutedSchema;
import io.assay.ingestion.ledger.Ledger;
import io.assay.ingestion.ledger.LedgerEntry;
import io.assay.ingestion.ledger.Outcome;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Every generated event accounted for once, after replays and discards: per topic, the ledger's events =
 * refused at the producer + not acknowledged by Kafka + Bronze as streamed + Bronze as replayed + dead
 * letters still open + dead letters discarded. Also: every replayed dead letter is in Bronze exactly
 * once, and every Bronze row marked replayed is a dead letter closed as replayed.
 */
public final class DeadLetterReconciliation {
  /** One topic's terms of the sum. */
  public record Terms(long generated, long rejectedAtProducer, long sendFailed, long bronzeStreamed, long bronzeReplayed,
      long openDeadLetters, long discarded) {
    public long accountedFor() {
      return rejectedAtProducer + sendFailed + bronzeStreamed + bronzeReplayed + openDeadLetters + discarded;
    }
  }

  /** One failed check, as the report records it. */
  public record Mismatch(String check, Object expected, Object actual) {}

  public record Result(Map<String, Terms> byTopic, Set<String> replayedPositions, List<Mismatch> mismatches) {}

  private DeadLetterReconciliation() {}

  public static Result reconcile(SparkSession spark, ContractCatalog catalog, LakeLayout lake, Ledger ledger) {
    Map<String, long[]> fromLedger = new TreeMap<>();
    for (LedgerEntry entry : ledger.entries()) {
      long[] c = fromLedger.computeIfAbsent(entry.topic(), t -> new long[3]);
      c[0]++;
      c[1] += entry.outcomeKind() == Outcome.REJECTED_AT_PRODUCER ? 1 : 0;
      c[2] += entry.outcomeKind() == Outcome.SEND_FAILED ? 1 : 0;
    }
    Map<String, long[]> deadByStatus = new TreeMap<>();
    for (Row row : DeadLetterState.load(spark, lake).groupBy("source_topic", "status").count().collectAsList()) {
      long[] c = deadByStatus.computeIfAbsent(row.getString(0), t -> new long[3]);
      c[switch (row.getString(1)) {
        case DeadLetterState.OPEN -> 0;
        case ResolutionTable.REPLAYED -> 1;
        default -> 2;
      }] += row.getLong(2);
    }
    Set<String> replayedPositions = new TreeSet<>();
    List<Mismatch> mismatches = new ArrayList<>();
    Map<String, Terms> byTopic = new TreeMap<>();
    for (Contract contract : catalog.contracts()) {
      String topic = contract.topic();
      Dataset<Row> bronze = spark.read().format("delta").load(lake.bronzeTable(topic));
      long all = bronze.count();
      Dataset<Row> replayed = bronze.filter(col(BronzeBatchWriter.REPLAY_RUN_COLUMN).isNotNull())
          .select(RoutedSchema.TOPIC, RoutedSchema.PARTITION, RoutedSchema.OFFSET);
      List<Row> positions = replayed.collectAsList();
      positions.forEach(p -> replayedPositions.add(position(p.getString(0), p.getInt(1), p.getLong(2))));
      long[] l = fromLedger.getOrDefault(topic, new long[3]);
      long[] d = deadByStatus.getOrDefault(topic, new long[3]);
      Terms terms = new Terms(l[0], l[1], l[2], all - positions.size(), positions.size(), d[0], d[2]);
      byTopic.put(topic, terms);
      check(mismatches, "dead_letters_accounted_for." + topic, terms.generated(), terms.accountedFor());
      check(mismatches, "replayed_dead_letters_in_bronze." + topic, d[1], (long) positions.size());
      check(mismatches, "replayed_rows_unique." + topic, (long) positions.size(), replayed.distinct().count());
    }
    return new Result(byTopic, replayedPositions, mismatches);
  }

  /** A Kafka position as text, {@code topic:partition:offset}, as the ledger and Silver's dead-letter ids write it. */
  public static String position(String topic, int partition, long offset) {
    return topic + ":" + partition + ":" + offset;
  }

  private static void check(List<Mismatch> mismatches, String check, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      mismatches.add(new Mismatch(check, expected, actual));
    }
  }
}
