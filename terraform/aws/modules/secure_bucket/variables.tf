variable "name" {
  type        = string
  description = "Name of the bucket (globally unique across AWS)."
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of the KMS key that encrypts every object by default."
}

variable "noncurrent_version_days" {
  type        = number
  description = "Days a replaced or deleted object version is kept before it expires (undo window for overwrites and Delta VACUUM)."
}

variable "abort_incomplete_upload_days" {
  type        = number
  description = "Days after which unfinished multipart uploads are aborted and their parts deleted."
  default     = 7
}

variable "expire_prefixes" {
  type        = map(number)
  description = "Key prefixes whose current objects expire after the given number of days (e.g. abandoned staging files); empty for none."
  default     = {}
}

variable "force_destroy" {
  type        = bool
  description = "Whether terraform destroy may delete a bucket that still holds objects (keep false for a real lake)."
  default     = false
}
