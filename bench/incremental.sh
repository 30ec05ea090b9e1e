#!/usr/bin/env bash
# Incremental rebuild benchmark: build a generated corpus, change 1% of its files, then time
# `build --incremental` against a full rebuild of the changed corpus, and check that both give
# the same bytes.
#
#   bench/incremental.sh                      # 100,000 docs, every 100th file changed
#   BENCH_DOCS=20000 bench/incremental.sh     # a smaller corpus
#
# Knobs: BENCH_DOCS (100000), BENCH_CHANGE_EVERY (100), BENCH_THREADS (2), BENCH_SEED (42),
# BENCH_KIT (../shared/bench), BENCH_BIN (a corpusmill binary instead of target/release).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${BENCH_DOCS:-100000}
EVERY=${BENCH_CHANGE_EVERY:-100}
. bench/common.sh
CACHED=$(corpus "$DOCS")
WORK=$(mktemp -d /tmp/corpusmill-bench-incremental.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp -r "$CACHED" "$WORK/corpus"

# timed NAME CMD...: prints "NAME wall user sys rss_kb" and keeps the build's log.
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/$name.time" "$@" > "$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log" >&2; exit 1; }
  echo "$name $(cat "$WORK/$name.time")"
}

RESULTS=$WORK/results
timed full-before "$BIN" build --input "$WORK/corpus" --output "$WORK/incremental" --threads "$THREADS" >> "$RESULTS"
# Every EVERY-th article gets one more sentence: a changed source_sha256.
changed=$(find "$WORK/corpus" -name '*.txt' -o -name '*.md' | sort | awk -v every="$EVERY" 'NR % every == 1' |
  while read -r file; do printf '\nThe committee will publish its full report next week.\n' >> "$file"; echo "$file"; done | wc -l)
timed incremental "$BIN" build --input "$WORK/corpus" --output "$WORK/incremental" --threads "$THREADS" --incremental >> "$RESULTS"
timed full-rebuild "$BIN" build --input "$WORK/corpus" --output "$WORK/full" --threads "$THREADS" >> "$RESULTS"
grep -h 'reused' "$WORK/incremental.log" >&2 || true

identical=yes
for file in manifest.json $(cd "$WORK/full" && find documents sentences rejects -name '*.parquet' | sort); do
  cmp -s "$WORK/full/$file" "$WORK/incremental/$file" || { echo "differs from the full rebuild: $file" >&2; identical=no; }
done

python3 - "$RESULTS" "$DOCS" "$changed" "$identical" <<'PY'
import sys
rows = {}
print(f"{'run':<14}{'wall s':>9}{'CPU s':>9}{'peak RSS MiB':>14}")
for line in open(sys.argv[1]):
    name, wall, user, system, rss = line.split()
    rows[name] = (float(wall), float(user) + float(system))
    print(f"{name:<14}{float(wall):>9.2f}{rows[name][1]:>9.1f}{int(rss) / 1024:>14.0f}")
(iw, ic), (fw, fc) = rows["incremental"], rows["full-rebuild"]
print(f"{sys.argv[3]} of {sys.argv[2]} inputs changed: incremental {fw / iw:.1f}x faster than a full rebuild "
      f"(wall), {fc / ic:.1f}x less CPU; byte-identical to the full rebuild: {sys.argv[4]}")
PY
[ "$identical" = yes ]
