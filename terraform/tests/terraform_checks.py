"""The rules every Assay Terraform configuration keeps, as functions that list what breaks them (an
empty list: nothing does), so a test can run them on the real folders and on broken copies."""
from __future__ import annotations

import re

from terraform_config import Module, blocks, references

BUCKET_COMPANIONS = {
    "aws_s3_bucket_versioning": "versioning",
    "aws_s3_bucket_server_side_encryption_configuration": "default encryption",
    "aws_s3_bucket_public_access_block": "a public access block",
    "aws_s3_bucket_policy": "a bucket policy",
    "aws_s3_bucket_lifecycle_configuration": "a lifecycle rule",
}
PUBLIC_ACCESS_FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
SENSITIVE_ACTION = re.compile(r"^(\*|s3:.*|secretsmanager:.*)$")


def _companion(module: Module, kind: str, bucket: str) -> dict | None:
    for body in module.of_type(kind).values():
        if references(body.get("bucket"), "aws_s3_bucket", bucket):
            return body
    return None


def _first(body: dict, *path: str) -> dict:
    for name in path:
        found = blocks(body, name)
        body = found[0] if found else {}
    return body


def bucket_problems(module: Module) -> list[str]:
    """Every aws_s3_bucket is versioned, KMS-encrypted by default, closed to the public by all four
    flags, TLS-only by its policy, and has a lifecycle rule."""
    problems = []
    for bucket in module.of_type("aws_s3_bucket"):
        where = f"{module.path.name}: aws_s3_bucket.{bucket}"
        companions = {kind: _companion(module, kind, bucket) for kind in BUCKET_COMPANIONS}
        problems += [f"{where} has no {what}" for kind, what in BUCKET_COMPANIONS.items() if companions[kind] is None]

        versioning = companions["aws_s3_bucket_versioning"]
        if versioning and _first(versioning, "versioning_configuration").get("status") != "Enabled":
            problems.append(f"{where}: versioning is not Enabled")
        encryption = companions["aws_s3_bucket_server_side_encryption_configuration"]
        if encryption:
            default = _first(encryption, "rule", "apply_server_side_encryption_by_default")
            if default.get("sse_algorithm") not in ("aws:kms", "aws:kms:dsse") or not default.get("kms_master_key_id"):
                problems.append(f"{where}: default encryption is not SSE-KMS with a key")
        public = companions["aws_s3_bucket_public_access_block"]
        if public:
            problems += [f"{where}: public access block leaves {flag} off" for flag in PUBLIC_ACCESS_FLAGS if public.get(flag) is not True]
        policy = companions["aws_s3_bucket_policy"]
        if policy and not _denies_plain_http(module, policy):
            problems.append(f"{where}: bucket policy does not deny requests without TLS")
    return problems


def _policy_document(module: Module, attribute_value) -> dict | None:
    m = re.search(r"data\.aws_iam_policy_document\.(\w+)", str(attribute_value))
    return module.data.get(("aws_iam_policy_document", m.group(1))) if m else None


def _denies_plain_http(module: Module, policy: dict) -> bool:
    document = _policy_document(module, policy.get("policy"))
    for statement in blocks(document or {}, "statement"):
        for condition in blocks(statement, "condition"):
            if (statement.get("effect") == "Deny" and condition.get("variable") == "aws:SecureTransport"
                    and condition.get("values") == ["false"]):
                return True
    return False


def policy_problems(module: Module) -> list[str]:
    """No policy statement grants S3 or Secrets Manager actions (or every action) on "*", and every
    policy is an aws_iam_policy_document, so no inline JSON escapes this check."""
    problems = []
    for (_, name), document in module.data.items():
        if _ != "aws_iam_policy_document":
            continue
        for statement in blocks(document, "statement"):
            actions = statement.get("actions", [])
            actions = actions if isinstance(actions, list) else [actions]
            resources = statement.get("resources", [])
            wildcard = "*" in resources if isinstance(resources, list) else '"*"' in str(resources)
            sensitive = [a for a in actions if SENSITIVE_ACTION.match(str(a))]
            if wildcard and sensitive:
                label = statement.get("sid", "a statement")
                problems.append(f"{module.path.name}: aws_iam_policy_document.{name} {label} grants {', '.join(sensitive)} on \"*\"")
    for (kind, name), body in module.resources.items():
        for attribute in ("policy", "assume_role_policy"):
            if attribute in body and _policy_document(module, body[attribute]) is None:
                problems.append(f"{module.path.name}: {kind}.{name}.{attribute} is not an aws_iam_policy_document")
    return problems


def description_problems(module: Module) -> list[str]:
    """Every variable and every output says what it is."""
    problems = []
    for kind, named in (("variable", module.variables), ("output", module.outputs)):
        for name, body in named.items():
            if not str(body.get("description", "")).strip():
                problems.append(f"{module.path.name}: {kind} {name} has no description")
    return problems


def literal_name_problems(module: Module) -> list[str]:
    """Names come from variables: no resource's name-like argument is a plain literal."""
    problems = []
    for (kind, resource), body in module.resources.items():
        for attribute in ("name", "bucket", "cluster_name"):
            value = body.get(attribute)
            if isinstance(value, str) and "${" not in value:
                problems.append(f"{module.path.name}: {kind}.{resource}.{attribute} is the literal '{value}', not a variable")
    return problems
