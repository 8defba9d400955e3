"""Runs the selected rules over a text and renders the result."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cleaner import registry
from cleaner.config import Config
from cleaner.model import Document, Removal, Rule


@dataclass(frozen=True)
class Explanation:
    text: str
    removals: tuple[Removal, ...]


@lru_cache(maxsize=64)
def _active(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    return registry.select(registry.BUILTIN, select, ignore)


def active_rules(config: Config) -> tuple[Rule, ...]:
    return _active(tuple(config.select), tuple(config.ignore))


def render(doc: Document) -> str:
    text = "\n".join(line.text for line in doc.lines if line.kept)
    if not text.strip():
        return ""
    return text.rstrip("\n") + "\n"


def clean_and_explain(text: str, config: Config | None = None) -> Explanation:
    """Clean `text` and say what was removed: each removal names its rule and input line(s)."""
    cfg = config or Config()
    doc = Document.from_text(text, cfg)
    for rule in active_rules(cfg):
        if rule.prefilter is not None and not rule.prefilter(doc.text()):
            continue  # nothing on this page the rule could act on
        rule.apply(doc, rule)
    return Explanation(render(doc), tuple(sorted(doc.removals, key=lambda r: (r.first_line, r.last_line))))


def clean_text(text: str, config: Config | None = None) -> str:
    """Return `text` without scraper debris."""
    return clean_and_explain(text, config).text
