# The release contract on one machine, with OpenTofu's built-in pieces only. A "server" is a file under
# servers/ named after its image (its boots are counted in boots.log); the stable address is the file
# "address", naming the image it serves. The test's HTTP server answers for both, so health follows
# what was deployed.

terraform {
  backend "local" {}
}

variable "live_image" {
  type        = string
  description = "The image the stable address serves."
}

variable "candidate_image" {
  type        = string
  default     = ""
  description = "The image beside it: the candidate, or the standby after a promotion."
}

variable "base_url" {
  type        = string
  description = "The test's HTTP server, which answers for the servers and the address."
}

variable "state_dir" {
  type        = string
  description = "Where the servers and the address are written (absolute)."
}

variable "boot_seconds" {
  type        = number
  default     = 0
  description = "How long a new server takes to boot: room for a test to abort the candidate phase."
}

variable "switch_seconds" {
  type        = number
  default     = 0
  description = "How long the address takes to switch: room for a test to abort a promotion."
}

# One server per image: a promoted candidate is the very server that was checked.
resource "terraform_data" "server" {
  for_each = toset(compact([var.live_image, var.candidate_image]))
  input = {
    image = each.key
    dir   = var.state_dir
  }

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    command = "sleep ${var.boot_seconds}; mkdir -p '${var.state_dir}/servers' && echo '${each.key}' >> '${var.state_dir}/boots.log' && touch '${var.state_dir}/servers/${each.key}'"
  }

  # A test holds a server's removal (to abort a discard or a retire) with the file hold-destroy.
  provisioner "local-exec" {
    when    = destroy
    command = "while [ -f '${self.input.dir}/hold-destroy' ]; do sleep 0.1; done; rm -f '${self.input.dir}/servers/${self.input.image}'"
  }
}

# The stable address: it exists once something is live, and moves with the live image.
resource "terraform_data" "address" {
  count            = var.live_image == "" ? 0 : 1
  triggers_replace = [var.live_image]
  input            = terraform_data.server[var.live_image].id

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    # A test holds a switch to one image (to abort a switch back) with the file hold-switch-<image>.
    command = "sleep ${var.switch_seconds}; while [ -f '${var.state_dir}/hold-switch-${var.live_image}' ]; do sleep 0.1; done; echo '${var.live_image}' > '${var.state_dir}/address.new' && mv '${var.state_dir}/address.new' '${var.state_dir}/address'"
  }
}

output "url" {
  value = "${var.base_url}/stable"
}

output "candidate_url" {
  value = var.candidate_image == "" ? "" : "${var.base_url}/server/${var.candidate_image}"
}
