"""The end of a capture: once the footer starts, what follows is site furniture."""

from __future__ import annotations

from itertools import islice

import regex

from cleaner.content.passthrough import menu_label
from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, rule
from cleaner.rules.gates import label_of
from cleaner.rules.patterns import FLAGS
from cleaner.text import ends_sentence, is_prose, word_count


def _tail_cut_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of TL001, on every page: it cuts only below a line that a footer-opening rule
    removed (`Rule.opens_footer`). A pass's output holds no removed line, and in a pass where no
    rule before it removed anything, none is removed when it runs: it finds no opener."""
    return True


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
    settles=_tail_cut_settles,
)
def tail_cut(doc: Document, rule: Rule) -> None:
    if doc.no_article:
        # The cut opens after the article's last paragraph. Where content detection found no
        # article it trusts, the page is a list left to the phrase rules; cutting its tail would
        # change the page the next pass sees, and the next pass's content detection would find an
        # "article" in what is left (a poll, a blurb) and drop the list.
        return
    # A line a footer opener removed (a comment form, a related list, a share bar; Rule.opens_footer).
    openers = {rule_id for rule_id, remover in doc.removers.items() if remover.opens_footer}
    if not openers:
        return  # no footer opened on this page: nothing below the article is read
    lines = doc.lines
    long_prose = rule.param(doc.config, "long-prose-words")
    subhead_words = int(rule.param(doc.config, "subhead-paragraph-words"))
    # The footer can only open after the article's last long paragraph (or, in an article of
    # short paragraphs, its last sentence): a share bar above the headline or between the
    # first paragraphs must not take the headline or subheadings with it.
    # From the end: the last long paragraph ends the search; the last short sentence counts only
    # where the page has no long paragraph at all.
    last_prose = -1
    for i in reversed(doc.content_indices()):
        text = lines[i].text
        if ends_sentence(text):
            if word_count(text) >= long_prose:
                last_prose = i
                break
            if last_prose < 0 and is_prose(text):
                last_prose = i
    if last_prose < 0:
        return
    opener = next(
        (i for i in range(last_prose + 1, len(lines)) if lines[i].removed_by in openers),
        None,
    )
    if opener is None:
        return
    indices = doc.content_indices()
    content = [i for i in indices if i > opener]
    cut = []
    for pos, i in enumerate(content):
        text = lines[i].text
        if is_prose(text):
            continue
        # A short line right above a paragraph of the article is its subheading; the footer
        # opened too early (a link line between paragraphs), so leave it.
        following = lines[content[pos + 1]].text if pos + 1 < len(content) else ""
        if is_prose(following, min_words=subhead_words):
            continue
        cut.append(i)
    if _outweighs(doc, cut, [i for i in indices if i < opener]):
        return
    for i in cut:
        doc.remove(i, rule)


def _text_mass(doc: Document, indices: list[int]) -> int:
    """Characters of the lines that are not menu items (the text a reader would read)."""
    return sum(len(t) for t in (doc.lines[i].text for i in indices) if not menu_label(t))


def _outweighs(doc: Document, cut: list[int], above: list[int]) -> bool:
    """Whether the lines a tail cut would drop hold more text than the page keeps above the footer
    opener: then the "footer" is a list that is the page (a list of headlines with summaries, a
    resume on a profile page) and the opener a link inside it. Menu items do not count on either
    side, so a long menu or drop-down after a short article is still cut."""
    mass = _text_mass(doc, cut)
    above_mass = 0
    for i in above:  # counted only as far as needed: the article above is usually far longer
        text = doc.lines[i].text
        if not menu_label(text):
            above_mass += len(text)
            if above_mass >= mass:
                return False
    return mass > above_mass


# "34 responses to “Title”", "10 thoughts on “Title”", "12 Comments", "Comments (3)".
_THREAD_HEADING = regex.compile(
    r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten) (?:comments?|responses?|replies|thoughts?|reactions?)"
    r"(?: (?:on|to) [“\"«‘'].{1,200})?|comments? \(\d+\)|\d+ (?:kommentare?|commentaires?|comentarios?|comentários?|commenti)",
    FLAGS,
)
# Words every match of _THREAD_HEADING holds.
THREAD_CUES = ("comment", "respons", "replies", "thought", "reaction", "kommentar", "comentar", "comentár")
# What a comment thread shows above each comment: "jane says:", a date with a time of day.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_COMMENT_META = regex.compile(
    r"[^\s].{0,60}\s(?:says|said|sagt|dit|dice|disse)\s*:"
    rf"|(?:[^\d\n]{{0,40}}\s)?(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}}\.? {_MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    r",?\s*(?:at|um|à|a las|-|–|•)?\s*\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?",
    FLAGS,
)


def _thread_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of TL002. It removes from a thread heading (a line below the article's first
    long sentence whose label fullmatches, by its own text) to the end, where comment bylines
    follow it. The first long sentence kept at its run is kept to the end (only the blank-line rule
    and its own cut after it follow), so it is the output's first one too. Its run tested every
    line below it (kept or not) up to the heading it cut from, and all below that heading went;
    the headings it left are watched (`kept`). With none of them kept and no line edited since, the
    output holds no heading below its first long sentence, and the next run removes nothing."""
    return doc.watch_holds(rule)


@rule(
    "TL002",
    "tail.comments-by-heading",
    Kind.TAIL,
    "A comment thread after the article: from a heading such as 12 Comments or 34 responses to “...”, "
    "when comment bylines (jane says:, a date and time) follow it, to the end.",
    examples(
        (
            "The article has a long paragraph here that runs on for more than twenty words, so it reads as prose.\n\n"
            "2 thoughts on “The article”\n\njane says:\nMarch 3, 2021 at 4:05 pm\n"
            "I loved this piece and I have shared it with all of my friends.\n\nReply\n",
            "The article has a long paragraph here that runs on for more than twenty words, so it reads as prose.\n",
        ),
        (
            "The article starts here and it has a long first paragraph with more than twenty words in it.\n\n"
            "Timeline\n\nMarch 3, 2021 at 4:05 pm\n\nThe first report of the fire reached the newsroom just after four.\n",
            "The article starts here and it has a long first paragraph with more than twenty words in it.\n\n"
            "Timeline\n\nMarch 3, 2021 at 4:05 pm\n\nThe first report of the fire reached the newsroom just after four.\n",
        ),
    ),
    params={"meta-within-lines": 4},
    settles=_thread_settles,
)
def comments_by_heading(doc: Document, rule: Rule) -> None:
    lines = doc.lines
    window = int(rule.param(doc.config, "meta-within-lines"))
    # Every line, kept or already removed by a comment rule: the heading is usually CM001's.
    candidates = doc.lookup().lines_maybe_matching_ignorecase(THREAD_CUES)
    if not candidates:
        return
    # The thread follows the article: a heading above the first paragraph is post meta.
    article = next(
        (i for i, ln in enumerate(lines) if ln.kept and ends_sentence(ln.text) and word_count(ln.text) >= 20),
        None,
    )
    if article is None:
        return
    left = []  # headings without comment bylines under them here: in a next pass other lines follow them
    for i in candidates:
        if i <= article or lines[i].blank or not _THREAD_HEADING.fullmatch(label_of(lines[i].text)):
            continue
        following = islice((k for k in range(i + 1, len(lines)) if not lines[k].blank), window)
        if not any(_COMMENT_META.fullmatch(label_of(lines[k].text)) for k in following):
            left.append(i)
            continue
        doc.remove_span(i, len(lines), rule)
        break
    doc.watch(rule, kept=left)


RULES = (tail_cut, comments_by_heading)
