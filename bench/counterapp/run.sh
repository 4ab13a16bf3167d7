#!/usr/bin/env bash
# Counter app throughput benchmark (GitHub issue 3). One command, from anywhere:
#
#   bench/counterapp/run.sh
#
# Installs wrk, python3-flask and gunicorn from Debian if missing (apt-get; sudo when not root),
# publishes counter-app and the in-memory ceiling in Release, then runs ROUNDS rounds of
# wrk at each connection count in CONNECTIONS for DURATION seconds against:
#   ours      counter-app: every answered visit is fsync'd (group commit)
#   flask     the classic lab app (lab_app.py: read, add one, write back; no lock) on Flask's server
#   gunicorn  the same lab app under gunicorn -w 2
#   ceiling   ASP.NET Core endpoint incrementing an in-memory counter (the HTTP ceiling)
# Within a round the targets take turns at each connection count, so background load hits all alike.
# Each run starts the target on a fresh visits file, warms it up for WARMUP seconds, reads the count
# (baseline), runs wrk, stops the target with SIGTERM and reads the persisted count:
#   lost visits = baseline + successful responses - persisted count   (when positive)
# Writes bench/RESULTS.md (RESULTS=path to override). Overrides: ROUNDS=3 DURATION=10 WARMUP=2 CONNECTIONS="1 16 64".
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONNECTIONS=${CONNECTIONS:-"1 16 64"}
TARGETS=${TARGETS:-"ours flask gunicorn ceiling"}
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/counterapp-bench.XXXXXX)
RUNS="$WORK/runs.jsonl"
PID=""

cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill -9 "$PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

install_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  command -v gunicorn >/dev/null || need+=(gunicorn)
  "$PY" -c 'import flask' 2>/dev/null || need+=(python3-flask)
  if ((${#need[@]})); then
    local sudo=""
    [[ "$(id -u)" -ne 0 ]] && sudo=sudo
    echo "Installing ${need[*]} with apt-get"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

publish() {
  echo "Publishing counter-app and the ceiling (Release)"
  dotnet publish "$ROOT/src/CounterApp/CounterApp.csproj" -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
  dotnet publish "$HERE/ceiling/Ceiling.csproj" -c Release -o "$WORK/ceiling" --nologo -v quiet >/dev/null
}

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_target NAME PORT DIR: starts the target in the background, sets PID, waits until it answers.
start_target() {
  local name=$1 port=$2 dir=$3
  case "$name" in
    ours) PORT=$port BIND_ADDRESS=127.0.0.1 VISITS_FILE="$dir/visits" POD_NAME=bench \
            dotnet "$WORK/app/counter-app.dll" >"$dir/log" 2>&1 & ;;
    flask) (cd "$HERE" && PORT=$port VISITS_FILE="$dir/visits" POD_NAME=bench exec "$PY" lab_app.py) >"$dir/log" 2>&1 & ;;
    gunicorn) (cd "$HERE" && VISITS_FILE="$dir/visits" POD_NAME=bench \
                exec gunicorn -w 2 -b "127.0.0.1:$port" lab_app:app) >"$dir/log" 2>&1 & ;;
    ceiling) PORT=$port dotnet "$WORK/ceiling/ceiling.dll" >"$dir/log" 2>&1 & ;;
    *) echo "unknown target $name" >&2; exit 2 ;;
  esac
  PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/visits" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$name did not start; its log:" >&2
  cat "$dir/log" >&2
  exit 1
}

# count_via_http PORT: the count as /visits reports it (retried: the lab app can fail a read mid-write).
count_via_http() {
  local value
  for _ in $(seq 1 50); do
    value=$(curl -sf "http://127.0.0.1:$1/visits" | tr -d '[:space:]') && [[ "$value" =~ ^[0-9]+$ ]] && { echo "$value"; return 0; }
    sleep 0.1
  done
  echo "null"
}

# count_in_file FILE: the persisted count, or null when the file does not hold a number.
count_in_file() {
  local value
  value=$(tr -d '[:space:]' <"$1" 2>/dev/null || true)
  [[ "$value" =~ ^[0-9]+$ ]] && echo "$value" || echo "null"
}

stop_target() {
  kill -TERM "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}

run_one() {
  local round=$1 name=$2 connections=$3
  local dir port threads baseline final summary
  dir=$(mktemp -d "$WORK/$name-c$connections-r$round.XXXX")
  port=$(free_port)
  threads=$((connections < 2 ? connections : 2))
  start_target "$name" "$port" "$dir"
  wrk -t"$threads" -c"$connections" -d"${WARMUP}s" "http://127.0.0.1:$port/" >/dev/null
  sleep 0.5
  baseline=$(count_via_http "$port")
  summary=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" -s "$HERE/summary.lua" "http://127.0.0.1:$port/" | grep '^{')
  sleep 0.5
  if [[ "$name" == ceiling ]]; then
    final=$(count_via_http "$port")
    stop_target
  else
    stop_target
    final=$(count_in_file "$dir/visits")
  fi
  echo "{\"round\":$round,\"target\":\"$name\",\"connections\":$connections,\"baseline\":$baseline,\"final\":$final,\"wrk\":$summary}" >>"$RUNS"
  echo "  round $round  $name  c=$connections  $summary  baseline=$baseline final=$final"
}

install_tools
publish
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for round in $(seq 1 "$ROUNDS"); do
  for connections in $CONNECTIONS; do
    for name in $TARGETS; do
      run_one "$round" "$name" "$connections"
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

"$PY" "$HERE/report.py" "$RUNS" "$RESULTS" \
  --command "bench/counterapp/run.sh" \
  --started "$STARTED" \
  --settings "ROUNDS=$ROUNDS DURATION=${DURATION}s WARMUP=${WARMUP}s CONNECTIONS=\"$CONNECTIONS\"" \
  --machine "nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), file system $(df -T "$WORK" | awk 'NR==2 {print $2}')" \
  --load "load average before ${LOAD_BEFORE}, after ${LOAD_AFTER}" \
  --versions "dotnet $(dotnet --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), Flask $("$PY" -c 'import flask; print(flask.__version__)' 2>/dev/null), gunicorn $(gunicorn --version 2>&1 | awk '{print $NF}' | tr -d ')')"
echo "Wrote $RESULTS (raw runs: $RUNS)"
