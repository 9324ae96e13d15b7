#!/usr/bin/env bash
# start.sh DIR HOST PORT PROGRAM.java ARGS...: starts `java PROGRAM.java ARGS...` in DIR, detached
# (setsid + nohup, so it outlives OpenTofu), records its pid in DIR/pid and its output in
# DIR/out.log, and waits until HOST:PORT accepts connections (at most 30 s). Listening is all
# "started" means here; whether the app is healthy is for the verification to decide.
set -eu
dir=$1 host=$2 port=$3
shift 3
cd "$dir"
setsid nohup java "$@" > out.log 2>&1 < /dev/null &
echo $! > pid
for _ in $(seq 150); do
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && exit 0
  kill -0 "$(cat pid)" 2>/dev/null || break
  sleep 0.2
done
echo "nothing listens on $host:$port; last lines of $dir/out.log:" >&2
tail -n 5 out.log >&2
exit 1
