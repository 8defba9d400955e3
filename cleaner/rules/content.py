"""Content detection: in a full-page capture, keep the article and drop the page around it.

Unlike the phrase rules, this family knows no debris text: it scores every line with a small
learned line model (cleaner.content) and keeps the article region(s) (CD001). Before the model,
rules that go by a page's structure take out what its features miss: a reader-comment thread
(CD002), teasers captured as one line of headline and summary (CD003), runs of lines ending in a
count (CD004). The family does nothing in conservative mode; CD001, CD003 and CD004 nothing on
text that already looks clean (no menu-like runs of short lines).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import islice

import regex

from cleaner.config import Mode
from cleaner.content import view
from cleaner.content.passthrough import looks_clean, shows_furniture
from cleaner.content.select import SELECTIONS, Selection, article
from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, rule
from cleaner.text import ends_in_colon

_MENU = "Gardening\nPuzzles\nLetters\nMotoring\nCrosswords\nObituaries\nPodcasts\n"
_ARTICLE = (
    "City council approves new budget\n"
    "The city council voted on Tuesday to approve a budget that raises spending on parks and "
    "libraries, after a debate that lasted well into the evening.\n"
    "Members said the plan would be paid for by savings in other departments, and that no new "
    "taxes would be needed to cover the cost of the changes.\n"
    "Several residents spoke against the plan at the meeting, saying that the money should go to "
    "road repairs instead of new playgrounds.\n"
    "The council's finance chair said the roads would get their share next year, when a bond "
    "issue is expected to be put before the voters.\n"
    "The mayor is expected to sign the budget later this week, according to a spokesman for the office.\n"
)
_FOOTER = "Our Journalists\nArchive\nCorrections\nReprints\nMasthead\n"
# A menu long enough to show that the text is a full page (passthrough.shows_furniture).
_LONG_MENU = _MENU + "Weather\nTravel\nRecipes\nHoroscopes\nGames\n"


# "Name on 12 May 2019 at 4:47 pm said:" — the header of a reader comment, in several languages.
_COMMENT_HEADER = regex.compile(
    r"^.{1,100}?\b(?:says|said|wrote|writes|commented|replied|schreibt|schrieb|sagt|dice|ha detto|scrive|"
    r"disse|diz|escreveu|escribió|dijo|a écrit|a dit|schreef|zegt|napisał|пишет|написал|написала|сказал)\s*:\s*$",
    regex.IGNORECASE,
)
# The article text needed above a comment section before it counts as one (a page of comments
# with no article above them is left to CD001).
_BARRIER_MIN_CHARS = 400


# A teaser's headline glued to the first sentence of its summary, with no space between them
# ("...At Troy SteakhouseA party of six left..."): a capital that opens a word right after a
# lower-case letter, a digit, '?' or '!'.
_GLUE = regex.compile(r"(?<=[\p{Ll}\d?!])(\p{Lu}\p{Ll}*)\s")
_WORD = regex.compile(r"[\p{L}\d'’]+")
# A headline capitalises all its longer words; the sentence of its summary fewer than half of them.
_HEADLINE_CAPS = 1.0
_SENTENCE_CAPS = 0.5
_LONG_WORD = 4


def _capitalised(words: list[str]) -> tuple[float, int]:
    """The share of the words of four letters or more that start with a capital, and their number."""
    long = [w for w in words if len(w) >= _LONG_WORD and w.isalpha()]
    if not long:
        return 0.0, 0
    return sum(w[0].isupper() for w in long) / len(long), len(long)


def glued_teaser(text: str) -> bool:
    """A title-case headline of four words or more, then with no space the sentence of its summary.
    A glue point needs a capitalised word of four letters or more before it and mostly lower-case
    words after it, so a brand's inner capital ("WeWork", "AirPods", "MacBook") is not one."""
    # One walk over the line's words, shared by all its glue points: counting the words before each
    # point afresh would take time quadratic in the line's length ("aBcd aBcd ..." has a point in
    # every word). `words` holds the words ending at or before the point; the one running through it
    # (its letters up to the point) counts as the last word before it, as a scan stopping there reads it.
    words = _WORD.finditer(text)
    pending = next(words, None)
    count = long = lower = 0
    last = ""
    for m in _GLUE.finditer(text):
        at = m.start()
        if text[at - 1].isdigit() and len(m.group(1)) < 2:  # "$100K", "6A"
            continue
        while pending is not None and pending.end() <= at:
            last = pending.group()
            count += 1
            if len(last) >= _LONG_WORD and last.isalpha():
                long += 1
                lower += not last[0].isupper()
            pending = next(words, None)
        if lower:
            return False  # a lower-case word before every later point too: no headline
        before, glued, n = count, last, long
        if pending is not None and pending.start() < at:
            glued = text[pending.start() : at]
            before += 1
            if len(glued) >= _LONG_WORD and glued.isalpha():
                if not glued[0].isupper():
                    continue
                n += 1
        after = [w.group() for w in islice(_WORD.finditer(text, m.end()), 8)]
        if before < 4 or len(after) < 4:
            continue
        if glued.isalpha() and (len(glued) < _LONG_WORD or not glued[0].isupper()):
            continue
        if n < 2:  # the headline's longer words, all capitalised (_HEADLINE_CAPS)
            continue
        caps, n = _capitalised(after)
        if n >= 2 and caps < _SENTENCE_CAPS:
            return True
    return False


