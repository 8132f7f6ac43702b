package io.assay.cli.commands;

import io.assay.ingestion.deadletter.DeadLetterFilter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The filters every {@code assay dlq} command takes. */
final class DeadLetterFilterOptions {
  @Option(names = "--since", description = "only dead letters that arrived on or after this day (YYYY-MM-DD, UTC)")
  String since;

  @Option(names = "--topic", description = "only this source topic (repeatable)")
  List<String> topics = new ArrayList<>();

  @Option(names = "--category", description = "only this category, e.g. INVALID_ENUM_VALUE (repeatable)")
  List<String> categories = new ArrayList<>();

  DeadLetterFilter filter() {
    Optional<LocalDate> day;
    try {
      day = Optional.ofNullable(since).map(LocalDate::parse);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since '" + since + "' is not a day such as 2026-11-30");
    }
    return new DeadLetterFilter(day, topics, categories);
  }
}
