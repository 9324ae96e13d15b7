#!/usr/bin/env bash
# The DigitalOcean flow end to end, for real, against the local DigitalOcean: the real Packer with
# the real DigitalOcean plugin, driven through the CLI (bin/immutable-deploy). Nothing leaves the
# machine: the script re-runs itself in a network namespace that has only a loopback interface.
#
#   Packer half (always):  bake examples/digitalocean -> snapshot app-<tag>, its id returned, the unit
#                          file byte-identical on the build droplet, no secret uploaded or logged;
#                          bake --skip-if-exists finds it without Packer; prune-images keeps the live
#                          snapshot.
#   OpenTofu half:         needs a provider mirror (IMMUTABLE_DEPLOY_PROVIDER_MIRROR); not written yet,
#                          and the script says so ("skipped: ...").
#
# Needs: root (or unprivileged user namespaces) for `unshare --net`, iproute2's `ip`, curl, python3,
# Java 17, the CLI and the double built (mvn -B -DskipTests package), and scripts/install-tools.sh run.
# Environment: IMMUTABLE_DEPLOY_TOOLS (default <repo>/.tools/bin), PACKER_PLUGIN_PATH (default: the
# packer-plugins folder beside it), IMMUTABLE_DEPLOY_E2E_KEEP=1 keeps the work folder for a look.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'e2e: %s\n' "$*"; }
die() { printf 'e2e: cannot run: %s\n' "$*" >&2; exit 2; }

# --- into a loopback-only network namespace ------------------------------------------------------
if [ "${IMMUTABLE_DEPLOY_E2E_NETNS:-}" != 1 ]; then
  command -v unshare >/dev/null || die "unshare (util-linux) is not installed"
  export IMMUTABLE_DEPLOY_E2E_NETNS=1
  if unshare --net true 2>/dev/null; then
    exec unshare --net -- bash "$0" "$@"
  elif unshare --user --map-root-user --net true 2>/dev/null; then
    exec unshare --user --map-root-user --net -- bash "$0" "$@"
  fi
  die "cannot create a network namespace: run as root, or allow unprivileged user namespaces"
