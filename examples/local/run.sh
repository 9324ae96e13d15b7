#!/usr/bin/env bash
# The main job on one machine, no cloud account: the blue/green release flow through the
# immutable-deploy CLI (bake, then blue-green), with the real Packer and OpenTofu.
#
#   1.0.0  the first release: verified on its own address, then given the stable address
#   2.0.0  broken: caught on its own address as a candidate and discarded; 1.0.0 never stops serving
#   3.0.0  healthy: promoted, verified through the stable address; 1.0.0 retired
#   4.0.0  healthy on its own address, broken behind the stable address: switched back to 3.0.0
#
# From 1.0.0 on, a prober requests the stable address every 50 ms; the table counts what it got.
# Exits 0 only when the flow behaved exactly like that. Leaves no process running, unless
# --keep: then the live server and the stable address stay up (stop them with --stop).
#
# Usage: examples/local/run.sh [--keep] [--stop] [--verbose]
#   --keep      leave the live server and the stable address running, for you to curl
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
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

# --- processes: every server, the address and the prober record their pid; stopping is killing those ---
stop_pid() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
stop_prober() { if [ -f "$work/prober/pid" ]; then stop_pid "$(cat "$work/prober/pid")"; fi; }
stop_all() {
  local pid
  stop_prober
  for pid in $(cat "$work"/servers/*/pid "$work"/address/pid 2>/dev/null || true); do stop_pid "$pid"; done
}
if [ "${stop_only:-0}" = 1 ]; then stop_all; echo "stopped"; exit 0; fi

# --- output ---
if [ -t 1 ]; then ok=$'\e[32m✓\e[0m' bad=$'\e[31m✗\e[0m' bold=$'\e[1m' off=$'\e[0m'; else ok='✓' bad='✗' bold='' off=''; fi
step_no=0
step() { step_no=$((step_no + 1)); printf '\n%s[%d] %s%s\n' "$bold" "$step_no" "$*" "$off"; }
say() { printf '    %s\n' "$*"; }
fail() { printf '\n%s the example did not behave as expected: %s\n' "$bad" "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# json KEY FILE: the first value of "KEY" in a one-line JSON object (strings unquoted; objects not)
json() { grep -o "\"$1\":\(\"[^\"]*\"\|[^,}\"{]*\)" "$2" | sed -n 1p | sed "s/^\"$1\"://; s/^\"\(.*\)\"\$/\1/"; }
# phases FILE: "name seconds" per phase of a blue-green result, joined with " · "
phases() {
  paste -d' ' <(grep -o '"name":"[^"]*"' "$1" | sed 's/"name":"\(.*\)"/\1/') \
              <(grep -o '"seconds":[0-9.]*' "$1" | sed 's/"seconds"://') | sed 's/ *$//' | paste -sd '|' | sed 's/|/ · /g'
}

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

# serving URL: the release that answers URL/health (bash alone, no curl needed)
serving() {
  local hostport=${1#http://} body
  exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || return 1
  printf 'GET /health HTTP/1.0\r\nHost: %s\r\n\r\n' "$hostport" >&3
  body=$(sed '1,/^\r\{0,1\}$/d' <&3)
  exec 3<&-
  sed -n 's/.*"version":"\([^"]*\)".*/\1/p' <<<"$body"
}

# running: the images whose server process is alive, one a line
running() {
  local d
  for d in "$work"/servers/*/; do
    [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null && basename "$d"
  done
  return 0
}

# --- fresh start: what an earlier run left behind goes first ---
start=$(date +%s)
stop_all
[ -d "$work" ] && chmod -R u+w "$work" && rm -rf "$work"
mkdir -p "$work"/{images,logs,results,records,prober}
trap 'status=$?; stop_prober; if [ "$keep" = 1 ] && [ "$status" = 0 ]; then :; else stop_all; fi' EXIT
trap 'exit 130' INT TERM   # Ctrl-C or a kill still goes through the EXIT trap: nothing left running

# --- prerequisites: the pinned tools and the CLI, only when missing ---
step "prerequisites"
"$repo/scripts/install-tools.sh" > "$work/logs/install-tools.log" 2>&1 || { cat "$work/logs/install-tools.log" >&2; fail "scripts/install-tools.sh failed"; }
say "$(sed -n 's/^\(packer .*\) at .*/\1/p' "$work/logs/install-tools.log"), $(sed -n 's/^tofu *\(.*\) at .*/tofu \1/p' "$work/logs/install-tools.log")"
jar="$repo/cli/target/immutable-deploy.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$repo"/{engine,cli}/src "$repo"/{engine,cli}/pom.xml -newer "$jar" -print -quit)" ]; then
  say "building the CLI (mvn -pl cli -am package): $([ -f "$jar" ] && echo "its sources changed since the last build" || echo "once")"
  (cd "$repo" && mvn -B -ntp -q -DskipTests package -pl cli -am) > "$work/logs/build.log" 2>&1 || { tail -n 30 "$work/logs/build.log" >&2; fail "the CLI did not build"; }
fi
say "CLI: $("$repo/bin/immutable-deploy" --version 2>&1 | sed -n 1p)"

# One port for the stable address (127.0.0.1) and every server (each on its own 127.x.y.z).
# Checkouts on one machine (CI, colleagues) start from different ports, so runs at the same
# time do not race for the same free port.
port=$(free_port "${LOCAL_EXAMPLE_PORT:-$((18080 + $(cksum <<<"$here" | cut -d' ' -f1) % 400 * 4))}")
url="http://127.0.0.1:$port"
# The OpenTofu configuration is deployed from a copy, so its state and .terraform stay in .work.
cp -R "$here/terraform" "$work/deploy"

# The checks, on the candidate's own address and then through the stable address: three UPs in
# a row pass; three wrong answers in a row fail (from the first answer, without waiting for the
# time limit).
checks=(--health-path /health --json-pointer /status --json-expect UP
        --interval 500ms --success-threshold 3 --failure-threshold 3 --attempt-timeout 2s --timeout 20s --deploy-timeout 2m)
deploy_opts=(--dir "$work/deploy" --record-dir "$work/records" --var "port=$port" --var "work_dir=$work")

bake() { # VERSION -> sets image
  step "bake $1: Packer builds an immutable, checksummed image of release $1"
  cli "bake-$1" bake --template "$here/packer/app.pkr.hcl" --var "version=$1" --var "example_dir=$here" \
      --var "images_dir=$work/images" || { show_log "bake-$1"; fail "bake $1 failed"; }
  local file image_dir
  file=$(sed -n 's/.*"files":\["\([^"]*\)".*/\1/p' "$work/results/bake-$1.json")
  [ -n "$file" ] || fail "the bake result names no image file ($work/results/bake-$1.json)"
  image_dir=$(dirname "$file")
  (cd "$image_dir" && sha256sum --check --quiet SHA256SUMS) || fail "$image_dir does not match its SHA256SUMS"
  image=$(basename "$image_dir")
  say "$ok image $image (sha256 $(sha256sum "$image_dir/SHA256SUMS" | cut -c1-12)…, in $(json durationSeconds "$work/results/bake-$1.json") s)"
}

# release VERSION EXIT OUTCOME LIVE_VERSION: blue-green with the image just baked, then checks
# the exit code, the outcome, which release the stable address serves and which servers run.
declare -A image_of started_ms ended_ms
rows=()
release() {
  local version=$1 want_rc=$2 want_outcome=$3 want_live=$4 rc=0
  image_of[$version]=$image
  started_ms[$version]=$(now_ms)
  cli "release-$version" blue-green "${deploy_opts[@]}" --image "$image" "${checks[@]}" || rc=$?
  ended_ms[$version]=$(now_ms)
  local r="$work/results/release-$version.json"
  [ "$rc" = "$want_rc" ] || { show_log "release-$version"; fail "blue-green $version exited $rc, expected $want_rc ($want_outcome)"; }
  [ "$(json outcome "$r")" = "$want_outcome" ] || { show_log "release-$version"; fail "blue-green $version: outcome '$(json outcome "$r")', expected $want_outcome"; }
  [ "$(json live "$r")" = "${image_of[$want_live]}" ] || fail "blue-green $version: live is '$(json live "$r")', expected ${image_of[$want_live]}"
  local serves
  serves=$(serving "$url") || fail "nothing answers at $url after $version"
  [ "$serves" = "$want_live" ] || fail "$url serves '$serves' after $version, expected $want_live"
  [ "$(running)" = "${image_of[$want_live]}" ] || fail "after $version the servers running are: $(running | paste -sd ' '), expected only ${image_of[$want_live]}"
  say "phases (seconds): $(phases "$r")"
  rows+=("$(printf '%-8s %-26s %-13s %-8s %s' "$version" "$image" "$want_outcome" "$want_live" "$(phases "$r")")")
}

# --- the flow ---
bake 1.0.0
step "release 1.0.0 (nothing live yet): candidate on its own address → verify → promote → verify through $url"
release 1.0.0 0 promoted 1.0.0
say "$ok promoted: $url serves 1.0.0"

# From here on a user requests the stable address every 50 ms, on a new connection each time.
(cd "$here/prober" && exec java Prober.java "$url/" "$work/prober/requests.log" 50) \
    > "$work/logs/prober.log" 2>&1 < /dev/null &
echo $! > "$work/prober/pid"

bake 2.0.0
for _ in $(seq 100); do [ -s "$work/prober/requests.log" ] && break; sleep 0.1; done
[ -s "$work/prober/requests.log" ] || { cat "$work/logs/prober.log" >&2; fail "the prober did not start"; }
step "release 2.0.0 (broken: 503 everywhere): candidate beside 1.0.0 → its checks fail → discarded"
release 2.0.0 3 discarded 1.0.0
say "$ok discarded: $(json lastError "$work/results/release-2.0.0.json"); $url serves 1.0.0"

bake 3.0.0
step "release 3.0.0: candidate → verify → promote → verify through $url → retire 1.0.0"
release 3.0.0 0 promoted 3.0.0
say "$ok promoted; 1.0.0 retired"

bake 4.0.0
step "release 4.0.0 (healthy on its own address, redirects what comes through a proxy): promoted → fails through $url → switched back"
release 4.0.0 3 switchedBack 3.0.0
restore=$(json restoreSeconds "$work/results/release-4.0.0.json")
[ -n "$restore" ] || fail "the switched-back result has no restoreSeconds"
say "$ok switched back to 3.0.0 (still running as the standby: no rebuild) in $restore s after the failed check; 4.0.0 discarded"

# --- what the prober saw ---
stop_prober
log="$work/prober/requests.log"
# count FROM_MS TO_MS: "requests errors broken" among the prober's requests started in [FROM, TO)
count() { awk -v a="$1" -v b="$2" '$1 >= a && $1 < b { n++; if ($5 == "error") e++; if ($5 == "broken") k++ }
                                    END { printf "%d %d %d\n", n, e, k }' "$log"; }
read -r total errors broken < <(count 0 99999999999999)
read -r r2 e2 b2 < <(count "${started_ms[2.0.0]}" "${ended_ms[2.0.0]}")
read -r r3 e3 b3 < <(count "${started_ms[3.0.0]}" "${ended_ms[3.0.0]}")
read -r r4 e4 b4 < <(count "${started_ms[4.0.0]}" "${ended_ms[4.0.0]}")
# The window in which the stable address served 4.0.0, as the prober saw it: from its first answer
# from 4.0.0 to its first answer from another release after that (to within one interval).
window4=$(awk '$4 == "4.0.0" { if (!f) f = $1; next } f && !b { b = $1 } END { printf "%.2f\n", f && b ? (b - f) / 1000 : 0 }' "$log")
from2=$(awk '$4 == "2.0.0"' "$log" | wc -l)
broken_not4=$(awk '$5 == "broken" && $4 != "4.0.0"' "$log" | wc -l)

printf '\n%s%-8s %-26s %-13s %-8s %s%s\n' "$bold" release image outcome "live" "phases (seconds)" "$off"
printf '%s\n' "${rows[@]}"
printf '\n%sprober: GET %s/ every 50 ms, new connection each, from 1.0.0 live to the end%s\n' "$bold" "$url" "$off"
printf '%-8s %8s %7s %7s  %s\n' during requests errors broken ""
printf '%-8s %8d %7d %7d  %s\n' 2.0.0 "$r2" "$e2" "$b2" "the broken candidate never took traffic"
printf '%-8s %8d %7d %7d  %s\n' 3.0.0 "$r3" "$e3" "$b3" "the switch to 3.0.0 and the retirement of 1.0.0"
printf '%-8s %8d %7d %7d  %s\n' 4.0.0 "$r4" "$e4" "$b4" "the switch back: 4.0.0 served the address $window4 s; restored $restore s after the failed check"
printf '%-8s %8d %7d %7d\n' all "$total" "$errors" "$broken"
[ "$errors" = 0 ] || fail "the prober got $errors failed requests (no answer from any release); a switch must not fail a request"
[ "$from2" = 0 ] || fail "the broken candidate 2.0.0 answered $from2 requests through the stable address"
[ "$broken_not4" = 0 ] || fail "$broken_not4 broken answers came from a release other than 4.0.0"
[ "$b4" -gt 0 ] || fail "the prober saw no answer from 4.0.0 between its promotion and the switch back: is it probing $url?"
[ "$total" -gt 0 ] || fail "the prober made no requests"

printf '\nWhat the switch back cost: 4.0.0 passed its checks on its own address, so it served the stable address\n'
printf 'from its promotion until the checks through the address failed and 3.0.0 took it back: %s s as the prober\n' "$window4"
printf 'saw it, %d answers that were redirects to an https address nothing serves. restoreSeconds, from the failed\n' "$b4"
printf 'check to 3.0.0 serving again: %s s. No request failed outright, and 2.0.0 never answered one.\n' "$restore"

printf '\nFlow as expected in %d s. ' $(($(date +%s) - start))
if [ "$keep" = 1 ]; then
  printf 'Left running (--keep): curl %s/health; stop with: %s --stop\n' "$url" "$0"
else
  printf 'Stopped every server and the address. Logs and JSON results: %s/{logs,results}\n' "$work"
fi
