#!/usr/bin/env bash
# Runs inside the build droplet (Packer's shell provisioner): installs the runtime and the
# release, and leaves the service disabled until cloud-init has written its settings.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cloud-init status --wait >/dev/null || true
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jre-headless curl
useradd --system --home /opt/app --shell /usr/sbin/nologin app || true
install -d -o app -g app /opt/app /opt/app/data
curl -fsSL --retry 5 -o /opt/app/app.jar "$RELEASE_ASSET_URL"
echo "$RELEASE_TAG" > /opt/app/RELEASE
install -m 0644 /tmp/app.service /etc/systemd/system/app.service
systemctl daemon-reload
# Nothing of this build machine should end up in the image.
apt-get clean
rm -rf /var/lib/apt/lists/* /tmp/app.service
cloud-init clean --logs
