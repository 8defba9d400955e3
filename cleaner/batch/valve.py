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
    # No text has more words than characters, and the share removed grows with the input's words:
    # the input (the longer text, so the costlier count) is counted only when, with as many words
    # as characters, the share could exceed the valve. The words of the output's head are a lower
    # bound of its words (no word crosses a line): when they are enough, the rest is not counted.
    head = _head(cleaned, (1 - config.max_removal) * (len(text) + 1))
    if head is not None and 1 - word_count(head) / (len(text) + 1) <= config.max_removal:
        return Outcome(cleaned, removed, notes, refused=False)
    words_out = word_count(cleaned)
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


# Characters of the output's head counted first, per word the valve needs: words are seldom longer
# than that, so the head mostly holds enough of them (where it does not, the whole output is counted).
_CHARS_PER_WORD = 12


def _head(text: str, words: float) -> str | None:
    """The lines of `text` that should hold `words` words; None where that is most of the text
    (counting it all is as cheap)."""
    if not words < len(text) / _CHARS_PER_WORD / 2:  # (NaN too)
        return None
    end = text.find("\n", max(int(words * _CHARS_PER_WORD), 1_000))
    if end < 0 or end > len(text) // 2:
        return None
    return text[: end + 1]