fi
command -v ip >/dev/null || die "ip (iproute2) is not installed: it brings up the namespace's loopback"
ip link set lo up
links=$(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')
[ "$links" = "lo " ] || die "the namespace has interfaces besides loopback: $links"
say "in a network namespace with only loopback ($(ip -o -4 addr show lo | awk '{print $4}'))"

# --- what it needs --------------------------------------------------------------------------------
for tool in curl python3 java; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
tools=${IMMUTABLE_DEPLOY_TOOLS:-$repo/.tools/bin}
export IMMUTABLE_DEPLOY_TOOLS=$tools
export PACKER_PLUGIN_PATH=${PACKER_PLUGIN_PATH:-$(cd "$tools/.." && pwd)/packer-plugins}
export CHECKPOINT_DISABLE=1
[ -x "$tools/packer" ] || die "no Packer at $tools/packer: run scripts/install-tools.sh"
ls "$PACKER_PLUGIN_PATH"/github.com/digitalocean/digitalocean/packer-plugin-digitalocean_*_SHA256SUM >/dev/null 2>&1 \
  || die "no DigitalOcean plugin in $PACKER_PLUGIN_PATH: run scripts/install-tools.sh"
cli="$repo/bin/immutable-deploy"
double_jar="$repo/digitalocean-double/target/digitalocean-double.jar"
[ -f "$repo/cli/target/immutable-deploy.jar" ] || die "the CLI is not built: mvn -B -DskipTests package"
[ -f "$double_jar" ] || die "the local DigitalOcean is not built: mvn -B -DskipTests package"

work=$(mktemp -d "${TMPDIR:-/tmp}/e2e-digitalocean.XXXXXX")
double_pid=
cleanup() {
  if [ -n "$double_pid" ]; then
    kill "$double_pid" 2>/dev/null || true
    wait "$double_pid" 2>/dev/null || true   # its status is 143 (SIGTERM): not the script's
  fi
  if [ "${IMMUTABLE_DEPLOY_E2E_KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

failures=0
ok() { say "ok: $*"; }
fail() { say "FAILED: $*"; failures=$((failures + 1)); }
check() { # DESCRIPTION COMMAND... : runs the command quietly, ok when it succeeds
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi
}
json() { # FILE EXPRESSION : prints a value from a JSON file (python3, the expression sees `d`)
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print("" if v is None else v)' "$1" "$2"
}

# Secrets only ever in the environment; random per run so any copy of them anywhere is found.
E2E_DO_TOKEN="dop_v1_$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
E2E_DB_PASSWORD="db-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export E2E_DO_TOKEN E2E_DB_PASSWORD

# --- the local DigitalOcean -----------------------------------------------------------------------
java -jar "$double_jar" --state-dir "$work/double" --token-env E2E_DO_TOKEN --ssh-port 22 --app-port 8080 \
  >"$work/double.log" 2>&1 &
double_pid=$!
for _ in $(seq 150); do [ -s "$work/double/api-url" ] && break; sleep 0.2; done
[ -s "$work/double/api-url" ] || { cat "$work/double.log" >&2; die "the local DigitalOcean did not start"; }
api=$(cat "$work/double/api-url")
export DIGITALOCEAN_API_URL=$api
say "local DigitalOcean at $api (droplets on 127.77.x.x, SSH on port 22, apps on 8080)"
phase() { curl -fsS -X POST -d "{\"name\":\"$1\"}" "$api/_double/phase"; }
state() { curl -fsS "$api/_double/state" >"$1"; }

cp -r "$repo/examples/digitalocean" "$work/example"
rm -f "$work/example/manifest.json"

bake() { # TAG OUT [extra CLI options]
  local tag=$1 out=$2; shift 2
  (cd "$work/example" && "$cli" bake --template packer.pkr.hcl --var "release_tag=$tag" \
    --var "release_asset_url=https://releases.example.invalid/$tag/app.jar" \
    --secret-var db_password=E2E_DB_PASSWORD --token-env E2E_DO_TOKEN --json "$@" >"$out.json" 2>"$out.log")
}

# --- Packer half: bake ----------------------------------------------------------------------------
phase bake
started=$(date +%s.%N)
if bake v1.0.0 "$work/bake"; then ok "bake v1.0.0 through the CLI"; else fail "bake v1.0.0 through the CLI"; cat "$work/bake.log"; fi
bake_seconds=$(python3 -c "import sys; print(round($(date +%s.%N) - $started, 1))")
state "$work/state-bake.json"
live_id=$(json "$work/bake.json" 'd["id"]')
[ "$(json "$work/bake.json" 'd["name"]')" = app-v1.0.0 ] && ok "the snapshot is named app-v1.0.0" \
  || fail "the snapshot is named app-v1.0.0 (got $(json "$work/bake.json" 'd.get("name")'))"
[[ "$live_id" =~ ^[0-9]+$ ]] && ok "its id $live_id is returned" || fail "a numeric snapshot id is returned (got '$live_id')"
image_release=$(json "$work/state-bake.json" "next((i.get('release') for i in d['images'] if str(i['id']) == '$live_id'), '')")
[ "$image_release" = v1.0.0 ] && ok "the snapshot carries release v1.0.0 (seen in Packer's provisioning command)" \
  || fail "the snapshot carries release v1.0.0 (got '$image_release')"
image_fs=$(json "$work/state-bake.json" "next((i.get('fs') for i in d['images'] if str(i['id']) == '$live_id'), '')")
check "provisioning/files/app.service arrived byte-identical at the SSH stand-in" \
  cmp "$repo/examples/digitalocean/provisioning/files/app.service" "$image_fs/tmp/app.service"
script=$(ls "$image_fs"/tmp/script_*.sh 2>/dev/null | head -n 1 || true)
check "the shell provisioner's script arrived byte-identical" cmp "$repo/examples/digitalocean/provisioning/install.sh" "${script:-/nonexistent}"
leaks=$(grep -rlF -e "$E2E_DO_TOKEN" -e "$E2E_DB_PASSWORD" "$work/double" "$work/state-bake.json" "$work/bake.json" \
  "$work/bake.log" "$work/example" 2>/dev/null || true)
[ -z "$leaks" ] && ok "neither the token nor the DB password is in anything uploaded, recorded or logged" \
  || fail "a secret leaked into: $leaks"
bake_requests=$(curl -fsS "$api/_double/requests" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts_by_phase"].get("bake", 0))')

# --- skip-if-exists: found without Packer ---------------------------------------------------------
phase skip
if bake v1.0.0 "$work/skip" --skip-if-exists app-v1.0.0 --api-url "$api" --packer /nonexistent/packer; then
  ok "bake --skip-if-exists ran without Packer (--packer points nowhere)"
else
  fail "bake --skip-if-exists ran without Packer"; cat "$work/skip.log"
fi
[ "$(json "$work/skip.json" 'd.get("skipped")')" = True ] && [ "$(json "$work/skip.json" 'd.get("id")')" = "$live_id" ] \
  && ok "it found app-v1.0.0 ($live_id): skipped" || fail "it found app-v1.0.0 and skipped the bake"
skip_creates=$(curl -fsS "$api/_double/requests" | python3 -c \
  'import json,sys; print(sum(1 for e in json.load(sys.stdin)["requests"] if e["phase"] == "skip" and e["method"] != "GET"))')
[ "$skip_creates" = 0 ] && ok "the skipped bake only read the API" || fail "the skipped bake changed something ($skip_creates writes)"

# --- prune-images: the live snapshot stays --------------------------------------------------------
phase bake-newer
bake v1.1.0 "$work/bake2" && ok "bake v1.1.0 (a newer snapshot)" || { fail "bake v1.1.0"; cat "$work/bake2.log"; }
newer_id=$(json "$work/bake2.json" 'd.get("id")')
old_id=$(curl -fsS -X POST -d '{"name":"app-v0.9.0","release":"v0.9.0","created_at":"2026-01-01T00:00:00Z"}' \
  "$api/_double/snapshots" | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshot"]["id"])')
phase prune
# v1.0.0 is the live release; keep=1 alone would keep only v1.1.0 and delete it.
if "$cli" prune-images --token-env E2E_DO_TOKEN --api-url "$api" --prefix app- --keep 1 --protect "$live_id" \
    --records-dir "$work/records" --json >"$work/prune.json" 2>"$work/prune.log"; then
  ok "prune-images --keep 1 --protect <live>"
else
  fail "prune-images"; cat "$work/prune.log"
fi
deleted=$(json "$work/prune.json" '",".join(s["id"] for s in d["deleted"])')
[ "$deleted" = "$old_id" ] && ok "it deleted only app-v0.9.0 ($old_id)" || fail "it deleted only app-v0.9.0 ($old_id), not '$deleted'"
code() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $E2E_DO_TOKEN" "$api/v2/images/$1"; }
[ "$(code "$live_id")" = 200 ] && ok "the live snapshot app-v1.0.0 is still there" || fail "the live snapshot app-v1.0.0 is still there"
[ "$(code "$newer_id")" = 200 ] && ok "the newest snapshot app-v1.1.0 is kept" || fail "the newest snapshot app-v1.1.0 is kept"

# --- OpenTofu half ----------------------------------------------------------------------------------
if [ -z "${IMMUTABLE_DEPLOY_PROVIDER_MIRROR:-}" ]; then
  say "skipped: OpenTofu half: no provider mirror (IMMUTABLE_DEPLOY_PROVIDER_MIRROR)"
else
  say "skipped: OpenTofu half: not written yet (the blue/green flow, issue 14); the mirror $IMMUTABLE_DEPLOY_PROVIDER_MIRROR was not used"
fi

# --- figures ----------------------------------------------------------------------------------------
counts=$(curl -fsS "$api/_double/requests" | python3 -c \
  'import json,sys; print(", ".join("%s %s" % (k or "-", v) for k, v in json.load(sys.stdin)["counts_by_phase"].items()))')
say "figures: bake ${bake_seconds}s through the CLI ($bake_requests API requests); API requests by phase: $counts"
say "ran: bake, bake --skip-if-exists, bake (newer), prune-images; skipped: the OpenTofu half"
if [ "$failures" -ne 0 ]; then
  say "$failures check(s) FAILED"
  exit 1
fi
say "every check passed"
