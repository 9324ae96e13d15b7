# The image to deploy: the snapshot `bakeImage` just baked, by id. A new release is a new id,
# and a new id replaces the droplet (see droplet.tf).

variable "image_id" {
  type        = string
  description = "The snapshot id returned by bakeImage (its result's `id`)."

  validation {
    condition     = can(regex("^[0-9]+$", var.image_id))
    error_message = "image_id must be a DigitalOcean snapshot id (digits only), e.g. 58285042."
  }
}

data "digitalocean_image" "app" {
  id = tonumber(var.image_id)
}
