# Bakes the release into a DigitalOcean snapshot: `immutable-deploy bake` / the `bakeImage`
# step runs it. The API token reaches Packer as DIGITALOCEAN_TOKEN (from a Jenkins credential),
# never as a variable on the command line.

packer {
  required_plugins {
    digitalocean = {
      version = ">= 1.0.6"
      source  = "github.com/digitalocean/digitalocean"
    }
  }
}

variable "release_tag" {
  type        = string
  description = "The GitHub release to bake, e.g. v1.4.0 (RELEASE_TAG from the release trigger)."
}

variable "release_asset_url" {
  type        = string
  description = "Where the release's app.jar is downloaded from (an asset of the GitHub release)."
}

variable "region" {
  type    = string
  default = "ams3"
}

variable "size" {
  type    = string
  default = "s-1vcpu-1gb"
}

locals {
  # The snapshot name is the release and nothing else (no timestamp), so a re-run of the same
  # release finds it (bakeImage skipIfExists/imageName) and pruning by the "app-" prefix works.
  snapshot_name = "app-${var.release_tag}"
}

source "digitalocean" "app" {
  image            = "ubuntu-24-04-x64"
  region           = var.region
  size             = var.size
  ssh_username     = "root"
  snapshot_name    = local.snapshot_name
  snapshot_regions = [var.region]
  droplet_name     = "packer-app-${var.release_tag}"
  tags             = ["app", "packer"]
}

build {
  sources = ["source.digitalocean.app"]

  provisioner "file" {
    source      = "provisioning/files/app.service"
    destination = "/tmp/app.service"
  }

  provisioner "shell" {
    environment_vars = [
      "RELEASE_TAG=${var.release_tag}",
      "RELEASE_ASSET_URL=${var.release_asset_url}",
    ]
    script = "provisioning/install.sh"
  }

  post-processor "manifest" {
    output     = "manifest.json"
    strip_path = true
    custom_data = {
      release = var.release_tag
    }
  }
}
