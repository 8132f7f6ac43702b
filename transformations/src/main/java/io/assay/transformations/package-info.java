/**
 * Silver and Gold as Spark SQL models: one {@code .sql} file per model, a header that says how the
 * model is keyed and kept up to date, and a runner that stages each model's change before it is
 * committed so a gate can verify exactly what will be written.
 */
package io.assay.transformations;
