#!/usr/bin/env bash
# Measures what the immutable-deploy CLI and engine cost next to the raw tools, before and after a
# change, side by side: each round runs every variant of a row once, one right after the other
# (the order rotates from round to round), so load from other work hits them alike; ratios are
# taken within a round and their median over the rounds is reported. How to read the figures:
# docs/performance.md.
#
#   scripts/bench.sh [--before REV] [--rounds N] [ROW...]
#                              the comparison: "before" (REV, default 3e137aa), "after" (this
#                              working tree) and the raw tools; every row unless some are named
#   scripts/bench.sh jmh [REGEX [JMH options]]
#                              the JMH benchmarks in bench/src/main/java (masking, streaming, verify)
#
# Rows (about 20 minutes in all with 5 rounds on 2 cores):
#   version                    immutable-deploy --version, next to tofu version
#   bake                       bake of examples/local/packer/app.pkr.hcl vs the same packer build
#   stream                     200 MB of Packer-style lines through bake vs the same child | cat > /dev/null
#   plugin-stream              the same 200 MB through the plugin's log sink (TaskListenerLogSink)
#   deploy-1 deploy-50 deploy-300
#                              first apply, no change, replace all, vs the same tofu commands by hand
#   verify-10 verify-100 verify-500
#                              N endpoints x 3 passes 1 s apart, one loopback port each (floor 2 s)
#
# "before" is exported from git (git archive, no worktree is registered) into
# bench/target/before-<sha>/ and built there once; later runs reuse it. Needs Java 17, Maven, awk,
# GNU time (/usr/bin/time) and pgrep; Packer and OpenTofu come from scripts/install-tools.sh.
# Output: the table on stdout; every run in bench/target/compare/runs.tsv, the table as Markdown
# in bench/target/compare/summary.md, the last output of every variant in bench/target/compare/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if [ "${1:-}" = jmh ]; then
  shift
  mvn -B -ntp -q -DskipTests package -pl bench -am
  jar=bench/target/benchmarks.jar
  result=bench/target/jmh-result.json
  echo "== $(nproc) cores; $(java -version 2>&1 | sed -n 1p); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ $# -eq 0 ]; then set -- 'io.jenkins.plugins.immutabledeploy.bench.*'; fi
  java -jar "$jar" -rf json -rff "$result" "$@"
  if [[ "$1" == *Streaming* || "$1" == 'io.jenkins.plugins.immutabledeploy.bench.*' ]]; then
    echo "== streaming side by side (interleaved rounds, heap limited to 64 MB)"
    java -Xmx64m -Xms64m -cp "$jar" io.jenkins.plugins.immutabledeploy.bench.StreamingSideBySide 9
  fi
  exit 0
fi

before_rev=3e137aa
rounds=5
rows=()
while [ $# -gt 0 ]; do
  case $1 in
    --before) before_rev=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) rows+=("$1"); shift ;;
  esac
