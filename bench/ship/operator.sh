#!/usr/bin/env bash
# The operator alone, Native AOT against JIT (issue 12): binary size, start to /readyz (caches synced), RSS idle
# (empty cluster) and with APPS VisitCounterApps cached and converged. One command, from anywhere:
#
#   bench/ship/operator.sh
#
# The cluster is `visitcounter-local --without-operator` (JIT, its own process); the apps have replicas: 0 so that
# the local kubelet starts no pods and the numbers are the operator's. Each run starts the operator as its own
# process (`run --kubeconfig ...`), polls /readyz every 10 ms from the exec, waits until every app's StatefulSet
# exists and the work queue stays empty for SETTLE s, then reads VmRSS and VmHWM from /proc. One warm-up run
# creates the children first, so every counted run starts against a converged cluster (as a restarted pod does).
# Variants are VARIANTS, with GC settings through the runtime's environment knobs, e.g.
#   VARIANTS="aot jit aot:DOTNET_GCgen0size=0x200000" (default: "aot jit").
# JIT_DIR / AOT_DIR / LOCAL_DIR reuse existing outputs. Overrides: APPS=1000 ROUNDS=3 SETTLE=5.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APPS=${APPS:-1000}
ROUNDS=${ROUNDS:-3}
SETTLE=${SETTLE:-5}
VARIANTS=${VARIANTS:-"aot jit"}
WORK=$(mktemp -d /tmp/ship-operator.XXXXXX)
PID=""
CLUSTER=""
cleanup() {
  [[ -n "$PID" ]] && kill -9 "$PID" 2>/dev/null
  [[ -n "$CLUSTER" ]] && { kill -TERM "$CLUSTER" 2>/dev/null; wait "$CLUSTER" 2>/dev/null; }
  rm -rf "$WORK"
}
trap cleanup EXIT

JIT_DIR=${JIT_DIR:-$WORK/jit}
AOT_DIR=${AOT_DIR:-$WORK/aot}
LOCAL_DIR=${LOCAL_DIR:-$WORK/local}
[[ -f "$JIT_DIR/visitcounter-operator.dll" ]] || dotnet publish "$ROOT/src/Operator/Operator.csproj" -c Release -o "$JIT_DIR" --nologo -v quiet -p:PublishAot=false >/dev/null
[[ -x "$AOT_DIR/visitcounter-operator" ]] || bash "$ROOT/tools/publish-aot.sh" "$ROOT/src/Operator/Operator.csproj" "$AOT_DIR" >/dev/null
[[ -x "$LOCAL_DIR/visitcounter-local" ]] || dotnet publish "$ROOT/src/Local/Local.csproj" -c Release -o "$LOCAL_DIR" --nologo -v quiet >/dev/null
echo "binary: aot $(du -b "$AOT_DIR/visitcounter-operator" | cut -f1) bytes; jit $(du -cb "$JIT_DIR"/*.dll | tail -1 | cut -f1) bytes of dlls (+ the shared runtime)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }

(cd "$WORK" && exec "$LOCAL_DIR/visitcounter-local" --without-operator --data-dir "$WORK/cluster" >"$WORK/cluster.log" 2>&1) &
CLUSTER=$!
until grep -q "Ctrl-C stops everything" "$WORK/cluster.log"; do kill -0 "$CLUSTER" || { cat "$WORK/cluster.log"; exit 1; }; sleep 0.2; done
export KUBECONFIG="$WORK/cluster/kubeconfig"
kubectl create namespace bench >/dev/null

run_one() {  # variant expected_statefulsets -> "variant ready_ms rss_kb hwm_kb"
  local variant=$1 expected=$2 kind=${1%%:*} envs=()
  [[ "$variant" == *:* ]] && IFS=, read -ra envs <<<"${variant#*:}"
  local bin=("$AOT_DIR/visitcounter-operator"); [[ $kind == jit ]] && bin=(dotnet "$JIT_DIR/visitcounter-operator.dll")
  local health metrics; health=$(free_port); metrics=$(free_port)
  local t0; t0=$(now_ms)
  env "${envs[@]}" "${bin[@]}" run --kubeconfig "$KUBECONFIG" --metrics-bind-address "127.0.0.1:$metrics" \
    --health-probe-bind-address "127.0.0.1:$health" >"$WORK/operator.log" 2>&1 &
  PID=$!
  until curl -fs "http://127.0.0.1:$health/readyz" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/operator.log"; exit 1; }
    sleep 0.01
  done
  local ready=$(( $(now_ms) - t0 ))
  until [[ $(kubectl get statefulsets -n bench --no-headers 2>/dev/null | wc -l) -ge $expected ]]; do sleep 1; done
  local quiet=0
  while (( quiet < SETTLE )); do
    if curl -fs "http://127.0.0.1:$metrics/metrics" | grep -E '^workqueue_depth\{' | grep -qvE ' 0$'; then quiet=0; else quiet=$((quiet + 1)); fi
    sleep 1
  done
  local rss hwm; rss=$(kb VmRSS); hwm=$(kb VmHWM)
  kill -TERM "$PID"; wait "$PID" || true; PID=""
  echo "$variant $ready $rss $hwm"
}

medians() {  # file label
  for v in $VARIANTS; do
    awk -v v="$v" '$1 == v' "$1" | python3 -c '
import sys, statistics as s
rows = [l.split() for l in sys.stdin]
col = lambda i: s.median(float(r[i]) for r in rows)
print(f"  {rows[0][0]}: ready {col(1):.0f} ms, RSS {col(2)/1024:.1f} MB, peak {col(3)/1024:.1f} MB")'
  done
}

echo "idle (empty cluster): variant ready_ms rss_kb peak_rss_kb"
for _ in $(seq "$ROUNDS"); do for v in $VARIANTS; do run_one "$v" 0 | tee -a "$WORK/idle.txt"; done; done

python3 - "$APPS" >"$WORK/apps.yaml" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print(f"---\napiVersion: visitcounter.io/v1alpha1\nkind: VisitCounterApp\nmetadata:\n  name: app-{i:04d}\n  namespace: bench\nspec:\n  replicas: 0")
PY
kubectl apply -f "$WORK/apps.yaml" >/dev/null
echo "warm-up: the first run creates every app's children"
run_one "${VARIANTS%% *}" "$APPS" >/dev/null
echo "$APPS apps: variant ready_ms rss_kb peak_rss_kb"
for _ in $(seq "$ROUNDS"); do for v in $VARIANTS; do run_one "$v" "$APPS" | tee -a "$WORK/apps.txt"; done; done

echo "medians over $ROUNDS rounds, idle:"; medians "$WORK/idle.txt"
echo "medians over $ROUNDS rounds, $APPS apps converged:"; medians "$WORK/apps.txt"
