# The local example's servers and stable address, in the shape the blue/green release flow needs
# (docs/release-flow.md): one server per image, keyed by the image, and a stable address that
# points at the live one. Only OpenTofu's built-in pieces (terraform_data, local-exec); no
# provider to download.
#
# The engine applies it in phases, only ever changing the two image variables:
#   candidate    live_image=A candidate_image=B   server B starts beside A; the address stays on A
#   discard      live_image=A candidate_image=""  server B goes; A and the address were never touched
#   promote      live_image=B candidate_image=A   the address moves to B; A stays up as the standby
#   switch back  live_image=A candidate_image=B   the address moves back to A, still running
#   retire       live_image=B candidate_image=""  server A goes
#
# Each server has its own address, the same in every phase: a loopback address derived from its
# image (127.x.y.z, all of 127.0.0.0/8 is loopback on Linux) on the run's port, as each droplet
# has its own IP. The stable address, 127.0.0.1 on the same port, plays the DigitalOcean
# example's reserved IP: a small proxy (Proxy.java) that forwards to the live server.

variable "live_image" {
  type        = string
  default     = ""
  description = "The image that serves the stable address: a folder name under work_dir/images. Empty before the first release."
}

variable "candidate_image" {
  type        = string
  default     = ""
  description = "An image to run beside the live one, on its own address only (a candidate, or the standby after a promotion). Empty for none."
}

variable "port" {
  type        = number
  description = "The port of the stable address and of every server (each on its own loopback address)."
}

variable "work_dir" {
  type        = string
  description = "Where images are kept and servers run (absolute), e.g. examples/local/.work."
}

locals {
  images = toset(compact([var.live_image, var.candidate_image]))

  # 127.1-254.0-255.1-254 from the image's SHA-256: never 127.0.0.1 (the stable address), the
  # same in every phase, and a different one for each image.
  hosts = { for image in local.images : image => format("127.%d.%d.%d",
    1 + parseint(substr(sha256(image), 0, 2), 16) % 254,
    parseint(substr(sha256(image), 2, 2), 16),
    1 + parseint(substr(sha256(image), 4, 2), 16) % 254)
  }
  retire = "${abspath(path.module)}/retire.sh"
  start  = "${abspath(path.module)}/start.sh"
}

# One server per image. Nothing in it depends on whether its image is live or the candidate, so
# promoting, switching back and retiring the other one never touch it: a promoted server is the
# very one that was verified.
resource "terraform_data" "server" {
  for_each = local.images

  input = {
    image_dir = "${var.work_dir}/images/${each.key}"
    dir       = "${var.work_dir}/servers/${each.key}"
    host      = local.hosts[each.key]
    port      = var.port
    retire    = local.retire
  }

  lifecycle {
    precondition {
      condition     = fileexists("${var.work_dir}/images/${each.key}/SHA256SUMS")
      error_message = "There is no baked image \"${each.key}\" in ${var.work_dir}/images: pass the name of a folder that bake made there."
    }
    precondition {
      condition     = length(distinct(values(local.hosts))) == length(local.hosts)
      error_message = "The images ${join(" and ", keys(local.hosts))} would share a loopback address (their names' SHA-256 agree on 24 bits): bake one of them again, for a new name."
    }
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    environment = {
      IMAGE_DIR = self.input.image_dir
      DIR       = self.input.dir
      HOST      = self.input.host
      PORT      = self.input.port
      START     = local.start
    }
    command = <<-EOT
      set -eu
      # An image that does not match its checksums is refused, not started.
      (cd "$IMAGE_DIR" && sha256sum --check --quiet SHA256SUMS)
      if [ -d "$DIR" ]; then chmod -R u+w "$DIR"; rm -rf "$DIR"; fi
      mkdir -p "$(dirname "$DIR")" && cp -R "$IMAGE_DIR" "$DIR" && chmod -R u+w "$DIR"
      "$START" "$DIR" "$HOST" "$PORT" App.java "$HOST" "$PORT"
      echo "started $(basename "$DIR") on http://$HOST:$PORT"
    EOT
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    when        = destroy
    command     = "\"${self.input.retire}\" \"${self.input.dir}\" && echo \"retired ${basename(self.input.dir)}\""
  }
}

# The stable address (the reserved IP): the proxy, started once and kept across releases.
resource "terraform_data" "address" {
  input = {
    dir    = "${var.work_dir}/address"
    port   = var.port
    retire = local.retire
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    environment = {
      DIR    = self.input.dir
      PORT   = self.input.port
      SOURCE = "${abspath(path.module)}/Proxy.java"
      START  = local.start
    }
    command = <<-EOT
      set -eu
      mkdir -p "$DIR" && cp "$SOURCE" "$DIR/Proxy.java"
      "$START" "$DIR" 127.0.0.1 "$PORT" Proxy.java 127.0.0.1 "$PORT" "$DIR/target"
    EOT
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    when        = destroy
    command     = "\"${self.input.retire}\" \"${self.input.dir}\""
  }
}

# Which server the stable address points at: replaced when live_image changes, and only then.
# The switch is one atomic rename of the file the proxy reads on every request, so no request
# fails during it. create_before_destroy: the new assignment is made before the old one is
# forgotten (forgetting it does nothing), so the plan never shows a destroy-first replacement.
resource "terraform_data" "assignment" {
  count = var.live_image == "" ? 0 : 1

  triggers_replace = [var.live_image]
  input = {
    file   = "${terraform_data.address.output.dir}/target"
    target = "${terraform_data.server[var.live_image].output.host}:${terraform_data.server[var.live_image].output.port}"
  }

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    environment = {
      FILE   = self.input.file
      TARGET = self.input.target
      IMAGE  = var.live_image
    }
    command = <<-EOT
      set -eu
      echo "$TARGET" > "$FILE.new" && mv "$FILE.new" "$FILE"
      echo "the stable address now points to $IMAGE at http://$TARGET"
    EOT
  }
}

output "url" {
  description = "The stable address: what users use, and what the checks after a promotion use."
  value       = "http://127.0.0.1:${var.port}"
}

output "candidate_url" {
  description = "The candidate's own address, where it is checked before it takes traffic. Empty when there is none."
  value       = var.candidate_image == "" ? "" : "http://${local.hosts[var.candidate_image]}:${var.port}"
}

output "live_image" {
  description = "The image the stable address points at."
  value       = var.live_image
}

output "servers" {
  description = "Every running server, by image, at its own address."
  value       = { for image, server in terraform_data.server : image => "http://${server.output.host}:${server.output.port}" }
}
