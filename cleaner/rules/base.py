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


# Constructs whose meaning changes when a pattern meant for one line is searched over the whole
# text (string anchors, lookarounds, possessive and atomic groups, conditionals, flags turned off):
# such a pattern gets no whole-text prefilter, since the prefilter must find a match whenever some
# line has one. `^` and `$` are fine: the prefilter is MULTILINE.
_LINE_BOUND = regex.compile(r"\\[AZzG]|\(\?(?:<?[=!]|>|\(|[a-zA-Z]*-)|[*+?}]\+")


def whole_text_search(pattern: str, flags: int = FLAGS) -> Callable[[str], object] | None:
    """A prefilter for a rule whose every match lies inside one line: `pattern` searched over the
    whole text (a match inside a line is a match in the text). None where that does not hold."""
    if _LINE_BOUND.search(pattern):
        return None
    search: Callable[[str], object] = regex.compile(pattern, flags | regex.MULTILINE).search
    return search


def line_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
) -> Rule:
    """A rule that removes a whole line when its label matches one of `patterns` entirely."""
    fullmatch = regex.compile(alternation(patterns) + r"[\s.:!…]*", FLAGS).fullmatch
    matches_empty = fullmatch("") is not None

    def apply(doc: Document, rule: Rule) -> None:
        # The loop of `iter_content` and `label_of`, inlined: it runs for every line of every page.
        for i, line in enumerate(doc.lines):
            if line.removed_by is not None:
                continue
            text = line.text
            label = text.strip(_DECORATION)
            if (label or matches_empty) and text and not text.isspace() and fullmatch(label):
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
    source = alternation(patterns)
    compiled = regex.compile(source, FLAGS)

    def apply(doc: Document, rule: Rule) -> None:
        for i, line in doc.iter_content():
            if not compiled.search(line.text):
                continue
            found = [m.group(0) for m in compiled.finditer(line.text)]
            new = compiled.sub("", line.text)
            new = _SPACE_RUN.sub(" ", new) if new.strip() else ""
            doc.edit(i, new, " ".join(f.strip() for f in found), rule)

    return Rule(id, name, Kind.INLINE, description, examples, apply, prefilter=whole_text_search(source))


_SPACE_RUN = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def rule(
    id: str,
    name: str,
    kind: Kind,
    description: str,
    examples: tuple[Example, ...],
    params: Mapping[str, float] | None = None,
    prefilter: str | None = None,
) -> Callable[[Apply], Rule]:
    """Decorator for a rule whose logic needs more than a pattern; `params` are its tunable thresholds.
    `prefilter`, a pattern searched over the whole text, lets the pipeline skip the rule on pages
    where it finds nothing: it must match somewhere whenever the rule could act (see Rule.prefilter)."""
    search = None if prefilter is None else regex.compile(prefilter, FLAGS | regex.MULTILINE).search

    def wrap(fn: Apply) -> Rule:
        return Rule(id, name, kind, description, examples, fn, dict(params or {}), search)

    return wrap
