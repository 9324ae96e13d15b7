# Writes about `bytes` bytes of lines shaped like `packer build -machine-readable` output of a
# provisioning run (mostly `ui message` lines of provisioner output, some `ui say` progress lines,
# escaped commas, multi-line messages), the same for the same seed:
#   awk -v bytes=4194304 -v seed=42 -f stream-lines.awk > block.txt
function word(   n, s, i) {
  n = 2 + int(rand() * 9); s = ""
  for (i = 0; i < n; i++) s = s substr(chars, 1 + int(rand() * length(chars)), 1)
  return s
}
function text(target,   n, s) {
  n = 30 + int(rand() * 130); s = ""
  while (length(s) < n) {
    r = rand()
    if (r < 0.08) s = s "/var/lib/" word() "/"
    else if (r < 0.14) s = s int(rand() * 100000) " "
    else if (r < 0.18) s = s word() "%!(PACKER_COMMA) "
    else s = s word() " "
  }
  return s
}
BEGIN {
  srand(seed + 0); chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
  ts = 1700000000; total = 0
  while (total < bytes) {
    r = rand()
    if (r < 0.70) line = ts ",,ui,message,    digitalocean.web: " text()
    else if (r < 0.95) line = ts ",,ui,say,==> digitalocean.web: " text()
    else line = ts ",,ui,message,    digitalocean.web: " text() "\\n    digitalocean.web: " text()
    print line
    total += length(line) + 1
    if (rand() < 0.01) ts++
  }
}
