# One output per ASSAY_* setting of a cloud run (assay_<setting>), each the value that setting takes in
# this deployment; then what is needed to upload the jar and start the jobs.

output "assay_lake_root" {
  description = "ASSAY_LAKE_ROOT: where the Delta tables live."
  value       = local.assay_settings["ASSAY_LAKE_ROOT"]
}

output "assay_checkpoint_root" {
  description = "ASSAY_CHECKPOINT_ROOT: where the streaming checkpoints live."
  value       = local.assay_settings["ASSAY_CHECKPOINT_ROOT"]
}

output "assay_kafka_bootstrap" {
  description = "ASSAY_KAFKA_BOOTSTRAP: MSK Serverless's IAM bootstrap servers, or Confluent Cloud's."
  value       = local.assay_settings["ASSAY_KAFKA_BOOTSTRAP"]
}

output "assay_kafka_security_protocol" {
  description = "ASSAY_KAFKA_SECURITY_PROTOCOL: SASL_SSL on both MSK and Confluent Cloud."
  value       = local.assay_settings["ASSAY_KAFKA_SECURITY_PROTOCOL"]
}

output "assay_kafka_sasl_mechanism" {
  description = "ASSAY_KAFKA_SASL_MECHANISM: AWS_MSK_IAM on MSK, PLAIN on Confluent Cloud."
  value       = local.assay_settings["ASSAY_KAFKA_SASL_MECHANISM"]
}

output "assay_kafka_replication" {
  description = "ASSAY_KAFKA_REPLICATION: replication factor for the topics Assay creates."
  value       = local.assay_settings["ASSAY_KAFKA_REPLICATION"]
}

output "assay_kafka_api_key" {
  description = "ASSAY_KAFKA_API_KEY: EMR.secret@<secret ARN> on Confluent Cloud (EMR resolves it when a job starts); empty on MSK, whose IAM auth needs none."
  value       = local.assay_settings["ASSAY_KAFKA_API_KEY"]
}

output "assay_kafka_api_secret" {
  description = "ASSAY_KAFKA_API_SECRET: EMR.secret@<secret ARN> on Confluent Cloud; empty on MSK."
  value       = local.assay_settings["ASSAY_KAFKA_API_SECRET"]
}

output "assay_registry_url" {
  description = "ASSAY_REGISTRY_URL: the Confluent-compatible schema registry."
  value       = local.assay_settings["ASSAY_REGISTRY_URL"]
}

output "assay_registry_api_key" {
  description = "ASSAY_REGISTRY_API_KEY: EMR.secret@<secret ARN> when registry_auth; empty otherwise."
  value       = local.assay_settings["ASSAY_REGISTRY_API_KEY"]
}

output "assay_registry_api_secret" {
  description = "ASSAY_REGISTRY_API_SECRET: EMR.secret@<secret ARN> when registry_auth; empty otherwise."
  value       = local.assay_settings["ASSAY_REGISTRY_API_SECRET"]
}

output "credential_secret_arns" {
  description = "Secrets Manager ARN per credential setting, created empty unless write_secret_values: put each value with aws secretsmanager put-secret-value --secret-id <arn> --secret-string <value>."
  value       = { for setting, secret in aws_secretsmanager_secret.credential : setting => secret.arn }
}

output "jar_s3_uri" {
  description = "Where to upload cli/target/assay-spark.jar (aws s3 cp cli/target/assay-spark.jar <this>)."
  value       = local.jar_uri
}

output "emr_application_id" {
  description = "ID of the EMR Serverless application."
  value       = aws_emrserverless_application.assay.id
}

output "emr_job_role_arn" {
  description = "ARN of the role the jobs run as (start-job-run --execution-role-arn)."
  value       = aws_iam_role.emr_job.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the jobs' drivers and executors."
  value       = aws_cloudwatch_log_group.jobs.name
}

output "start_job_run" {
  description = "Ready commands that start each Assay job on EMR Serverless: ingest as a streaming job (restarted by EMR on failure), transform and gate as batch jobs. The ASSAY_* settings come from the application."
  value = { for job, args in {
    ingest    = { mode = "STREAMING", args = ["ingest", "--trigger", "30s"] }
    transform = { mode = "BATCH", args = ["transform"] }
    gate      = { mode = "BATCH", args = ["gate", "--layer", "all"] }
    } : job => join(" ", [
      "aws emr-serverless start-job-run",
      "--application-id ${aws_emrserverless_application.assay.id}",
      "--execution-role-arn ${aws_iam_role.emr_job.arn}",
      "--name assay-${job} --mode ${args.mode}",
      "--job-driver '${jsonencode({ sparkSubmit = { entryPoint = local.jar_uri, entryPointArguments = args.args, sparkSubmitParameters = "--class io.assay.cli.Assay" } })}'",
  ]) }
}

output "spark_submit_example" {
  description = "The same ingest job with plain spark-submit (an EMR on EC2 primary node, or any Spark 3.5 with S3 access), the settings exported first."
  value = join("\n", concat(
    [for setting, value in local.assay_settings : "export ${setting}='${value}'" if value != "" && !startswith(value, "EMR.secret@")],
    ["# credentials: export ASSAY_KAFKA_API_KEY etc. from the secrets in credential_secret_arns",
    "spark-submit --class io.assay.cli.Assay ${local.msk ? "--packages ${var.msk_iam_auth_package} " : ""}${local.jar_uri} ingest --trigger 30s"],
  ))
}

output "mwaa_webserver_url" {
  description = "URL of the MWAA web server (inside the VPC), or null without MWAA."
  value       = var.mwaa_enabled ? aws_mwaa_environment.assay[0].webserver_url : null
}
