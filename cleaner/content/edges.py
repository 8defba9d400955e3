"""The article's edges: running text next to the article taken in, its headline kept above it, and
an author's bio after it dropped (steps of cleaner.content.select.decide)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from cleaner.text import ends_sentence, is_byline, is_headline_like, is_prose, page_memo, word_count

_DIGIT = regex.compile(r"\d")
# Lines of running text next to the article are taken in from this many words: a short sentence
# (about 18 characters of CJK text). From 12 words, pages in a language the model had not seen
# lost whole paragraphs of short sentences (site-grouped CV recall 0.9635 -> 0.9669 at 9).
_GROW_WORDS = 9
# A line that breaks a sentence after a comma (Latin, CJK or full-width).
_COMMA_END = re.compile(r"[,、，]\s*$")
# A line opening like a byline is never a headline candidate, nor one that is a byline by the
# full grammar (text.is_byline: "Posted by ...", "Oleh ...", "Текст: ..."). The opening alone also
# catches bylines that name a publication rather than a person.
_BYLINE_START = regex.compile(r"^(?:by|von|par|por|di|door|av|af)\s", regex.IGNORECASE)
_TOPIC_WORD = regex.compile(r"\p{Han}|[^\W\d_\p{Han}]{4,}")
# The same on lower-cased ASCII text, where it reduces to the first four letters of each run of
# four letters or more: four letters that no letter precedes (`re` is quicker).
_A_TOPIC_PREFIX = re.compile(r"(?<![a-z])[a-z]{4}")
# How far above the article its headline is looked for, and how many lines are kept as headline
# for sharing the article's words (besides the nearest headline-like line).
_HEADLINE_REACH = 8
_HEADLINE_NEAR = 4
_HEADLINES = 1


def grow(texts: Sequence[str], keep: list[bool], barrier: Sequence[bool] | None = None) -> list[bool]:
    """Extend each kept run through the sentences of running text next to it: a paragraph at the
    article's edge that the model doubted is more likely article than not (and losing article
    text is the larger fault). It never crosses a comment-section marker (`barrier` changes)."""
    n = len(texts)
    out = list(keep)
    fence = barrier or [False] * n
    headings = _kept_headings_above(texts, keep)
    for i in range(n):
        if not keep[i]:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < n and not out[j] and fence[j] == fence[i]:
                span = _sentence_at(texts, j, step)
                if not span and step > 0 and j + 1 < n and headings[j] and capitals_heading(texts[j]):
                    # A section heading styled like those the article kept above, with running text under it.
                    under = _sentence_at(texts, j + 1, step) if fence[j + 1] == fence[i] else []
                    span = [j, *under] if under else []
                if not span or any(out[k] or fence[k] != fence[i] for k in span):
                    break
                for k in span:
                    out[k] = True
                j = span[-1] + step
    return out


# A section heading in capitals ("FRANCE WINS"): news agencies break a long story into sections so.
_HEADING_WORDS = 6


def capitals_heading(text: str) -> bool:
    """A short line in capital letters that does not end like a sentence."""
    stripped = text.strip()
    return stripped.isupper() and is_headline_like(stripped, max_words=_HEADING_WORDS)


def _kept_headings_above(texts: Sequence[str], keep: Sequence[bool]) -> list[bool]:
    """For each line, whether a capitals heading the model kept lies above it."""
    out = []
    seen = False
    for text, kept in zip(texts, keep, strict=True):
        out.append(seen)
        seen = seen or (kept and capitals_heading(text))
    return out


def _sentence_at(texts: Sequence[str], start: int, step: int) -> list[int]:
    """The lines, from `start` on in the direction `step`, of one sentence of running text: a line,
    or a sentence broken over lines that end in a comma ("また、その他にも、" then the rest)."""
    span = [start]
    if step > 0:
        while _COMMA_END.search(texts[span[-1]]) and span[-1] + 1 < len(texts):
            span.append(span[-1] + 1)
        last = span[-1]
    else:
        last = start
        while span[-1] > 0 and _COMMA_END.search(texts[span[-1] - 1]):
            span.append(span[-1] - 1)
    if not ends_sentence(texts[last]):
        return []
    if sum(word_count(texts[k]) for k in span) < _GROW_WORDS:
        return []
    return span


# A line's topic words, for the page being cleaned: every selection round and the next pass ask for
# the article's lines again.
_topic_memo: dict[str, frozenset[str]] = page_memo()


def _topic_words(text: str) -> frozenset[str]:
    """The first four letters of each word of four letters or more of a line, lower-cased (so that
    "rise" and "rising" differ but "melt" and "melts" do not); for CJK text, its Han characters."""
    found = _topic_memo.get(text)
    if found is None:
        lower = text.lower()
        if lower.isascii():
            found = _topic_memo[text] = frozenset(_A_TOPIC_PREFIX.findall(lower))
        else:
            found = _topic_memo[text] = frozenset([w[:4] for w in _TOPIC_WORD.findall(lower)])
    return found


def headlines_above(texts: Sequence[str], keep: Sequence[bool], reach: int = _HEADLINE_REACH) -> list[int]:
    """The lines to keep as the article's headline (or a headline-like standfirst): within `reach`
    lines above the first kept line, of the headline-like ones (four words or more, no sentence
    end, not a byline or date), the one sharing most words with the article (half of its words at
    least), and the nearest if it is within four lines. Between a headline and its article's first
    line there is often a standfirst, a byline, a date and a share bar; sidebar teasers about other
    stories may sit there too, and share few words with the article."""
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return []
    article: set[str] | None = None  # the article's topic words, read once a candidate needs them
    found = []
    nearest = None
    for i in range(first - 1, max(-1, first - 1 - reach), -1):
        text = texts[i].strip()
        if not (is_headline_like(text, max_words=25) and word_count(text) >= 4):
            continue
        if _BYLINE_START.match(text) or is_byline(text):
            continue
        if len(_DIGIT.findall(text)) > 4:
            continue
        if nearest is None:
            nearest = i
        words = _topic_words(text)
        if words and article is None:
            article = set().union(*[_topic_words(texts[k]) for k in range(first, len(texts)) if keep[k]])
        shared = len(words & article) / len(words) if words and article is not None else 0.0
        if shared >= 0.5:
            found.append((shared, i))
    # The nearest such line close above the article is kept as before (a headline in other words
    # than the article's, or a standfirst that is article text), with the best-sharing ones.
    found.sort(reverse=True)  # most shared first; of equals, the nearest
    chosen = [i for _, i in found[:_HEADLINES]]
    if nearest is not None and first - nearest <= _HEADLINE_NEAR and nearest not in chosen:
        chosen.append(nearest)
    return chosen


# An author's bio after the article: a line of just the name, then a sentence that opens with it.
_NAME_LINE = regex.compile(r"(?:by\s+)?(\p{Lu}[\p{L}'’.-]+)(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}")
_BIO_VERB = (
    r"(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}\s+(?:is|was|has|joined|writes|covers|lives|loves|grew|holds|studied|"
    r"worked|began|started|became|reports|edits)\b"
)


# "About" and a full name (two to four capitalised words) in English, Portuguese and Spanish,
# German, French, Italian, Dutch and Indonesian; the name is group 1.
_ABOUT_NAME = regex.compile(
    r"(?:About|Sobre|Über|À propos de|A propos de|Acerca de|Informazioni su|Over|Tentang)\s+"
    r"(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})"
)


def author_bio(texts: Sequence[str], keep: Sequence[bool]) -> list[int]:
    """The author's bio, when it is the last running text kept: the sentence and the name line above
    it ("Regan" then "Regan is a Southeastern Connecticut native..."). A profile inside an article
    has more of the article after it, so only the last kept sentence is looked at."""
    last = next((i for i in range(len(texts) - 1, -1, -1) if keep[i] and is_prose(texts[i])), None)
    if last is None or last == 0:
        return []
    bio = texts[last].strip()
    about = _ABOUT_NAME.fullmatch(texts[last - 1].strip())
    if about is not None:
        # An author box's heading: "About Jane Doe", "Sobre Carlos Nadalim"; the bio names them.
        return [last - 1, last] if about.group(1) in bio else []
    name = _NAME_LINE.fullmatch(texts[last - 1].strip())
    if name is None:
        return []
    first = name.group(1)
    if not regex.match(rf"{regex.escape(first)}{_BIO_VERB}", bio):
        return []
    return [last - 1, last]
