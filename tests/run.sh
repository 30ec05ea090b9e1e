#!/usr/bin/env bash
# Run every test from a fresh clone: set up the Python environment the interop tests read the
# corpus with (pyarrow, pandas, duckdb in ./.venv), then cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! .venv/bin/python -c "import pyarrow, pandas, duckdb" 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
fi
export CORPUSMILL_PYTHON="$PWD/.venv/bin/python"
cargo test --release "$@"
# Fuzz the front matter parser, the cleaner and the segmenter for FUZZ_SECONDS each (default
# 30): in CI, or when CORPUSMILL_FUZZ=1. See fuzz/run.sh.
if [[ "${CI:-}" == "true" || "${CORPUSMILL_FUZZ:-}" == "1" ]]; then
  fuzz/run.sh
fi
