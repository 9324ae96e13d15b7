# Turns scripts/bench.sh's runs.tsv into Markdown tables: medians per variant, and the median
# (with min-max) of the ratios taken within each round. Input columns: row variant round wall_s
# cpu_s jvm_cpu_s jvm_rss_mib exit metric1 metric2. Set stream_bytes for the ns/byte column.

function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) return ""
  for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
function minmax(list,   n, a, i, lo, hi) {
  n = split(list, a, " ")
  lo = hi = a[1] + 0
  for (i = 2; i <= n; i++) { if (a[i] + 0 < lo) lo = a[i] + 0; if (a[i] + 0 > hi) hi = a[i] + 0 }
  return sprintf("%.2f–%.2f", lo, hi)
}
function maxof(list,   n, a, i, hi) {
  n = split(list, a, " ")
  hi = a[1] + 0
  for (i = 2; i <= n; i++) if (a[i] + 0 > hi) hi = a[i] + 0
  return hi
}
function ratio(row, num, den,   r, list, x, y) {
  list = ""
  for (r = 1; r <= rounds[row]; r++) {
    x = wall[row, num, r]; y = wall[row, den, r]
    if (x != "" && y != "" && y + 0 > 0) list = list " " x / y
  }
  if (list == "") return "–"
  return sprintf("**%.2f** (%s)", median(list), minmax(list))
}
function diff(row, num, den,   r, list, x, y) {
  list = ""
  for (r = 1; r <= rounds[row]; r++) {
    x = wall[row, num, r]; y = wall[row, den, r]
    if (x != "" && y != "") list = list " " x - y
  }
  return list == "" ? "" : median(list)
}
function rmed(row, num, den,   r, list, x, y) {
  list = ""
  for (r = 1; r <= rounds[row]; r++) {
    x = wall[row, num, r]; y = wall[row, den, r]
    if (x != "" && y != "" && y + 0 > 0) list = list " " x / y
  }
  return list == "" ? "" : median(list)
}
function verdict(ok) { return ok ? "**met**" : "not met" }
function goal(what, target, before, after, ok) {
  if (after == "") return
  printf "| %s | %s | %s | %s | %s |\n", what, target, before, after, verdict(ok)
}
function add(key, value) { col[key] = col[key] " " value }
function sec(list) { return list == "" ? "–" : sprintf("%.2f", median(list)) }

