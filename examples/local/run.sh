#!/usr/bin/env bash
# The main job on one machine, no cloud account: the immutable-infrastructure flow through the
# immutable-deploy CLI, with the real Packer and OpenTofu.
#
#   bake v1 -> deploy -> verify (healthy) -> bake v2 -> deploy -> verify (fails: v2 is broken
#   on purpose) -> automatic rollback to v1 -> verify (healthy)
#
# Exits 0 when the flow behaved exactly like that (the v2 failure and the rollback included).
# Leaves no process running, unless --keep: then the healthy instance and its address stay up
# (stop them with --stop).
#
# Usage: examples/local/run.sh [--keep] [--stop] [--verbose]
#   --keep      leave the healthy instance running at the end, for you to curl
#   --stop      stop what an earlier --keep left running, and exit
#   --verbose   show the CLI's log of every step (it is always in .work/logs/)
# Environment: LOCAL_EXAMPLE_PORT   first port to try (default: 18080-19676, from the checkout's path)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work="$here/.work"
keep=0 verbose=0
for arg in "$@"; do
  case $arg in
    --keep) keep=1 ;;
    --verbose) verbose=1 ;;
    --stop) stop_only=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

# --- processes: every instance and the address record their pid; stopping is killing those ---
pids() { cat "$work"/instances/*/pid "$work"/address/pid 2>/dev/null || true; }
stop_all() {
  local pid
  for pid in $(pids); do
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
if [ "${stop_only:-0}" = 1 ]; then stop_all; echo "stopped"; exit 0; fi

# --- output ---
if [ -t 1 ]; then ok=$'\e[32m✓\e[0m' bad=$'\e[31m✗\e[0m' bold=$'\e[1m' off=$'\e[0m'; else ok='✓' bad='✗' bold='' off=''; fi
step_no=0
step() { step_no=$((step_no + 1)); printf '\n%s[%d] %s%s\n' "$bold" "$step_no" "$*" "$off"; }
say() { printf '    %s\n' "$*"; }
fail() { printf '\n%s the example did not behave as expected: %s\n' "$bad" "$*" >&2; exit 1; }

# json KEY FILE: the first value of "KEY" in a one-line JSON object (strings unquoted; objects not)
json() { grep -o "\"$1\":\(\"[^\"]*\"\|[^,}\"{]*\)" "$2" | sed -n 1p | sed "s/^\"$1\"://; s/^\"\(.*\)\"\$/\1/"; }
# json_first_file FILE: the first file of the first build in a bake result
json_first_file() { sed -n 's/.*"files":\["\([^"]*\)".*/\1/p' "$1" | sed -n 1p; }

# cli NAME ARGS...: runs one CLI command with --json; the result goes to .work/results/NAME.json,
# the log to .work/logs/NAME.log (and to the terminal with --verbose); returns its exit code
cli() {
  local name=$1; shift
  local rc=0
  if [ "$verbose" = 1 ]; then
    "$repo/bin/immutable-deploy" "$@" --json > "$work/results/$name.json" 2> >(tee "$work/logs/$name.log" | sed 's/^/      | /' >&2) || rc=$?
  else
    "$repo/bin/immutable-deploy" "$@" --json > "$work/results/$name.json" 2> "$work/logs/$name.log" || rc=$?
  fi
  return "$rc"
}
show_log() { say "last lines of $work/logs/$1.log:"; tail -n 15 "$work/logs/$1.log" | sed 's/^/      | /'; }

# free_port FROM: the first port from FROM on which nothing listens
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# http_get URL: the body of a GET, with bash alone (no curl needed)
http_get() {
  local hostport=${1#http://} path
  path=/${hostport#*/}; hostport=${hostport%%/*}
  exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
  sed '1,/^\r\{0,1\}$/d' <&3
  exec 3<&-
}

# --- fresh start: what an earlier run left behind goes first ---
start=$(date +%s)
stop_all
[ -d "$work" ] && chmod -R u+w "$work" && rm -rf "$work"
mkdir -p "$work"/{images,logs,results,records}
trap 'status=$?; if [ "$keep" = 1 ] && [ "$status" = 0 ]; then :; else stop_all; fi' EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a kill still goes through the EXIT trap: nothing left running

# --- prerequisites: the pinned tools and the CLI, only when missing ---
step "prerequisites"
"$repo/scripts/install-tools.sh" > "$work/logs/install-tools.log" 2>&1 || { cat "$work/logs/install-tools.log" >&2; fail "scripts/install-tools.sh failed"; }
say "$(sed -n 's/^\(packer .*\) at .*/\1/p' "$work/logs/install-tools.log"), $(sed -n 's/^tofu *\(.*\) at .*/tofu \1/p' "$work/logs/install-tools.log")"
if [ ! -f "$repo/cli/target/immutable-deploy.jar" ]; then
  say "building the CLI (mvn -pl cli -am package), once"
  (cd "$repo" && mvn -B -ntp -q -DskipTests package -pl cli -am) > "$work/logs/build.log" 2>&1 || { tail -n 30 "$work/logs/build.log" >&2; fail "the CLI did not build"; }
fi
say "CLI: $("$repo/bin/immutable-deploy" --version 2>&1 | sed -n 1p)"

# Checkouts on one machine (CI, colleagues) start from different ports, so runs at the same time
# do not race for the same free port.
address_port=$(free_port "${LOCAL_EXAMPLE_PORT:-$((18080 + $(cksum <<<"$here" | cut -d' ' -f1) % 400 * 4))}")
v1_port=$(free_port $((address_port + 1)))
v2_port=$(free_port $((v1_port + 1)))
url="http://127.0.0.1:$address_port"
# The OpenTofu configuration is deployed from a copy, so its state and .terraform stay in .work.
cp -R "$here/terraform" "$work/deploy"

checks=(--url "$url/health" --json-pointer /status --json-expect UP
        --interval 1s --success-threshold 3 --attempt-timeout 2s --timeout 12s)
where=(--dir "$work/deploy" --record-dir "$work/records")
deploy_opts=("${where[@]}" --var "address_port=$address_port" --var "work_dir=$work" --var "app_source=$here/app/App.java")

rows=()
row() { rows+=("$(printf '%-26s %-8s %-24s %s' "$1" "$2" "$3" "$4")"); }

bake() { # VERSION -> sets image_dir
  step "bake $1: Packer builds an immutable, checksummed image of release $1"
  cli "bake-$1" bake --template "$here/packer/app.pkr.hcl" --var "version=$1" --var "example_dir=$here" \
      --var "images_dir=$work/images" || { show_log "bake-$1"; fail "bake $1 failed"; }
  image_file=$(json_first_file "$work/results/bake-$1.json")
  [ -n "$image_file" ] || fail "the bake result names no image file ($work/results/bake-$1.json)"
  image_dir=$(dirname "$image_file")
  (cd "$image_dir" && sha256sum --check --quiet SHA256SUMS) || fail "$image_dir does not match its SHA256SUMS"
  say "$ok image $(basename "$image_dir") (sha256 $(sha256sum "$image_dir/SHA256SUMS" | cut -c1-12)…, in $(json durationSeconds "$work/results/bake-$1.json") s), recorded in .work/images/manifest.json"
}

deploy() { # VERSION PORT
  step "deploy $1: OpenTofu starts it next to the old one on port $2, re-points $url, retires the old one"
  cli "deploy-$1" deploy "${deploy_opts[@]}" --var "image_dir=$image_dir" --var "port=$2" \
      || { show_log "deploy-$1"; fail "deploy $1 failed"; }
  local r="$work/results/deploy-$1.json"
  say "$ok plan: +$(json add "$r") ~$(json change "$r") ±$(json replace "$r") -$(json destroy "$r"); live: $(json image "$r") at $(json instance_url "$r") behind $(json url "$r")"
}

# --- the flow ---
bake 1.0.0
v1_image=$(basename "$image_dir")
deploy 1.0.0 "$v1_port"

step "verify 1.0.0: health checks on $url/health until 3 consecutive successes"
cli verify-1.0.0 verify "${checks[@]}" || { show_log verify-1.0.0; fail "1.0.0 should be healthy"; }
say "$ok healthy"
row "$v1_image" 1.0.0 "http://127.0.0.1:$v1_port" "yes"

bake 2.0.0
v2_image=$(basename "$image_dir")
deploy 2.0.0 "$v2_port"

step "verify 2.0.0 with --rollback: 2.0.0 is broken on purpose, so this must fail and roll back"
rc=0
cli verify-2.0.0 verify "${checks[@]}" --rollback "${where[@]}" || rc=$?
r="$work/results/verify-2.0.0.json"
[ "$rc" = 3 ] || { show_log verify-2.0.0; fail "verify of 2.0.0 should exit 3 (verification failed), it exited $rc"; }
[ "$(json healthy "$r")" = false ] || fail "2.0.0 was reported healthy"
say "$bad 2.0.0 unhealthy, as expected: $(json lastError "$r")$( [ -n "$(json lastStatus "$r")" ] && echo " (last status $(json lastStatus "$r"))")"
[ "$(json rolledBack "$r")" = true ] || { show_log verify-2.0.0; fail "no automatic rollback happened"; }
[ "$(json rollbackHealthy "$r")" = true ] || { show_log verify-2.0.0; fail "the rollback did not verify healthy"; }
say "$ok rolled back automatically to the previous deployment (record $(json id "$r"): $(json image "$r")), and it verified healthy"
row "$v2_image" 2.0.0 "http://127.0.0.1:$v2_port" "no (rolled back)"

step "verify after the rollback"
cli verify-final verify "${checks[@]}" || { show_log verify-final; fail "the rolled-back deployment should be healthy"; }
live=$(http_get "$url/health") || fail "nothing answers at $url"
live_version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' <<<"$live")
[ "$live_version" = 1.0.0 ] || fail "$url serves version '$live_version', expected 1.0.0 after the rollback"
live_instance=$(basename "$(cat "$work/address/instance")")
[ "${live_instance%-*}" = "$v1_image" ] || fail "the address points to $live_instance, expected an instance of $v1_image"
for pid_file in "$work"/instances/"$v2_image"-*/pid; do
  if kill -0 "$(cat "$pid_file")" 2>/dev/null; then fail "the 2.0.0 instance is still running after the rollback"; fi
done
say "$ok healthy: $url answers $live"
row "$v1_image" 1.0.0 "http://127.0.0.1:${live_instance##*-}" "yes (live)"

printf '\n%s%-26s %-8s %-24s %s%s\n' "$bold" image version URL healthy "$off"
printf '%s\n' "${rows[@]}"
printf '\nThe stable address %s serves %s. Flow as expected in %d s: ' "$url" "$v1_image" $(($(date +%s) - start))
printf 'v2 failed its health checks and was rolled back automatically.\n'
if [ "$keep" = 1 ]; then
  printf 'Left running (--keep): curl %s/health; stop with: %s --stop\n' "$url" "$0"
else
  printf 'Stopped every instance. Logs and JSON results: %s/{logs,results}\n' "$work"
fi
