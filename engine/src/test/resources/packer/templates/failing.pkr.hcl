variable "db_password" {
  type      = string
  default   = "not-set"
  sensitive = true
}

source "null" "broken" {
  communicator = "none"
}

build {
  sources = ["source.null.broken"]

  provisioner "shell-local" {
    inline = ["echo installing the app", "echo \"could not reach the database with $DB_PASSWORD\" >&2", "exit 3"]
    environment_vars = ["DB_PASSWORD=${var.db_password}"]
  }
}
