# Deploys one image of the example app on this machine, the immutable way: a new instance
# from the new image starts next to the old one (on its own port), the stable address is
# re-pointed to it, and only then is the old instance retired. Only OpenTofu's built-in
# pieces: terraform_data, local-exec and create_before_destroy; no provider to download.
#
# The stable address plays the part of the DigitalOcean example's reserved IP: a small proxy
# on a fixed port that forwards to whichever instance it is assigned to.

variable "image_dir" {
  type        = string
  description = "The baked image: a sealed folder under .work/images (absolute)."
}

variable "port" {
  type        = number
  description = "The port of the new instance; a new image gets a new port, next to the old one."
}

variable "address_port" {
  type        = number
  description = "The port of the stable address users and health checks know."
}

variable "work_dir" {
  type        = string
  description = "Where instances run (absolute), e.g. examples/local/.work."
}

variable "app_source" {
  type        = string
  description = "App.java, which also serves as the address's proxy (absolute)."
}

locals {
  image        = basename(var.image_dir)
  version      = regex("version=([^\n]+)", file("${var.image_dir}/image.properties"))[0]
  instance_dir = "${var.work_dir}/instances/${local.image}-${var.port}"
  address_dir  = "${var.work_dir}/address"
}

# The stable address (the reserved IP): created once, kept across deploys.
resource "terraform_data" "address" {
  input = {
    port   = var.address_port
    dir    = local.address_dir
    retire = "${abspath(path.module)}/retire.sh"
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    environment = {
      PORT       = self.input.port
      DIR        = self.input.dir
      APP_SOURCE = var.app_source
      START      = "${abspath(path.module)}/start.sh"
    }
    command = <<-EOT
      set -eu
      mkdir -p "$DIR" && cp "$APP_SOURCE" "$DIR/App.java"
      "$START" "$DIR" "$PORT" proxy "$PORT" "$DIR/target"
    EOT
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    when        = destroy
    command     = "\"${self.input.retire}\" \"${self.input.dir}\""
  }
}

# One instance of the app, started from the image. A new image (or port) replaces it, and
# create_before_destroy makes the replacement start the new one before the old one goes.
resource "terraform_data" "app" {
  triggers_replace = [var.image_dir, var.port]
  input = {
    image_dir    = var.image_dir
    port         = var.port
    instance_dir = local.instance_dir
    retire       = "${abspath(path.module)}/retire.sh"
  }

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    environment = {
      IMAGE_DIR    = self.input.image_dir
      PORT         = self.input.port
      INSTANCE_DIR = self.input.instance_dir
      START        = "${abspath(path.module)}/start.sh"
    }
    command = <<-EOT
      set -eu
      # An image that does not match its checksums is refused, not started.
      (cd "$IMAGE_DIR" && sha256sum --check --quiet SHA256SUMS)
      if [ -d "$INSTANCE_DIR" ]; then chmod -R u+w "$INSTANCE_DIR"; rm -rf "$INSTANCE_DIR"; fi
      mkdir -p "$(dirname "$INSTANCE_DIR")" && cp -R "$IMAGE_DIR" "$INSTANCE_DIR" && chmod -R u+w "$INSTANCE_DIR"
      "$START" "$INSTANCE_DIR" "$PORT" "$PORT"
    EOT
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    when        = destroy
    command     = "\"${self.input.retire}\" \"${self.input.instance_dir}\""
  }
}

# Points the stable address at the new instance, then retires the instance it pointed to
# before. Replaced with every new instance, so this runs after the new one has started.
#
# Why the retirement is here and not in the app's destroy-time provisioner: OpenTofu does not
# run destroy-time provisioners for the old object of a create_before_destroy replacement
# (it does on a plain `tofu destroy`, which is what the app's provisioner is for).
resource "terraform_data" "assignment" {
  triggers_replace = [terraform_data.app.id]
  input = {
    dir          = terraform_data.address.output.dir
    port         = terraform_data.app.output.port
    instance_dir = terraform_data.app.output.instance_dir
  }

  lifecycle {
    create_before_destroy = true
  }

  provisioner "local-exec" {
    interpreter = ["/bin/bash", "-c"]
    environment = {
      DIR          = self.input.dir
      PORT         = self.input.port
      INSTANCE_DIR = self.input.instance_dir
      RETIRE       = terraform_data.app.output.retire
    }
    command = <<-EOT
      set -eu
      previous=$(cat "$DIR/instance" 2>/dev/null || true)
      echo "$PORT" > "$DIR/target.new" && mv "$DIR/target.new" "$DIR/target"
      echo "$INSTANCE_DIR" > "$DIR/instance"
      echo "the address now points to $(basename "$INSTANCE_DIR")"
      [ -n "$previous" ] && [ "$previous" != "$INSTANCE_DIR" ] || exit 0
      "$RETIRE" "$previous"
      echo "retired $(basename "$previous")"
    EOT
  }
}

output "url" {
  description = "The stable address: what users and health checks use."
  value       = "http://127.0.0.1:${var.address_port}"
}

output "instance_url" {
  description = "The new instance itself, next to the old one."
  value       = "http://127.0.0.1:${terraform_data.app.output.port}"
}

output "image" {
  value = local.image
}

output "version" {
  value = local.version
}

output "image_sha256" {
  description = "The SHA-256 of the image's SHA256SUMS: one digest for the whole image."
  value       = sha256(file("${var.image_dir}/SHA256SUMS"))
}
