#!/usr/bin/env bash
# A sharded corpusmill build on Slurm, four stages chained with --dependency=afterok:
#   1. prepare.sbatch   job array: each task counts the repeated lines of its own shard
#   2. prepare --reduce one task:  sums the shards' counts (the corpus-wide line counts)
#   3. build.sbatch     job array: each task builds its shard with those counts
#   4. finalize         one task:  checks every shard, finds the near-duplicates across shards,
#                                  labels every shard's rows, writes manifest.json
# Each stage's cost is proportional to its share of the corpus (docs/scaling.md).
#
#   SHARDS=16 INPUT=/data/raw OUTPUT=/data/corpus examples/slurm/submit.sh
#
# Extra sbatch options for every stage (partition, account, --wait ...) go in SBATCH_OPTS.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARDS=${SHARDS:-16}
CORPUSMILL=${CORPUSMILL:-corpusmill}
INPUT=${INPUT:-raw}
OUTPUT=${OUTPUT:-out}
CONFIG=${CONFIG:-config/corpusmill.toml}
export CORPUSMILL INPUT OUTPUT CONFIG
read -r -a OPTS <<< "${SBATCH_OPTS:-}"
array="--array=0-$((SHARDS - 1))"
prepare=$(sbatch --parsable "${OPTS[@]}" "$array" --export=ALL "$HERE/prepare.sbatch")
reduce=$(sbatch --parsable "${OPTS[@]}" --dependency="afterok:$prepare" --job-name=corpusmill-reduce \
  --output=corpusmill-reduce-%j.out \
  --wrap "'$CORPUSMILL' prepare --output '$OUTPUT' --config '$CONFIG' --reduce $SHARDS")
build=$(sbatch --parsable "${OPTS[@]}" "$array" --dependency="afterok:$reduce" --export=ALL "$HERE/build.sbatch")
final=$(sbatch --parsable "${OPTS[@]}" --dependency="afterok:$build" --job-name=corpusmill-finalize \
  --output=corpusmill-finalize-%j.out --wrap "'$CORPUSMILL' finalize '$OUTPUT'")
echo "submitted: prepare $prepare -> reduce $reduce -> build $build -> finalize $final"
