#!/usr/bin/env bash
# Builds an OCI image of the Tracewall app without any registry or Docker engine:
#   1. a base root filesystem with a Java 17 runtime, from Debian packages (mmdebstrap);
#   2. a layer with the app (stock James jars with the durable storage, the launcher, the extension jar);
#   3. umoci assembles the two layers and the entrypoint into an OCI layout, tarred as an oci-archive.
# Usage: docker/build-oci.sh [output-dir]   (default: docker/target/oci). Needs root, mmdebstrap, umoci.
# The base layer is reused when present (delete output-dir/base.tar to rebuild it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/docker/target/oci}" && cd "${1:-$root/docker/target/oci}" && pwd)
app="$root/app/target"
for tool in mmdebstrap umoci; do
  command -v "$tool" >/dev/null || { echo "build-oci: $tool is missing (apt-get install mmdebstrap umoci)" >&2; exit 2; }
done
[ -f "$app/tracewall-app.jar" ] || { echo "build-oci: build the app first: ./mvnw -pl app -am package" >&2; exit 2; }

if [ ! -s "$out/base.tar" ]; then
  sources=/etc/apt/sources.list.d/debian.sources
  [ -f "$sources" ] || sources=/etc/apt/sources.list
  # Excluding man pages needs the directory update-alternatives writes into.
  mmdebstrap --quiet --variant=apt --include=openjdk-17-jre-headless,ca-certificates \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    bookworm "$out/base-partial.tar" - < "$sources"
  mv "$out/base-partial.tar" "$out/base.tar"
fi

rm -rf "$out/app-layer" "$out/layout"
mkdir -p "$out/app-layer/opt/tracewall" "$out/app-layer/var/lib/tracewall"
cp -r "$app/tracewall-app.jar" "$app/lib" "$app/ext" "$out/app-layer/opt/tracewall/"
tar -C "$out/app-layer" -cf "$out/app.tar" .

umoci init --layout "$out/layout"
umoci new --image "$out/layout:tracewall"
umoci raw add-layer --image "$out/layout:tracewall" "$out/base.tar"
umoci raw add-layer --image "$out/layout:tracewall" "$out/app.tar"
umoci config --image "$out/layout:tracewall" \
  --config.entrypoint /usr/bin/java --config.entrypoint -Dworking.directory=/var/lib/tracewall \
  --config.entrypoint -jar --config.entrypoint /opt/tracewall/tracewall-app.jar \
  --config.workingdir /var/lib/tracewall \
  --config.exposedports 2525/tcp --config.exposedports 2465/tcp --config.exposedports 587/tcp \
  --config.exposedports 1143/tcp --config.exposedports 8000/tcp \
  --config.volume /var/lib/tracewall \
  --config.label org.opencontainers.image.title=tracewall
tar -C "$out/layout" -cf "$out/tracewall-oci.tar" .
echo "build-oci: $out/tracewall-oci.tar"
