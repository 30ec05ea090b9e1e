#!/usr/bin/env bash
# Build the libFuzzer targets on a stable toolchain (the coverage flags cargo-fuzz passes,
# without its nightly-only sanitizer) and run each for FUZZ_SECONDS (default 30) from the seed
# corpus in fuzz/seeds/. A crash stops the script with the input saved under fuzz/artifacts/.
# The seed is fixed (FUZZ_SEED, default 1) so that CI does not fail at random on a bug the
# change under test did not make; FUZZ_SEED=0 lets libFuzzer pick one, for longer hunts.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-30}"
seed="${FUZZ_SEED:-1}"
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares"
# An explicit --target keeps the flags off build scripts and proc macros (as cargo-fuzz does).
host="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --release --quiet --bins --target "$host"
mkdir -p artifacts
for target in front_matter html clean segment jsonl warc; do
  corpus="$(mktemp -d)"
  cp seeds/"$target"/* "$corpus"/
  log="$(mktemp)"
  if ! target/"$host"/release/"$target" -max_total_time="$seconds" -seed="$seed" -max_len=65536 -rss_limit_mb=1024 \
      -artifact_prefix=artifacts/"$target"- "$corpus" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target found a crash (input saved in fuzz/artifacts/)" >&2
    exit 1
  fi
  echo "fuzz: $target: $(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1)"
  rm -rf "$corpus" "$log"
done
