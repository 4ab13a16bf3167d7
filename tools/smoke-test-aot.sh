#!/usr/bin/env bash
# Smoke-tests the Native AOT binaries tools/publish-aot.sh produced, as .ci/run does after publishing:
#   the operator's `version`, and `render` of every sample (each must print a StatefulSet);
#   the counter app serving visits durably on a temporary file: start, a few visits, SIGTERM, start again, the
#   count is still there and grows on.
#   tools/smoke-test-aot.sh OPERATOR_BINARY COUNTER_APP_BINARY
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OPERATOR_BINARY COUNTER_APP_BINARY" >&2; exit 2; }
operator=$1
app=$2
cd "$(dirname "$0")/.."
fail() { echo "smoke test failed: $*" >&2; exit 1; }

# Captured, not tee'd to /dev/stderr: reopening /dev/stderr when it is a log file writes at offset 0 over the log.
version=$("$operator" version) || fail "operator version exited $?"
echo "$version"
grep -q '^visitcounter-operator ' <<<"$version" || fail "operator version printed no version line"
for sample in config/samples/visitcounter_*.yaml; do
  out=$("$operator" render -f "$sample") || fail "render $sample exited $?"
  grep -q '^kind: StatefulSet' <<<"$out" || fail "render $sample printed no StatefulSet"
  echo "render $sample: $(grep -c '^kind:' <<<"$out") objects"
done

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_app() {
  PORT=$port BIND_ADDRESS=127.0.0.1 VISITS_FILE="$work/data/visits" POD_NAME=smoke-0 "$app" >>"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "counter app exited at start"; }
    sleep 0.1
  done
  cat "$work/app.log" >&2
  fail "counter app not ready within 10 s"
}
stop_app() {
  kill -TERM "$pid"
  wait "$pid" || fail "counter app exited with $? after SIGTERM"
  pid=
}
visits() { curl -fsS "http://127.0.0.1:$port/visits" | tr -d '[:space:]'; }

start_app
for _ in 1 2 3 4 5; do curl -fsS "http://127.0.0.1:$port/" >/dev/null; done
[ "$(visits)" = 5 ] || fail "expected 5 visits, got $(visits)"
stop_app
start_app
[ "$(visits)" = 5 ] || fail "the count did not survive a restart: $(visits)"
curl -fsS -H 'Accept: application/json' "http://127.0.0.1:$port/" | grep -q '"visits":6' || fail "the 6th visit was not numbered 6"
stop_app
echo "counter app: 6 visits kept across a restart in $work/data/visits"
echo "smoke tests passed"
