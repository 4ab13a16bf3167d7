#!/usr/bin/env bash
# Publishes one of our executables as a Native AOT linux-x64 binary, failing on any trim or AOT warning.
# The one publish command: .ci/run, Dockerfile.operator and Dockerfile.app all run this script.
#   tools/publish-aot.sh src/Operator/Operator.csproj OUT_DIR
#   tools/publish-aot.sh src/CounterApp/CounterApp.csproj OUT_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 PROJECT.csproj OUTPUT_DIR" >&2; exit 2; }
project=$1
output=$2
here=$(cd "$(dirname "$0")" && pwd)

bash "$here/aot-toolchain.sh"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# IlcTreatWarningsAsErrors/ILLink: a trim or AOT warning (ILxxxx) fails the publish; the grep below is the
# second line of defence, for warnings a tool reports without failing.
set +e
dotnet publish "$project" -c Release -r linux-x64 -o "$output" \
  -p:PublishAot=true -p:TreatWarningsAsErrors=true -p:IlcTreatWarningsAsErrors=true -p:DebugType=none \
  2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" -eq 0 ] || { echo "error: publishing $project failed" >&2; exit "$rc"; }
if grep -E "warning (IL|CS|NETSDK)[0-9]+" "$log" >/dev/null; then
  echo "error: publishing $project reported warnings:" >&2
  grep -E "warning (IL|CS|NETSDK)[0-9]+" "$log" | sort -u >&2
  exit 1
fi
# Only the binary ships: no symbols, no XML docs, no static-web-assets manifest.
find "$output" -maxdepth 1 -type f ! -perm -u+x -delete
find "$output" -maxdepth 1 -type f -name '*.dbg' -delete
ls -l "$output"
