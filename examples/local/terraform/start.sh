#!/usr/bin/env bash
# start.sh DIR PORT ARGS...: starts `java App.java ARGS...` in DIR, detached (setsid + nohup, so
# it outlives OpenTofu), records its pid in DIR/pid and its output in DIR/out.log, and waits
# until PORT accepts connections (at most 30 s). Listening is all "started" means here; whether
# the app is healthy is for the verification to decide.
set -eu
dir=$1 port=$2
shift 2
cd "$dir"
setsid nohup java App.java "$@" > out.log 2>&1 < /dev/null &
echo $! > pid
for _ in $(seq 150); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0
  sleep 0.2
done
echo "nothing listens on port $port after 30 s; last lines of $dir/out.log:" >&2
tail -n 5 out.log >&2
exit 1
