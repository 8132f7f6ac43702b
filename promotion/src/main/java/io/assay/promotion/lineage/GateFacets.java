package io.assay.promotion.lineage;

import io.assay.quality.CheckDefinition;
import io.assay.quality.CheckOutcome;
import io.assay.quality.CheckStatus;
import io.assay.quality.GateReport;
import io.assay.quality.Severity;
import io.assay.quality.TableProfile;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.utils.DatasetIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gate report as OpenLineage's standard input facets on the table it judged: {@code dataQualityAssertions},
 * one assertion per check exactly as in {@code quality_results} (assertion = the check type, name = the
 * check's name; success only when the check held, so a warning that did not hold is not a success), and {@code dataQualityMetrics} from the Deequ pass.
 */
final class GateFacets {
  private GateFacets() {}

  static OpenLineage.InputDataset judgedTable(OpenLineage ol, DatasetIdentifier table, GateReport report) {
    List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> assertions = new ArrayList<>();
    for (CheckOutcome outcome : report.outcomes()) {
      Optional<CheckDefinition> definition = report.definition(outcome.checkName());
      OpenLineage.DataQualityAssertionsDatasetFacetAssertionsBuilder assertion = ol.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
          .assertion(definition.map(d -> d.type().yamlName()).orElse("check"))
          .name(outcome.checkName())
          .success(outcome.status() == CheckStatus.PASSED)
          .severity(outcome.severity() == Severity.ERROR ? "error" : "warn")
          .expected(outcome.bound())
          .actual(outcome.observed())
          .content(outcome.constraint())
          .contentType("deequ");
      report.columnOf(outcome.checkName()).ifPresent(assertion::column);
      definition.map(CheckDefinition::description).filter(d -> !d.isBlank()).ifPresent(assertion::description);
      assertions.add(assertion.build());
    }
    // Both are input facets in the spec: they describe the data as this run read and judged it.
    OpenLineage.InputDatasetInputFacets inputFacets = ol.newInputDatasetInputFacetsBuilder()
        .dataQualityAssertions(ol.newDataQualityAssertionsDatasetFacet(assertions))
        .dataQualityMetrics(metrics(ol, report.profile()))
        .build();
    return ol.newInputDataset(table.getNamespace(), table.getName(), null, inputFacets);
  }

  private static OpenLineage.DataQualityMetricsInputDatasetFacet metrics(OpenLineage ol, TableProfile profile) {
    OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsBuilder columns = ol.newDataQualityMetricsInputDatasetFacetColumnMetricsBuilder();
    for (Map.Entry<String, TableProfile.ColumnProfile> column : profile.columns().entrySet()) {
      TableProfile.ColumnProfile values = column.getValue();
      OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder metric =
          ol.newDataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder();
      values.nullCount().ifPresent(metric::nullCount);
      values.min().ifPresent(metric::min);
      values.max().ifPresent(metric::max);
      columns.put(column.getKey(), metric.build());
    }
    return ol.newDataQualityMetricsInputDatasetFacetBuilder().rowCount(profile.rowCount()).columnMetrics(columns.build()).build();
  }
}
