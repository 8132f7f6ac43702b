terraform {
  # 1.11: write-only arguments, so secret values given here never reach the state.
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.aws_region
  # Tags on everything this root creates, child modules included.
  default_tags {
    tags = merge({ project = "assay" }, var.tags)
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}
