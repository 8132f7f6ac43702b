output "name" {
  description = "Name of the bucket."
  value       = aws_s3_bucket.this.bucket
}

output "arn" {
  description = "ARN of the bucket (objects are this ARN followed by /key)."
  value       = aws_s3_bucket.this.arn
}
