"""Syndication leftovers: links back to the source, not the reporting credits of the article."""

from __future__ import annotations

from cleaner.rules.builders import examples, line_rule

SOURCE_LINK = line_rule(
    "AT001",
    "attribution.source-link",
    "Syndication back-links: Source link, Read the original article, Originally published at ..., "
    "The post ... appeared first on ..., SOURCE: ..., Via: ..., republished from ....",
    [
        r"source(?: link| url)?(?:\s*:\s*\S+)?",
        r"(?:link to )?(?:the )?(?:original )?source(?: article)?",
        r"read the (?:original|full|complete) (?:article|story|post)(?: (?:here|on|at) .{1,80})?",
        r"(?:this (?:article|story|post) (?:was )?)?(?:originally|first) (?:published|posted|appeared) "
        r"(?:at|on|in|by) .{1,150}",
        r"the post .{1,200} appeared first on .{1,100}",
        r"(?:view|see) (?:the )?original (?:article|post|story)(?: .{1,60})?",
        r"quelle(?:link)?|lien source|enlace (?:a la )?fuente",
        # A source or via line under the article: "SOURCE: News agencies", "Via: The Verge", "H/T: ...".
        r"(?:sources?|via|h/t|hat tip|quelle|quellen|fuente|fuentes)\s*:\s*.{1,100}",
        r"(?:this (?:article|story|post) (?:is|was|has been) )?republished (?:from|with permission|here|under) .{1,200}",
    ],
    examples(
        ("Last paragraph.\n\nSource link\n", "Last paragraph.\n"),
        ("Text.\n\nOriginally published at example.com on May 2, 2021.\n", "Text.\n"),
        ("Text.\n\nSOURCE: News agencies\n", "Text.\n"),
        (
            "Text.\n\n— CNBC's Natasha Turak contributed to this report.\n",
            "Text.\n\n— CNBC's Natasha Turak contributed to this report.\n",
        ),
    ),
    opens_footer=True,
)

RULES = (SOURCE_LINK,)
