package io.assay.transformations;

/** A model's input table does not exist yet, so the step that writes it has to run first. */
public final class MissingSourceTableException extends RuntimeException {
  private final String table;
  private final String path;

  public MissingSourceTableException(String model, String table, String path, String fix) {
    super("model " + model + " reads " + table + ", but there is no Delta table at " + path + ": " + fix);
    this.table = table;
    this.path = path;
  }

  public String table() {
    return table;
  }

  public String path() {
    return path;
  }
}
