# Writes $TOKEN in two separate writes with a pause between them, so the reader gets two reads.
half=$(( ${#TOKEN} / 2 ))
head=$(printf '%s' "$TOKEN" | cut -c1-"$half")
tail=$(printf '%s' "$TOKEN" | cut -c"$((half + 1))"-)
printf 'token=%s' "$head"
sleep 0.3
printf '%s and more\n' "$tail"
