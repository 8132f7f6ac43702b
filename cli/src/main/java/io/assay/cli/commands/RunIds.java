package io.assay.cli.commands;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids that sort by time and do not collide: {@code 20261124T120000-3f9a}. */
public final class RunIds {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private RunIds() {}

  public static String next() {
    return FORMAT.format(LocalDateTime.now(ZoneOffset.UTC)) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
