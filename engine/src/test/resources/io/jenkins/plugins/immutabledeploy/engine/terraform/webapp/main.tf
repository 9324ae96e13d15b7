# A stand-in for the DigitalOcean layout: terraform_data plays the droplet, its DNS record, a worker
# and the release it runs. Built into OpenTofu, so it needs no provider download and no cloud.

terraform {
  # The local backend, named so that -backend-config can set its path.
  backend "local" {}
}

variable "image" {
  type        = string
  description = "The baked image id: changing it replaces the server, new one first."
}

variable "db_password" {
  type      = string
  sensitive = true
}

# Deliberately not marked sensitive: the tool prints it, and the deploy's masking must hide it.
variable "api_key" {
  type    = string
  default = "no-key"
}

variable "dns_name" {
  type    = string
  default = "app-1"
}

variable "with_worker" {
  type    = bool
  default = true
}

variable "sleep_seconds" {
  type    = number
  default = 0
}

resource "terraform_data" "server" {
  triggers_replace = [var.image]

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    # $DIGITALOCEAN_TOKEN is expanded by the shell: proof that the token reached the tool's environment.
    command = "echo booting ${var.image} with key ${var.api_key} token $DIGITALOCEAN_TOKEN; sleep ${var.sleep_seconds}"
  }
}

# No create_before_destroy: a new name replaces it destroy-first.
resource "terraform_data" "dns" {
  triggers_replace = [var.dns_name]
}

resource "terraform_data" "worker" {
  count = var.with_worker ? 1 : 0
  input = var.image
}

# Reads a file next to the configuration: editing it behind the pipeline's back is drift.
resource "terraform_data" "release" {
  input = trimspace(file("${path.module}/release.txt"))
}

output "image" {
  value = var.image
}

output "server_id" {
  value = terraform_data.server.id
}

output "database_url" {
  value     = "postgres://app:${var.db_password}@db.internal:5432/app"
  sensitive = true
}
