"""Quality of the text path, judged as a user on unseen sites gets it: site-held-out cross-validation.

    make bench-quality                          # installs its venv (bench/.work/venv), runs this and the HTML part
    bench/.work/venv/bin/python bench/quality.py [--seeds 3] [--folds 5] [--modes default]
    bench/.work/venv/bin/python bench/quality.py --idempotence   # also: cleaning an output changes nothing

Both dev sets of ../shared/bench (`dev`: 90 news pages; `cleaneval-dev`: pages of every kind) are
pooled and their sites dealt into folds (grouped by `domain` of meta.json). For each fold a line
model is trained on the other folds' pages of the sets the shipped model learns from
(train_content.TRAIN_SETS, or --train-sets; same labels, same fitting as bench/train_content.py) and
every page of the fold is cleaned by the full `clean_text` pipeline with that model
(cleaner.content.model.using), as a user gets it: no page is scored by a model that saw its site.
Each fold assignment (seed) gives one figure per set; the table shows their mean and spread
(max - min): a gain smaller than the spread, or than about 0.007 F1, is noise.

Beside the CV figures: no cleaning (the raw capture as output) and the in-sample figures of a model
trained on all training pages (labelled as such: optimistic). Scores are ../shared/bench/score.py's (token
P/R/F1, macro over pages; `debris` is its debris_removed). Features are computed once per page;
each fold only fits and cleans.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from types import ModuleType
from typing import Any

from _material import BENCH
from train_content import SETS, TRAIN_SETS, PageData, build, fit, group_folds, load_pages

from cleaner import Config, Mode, clean_text
from cleaner.content.model import using

# What a set is called in the table, and its targets (issue 12): F1, recall, and the share of
# pages whose recall is under 0.5 at most.
LABELS = {"dev": "news (dev)", "cleaneval-dev": "CleanEval (cleaneval-dev)"}
TARGETS = {
    "dev": {"f1": 0.95, "recall": 0.975, "lost": 0.0},
    "cleaneval-dev": {"f1": 0.94, "recall": 0.96, "lost": 0.01},
}
LOST = 0.5  # a page whose recall is under this lost (most of) its content


def _scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {bench / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@dataclass
class Figures:
    """One run's scores of one set."""

    precision: float
    recall: float
    f1: float
    debris: float
    lost: int
    pages: int

    @property
    def lost_share(self) -> float:
        return self.lost / self.pages if self.pages else 0.0


def figures(scorer: ModuleType, page_scores: dict[str, dict[str, Any]]) -> Figures:
    agg = scorer.aggregate(page_scores)
    lost = sum(1 for s in page_scores.values() if s["recall"] < LOST)
    return Figures(agg["precision"], agg["recall"], agg["f1"], agg["debris_removed"], lost, len(page_scores))


