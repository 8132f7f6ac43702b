/**
 * Declarative gates: one YAML file of checks per table per layer, compiled into Deequ verification
 * suites by {@link io.assay.quality.DeequCheckCompiler} and run by {@link io.assay.quality.GateRunner}.
 */
package io.assay.quality;