# A teaser's summary that opens with a dateline in capitals, after its headline on the same line
# ("...fraud scheme in US NEW YORK: An Indian-origin man has pleaded..."): the place, then ':',
# or a news agency in brackets and a dash ("DOVER (Reuters) —"). A bare dash is not taken: prose
# has acronyms before dashes ("...Fusion GPS — the font of...").
_DATELINE_START = r"(?<=[\p{L}\d)’'\"”]\s)\p{Lu}{3,}"
# The place in capitals, taken whole: where the dateline's end does not follow it, it follows no
# shorter part of it either, nor the same place read from a later word of it.
_DATELINE_PLACE = regex.compile(_DATELINE_START + r"(?>(?:[ .-]\p{Lu}{2,})*)")
_DATELINE_END = regex.compile(r"(?:,\s\p{Lu}[\p{L}.]+)?(?::|\s\([^)\n]{1,30}\)\s?[:—–])\s")
_TRAILING_NON_WORD = regex.compile(r"\W*", regex.REVERSE)
_LOWER_WORD = regex.compile(r"\b\p{Ll}{4,}\b")


def datelines(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the datelines in `text`, in order and not overlapping: what one pattern
    (place, then end) would find, in time linear in the text. Searched as one pattern, a run of
    capitals ("HELLO WORLD HELLO ...") is read again from each of its words."""
    pos = 0
    while (place := _DATELINE_PLACE.search(text, pos)) is not None:
        end = _DATELINE_END.match(text, place.end())
        if end is None:
            pos = place.end()
            continue
        yield place.start(), end.end()
        pos = end.end()


def dateline_teaser(text: str) -> bool:
    """A headline of four words or more, then on the same line its summary's sentence opening with a
    dateline in capitals. In an article a dateline opens the line, or follows a full stop."""
    spans = list(datelines(text))
    if not spans:
        return False
    # Counts from one walk over the line's words (slicing it at each dateline would take quadratic
    # time). A dateline starts and ends beside a space, so no word runs through either end.
    starts = [w.start() for w in _WORD.finditer(text)]
    last_lower = max((w.start() for w in _LOWER_WORD.finditer(text)), default=-1)
    for start, end in spans:
        if bisect_left(starts, start) < 4:
            continue
        stop = start
        while stop > 0 and text[stop - 1].isspace():  # the text before, right-stripped
            stop -= 1
        tail = _TRAILING_NON_WORD.match(text, 0, stop)
        if tail is not None and any(c in ".!?。" for c in tail.group()):
            continue  # the text before ends a sentence: [.!?。]\W*$
        # The summary is a sentence (an all-capitals headline has "...RECORDS: REPORT" in it).
        if len(starts) - bisect_left(starts, end) >= 4 and last_lower >= end:
            return True
    return False


# The lines worth reading as teasers: a glue point, or the start of a dateline.
_TEASER_SIGN = regex.compile(f"{_GLUE.pattern}|{_DATELINE_START}")


def teaser_line(text: str) -> bool:
    return glued_teaser(text) or dateline_teaser(text)


def _kept_look_clean(doc: Document) -> bool:
    """Whether the lines a pass's output holds (the kept, non-blank lines at the pass's end: what
    `view` gives a next pass in which no rule before content detection removed anything) look clean."""
    return looks_clean(view(doc).texts)


def _teasers_settle(doc: Document, rule: Rule) -> bool:
    """Rule.settles of CD003. It does nothing in conservative mode, nor on a page whose kept lines
    look clean, nor where fewer than min-lines of them are teaser lines (each judged by its own
    text). Its last run judged every line kept then, so every teaser line of the pass's output;
    where it found min-lines or more and left them (the page looked clean), they are watched
    (`kept`). So with none of them kept and no line edited since, the output holds fewer teaser
    lines than the last run saw; and where the output looks clean, CD003 does nothing either."""
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return True
    return doc.watch_holds(rule) or _kept_look_clean(doc)


@rule(
    "CD003",
    "content.teaser-lines",
    Kind.CONTENT,
    "Teasers for other stories captured as one line of headline and summary: glued with no space "
    "between ('...At Troy SteakhouseA party of six left...'), or the summary opening with a "
    "dateline in capitals ('...fraud scheme in US NEW YORK: An Indian-origin man...'), where a page "
    "has at least three; off in conservative mode and on text that already looks clean.",
    examples(
        (
            _MENU
            + "Police Search For Driver After Crash On Main StreetA man was hurt on Tuesday when his car was hit.\n"
            "Storm Leaves Thousands Without Power In The ValleyCrews worked through the night to restore it.\n"
            "City Opens Three New Parks Before SummerThe parks have playgrounds and a small lake for boats.\n"
            + _ARTICLE,
            _ARTICLE,
        ),
        (
            _MENU
            + "Farmers protest new water rules LYON: Hundreds of farmers drove tractors into the city on Monday.\n"
            "Ferry strike ends after two weeks DOVER (Reuters) — The ferry workers went back to work on Sunday.\n"
            "Museum to open a new wing in spring ROME: The museum said the wing would hold its coin collection.\n"
            + _ARTICLE,
            _ARTICLE,
        ),
        (
            "Police Search For Driver After Crash On Main StreetA man was hurt on Tuesday when his car was hit.\n"
            + _ARTICLE,
            "Police Search For Driver After Crash On Main StreetA man was hurt on Tuesday when his car was hit.\n"
            + _ARTICLE,
        ),
    ),
    params={"min-lines": 3},
    settles=_teasers_settle,
)
def teaser_lines(doc: Document, rule: Rule) -> None:
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    # One scan of the page for both kinds of teaser (no cheap prefilter would skip pages: nearly
    # every page has a word in capitals).
    candidates = doc.lookup().lines_matching(_TEASER_SIGN)
    teasers = [i for i in candidates if doc.lines[i].removed_by is None and teaser_line(doc.lines[i].text)]
    # One such line may be a headline typed without a space; a run of them is a teaser list.
    if len(teasers) < rule.param(doc.config, "min-lines"):
        return
    if looks_clean(view(doc).texts):
        doc.watch(rule, kept=teasers)
        return
    for i in teasers:
        doc.remove(i, rule)


def _counted_lists_settle(doc: Document, rule: Rule) -> bool:
    """Rule.settles of CD004. Off in conservative mode; otherwise it removes only `counted_runs` of
    the lines it sees, and only where they do not look clean. In a next pass where no rule before it
    removed anything, it sees the pass's output's lines, the kept, non-blank lines at the pass's
    end (`view` skips removed and blank lines): where those look clean or hold no counted run, it
    does nothing."""
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return True
    texts = view(doc).texts
    return looks_clean(texts) or not counted_runs(texts)


# A count in brackets at the end of a line: posts in a category ("Diaspora (62)"), comments on a
# story in a most-commented list ("...should expect a significant suspension (148)").
_COUNT_END = regex.compile(r"\s\(\d{1,6}\)[ \t]*$", regex.MULTILINE)
_COUNTED_RUN = 3


def counted_runs(texts: list[str]) -> list[int]:
    """The lines of each run of three or more in a row that end in a count in brackets, unless a
    line ending in ':' introduces the run (a list of the article: "Votes cast:")."""
    found: list[int] = []
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and _COUNT_END.search(texts[j]):
            j += 1
        if j - i >= _COUNTED_RUN and not (i > 0 and ends_in_colon(texts[i - 1])):
            found.extend(range(i, j))
        i = max(j, i + 1)
    return found


@rule(
    "CD004",
    "content.counted-lists",
    Kind.CONTENT,
    "Runs of three or more lines that each end in a count in brackets: categories with their post "
    "counts, most-commented lists ('Week 12 power rankings (133)'); not a list introduced by a line "
    "ending in ':'; off in conservative mode and on text that already looks clean.",
    examples(
        (
            _MENU + _ARTICLE + "Blog (2)\nCommunity (4824)\nDiaspora (62)\nSports (311)\n",
            _ARTICLE,
        ),
        (
            _ARTICLE + "Votes cast:\nAnna Berg (4512)\nTom Hart (3998)\nEva Costa (1204)\n",
            _ARTICLE + "Votes cast:\nAnna Berg (4512)\nTom Hart (3998)\nEva Costa (1204)\n",
        ),
    ),
    prefilter=_COUNT_END.pattern,
    settles=_counted_lists_settle,
)
def counted_lists(doc: Document, rule: Rule) -> None:
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    v = view(doc)
    runs = counted_runs(v.texts)
    # A clean article may hold a list with counts ("Results" over "Anna Berg (4512)"...); only
    # the furniture of a full-page capture is taken out.
    if not runs or looks_clean(v.texts):
        return
    for k in runs:
        doc.remove(v.indices[k], rule)


def _outside_article_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of CD001. Off in conservative mode; otherwise it acts only on lines that do not
    look clean and show furniture: `removed` lines (two or more distinct ones) or a menu of LONG_MENU
    lines. In a next pass where no rule before it removed anything, it sees the pass's output's
    lines, the kept, non-blank lines at the pass's end, no removed line and so no barrier: where
    those look clean or hold no such menu, it does nothing. Else its run watched the lines it saw
    (`gone`), and a removed line if one set a barrier: where all are still kept and none was
    edited, the next pass sees the same lines, all without barrier, and no more removed lines; its
    decision is a function of these (`article`), so it removes nothing again (a removal is of a
    watched line), or it stops earlier (clean, or less furniture shown)."""
    if Mode(doc.config.mode) is Mode.CONSERVATIVE or doc.watch_holds(rule):
        return True
    texts = view(doc).texts
    return looks_clean(texts) or not shows_furniture(0, texts)


