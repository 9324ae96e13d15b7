#!/usr/bin/env bash
# Installs the pinned Packer and OpenTofu into .tools/bin (git-ignored) and prints both versions.
#
# For each tool, the first of these that works:
#   1. .tools/bin already holds the pinned version;
#   2. the pinned version is on PATH (it is linked into .tools/bin);
#   3. this machine's cache (~/.cache/immutable-deploy/tools) holds it from an earlier install;
#   4. the official release archive, checked against the publisher's SHA256SUMS file
#      (what a user with internet access gets; skipped with IMMUTABLE_DEPLOY_NO_DOWNLOAD=1);
#   5. a build from the Go module with the Go toolchain (what an offline build machine can do).
# Running it again finishes in seconds.
#
# Environment: IMMUTABLE_DEPLOY_TOOLS   where to install (default: <repo>/.tools/bin)
#              IMMUTABLE_DEPLOY_NO_DOWNLOAD=1   skip step 4
set -euo pipefail

PACKER_VERSION=1.9.4     # the last 1.9.x on the Go module proxy; 1.9.x is Packer's last MPL line
TOFU_VERSION=1.10.10

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${IMMUTABLE_DEPLOY_TOOLS:-$repo/.tools/bin}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/immutable-deploy/tools
mkdir -p "$bin" "$cache"

os=$(uname -s | tr '[:upper:]' '[:lower:]')
case $(uname -m) in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) arch=$(uname -m) ;;
esac

log() { printf 'install-tools: %s\n' "$*" >&2; }

# version_of TOOL PATH -> prints the bare version (1.9.4), or nothing
version_of() {
  local out
  # Read all of it: with pipefail, `| head -n 1` fails at random when the tool is still
  # writing its second line as head exits (SIGPIPE), and the version then looks wrong.
  out=$("$2" version 2>/dev/null) || return 0
  out=${out%%$'\n'*}
  case $1 in
    packer) sed -n 's/^Packer v\([0-9][0-9.]*\).*/\1/p' <<<"$out" ;;
    tofu) sed -n 's/^OpenTofu v\([0-9][0-9.]*\)$/\1/p' <<<"$out" ;;
  esac
}

download() { # TOOL VERSION DEST_DIR
  local tool=$1 version=$2 dest=$3 base zip sums tmp
  case $tool in
    packer) base="https://releases.hashicorp.com/packer/$version"; zip="packer_${version}_${os}_${arch}.zip"; sums="packer_${version}_SHA256SUMS" ;;
    tofu) base="https://github.com/opentofu/opentofu/releases/download/v$version"; zip="tofu_${version}_${os}_${arch}.zip"; sums="tofu_${version}_SHA256SUMS" ;;
  esac
  command -v curl >/dev/null && command -v unzip >/dev/null && command -v sha256sum >/dev/null || return 1
  tmp=$(mktemp -d)
  if curl -fsSL --connect-timeout 10 --max-time 600 -o "$tmp/$zip" "$base/$zip" \
     && curl -fsSL --connect-timeout 10 --max-time 60 -o "$tmp/SHA256SUMS" "$base/$sums"; then
    if (cd "$tmp" && grep " $zip\$" SHA256SUMS | sha256sum -c --status -); then
      unzip -q -o "$tmp/$zip" "$tool" -d "$dest" && rm -rf "$tmp" && return 0
    fi
    log "$zip did not match its published SHA-256; not using it"
  fi
  rm -rf "$tmp"
  return 1
}

go_build() { # TOOL VERSION DEST_DIR
  local tool=$1 version=$2 dest=$3 module dir
  command -v go >/dev/null || { log "Go is not installed; install Go 1.24 or newer to build $tool from source"; return 1; }
  case $tool in
    packer) module=github.com/hashicorp/packer ;;
    tofu) module=github.com/opentofu/opentofu ;;
  esac
  log "building $tool $version from the Go module $module (a few minutes the first time)"
  dir=$(go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { log "could not download the Go module $module@v$version"; return 1; }
  # OpenTofu's go.mod has a replace directive, so `go install module@version` refuses it:
  # build inside the downloaded module instead.
  case $tool in
    packer) (cd "$dir" && CGO_ENABLED=0 go build -trimpath -o "$dest/packer" .) ;;
    tofu) (cd "$dir" && CGO_ENABLED=0 go build -trimpath \
            -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$dest/tofu" ./cmd/tofu) ;;
  esac
}

install_tool() { # TOOL VERSION
  local tool=$1 version=$2 found cached
  cached="$cache/$tool-$version"
  if [ -x "$bin/$tool" ] && [ "$(version_of "$tool" "$bin/$tool")" = "$version" ]; then
    return 0
  fi
  rm -f "$bin/$tool"
  found=$(command -v "$tool" || true)
  if [ -n "$found" ] && [ "$(version_of "$tool" "$found")" = "$version" ]; then
    log "using $tool $version from PATH ($found)"
    ln -s "$found" "$bin/$tool"
    return 0
  fi
  if ! { [ -x "$cached/$tool" ] && [ "$(version_of "$tool" "$cached/$tool")" = "$version" ]; }; then
    mkdir -p "$cached"
    if [ "${IMMUTABLE_DEPLOY_NO_DOWNLOAD:-0}" != 1 ] && download "$tool" "$version" "$cached"; then
      log "downloaded $tool $version (SHA-256 checked)"
    elif go_build "$tool" "$version" "$cached"; then
      log "built $tool $version from source"
    else
      log "could not install $tool $version: no download and no Go build worked"
      exit 1
    fi
  fi
  cp "$cached/$tool" "$bin/$tool.tmp" && mv "$bin/$tool.tmp" "$bin/$tool"
  [ "$(version_of "$tool" "$bin/$tool")" = "$version" ] || { log "$bin/$tool does not report version $version"; exit 1; }
}

install_tool packer "$PACKER_VERSION"
install_tool tofu "$TOFU_VERSION"

echo "packer $(version_of packer "$bin/packer") at $bin/packer"
echo "tofu   $(version_of tofu "$bin/tofu") at $bin/tofu"
