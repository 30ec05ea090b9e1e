"""Near-duplicate detection, corpusmill against datatrove's MinHash deduplication, on the same
texts: pairwise precision and recall against the exact word 5-gram Jaccard (>= 0.8) of the
cleaned texts, and wall time on the same cores.

The test set is the one tests/dedup.rs builds (from tests/data/quality/wcxb_dev_bodies.jsonl,
CC-BY-4.0): every body, exact copies, syndicated variants (headline, dateline, a dropped
paragraph, a site footer), corrected versions, and hard negatives sharing only a lede or a
quote. BENCH_REPEAT copies the whole set under new names (different wire footers) to time a
larger corpus.

    /work/main/.venv/bin/python bench/dedup_vs_datatrove.py [--binary target/release/corpusmill]

datatrove runs on corpusmill's cleaned texts (its input must be text already), with its
defaults (14 buckets x 8 hashes, 5-grams, 64-bit hashes) and with corpusmill's band layout
(20 x 6); its signature, buckets (one task per bucket) and cluster stages run with 2 workers.
It has no verification step: documents sharing a bucket are duplicates.
"""

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
DATELINES = ["LONDON (Reuters) - ", "PARIS, June 3 (AFP) - ", "NEW YORK (AP) — ", "BERLIN (dpa) - "]
FOOTERS = [
    "Copyright 2026 The Daily Example. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox every weekday.",
    "Reporting by staff writers; editing by the news desk. Our standards: the Trust Principles.",
]


def paragraphs(text):
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def write_test_set(out, repeat):
    """The construction of tests/dedup.rs (write_test_set), optionally repeated."""
    bodies = [json.loads(line)["text"] for line in open(ROOT / "tests/data/quality/wcxb_dev_bodies.jsonl")]
    n = len(bodies)
    for r in range(repeat):
        prefix = f"r{r}-" if repeat > 1 else ""
        # A repeat is a new corpus of stories: each body gets a unique lead sentence.
        lead = f"Edition {r}: " if repeat > 1 else ""
        for i, body0 in enumerate(bodies):
            body = lead + body0
            paras = paragraphs(body)
            w = lambda name, text: (out / f"{prefix}{i:03}-{name}.txt").write_text(text)
            w("original", body)
            if i % 3 == 0:
                w("copy", body)
            if i % 2 == 0 and len(paras) >= 4:
                kept = list(paras)
                kept.pop(1 + i % (len(kept) - 2))
                kept[0] = DATELINES[i % len(DATELINES)] + kept[0]
                w("syndicated", f"Wire: story number {i} as republished\n\n" + "\n\n".join(kept) + "\n\n" + FOOTERS[i % len(FOOTERS)])
            if i % 7 == 0:
                w("corrected", body.replace(". ", ". (Corrected) ", 1))

            def halves(k):
                other = paragraphs(lead + bodies[(i + k) % n])
                h = len(other) // 2
                return "\n\n".join(other[:h]), "\n\n".join(other[h:])

            if i % 4 == 1 and len(paras) >= 3:
                (first, _), (_, second) = halves(1), halves(2)
                w("same-lede", f"{paras[0]}\n\n{first}\n\n{second}")
            if i % 5 == 2 and len(paras) >= 3:
                (first, _), (_, second) = halves(3), halves(4)
                w("quote", f'{first}\n\n"{paras[len(paras) // 2]}"\n\n{second}')


WORD = re.compile(r"\w+(?:['’.:]\w+)*")


def shingles(text):
    words = [w.lower() for w in WORD.findall(text)]
    k = min(5, len(words)) or 1
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def true_pairs(texts):
    sets = [shingles(t) for t in texts]
    index = defaultdict(list)
    for d, s in enumerate(sets):
        for sh in s:
            index[sh].append(d)
    shared = defaultdict(int)
    for docs in index.values():
        for a, b in itertools.combinations(docs, 2):
            shared[(a, b)] += 1
    return {p for p, c in shared.items() if c / (len(sets[p[0]]) + len(sets[p[1]]) - c) >= 0.8}


def cluster_pairs(labels):
    groups = defaultdict(list)
    for i, label in enumerate(labels):
        if label is not None:
            groups[label].append(i)
    return {p for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def score(predicted, truth):
    hits = len(predicted & truth)
    return hits / max(len(predicted), 1), hits / max(len(truth), 1)


def run_datatrove(texts, work, buckets, rows):
    """datatrove's signature, buckets and cluster stages; the clusters read from the cluster
    stage's .clusters file (the filter stage would only drop all but one of each)."""
    import struct

    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                                  MinhashDedupSignature)
    from datatrove.utils.hashing import HashConfig

    config = MinhashConfig(n_grams=5, num_buckets=buckets, hashes_per_bucket=rows, hash_config=HashConfig(precision=64))
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
    sigs, bks, cls = (str(work / d) for d in ("sigs", "buckets", "clusters"))
    started = time.monotonic()
    for pipeline, tasks in (
        ([docs, MinhashDedupSignature(output_folder=sigs, config=config)], 1),
        ([MinhashDedupBuckets(input_folder=sigs, output_folder=bks, config=config)], config.num_buckets),
        ([MinhashDedupCluster(input_folder=bks, output_folder=cls, config=config, save_cluster_id=True)], 1),
    ):
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=2,
                              logging_dir=str(work / f"logs-{time.monotonic_ns()}")).run()
    wall = time.monotonic() - started
    labels = [None] * len(texts)
    data = (Path(cls) / "000000.clusters").read_bytes()
    for doc, cluster in struct.iter_unpack("<2I", data):
        labels[doc] = cluster
    return labels, wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "target/release/corpusmill"))
    parser.add_argument("--threads", default="2")
    args = parser.parse_args()
    repeat = int(os.environ.get("BENCH_REPEAT", "1"))
    work = Path(tempfile.mkdtemp(prefix="corpusmill-bench-dedup."))
    try:
        raw = work / "raw"
        raw.mkdir()
        write_test_set(raw, repeat)
        walls = {}
        for dedup in ("true", "false"):
            started = time.monotonic()
            subprocess.run([args.binary, "build", "-q", "--input", str(raw), "--output", str(work / f"out-{dedup}"),
                            "--threads", args.threads, "--set", f"dedup.enabled={dedup}"], check=True)
            walls[dedup] = time.monotonic() - started
        table = pq.read_table(work / "out-true/documents", columns=["source_path", "text", "dup_cluster"]).to_pydict()
        texts, clusters = table["text"], table["dup_cluster"]
        truth = true_pairs(texts)
        print(f"{len(texts)} documents, {len(truth)} pairs with exact 5-gram Jaccard >= 0.8 (threads {args.threads})")
        print("| tool | precision | recall | predicted pairs | wall (s) |")
        print("| --- | --- | --- | --- | --- |")
        p, r = score(cluster_pairs(clusters), truth)
        print(f"| corpusmill build, dedup on (whole pipeline) | {p:.4f} | {r:.4f} | {len(cluster_pairs(clusters))} | {walls['true']:.2f} |")
        print(f"| corpusmill: dedup's share (build with dedup on - off) | | | | {walls['true'] - walls['false']:.2f} |")
        for buckets, rows in ((14, 8), (20, 6)):
            labels, wall = run_datatrove(texts, work / f"dt-{buckets}x{rows}", buckets, rows)
            predicted = cluster_pairs(labels)
            p, r = score(predicted, truth)
            print(f"| datatrove MinHash {buckets}x{rows} (dedup only) | {p:.4f} | {r:.4f} | {len(predicted)} | {wall:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
