package io.assay.schemas.contract;

import java.util.List;

/** What a contract says about one field path: required or not, its type and its rules. */
public record FieldContract(
    FieldPath path, boolean required, ContractType type, List<FieldRule> structural, List<FieldRule> business) {

  public FieldContract {
    structural = List.copyOf(structural);
    business = List.copyOf(business);
  }

  public String name() {
    return path.toString();
  }
}
