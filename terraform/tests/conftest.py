import sys
from pathlib import Path

# The README and typed-configuration readers are shared with the Compose checks in checks/.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "checks"))


def pytest_report_header(config):
    from test_terraform_fmt import TERRAFORM_BIN

    if TERRAFORM_BIN is None:
        return "terraform: NOT INSTALLED, so `terraform fmt -check` is skipped (the HCL checks still run)"
    return f"terraform: {TERRAFORM_BIN} (fmt -check runs; init/validate cannot: providers are not downloadable here)"


def pytest_terminal_summary(terminalreporter):
    from test_terraform_fmt import TERRAFORM_BIN

    if TERRAFORM_BIN is None:
        terminalreporter.write_line("terraform fmt -check: SKIPPED, terraform is not installed here", yellow=True)
