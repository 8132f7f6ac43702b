package io.assay.schemas.contract;

/** A contract or schema file that cannot be loaded; the message names the file and the field. */
public class ContractDefinitionException extends RuntimeException {
  public ContractDefinitionException(String message) {
    super(message);
  }

  public ContractDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
