# Every name is a variable; defaults are given where a name need not be globally unique.

variable "aws_region" {
  type        = string
  description = "AWS region for every resource (e.g. eu-west-1)."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource, besides project = assay (e.g. owner, environment, cost centre)."
  default     = {}
}

# --- storage ---

variable "lake_bucket_name" {
  type        = string
  description = "Name of the S3 bucket holding the Delta tables (Bronze, dead letters, Silver, Gold, quality results) and the jar; globally unique."
}

variable "checkpoint_bucket_name" {
  type        = string
  description = "Name of the S3 bucket holding the streaming checkpoints; globally unique. Apart from the lake so its lifecycle and access can differ."
}

variable "lake_prefix" {
  type        = string
  description = "Key prefix of the lake inside the lake bucket (ASSAY_LAKE_ROOT is s3a://<bucket>/<prefix>)."
  default     = "lake"
}

variable "checkpoint_prefix" {
  type        = string
  description = "Key prefix of the checkpoints inside the checkpoint bucket (ASSAY_CHECKPOINT_ROOT is s3a://<bucket>/<prefix>)."
  default     = "checkpoints"
}

variable "artifacts_prefix" {
  type        = string
  description = "Key prefix in the lake bucket where assay-spark.jar is uploaded."
  default     = "artifacts"
}

variable "kms_key_alias" {
  type        = string
  description = "Alias of the KMS key that encrypts the buckets, the secrets and the log group (must start with alias/)."
  default     = "alias/assay"
}

variable "noncurrent_version_days" {
  type        = number
  description = "Days an overwritten or deleted object version is kept (undo window; Delta VACUUM and Spark's checkpoint clean-up delete files)."
  default     = 30
}

variable "staging_expiry_days" {
  type        = number
  description = "Days after which files left under the lake's _staging/ folder (a promotion that stopped before its clean-up) expire."
  default     = 7
}

# --- network (MSK Serverless and the EMR Serverless application live in your VPC) ---

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets (two or more, in different zones) for the EMR Serverless application, MSK Serverless and MWAA; they need a NAT or VPC endpoints to reach S3, Secrets Manager, CloudWatch and Confluent Cloud."
  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "MSK Serverless and MWAA need at least two subnets in different availability zones."
  }
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups for the EMR Serverless application, MSK Serverless and MWAA; they must allow the application to reach MSK on port 9098 (IAM auth)."
}

# --- Kafka and the schema registry ---

variable "kafka_mode" {
  type        = string
  description = "Where Kafka runs: msk (an MSK Serverless cluster created here, IAM auth) or confluent (Confluent Cloud endpoints given below, SASL PLAIN with an API key)."
  default     = "msk"
  validation {
    condition     = contains(["msk", "confluent"], var.kafka_mode)
    error_message = "kafka_mode must be msk or confluent."
  }
}

variable "msk_cluster_name" {
  type        = string
  description = "Name of the MSK Serverless cluster (kafka_mode = msk)."
  default     = "assay"
}

variable "kafka_topics" {
  type        = list(string)
  description = "Topics the jobs may read and write on MSK (the four event topics and the dead-letter topic); the IAM policy names only these."
  default     = ["orders", "clickstream", "payments", "weather", "dead-letter-queue"]
}

variable "confluent_bootstrap_servers" {
  type        = string
  description = "Confluent Cloud bootstrap servers, host:port (kafka_mode = confluent)."
  default     = ""
}

variable "kafka_replication" {
  type        = number
  description = "Replication factor for topics Assay creates (3 on MSK and Confluent Cloud)."
  default     = 3
}

variable "schema_registry_url" {
  type        = string
  description = "URL of a Confluent-compatible schema registry (e.g. Confluent Cloud's https://psrc-....confluent.cloud); AWS Glue Schema Registry does not speak that API."
}

variable "registry_auth" {
  type        = bool
  description = "Whether the schema registry needs basic auth (an API key and secret, as on Confluent Cloud)."
  default     = true
}

# --- secrets ---

