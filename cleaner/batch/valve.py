"""The safety valve: cleaning that would remove too much of a text leaves it as it is."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.config import Config
from cleaner.pipeline import clean_and_count
from cleaner.text import word_count


@dataclass(frozen=True)
class Outcome:
    """What cleaning one text gave, after the safety valve."""

    text: str
    removed: dict[str, int]
    warnings: list[str]
    refused: bool


def clean_one(text: str, config: Config, name: str) -> Outcome:
    """Clean `text`; if that would remove more than config.max_removal of its words, keep it as it is."""
    cleaned, removed, warnings = clean_and_count(text, config)
    notes = [f"{name}: {w}" for w in warnings]  # lines too long to judge
    words_out = word_count(cleaned)
    # No text has more words than characters, and the share removed grows with the input's words:
    # the input (the longer text, so the costlier count) is counted only when, with as many words
    # as characters, the share could exceed the valve.
    if 1 - words_out / (len(text) + 1) <= config.max_removal:
        return Outcome(cleaned, removed, notes, refused=False)
    words_in = word_count(text)
    if words_in:
        share = 1 - words_out / words_in
        if share > config.max_removal:
            warning = (
                f"{name}: cleaning would remove {share:.0%} of its words "
                f"(more than --max-removal {config.max_removal:g}); left unchanged"
            )
            return Outcome(text, {}, [*notes, warning], refused=True)
    return Outcome(cleaned, removed, notes, refused=False)
