packer {
  required_plugins {
    happycloud = {
      version = ">= 1.0.0"
      source  = "github.com/example/happycloud"
    }
  }
}

source "null" "app" {
  communicator = "none"
}

build {
  sources = ["source.null.app"]
}
