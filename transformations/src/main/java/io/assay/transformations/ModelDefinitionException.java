package io.assay.transformations;

/** A model file that cannot be run as written: bad header, unknown table, syntax error, cycle. */
public final class ModelDefinitionException extends RuntimeException {
  public ModelDefinitionException(String message) {
    super(message);
  }

  public ModelDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
