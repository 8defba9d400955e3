"""The safety valve: cleaning that would remove too much of a text leaves it as it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cleaner import chunking
from cleaner.config import Config
from cleaner.pipeline import clean_and_count, cleaned_parts
from cleaner.text import WordTally, word_count


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
    refusal = _refusal(word_count(text), words_out, config, name)
    if refusal is not None:
        return Outcome(text, {}, [*notes, refusal], refused=True)
    return Outcome(cleaned, removed, notes, refused=False)


def clean_in_pieces(pieces: Iterable[str], config: Config, name: str, emit: Callable[[str], object]) -> Outcome:
    """clean_one for the text that `pieces` make one after another, never held whole (a huge JSONL
    record: cleaner.jsonl_big): it is cleaned chunk by chunk as clean_and_count cleans a large text,
    and the parts of the cleaned text go to `emit` as they are made. The outcome's text is empty;
    where it is refused, the text stays as it is and the parts count for nothing."""
    words_in, words_out = WordTally(), WordTally()

    def counted(pieces: Iterable[str]) -> Iterator[str]:
        for piece in pieces:
            words_in.add(piece)
            yield piece

    removed: Counter[str] = Counter()
    warnings: list[str] = []
    for part in cleaned_parts(chunking.chunks_of(counted(pieces)), config, removed, warnings):
        words_out.add(part)
        emit(part)
    notes = [f"{name}: {w}" for w in warnings]
    refusal = _refusal(words_in.total, words_out.total, config, name)
    if refusal is not None:
        return Outcome("", {}, [*notes, refusal], refused=True)
    return Outcome("", dict(sorted(removed.items())), notes, refused=False)


def _refusal(words_in: int, words_out: int, config: Config, name: str) -> str | None:
    """The warning of a text the valve leaves as it is: cleaning would remove more than
    config.max_removal of its words. None where it does not."""
    if words_in:
        share = 1 - words_out / words_in
        if share > config.max_removal:
            return (
                f"{name}: cleaning would remove {share:.0%} of its words "
                f"(more than --max-removal {config.max_removal:g}); left unchanged"
            )
    return None


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
