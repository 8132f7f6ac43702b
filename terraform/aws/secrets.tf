# The Kafka and registry credentials live in Secrets Manager, one plain-text secret per setting, so EMR
# Serverless can resolve each into the job's environment (EMR.secret@<arn>) when the job starts.
# Values never enter the Terraform state: the secrets are created empty (fill them with
# aws secretsmanager put-secret-value), or written from an ephemeral variable through a write-only argument.

locals {
  credential_settings = concat(
    local.msk ? [] : ["ASSAY_KAFKA_API_KEY", "ASSAY_KAFKA_API_SECRET"],
    var.registry_auth ? ["ASSAY_REGISTRY_API_KEY", "ASSAY_REGISTRY_API_SECRET"] : [],
  )
}

resource "aws_secretsmanager_secret" "credential" {
  for_each                = toset(local.credential_settings)
  name                    = var.secret_names[each.key]
  description             = "Assay: the value of ${each.key}"
  kms_key_id              = aws_kms_key.assay.arn
  recovery_window_in_days = var.secret_recovery_days
}

resource "aws_secretsmanager_secret_version" "credential" {
  for_each                 = { for setting, secret in aws_secretsmanager_secret.credential : setting => secret.id if var.write_secret_values }
  secret_id                = each.value
  secret_string_wo         = var.secret_values[each.key]
  secret_string_wo_version = var.secret_values_version
}