NR == 1 { next }
{
  row = $1; v = $2; r = $3
  if (!(row in seen)) { seen[row] = 1; order[++nrows] = row }
  if (r + 0 > rounds[row]) rounds[row] = r + 0
  wall[row, v, r] = $4
  if ($8 != 0) failed[row, v]++
  add(row SUBSEP v SUBSEP "wall", $4)
  add(row SUBSEP v SUBSEP "cpu", $5)
  if ($6 != "-") add(row SUBSEP v SUBSEP "jvm", $6)
  add(row SUBSEP v SUBSEP "rss", $7)
  if ($9 != "-") { add(row SUBSEP v SUBSEP "m1", $9); add(row SUBSEP v SUBSEP "m2", $10) }
}
END {
  print "Issue 18's goals, from this run (medians over the rounds; a difference or ratio is taken within each round):"
  print ""
  print "| goal | target | before | after | |"
  print "| --- | --- | --- | --- | --- |"
  for (i = 1; i <= nrows; i++) {
    row = order[i]
    if (row == "bake" || row == "deploy-1/nochange") {
      b = diff(row, "before", "raw"); a = diff(row, "after", "raw")
      goal("fixed cost per command: " row " minus the raw tool", "≤ +0.20 s", sprintf("+%.2f s", b), sprintf("+%.2f s", a), a <= 0.2)
    }
    if (row == "version") {
      printf "| fixed cost per command: `--version` on its own | – | %.2f s | %.2f s | |\n", median(col[row, "before", "wall"]), median(col[row, "after", "wall"])
    }
  }
  if ("deploy-1/nochange" in seen) {
    b = rmed("deploy-1/nochange", "before", "raw"); a = rmed("deploy-1/nochange", "after", "raw")
    goal("no-change deploy of 1 resource / the same tofu commands", "≤ 2×", sprintf("%.2f×", b), sprintf("%.2f×", a), a <= 2)
  }
  if ("deploy-300/replace" in seen) {
    b = rmed("deploy-300/replace", "before", "raw"); a = rmed("deploy-300/replace", "after", "raw")
    goal("deploy replacing 300 resources / the same tofu commands", "≤ 1.25×", sprintf("%.2f×", b), sprintf("%.2f×", a), a <= 1.25)
  }
  if ("stream" in seen && stream_bytes > 0) {
    b = rmed("stream", "before", "raw"); a = rmed("stream", "after", "raw")
    goal("200 MB of Packer lines through bake / the same child piped to cat", "≤ 1.5×", sprintf("%.1f×", b), sprintf("%.1f×", a), a <= 1.5)
    b = median(col["stream", "before", "jvm"]) * 1e9 / stream_bytes; a = median(col["stream", "after", "jvm"]) * 1e9 / stream_bytes
    goal("the same: JVM CPU per byte (whole JVM, start-up included)", "≤ 3 ns/byte", sprintf("%.1f ns", b), sprintf("%.1f ns", a), a <= 3)
  }
  if ("plugin-stream" in seen && stream_bytes > 0) {
    b = median(col["plugin-stream", "before", "jvm"]) * 1e9 / stream_bytes; a = median(col["plugin-stream", "after", "jvm"]) * 1e9 / stream_bytes
    goal("the same stream through the plugin's log sink: JVM CPU per byte", "≤ 3 ns/byte", sprintf("%.1f ns", b), sprintf("%.1f ns", a), a <= 3)
  }
  worst_b = worst_a = 0
  for (i = 1; i <= nrows; i++) {
    row = order[i]
    if (row == "plugin-stream") continue   # a Jenkins-like JVM, not a command
    x = maxof(col[row, "before", "rss"]); y = maxof(col[row, "after", "rss"])
    if (x > worst_b) { worst_b = x; worst_b_row = row }
    if (y > worst_a) { worst_a = y; worst_a_row = row }
  }
  if (worst_a > 0) goal("peak RSS of every command (the largest, and where)", "≤ 100 MiB", sprintf("%.0f MiB (%s)", worst_b, worst_b_row),
      sprintf("%.0f MiB (%s)", worst_a, worst_a_row), worst_a <= 100)
  if ("verify-500" in seen) {
    b = median(col["verify-500", "engine-before", "m2"]) - 2000; a = median(col["verify-500", "engine-after", "m2"]) - 2000
    goal("verify 500 endpoints x 3 at 1 s: the engine over the 2 s floor (warm JVM)", "≤ +100 ms", sprintf("+%.0f ms", b), sprintf("+%.0f ms", a), a <= 100)
    b = median(col["verify-500", "engine-before", "m1"]) - 2000; a = median(col["verify-500", "engine-after", "m1"]) - 2000
    goal("the same, the first verification of a fresh JVM", "≤ +100 ms", sprintf("+%.0f ms", b), sprintf("+%.0f ms", a), a <= 100)
  }
  print ""
  print "Wall time in seconds, medians; ratios are the median of the per-round ratios (min–max in brackets);"
  print "CPU is user + system of the whole process tree (the JVM and the tools it ran); RSS is the JVM's own peak."
  print ""
  print "| row | raw | before | after | before / raw | after / raw | after / before | CPU s raw / before / after | peak RSS MiB before / after |"
  print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for (i = 1; i <= nrows; i++) {
    row = order[i]
    if (row ~ /^verify/) continue
    printf "| %s | %s | %s | %s | %s | %s | %s | %s / %s / %s | %.0f / %.0f |\n", row,
      sec(col[row, "raw", "wall"]), sec(col[row, "before", "wall"]), sec(col[row, "after", "wall"]),
      ratio(row, "before", "raw"), ratio(row, "after", "raw"), ratio(row, "after", "before"),
      sec(col[row, "raw", "cpu"]), sec(col[row, "before", "cpu"]), sec(col[row, "after", "cpu"]),
      maxof(col[row, "before", "rss"]), maxof(col[row, "after", "rss"])
  }
  for (i = 1; i <= nrows; i++) {
    row = order[i]
    if (row !~ /stream/ || stream_bytes <= 0) continue
    if (!streams++) {
      print ""
      printf "Streams of %.0f MB: the JVM's own CPU time (tree CPU minus the CPU of the children it reaped):\n\n", stream_bytes / 1e6
      print "| row | JVM CPU s before | JVM CPU s after | ns/byte before | ns/byte after | fixed part (after, `--version`) |"
      print "| --- | --- | --- | --- | --- | --- |"
    }
    b = median(col[row, "before", "jvm"]); a = median(col[row, "after", "jvm"])
    fixed = median(col["version", "after", "cpu"])
    printf "| %s | %.2f | %.2f | %.1f | %.1f | %s |\n", row, b, a, b * 1e9 / stream_bytes, a * 1e9 / stream_bytes,
      fixed == "" ? "–" : sprintf("%.2f s; without it %.1f ns/byte", fixed, (a - fixed) * 1e9 / stream_bytes)
  }
  for (i = 1; i <= nrows; i++) {
    row = order[i]
    if (row !~ /^verify/) continue
    if (!verifies++) {
      print ""
      print "Verification, N endpoints x 3 passes 1 s apart (floor 2 s): what is added over the floor, in ms (medians)."
      print "CLI: the whole command; engine: `HealthVerifier.verify` timed inside one JVM, the first call (a fresh JVM) and the second (a warm one, as in Jenkins)."
      print ""
      print "| endpoints | CLI before | CLI after | engine before first / warm | engine after first / warm | CLI peak RSS MiB before / after |"
      print "| --- | --- | --- | --- | --- | --- |"
    }
    n = row; sub(/^verify-/, "", n)
    printf "| %s | +%.0f | +%.0f | +%.0f / +%.0f | +%.0f / +%.0f | %.0f / %.0f |\n", n,
      median(col[row, "before", "wall"]) * 1000 - 2000, median(col[row, "after", "wall"]) * 1000 - 2000,
      median(col[row, "engine-before", "m1"]) - 2000, median(col[row, "engine-before", "m2"]) - 2000,
      median(col[row, "engine-after", "m1"]) - 2000, median(col[row, "engine-after", "m2"]) - 2000,
      maxof(col[row, "before", "rss"]), maxof(col[row, "after", "rss"])
  }
  for (k in failed) { split(k, p, SUBSEP); printf "\nWARNING: %s / %s: %d run(s) did not exit 0 (see bench/target/compare/out/)\n", p[1], p[2], failed[k] }
}