def score_outputs(scorer: ModuleType, pages: Sequence[PageData], outputs: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {p.key: scorer.score_page(p.gold, p.raw, outputs[p.key]) for p in pages}


def by_set(pages: Sequence[PageData], scores: dict[str, dict[str, Any]], name: str) -> dict[str, dict[str, Any]]:
    return {p.key: scores[p.key] for p in pages if p.set == name}


def clean_all(pages: Sequence[PageData], config: Config) -> dict[str, str]:
    return {p.key: clean_text(p.raw, config) for p in pages}


def cross_validate(
    pages: Sequence[PageData], config: Config, folds: int, seed: int, train_sets: Sequence[str]
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Every page cleaned with a model trained on the other folds' sites (of `train_sets`); and the fold models."""
    outputs: dict[str, str] = {}
    models = []
    for test in group_folds(pages, folds, seed):
        params = fit([p for p in pages if p.key not in test and p.set in train_sets])
        models.append(params)
        with using(build(params)):
            outputs.update(clean_all([p for p in pages if p.key in test], config))
    return outputs, models


def _row(label: str, f: Figures) -> str:
    return (
        f"  {label:44s} {f.precision:6.3f} {f.recall:6.3f} {f.f1:6.3f} {f.debris:7.3f} {f.lost:5d} {f.lost_share:6.1%}"
    )


def _mean_figures(runs: Sequence[Figures]) -> Figures:
    return Figures(
        mean(r.precision for r in runs),
        mean(r.recall for r in runs),
        mean(r.f1 for r in runs),
        mean(r.debris for r in runs),
        round(mean(r.lost for r in runs)),
        runs[0].pages,
    )


def _spread(runs: Sequence[Figures], attr: str) -> float:
    values = [getattr(r, attr) for r in runs]
    return max(values) - min(values)


def report(
    name: str,
    mode: str,
    none: Figures,
    in_sample: Figures,
    runs: Sequence[Figures],
    recalls: dict[str, list[float]],
    pages: Sequence[PageData],
    worst: int,
) -> dict[str, Any]:
    cv = _mean_figures(runs)
    print(f"\n{LABELS.get(name, name)}: {cv.pages} pages, mode {mode}")
    print(f"  {'':44s} {'P':>6s} {'R':>6s} {'F1':>6s} {'debris':>7s} {'R<.5':>5s} {'share':>6s}")
    print(_row("no cleaning", none))
    print(_row("in-sample (model fitted on all training pages)", in_sample))
    print(_row(f"CV by site, mean of {len(runs)} fold assignments", cv))
    print(
        f"  {'  spread (max - min over assignments)':44s} {_spread(runs, 'precision'):6.3f} "
        f"{_spread(runs, 'recall'):6.3f} {_spread(runs, 'f1'):6.3f} {_spread(runs, 'debris'):7.3f} "
        f"{max(r.lost for r in runs) - min(r.lost for r in runs):5d}"
    )
    verdicts = {}
    target = TARGETS.get(name)
    if target:
        checks = [
            (f"F1 >= {target['f1']}", cv.f1 >= target["f1"]),
            (f"R >= {target['recall']}", cv.recall >= target["recall"]),
            (
                f"pages with R < {LOST}: at most {target['lost']:.0%}",
                all(r.lost_share <= target["lost"] for r in runs),
            ),
        ]
        for label, met in checks:
            verdicts[label] = met
        print("  targets (CV): " + "; ".join(f"{label} {'met' if met else 'NOT met'}" for label, met in checks))
    domain = {p.key: p.domain for p in pages}
    ranked = sorted((mean(rs), key) for key, rs in recalls.items())[:worst]
    print(
        "  worst pages by CV recall (mean over assignments): "
        + ", ".join(f"{k} ({domain[k]}) {r:.2f}" for r, k in ranked)
    )
    return {
        "set": name,
        "mode": mode,
        "none": vars(none),
        "in_sample": vars(in_sample),
        "cv_mean": vars(cv),
        "cv_runs": [vars(r) for r in runs],
        "targets": verdicts,
        "worst": [(k, r) for r, k in ranked],
    }


def idempotence(pages: Sequence[PageData]) -> list[str]:
    """The pages (and modes) where cleaning the shipped model's output again changes it."""
    changed = []
    for mode in Mode:
        config = Config(mode=mode)
        for p in pages:
            once = clean_text(p.raw, config)
            if clean_text(once, config) != once:
                changed.append(f"{mode.value}:{p.key}")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--bench", type=Path, default=BENCH, help="the shared bench folder")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated sets, pooled for training")
    ap.add_argument(
        "--train-sets", default=",".join(TRAIN_SETS), help="the sets the fold models learn from (default: as shipped)"
    )
    ap.add_argument("--seeds", type=int, default=3, help="fold assignments to average over")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--modes", default="default", help="comma-separated modes to score")
    ap.add_argument("--worst", type=int, default=8, help="worst pages by recall to list per set")
    ap.add_argument("--idempotence", action="store_true", help="also check that cleaning an output changes nothing")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument(
        "--per-page", type=Path, default=None, help="also write every page's CV scores (P, R, F1 per assignment) here"
    )
    a = ap.parse_args(argv)
    sets = [s.strip() for s in a.sets.split(",")]
    train_sets = [s.strip() for s in a.train_sets.split(",")]
    if not all((a.bench / s / "gold").is_dir() for s in sets):
        print(f"missing sets under {a.bench}: {sets}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    scorer = _scorer(a.bench)
    pages = load_pages(sets, a.bench)
    print(
        f"{len(pages)} pages from {len(sets)} sets, {len({p.domain for p in pages})} sites ({time.perf_counter() - start:.0f} s to read)"
    )
    none_scores = score_outputs(scorer, pages, {p.key: p.raw for p in pages})
    everything = build(fit([p for p in pages if p.set in train_sets]))
    results = []
    per_page: dict[str, dict[str, list[list[float | None]]]] = {}
    for mode_name in a.modes.split(","):
        config = Config(mode=Mode(mode_name.strip()))
        with using(everything):
            in_sample = score_outputs(scorer, pages, clean_all(pages, config))
        runs: dict[str, list[Figures]] = {s: [] for s in sets}
        recalls: dict[str, list[float]] = {p.key: [] for p in pages}
        page_runs: dict[str, list[list[float | None]]] = {p.key: [] for p in pages}
        for seed in range(a.seeds):
            outputs, _ = cross_validate(pages, config, a.folds, seed, train_sets)
            scores = score_outputs(scorer, pages, outputs)
            for key, s in scores.items():
                recalls[key].append(s["recall"])
                page_runs[key].append([None if s[m] is None else round(s[m], 4) for m in ("precision", "recall", "f1")])
            for s in sets:
                runs[s].append(figures(scorer, by_set(pages, scores, s)))
        for s in sets:
            results.append(
                report(
                    s,
                    config.mode,
                    figures(scorer, by_set(pages, none_scores, s)),
                    figures(scorer, by_set(pages, in_sample, s)),
                    runs[s],
                    {k: v for k, v in recalls.items() if k.startswith(f"{s}/")},
                    pages,
                    a.worst,
                )
            )
        per_page[config.mode] = page_runs
    if a.idempotence:
        changed = idempotence(pages)
        print(f"\nidempotence (shipped model, every mode, {len(pages)} pages): {len(changed)} changed {changed[:10]}")
    print(f"\n{time.perf_counter() - start:.0f} s")
    if a.json:
        a.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if a.per_page:
        a.per_page.write_text(json.dumps(per_page, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
