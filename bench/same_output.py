"""Check that a change leaves the cleaner's output byte-identical (a speed change must).

    python bench/same_output.py write REF.json     # with the reference code (e.g. main)
    python bench/same_output.py check REF.json     # with the changed code: exit 1 on any difference

Cleans every dev raw page, every dev gold text, every CleanEval dev raw page and every fixture (raw
and expected) in every mode, with and without keep_captions, and records each output's text and
removals.
"""

from __future__ import annotations

import hashlib
import json
import sys
from itertools import product
from pathlib import Path

from _material import BENCH, ROOT

from cleaner.config import Config, Mode
from cleaner.pipeline import clean_and_explain


def inputs() -> list[tuple[str, Path]]:
    """(key, path) of each input; keys of the news dev set and fixtures are `raw/x.txt`, `seeds/x.txt`."""
    dev = BENCH / "dev"
    found = sorted((dev / "raw").glob("*.txt")) + sorted((dev / "gold").glob("*.txt"))
    found += sorted((ROOT / "fixtures").rglob("*.txt"))
    keyed = [(str(p.relative_to(p.parents[1])), p) for p in found]
    cleaneval = sorted((BENCH / "cleaneval-dev" / "raw").glob("*.txt"))
    return keyed + [(str(p.relative_to(BENCH)), p) for p in cleaneval]


def outputs() -> dict[str, str]:
    out: dict[str, str] = {}
    paths = inputs()
    for mode, captions in product(Mode, (False, True)):
        config = Config(mode=mode, keep_captions=captions)
        for name, path in paths:
            result = clean_and_explain(path.read_text(encoding="utf-8"), config)
            record = result.text + "\0" + repr(result.removals)
            key = f"{mode.value}/{int(captions)}/{name}"
            out[key] = hashlib.sha256(record.encode("utf-8")).hexdigest()
    return out


def main(argv: list[str]) -> int:
    action, target = argv[1], Path(argv[2])
    got = outputs()
    if action == "write":
        target.write_text(json.dumps(got, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote {len(got)} outputs to {target}")
        return 0
    want = json.loads(target.read_text(encoding="utf-8"))
    differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    for key in differ:
        print("DIFFERS:", key)
    print(f"{len(got)} outputs, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
