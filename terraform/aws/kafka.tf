# Kafka is either an MSK Serverless cluster made here (IAM auth, the only kind it offers) or Confluent
# Cloud, whose cluster is made in Confluent's own console or provider; only its endpoints come in here.

resource "aws_msk_serverless_cluster" "assay" {
  count        = var.kafka_mode == "msk" ? 1 : 0
  cluster_name = var.msk_cluster_name

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

data "aws_msk_bootstrap_brokers" "assay" {
  count       = var.kafka_mode == "msk" ? 1 : 0
  cluster_arn = aws_msk_serverless_cluster.assay[0].arn
}

locals {
  msk = var.kafka_mode == "msk"
  # ARN pieces of the cluster's topics, groups and transactional ids, for the IAM policy.
  msk_resource_base = local.msk ? "arn:${local.partition}:kafka:${local.region}:${local.account_id}:%s/${var.msk_cluster_name}/${aws_msk_serverless_cluster.assay[0].cluster_uuid}" : ""
}

check "confluent_endpoints_given" {
  assert {
    condition     = var.kafka_mode != "confluent" || var.confluent_bootstrap_servers != ""
    error_message = "kafka_mode = confluent needs confluent_bootstrap_servers."
  }
}
