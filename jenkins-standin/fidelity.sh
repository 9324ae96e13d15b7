#!/bin/sh
# Checks this stand-in against the upstream sources it mirrors (see README.md for the versions).
# Usage: jenkins-standin/fidelity.sh MIRROR_ROOT   (a folder holding owner+name/repo git dirs of the upstream repositories)
set -e
here=$(cd "$(dirname "$0")" && pwd)
m=${1:?usage: $0 MIRROR_ROOT (a folder holding owner+name/repo git dirs)}
export STANDIN_FIDELITY_MIRRORS="$m/jenkinsci+jenkins/repo@jenkins-2.541.3:$m/jenkinsci+workflow-step-api-plugin/repo:$m/jenkinsci+credentials-plugin/repo:$m/jenkinsci+plain-credentials-plugin/repo@199.v9f8e1f741799:$m/jenkinsci+structs-plugin/repo@362.va_b_695ef4fdf9:$m/jenkinsci+stapler/repo:$m/jenkinsci+lib-symbol-annotation/repo:$m/jenkinsci+lib-annotation-indexer/repo:$m/jenkinsci+remoting/repo@3352.v17a_fb_4b_2773f:$m/jenkinsci+okhttp-api-plugin/repo@5.3.2-200.vedb_720a_cf1f8"
exec "${STANDIN_FIDELITY:-$here/../../shared/tools/standin-fidelity/run.sh}" "$here/src/main/java"
