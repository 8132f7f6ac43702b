"""terraform fmt -check over every .tf: the one Terraform check that needs no provider download."""
import shutil
import subprocess

import pytest

from terraform_config import TERRAFORM

TERRAFORM_BIN = shutil.which("terraform")


@pytest.mark.skipif(TERRAFORM_BIN is None, reason="terraform is not installed here: `terraform fmt -check` skipped "
                    "(the HCL checks still ran); install Terraform >= 1.11 to run it")
def test_terraform_files_are_formatted():
    result = subprocess.run([TERRAFORM_BIN, "fmt", "-check", "-recursive", "-diff", str(TERRAFORM)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"terraform fmt would change:\n{result.stdout}{result.stderr}"