done
all_rows=(version bake stream plugin-stream deploy-1 deploy-50 deploy-300 verify-10 verify-100 verify-500)
[ ${#rows[@]} -gt 0 ] || rows=("${all_rows[@]}")
for r in "${rows[@]}"; do
  [[ " ${all_rows[*]} " == *" $r "* ]] || { echo "bench.sh: unknown row '$r'; rows: ${all_rows[*]}" >&2; exit 2; }
done

out=bench/target/compare
work=$(mktemp -d "${TMPDIR:-/tmp}/immutable-deploy-bench.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$out/out"

say() { printf '== %s\n' "$*" >&2; }

# --- builds -----------------------------------------------------------------------------------
scripts/install-tools.sh > "$work/install-tools.log" 2>&1 || { cat "$work/install-tools.log" >&2; exit 1; }
export IMMUTABLE_DEPLOY_TOOLS="$repo/.tools/bin"
tofu="$IMMUTABLE_DEPLOY_TOOLS/tofu" packer="$IMMUTABLE_DEPLOY_TOOLS/packer"
# The same empty OpenTofu CLI configuration for every variant (a missing one only adds a warning).
: > "$work/tofurc"
export TF_CLI_CONFIG_FILE="$work/tofurc" CHECKPOINT_DISABLE=1
# Two secrets, as a real bake has (a database password and the cloud token): every line is masked.
export BENCH_DB_PASSWORD='s3cr3t-Db-Passw0rd!' BENCH_TOKEN='dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab'

say "building after (this working tree)"
mvn -B -ntp -q -DskipTests package -pl cli,plugin,bench -am
after="$repo"

sha=$(git rev-parse --verify "$before_rev^{commit}")
before="$repo/bench/target/before-$sha"
if [ ! -f "$before/.built" ]; then
  say "building before ($before_rev = ${sha:0:12}) in $before"
  rm -rf "$before" && mkdir -p "$before"
  git archive "$sha" | tar -x -C "$before"
  (cd "$before" && mvn -B -ntp -q -DskipTests package -pl cli,plugin -am)
  touch "$before/.built"
fi

# The engine-level harnesses (bench/src/main/java/.../{PluginSinkStream,VerifyFanOut,LoopbackServers}.java)
# use only API both revisions have, and are compiled against each side's own classes.
src=bench/src/main/java/io/jenkins/plugins/immutabledeploy/bench
classpath() { echo "$1/cli/target/immutable-deploy.jar:$1/plugin/target/classes:$1/jenkins-standin/target/classes"; }
for side in before after; do
  dir=${!side}
  mkdir -p "$work/harness-$side"
  javac -nowarn -d "$work/harness-$side" -cp "$(classpath "$dir")" \
      "$src/PluginSinkStream.java" "$src/VerifyFanOut.java" "$src/LoopbackServers.java"
done

# --- one measured run -----------------------------------------------------------------------
# /usr/bin/time gives the wall time and the CPU time of the whole process tree (the JVM and the
# tools it ran); a sampler reads the JVM's own peak RSS (VmHWM) and the CPU time of the children it
# has reaped, every 20 ms, so JVM CPU = tree CPU - children's CPU.
mkfifo "$work/tick"
exec {tick}<>"$work/tick"
runs="$out/runs.tsv"
printf 'row\tvariant\tround\twall_s\tcpu_s\tjvm_cpu_s\tjvm_rss_mib\texit\tmetric1\tmetric2\n' > "$runs"
clk=$(getconf CLK_TCK)

# measure ROW VARIANT ROUND KIND COMMAND: KIND jvm (the command execs one JVM) or raw
measure() {
  local row=$1 variant=$2 round=$3 kind=$4 cmd=$5
  local tf="$work/time.txt" o="$out/out/${row//\//-}-$variant"
  /usr/bin/time -f '%e %U %S %M' -o "$tf" bash -c "$cmd" > "$o.out" 2> "$o.err" &
  local tp=$! jp='' hwm=0 reaped=0 k v rest st
  while kill -0 "$tp" 2>/dev/null; do
    if [ "$kind" = jvm ]; then
      [ -n "$jp" ] || jp=$(pgrep -o -P "$tp" 2>/dev/null || true)
      if [ -n "$jp" ]; then
        { while read -r k v rest; do [ "$k" = VmHWM: ] && hwm=$v; done < "/proc/$jp/status"; } 2>/dev/null || true
        { read -r -a st < "/proc/$jp/stat" && reaped=$(( ${st[15]} + ${st[16]} )); } 2>/dev/null || true
      fi
    fi
    read -r -t 0.02 -u "$tick" k || true
  done
  local rc=0
  wait "$tp" || rc=$?
  local wall user sys maxrss
  read -r wall user sys maxrss < <(tail -n 1 "$tf")
  local metric1=- metric2=-
  if [[ $variant == engine-* ]]; then read -r metric1 metric2 < "$o.out" || true; fi
  awk -v row="$row" -v variant="$variant" -v round="$round" -v kind="$kind" -v wall="$wall" -v user="$user" \
      -v sys="$sys" -v maxrss="$maxrss" -v hwm="$hwm" -v reaped="$reaped" -v clk="$clk" -v rc="$rc" \
      -v m1="$metric1" -v m2="$metric2" 'BEGIN {
    cpu = user + sys
    if (kind == "jvm") { jvm = sprintf("%.3f", cpu - reaped / clk); rss = sprintf("%.1f", hwm / 1024) }
    else { jvm = "-"; rss = sprintf("%.1f", maxrss / 1024) }
    printf "%s\t%s\t%s\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%s\n", row, variant, round, wall, cpu, jvm, rss, rc, m1, m2
  }' >> "$runs"
  if [ "$rc" != 0 ]; then
    printf '   %s/%s round %s exited %s; its output: %s.{out,err}\n' "$row" "$variant" "$round" "$rc" "$o" >&2
    tail -n 5 "$o.err" | sed 's/^/     | /' >&2
  fi
}

# rotate ROUND NAME...: the names in the order of this round
rotate() { local r=$1; shift; local n=$# i; for ((i = 0; i < n; i++)); do local j=$(( (i + r) % n + 1 )); echo "${!j}"; done; }

cli() { echo "exec ${!1}/bin/immutable-deploy"; }

# --- the rows -------------------------------------------------------------------------------
row_version() {
  for ((r = 1; r <= rounds; r++)); do
    for v in $(rotate "$r" before after raw); do
      case $v in
        raw) measure version raw "$r" raw "exec $tofu version" ;;
        *) measure version "$v" "$r" jvm "$(cli "$v") --version" ;;
      esac
    done
  done
}

row_bake() {
  local example="$repo/examples/local"
  for ((r = 1; r <= rounds; r++)); do
    for v in $(rotate "$r" before after raw); do
      local images="$work/bake/$v-$r"
      mkdir -p "$images"
      local vars="-var version=1.0.0 -var example_dir=$example -var images_dir=$images"
      case $v in
        raw) measure bake raw "$r" raw "cd $images && CHECKPOINT_DISABLE=1 exec $packer build -machine-readable \
                -color=false -on-error=cleanup $vars $example/packer/app.pkr.hcl" ;;
        *) measure bake "$v" "$r" jvm "cd $images && $(cli "$v") bake --template $example/packer/app.pkr.hcl \
                ${vars//-var /--var }" ;;
      esac
    done
  done
}

