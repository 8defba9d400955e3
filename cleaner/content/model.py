"""The learned line model: two small logistic regressions, pure Python, weights in JSON.

Stage 1 scores each line from its own and its neighbours' features; stage 2 rescores it from the
stage-1 scores around it (an article is a run of lines, so a line among article lines is likely
article too). Weights are trained by bench/train_content.py and shipped in weights.json.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, mul
from pathlib import Path
from typing import Any

from cleaner.content.features import NAMES, window_means
from cleaner.content.measures import OWN

WEIGHTS = Path(__file__).with_name("weights.json")
# Half-widths of the windows stage 2 averages stage-1 scores over.
STAGE2_WINDOWS = (1, 3, 8)


@dataclass(frozen=True)
class Linear:
    """A standardised logistic regression: sigmoid(sum(w * (x - mean) / scale) + bias)."""

    weights: tuple[float, ...]
    bias: float

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Linear:
        # Fold the standardisation into the weights once, so scoring is one dot product.
        w = [float(x) for x in d["weights"]]
        mean = [float(x) for x in d["mean"]]
        scale = [float(x) or 1.0 for x in d["scale"]]
        folded = tuple(wi / si for wi, si in zip(w, scale, strict=True))
        bias = float(d["bias"]) - sum(fi * mi for fi, mi in zip(folded, mean, strict=True))
        return cls(folded, bias)

    def logit(self, row: Sequence[float]) -> float:
        total: float = sum(map(mul, self.weights, row))
        return total + self.bias


# Stage 1 sees only what a line is (no neighbours, no position): the line's own measures, which
# OWN lists before the ones that depend on its place in the page (short_run, pos, pos_chars, barrier).
STAGE1_FEATURES = OWN[: OWN.index("short") + 1]
# Stage 2 adds where the line is: the stage-1 scores around it and these features.
STAGE2_FEATURES = ("short_run", "barrier", "pos", "after_colon")


@dataclass(frozen=True)
class LineModel:
    stage1: Linear
    stage2: Linear
    stage1_columns: tuple[int, ...]
    stage2_columns: tuple[int, ...]


def columns(names: Sequence[str]) -> tuple[int, ...]:
    return tuple(NAMES.index(n) for n in names)


def build(params: Mapping[str, Any]) -> LineModel:
    return LineModel(
        Linear.from_dict(params["stage1"]),
        Linear.from_dict(params["stage2"]),
        columns(params.get("stage1_features", STAGE1_FEATURES)),
        columns(params.get("stage2_features", STAGE2_FEATURES)),
    )


@lru_cache(maxsize=1)
def load(path: Path = WEIGHTS) -> LineModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("features") != list(NAMES):
        raise ValueError(f"{path} was trained on other features; re-run bench/train_content.py")
    return build(data)


_override: list[LineModel] = []


@contextmanager
def using(model: LineModel) -> Iterator[None]:
    """Within the block, content detection scores with `model` instead of the shipped one: the
    cross-validation (bench/quality.py) cleans each page with a model that never saw its site."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def current() -> LineModel:
    """The model content detection scores with: the shipped weights, unless `using` says otherwise."""
    return _override[-1] if _override else load()


def sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def stage1_rows(model_or_cols: LineModel | Sequence[int], rows: Sequence[Sequence[float]]) -> list[list[float]]:
    cols = model_or_cols.stage1_columns if isinstance(model_or_cols, LineModel) else model_or_cols
    return [[r[c] for c in cols] for r in rows]


def stage2_rows(
    p1: Sequence[float], weights: Sequence[float], rows: Sequence[Sequence[float]], cols: Sequence[int]
) -> list[list[float]]:
    """Stage-2 inputs: a line's stage-1 score, the mean scores around it, how much article-like
    text (score times length weight) lies before and after it, and the `cols` of its features."""
    n = len(p1)
    windows = [window_means(p1, h) for h in STAGE2_WINDOWS]
    mass = [p * w for p, w in zip(p1, weights, strict=True)]
    total = sum(mass) or 1.0
    # Scores relative to the page's best: on a page unlike the training pages (another language,
    # say) every stage-1 score may be low, and the article is still where the best scores are.
    top = max(p1, default=1.0) or 1.0
    # Per line, its window means and its `cols`, as tuples (unpacked at C speed, not by generators).
    means = list(zip(*windows, strict=True))
    pick = _picker(cols) if cols else lambda row: ()
    out = []
    before = 0.0
    for i in range(n):
        after = total - before - mass[i]
        out.append(
            [
                p1[i],
                *means[i],
                p1[i] / top,
                windows[1][i] / top,
                before / total,
                after / total,
                *pick(rows[i]),
            ]
        )
        before += mass[i]
    return out


def _picker(cols: Sequence[int]) -> Callable[[Sequence[float]], Sequence[float]]:
    if len(cols) == 1:  # itemgetter of one index gives the value, not a tuple
        return lambda row: (row[cols[0]],)
    return itemgetter(*cols)


def score(model: LineModel, rows: Sequence[Sequence[float]], weights: Sequence[float]) -> list[float]:
    """The probability that each line is article text."""
    # Stage 1 as Linear.logit on stage1_rows, without building a row per line: the same products
    # summed in the same order, so the same floats.
    weights1, bias1 = model.stage1.weights, model.stage1.bias
    pick = _picker(model.stage1_columns)
    p1 = [sigmoid(sum(map(mul, weights1, pick(r))) + bias1) for r in rows]
    return [sigmoid(model.stage2.logit(r)) for r in stage2_rows(p1, weights, rows, model.stage2_columns)]
