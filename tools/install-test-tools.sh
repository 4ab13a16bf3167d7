#!/usr/bin/env bash
# Installs the system tools the tests need beyond the .NET SDK and kubectl. Idempotent and quiet: it runs
# apt-get (update included) only when a tool is missing. CI (.ci/run) and the E2E test fixture call it.
set -euo pipefail

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
