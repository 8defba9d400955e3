"""Train the content-detection line model on the dev pages and write cleaner/content/weights.json.

Needs scikit-learn, which the package itself does not: run it in a venv of its own,

    python3 -m venv bench/.work/venv
    bench/.work/venv/bin/pip install scikit-learn regex justext
    bench/.work/venv/bin/python bench/train_content.py            # grouped CV report, then fit on all and write
    bench/.work/venv/bin/python bench/train_content.py --cv-only  # only the report
    bench/.work/venv/bin/python bench/train_content.py --cv-only --repeats 3  # averaged over 3 fold assignments

Labels: a line the pipeline still holds when content detection starts is article if its text
appears in the page's gold text (whitespace removed, matched in order; short lines must follow
the previous match directly, so a menu item that happens to occur in the article is not taken).
Cross-validation is grouped by site (domain in meta.json), so a site's pages are never both in
training and in test: the estimate is for sites the model has not seen. It also runs grouped by
page (a site's other pages may be in training): the estimate for new pages of known sites.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# In CI the repo is a fresh clone with shared/ beside it; a git worktree sits deeper, so look upwards.
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared" / "bench").is_dir()), ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from cleaner.config import Config  # noqa: E402
from cleaner.content import view  # noqa: E402
from cleaner.content.features import NAMES, page_features  # noqa: E402
from cleaner.content.model import (  # noqa: E402
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
from cleaner.content.select import Selection, decide, titled_tables  # noqa: E402
from cleaner.model import Document, Kind  # noqa: E402
from cleaner.registry import BUILTIN  # noqa: E402

_SPACE = regex.compile(r"\s+")
_TOKEN = regex.compile(r"\w+")


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


def before_content(raw: str, config: Config) -> Document:
    """The document as the line model (CD001) sees it: the rules before it have run."""
    doc = Document.from_text(raw, config)
    for rule in BUILTIN:
        if rule.id == "CD001" or rule.kind in (Kind.TAIL, Kind.WHITESPACE):
            break
        rule.apply(doc, rule)
    return doc


@dataclass
class PageData:
    pid: str
    domain: str
    texts: list[str]
    barrier: list[bool]
    rows: list[list[float]]
    labels: list[bool]
    weights: list[float]
    gold: str
    raw: str


def mass_weights(texts: Sequence[str]) -> list[float]:
    return [float(len(t)) for t in texts]


def load_pages(data: Path) -> list[PageData]:
    meta = json.loads((data / "meta.json").read_text())
    pages = []
    for pid in sorted(meta):
        raw = (data / "raw" / f"{pid}.txt").read_text(encoding="utf-8")
        gold = (data / "gold" / f"{pid}.txt").read_text(encoding="utf-8")
        v = view(before_content(raw, Config()))
        page = page_features(v.texts, v.barrier)
        pages.append(
            PageData(
                pid,
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


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "bench" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


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


def fit(pages: Sequence[PageData], c1: float, c2: float, folds: int = 4) -> dict[str, Any]:
    """Stage 1 on all lines; stage 2 on stage-1 scores that were predicted out of fold
    (grouped by site), so stage 2 learns from scores like those it will see on new pages."""
    sw = _sample_weight(pages)
    s1 = fit_linear(_x1(pages), stack(pages, "labels"), sw, c1)
    p1_oof: dict[str, list[float]] = {}
    for test in _group_folds(pages, folds):
        train = [p for p in pages if p.pid not in test]
        inner = Linear.from_dict(fit_linear(_x1(train), stack(train, "labels"), _sample_weight(train), c1))
        for p in pages:
            if p.pid in test:
                p1_oof[p.pid] = [sigmoid(inner.logit(r)) for r in stage1_rows(S1, p.rows)]
    x2: list[list[float]] = []
    for p in pages:
        x2.extend(stage2_rows(p1_oof[p.pid], p.weights, p.rows, S2))
    s2 = fit_linear(x2, stack(pages, "labels"), sw, c2)
    return {
        "stage1": s1,
        "stage2": s2,
        "stage1_features": list(STAGE1_FEATURES),
        "stage2_features": list(STAGE2_FEATURES),
    }


def _group_folds(pages: Sequence[PageData], k: int, by: str = "domain", seed: int = 0) -> list[set[str]]:
    """Groups (sites, or with by="pid" pages) dealt round-robin into k folds: in sorted order for
    seed 0, else in the order of a seeded hash (deterministic, so each assignment is repeatable)."""
    groups = sorted({getattr(p, by) for p in pages})
    if seed:
        groups.sort(key=lambda g: hashlib.sha1(f"{seed}:{g}".encode()).hexdigest())
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [{p.pid for p in pages if fold_of[getattr(p, by)] == f} for f in range(k)]


def predict(params: dict[str, Any], pages: Sequence[PageData]) -> dict[str, list[float]]:
    model = build(params)
    return {p.pid: score(model, p.rows, p.weights) for p in pages}


def evaluate(pages: Sequence[PageData], probs: dict[str, list[float]], sel: Selection) -> dict[str, float]:
    sc = _scorer()
    results = {}
    for p in pages:
        keep = decide(probs[p.pid], p.texts, p.weights, sel, p.barrier)
        out = "\n".join(t for t, k in zip(p.texts, keep, strict=True) if k)
        results[p.pid] = sc.score_page(p.gold, p.raw, out)
    agg = sc.aggregate(results)
    return {k: agg[k] for k in ("precision", "recall", "f1", "debris_removed")}


# Chosen on the grouped-CV scores: default keeps recall high (losing article text is the larger
# fault), precision trades some recall for cleaner output, recall keeps nearly everything.
SELECTIONS = {
    "precision": Selection(threshold=0.5, gap_threshold=0.1, max_gap=6, region_threshold=0.5, outside_threshold=0.97),
    "default": Selection(threshold=0.4, gap_threshold=0.1, max_gap=6, region_threshold=0.4, outside_threshold=0.97),
    "recall": Selection(threshold=0.2, gap_threshold=0.05, max_gap=6),
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=SHARED / "bench" / "dev")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c1", type=float, default=1.0)
    ap.add_argument("--c2", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=1, help="fold assignments to average over")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "cleaner" / "content" / "weights.json")
    a = ap.parse_args(argv)

    pages = load_pages(a.data)
    print(f"{len(pages)} pages, {sum(len(p.texts) for p in pages)} lines, {len(NAMES)} features")
    for by, label in (("domain", "CV by site"), ("pid", "CV by page")):
        totals: dict[str, dict[str, float]] = {}
        for seed in range(a.repeats):
            oof: dict[str, list[float]] = {}
            for test in _group_folds(pages, a.folds, by, seed):
                params = fit([p for p in pages if p.pid not in test], a.c1, a.c2)
                oof.update(predict(params, [p for p in pages if p.pid in test]))
            for mode, sel in SELECTIONS.items():
                for k, v in evaluate(pages, oof, sel).items():
                    totals.setdefault(mode, {})[k] = totals.get(mode, {}).get(k, 0.0) + v / a.repeats
        for mode, means in totals.items():
            print(f"{label} {mode:9s} " + " ".join(f"{k}={v:.4f}" for k, v in means.items()))
    if a.cv_only:
        return 0
    params = fit(pages, a.c1, a.c2)
    full = predict(params, pages)
    for mode, sel in SELECTIONS.items():
        print(f"in-sample  {mode:9s} " + " ".join(f"{k}={v:.4f}" for k, v in evaluate(pages, full, sel).items()))
    params["features"] = list(NAMES)
    params["stage2_windows"] = list(STAGE2_WINDOWS)
    params["thresholds"] = {m: vars(s) for m, s in SELECTIONS.items()}
    a.out.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
