# Two builds on Packer's built-in builders: no cloud, no plugin download.
variable "greeting" {
  type    = string
  default = "hello"
}

variable "release" {
  type    = string
  default = "v0"
}

variable "db_password" {
  type      = string
  default   = "not-set"
  sensitive = true
}

source "null" "app" {
  communicator = "none"
}

source "file" "release" {
  content = "${var.greeting} ${var.release}"
  target  = "release.txt"
}

build {
  sources = ["source.null.app", "source.file.release"]

  provisioner "shell-local" {
    # The template echoes the secret on purpose: the engine must mask it.
    inline = ["echo greeting=${var.greeting}", "echo release=${var.release}", "echo password=$DB_PASSWORD", "echo token=$DIGITALOCEAN_TOKEN api=$DIGITALOCEAN_API_TOKEN"]
    environment_vars = ["DB_PASSWORD=${var.db_password}"]
  }

  post-processor "manifest" {
    output = "manifest.json"
  }
}
