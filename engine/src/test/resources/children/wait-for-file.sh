# Prints a line, then blocks until the file named by $GO exists: proves lines arrive before exit.
echo "first line"
while [ ! -f "$GO" ]; do sleep 0.05; done
echo "second line"
