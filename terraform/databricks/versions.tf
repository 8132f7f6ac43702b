terraform {
  required_version = ">= 1.11"
  required_providers {
    databricks = {
      source  = "databricks/databricks"
      version = "~> 1.80"
    }
  }
}

# Authentication comes from the environment (DATABRICKS_TOKEN, or a profile in ~/.databrickscfg).
provider "databricks" {
  host = var.databricks_host
}
