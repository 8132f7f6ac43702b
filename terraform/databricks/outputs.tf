# One output per ASSAY_* setting of a cloud run (assay_<setting>): the value the job clusters get.

output "assay_lake_root" {
  description = "ASSAY_LAKE_ROOT given to the job clusters."
  value       = local.assay_settings["ASSAY_LAKE_ROOT"]
}

output "assay_checkpoint_root" {
  description = "ASSAY_CHECKPOINT_ROOT given to the job clusters."
  value       = local.assay_settings["ASSAY_CHECKPOINT_ROOT"]
}

output "assay_kafka_bootstrap" {
  description = "ASSAY_KAFKA_BOOTSTRAP given to the job clusters."
  value       = local.assay_settings["ASSAY_KAFKA_BOOTSTRAP"]
}

output "assay_kafka_security_protocol" {
  description = "ASSAY_KAFKA_SECURITY_PROTOCOL given to the job clusters."
  value       = local.assay_settings["ASSAY_KAFKA_SECURITY_PROTOCOL"]
}

output "assay_kafka_sasl_mechanism" {
  description = "ASSAY_KAFKA_SASL_MECHANISM given to the job clusters."
  value       = local.assay_settings["ASSAY_KAFKA_SASL_MECHANISM"]
}

output "assay_kafka_replication" {
  description = "ASSAY_KAFKA_REPLICATION given to the job clusters."
  value       = local.assay_settings["ASSAY_KAFKA_REPLICATION"]
}

output "assay_kafka_api_key" {
  description = "ASSAY_KAFKA_API_KEY: a {{secrets/<scope>/<key>}} reference the clusters resolve; empty when kafka_credentials is false."
  value       = local.assay_settings["ASSAY_KAFKA_API_KEY"]
}

output "assay_kafka_api_secret" {
  description = "ASSAY_KAFKA_API_SECRET: a {{secrets/<scope>/<key>}} reference; empty when kafka_credentials is false."
  value       = local.assay_settings["ASSAY_KAFKA_API_SECRET"]
}

output "assay_registry_url" {
  description = "ASSAY_REGISTRY_URL given to the job clusters."
  value       = local.assay_settings["ASSAY_REGISTRY_URL"]
}

output "assay_registry_api_key" {
  description = "ASSAY_REGISTRY_API_KEY: a {{secrets/<scope>/<key>}} reference; empty when registry_auth is false."
  value       = local.assay_settings["ASSAY_REGISTRY_API_KEY"]
}

output "assay_registry_api_secret" {
  description = "ASSAY_REGISTRY_API_SECRET: a {{secrets/<scope>/<key>}} reference; empty when registry_auth is false."
  value       = local.assay_settings["ASSAY_REGISTRY_API_SECRET"]
}

output "secret_put_commands" {
  description = "Commands that put each credential into the scope (when write_secret_values is false), the value read from standard input."
  value       = [for setting in local.credential_settings : "databricks secrets put-secret ${databricks_secret_scope.assay.name} ${var.secret_keys[setting]}  # ${setting}"]
}

output "job_ids" {
  description = "ID per Assay job (ingest, pipeline, quality-checks)."
  value       = { for name, job in databricks_job.assay : name => job.id }
}

output "run_now_commands" {
  description = "Commands that start each job now (the ingest job, being continuous, starts by itself once applied)."
  value       = { for name, job in databricks_job.assay : name => "databricks jobs run-now ${job.id}" }
}
