#!/usr/bin/env bash
# A throwaway Redis on loopback for the queue tests and bench:queue.
#   bash .ci/redis.sh start   installs Debian's redis-server when missing, starts it on a free
#                             port from 6390, prints its URL (redis://127.0.0.1:PORT)
#   bash .ci/redis.sh stop    stops the one started here
# Nothing is saved to disk; state lives in ${VERBALI_REDIS_DIR:-/tmp/verbali-test-redis}.
set -euo pipefail
dir=${VERBALI_REDIS_DIR:-${TMPDIR:-/tmp}/verbali-test-redis}
ours() { [ -f "$dir/redis.pid" ] && [ "$(redis-cli -p "$1" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')" = "$(cat "$dir/redis.pid")" ]; }
case "${1:-}" in
start)
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq redis-server >&2
  fi
  mkdir -p "$dir"
  # Started here already (a second start): the same one.
  if [ -f "$dir/port" ] && ours "$(cat "$dir/port")"; then
    echo "redis://127.0.0.1:$(cat "$dir/port")"
    exit 0
  fi
  for port in $(seq 6390 6420); do
    # A port where something answers belongs to someone else.
    if redis-cli -p "$port" ping >/dev/null 2>&1 || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    rm -f "$dir/redis.pid"
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 100); do
      if ours "$port"; then
        echo "$port" > "$dir/port"
        echo "redis://127.0.0.1:$port"
        exit 0
      fi
      sleep 0.1
    done
  done
  echo "could not start redis-server on a port from 6390 to 6420 (see $dir/redis.log)" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/redis.pid" ]; then
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/redis.pid" "$dir/port"
  fi
  ;;
*)
  echo "usage: bash .ci/redis.sh start|stop" >&2
  exit 1
  ;;
esac
