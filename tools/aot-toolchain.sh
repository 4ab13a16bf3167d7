#!/usr/bin/env bash
# The native toolchain a Native AOT publish links with: clang (the ILCompiler's default linker driver) and zlib's
# headers/library (the runtime links -lz). Idempotent: installs only what is missing, with apt-get (Debian, root).
# Used by tools/publish-aot.sh (so CI and both Dockerfiles' build stages) and tools/install-test-tools.sh.
set -euo pipefail

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "install ok installed" || missing+=(zlib1g-dev)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: Native AOT needs ${missing[*]}; install them (Debian/Ubuntu: sudo apt-get install -y clang zlib1g-dev)" >&2
  exit 1
fi
echo "installing the Native AOT toolchain: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