def selection(mode: Mode | str) -> Selection:
    return SELECTIONS[Mode(mode).value]


@rule(
    "CD001",
    "content.outside-article",
    Kind.CONTENT,
    "In a full-page capture, lines a learned line model scores as page furniture (menus, teasers, footers) "
    "rather than article; off in conservative mode, on text that already looks clean, and on a page that shows "
    "no furniture (no known debris, no long menu).",
    examples(
        (
            _LONG_MENU + _ARTICLE + _FOOTER,
            _ARTICLE,
        ),
    ),
    recheck=True,
    settles=_outside_article_settles,
)
def outside_article(doc: Document, rule: Rule) -> None:
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    v = view(doc)
    watched = list(v.indices)
    if any(v.barrier):
        # The barrier comes from a removed line, which a next pass will not see: one watched fails the watch.
        watched.append(next(i for i, line in enumerate(doc.lines) if line.removed_by is not None))
    doc.watch(rule, gone=watched)
    if looks_clean(v.texts) or not shows_furniture(v.removed, v.texts):
        return
    keep = article(v.texts, v.barrier, selection(doc.config.mode))
    if keep is None:
        doc.no_article = True
        return  # weak evidence of an article: the page is left to the phrase rules
    for index, kept in zip(v.indices, keep, strict=True):
        if not kept:
            doc.remove(index, rule)


