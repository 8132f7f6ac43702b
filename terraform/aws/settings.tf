# The ASSAY_* settings of a cloud run, in one map: the EMR Serverless application hands them to every
# job's driver, and outputs.tf shows each one. Credentials are references that EMR resolves from
# Secrets Manager when a job starts, never values.

locals {
  secret_reference = { for setting, secret in aws_secretsmanager_secret.credential : setting => "EMR.secret@${secret.arn}" }

  assay_settings = {
    ASSAY_LAKE_ROOT               = "s3a://${module.lake_bucket.name}/${var.lake_prefix}"
    ASSAY_CHECKPOINT_ROOT         = "s3a://${module.checkpoint_bucket.name}/${var.checkpoint_prefix}"
    ASSAY_KAFKA_BOOTSTRAP         = local.msk ? data.aws_msk_bootstrap_brokers.assay[0].bootstrap_brokers_sasl_iam : var.confluent_bootstrap_servers
    ASSAY_KAFKA_SECURITY_PROTOCOL = "SASL_SSL"
    ASSAY_KAFKA_SASL_MECHANISM    = local.msk ? "AWS_MSK_IAM" : "PLAIN"
    ASSAY_KAFKA_REPLICATION       = tostring(var.kafka_replication)
    ASSAY_KAFKA_API_KEY           = lookup(local.secret_reference, "ASSAY_KAFKA_API_KEY", "")
    ASSAY_KAFKA_API_SECRET        = lookup(local.secret_reference, "ASSAY_KAFKA_API_SECRET", "")
    ASSAY_REGISTRY_URL            = var.schema_registry_url
    ASSAY_REGISTRY_API_KEY        = lookup(local.secret_reference, "ASSAY_REGISTRY_API_KEY", "")
    ASSAY_REGISTRY_API_SECRET     = lookup(local.secret_reference, "ASSAY_REGISTRY_API_SECRET", "")
  }

  jar_uri = "s3://${module.lake_bucket.name}/${var.artifacts_prefix}/assay-spark.jar"
}
