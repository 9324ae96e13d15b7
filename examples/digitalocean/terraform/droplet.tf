# One droplet from the baked image. Immutable: a new image never updates the droplet in place,
# it replaces it, and create_before_destroy starts the new droplet before the old one goes;
# the reserved IP then moves to the new droplet (domains.tf).

variable "region" {
  type    = string
  default = "ams3"
}

variable "size" {
  type    = string
  default = "s-1vcpu-1gb"
}

variable "ssh_key_fingerprints" {
  type        = list(string)
  default     = []
  description = "SSH keys allowed on the droplet (for debugging; the deploy never logs in)."
}

variable "app_secret_key" {
  type        = string
  sensitive   = true
  description = "The app's session signing key. Set it as TF_VAR_app_secret_key (a Jenkins credential)."
}

variable "db_encryption_key" {
  type        = string
  sensitive   = true
  description = "The key the app encrypts sensitive columns with. Set it as TF_VAR_db_encryption_key."
}

locals {
  # The settings the baked service reads (EnvironmentFile=/opt/app/conf.env). They exist only
  # on the droplet (mode 0600, owned by the app), never in the image.
  conf_env = <<-EOT
    DB_HOST=${digitalocean_database_cluster.app.private_host}
    DB_PORT=${digitalocean_database_cluster.app.port}
    DB_NAME=${digitalocean_database_db.app.name}
    DB_USER=${digitalocean_database_user.app.name}
    DB_PASSWORD=${digitalocean_database_user.app.password}
    DB_SSLMODE=require
    DB_ENCRYPTION_KEY=${var.db_encryption_key}
    APP_SECRET_KEY=${var.app_secret_key}
  EOT
}

resource "digitalocean_droplet" "app" {
  name     = "app-${data.digitalocean_image.app.name}"
  image    = data.digitalocean_image.app.id
  region   = var.region
  size     = var.size
  vpc_uuid = digitalocean_vpc.app.id
  ssh_keys = var.ssh_key_fingerprints
  tags     = ["app"]

  user_data = <<-EOT
    #cloud-config
    write_files:
      - path: /opt/app/conf.env
        owner: root:app
        permissions: "0640"
        encoding: b64
        content: ${base64encode(local.conf_env)}
    runcmd:
      - [systemctl, enable, --now, app.service]
  EOT

  lifecycle {
    create_before_destroy = true
  }
}

resource "digitalocean_vpc" "app" {
  name     = "app-${var.region}"
  region   = var.region
  ip_range = "10.20.0.0/24"
}
