"""HTML quality benchmark: clean ../shared/bench/dev/html with `cleaner clean`, score against gold.

    python bench/quality_html.py [--mode default|precision|recall] [--keep OUT_DIR]

Runs the real command line over the 90 dev pages (one `<id>.html` -> `<id>.txt` each), scores the
outputs with the shared scorer (../shared/bench/score.py) and prints P, R, F1 and the share of
debris removed next to trafilatura's own figures on the same pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _material import BENCH as SHARED

PAGES = SHARED / "dev" / "html"

# From ../shared/bench/README.md (same 90 pages, same scorer).
ANCHORS = [
    ("trafilatura 2.3.1 extract (defaults)", 0.934, 0.994, 0.964),
    ("trafilatura, include_comments=False", 0.955, 0.994, 0.974),
    ("resiliparse 2.0.1, main content", 0.832, 0.992, 0.905),
]
TARGET_F1 = TARGET_R = 0.975


def run(mode: str, out: Path) -> float:
    cleaner = Path(sys.executable).with_name("cleaner")
    command = [str(cleaner), "clean", str(PAGES), "-o", str(out), "--glob", "*.html", "--html-mode", mode, "-q"]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def score(out: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        subprocess.run(
            [sys.executable, str(SHARED / "score.py"), str(out), "--quiet", "--json", str(summary)],
            check=True,
            capture_output=True,
        )
        data = json.loads(summary.read_text())
    split = data["splits"]["all"]
    return {key: float(split[key]) for key in ("precision", "recall", "f1", "debris_removed")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", default="default", choices=["default", "precision", "recall"])
    parser.add_argument("--keep", type=Path, help="keep the cleaned outputs in this folder")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"no dev pages at {PAGES}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "out"
        seconds = run(args.mode, out)
        figures = score(out)
    print(f"HTML quality on {PAGES.relative_to(SHARED.parent)} ({len(list(PAGES.glob('*.html')))} pages)")
    print(f"{'tool':<44} {'P':>6} {'R':>6} {'F1':>6}")
    for name, p, r, f1 in ANCHORS:
        print(f"{name:<44} {p:6.3f} {r:6.3f} {f1:6.3f}")
    ours = f"cleaner clean --html-mode {args.mode}"
    print(f"{ours:<44} {figures['precision']:6.3f} {figures['recall']:6.3f} {figures['f1']:6.3f}")
    print(f"debris removed {figures['debris_removed']:.3f}; {seconds:.1f} s for the run")
    met = figures["f1"] >= TARGET_F1 and figures["recall"] >= TARGET_R
    print(f"target F1 >= {TARGET_F1} and R >= {TARGET_R}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
