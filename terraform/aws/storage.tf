module "lake_bucket" {
  source                  = "./modules/secure_bucket"
  name                    = var.lake_bucket_name
  kms_key_arn             = aws_kms_key.assay.arn
  noncurrent_version_days = var.noncurrent_version_days
  # Promotion stages Silver and Gold under <lake>/_staging/ and removes them after each run.
  expire_prefixes = { "${var.lake_prefix}/_staging/" = var.staging_expiry_days }
}

# Checkpoints are never expired while current: Spark removes old offsets and commits itself, and a lost
# current file would replay or skip batches. Only the versions Spark deletes age out.
module "checkpoint_bucket" {
  source                  = "./modules/secure_bucket"
  name                    = var.checkpoint_bucket_name
  kms_key_arn             = aws_kms_key.assay.arn
  noncurrent_version_days = var.noncurrent_version_days
}
