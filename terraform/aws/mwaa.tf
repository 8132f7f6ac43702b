# Optional: an MWAA environment whose DAG bucket receives airflow/dags, and the role it runs as (allowed
# to start, watch and cancel job runs on the application and to pass the job role, nothing wider).

locals {
  dags_dir  = "${path.module}/../../airflow/dags"
  dag_files = var.mwaa_enabled ? fileset(local.dags_dir, "**/*.py") : []
  mwaa_arn  = "arn:${local.partition}:airflow:${local.region}:${local.account_id}:environment/${var.mwaa_environment_name}"
}

module "dag_bucket" {
  count                   = var.mwaa_enabled ? 1 : 0
  source                  = "./modules/secure_bucket"
  name                    = var.mwaa_dag_bucket_name
  kms_key_arn             = aws_kms_key.assay.arn
  noncurrent_version_days = var.noncurrent_version_days
}

resource "aws_s3_object" "dag" {
  for_each    = toset(local.dag_files)
  bucket      = module.dag_bucket[0].name
  key         = "dags/${each.value}"
  source      = "${local.dags_dir}/${each.value}"
  source_hash = filemd5("${local.dags_dir}/${each.value}")
}

data "aws_iam_policy_document" "mwaa_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["airflow.amazonaws.com", "airflow-env.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "mwaa" {
  count              = var.mwaa_enabled ? 1 : 0
  name               = var.mwaa_execution_role_name
  assume_role_policy = data.aws_iam_policy_document.mwaa_assume.json
}

data "aws_iam_policy_document" "mwaa" {
  count = var.mwaa_enabled ? 1 : 0

  statement {
    sid       = "PublishMetrics"
    actions   = ["airflow:PublishMetrics"]
    resources = [local.mwaa_arn]
  }

  statement {
    sid       = "ReadTheDagBucket"
    actions   = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"]
    resources = [module.dag_bucket[0].arn, "${module.dag_bucket[0].arn}/*"]
  }

  statement {
    sid = "WriteAirflowLogs"
    actions = [
      "logs:CreateLogStream",
      "logs:CreateLogGroup",
      "logs:PutLogEvents",
      "logs:GetLogEvents",
      "logs:GetLogRecord",
      "logs:GetLogGroupFields",
      "logs:GetQueryResults",
    ]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:airflow-${var.mwaa_environment_name}-*"]
  }

  statement {
    sid       = "CeleryQueues"
    actions   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage"]
    resources = ["arn:${local.partition}:sqs:${local.region}:*:airflow-celery-*"]
  }

  statement {
    sid       = "UseTheKey"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"]
    resources = [aws_kms_key.assay.arn]
  }

  statement {
    sid       = "RunAssayJobs"
    actions   = ["emr-serverless:StartJobRun", "emr-serverless:GetJobRun", "emr-serverless:CancelJobRun", "emr-serverless:GetApplication"]
    resources = [aws_emrserverless_application.assay.arn, "${aws_emrserverless_application.assay.arn}/jobruns/*"]
  }

  statement {
    sid       = "PassTheJobRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.emr_job.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["emr-serverless.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "mwaa" {
  count  = var.mwaa_enabled ? 1 : 0
  name   = var.mwaa_execution_role_name
  role   = aws_iam_role.mwaa[0].id
  policy = data.aws_iam_policy_document.mwaa[0].json
}

resource "aws_mwaa_environment" "assay" {
  count              = var.mwaa_enabled ? 1 : 0
  name               = var.mwaa_environment_name
  airflow_version    = var.mwaa_airflow_version
  environment_class  = var.mwaa_environment_class
  execution_role_arn = aws_iam_role.mwaa[0].arn
  source_bucket_arn  = module.dag_bucket[0].arn
  dag_s3_path        = "dags/"
  # The Airflow UI only inside the VPC, as locally it binds to 127.0.0.1.
  webserver_access_mode = "PRIVATE_ONLY"

  network_configuration {
    subnet_ids         = slice(var.subnet_ids, 0, 2)
    security_group_ids = var.security_group_ids
  }

  logging_configuration {
    task_logs {
      enabled   = true
      log_level = "INFO"
    }
    scheduler_logs {
      enabled   = true
      log_level = "WARNING"
    }
  }

  depends_on = [aws_iam_role_policy.mwaa]
}

check "mwaa_dag_bucket_named" {
  assert {
    condition     = !var.mwaa_enabled || startswith(var.mwaa_dag_bucket_name, "airflow-")
    error_message = "mwaa_enabled needs mwaa_dag_bucket_name, starting with airflow- as MWAA requires."
  }
}
