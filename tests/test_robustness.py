"""Damaged and unusual captures: cleaning never raises and stays idempotent.

Each dev page is mutated the way real captures go wrong (odd Unicode and control characters
spliced in, lines repeated, dropped, swapped or cut short), from a fixed seed so that a failure
names a case that can be replayed.
"""

from __future__ import annotations

import random

import pytest
from material import dev_files, needs_bench

from cleaner import Config, Mode, clean_text

pytestmark = needs_bench

RAW = dev_files("raw")

ODD = [
    "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u0130", "\u017f",
    "ß", "ǅ", "\U0001f600", "\u0301", "\t", "\r", "\r\n", " ", "ﬁ", "Ⅻ", "١٢٣", "مرحبا بالعالم", "שלום",
    "...", ":", "|", "[ad_1]", "—", "»", "\\", "(", "[", "*", "?",
]  # fmt: skip


def mutate(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 30)):
        i = rnd.randrange(len(lines))
        r = rnd.random()
        if r < 0.3:
            pos = rnd.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rnd.choice(ODD) + lines[i][pos:]
        elif r < 0.5:
            lines.insert(i, rnd.choice(ODD) * rnd.randint(1, 5))
        elif r < 0.6 and len(lines) > 1:
            del lines[i]
        elif r < 0.7:
            lines[i] = lines[i] * rnd.randint(2, 20)
        elif r < 0.8:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = "".join(rnd.sample(lines[i], len(lines[i])))
    out = "\n".join(lines)
    return out[: rnd.randrange(len(out) + 1)] if rnd.random() < 0.1 else out


@pytest.mark.parametrize("mode", [Mode.DEFAULT, Mode.RECALL])
def test_mutated_pages_clean_without_error_and_idempotently(mode: Mode) -> None:
    assert len(RAW) >= 90
    config = Config(mode=mode)
    unstable = []
    for k, path in enumerate(RAW):
        rnd = random.Random(f"{mode.value}-{k}")
        text = mutate(path.read_text(encoding="utf-8"), rnd)
        once = clean_text(text, config)
        if clean_text(once, config) != once:
            unstable.append(path.name)
    assert not unstable, f"a second pass changed {len(unstable)} mutated page(s): {unstable[:5]}"
