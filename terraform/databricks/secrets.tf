# A secret scope for the Kafka and registry credentials; the job clusters read them into their
# environment through {{secrets/<scope>/<key>}} references, so values never appear in a job's settings.

locals {
  credential_settings = concat(
    var.kafka_credentials ? ["ASSAY_KAFKA_API_KEY", "ASSAY_KAFKA_API_SECRET"] : [],
    var.registry_auth ? ["ASSAY_REGISTRY_API_KEY", "ASSAY_REGISTRY_API_SECRET"] : [],
  )
  secret_reference = { for setting in local.credential_settings : setting => "{{secrets/${databricks_secret_scope.assay.name}/${var.secret_keys[setting]}}}" }
}

resource "databricks_secret_scope" "assay" {
  name = var.secret_scope_name
}

resource "databricks_secret" "credential" {
  for_each     = var.write_secret_values ? toset(local.credential_settings) : toset([])
  scope        = databricks_secret_scope.assay.name
  key          = var.secret_keys[each.key]
  string_value = var.secret_values[each.key]
}
