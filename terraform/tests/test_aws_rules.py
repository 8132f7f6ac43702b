"""terraform/aws keeps the rules of terraform_checks; each rule is also shown failing on a broken copy."""
import shutil

import pytest

from terraform_checks import bucket_problems, description_problems, literal_name_problems, policy_problems
from terraform_config import TERRAFORM, load_module


@pytest.fixture
def aws_copy(tmp_path):
    """A copy of terraform/aws to break."""
    copy = tmp_path / "aws"
    shutil.copytree(TERRAFORM / "aws", copy)
    return copy


def all_problems(root):
    return [p for module in load_module(root).with_children() for check in
            (bucket_problems, policy_problems, description_problems, literal_name_problems) for p in check(module)]


def test_aws_keeps_every_rule():
    assert all_problems(TERRAFORM / "aws") == []


def test_every_bucket_is_the_secure_bucket_module():
    root = load_module(TERRAFORM / "aws")
    buckets = [name for m in root.with_children() for name in m.of_type("aws_s3_bucket")]
    assert buckets == ["this"], "buckets are made only through modules/secure_bucket"
    sources = {call["source"] for call in root.module_calls.values()}
    assert sources == {"./modules/secure_bucket"}
    assert {"lake_bucket", "checkpoint_bucket", "dag_bucket"} <= set(root.module_calls)


def test_a_bucket_without_encryption_is_caught(aws_copy):
    main = aws_copy / "modules/secure_bucket/main.tf"
    text = main.read_text()
    start = text.index('resource "aws_s3_bucket_server_side_encryption_configuration"')
    end = text.index('resource "aws_s3_bucket_public_access_block"')
    main.write_text(text[:start] + text[end:])
    assert "secure_bucket: aws_s3_bucket.this has no default encryption" in all_problems(aws_copy)


def test_a_second_bare_bucket_is_caught(aws_copy):
    (aws_copy / "extra.tf").write_text('resource "aws_s3_bucket" "scratch" {\n  bucket = var.lake_bucket_name\n}\n')
    problems = all_problems(aws_copy)
    for what in ("versioning", "default encryption", "a public access block", "a bucket policy", "a lifecycle rule"):
        assert f"aws: aws_s3_bucket.scratch has no {what}" in problems


def test_an_open_public_access_flag_is_caught(aws_copy):
    main = aws_copy / "modules/secure_bucket/main.tf"
    main.write_text(main.read_text().replace("restrict_public_buckets = true", "restrict_public_buckets = false"))
    assert "secure_bucket: aws_s3_bucket.this: public access block leaves restrict_public_buckets off" in all_problems(aws_copy)


def test_a_policy_without_the_tls_condition_is_caught(aws_copy):
    main = aws_copy / "modules/secure_bucket/main.tf"
    main.write_text(main.read_text().replace('values   = ["false"]', 'values   = ["true"]'))
    assert "secure_bucket: aws_s3_bucket.this: bucket policy does not deny requests without TLS" in all_problems(aws_copy)


def test_s3_or_secrets_actions_on_star_are_caught(aws_copy):
    emr = aws_copy / "emr.tf"
    emr.write_text(emr.read_text()
                   .replace('resources = [module.lake_bucket.arn, module.checkpoint_bucket.arn]', 'resources = ["*"]')
                   .replace('resources = [for secret in aws_secretsmanager_secret.credential : secret.arn]', 'resources = ["*"]'))
    problems = all_problems(aws_copy)
    assert 'aws: aws_iam_policy_document.emr_job ListTheBuckets grants s3:ListBucket, s3:GetBucketLocation on "*"' in problems
    assert ('aws: aws_iam_policy_document.emr_job ReadTheCredentials grants secretsmanager:GetSecretValue, '
            'secretsmanager:DescribeSecret on "*"') in problems


def test_an_inline_json_policy_is_caught(aws_copy):
    emr = aws_copy / "emr.tf"
    emr.write_text(emr.read_text().replace(
        "policy = data.aws_iam_policy_document.emr_job.json",
        'policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })'))
    assert "aws: aws_iam_role_policy.emr_job.policy is not an aws_iam_policy_document" in all_problems(aws_copy)


def test_a_variable_without_description_and_a_literal_name_are_caught(aws_copy):
    (aws_copy / "extra.tf").write_text(
        'variable "undocumented" {\n  type = string\n}\n\n'
        'resource "aws_cloudwatch_log_group" "extra" {\n  name = "/assay/hard-coded"\n}\n')
    problems = all_problems(aws_copy)
    assert "aws: variable undocumented has no description" in problems
    assert "aws: aws_cloudwatch_log_group.extra.name is the literal '/assay/hard-coded', not a variable" in problems


def test_secret_values_never_reach_the_state():
    root = load_module(TERRAFORM / "aws")
    values = root.variables["secret_values"]
    assert values.get("ephemeral") is True and values.get("sensitive") is True
    assert values.get("default") == {}
    versions = root.of_type("aws_secretsmanager_secret_version")
    assert versions, "secret values are written by a secret version"
    for body in versions.values():
        assert "secret_string" not in body and "secret_binary" not in body
        assert body["secret_string_wo"].startswith("${var.secret_values")
        assert "var.write_secret_values" in body["for_each"], "created empty unless asked"


def test_everything_is_tagged_through_the_provider():
    provider = load_module(TERRAFORM / "aws").providers["aws"]
    tags = provider["default_tags"][0]["tags"]
    assert "var.tags" in tags and "assay" in tags


def test_emr_runs_spark_3_5():
    root = load_module(TERRAFORM / "aws")
    label = root.variables["emr_release_label"]["default"]
    major, minor = (int(x) for x in label.removeprefix("emr-").split(".")[:2])
    # EMR 7.0 to 7.10 carry Spark 3.5 (7.10.0: 3.5.5); Spark 4 would not run a Scala 2.12 jar.
    assert (major, minor) >= (7, 0) and (major, minor) <= (7, 10), label
    app = root.of_type("aws_emrserverless_application")["assay"]
    assert app["type"] == "spark" and app["release_label"] == "${var.emr_release_label}"


def test_the_job_role_is_trusted_only_by_emr_serverless_in_this_account():
    root = load_module(TERRAFORM / "aws")
    statement = root.data[("aws_iam_policy_document", "emr_assume")]["statement"][0]
    assert statement["principals"][0]["identifiers"] == ["emr-serverless.amazonaws.com"]
    assert statement["condition"][0]["variable"] == "aws:SourceAccount"
