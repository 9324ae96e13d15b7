terraform {
  required_version = ">= 1.6"

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.68"
    }
  }

  # Keep the state where every run of the pipeline finds it, and locked while a run uses it:
  # a DigitalOcean Spaces bucket through the S3 backend. Its keys come from the environment
  # (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, Jenkins credentials), never from this file.
  backend "s3" {
    bucket                      = "app-terraform-state"
    key                         = "app/production.tfstate"
    region                      = "us-east-1"
    endpoints                   = { s3 = "https://ams3.digitaloceanspaces.com" }
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
    skip_region_validation      = true
    skip_s3_checksum            = true
    use_lockfile                = true
  }
}

# The token comes from DIGITALOCEAN_TOKEN in the environment (the pipeline's credential).
provider "digitalocean" {}
