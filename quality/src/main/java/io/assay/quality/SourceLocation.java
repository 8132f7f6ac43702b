package io.assay.quality;

import com.fasterxml.jackson.core.JsonLocation;

/** Where in a gate file something was written, so load-time errors can point at it. */
public record SourceLocation(String file, int line, int column) {

  static SourceLocation of(String file, JsonLocation location) {
    return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
  }

  /** The {@code file:line:col: } prefix every {@link GateDefinitionException} message starts with. */
  public String prefix() {
    return file + ":" + line + ":" + column + ": ";
  }
}
