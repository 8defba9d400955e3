"""The ASCII fast path of the content features gives exactly what the patterns give."""

from __future__ import annotations

from pathlib import Path

from cleaner.content import features

ROOT = Path(__file__).resolve().parent.parent
EDGE_CASES = [
    "Read more",
    "read MORE  ",
    "xmore",
    "a less",
    "_less",
    "1more",
    "...",
    "Wait...\t",
    "End.\x1c",
    "End.\x1f",
    "End)\x0b",
    " ) ",
    "(3)",
    "a|b/c\\d@e#f+g=h_i<j>k~l^m*n[o]p{q}",
    "x,y;z",
    "Hi! There? Yes.",
    "a.\n",
    "a.\nb",
    "  ",
    "A.B. C.D.",
    'He said "no"',
]


def _lines() -> list[str]:
    folders = [ROOT / "fixtures"]
    for parent in ROOT.parents:  # the dev pages, where ../shared is at hand
        if (parent / "shared" / "bench" / "dev").is_dir():
            folders += [parent / "shared" / "bench" / "dev" / "raw", parent / "shared" / "bench" / "dev" / "gold"]
            break
    found = {
        ln for folder in folders for p in folder.rglob("*.txt") for ln in p.read_text(encoding="utf-8").split("\n")
    }
    return sorted(found | set(EDGE_CASES))


def test_ascii_measures_agree_with_the_patterns() -> None:
    checked = 0
    for line in _lines():
        if line and line.isascii():
            assert features._ascii_measures(line) == features._measures(line), repr(line)
            checked += 1
    assert checked > len(EDGE_CASES)
