"""Reference quality signals computed with datatrove 0.10.1 itself (tests/quality_reference.rs).

Reads JSON Lines of {"id", "text"} on stdin and writes one JSON object per line: the fields of
corpusmill's `quality` struct, built from datatrove's own helpers, and the decisions of its
Gopher, C4 and FineWeb filters with their default arguments. Runs offline: English words come
from spaCy's blank English tokenizer, which ships inside the spaCy wheel.
"""

import json
import re
import sys

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)
from datatrove.pipeline.filters.gopher_quality_filter import STOP_WORDS
from datatrove.pipeline.filters.gopher_repetition_filter import (
    find_all_duplicate,
    find_duplicates,
    find_top_duplicate,
    get_n_grams,
)
from datatrove.utils.text import PUNCTUATION_SET, TERMINAL_PUNCTUATION, split_into_words
from datatrove.utils.typeshelper import Languages


def ratio(part, whole):
    return part / whole if whole else 0.0


def signals(text):
    words = split_into_words(text, Languages.english)
    n_words = len(words)
    non_symbol = [w for w in words if any(ch not in PUNCTUATION_SET for ch in w)]
    lines = text.splitlines()
    rep_lines = re.split("\n+", text)
    paragraphs = re.split(r"\n{2,}", text.strip())
    fw_lines = [line for line in text.split("\n") if line.strip() != ""]
    dup_lines, dup_line_chars = find_duplicates(rep_lines)
    dup_paras, dup_para_chars = find_duplicates(paragraphs)
    out = {
        "n_words": n_words,
        "mean_word_length": ratio(sum(len(w) for w in non_symbol), len(non_symbol)),
        "symbol_word_ratio": ratio(max(text.count("#"), text.count("...") + text.count("…")), n_words),
        "bullet_lines_ratio": ratio(sum(l.lstrip().startswith(("•", "-")) for l in lines), len(lines)),
        "ellipsis_lines_ratio": ratio(sum(l.rstrip().endswith(("...", "…")) for l in lines), len(lines)),
        "alpha_words_ratio": ratio(sum(any(c.isalpha() for c in w) for w in words), n_words),
        "stop_words": len(set(STOP_WORDS) & set(words)),
        "dup_line_frac": ratio(dup_lines, len(rep_lines)),
        "dup_line_char_frac": ratio(dup_line_chars, len(text)),
        "dup_para_frac": ratio(dup_paras, len(paragraphs)),
        "dup_para_char_frac": ratio(dup_para_chars, len(text)),
    }
    for n in (2, 3, 4):
        grams = get_n_grams(words, n)
        out[f"top_{n}gram_char_frac"] = ratio(find_top_duplicate(grams), len(text)) if grams else 0.0
    for n in range(5, 11):
        out[f"dup_{n}gram_char_frac"] = ratio(find_all_duplicate(words, n), len(text))
    out["terminal_punct_lines_ratio"] = ratio(
        sum(l.endswith(tuple(TERMINAL_PUNCTUATION)) for l in fw_lines), len(fw_lines)
    )
    out["short_lines_ratio"] = ratio(sum(len(l) <= 30 for l in fw_lines), len(fw_lines))
    return out


def keeps(filter_, text, doc_id):
    result = filter_.filter(Document(text=text, id=doc_id))
    return result is True or (isinstance(result, tuple) and result[0])


def main():
    filters = {
        "gopher_repetition": GopherRepetitionFilter(),
        "gopher_quality": GopherQualityFilter(),
        "c4": C4QualityFilter(),
        "fineweb": FineWebQualityFilter(),
    }
    for line in sys.stdin:
        row = json.loads(line)
        text, doc_id = row["text"], row["id"]
        out = {"id": doc_id, **signals(text)}
        kept = {name: keeps(f, text, doc_id) for name, f in filters.items()}
        out["passes_gopher"] = kept["gopher_repetition"] and kept["gopher_quality"]
        out["passes_c4"] = kept["c4"]
        out["passes_fineweb"] = kept["fineweb"]
        print(json.dumps(out))


if __name__ == "__main__":
    main()
