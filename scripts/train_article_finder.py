#!/usr/bin/env python3
"""Fit the article finder (config/article_finder.toml) on annotated pages.

Training data:
  * WCXB page text dumps with gold article bodies (the `dev` split only):
    --webpages DIR, a folder with pages.jsonl and textdump/ (../shared/devsets/webpages);
  * the team's annotated news dumps in tests/data/clean (*.ann: K lines are content);
  * the probe sets in tests/data/probe, except the newest (PROBE_HELD_OUT), kept out of
    training so that it measures the finder on news pages it never saw.

Features come from the binary itself (`corpusmill features`), so training and the build use the
same code. Two boosted-tree models: the line model on line and block features, then the
context model on those plus the line model's scores around each line. The pages are split
into folds by site: the context model learns from line scores of line models that never saw
the page (out of fold, as a build on new sites sees them; scores of pages a model was fitted
on are too sure of themselves), and the threshold is the one with the best body F1 (computed
as score.py does) on out-of-fold context scores. Deterministic: same data, same weights.

Usage: scripts/train_article_finder.py --webpages ../shared/devsets/webpages [--bin target/release/corpusmill]
Needs numpy and scikit-learn (scripts/requirements-train.txt).
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "config", "article_finder.toml")
TOKEN = re.compile(r"\w+", re.UNICODE)
# The team's news dumps weigh this many web pages each: they are the kind of page corpusmill
# is for, and few.
NEWS_WEIGHT = 4.0
TREES = 200
# Smaller trees with at least MIN_LEAF lines a leaf: as good out of fold (5 folds by site, 0.781
# against 0.780 for 31 leaves and no minimum) and cheaper to score.
LEAVES = 15
MIN_LEAF = 100
# The probe set written last is not trained on: it is the honest measure of the next change.
PROBE_HELD_OUT = "_x0"
# The context model's extra features (the line model's scores around a line).
N_CONTEXT = 6
# Share of the dev pages' 'with' snippets the chosen threshold must keep.
MIN_WITH_FOUND = 0.945
# Folds of sites for the out-of-fold scores.
FOLDS = 5


def tokens(text):
    return [t for t in TOKEN.findall(text.lower()) if t != "_"]


def shingles(toks, n=4):
    if len(toks) < n:
        return [tuple(toks)] if toks else []
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def write_model(path, names, line, context, threshold, comment):
    def model_table(name, model, feats):
        base, trees = model
        out = [f"[{name}]", "features = [" + ", ".join(json.dumps(f) for f in feats) + "]",
               f"base = {base!r}"]
        for tree in trees:
            out.append(f"[[{name}.tree]]")
            for key in ("feature", "threshold", "left", "right", "value"):
                out.append(f"{key} = [" + ", ".join(repr(v) for v in tree[key]) + "]")
        return "\n".join(out)

    n_line = len(names) - N_CONTEXT
    text = "\n".join([
        comment,
        f"threshold = {threshold!r}",
        "",
        model_table("line", line, names[:n_line]),
        "",
        model_table("context", context, names),
        "",
    ])
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def constant_model():
    return (0.0, [])


def export(binary, folder, model_path):
    out = subprocess.run(
        [binary, "features", folder, "--set", f"clean.article_finder={model_path}"],
        check=True, capture_output=True, text=True, cwd=ROOT).stdout
    lines = out.splitlines()
    names = json.loads(lines[0])["features"]
    rows = [json.loads(l) for l in lines[1:]]
    return names, rows


def prepare(webpages, work):
    """Writes the training documents; returns {set: (folder, {path: gold})}, the snippets
    and the fold of each page (by its site: a news dump is a site of its own)."""
    web_dir = os.path.join(work, "web")
    news_dir = os.path.join(work, "news")
    os.makedirs(web_dir)
    os.makedirs(news_dir)
    web_gold = {}
    snippets = {}
    folds = {}
    for line in open(os.path.join(webpages, "pages.jsonl"), encoding="utf-8"):
        page = json.loads(line)
        if page["split"] != "dev" or page["article_body"] is None:
            continue
        src = os.path.join(webpages, "textdump", page["id"] + ".txt")
        name = page["id"] + ".txt"
        with open(src, encoding="utf-8") as f, open(os.path.join(web_dir, name), "w", encoding="utf-8") as g:
            g.write(f.read())
        web_gold[name] = page["article_body"]
        snippets[name] = (page.get("with") or [], page.get("without") or [])
        folds[name] = fold_of(page["domain"])
    news_gold = {}
    anns = [(folder, name) for folder in ("clean", "probe")
            for name in sorted(os.listdir(os.path.join(ROOT, "tests", "data", folder)))
            if name.endswith(".ann") and PROBE_HELD_OUT not in name]
    for folder, name in anns:
        ann_path = os.path.join(ROOT, "tests", "data", folder, name)
        raw, tags = [], []
        for line in open(ann_path, encoding="utf-8").read().split("\n"):
            tag, _, text = line.partition("\t") if "\t" in line else ("", "", line)
            raw.append(text.replace("⟦", "").replace("⟧", ""))
            tags.append(tag)
        out_name = name[:-4]
        with open(os.path.join(news_dir, out_name), "w", encoding="utf-8") as f:
            f.write("\n".join(raw))
        # Body line numbers start after the front matter.
        body_tags = [t for t in tags if t != "F"]
        news_gold[out_name] = body_tags
        folds[out_name] = fold_of(out_name)
    return {"web": (web_dir, web_gold), "news": (news_dir, news_gold)}, snippets, folds


def fold_of(site):
    return int(hashlib.md5(site.encode("utf-8")).hexdigest(), 16) % FOLDS


def fold_folders(sets, folds, work):
    """Folders of links to each fold's pages: {(fold, set): folder}, non-empty ones only.
    Lines repeated across pages are counted within the folder, as a build counts them."""
    folders = {}
    for (kind, (folder, gold)) in sets.items():
        for name in sorted(gold):
            target = os.path.join(work, f"fold{folds[name]}", kind)
            if (folds[name], kind) not in folders:
                os.makedirs(target)
                folders[(folds[name], kind)] = target
            os.symlink(os.path.join(folder, name), os.path.join(target, name))
    return folders


def stack(data, kinds, n_features=None):
    """Features, labels, weights and folds of the rows of `data` ({set: (rows, y, w, folds)})."""
    x = np.vstack([np.array([r["features"][:n_features] for r in data[k][0]]) for k in kinds])
    y = np.concatenate([data[k][1] for k in kinds])
    w = np.concatenate([data[k][2] for k in kinds])
    f = np.concatenate([data[k][3] for k in kinds])
    return x, y, w, f


def labels_and_weights(rows, gold, kind):
    y = np.zeros(len(rows))
    w = np.zeros(len(rows))
    by_page = {}
    for k, r in enumerate(rows):
        by_page.setdefault(r["path"], []).append(k)
    for path, idx in by_page.items():
        if kind == "web":
            gtoks = tokens(gold[path])
            gset = set(shingles(gtoks))
            gtext = " " + " ".join(gtoks) + " "
        sizes = []
        for k in idx:
            r = rows[k]
            toks = tokens(r["kept"])
            if kind == "web":
                if len(toks) >= 4:
                    sh = shingles(toks)
                    y[k] = float(sum(s in gset for s in sh) >= 0.5 * len(sh))
                else:
                    y[k] = float(bool(toks) and (" " + " ".join(toks) + " ") in gtext)
            else:
                tags = gold[path]
                line = r["line"] - 1
                y[k] = float(line < len(tags) and tags[line] == "K")
            sizes.append(1.0 + len(toks))
        total = sum(sizes)
        page_weight = NEWS_WEIGHT if kind == "news" else 1.0
        for k, s in zip(idx, sizes):
            w[k] = page_weight * s / total
    return y, w


def fit_trees(x, y, w):
    """Boosted trees (deterministic: no subsampling, no early stopping)."""
    clf = HistGradientBoostingClassifier(max_iter=TREES, max_leaf_nodes=LEAVES, min_samples_leaf=MIN_LEAF,
                                         learning_rate=0.1, l2_regularization=1.0, early_stopping=False,
                                         random_state=0)
    clf.fit(x, y, sample_weight=w / w.mean())
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [-1 if n["is_leaf"] else int(n["feature_idx"]) for n in nodes],
            "threshold": [0.0 if n["is_leaf"] else float(n["num_threshold"]) for n in nodes],
            "left": [int(n["left"]) for n in nodes],
            "right": [int(n["right"]) for n in nodes],
            "value": [float(n["value"]) if n["is_leaf"] else 0.0 for n in nodes],
        })
    model = (float(np.ravel(clf._baseline_prediction)[0]), trees)
    # The exported trees must give the classifier's own scores.
    check = x[: min(len(x), 2000)]
    assert np.allclose(predict(model, check), clf.predict_proba(check)[:, 1], atol=1e-6)
    return model


def predict(model, x):
    base, trees = model
    z = np.full(len(x), base)
    for t in trees:
        node = np.zeros(len(x), dtype=int)
        feature = np.array(t["feature"])
        threshold = np.array(t["threshold"])
        left, right, value = np.array(t["left"]), np.array(t["right"]), np.array(t["value"])
        for _ in range(64):
            inner = feature[node] >= 0
            if not inner.any():
                break
            f = np.where(inner, feature[node], 0)
            go_left = x[np.arange(len(x)), f] <= threshold[node]
            node = np.where(inner, np.where(go_left, left[node], right[node]), node)
        z += value[node]
    return 1.0 / (1.0 + np.exp(-z))


def body_f1(rows, scores, gold, threshold):
    """score.py's body F1 over the web pages: mean P and R of 4-gram shingles per page."""
    kept = {}
    for r, s in zip(rows, scores):
        if s >= threshold:
            kept.setdefault(r["path"], []).append(r["kept"])
    ps, rs = [], []
    for path, body in gold.items():
        g = shingles(tokens(body))
        pred = shingles(tokens("\n".join(kept.get(path, []))))
        if not g and not pred:
            ps.append(1.0)
            rs.append(1.0)
            continue
        if not g or not pred:
            ps.append(0.0)
            rs.append(0.0)
            continue
        gc, pc = {}, {}
        for s in g:
            gc[s] = gc.get(s, 0) + 1
        for s in pred:
            pc[s] = pc.get(s, 0) + 1
        overlap = sum(min(c, gc.get(s, 0)) for s, c in pc.items())
        ps.append(overlap / len(pred))
        rs.append(overlap / len(g))
    p, r = float(np.mean(ps)), float(np.mean(rs))
    return 2 * p * r / (p + r) if p + r else 0.0, p, r