stream_setup() {
  if [ ! -f "$work/stream/block.txt" ]; then
    mkdir -p "$work/stream"
    awk -v bytes=4194304 -v seed=42 -f bench/tools/stream-lines.awk > "$work/stream/block.txt"
    echo '# the bench packer ignores its template' > "$work/stream/stream.pkr.hcl"
  fi
  export BENCH_STREAM_BLOCK="$work/stream/block.txt" BENCH_STREAM_COPIES=48
  stream_bytes=$(( $(wc -c < "$work/stream/block.txt") * 48 ))
}

row_stream() {
  stream_setup
  local fake="$repo/bench/tools/packer"
  for ((r = 1; r <= rounds; r++)); do
    for v in $(rotate "$r" before after raw); do
      case $v in
        raw) measure stream raw "$r" raw "$fake build -machine-readable $work/stream/stream.pkr.hcl | cat > /dev/null" ;;
        *) measure stream "$v" "$r" jvm "cd $work/stream && $(cli "$v") bake --template stream.pkr.hcl \
                --packer $fake --secret-var db_password=BENCH_DB_PASSWORD --token-env BENCH_TOKEN 2> /dev/null" ;;
      esac
    done
  done
}

row_plugin-stream() {
  stream_setup
  local fake="$repo/bench/tools/packer"
  for ((r = 1; r <= rounds; r++)); do
    for v in $(rotate "$r" before after raw); do
      case $v in
        raw) measure plugin-stream raw "$r" raw "$fake build -machine-readable $work/stream/stream.pkr.hcl | cat > /dev/null" ;;
        *) measure plugin-stream "$v" "$r" jvm "cd $work/stream && exec java -cp $work/harness-$v:$(classpath "${!v}") \
                io.jenkins.plugins.immutabledeploy.bench.PluginSinkStream /dev/null $fake stream.pkr.hcl" ;;
      esac
    done
  done
}

