# Prints $SECRET as Terraform would inside JSON (escaped by sed here, from the raw value), and the
# URL-encoded forms given in $URL_PCT (%20 for space) and $URL_PLUS (+ for space).
json=$(printf '%s' "$SECRET" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
printf '{"db_password":{"sensitive":false,"value":"%s"}}\n' "$json"
printf 'connecting to postgres://app:%s@db.internal:5432/app\n' "$URL_PCT"
printf 'POST /login body=user=app&password=%s\n' "$URL_PLUS"
printf '%s\n' "$KEY"
