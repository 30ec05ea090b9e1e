# Shared by the bench scripts (sourced from the project root): the kit, GNU time, the binary
# to time, and the cached generated corpora. The kit (corpus generator and Python peer) lives
# outside the repository, in ../shared/bench by default: only bench/ uses it, never the tests.
THREADS=${BENCH_THREADS:-2}
SEED=${BENCH_SEED:-42}
KIT=${BENCH_KIT:-../shared/bench}
[ -f "$KIT/make_corpus.py" ] || { echo "bench: no $KIT/make_corpus.py: set BENCH_KIT to the shared bench kit" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
  echo "bench: installing GNU time (apt-get install time) for peak RSS" >&2
  apt-get install -y -qq time >/dev/null || { echo "bench: install the 'time' package" >&2; exit 1; }
fi

BIN=${BENCH_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/corpusmill
fi

# corpus N: the cached corpus of N documents (with --dup-rate 0, a smaller corpus is exactly
# the first files of a larger one), generated on first use, its page cache warmed.
corpus() {
  local dir=/tmp/corpusmill-bench-corpus-s$SEED-n$1
  if [ ! -f "$dir/CORPUS.json" ]; then
    rm -rf "$dir"
    python3 "$KIT/make_corpus.py" --docs "$1" --seed "$SEED" --out "$dir" >&2
  fi
  find "$dir" -type f -exec cat {} + > /dev/null
  echo "$dir"
}
