package io.assay.quality;

import com.amazon.deequ.checks.Check;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.apache.spark.sql.Column;

/**
 * A check ready to run: the Deequ check (absent for checks Deequ cannot express, such as referential
 * ones), the bound as a readable string, how to print the observed metric, and any helper columns the
 * Deequ check reads (added to the data once, so they are computed in the same pass).
 */
record CompiledCheck(
    CheckDefinition definition,
    Optional<Check> deequCheck,
    String bound,
    DoubleFunction<String> observedFormat,
    Map<String, Column> helperColumns) {}
