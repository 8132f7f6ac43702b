# Every name is a variable. The lake, Kafka and the registry are made elsewhere (terraform/aws, Confluent
# Cloud, ...); this root only runs the jar on Databricks against them.

variable "databricks_host" {
  type        = string
  description = "URL of the Databricks workspace (https://<workspace>.cloud.databricks.com)."
}

variable "tags" {
  type        = map(string)
  description = "Tags on the jobs and their clusters (cluster tags reach the cloud provider's VMs), besides project = assay."
  default     = {}
}

variable "jar_path" {
  type        = string
  description = "Where cli/target/assay-spark.jar is uploaded: a Unity Catalog volume (/Volumes/<catalog>/<schema>/<volume>/assay-spark.jar) or s3://... (runtime 16 no longer installs jars from DBFS)."
}

variable "job_name_prefix" {
  type        = string
  description = "Prefix of the job names: <prefix>-ingest, <prefix>-pipeline, <prefix>-quality-checks."
  default     = "assay"
}

variable "spark_version" {
  type        = string
  description = "Databricks runtime of the job clusters; it must carry Spark 3.5 with Scala 2.12 and Java 17 (16.4 LTS, Spark 3.5.2, does; 17.x is Spark 4)."
  default     = "16.4.x-scala2.12"
}

variable "node_type_id" {
  type        = string
  description = "Instance type of the job clusters' driver and workers."
  default     = "m6i.xlarge"
}

variable "num_workers" {
  type        = number
  description = "Workers per job cluster."
  default     = 2
}

variable "instance_profile_arn" {
  type        = string
  description = "Instance profile the clusters use to reach the S3 lake (e.g. one allowed on the buckets terraform/aws made); empty for none (Unity Catalog external locations, or another cloud)."
  default     = ""
}

variable "continuous_ingest" {
  type        = bool
  description = "Whether ingest runs as a continuous streaming job (restarted by Databricks); false drains Kafka with ingest --available-now at the start of the daily pipeline instead."
  default     = true
}

variable "ingest_trigger" {
  type        = string
  description = "Micro-batch interval of the continuous ingest job (ingest --trigger)."
  default     = "30s"
}

variable "pipeline_cron" {
  type        = string
  description = "Quartz cron of the daily pipeline job (transform: Bronze gate, Silver, Silver gate, Gold, Gold gate)."
  default     = "0 0 2 * * ?"
}

variable "quality_checks_cron" {
  type        = string
  description = "Quartz cron of the quality-checks job (gate --layer all over the committed tables)."
  default     = "0 15 * * * ?"
}

variable "timezone" {
  type        = string
  description = "Time zone of the two schedules."
  default     = "UTC"
}

variable "secret_scope_name" {
  type        = string
  description = "Name of the Databricks secret scope holding the Kafka and registry credentials."
  default     = "assay"
}

variable "secret_keys" {
  type        = map(string)
  description = "Key in the secret scope per credential setting."
  default = {
    ASSAY_KAFKA_API_KEY       = "kafka-api-key"
    ASSAY_KAFKA_API_SECRET    = "kafka-api-secret"
    ASSAY_REGISTRY_API_KEY    = "registry-api-key"
    ASSAY_REGISTRY_API_SECRET = "registry-api-secret"
  }
}

variable "write_secret_values" {
  type        = bool
  description = "Whether Terraform writes secret_values into the scope; this stores them in the state (the Databricks provider has no write-only secret). False: put them with databricks secrets put-secret."
  default     = false
}

variable "secret_values" {
  type        = map(string)
  description = "Credential values keyed like secret_keys, used only when write_secret_values is true (then they are in the state: keep it encrypted)."
  default     = {}
  sensitive   = true
}

variable "lake_root" {
  type        = string
  description = "ASSAY_LAKE_ROOT: where the Delta tables live (e.g. terraform/aws's assay_lake_root, or an abfss:// or gs:// path)."
}

variable "checkpoint_root" {
  type        = string
  description = "ASSAY_CHECKPOINT_ROOT: where the streaming checkpoints live."
}

variable "kafka_bootstrap" {
  type        = string
  description = "ASSAY_KAFKA_BOOTSTRAP: Kafka's bootstrap servers (Confluent Cloud, MSK, ...)."
}

variable "kafka_security_protocol" {
  type        = string
  description = "ASSAY_KAFKA_SECURITY_PROTOCOL: SASL_SSL for Confluent Cloud and MSK."
  default     = "SASL_SSL"
}

variable "kafka_sasl_mechanism" {
  type        = string
  description = "ASSAY_KAFKA_SASL_MECHANISM: PLAIN for Confluent Cloud (with the API key and secret from the scope)."
  default     = "PLAIN"
}

variable "kafka_replication" {
  type        = number
  description = "ASSAY_KAFKA_REPLICATION: replication factor for topics Assay creates."
  default     = 3
}

variable "kafka_credentials" {
  type        = bool
  description = "Whether Kafka needs an API key and secret (Confluent Cloud: yes; MSK with IAM: no)."
  default     = true
}

variable "registry_url" {
  type        = string
  description = "ASSAY_REGISTRY_URL: a Confluent-compatible schema registry."
}

variable "registry_auth" {
  type        = bool
  description = "Whether the registry needs basic auth (an API key and secret, as on Confluent Cloud)."
  default     = true
}
