"""A rule's documentation: what it removes, why, where it misfires, and its examples; for
`cleaner rule ID` (text) and docs/rules.md (Markdown, generated from the registry)."""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.document import Rule

DOC_HEADER = (
    "# Rules\n\n"
    "Generated from the rule registry by `cleaner rules --format markdown > docs/rules.md`; a test keeps "
    "this file in step with the code, so edit the rules (and `cleaner/rules/notes.py`), not this file. "
    "`cleaner rule ID` shows one rule in the terminal.\n\n"
    "Rules run in this order; select or ignore them by id, id prefix, name or family "
    "(`--select AD`, `--ignore comments`). Rules of kind `content` and some others are off in "
    "conservative mode, as each says.\n\n"
    "The order goes by stage, not by kind: the phrase rules (markers, lines and blocks found by "
    "pattern), then content detection, the head rules (which judge a line by its place above the "
    "headline), the tail cut and whitespace. Your own rules "
    "(`[[tool.cleaner.rules]]`) are phrase rules: each runs right after the built-in phrase rules of "
    "its kind, so a line rule of yours runs before content detection, which then judges the page "
    "around what it removed.\n"
)


def as_text(rule: Rule) -> str:
    """`cleaner rule ID`: the rule for a terminal."""
    out = [f"{rule.id}  {rule.name}  ({rule.kind.value}, {rule.stage.name.lower()} stage)", "", rule.description, ""]
    out += ["Why:", *_indented(rule.rationale or "(not documented: a rule from the configuration)"), ""]
    if rule.misfires:
        out.append("Known misfires:")
        for misfire in rule.misfires:
            out += _indented(misfire, "  - ")
        out.append("")
    if rule.params:
        out.append("Thresholds (set in [tool.cleaner.thresholds]):")
        out += [f"  {rule.id}.{name} = {value:g}" for name, value in rule.params.items()]
        out.append("")
    for k, example in enumerate(rule.examples, 1):
        out += [f"Example {k}, before:", *_block(example.raw), "after:", *_block(example.expected), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def as_markdown(rules: Iterable[Rule]) -> str:
    """docs/rules.md: every rule, in the order they run."""
    rules = list(rules)
    out = [DOC_HEADER, "| id | name | stage | kind | removes |", "| --- | --- | --- | --- | --- |"]
    out += [
        f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.stage.name.lower()} | {r.kind.value} | {_cell(r.description)} |"
        for r in rules
    ]
    for r in rules:
        out += [
            "",
            f"## {r.id}",
            "",
            f"`{r.name}`, kind `{r.kind.value}`, {r.stage.name.lower()} stage. {_md(r.description)}",
            "",
        ]
        out += [f"**Why.** {_md(r.rationale)}", ""]
        if r.misfires:
            out += ["**Known misfires.**", "", *(f"- {_md(m)}" for m in r.misfires), ""]
        if r.params:
            params = ", ".join(f"`{r.id}.{name} = {value:g}`" for name, value in r.params.items())
            out += [f"**Thresholds** (`[tool.cleaner.thresholds]`): {params}.", ""]
        for k, example in enumerate(r.examples, 1):
            out += [f"Example {k}:", "", "```text", example.raw.rstrip("\n"), "```", "", "becomes", ""]
            out += ["```text", example.expected.rstrip("\n") or "(nothing)", "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _indented(text: str, first: str = "  ") -> list[str]:
    import textwrap

    return textwrap.wrap(text, 96, initial_indent=first, subsequent_indent=" " * len(first)) or [first]


def _block(text: str) -> list[str]:
    lines = text.rstrip("\n").split("\n") if text.strip() else ["(nothing)"]
    return [f"  | {line}".rstrip() for line in lines]


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


def _md(text: str) -> str:
    """Prose for Markdown: a quoted tag such as <noscript> is text, not HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;")