def snippet_rates(rows, scores, snippets, threshold):
    """Shares of 'with' snippets found and 'without' snippets leaked, as score.py pools them."""
    kept = {}
    for r, s in zip(rows, scores):
        if s >= threshold:
            kept.setdefault(r["path"], []).append(r["kept"])
    found = total_with = leaked = total_without = 0
    for path, (with_, without) in snippets.items():
        text = " " + " ".join(tokens("\n".join(kept.get(path, [])))) + " "
        for snippet in with_:
            total_with += 1
            found += " ".join(tokens(snippet)) in text
        for snippet in without:
            total_without += 1
            leaked += " ".join(tokens(snippet)) in text
    return found / max(total_with, 1), leaked / max(total_without, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--webpages", required=True)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "corpusmill"))
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    with tempfile.TemporaryDirectory() as work:
        sets, snippets, folds = prepare(os.path.abspath(args.webpages), work)
        kinds = list(sets)
        # Pass 1: features with a model that judges nothing.
        model_path = os.path.join(work, "model.toml")
        probe_names = subprocess.run([binary, "features", sets["news"][0], "--set", "clean.article_finder="],
                                     capture_output=True, text=True, cwd=ROOT)
        names = json.loads(probe_names.stdout.splitlines()[0])["features"] if probe_names.returncode == 0 else None
        if names is None:
            sys.exit("features: " + probe_names.stderr)
        n_line = len(names) - N_CONTEXT
        write_model(model_path, names, constant_model(), constant_model(), 0.0, "# bootstrap")

        def labelled(kind, rows):
            y, w = labels_and_weights(rows, sets[kind][1], kind)
            return rows, y, w, np.array([folds[r["path"]] for r in rows], dtype=int)

        data = {kind: labelled(kind, export(binary, folder, model_path)[1]) for kind, (folder, _) in sets.items()}
        x, y, w, f = stack(data, kinds, n_line)
        line_model = fit_trees(x, y, w)
        print(f"line model: {len(y)} lines, {int(y.sum())} content", file=sys.stderr)
        # Pass 2: each fold's context features, computed by the binary with a line model fitted
        # on the other folds in place.
        rows_out_of_fold = {kind: [] for kind in kinds}
        folders = fold_folders(sets, folds, work)
        for fold in range(FOLDS):
            fold_line_model = fit_trees(x[f != fold], y[f != fold], w[f != fold])
            write_model(model_path, names, fold_line_model, constant_model(), 0.0, "# line model of other folds")
            for kind in kinds:
                if (fold, kind) in folders:
                    rows_out_of_fold[kind] += export(binary, folders[(fold, kind)], model_path)[1]
            print(f"fold {fold}: context features out of fold", file=sys.stderr)
        data = {kind: labelled(kind, rows) for kind, rows in rows_out_of_fold.items()}
        x, y, w, f = stack(data, kinds)
        context_model = fit_trees(x, y, w)
        # The threshold from out-of-fold context scores: what a page of a new site gets.
        scores = np.zeros(len(y))
        for fold in range(FOLDS):
            if (f == fold).any():
                scores[f == fold] = predict(fit_trees(x[f != fold], y[f != fold], w[f != fold]), x[f == fold])
        web_rows = data["web"][0]
        web_scores = scores[: len(web_rows)]
        table = []
        for t in np.arange(0.05, 0.951, 0.025):
            f1, p, r = body_f1(web_rows, web_scores, sets["web"][1], t)
            found, leaked = snippet_rates(web_rows, web_scores, snippets, t)
            table.append((f1, p, r, found, leaked, float(t)))
            print(f"  threshold {t:.3f}: F1 {f1:.4f} P {p:.4f} R {r:.4f} with {found:.3f} without {leaked:.3f}",
                  file=sys.stderr)
        # Keeping article text comes first: the best F1 among thresholds that keep at least
        # MIN_WITH_FOUND of the snippets a correct extraction must contain.
        keeping = [row for row in table if row[3] >= MIN_WITH_FOUND] or table[:1]
        f1, p, r, found, leaked, threshold = max(keeping, key=lambda v: v[0])
        print(f"threshold {threshold:.3f}: out-of-fold dev body F1 {f1:.4f} (P {p:.4f}, R {r:.4f}) "
              "on lines the rules keep", file=sys.stderr)
        news_y = data["news"][1]
        news_scores = scores[len(web_rows):]
        content = news_y == 1
        print(f"news dumps (out of fold): content lines kept {np.mean(news_scores[content] >= threshold):.4f}, "
              f"noise lines dropped {np.mean(news_scores[~content] < threshold):.4f}", file=sys.stderr)
        comment = "\n".join([
            "# The article finder's learned weights (docs/cleaning.md). Written by",
            "# scripts/train_article_finder.py; retrain with it, do not edit by hand.",
            f"# Trained {datetime.date.today().isoformat()} on the WCXB dev split ({len(sets['web'][1])} pages)",
            f"# and tests/data/clean and tests/data/probe without *{PROBE_HELD_OUT}* ({len(sets['news'][1])} news dumps);",
            f"# out-of-fold ({FOLDS} folds by site)",
            f"# dev body F1 {f1:.4f} at the threshold, on the lines the rules keep.",
        ])
        write_model(MODEL, names, line_model, context_model, float(threshold), comment)
        print(f"wrote {MODEL}", file=sys.stderr)


if __name__ == "__main__":
    main()
