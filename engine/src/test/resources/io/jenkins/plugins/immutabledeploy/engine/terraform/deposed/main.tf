# A create-before-destroy replacement that can be interrupted half-way: the new server is created first,
# then its dependent (slow when asked), and only then is the old server destroyed. An interrupt while the
# dependent is created leaves the old server deposed in the state.

terraform {
  backend "local" {}
}

variable "image" {
  type = string
}

variable "dependent_seconds" {
  type    = number
  default = 0
}

resource "terraform_data" "server" {
  triggers_replace = [var.image]
  input            = var.image

  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "dependent" {
  triggers_replace = [terraform_data.server.id]

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    command = "sleep ${var.dependent_seconds}"
  }
}
