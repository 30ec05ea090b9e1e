"""A partitioned corpus (--partition-by lang) and its JSON Lines (--format jsonl) read back with
pyarrow, DuckDB and polars as the same data as the flat corpus.

Usage: python check_layouts.py FLAT_OUT PARTITIONED_OUT
"""
import sys

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq

flat, layered = sys.argv[1], sys.argv[2]


def same(a, b, what):
    assert a == b, f"{what}: {a} != {b}"


for table, key in [("documents", ["doc_id"]), ("sentences", ["doc_id", "sent_index"])]:
    expected = pq.read_table(f"{flat}/{table}").to_pandas().sort_values(key).reset_index(drop=True)
    by_lang = expected.groupby("lang").size().to_dict()

    # pyarrow / pandas: the lang=xx folders come back as a lang column.
    arrow = pq.read_table(f"{layered}/{table}").to_pandas()
    arrow["lang"] = arrow["lang"].astype(str)
    arrow = arrow[expected.columns].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(arrow, expected, check_dtype=False)

    # DuckDB with Hive partitioning.
    rows = duckdb.sql(
        f"SELECT lang, count(*) FROM read_parquet('{layered}/{table}/*/*.parquet', hive_partitioning = true) GROUP BY lang"
    ).fetchall()
    same(dict(rows), by_lang, f"duckdb {table} per lang")

    # polars.
    counts = pl.scan_parquet(f"{layered}/{table}/**/*.parquet", hive_partitioning=True).group_by("lang").len().collect()
    same(dict(zip(counts["lang"].to_list(), counts["len"].to_list())), by_lang, f"polars {table} per lang")

    # JSON Lines: every row and column of the flat table.
    lines = pd.read_json(f"{layered}/jsonl/{table}.jsonl", lines=True, dtype=False)
    same(len(lines), len(expected), f"{table}.jsonl rows")
    same(list(lines.columns), list(expected.columns), f"{table}.jsonl columns")
    lines = lines.sort_values(key).reset_index(drop=True)
    same(lines["text"].tolist(), expected["text"].tolist(), f"{table}.jsonl text")

print("layouts ok")
