"""The one list of rules: order, lookup, selection and listing all come from here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from cleaner.config import Config, UserRule, UserRuleKind
from cleaner.document import Rule, Stage
from cleaner.rules.builders import inline_rule, line_rule

if TYPE_CHECKING:
    BUILTIN: tuple[Rule, ...]
    """Every built-in rule, in the order they run (built on first use, see `_builtin`)."""


def _builtin() -> tuple[Rule, ...]:
    # The rule modules compile their patterns when imported (about a tenth of a second), so they
    # are imported on first use of BUILTIN: `cleaner --help` and `import cleaner` do not pay for it.
    from cleaner.rules import (
        ads,
        attribution,
        captions,
        comments,
        content,
        credits,
        head,
        navigation,
        prompts,
        share,
        stamps,
        tail,
        whitespace,
    )
    from cleaner.rules.notes import NOTES

    # Each family and its stage. Rules run stage by stage (see Stage), and within a stage in the
    # order of this table. Within the phrase stage, inline markers go first so lines they empty are
    # gone before line rules look; content detection looks at what the phrase rules left (and where
    # a comment section opened); captions inside the article and time stamps above it go after it
    # (cleaner.rules.captions, cleaner.rules.stamps);
    # head rules judge lines by their place above the headline, so they run on what content
    # detection kept (before it, a second pass over their output would find new heads: not
    # idempotent); the tail cut reads what the line and block rules found; whitespace shapes the
    # result last.
    families = (
        (ads, Stage.PHRASE),
        (comments, Stage.PHRASE),
        (navigation, Stage.PHRASE),
        (attribution, Stage.PHRASE),
        (share, Stage.PHRASE),
        (credits, Stage.PHRASE),
        (prompts, Stage.PHRASE),
        (content, Stage.CONTENT),
        (captions, Stage.ARTICLE),
        (stamps, Stage.ARTICLE),
        (head, Stage.HEAD),
        (tail, Stage.TAIL),
        (whitespace, Stage.WHITESPACE),
    )
    rules = [replace(r, stage=stage) for module, stage in families for r in module.RULES]
    rules = [replace(r, rationale=NOTES[r.id][0], misfires=NOTES[r.id][1]) if r.id in NOTES else r for r in rules]
    return tuple(sorted(rules, key=attrgetter("stage")))  # stable: the table's order within a stage


def _build(user: UserRule) -> Rule:
    builder = line_rule if user.kind is UserRuleKind.LINE else inline_rule
    built = builder(user.id, user.name, user.description or f"User {user.kind} rule.", user.patterns, ())
    return replace(built, stage=Stage.PHRASE)


@lru_cache(maxsize=64)
def _with_user_rules(user_rules: tuple[UserRule, ...]) -> tuple[Rule, ...]:
    """The built-in rules with each user rule, a phrase rule, right after the last built-in rule of
    its kind in the phrase stage: user line rules run before content detection, which judges the
    page around what they removed, as it does around the built-in phrase rules' removals."""
    rules = list(_rules())
    for user in user_rules:
        built = _build(user)
        same = [i for i, r in enumerate(rules) if r.stage is built.stage and r.kind is built.kind]
        stage_end = [i for i, r in enumerate(rules) if r.stage <= built.stage]
        rules.insert((same or stage_end or [-1])[-1] + 1, built)
    return tuple(rules)


def all_rules(config: Config) -> tuple[Rule, ...]:
    """Every rule a run with `config` knows, in the order they run: built-in and user rules."""
    return _with_user_rules(tuple(config.rules))


@lru_cache(maxsize=64)
def _active(chosen: tuple[str, ...], ignored: tuple[str, ...], user_rules: tuple[UserRule, ...]) -> tuple[Rule, ...]:
    return select(_with_user_rules(user_rules), chosen, ignored)


def active_rules(config: Config) -> tuple[Rule, ...]:
    """The rules a run with `config` applies, in order: `all_rules` less what --select/--ignore leave out."""
    return _active(tuple(config.select), tuple(config.ignore), tuple(config.rules))


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
