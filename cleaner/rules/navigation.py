"""Site navigation that leaks into captures: previous/next teasers, related lists, jump links."""

from __future__ import annotations

import regex

from cleaner.model import Document, Kind, Rule
from cleaner.rules.base import FLAGS, examples, label_of, line_rule, rule
from cleaner.text import is_headline_like, is_lowercase_fragment

_PREV_NEXT = regex.compile(
    r"(?:[«‹<←]\s*)?(?:previous|prev|next|older|newer|earlier|later)\s+"
    r"(?:article|post|story|entry|item|news|page|read)s?(?:\s*[»›>→])?"
    r"|vorheriger (?:artikel|beitrag)|nächster (?:artikel|beitrag)"
    r"|article (?:précédent|suivant)|(?:artículo|entrada|noticia) (?:anterior|siguiente)"
    r"|(?:siguiente|anterior) (?:artículo|entrada|noticia)",
    FLAGS,
)
_PREV_NEXT_LINE = regex.compile(rf"(?:{_PREV_NEXT.pattern})\s*[:.]?", FLAGS)
_PREV_NEXT_INLINE = regex.compile(rf"(?:{_PREV_NEXT.pattern})\s*[:\-–—|]\s*\S.{{0,160}}", FLAGS)


@rule(
    "NV001",
    "navigation.prev-next",
    Kind.BLOCK,
    "A Previous/Next Article label with the teaser it introduces (an image-alt word and one headline).",
    examples(
        (
            "Last paragraph.\n\nPrevious Article\nkari lake\n\nShock Accusation Surfaces\n\n"
            "Next Article\nfire\n\nLawmaker Outed\n",
            "Last paragraph.\n",
        ),
        ("Text.\n\nNext Post: How to bake bread\n", "Text.\n"),
    ),
)
def prev_next(doc: Document, rule: Rule) -> None:
    content = doc.content_indices()
    pos = 0
    while pos < len(content):
        i = content[pos]
        label = label_of(doc.lines[i].text)
        if _PREV_NEXT_INLINE.fullmatch(label):
            doc.remove(i, rule)
            pos += 1
            continue
        if not _PREV_NEXT_LINE.fullmatch(label):
            pos += 1
            continue
        doc.remove(i, rule)
        pos += 1
        # The teaser: at most one alt-text fragment, then one headline.
        if pos < len(content) and is_lowercase_fragment(doc.lines[content[pos]].text):
            doc.remove(content[pos], rule)
            pos += 1
        if pos < len(content):
            text = doc.lines[content[pos]].text
            if is_headline_like(text, max_words=16) and not _PREV_NEXT_LINE.fullmatch(label_of(text)):
                doc.remove(content[pos], rule)
                pos += 1


RELATED_HEADING = line_rule(
    "NV002",
    "navigation.related",
    "Headings of related-content lists: Related Posts, You may also like, More from ..., Recommended.",
    [
        r"related(?: (?:posts?|articles?|stories|story|news|content|reading|coverage|topics|links|videos?|items))?",
        r"(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested in)(?: this| these)?",
        r"(?:more|other|latest|top|recent) (?:stories|news|articles|posts|headlines)(?: (?:from|on|about|in) .{1,60})?",
        r"more (?:from|on|in) (?:the )?[\w&' .-]{1,40}",
        r"recommended(?: for you| stories| articles| reading| videos)?",
        r"(?:read|watch|see) (?:also|next)",
        r"(?:also|further) read(?:ing)?",
        r"(?:most|the most) (?:popular|read|viewed|shared|commented)(?: (?:stories|articles|posts|news))?",
        r"popular(?: (?:now|posts|stories|articles|today))?",
        r"trending(?: (?:now|stories|articles|topics|today))?",
        r"don'?t miss",
        r"editor'?s picks?",
        r"ähnliche (?:beiträge|artikel)",
        r"(?:das|dies) könnte (?:dich|sie) auch interessieren",
        r"mehr zum thema(?: .{1,40})?",
        r"(?:articles|publications) similaires",
        r"(?:à|a) lire (?:aussi|également)",
        r"vous (?:aimerez|pourriez aimer) aussi",
        r"(?:artículos|entradas|noticias) relacionad[oa]s",
        r"(?:también )?te puede interesar",
        r"lee también",
    ],
    examples(
        ("Last paragraph.\n\nRelated Posts\n", "Last paragraph.\n"),
        ("Text.\n\nYou may also like\n", "Text.\n"),
        ("Text.\n\nMore from Politics\n", "Text.\n"),
    ),
)

JUMP_LINKS = line_rule(
    "NV003",
    "navigation.links",
    "Jump and pager links: Read more, Continue reading, Skip to content, Back to top, Load more.",
    [
        r"read (?:more|full (?:article|story))(?: (?:here|»|›|→))?",
        r"(?:click|tap) here to (?:read|see|view|continue) .{0,40}",
        r"continue reading(?: the main story| the story| this article| below)?",
        r"keep reading",
        r"skip to (?:main )?(?:content|navigation|search|footer|site index|the main content)"
        r"(?:\s*skip to (?:main )?(?:content|navigation|search|footer|site index))*",
        r"jump to (?:navigation|content|search)",
        r"(?:back|go|return|scroll) to (?:the )?top(?: of (?:the )?page)?",
        r"(?:load|show|view|see) (?:more|all)(?: (?:stories|articles|posts|news))?",
        r"toggle (?:navigation|menu|search)",
        r"(?:main )?menu",
        r"close(?: menu)?",
        r"weiterlesen|mehr lesen|zum inhalt springen|nach oben",
        r"lire la suite|aller au contenu(?: principal)?|retour en haut",
        r"leer más|seguir leyendo|ir al contenido(?: principal)?|volver arriba",
    ],
    examples(
        ("Skip to content\nHeadline\n\nBody text.\n", "Headline\n\nBody text.\n"),
        ("Body text.\n\nRead more\n", "Body text.\n"),
        ("Body text.\n\nBack to top\n", "Body text.\n"),
    ),
)

RULES = (prev_next, RELATED_HEADING, JUMP_LINKS)
