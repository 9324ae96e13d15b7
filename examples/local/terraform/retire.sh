#!/usr/bin/env bash
# retire.sh DIR: stops the server (or the address) whose pid is in DIR/pid (SIGTERM, up to 5 s,
# then SIGKILL). One that is already gone is fine.
pid=$(cat "$1/pid" 2>/dev/null) || exit 0
kill "$pid" 2>/dev/null || exit 0
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || true
