# A build that takes long enough to be aborted in the middle. Packer 1.9 does not run an
# error-cleanup-provisioner on interrupt; the provisioner's own INT trap is the cleanup step,
# and it reports through Packer, so its output proves Packer was still running.
variable "marker" {
  type = string
}

source "null" "slow" {
  communicator = "none"
}

build {
  sources = ["source.null.slow"]

  provisioner "shell-local" {
    inline = [
      "trap 'echo cleaned-up > ${var.marker}; echo cleanup-finished; exit 130' INT TERM",
      "echo provisioning-started",
      "i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done",
      "echo provisioning-finished",
    ]
  }
}