variable "secret_names" {
  type        = map(string)
  description = "Secrets Manager name per credential setting; only those the chosen Kafka mode and registry_auth need are created."
  default = {
    ASSAY_KAFKA_API_KEY       = "assay/kafka-api-key"
    ASSAY_KAFKA_API_SECRET    = "assay/kafka-api-secret"
    ASSAY_REGISTRY_API_KEY    = "assay/registry-api-key"
    ASSAY_REGISTRY_API_SECRET = "assay/registry-api-secret"
  }
}

variable "write_secret_values" {
  type        = bool
  description = "Whether Terraform writes secret_values into the secrets (write-only, never stored in the state); false leaves them empty for aws secretsmanager put-secret-value."
  default     = false
}

variable "secret_values" {
  type        = map(string)
  description = "Credential values keyed like secret_names, used only when write_secret_values is true; ephemeral and write-only, so they never reach the state or the plan file."
  default     = {}
  sensitive   = true
  ephemeral   = true
}

variable "secret_values_version" {
  type        = number
  description = "Raise by one to write secret_values again (write-only values cannot be compared with what is stored)."
  default     = 1
}

variable "secret_recovery_days" {
  type        = number
  description = "Days a deleted secret can still be restored (7 to 30)."
  default     = 7
}

# --- EMR Serverless ---

variable "emr_application_name" {
  type        = string
  description = "Name of the EMR Serverless application that runs ingest, transform and gate."
  default     = "assay"
}

variable "emr_release_label" {
  type        = string
  description = "EMR release of the application; it must carry Spark 3.5 (emr-7.0.0 to emr-7.10.0 do; emr-7.10.0 has Spark 3.5.5)."
  default     = "emr-7.10.0"
}

variable "emr_job_role_name" {
  type        = string
  description = "Name of the IAM role the Spark jobs run as (least privilege: these buckets, the key, the cluster, the secrets, the log group)."
  default     = "assay-emr-job"
}

variable "emr_max_cpu" {
  type        = string
  description = "Most vCPU the application may use at once, over all its jobs (caps the bill)."
  default     = "16 vCPU"
}

variable "emr_max_memory" {
  type        = string
  description = "Most memory the application may use at once, over all its jobs."
  default     = "64 GB"
}

variable "emr_idle_stop_minutes" {
  type        = number
  description = "Minutes without jobs after which the application stops (it starts again on the next job)."
  default     = 15
}

variable "log_group_name" {
  type        = string
  description = "Name of the CloudWatch log group for the Spark drivers' and executors' logs."
  default     = "/aws/emr-serverless/assay"
}

variable "log_retention_days" {
  type        = number
  description = "Days the CloudWatch logs are kept."
  default     = 30
}

# --- MWAA (optional) ---

variable "mwaa_enabled" {
  type        = bool
  description = "Whether to create an MWAA environment whose DAG bucket receives airflow/dags."
  default     = false
}

variable "mwaa_environment_name" {
  type        = string
  description = "Name of the MWAA environment (mwaa_enabled)."
  default     = "assay"
}

variable "mwaa_dag_bucket_name" {
  type        = string
  description = "Name of MWAA's DAG bucket; MWAA requires it to start with airflow- (mwaa_enabled; globally unique)."
  default     = ""
}

variable "mwaa_execution_role_name" {
  type        = string
  description = "Name of the IAM role MWAA runs as (mwaa_enabled)."
  default     = "assay-mwaa"
}

variable "mwaa_airflow_version" {
  type        = string
  description = "Airflow version of the MWAA environment; must be one MWAA offers and one the DAGs support."
  default     = "3.0.6"
}

variable "mwaa_environment_class" {
  type        = string
  description = "MWAA environment size (mw1.micro, mw1.small, ...)."
  default     = "mw1.small"
}

variable "msk_iam_auth_package" {
  type        = string
  description = "Maven coordinates of AWS's MSK IAM login module, added to every job when kafka_mode = msk (the jar does not bundle it; the subnets need a route to Maven Central, or replace this with spark.jars on a copy in S3)."
  default     = "software.amazon.msk:aws-msk-iam-auth:2.2.0"
}
