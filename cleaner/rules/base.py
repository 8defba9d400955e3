"""Builders for the common rule shapes, so each family module holds only its data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import regex

from cleaner.model import Apply, Document, Example, Kind, Rule

FLAGS = regex.IGNORECASE | regex.UNICODE

# Bullets, pipes and dashes that menus and share bars put around a label; a line is
# matched against its words without them.
_DECORATION = " \t\u00a0\u200b\ufeff•·|>»«›‹*-–—~=#:"


def label_of(text: str) -> str:
    """The line's text without surrounding decoration, for matching whole-line labels."""
    return text.strip(_DECORATION)


def alternation(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


def examples(*pairs: tuple[str, str]) -> tuple[Example, ...]:
    return tuple(Example(raw, expected) for raw, expected in pairs)


def line_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
) -> Rule:
    """A rule that removes a whole line when its label matches one of `patterns` entirely."""
    compiled = regex.compile(alternation(patterns) + r"[\s.:!…]*", FLAGS)

    def apply(doc: Document, rule: Rule) -> None:
        for i, line in doc.iter_content():
            if compiled.fullmatch(label_of(line.text)):
                doc.remove(i, rule)

    return Rule(id, name, Kind.LINE, description, examples, apply)


def inline_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
) -> Rule:
    """A rule that strips markers inside lines; a line left empty is removed."""
    compiled = regex.compile(alternation(patterns), FLAGS)

    def apply(doc: Document, rule: Rule) -> None:
        for i, line in doc.iter_content():
            if not compiled.search(line.text):
                continue
            found = [m.group(0) for m in compiled.finditer(line.text)]
            new = compiled.sub("", line.text)
            new = regex.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", new) if new.strip() else ""
            doc.edit(i, new, " ".join(f.strip() for f in found), rule)

    return Rule(id, name, Kind.INLINE, description, examples, apply)


def rule(
    id: str,
    name: str,
    kind: Kind,
    description: str,
    examples: tuple[Example, ...],
    params: Mapping[str, float] | None = None,
) -> Callable[[Apply], Rule]:
    """Decorator for a rule whose logic needs more than a pattern; `params` are its tunable thresholds."""

    def wrap(fn: Apply) -> Rule:
        return Rule(id, name, kind, description, examples, fn, dict(params or {}))

    return wrap
