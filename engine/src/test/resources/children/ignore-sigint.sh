# A tool that ignores Ctrl-C: only a kill stops it.
trap '' INT
echo "started"
while true; do sleep 0.1; done
