# The jar's three commands as Databricks jobs, each on its own job cluster (Spark 3.5): ingest streaming
# continuously, the daily pipeline (transform, with ingest --available-now first when ingest is not
# continuous) and the hourly quality checks (gate --layer all). The same shape as the two Airflow DAGs.

locals {
  assay_settings = {
    ASSAY_LAKE_ROOT               = var.lake_root
    ASSAY_CHECKPOINT_ROOT         = var.checkpoint_root
    ASSAY_KAFKA_BOOTSTRAP         = var.kafka_bootstrap
    ASSAY_KAFKA_SECURITY_PROTOCOL = var.kafka_security_protocol
    ASSAY_KAFKA_SASL_MECHANISM    = var.kafka_sasl_mechanism
    ASSAY_KAFKA_REPLICATION       = tostring(var.kafka_replication)
    ASSAY_KAFKA_API_KEY           = lookup(local.secret_reference, "ASSAY_KAFKA_API_KEY", "")
    ASSAY_KAFKA_API_SECRET        = lookup(local.secret_reference, "ASSAY_KAFKA_API_SECRET", "")
    ASSAY_REGISTRY_URL            = var.registry_url
    ASSAY_REGISTRY_API_KEY        = lookup(local.secret_reference, "ASSAY_REGISTRY_API_KEY", "")
    ASSAY_REGISTRY_API_SECRET     = lookup(local.secret_reference, "ASSAY_REGISTRY_API_SECRET", "")
  }

  # Each job: its schedule (cron) or continuous run, and its tasks in order (each depends on the one before).
  jobs = {
    ingest = {
      cron       = null
      continuous = true
      tasks      = [{ key = "ingest", args = ["ingest", "--trigger", var.ingest_trigger] }]
    }
    pipeline = {
      cron       = var.pipeline_cron
      continuous = false
      tasks = concat(
        var.continuous_ingest ? [] : [{ key = "ingest", args = ["ingest", "--available-now"] }],
        [{ key = "transform", args = ["transform"] }],
      )
    }
    quality-checks = {
      cron       = var.quality_checks_cron
      continuous = false
      tasks      = [{ key = "gate", args = ["gate", "--layer", "all"] }]
    }
  }
  active_jobs = { for name, job in local.jobs : name => job if name != "ingest" || var.continuous_ingest }
}

resource "databricks_job" "assay" {
  for_each = local.active_jobs
  name     = "${var.job_name_prefix}-${each.key}"
  tags     = merge({ project = "assay" }, var.tags)
  # One run at a time: two runs of a job would share a checkpoint or race on a promotion.
  max_concurrent_runs = 1

  dynamic "schedule" {
    for_each = each.value.cron == null ? [] : [each.value.cron]
    content {
      quartz_cron_expression = schedule.value
      timezone_id            = var.timezone
    }
  }

  dynamic "continuous" {
    for_each = each.value.continuous ? [1] : []
    content {
      pause_status = "UNPAUSED"
    }
  }

  job_cluster {
    job_cluster_key = "assay"
    new_cluster {
      spark_version  = var.spark_version
      node_type_id   = var.node_type_id
      num_workers    = var.num_workers
      custom_tags    = merge({ project = "assay" }, var.tags)
      spark_env_vars = { for setting, value in local.assay_settings : setting => value if value != "" }

      dynamic "aws_attributes" {
        for_each = var.instance_profile_arn == "" ? [] : [var.instance_profile_arn]
        content {
          instance_profile_arn = aws_attributes.value
        }
      }
    }
  }

  dynamic "task" {
    for_each = each.value.tasks
    content {
      task_key        = task.value.key
      job_cluster_key = "assay"

      dynamic "depends_on" {
        for_each = task.key == 0 ? [] : [each.value.tasks[task.key - 1].key]
        content {
          task_key = depends_on.value
        }
      }

      spark_jar_task {
        main_class_name = "io.assay.cli.Assay"
        parameters      = task.value.args
      }

      library {
        jar = var.jar_path
      }
    }
  }
}
