#!/usr/bin/env bash
# Counter app, Native AOT against JIT (issue 12): start to ready, requests/s at 1 and 64 connections, and RSS after
# at least 10,000 visits. One command, from anywhere:
#
#   bench/ship/counterapp.sh
#
# Publishes the JIT build (dotnet publish -c Release, framework-dependent) and the AOT build (tools/publish-aot.sh,
# as CI and Dockerfile.app do) unless JIT_DIR / AOT_DIR name existing outputs. Installs wrk with apt-get if missing.
# Each round runs every variant in turn on a fresh visits file: start -> first 200 from /readyz (polled every 10 ms),
# wrk -c1, wrk -c64 (DURATION s each, after a WARMUP s warm-up), more load until at least 10,000 visits are on disk,
# then VmRSS/VmHWM from /proc. Prints one line per
# run and the medians. Variants (GC settings through the runtime's environment knobs) are VARIANTS, e.g.
#   VARIANTS="aot jit aot:DOTNET_GCgen0size=0x400000" (default: "aot jit").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
VARIANTS=${VARIANTS:-"aot jit"}
WORK=$(mktemp -d /tmp/ship-counterapp.XXXXXX)
PID=""
cleanup() { [[ -n "$PID" ]] && kill -9 "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
JIT_DIR=${JIT_DIR:-$WORK/jit}
AOT_DIR=${AOT_DIR:-$WORK/aot}
[[ -x "$JIT_DIR/counter-app" ]] || dotnet publish "$ROOT/src/CounterApp/CounterApp.csproj" -c Release -o "$JIT_DIR" --nologo -v quiet -p:PublishAot=false >/dev/null
[[ -x "$AOT_DIR/counter-app" ]] || bash "$ROOT/tools/publish-aot.sh" "$ROOT/src/CounterApp/CounterApp.csproj" "$AOT_DIR" >/dev/null
echo "binary: aot $(du -b "$AOT_DIR/counter-app" | cut -f1) bytes; jit $(du -cb "$JIT_DIR"/*.dll | tail -1 | cut -f1) bytes of dlls (+ the shared runtime)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
now_ms() { date +%s%3N; }
rps() { wrk -t1 -c"$1" -d"${DURATION}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}'; }
kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }

run_one() {  # variant -> "variant ready_ms rps1 rps64 visits rss_kb hwm_kb"
  local variant=$1 kind=${1%%:*} envs=() rm
  [[ "$variant" == *:* ]] && IFS=, read -ra envs <<<"${variant#*:}"
  rm -rf "$WORK/data"
  local bin="$AOT_DIR/counter-app"; [[ $kind == jit ]] && bin="$JIT_DIR/counter-app"
  local t0; t0=$(now_ms)
  env "${envs[@]}" PORT=$port BIND_ADDRESS=127.0.0.1 VISITS_FILE="$WORK/data/visits" POD_NAME=bench-0 "$bin" >"$WORK/app.log" 2>&1 &
  PID=$!
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.01; done
  local ready=$(( $(now_ms) - t0 ))
  wrk -t1 -c8 -d"${WARMUP}s" "http://127.0.0.1:$port/" >/dev/null
  local r1 r64; r1=$(rps 1); r64=$(rps 64)
  local visits; visits=$(curl -fs "http://127.0.0.1:$port/visits" | tr -d '[:space:]')
  while (( visits < 10000 )); do  # RSS is read after at least 10,000 visits, however slow the disk was
    wrk -t1 -c64 -d5s "http://127.0.0.1:$port/" >/dev/null
    visits=$(curl -fs "http://127.0.0.1:$port/visits" | tr -d '[:space:]')
  done
  local rss hwm; rss=$(kb VmRSS); hwm=$(kb VmHWM)
  kill -TERM "$PID"; wait "$PID" || true; PID=""
  echo "$variant $ready $r1 $r64 $visits $rss $hwm"
}

echo "variant ready_ms rps_c1 rps_c64 visits rss_kb peak_rss_kb"
for _ in $(seq "$ROUNDS"); do
  for v in $VARIANTS; do run_one "$v" | tee -a "$WORK/runs.txt"; done
done
echo "medians (ready ms, req/s c1, req/s c64, RSS MB, peak RSS MB) over $ROUNDS rounds:"
for v in $VARIANTS; do
  awk -v v="$v" '$1 == v' "$WORK/runs.txt" | python3 -c '
import sys, statistics as s
rows = [l.split() for l in sys.stdin]
col = lambda i: s.median(float(r[i]) for r in rows)
print(f"  {rows[0][0]}: ready {col(1):.0f} ms, c1 {col(2):.0f} req/s, c64 {col(3):.0f} req/s, RSS {col(5)/1024:.1f} MB, peak {col(6)/1024:.1f} MB (visits {col(4):.0f})")'
done
