#!/usr/bin/env bash
# Builds and runs the JMH benchmarks (bench/), then the peak-heap probe, and prints medians and
# the engine-versus-baseline ratios of this one run. Takes a few minutes on 2 cores.
#
#   scripts/bench.sh                 everything
#   scripts/bench.sh Masking         only benchmarks whose name matches (JMH regex; extra JMH
#                                    options may follow, e.g. -p child=fast)
# Raw results: bench/target/jmh-result.json. Figures and how to read them: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -DskipTests package -pl bench -am
jar=bench/target/benchmarks.jar
result=bench/target/jmh-result.json

echo "== $(nproc) cores; $(java -version 2>&1 | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if [ $# -eq 0 ]; then set -- 'io.jenkins.plugins.immutabledeploy.bench.*'; fi
java -jar "$jar" -rf json -rff "$result" "$@"

if [[ "$1" == *Streaming* || "$1" == 'io.jenkins.plugins.immutabledeploy.bench.*' ]]; then
  echo "== streaming side by side (interleaved rounds, heap limited to 64 MB)"
  java -Xmx64m -Xms64m -cp "$jar" io.jenkins.plugins.immutabledeploy.bench.StreamingSideBySide 9
fi

if command -v python3 >/dev/null; then
  echo "== medians of this run"
  python3 - "$result" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
med = {}
for r in rows:
    name = r["benchmark"].rsplit(".", 2)[-2:]
    params = ",".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
    m = r["primaryMetric"]
    p50 = m["scorePercentiles"]["50.0"]
    med[(name[0], name[1], params)] = p50
    print(f"{name[0]}.{name[1]:<16} {params:<40} median {p50:10.1f}  score {m['score']:10.1f} ± {m['scoreError']:.1f} {m['scoreUnit']}")
for (cls, bench, params), v in sorted(med.items()):
    if bench == "throughEngine":
        for base in ("toDevNull", "drainRaw"):
            b = med.get((cls, base, params))
            if b:
                print(f"ratio throughEngine/{base:<10} {params:<40} {v / b:6.3f} (medians)")
PY
fi
