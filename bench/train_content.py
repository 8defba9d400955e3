"""Train the content-detection line model on the news dev set and write cleaner/content/weights.json.

    make train                                   # a venv under bench/.work/ with the pinned libraries, then this
    bench/.work/venv/bin/python bench/train_content.py [--out PATH]

Needs scikit-learn, which the package itself does not: the exact versions are pinned in
bench/requirements-train.txt, so that `make train` reproduces weights.json byte for byte. The
file records what it was trained on (sets, page counts), the commit of the training code and the
command. How well the model does on sites it has not seen is measured by bench/quality.py
(`make bench-quality`), which imports the loading and fitting below.

Labels: a line the pipeline still holds when content detection (CD001) starts is article if its
text appears in the page's gold text (whitespace removed, matched in order; short lines must follow
the previous match directly, so a menu item that happens to occur in the article is not taken).
The news set's gold is the article alone; CleanEval's keeps all textual content of a page (link
lists, directories, listings); see TRAIN_SETS for why the model learns from the news set only.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from _material import BENCH, ROOT

from cleaner.config import Config
from cleaner.content import view
from cleaner.content.features import NAMES, page_features
from cleaner.content.model import (
    STAGE1_FEATURES,
    STAGE2_FEATURES,
    STAGE2_WINDOWS,
    Linear,
    build,
    columns,
    score,
    sigmoid,
    stage1_rows,
    stage2_rows,
)
from cleaner.content.tables import titled_tables
from cleaner.pipeline import run_until

# One BLAS thread (set before numpy is first imported, in fit_linear): quicker on small problems on a shared machine, and the same floats on every run.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

_SPACE = regex.compile(r"\s+")
_TOKEN = regex.compile(r"\w+")
# The sets measured on (folders of ../shared/bench), and those the shipped model is trained on. The
# two sets' gold conventions conflict line by line: a list of headlines or links next to an article
# is debris in the news gold and content in CleanEval's. Trained on both, the model keeps such
# lists on news pages (site-held-out CV, content stage: news F1 0.941 -> 0.860 with both sets
# weighted alike, 0.927 with CleanEval at a tenth, while CleanEval gains at most 0.02; page-level
# features of prose share and score mass did not separate them). So the line model learns from the
# news set, and what CleanEval showed is handled where the page decides (select.gutted).
SETS = ("dev", "cleaneval-dev")
TRAIN_SETS = ("dev",)
# Inner folds (grouped by site) for the stage-1 scores stage 2 learns from.
INNER_FOLDS = 4
# The files whose last commit names the training code in weights.json.
TRAINING_CODE = ("bench/train_content.py", "bench/requirements-train.txt", "cleaner/content")


def _squash(text: str) -> str:
    return _SPACE.sub("", text).lower()


def align(texts: Sequence[str], gold: str) -> list[bool]:
    g = _squash(gold)
    pos = 0
    out = []
    for text in texts:
        s = _squash(text)
        idx = g.find(s, pos)
        if len(s) >= 20:
            if idx < 0:
                idx = g.find(s)
            label = idx >= 0
        else:
            label = idx >= 0 and idx - pos <= 2
        if label:
            pos = idx + len(s)
        out.append(label)
    return out


@dataclass
class PageData:
    pid: str
    set: str
    domain: str
    texts: list[str]
    barrier: list[bool]
    rows: list[list[float]]
    labels: list[bool]
    weights: list[float]
    gold: str
    raw: str

    @property
    def key(self) -> str:
        return f"{self.set}/{self.pid}"


def mass_weights(texts: Sequence[str]) -> list[float]:
    return [float(len(t)) for t in texts]


def load_set(name: str, bench: Path = BENCH) -> list[PageData]:
    """The pages of one set that have a gold text, as content detection sees them in a first pass."""
    data = bench / name
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(meta):
        gold_path = data / "gold" / f"{pid}.txt"
        if not gold_path.exists():  # the annotators kept nothing; the scorer leaves such pages out
            continue
        raw = (data / "raw" / f"{pid}.txt").read_text(encoding="utf-8")
        gold = gold_path.read_text(encoding="utf-8")
        v = view(run_until(raw, Config(), "CD001"))
        page = page_features(v.texts, v.barrier)
        pages.append(
            PageData(
                pid,
                name,
                meta[pid]["domain"],
                v.texts,
                v.barrier,
                page.rows,
                align(v.texts, gold),
                mass_weights(v.texts),
                gold,
                raw,
            )
        )
    return pages


def load_pages(sets: Sequence[str] = SETS, bench: Path = BENCH) -> list[PageData]:
    return [p for name in sets for p in load_set(name, bench)]


def _sample_weight(pages: Sequence[PageData]) -> list[float]:
    """The metric counts tokens: each line weighs its token count, damped so short lines still
    count. The cells of a titled table weigh nothing: selection keeps such a table whole (see
    select.keep_tables), and a standings page's hundreds of number cells would otherwise teach the
    model that short number lines are article."""
    out: list[float] = []
    for p in pages:
        weights = [math.sqrt(max(1, len(_TOKEN.findall(t)))) for t in p.texts]
        for title, stop in titled_tables(p.texts):
            weights[title:stop] = [0.0] * (stop - title)
        out.extend(weights)
    return out


def fit_linear(x: list[list[float]], y: list[bool], w: list[float], c: float) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xa = np.asarray(x, dtype=float)
    mean = xa.mean(axis=0)
    scale = xa.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit((xa - mean) / scale, np.asarray(y), sample_weight=np.asarray(w))
    return {
        "weights": [round(float(v), 6) for v in lr.coef_[0]],
        "bias": round(float(lr.intercept_[0]), 6),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
    }


def stack(pages: Sequence[PageData], attr: str) -> list[Any]:
    out: list[Any] = []
    for p in pages:
        out.extend(getattr(p, attr))
    return out


S1 = columns(STAGE1_FEATURES)
S2 = columns(STAGE2_FEATURES)


def _x1(pages: Sequence[PageData]) -> list[list[float]]:
    return [row for p in pages for row in stage1_rows(S1, p.rows)]


def fit(pages: Sequence[PageData], c1: float = 1.0, c2: float = 1.0) -> dict[str, Any]:
    """Stage 1 on all lines; stage 2 on stage-1 scores that were predicted out of fold
    (grouped by site), so stage 2 learns from scores like those it will see on new pages."""
    sw = _sample_weight(pages)
    s1 = fit_linear(_x1(pages), stack(pages, "labels"), sw, c1)
    p1_oof: dict[str, list[float]] = {}
    for test in group_folds(pages, INNER_FOLDS):
        train = [p for p in pages if p.key not in test]
        inner = Linear.from_dict(fit_linear(_x1(train), stack(train, "labels"), _sample_weight(train), c1))
        for p in pages:
            if p.key in test:
                p1_oof[p.key] = [sigmoid(inner.logit(r)) for r in stage1_rows(S1, p.rows)]
    x2: list[list[float]] = []
    for p in pages:
        x2.extend(stage2_rows(p1_oof[p.key], p.weights, p.rows, S2))
    s2 = fit_linear(x2, stack(pages, "labels"), sw, c2)
    return {
        "stage1": s1,
        "stage2": s2,
        "stage1_features": list(STAGE1_FEATURES),
        "stage2_features": list(STAGE2_FEATURES),
        "features": list(NAMES),
        "stage2_windows": list(STAGE2_WINDOWS),
    }


def group_folds(pages: Sequence[PageData], k: int, seed: int = 0) -> list[set[str]]:
    """Sites dealt round-robin into k folds (a site's pages all in one): in sorted order for seed
    0, else in the order of a seeded hash (deterministic, so each assignment is repeatable)."""
    import hashlib

    groups = sorted({p.domain for p in pages})
    if seed:
        groups.sort(key=lambda g: hashlib.sha1(f"{seed}:{g}".encode()).hexdigest())
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [{p.key for p in pages if fold_of[p.domain] == f} for f in range(k)]


def predict(params: dict[str, Any], pages: Sequence[PageData]) -> dict[str, list[float]]:
    model = build(params)
    return {p.key: score(model, p.rows, p.weights) for p in pages}


def training_commit() -> str:
    """The last commit that changed the training code, with "-dirty" if it has uncommitted changes."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    paths = [*TRAINING_CODE, ":(exclude)cleaner/content/weights.json"]
    commit = git("log", "-1", "--format=%h", "--", *paths) or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--", *paths) else "")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--out", type=Path, default=ROOT / "cleaner" / "content" / "weights.json")
    a = ap.parse_args(argv)

    pages = load_pages(TRAIN_SETS, a.bench)
    print(f"{len(pages)} pages, {sum(len(p.texts) for p in pages)} lines, {len(NAMES)} features")
    params = fit(pages)
    params["trained_on"] = {
        "sets": {name: sum(p.set == name for p in pages) for name in TRAIN_SETS},
        "lines": sum(len(p.texts) for p in pages),
        "commit": training_commit(),
        "command": "make train (" + shlex.join(["python", "bench/train_content.py"]) + ")",
    }
    a.out.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
