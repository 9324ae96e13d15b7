# Like Packer on Ctrl-C: traps SIGINT, cleans up for a moment, writes a marker, exits 130.
trap 'echo "cleaning up"; sleep 1; echo "cleaned" > "$MARKER"; echo "cleanup finished"; exit 130' INT
echo "started"
while true; do sleep 0.1; done
