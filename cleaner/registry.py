"""The one list of rules: order, lookup, selection and listing all come from here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from cleaner.document import Rule

if TYPE_CHECKING:
    BUILTIN: tuple[Rule, ...]
    """Every built-in rule, in the order they run (built on first use, see `_builtin`)."""


def _builtin() -> tuple[Rule, ...]:
    # The rule modules compile their patterns when imported (about a tenth of a second), so they
    # are imported on first use of BUILTIN: `cleaner --help` and `import cleaner` do not pay for it.
    from cleaner.rules import (
        attribution,
        comments,
        content,
        credits,
        head,
        markers,
        navigation,
        prompts,
        share,
        tail,
        whitespace,
    )

    # Order matters: inline markers go first so lines they empty are gone before line rules look;
    # content detection looks at what the phrase rules left (and where a comment section opened);
    # head rules judge lines by their place above the headline, so they run on what content
    # detection kept (before it, a second pass over their output would find new heads: not
    # idempotent); the tail cut reads what the line and block rules found; whitespace shapes the
    # result last.
    from cleaner.rules.notes import NOTES

    rules = (
        *markers.RULES,
        *comments.RULES,
        *navigation.RULES,
        *attribution.RULES,
        *share.RULES,
        *credits.RULES,
        *prompts.RULES,
        *content.RULES,
        *head.RULES,
        *tail.RULES,
        *whitespace.RULES,
    )
    return tuple(replace(r, rationale=NOTES[r.id][0], misfires=NOTES[r.id][1]) if r.id in NOTES else r for r in rules)


class UnknownRuleError(ValueError):
    pass


def _matches(rule: Rule, selector: str) -> bool:
    """A selector names a rule by id (AD001), id prefix (AD), name (ads.shortcode) or family (ads)."""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    return rule.id.upper().startswith(s.upper()) or rule.name == s or rule.family == s


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule] | None = None) -> None:
    rules = _rules() if rules is None else rules
    unknown = [s for s in selectors if not any(_matches(r, s) for r in rules)]
    if unknown:
        raise UnknownRuleError(f"unknown rule selector(s): {', '.join(unknown)} (see `cleaner rules`)")


def select(
    rules: Sequence[Rule],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """Rules in registry order, filtered: `select` (if given) keeps, then `ignore` drops."""
    check_selectors([*select, *ignore], rules)
    chosen = [r for r in rules if not select or any(_matches(r, s) for s in select)]
    return tuple(r for r in chosen if not any(_matches(r, s) for s in ignore))


def by_id(rule_id: str, rules: Sequence[Rule] | None = None) -> Rule:
    rules = _rules() if rules is None else rules
    for r in rules:
        if r.id == rule_id:
            return r
    raise UnknownRuleError(f"unknown rule id: {rule_id}")


def _rules() -> tuple[Rule, ...]:
    rules: tuple[Rule, ...] = __getattr__("BUILTIN")
    return rules


def __getattr__(name: str) -> tuple[Rule, ...]:
    """`registry.BUILTIN`, built once, on first use."""
    if name != "BUILTIN":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals().get("BUILTIN")
    if value is None:
        value = globals()["BUILTIN"] = _builtin()
    return value
