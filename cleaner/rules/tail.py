"""The end of a capture: once the footer starts, what follows is site furniture."""

from __future__ import annotations

from cleaner.model import Document, Kind, Rule
from cleaner.rules.base import examples, rule
from cleaner.text import ends_sentence, is_prose, word_count

# Rules whose lines open a page footer (comment forms, related lists, share bars, back-links).
FOOTER_OPENERS = frozenset(
    {
        "CM001",
        "CM002",
        "NV001",
        "NV002",
        "NV004",
        "NV005",
        "NV006",
        "SH001",
        "SH002",
        "AT001",
        "PR001",
        "PR002",
        "PR003",
        "HD004",
    }
)


@rule(
    "TL001",
    "tail.cut",
    Kind.TAIL,
    "After the last long paragraph, once a footer opens (comments, related list, share bar), "
    "drop the lines that follow unless they read as prose.",
    examples(
        (
            "A long paragraph of the article that has more than twenty words in it, so it reads as running prose text.\n\n"
            "Related Posts\n\nMan Bites Dog In Town\n\nMayor Resigns\n",
            "A long paragraph of the article that has more than twenty words in it, so it reads as running prose text.\n",
        ),
        (
            "A long paragraph of the article that has more than twenty words in it, so it reads as running prose text.\n\n"
            "Editor's note\n",
            "A long paragraph of the article that has more than twenty words in it, so it reads as running prose text.\n\n"
            "Editor's note\n",
        ),
    ),
    params={"long-prose-words": 20, "subhead-paragraph-words": 15},
)
def tail_cut(doc: Document, rule: Rule) -> None:
    lines = doc.lines
    long_prose = rule.param(doc.config, "long-prose-words")
    subhead_words = int(rule.param(doc.config, "subhead-paragraph-words"))
    # The footer can only open after the article's last long paragraph (or, in an article of
    # short paragraphs, its last sentence): a share bar above the headline or between the
    # first paragraphs must not take the headline or subheadings with it.
    last_long = last_prose = -1
    for i, line in doc.iter_content():
        if ends_sentence(line.text):
            words = word_count(line.text)
            if words >= long_prose:
                last_long = i
            elif is_prose(line.text):
                last_prose = i
    if last_long >= 0:
        last_prose = last_long
    if last_prose < 0:
        return
    opener = next(
        (i for i in range(last_prose + 1, len(lines)) if lines[i].removed_by in FOOTER_OPENERS),
        None,
    )
    if opener is None:
        return
    content = [i for i in doc.content_indices() if i > opener]
    for pos, i in enumerate(content):
        text = lines[i].text
        if is_prose(text):
            continue
        # A short line right above a paragraph of the article is its subheading; the footer
        # opened too early (a link line between paragraphs), so leave it.
        following = lines[content[pos + 1]].text if pos + 1 < len(content) else ""
        if is_prose(following, min_words=subhead_words):
            continue
        doc.remove(i, rule)


RULES = (tail_cut,)
