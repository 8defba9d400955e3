"""Content detection: in a full-page capture, keep the article and drop the page around it.

Unlike the phrase rules, this family knows no debris text: it scores every line with a small
learned line model (cleaner.content) and keeps the article region(s) (CD001). Before the model,
rules that go by a page's structure take out what its features miss: a reader-comment thread
(CD002), teasers captured as one line of headline and summary (CD003), runs of lines ending in a
count (CD004). The family does nothing in conservative mode; CD001, CD003 and CD004 nothing on
text that already looks clean (no menu-like runs of short lines).
"""

from __future__ import annotations

import regex

from cleaner.config import Mode
from cleaner.content import view
from cleaner.content.passthrough import looks_clean, shows_furniture
from cleaner.content.select import SELECTIONS, Selection, article
from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, rule
from cleaner.rules.teasers import TEASER_SIGN, teaser_line
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
    candidates = doc.lookup().lines_matching(TEASER_SIGN)
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
    settles=_counted_lists_settle,
)
def counted_lists(doc: Document, rule: Rule) -> None:
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    # One search of the page first (no prefilter: in conservative mode it would search for nothing).
    if not _COUNT_END.search(doc.text()):
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
