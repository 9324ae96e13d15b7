# A stand-in for "a server running the baked image": deploying writes the app version into a
# file that the test's HTTP server reads, so the server's health follows what was deployed.
variable "app_version" {
  type = string
}

variable "version_file" {
  type = string
}

# A secret the app needs (a database password): the deploy fails without it, so a rollback
# proves it resolved the secret again from where the record says it came from.
variable "db_password" {
  type      = string
  sensitive = true
}

resource "terraform_data" "app" {
  # A new version is a new server (replaced, not changed in place), as with a new image id.
  triggers_replace = [var.app_version]
  input            = var.app_version

  provisioner "local-exec" {
    command = "test -n \"$DB_PASSWORD\" && printf '%s' '${var.app_version}' > '${var.version_file}'"
    environment = {
      DB_PASSWORD = var.db_password
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

output "app_version" {
  value = terraform_data.app.output
}
