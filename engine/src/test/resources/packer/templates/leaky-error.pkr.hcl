# Packer prints the secret in its own error message (sensitive = true does not hide it there).
variable "db_password" {
  type      = string
  sensitive = true
}

source "file" "leaky" {
  source = "/nonexistent/${var.db_password}"
  target = "leaky.txt"
}

build {
  sources = ["source.file.leaky"]
}
