# The address users know: a reserved IP that moves to the new droplet once it exists, and a DNS
# record pointing at the reserved IP (so DNS never changes on a deploy).

variable "domain" {
  type        = string
  description = "A domain managed in DigitalOcean DNS, e.g. example.com."
}

variable "subdomain" {
  type    = string
  default = "app"
}

resource "digitalocean_reserved_ip" "app" {
  region = var.region
}

resource "digitalocean_reserved_ip_assignment" "app" {
  ip_address = digitalocean_reserved_ip.app.ip_address
  droplet_id = digitalocean_droplet.app.id

  lifecycle {
    create_before_destroy = true
  }
}

resource "digitalocean_record" "app" {
  domain = var.domain
  type   = "A"
  name   = var.subdomain
  value  = digitalocean_reserved_ip.app.ip_address
  ttl    = 300
}
