#!/usr/bin/env bash
# Benchmark: corpusmill build vs the Python peer (../shared/bench/peer_pipeline.py) on the same
# generated corpus, side by side in one run. Reports docs/s, MB/s, CPU, peak RSS and the ratio.
#
#   bench/run.sh                         # 20,000 docs for corpusmill, the first 1,000 for the peer
#   BENCH_DOCS=100000 bench/run.sh       # a larger corpus (RSS must stay flat)
#
# Each kind of run is repeated BENCH_RUNS times (5), in interleaved rounds; the table shows the
# median run by wall clock, and every run's wall time.
# Knobs: BENCH_DOCS (20000), BENCH_PEER_DOCS (1000; 0 skips the peer), BENCH_THREADS (2),
# BENCH_SEED (42), BENCH_SCALING (1: also time --threads 1), BENCH_KIT (../shared/bench),
# BENCH_BIN (a corpusmill binary to time instead of building target/release/corpusmill).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${BENCH_DOCS:-20000}
PEER_DOCS=${BENCH_PEER_DOCS:-1000}
RUNS=${BENCH_RUNS:-5}
SCALING=${BENCH_SCALING:-1}
. bench/common.sh
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1/CORPUS.json" "$2"; }

# run NAME CORPUS CMD...: one timed run; prints "NAME docs bytes wall user sys rss_kb".
run() {
  local name=$1 dir=$2; shift 2
  local log=/tmp/corpusmill-bench-$name.log
  /usr/bin/time -f '%e %U %S %M' -o "$log.time" "$@" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
  echo "$name $(field "$dir" docs) $(field "$dir" bytes) $(cat "$log.time")"
}

CORPUS=$(corpus "$DOCS")
RESULTS=$(mktemp)
VENV=/tmp/corpusmill-peer-venv-$(sha256sum "$KIT/requirements-peer.txt" | cut -c1-12)
if [ "$PEER_DOCS" != 0 ]; then
  if ! "$VENV/bin/python" -c "import pysbd, py3langid, pyarrow, yaml" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$KIT/requirements-peer.txt"
  fi
  PEER_CORPUS=$(corpus "$PEER_DOCS")
fi
# Rounds interleave the runs, so a noisy neighbour slows every kind of run alike.
for round in $(seq "$RUNS"); do
  run "corpusmill-t$THREADS" "$CORPUS" "$BIN" build --input "$CORPUS" --output /tmp/corpusmill-bench-out --threads "$THREADS" >> "$RESULTS"
  [ "$round" = 1 ] && { grep 'stage time' /tmp/corpusmill-bench-corpusmill-t$THREADS.log >&2 || true; }
  if [ "$SCALING" = 1 ] && [ "$THREADS" != 1 ]; then
    run corpusmill-t1 "$CORPUS" "$BIN" build --input "$CORPUS" --output /tmp/corpusmill-bench-out --threads 1 >> "$RESULTS"
  fi
  if [ "$PEER_DOCS" != 0 ]; then
    rm -rf /tmp/corpusmill-bench-peer-out
    run "peer-w$THREADS" "$PEER_CORPUS" "$VENV/bin/python" "$KIT/peer_pipeline.py" --input "$PEER_CORPUS" --output /tmp/corpusmill-bench-peer-out --workers "$THREADS" >> "$RESULTS"
  fi
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (wall clock is only meaningful on an idle machine; CPU ms/doc is stable)"
python3 - "$RESULTS" "$THREADS" <<'PY'
import sys
runs = {}
for line in open(sys.argv[1]):
    name, docs, size, wall, user, system, rss = line.split()
    runs.setdefault(name, []).append((float(wall), int(docs), int(size) / 1e6, float(user) + float(system), int(rss)))
rows = {}
print(f"{'run':<16}{'docs':>9}{'MB':>9}{'wall s':>9}{'docs/s':>10}{'MB/s':>9}{'CPU s':>9}{'CPU ms/doc':>11}{'peak RSS MiB':>14}  wall s of each run")
for name, samples in runs.items():
    # The median run by wall clock stands for the kind; the peak RSS is the largest of all.
    wall, docs, mb, cpu, _ = sorted(samples)[(len(samples) - 1) // 2]
    rss = max(s[4] for s in samples)
    rows[name] = dict(rate=docs / wall, cpu_ms=1000 * cpu / docs)
    each = " ".join(f"{s[0]:.2f}" for s in samples)
    print(f"{name:<16}{docs:>9}{mb:>9.1f}{wall:>9.2f}{docs / wall:>10.0f}{mb / wall:>9.2f}{cpu:>9.1f}{1000 * cpu / docs:>11.2f}{rss / 1024:>14.0f}  {each}")
threads = sys.argv[2]
cm, peer, one = rows.get(f"corpusmill-t{threads}"), rows.get(f"peer-w{threads}"), rows.get("corpusmill-t1")
if cm and peer:
    print(f"ratio corpusmill/peer: {cm['rate'] / peer['rate']:.1f}x docs/s (goal >= 30x), {peer['cpu_ms'] / cm['cpu_ms']:.1f}x less CPU per doc")
if cm and one and threads != "1":
    print(f"scaling: --threads {threads} is {cm['rate'] / one['rate']:.2f}x --threads 1 (goal >= 1.8x)")
PY
rm -f "$RESULTS"