# deploy_cmd VARIANT DIR RELEASE N
deploy_cmd() {
  local v=$1 dir=$2 release=$3 n=$4
  case $v in
    raw) echo "exec $repo/bench/tools/tofu-deploy $tofu $dir -var resources=$n -var release=$release" ;;
    *) echo "$(cli "$v") deploy --dir $dir --var resources=$n --var release=$release --record-dir $work/records" ;;
  esac
}

row_deploy() {
  local n=$1 v
  local base="$work/deploy-$n"
  mkdir -p "$base"
  # no change and replace all: one configuration each, brought up once before the timed runs
  for phase in nochange replace; do
    mkdir -p "$base/$phase" && cp bench/terraform/main.tf "$base/$phase/"
    bash -c "$(deploy_cmd raw "$base/$phase" r0 "$n")" > /dev/null 2>&1 || { echo "deploy-$n: setup failed" >&2; return 1; }
  done
  local release=0
  for ((r = 1; r <= rounds; r++)); do
    for v in $(rotate "$r" before after raw); do
      local first="$base/first-$v-$r"
      mkdir -p "$first" && cp bench/terraform/main.tf "$first/"
      measure "deploy-$n/first" "$v" "$r" "$( [ "$v" = raw ] && echo raw || echo jvm)" "$(deploy_cmd "$v" "$first" r0 "$n")"
    done
    for v in $(rotate "$r" before after raw); do
      measure "deploy-$n/nochange" "$v" "$r" "$( [ "$v" = raw ] && echo raw || echo jvm)" \
          "$(deploy_cmd "$v" "$base/nochange" r0 "$n")"
    done
    for v in $(rotate "$r" before after raw); do
      release=$((release + 1))
      measure "deploy-$n/replace" "$v" "$r" "$( [ "$v" = raw ] && echo raw || echo jvm)" \
          "$(deploy_cmd "$v" "$base/replace" "r$release" "$n")"
    done
    rm -rf "$base"/first-*
  done
}

row_verify() {
  local n=$1 ports="$work/ports-$1"
  rm -f "$ports"
  # The servers read their standard input until it closes: a pipe from this script.
  java -cp "$work/harness-after" io.jenkins.plugins.immutabledeploy.bench.LoopbackServers "$n" "$ports" \
      < <(while kill -0 $$ 2>/dev/null; do sleep 1; done) &
  server_pid=$!
  for _ in $(seq 200); do [ -f "$ports" ] && break; sleep 0.1; done
  [ -f "$ports" ] || { echo "verify-$n: the servers did not start" >&2; return 1; }
  local urls
  urls=$(sed 's|.*|--url http://127.0.0.1:&/health|' "$ports" | tr '\n' ' ')
  local checks="--interval 1s --success-threshold 3 --attempt-timeout 5s --timeout 60s --json-pointer /status --json-expect UP"
  for ((r = 1; r <= rounds; r++)); do
    for v in $(rotate "$r" before after engine-before engine-after); do
      case $v in
        engine-*) local side=${v#engine-}
          measure "verify-$n" "$v" "$r" jvm "exec java -cp $work/harness-$side:$(classpath "${!side}") \
              io.jenkins.plugins.immutabledeploy.bench.VerifyFanOut $ports" ;;
        *) measure "verify-$n" "$v" "$r" jvm "$(cli "$v") verify $urls $checks" ;;
      esac
    done
  done
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for row in "${rows[@]}"; do
  say "$row ($rounds rounds)"
  case $row in
    deploy-*) row_deploy "${row#deploy-}" ;;
    verify-*) row_verify "${row#verify-}" ;;
    *) "row_$row" ;;
  esac
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table ------------------------------------------------------------------------------
{
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo);" \
       "$(java -version 2>&1 | sed -n 2p); load average $load_start at the start, $load_end at the end;" \
       "$rounds rounds, $(( $(date +%s) - started )) s. before = $before_rev (${sha:0:12}), after = $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' 2>/dev/null || echo ' + uncommitted changes')."
  echo "Command: scripts/bench.sh --before $before_rev --rounds $rounds ${rows[*]}"
  echo
  awk -F'\t' -v stream_bytes="${stream_bytes:-0}" -f bench/tools/summary.awk "$runs"
} | tee "$out/summary.md"
