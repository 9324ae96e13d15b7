#!/usr/bin/env bash
# The main job on one machine. Until the local example lands, this shows the CLI and both tools working.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
scripts/install-tools.sh
[ -f cli/target/immutable-deploy.jar ] || mvn -B -ntp -q -DskipTests package
bin/immutable-deploy --version
