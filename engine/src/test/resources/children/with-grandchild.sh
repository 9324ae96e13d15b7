# Starts a background grandchild that ignores SIGINT and records its pid in $PIDFILE.
# With $PARENT_EXITS_ON_INT=1 the parent itself exits on SIGINT, leaving the grandchild behind
# unless the runner cleans up the whole tree.
sh -c 'trap "" INT; while true; do sleep 0.1; done' &
echo $! > "$PIDFILE"
if [ "${PARENT_EXITS_ON_INT:-0}" = 1 ]; then
  trap 'echo "parent exits"; exit 130' INT
else
  trap '' INT
fi
echo "started"
while true; do sleep 0.1; done
