# Bakes one release of the example app into an immutable image: a new folder under images_dir
# for every bake (never rebuilt in place), made read-only, with a SHA-256 of every file in
# SHA256SUMS, and a line in the manifest. Only Packer's built-in pieces: the file builder,
# shell-local and the manifest post-processor; no plugin to download, no cloud.

variable "version" {
  type        = string
  description = "The release to bake, e.g. 1.0.0 (its files are in releases/<version>/)."
}

variable "example_dir" {
  type        = string
  description = "The examples/local folder (absolute)."
}

variable "images_dir" {
  type        = string
  description = "Where images are kept (absolute)."
}

locals {
  # A new name for every bake: the version plus the bake time.
  image     = "app-${var.version}-${formatdate("YYYYMMDDhhmmss", timestamp())}"
  image_dir = "${var.images_dir}/${local.image}"
}

# The image's label; the builder's artifact is this file, so the bake result points at the image.
source "file" "image" {
  content = "image=${local.image}\nversion=${var.version}\n"
  target  = "${local.image_dir}/image.properties"
}

build {
  name    = "app"
  sources = ["source.file.image"]

  provisioner "shell-local" {
    env = {
      IMAGE_DIR   = local.image_dir
      RELEASE_DIR = "${var.example_dir}/releases/${var.version}"
      APP_SOURCE  = "${var.example_dir}/app/App.java"
      VERSION     = var.version
    }
    inline = [
      "set -eu",
      "test -f \"$RELEASE_DIR/release.properties\" || { echo \"no release $VERSION in $RELEASE_DIR\" >&2; exit 1; }",
      "test ! -e \"$IMAGE_DIR/SHA256SUMS\" || { echo \"$IMAGE_DIR is already sealed: images are immutable\" >&2; exit 1; }",
      "cp \"$APP_SOURCE\" \"$RELEASE_DIR/release.properties\" \"$IMAGE_DIR/\"",
      "cd \"$IMAGE_DIR\" && sha256sum App.java release.properties image.properties > SHA256SUMS",
      "chmod -R a-w \"$IMAGE_DIR\"",
      "echo \"sealed $(basename \"$IMAGE_DIR\"): app $VERSION, sha256 $(sha256sum SHA256SUMS | cut -c1-64)\"",
    ]
  }

  post-processor "manifest" {
    output = "${var.images_dir}/manifest.json"
    custom_data = {
      image   = local.image
      version = var.version
    }
  }
}
