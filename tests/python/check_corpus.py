"""Read a corpusmill output folder the way users do (pyarrow, pandas, DuckDB) and check it.

Usage: python check_corpus.py OUT_DIR
Exits non-zero with a message on the first problem.
"""
import json
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]

documents = pq.read_table(f"{out}/documents")
sentences = pq.read_table(f"{out}/sentences")
manifest = json.load(open(f"{out}/manifest.json"))

expected_documents = {
    "doc_id": pa.string(), "source_path": pa.string(), "source_sha256": pa.string(),
    "format": pa.string(), "title": pa.string(),
    "authors": pa.list_(pa.field("item", pa.string(), nullable=False)),
    "publisher": pa.string(), "url": pa.string(), "published_at": pa.timestamp("us", tz="UTC"),
    "updated_at": pa.timestamp("us", tz="UTC"), "lang": pa.string(), "lang_confidence": pa.float32(),
    "text": pa.string(), "n_chars": pa.int64(), "n_words": pa.int64(), "n_sentences": pa.int64(),
    "is_truncated": pa.bool_(),
}
for name, type_ in expected_documents.items():
    field = documents.schema.field(name)
    assert field.type == type_, f"documents.{name}: {field.type} != {type_}"
removed = documents.schema.field("removed").type
assert pa.types.is_list(removed) and [f.name for f in removed.value_type] == ["rule_id", "text", "score"], removed
for name, type_ in {"doc_id": pa.string(), "sent_index": pa.int32(), "text": pa.string(),
                    "char_start": pa.int64(), "char_end": pa.int64(), "lang": pa.string()}.items():
    assert sentences.schema.field(name).type == type_, f"sentences.{name}"
assert documents.schema.field("text").metadata[b"description"], "column descriptions are stored"
assert documents.num_rows == manifest["counts"]["documents"]
assert sentences.num_rows == manifest["counts"]["sentences"]

# Every sentence offset slices the document text with Python's own string indexing.
texts = dict(zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist()))
n = 0
for doc_id, text, start, end in zip(*(sentences.column(c).to_pylist() for c in ("doc_id", "text", "char_start", "char_end"))):
    assert texts[doc_id][start:end] == text, f"{doc_id}: text[{start}:{end}] != {text!r}"
    n += 1

# pandas and DuckDB read the folders without options, as the README shows.
df = pd.read_parquet(f"{out}/documents")
assert len(df) == documents.num_rows and df["published_at"].dt.tz is not None
con = duckdb.connect()
langs = con.sql(f"SELECT lang, count(*) FROM '{out}/documents/*.parquet' GROUP BY lang").fetchall()
assert sum(c for _, c in langs) == documents.num_rows
rules = con.sql(f"SELECT r.rule_id, count(*) FROM (SELECT unnest(removed) AS r FROM '{out}/documents/*.parquet') GROUP BY 1").fetchall()
assert sum(c for _, c in rules) == sum(manifest["stages"]["removed_by_rule"].values())
print(f"ok: {documents.num_rows} documents, {n} sentence offsets checked, languages {sorted(langs)}")
