# The EMR Serverless application (Spark 3.5) that runs the jar's ingest, transform and gate commands,
# the role those jobs run as, and their log group.

resource "aws_cloudwatch_log_group" "jobs" {
  name              = var.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.assay.arn
}

resource "aws_emrserverless_application" "assay" {
  name          = var.emr_application_name
  release_label = var.emr_release_label
  type          = "spark"

  maximum_capacity {
    cpu    = var.emr_max_cpu
    memory = var.emr_max_memory
  }

  auto_start_configuration {
    enabled = true
  }

  auto_stop_configuration {
    enabled              = true
    idle_timeout_minutes = var.emr_idle_stop_minutes
  }

  network_configuration {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  monitoring_configuration {
    cloudwatch_logging_configuration {
      enabled            = true
      log_group_name     = aws_cloudwatch_log_group.jobs.name
      encryption_key_arn = aws_kms_key.assay.arn
    }
  }

  # Every job's driver gets the ASSAY_* settings as its environment, which is where the jar reads them.
  runtime_configuration {
    classification = "spark-defaults"
    properties = merge(
      { for setting, value in local.assay_settings : "spark.emr-serverless.driverEnv.${setting}" => value if value != "" },
      local.msk ? { "spark.jars.packages" = var.msk_iam_auth_package } : {},
    )
  }
}

data "aws_iam_policy_document" "emr_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["emr-serverless.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "emr_job" {
  name               = var.emr_job_role_name
  assume_role_policy = data.aws_iam_policy_document.emr_assume.json
}

# Least privilege: the two buckets, their key, the credentials' secrets, the MSK cluster's own topics,
# groups and transactional ids, and the job log group. Nothing is granted on "*".
data "aws_iam_policy_document" "emr_job" {
  statement {
    sid       = "ListTheBuckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [module.lake_bucket.arn, module.checkpoint_bucket.arn]
  }

  statement {
    sid = "ReadWriteTablesJarAndCheckpoints"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = ["${module.lake_bucket.arn}/*", "${module.checkpoint_bucket.arn}/*"]
  }

  statement {
    sid       = "UseTheBucketKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.assay.arn]
  }

  dynamic "statement" {
    for_each = length(aws_secretsmanager_secret.credential) > 0 ? [1] : []
    content {
      sid       = "ReadTheCredentials"
      actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      resources = [for secret in aws_secretsmanager_secret.credential : secret.arn]
    }
  }

  statement {
    sid       = "WriteJobLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.jobs.arn}:*"]
  }

  statement {
    sid       = "FindTheLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }

  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid       = "ConnectToTheCluster"
      actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
      resources = [aws_msk_serverless_cluster.assay[0].arn]
    }
  }

  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid = "ReadAndWriteAssayTopics"
      actions = [
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:CreateTopic",
        "kafka-cluster:ReadData",
        "kafka-cluster:WriteData",
      ]
      resources = [for topic in var.kafka_topics : "${format(local.msk_resource_base, "topic")}/${topic}"]
    }
  }

  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      # Spark names its consumer groups per query, so groups are the cluster's; the dead-letter writer's
      # transactional ids are assay-dlq-<ASSAY_INGEST_APP_ID>.
      sid = "ConsumerGroupsAndDeadLetterTransactions"
      actions = [
        "kafka-cluster:DescribeGroup",
        "kafka-cluster:AlterGroup",
        "kafka-cluster:DescribeTransactionalId",
        "kafka-cluster:AlterTransactionalId",
      ]
      resources = [
        "${format(local.msk_resource_base, "group")}/*",
        "${format(local.msk_resource_base, "transactional-id")}/assay-dlq-*",
      ]
    }
  }
}

resource "aws_iam_role_policy" "emr_job" {
  name   = var.emr_job_role_name
  role   = aws_iam_role.emr_job.id
  policy = data.aws_iam_policy_document.emr_job.json
}
