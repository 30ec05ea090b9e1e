#!/usr/bin/env bash
# Shard cost benchmark: the CPU (user + sys) of a sharded build, summed over every task of every
# stage (prepare map, prepare reduce, build shards, finalize), against one single build of the
# same corpus; and a check that the sharded documents equal the single build's.
#
#   bench/shard_cost.sh                         # 20,000 docs, N = 8 and 64
#   BENCH_SHARDS="8" BENCH_DOCS=5000 bench/shard_cost.sh
#
# Knobs: BENCH_DOCS (20000), BENCH_SHARDS ("8 64"), BENCH_THREADS (2), BENCH_SEED (42),
# BENCH_KIT (../shared/bench), BENCH_BIN (a corpusmill binary instead of target/release).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${BENCH_DOCS:-20000}
SHARDS=${BENCH_SHARDS:-8 64}
. bench/common.sh
CORPUS=$(corpus "$DOCS")
WORK=$(mktemp -d /tmp/corpusmill-bench-shards.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# cpu CMD...: runs CMD, prints its user + sys seconds.
cpu() {
  /usr/bin/time -f '%U %S' -o "$WORK/time" "$@" > "$WORK/log" 2>&1 || { cat "$WORK/log" >&2; exit 1; }
  awk '{ printf "%.2f\n", $1 + $2 }' "$WORK/time"
}
sum() { awk '{ s += $1 } END { printf "%.2f\n", s }'; }

single=$(cpu "$BIN" build --input "$CORPUS" --output "$WORK/single" --threads "$THREADS")
echo "single build: ${single}s CPU ($DOCS documents, --threads $THREADS)"
printf '| N | prepare (N tasks) | prepare --reduce | build (N shards) | finalize | total | x single |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for n in $SHARDS; do
  out=$WORK/sharded-$n
  prepare=$(for ((k = 0; k < n; k++)); do
    cpu "$BIN" prepare --input "$CORPUS" --output "$out" --shard "$k/$n" --threads "$THREADS"
  done | sum)
  reduce=$(cpu "$BIN" prepare --input "$CORPUS" --output "$out" --reduce "$n")
  build=$(for ((k = 0; k < n; k++)); do
    cpu "$BIN" build --input "$CORPUS" --output "$out" --shard "$k/$n" --threads "$THREADS"
  done | sum)
  final=$(cpu "$BIN" finalize "$out")
  total=$(echo "$prepare $reduce $build $final" | awk '{ printf "%.2f", $1 + $2 + $3 + $4 }')
  ratio=$(echo "$total $single" | awk '{ printf "%.2f", $1 / $2 }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$prepare" "$reduce" "$build" "$final" "$total" "$ratio"
  # The sharded rows must be the single build's (same counts and dedup summary).
  python3 - "$WORK/single/manifest.json" "$out/manifest.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for key in ("counts", "dedup", "rejects_by_reason"):
    assert a.get(key) == b.get(key), f"{key}: {a.get(key)} != {b.get(key)}"
PY
  rm -rf "$out"
done
