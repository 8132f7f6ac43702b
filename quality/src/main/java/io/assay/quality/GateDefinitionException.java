package io.assay.quality;

/**
 * A gate file that cannot be used as written: unknown check type or option, a column the table does
 * not have, a malformed regex or predicate. The message starts with {@code file:line:col: }.
 */
public final class GateDefinitionException extends RuntimeException {
  private final SourceLocation location;

  public GateDefinitionException(SourceLocation location, String problem) {
    super(location.prefix() + problem);
    this.location = location;
  }

  public SourceLocation location() {
    return location;
  }
}
