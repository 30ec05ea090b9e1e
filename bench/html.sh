#!/usr/bin/env bash
# HTML pages: corpusmill build vs trafilatura 2.3.1 (bare_extraction, default settings) on the
# same pages of ../shared/devsets/webpages/html, both scored by its score.py, with CPU seconds.
# Usage, from the project root:  bench/html.sh [--half tune|held|all] [BIN]
# Needs a Python with trafilatura 2.3.1 (and lxml_html_clean) in TRAF_PYTHON (default
# /work/venv-traf/bin/python) and one with pyarrow in MEASURE_PYTHON (default .venv/bin/python).
# The HTML that ships there is all validation: --half splits it by site (sha256 of the domain)
# into a half to tune on and a half held out; "all" is the 213 pages.
set -euo pipefail
here=$(cd ../shared/devsets/webpages && pwd)
half=all; bin=target/release/corpusmill
while [ $# -gt 0 ]; do
  case "$1" in
    --half) half=$2; shift 2 ;;
    *) bin=$1; shift ;;
  esac
done
traf_py=${TRAF_PYTHON:-/work/venv-traf/bin/python}
py=${MEASURE_PYTHON:-.venv/bin/python}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
"$py" - "$here" "$half" "$work" <<'PY'
import hashlib, json, os, shutil, sys
here, half, work = sys.argv[1:4]
with open(os.path.join(work, "gold.jsonl"), "w", encoding="utf-8") as gold:
    for line in open(os.path.join(here, "pages.jsonl"), encoding="utf-8"):
        p = json.loads(line)
        src = os.path.join(here, "html", p["id"] + ".html.gz")
        if not os.path.exists(src):
            continue
        site = p["domain"] or "id:" + p["id"]
        side = "tune" if int(hashlib.sha256(("html-tune:" + site).encode()).hexdigest()[:8], 16) % 2 == 0 else "held"
        if half in ("all", side):
            shutil.copy(src, os.path.join(work, "in"))
            gold.write(line)
PY
echo "bench/html.sh: $(ls "$work/in" | wc -l) pages ($half)"
score() { python3 "$here/score.py" "$1" --split validation --gold "$work/gold.jsonl" | grep -v '^ *\(forum\|listing\|service\|collection\|documentation\|product\) '; }

/usr/bin/time -f "corpusmill: %U s user, %e s wall" "$bin" build --input "$work/in" --output "$work/out" -q --threads 1 >/dev/null
"$py" - "$work/out" "$work/corpusmill.jsonl" <<'PY'
import glob, json, os, sys
import pyarrow.parquet as pq
out, pred = sys.argv[1], sys.argv[2]
with open(pred, "w", encoding="utf-8") as f:
    for path in sorted(glob.glob(os.path.join(out, "documents", "**", "*.parquet"), recursive=True)):
        for r in pq.read_table(path).to_pylist():
            pub = r.get("published_at")
            f.write(json.dumps({"id": os.path.basename(r["source_path"]).split(".")[0], "text": r.get("text") or "",
                                "title": r.get("title"), "authors": r.get("authors") or [],
                                "published_at": pub.isoformat() if pub else None}, ensure_ascii=False) + "\n")
PY
echo "== corpusmill"; score "$work/corpusmill.jsonl"

"$traf_py" - "$work/in" "$work/trafilatura.jsonl" <<'PY'
import gzip, json, os, sys, time
import trafilatura
src, pred = sys.argv[1], sys.argv[2]
start = time.process_time()
with open(pred, "w", encoding="utf-8") as f:
    for name in sorted(os.listdir(src)):
        html = gzip.open(os.path.join(src, name)).read().decode("utf-8")
        r = trafilatura.bare_extraction(html, with_metadata=True)
        r = r.as_dict() if r is not None and hasattr(r, "as_dict") else (r or {})
        f.write(json.dumps({"id": name.split(".")[0], "text": r.get("text") or "", "title": r.get("title"),
                            "authors": [r["author"]] if r.get("author") else [], "published_at": r.get("date")},
                           ensure_ascii=False) + "\n")
print(f"trafilatura: {time.process_time() - start:.2f} s user+sys (extraction only, one process)", file=sys.stderr)
PY
echo "== trafilatura $("$traf_py" -c 'import trafilatura; print(trafilatura.__version__)')"; score "$work/trafilatura.jsonl"