def _comments_settle(doc: Document, rule: Rule) -> bool:
    """Rule.settles of CD002. Off in conservative mode; otherwise it acts only where two or more kept,
    non-blank lines are comment headers (each judged by its own text). Its last run saw every kept
    line, so every header of the pass's output: with fewer than two it cannot find two now; where it
    found two or more, it removed all from the first on, or (too little text above them) left them,
    watched (`kept`). With none of those kept and no line edited since, the output holds no two
    headers."""
    return Mode(doc.config.mode) is Mode.CONSERVATIVE or doc.watch_holds(rule)


@rule(
    "CD002",
    "content.comments-by-byline",
    Kind.CONTENT,
    "After the article, a thread of reader comments (two or more 'Name ... said:' headers): "
    "everything from the first header on; off in conservative mode.",
    examples(
        (
            _ARTICLE + "Anna on May 3 at 4:47 pm said:\nGreat piece, thanks for writing it.\n"
            "Ben on May 4 at 9:02 am said:\nI disagree with the second point.\n",
            _ARTICLE,
        ),
    ),
    recheck=True,
    settles=_comments_settle,
)
def comments_by_byline(doc: Document, rule: Rule) -> None:
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    v = view(doc)
    # A header ends in ':' (and spaces); other lines are not tried (most lines: the pattern is slow).
    headers = [k for k, text in enumerate(v.texts) if text.rstrip().endswith(":") and _COMMENT_HEADER.match(text)]
    if len(headers) < 2:
        return
    first = headers[0]
    if sum(len(t) for t in v.texts[:first]) < _BARRIER_MIN_CHARS:
        doc.watch(rule, kept=[v.indices[k] for k in headers])
        return
    doc.remove_span(v.indices[first], len(doc.lines), rule)


RULES = (comments_by_byline, teaser_lines, counted_lists, outside_article)
