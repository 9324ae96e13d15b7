# Prints a line, then waits until the test creates the gate file. The test creates it when the
# line reaches the log, so the build only finishes quickly if progress is streamed live.
variable "gate" {
  type = string
}

source "null" "gated" {
  communicator = "none"
}

build {
  sources = ["source.null.gated"]

  provisioner "shell-local" {
    inline = [
      "echo waiting-for-the-log",
      "i=0; while [ ! -f '${var.gate}' ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
      "if [ -f '${var.gate}' ]; then echo released-by-the-log; else echo gave-up-waiting; fi",
    ]
  }
}
