# The deploy benchmark of scripts/bench.sh: `resources` servers of one release, replaced all at
# once by a new release (create before destroy, as the product's configurations do). Only
# OpenTofu's built-in terraform_data, so it needs no provider download and no cloud.
variable "resources" {
  type = number
}

variable "release" {
  type = string
}

resource "terraform_data" "server" {
  count            = var.resources
  input            = "${var.release}-${count.index}"
  triggers_replace = [var.release]

  lifecycle {
    create_before_destroy = true
  }
}

output "release" {
  value = var.release
}

output "servers" {
  value = length(terraform_data.server)
}
