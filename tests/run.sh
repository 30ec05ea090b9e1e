#!/usr/bin/env bash
# Run every test from a fresh clone: set up the Python environment the interop tests read the
# corpus with, the example notebook runs in and the quality reference test computes datatrove's
# values in (tests/requirements*.txt in ./.venv), then cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
# tests/requirements-quality.txt: datatrove and spaCy, which tests/quality_reference.rs checks the
# quality signals against.
if ! .venv/bin/python -c "import pyarrow, pandas, duckdb, polars, matplotlib, nbclient, ipykernel, datatrove, spacy" 2>/dev/null; then
  python3 -m venv .venv
  # `python -m pip`: a copied .venv's pip script may point at another environment.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt \
    -r tests/requirements-quality.txt
fi
export CORPUSMILL_PYTHON="$PWD/.venv/bin/python"
cargo test --release "$@"
# Issue 7: run examples/slurm/build.sbatch on a real single-node Slurm (needs root and apt, as
# in CI; ~20 s). CORPUSMILL_SLURM_TEST=0 skips it.
if [ "${CORPUSMILL_SLURM_TEST:-1}" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  tests/slurm/run.sh
fi
# Fuzz the front matter parser, the cleaner and the segmenter for FUZZ_SECONDS each (default
# 30): in CI, or when CORPUSMILL_FUZZ=1. See fuzz/run.sh.
if [[ "${CI:-}" == "true" || "${CORPUSMILL_FUZZ:-}" == "1" ]]; then
  fuzz/run.sh
fi
