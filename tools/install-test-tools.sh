#!/usr/bin/env bash
# Installs what the tests and .ci/run need beyond the .NET SDK and kubectl. Idempotent: what is already there is
# left alone. Each tool has its own section; append new ones at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Native AOT toolchain (clang, zlib1g-dev) ----------------------------------------------------------------
# .ci/run publishes the operator and the counter app as Native AOT binaries and smoke-tests them.
bash tools/aot-toolchain.sh
