#!/usr/bin/env bash
# Installs the pinned Packer and OpenTofu into .tools/bin (git-ignored), and Packer's DigitalOcean
# plugin into .tools/packer-plugins (the folder to name in PACKER_PLUGIN_PATH), and prints their versions.
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
# The DigitalOcean plugin is packer-plugin-digitalocean v1.0.6 (May 2022, from
# github.com/hashicorp/packer-plugin-digitalocean): the newest version the Go module proxy serves. It
# is built from that Go module (about 80 s; afterwards it comes from the machine's cache) and laid out
# the way `packer init` lays out a plugin, with the checksum file Packer 1.9 needs to load it:
#   <tools>/../packer-plugins/github.com/digitalocean/digitalocean/
#       packer-plugin-digitalocean_v1.0.6_x5.0_<os>_<arch>   and   ..._SHA256SUM
# Packer finds it when PACKER_PLUGIN_PATH names that packer-plugins folder (it then looks nowhere else).
#
# Environment: IMMUTABLE_DEPLOY_TOOLS   where to install (default: <repo>/.tools/bin; the plugin goes
#                                       into the packer-plugins folder beside it)
#              IMMUTABLE_DEPLOY_NO_DOWNLOAD=1   skip step 4
set -euo pipefail

PACKER_VERSION=1.9.4     # the last 1.9.x on the Go module proxy; 1.9.x is Packer's last MPL line
TOFU_VERSION=1.10.10
DO_PLUGIN_VERSION=1.0.6  # the newest packer-plugin-digitalocean the Go module proxy serves (May 2022)
DO_PLUGIN_MODULE=github.com/hashicorp/packer-plugin-digitalocean
DO_PLUGIN_API=x5.0       # the plugin protocol of its SDK (packer-plugin-sdk 0.2.x); Packer 1.9 speaks it

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${IMMUTABLE_DEPLOY_TOOLS:-$repo/.tools/bin}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/immutable-deploy/tools
mkdir -p "$bin" "$cache"
bin=$(cd "$bin" && pwd)
plugins=$(dirname "$bin")/packer-plugins

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

# plugin_version PATH -> prints the version and protocol the plugin binary reports (1.0.6 x5.0), or nothing
plugin_version() {
  local out
  out=$("$1" describe 2>/dev/null) || return 0
  sed -n 's/.*"version":"\([^"]*\)".*"api_version":"\([^"]*\)".*/\1 \2/p' <<<"$out"
}

build_do_plugin() { # DEST_FILE
  local dest=$1 dir
  command -v go >/dev/null || { log "Go is not installed; install Go 1.24 or newer to build the DigitalOcean plugin"; return 1; }
  log "building packer-plugin-digitalocean $DO_PLUGIN_VERSION (2022) from the Go module $DO_PLUGIN_MODULE (about 80 s the first time)"
  dir=$(go mod download -json "$DO_PLUGIN_MODULE@v$DO_PLUGIN_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { log "could not download the Go module $DO_PLUGIN_MODULE@v$DO_PLUGIN_VERSION"; return 1; }
  # The same version stamp as the plugin's release build: without it the binary calls itself 1.0.5-dev.
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w \
      -X $DO_PLUGIN_MODULE/version.Version=$DO_PLUGIN_VERSION -X $DO_PLUGIN_MODULE/version.VersionPrerelease=" \
      -o "$dest" .)
}

install_do_plugin() {
  local name="packer-plugin-digitalocean_v${DO_PLUGIN_VERSION}_${DO_PLUGIN_API}_${os}_${arch}"
  local dir="$plugins/github.com/digitalocean/digitalocean" cached="$cache/packer-plugin-digitalocean-$DO_PLUGIN_VERSION"
  local want="$DO_PLUGIN_VERSION $DO_PLUGIN_API"
  if [ -x "$dir/$name" ] && [ -f "$dir/${name}_SHA256SUM" ] && [ "$(plugin_version "$dir/$name")" = "$want" ] \
     && [ "$(sha256sum "$dir/$name" | cut -d' ' -f1)" = "$(cat "$dir/${name}_SHA256SUM")" ]; then
    return 0
  fi
  if ! { [ -x "$cached/packer-plugin-digitalocean" ] && [ "$(plugin_version "$cached/packer-plugin-digitalocean")" = "$want" ]; }; then
    mkdir -p "$cached"
    build_do_plugin "$cached/packer-plugin-digitalocean" || { log "could not build packer-plugin-digitalocean $DO_PLUGIN_VERSION"; exit 1; }
    [ "$(plugin_version "$cached/packer-plugin-digitalocean")" = "$want" ] \
      || { log "the built plugin does not report version $want"; exit 1; }
  fi
  mkdir -p "$dir"
  rm -f "$dir"/packer-plugin-digitalocean_*
  cp "$cached/packer-plugin-digitalocean" "$dir/$name.tmp" && mv "$dir/$name.tmp" "$dir/$name"
  # Packer 1.9 loads an installed plugin only when this file holds its SHA-256 (hex, nothing else).
  sha256sum "$dir/$name" | cut -d' ' -f1 > "$dir/${name}_SHA256SUM"
}

install_tool packer "$PACKER_VERSION"
install_tool tofu "$TOFU_VERSION"
install_do_plugin

echo "packer $(version_of packer "$bin/packer") at $bin/packer"
echo "tofu   $(version_of tofu "$bin/tofu") at $bin/tofu"
echo "packer-plugin-digitalocean $DO_PLUGIN_VERSION (2022) in $plugins (PACKER_PLUGIN_PATH)"
