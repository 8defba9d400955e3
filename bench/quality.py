"""Quality benchmark: clean the dev pages, score them against gold, print the figures beside the anchors.

    python bench/quality.py                 # every part, modes default and conservative
    python bench/quality.py --modes default,precision,recall,conservative --parts raw
    python bench/quality.py --json out.json # also write the scores

Each part is one input form of the dev pages (`raw` text captures now; an `html` part can be
added to PARTS once HTML input exists). Cleaning runs in-process through the library API, into a
temporary folder, and ../shared/bench/score.py scores it (its per-page macro averages).
The anchor rows come from the table in ../shared/bench/README.md, so they stay as published.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# In CI the repo is a fresh clone with shared/ beside it; a git worktree sits deeper, so look upwards.
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared" / "bench").is_dir()), ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

from cleaner import Config, Mode, clean_text  # noqa: E402


@dataclass(frozen=True)
class Part:
    """One input form of the dev pages: a folder of inputs and how to clean one file of it."""

    name: str
    folder: str
    glob: str
    clean: Callable[[Path, Config], str]


def _clean_raw(path: Path, config: Config) -> str:
    return clean_text(path.read_text(encoding="utf-8"), config)


PARTS: dict[str, Part] = {
    "raw": Part("raw", "raw", "*.txt", _clean_raw),
}


def _scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {bench / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def anchors(readme: Path) -> list[tuple[str, str, dict[str, float]]]:
    """The rows of the README's tool table: (tool, input, {P, R, F1})."""
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("tool", "") or set(cells[2]) <= {"-"}:
            continue
        try:
            p, r, f = (float(c) for c in cells[2:])
        except ValueError:
            continue
        rows.append((cells[0], cells[1], {"P": p, "R": r, "F1": f}))
    return rows


def run_part(part: Part, mode: Mode, dev: Path, scorer: ModuleType) -> dict[str, Any]:
    config = Config(mode=mode)
    inputs = sorted((dev / part.folder).glob(part.glob))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cleaner-quality-") as tmp:
        out = Path(tmp)
        for path in inputs:
            (out / f"{path.stem}.txt").write_text(part.clean(path, config), encoding="utf-8")
        seconds = time.perf_counter() - start
        result: dict[str, Any] = scorer.score_dir(out, dev)
    summary = result["splits"]["all"]
    return {
        "part": part.name,
        "mode": mode.value,
        "pages": len(inputs),
        "seconds": round(seconds, 2),
        "P": summary["precision"],
        "R": summary["recall"],
        "F1": summary["f1"],
        "debris_removed": summary["debris_removed"],
        "frac_R95": summary["frac_R95"],
        "n_empty": summary["n_empty"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score cleaning of the dev pages against gold.")
    ap.add_argument("--bench", type=Path, default=SHARED / "bench", help="the shared bench folder")
    ap.add_argument("--modes", default="default,conservative", help="comma-separated modes")
    ap.add_argument("--parts", default=",".join(PARTS), help="comma-separated parts: " + ", ".join(PARTS))
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    a = ap.parse_args(argv)
    dev = a.bench / "dev"
    if not (dev / "gold").is_dir():
        print(f"no dev pages under {dev}", file=sys.stderr)
        return 2
    scorer = _scorer(a.bench)
    results = []
    print(f"{'run':34s} {'P':>6s} {'R':>6s} {'F1':>6s} {'debris':>7s} {'R>=.95':>7s} {'secs':>6s}")
    for part_name in a.parts.split(","):
        part = PARTS[part_name.strip()]
        for mode_name in a.modes.split(","):
            res = run_part(part, Mode(mode_name.strip()), dev, scorer)
            results.append(res)
            label = f"cleaner {res['mode']} ({part.name})"
            print(
                f"{label:34s} {res['P']:6.3f} {res['R']:6.3f} {res['F1']:6.3f} "
                f"{res['debris_removed']:7.3f} {res['frac_R95']:7.1%} {res['seconds']:6.1f}"
            )
    print("\nanchors (../shared/bench/README.md):")
    for tool, form, figs in anchors(a.bench / "README.md"):
        print(f"  {tool[:40]:40s} {form[:18]:18s} P={figs['P']:.3f} R={figs['R']:.3f} F1={figs['F1']:.3f}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
