# Managed PostgreSQL, reachable only from the app's droplets. It is not part of the image and is
# never replaced by a deploy: a release changes the droplet, not the data.

variable "db_size" {
  type    = string
  default = "db-s-1vcpu-1gb"
}

resource "digitalocean_database_cluster" "app" {
  name                 = "app-db"
  engine               = "pg"
  version              = "16"
  size                 = var.db_size
  region               = var.region
  node_count           = 1
  private_network_uuid = digitalocean_vpc.app.id

  lifecycle {
    prevent_destroy = true
  }
}

resource "digitalocean_database_db" "app" {
  cluster_id = digitalocean_database_cluster.app.id
  name       = "app"
}

# DigitalOcean generates the user's password; it reaches the droplet through cloud-init only.
resource "digitalocean_database_user" "app" {
  cluster_id = digitalocean_database_cluster.app.id
  name       = "app"
}

resource "digitalocean_database_firewall" "app" {
  cluster_id = digitalocean_database_cluster.app.id

  rule {
    type  = "tag"
    value = "app"
  }
}
