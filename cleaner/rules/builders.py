"""Builders for the common rule shapes, so each family module holds only its data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import regex

from cleaner.document import Apply, Document, Example, Kind, Rule, Settles
from cleaner.rules.gates import DECORATION, GATES, LINE_TAIL
from cleaner.rules.patterns import FLAGS, alternation, cue_words, whole_text_pattern
from cleaner.text import is_prose


def first_prose(doc: Document) -> int | None:
    """The index of the story's first sentence: the first kept line that reads as running text.
    Above it, rules may take a line as page furniture that they leave alone below it."""
    return next((i for i, line in doc.iter_content() if is_prose(line.text)), None)


def examples(*pairs: tuple[str, str]) -> tuple[Example, ...]:
    return tuple(Example(raw, expected) for raw, expected in pairs)


def line_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
    opens_footer: bool = False,
    opens_comments: bool = False,
) -> Rule:
    """A rule that removes a whole line when its label matches one of `patterns` entirely.
    `opens_footer` and `opens_comments`: see Rule."""
    tail = LINE_TAIL
    source = alternation(patterns) + tail
    fullmatch = regex.compile(source, FLAGS).fullmatch
    matches_empty = fullmatch("") is not None
    gate = GATES.add(source, [f"(?:{p}){tail}" for p in patterns])

    def apply(doc: Document, rule: Rule) -> None:
        # Only the lines whose first characters can begin a match (see _LabelGates); the test on
        # each is the plain one: a kept, non-blank line whose label the pattern fullmatches.
        lines = doc.lines
        for i in GATES.candidates(doc, gate):
            line = lines[i]
            if line.removed_by is not None:
                continue
            text = line.text
            label = text.strip(DECORATION)
            if (label or matches_empty) and text and not text.isspace() and fullmatch(label):
                doc.remove(i, rule)

    return Rule(
        id,
        name,
        Kind.LINE,
        description,
        examples,
        apply,
        rerun_only_after_edits=True,
        opens_footer=opens_footer,
        opens_comments=opens_comments,
    )


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
    # Only lines holding the literal each pattern starts with can have a match; failing that, the
    # search over the whole text skips pages without a match and finds the lines with one.
    cues = cue_words(*patterns)
    whole = None if cues is not None else whole_text_pattern(source)

    def apply(doc: Document, rule: Rule) -> None:
        if cues is not None:
            indices: Iterable[int] = doc.lookup().lines_maybe_matching_ignorecase(cues)
        else:
            indices = range(len(doc.lines)) if whole is None else doc.lookup().lines_matching(whole)
        for i in indices:
            line = doc.lines[i]
            if not line.kept or line.blank or not compiled.search(line.text):
                continue
            found = [m.group(0) for m in compiled.finditer(line.text)]
            new = compiled.sub("", line.text)
            new = _SPACE_RUN.sub(" ", new) if new.strip() else ""
            doc.edit(i, new, " ".join(f.strip() for f in found), rule)

    # Each line is judged by its text alone, and the rule's own edits count as edits: it reruns only after one.
    return Rule(
        id,
        name,
        Kind.INLINE,
        description,
        examples,
        apply,
        prefilter=None if whole is None else whole.search,
        rerun_only_after_edits=True,
    )


_SPACE_RUN = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def rule(
    id: str,
    name: str,
    kind: Kind,
    description: str,
    examples: tuple[Example, ...],
    params: Mapping[str, float] | None = None,
    prefilter: str | None = None,
    rerun_only_after_edits: bool = False,
    recheck: bool = False,
    opens_footer: bool = False,
    settles: Settles | None = None,
) -> Callable[[Apply], Rule]:
    """Decorator for a rule whose logic needs more than a pattern; `params` are its tunable thresholds.
    `prefilter`, a pattern searched over the whole text, lets the pipeline skip the rule on pages
    where it finds nothing: it must match somewhere whenever the rule could act (see Rule.prefilter).
    `rerun_only_after_edits` says a second run finds nothing new while no line was edited (see Rule.rerun_only_after_edits); `recheck`
    that the rules before its family run again after it removed something (see Rule.recheck);
    `opens_footer` that a line it removes below the article opens the footer (see Rule.opens_footer);
    `settles` when a rerun on a pass's output provably changes nothing (see Rule.settles)."""
    search = None if prefilter is None else regex.compile(prefilter, FLAGS | regex.MULTILINE).search

    def wrap(fn: Apply) -> Rule:
        return Rule(
            id,
            name,
            kind,
            description,
            examples,
            fn,
            dict(params or {}),
            search,
            rerun_only_after_edits,
            recheck,
            settles,
            opens_footer=opens_footer,
        )

    return wrap
