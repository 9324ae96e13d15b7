#!/usr/bin/env bash
# The project's test command: installs the pinned Packer and OpenTofu when they are missing,
# then builds and tests every module (the .hpi included) with Maven, then runs the local example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh >/dev/null
export IMMUTABLE_DEPLOY_TOOLS="$PWD/.tools/bin"
mvn -B -ntp verify "$@"
# Then the main job end to end through the CLI just built: four releases through the blue/green
# flow, one discarded, one switched back (examples/local/run.sh; about a minute, leaves nothing running).
examples/local/run.sh
