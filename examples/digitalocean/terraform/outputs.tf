output "url" {
  description = "The app, through the DNS record (what verifyDeploy checks)."
  value       = "https://${digitalocean_record.app.fqdn}"
}

output "reserved_ip" {
  value = digitalocean_reserved_ip.app.ip_address
}

output "droplet_id" {
  value = digitalocean_droplet.app.id
}

output "droplet_ip" {
  description = "The droplet itself, next to the reserved IP while a deploy runs."
  value       = digitalocean_droplet.app.ipv4_address
}

output "image_id" {
  value = data.digitalocean_image.app.id
}

output "image_name" {
  value = data.digitalocean_image.app.name
}

output "database_host" {
  value = digitalocean_database_cluster.app.private_host
}

output "database_uri" {
  description = "The app user's connection string: sensitive, masked by immutableDeploy."
  value       = "postgresql://${digitalocean_database_user.app.name}:${digitalocean_database_user.app.password}@${digitalocean_database_cluster.app.private_host}:${digitalocean_database_cluster.app.port}/${digitalocean_database_db.app.name}?sslmode=require"
  sensitive   = true
}
