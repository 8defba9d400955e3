"""How many cleaning passes each dev page needs before a pass changes nothing (see _MAX_PASSES in
cleaner/pipeline.py, which must never be what stops cleaning).

    python bench/passes.py            # every page of dev/ and cleaneval-dev/ in every mode

Prints the largest count per set and mode, and every page that needs more than the limit allows.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import product

from _material import BENCH

from cleaner import pipeline
from cleaner.config import Config, Mode


def passes(text: str, config: Config) -> int:
    """Passes until the output is a fixed point, counted without the pipeline's limit (up to 50)."""
    calls = 0
    one_pass = pipeline._one_pass

    def counting(text: str, config: Config, settled: frozenset[str] = frozenset()) -> pipeline.Document:
        nonlocal calls
        calls += 1
        return one_pass(text, config, settled)

    limit, pipeline._MAX_PASSES = pipeline._MAX_PASSES, 50
    pipeline._one_pass = counting  # type: ignore[assignment]
    try:
        out = pipeline.clean_text(text, config)
    finally:
        pipeline._one_pass, pipeline._MAX_PASSES = one_pass, limit
    # The last pass found the fixed point (or nothing was removed at all); a clean of the output
    # must then change nothing.
    assert pipeline.clean_text(out, config) == out, "not a fixed point"
    return calls


def main() -> int:
    worst = 0
    over = []
    for name, (mode, captions) in product(("dev", "cleaneval-dev"), product(Mode, (False, True))):
        config = Config(mode=mode, keep_captions=captions)
        counts: Counter[int] = Counter()
        for path in sorted((BENCH / name / "raw").glob("*.txt")):
            n = passes(path.read_text(encoding="utf-8"), config)
            counts[n] += 1
            if n > pipeline._MAX_PASSES:
                over.append(f"{name}/{path.name} {mode.value} captions={captions}: {n} passes")
        worst = max(worst, max(counts))
        print(f"{name:14} {mode.value:12} captions={captions!s:5}  passes: {dict(sorted(counts.items()))}", flush=True)
    print(f"largest: {worst} passes (limit {pipeline._MAX_PASSES})")
    for line in over:
        print("OVER THE LIMIT:", line)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
