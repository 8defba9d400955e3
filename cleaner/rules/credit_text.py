"""What a photo credit looks like: a credit line ("Photo: AP", "Xinhua | Getty Images") and the credit
at the end of a caption; the credits rules (cleaner.rules.credits) act on what these find."""

from __future__ import annotations

import regex

from cleaner.rules.gates import label_of
from cleaner.rules.patterns import FLAGS, cue_words
from cleaner.text import is_prose, word_count

AGENCIES = (
    r"getty(?: images)?|afp|agence france-presse|reuters|associated press|ap(?: photo)?|xinhua(?: news agency)?|"
    r"epa(?:-efe)?|efe|shutterstock(?:\.com)?|alamy(?: stock photo)?|istock(?:photo)?|dpa|ansa|anadolu(?: agency)?|"
    r"bloomberg|pa images|pa wire|pa media|press association|rex features|rex|zuma(?: press| wire)?|sipa(?: usa)?|"
    r"abaca(?:press)?|nurphoto|sopa images|lightrocket|imago(?: images)?|picture[- ]alliance|tass|sputnik|"
    r"ria novosti|kyodo|yonhap|wireimage|filmmagic|corbis|unsplash|pixabay|pexels|wikimedia commons|"
    r"the new york times|the washington post|cnn|bbc|nasa|handout|courtesy(?: of [\w .&'-]{1,40})?|"
    r"file photo|stock photo|supplied|provided"
)
_AGENCY = regex.compile(rf"\b(?:{AGENCIES})\b", FLAGS)
_CREDIT_PREFIX = (
    r"(?:(?:photo|image|picture|pic|photograph|illustration|video|graphic|foto|bild|imagen|"
    r"crédit photo|crédito)s?(?: credit| copyright)?s?|credits?|copyright|source|quelle|fuente|©|\(c\))"
    r"\s*(?::|\.\.\.|…|-|by)?\s*"
)
# A credit line that starts with a label ("Image copyright Reuters", "Photo: AP") heads the caption
# below it; only a bare credit ("Xinhua | Getty Images") closes the caption above it.
_LABELLED = regex.compile(rf"(?:{_CREDIT_PREFIX})(?=\S)", FLAGS)
# A name or agency segment: a few capitalised-or-short words, no sentence inside. Each word is taken
# whole (possessive): split at its dashes, "Getty------...!" has exponentially many readings.
_SEGMENT = r"[^\s.!?|/,;:]++(?:[ \-.'’&][^\s!?|/,;:]++){0,6}"
_CREDIT_LINE = regex.compile(
    rf"\(?(?:{_CREDIT_PREFIX})?{_SEGMENT}(?:\s*(?:[|/,;]|\bvia\b|\bfor\b)\s*{_SEGMENT}){{0,7}}\s*[|.]?\)?",
    FLAGS,
)
_PREFIXED = regex.compile(rf"{_CREDIT_PREFIX}.{{1,100}}", FLAGS)
_MUST_PREFIX = regex.compile(
    r"(?:photo|image|picture|pic|photograph|foto|bild|imagen)s?(?: credit)?s?\s*:|credits?\s*:|©|\(c\)"
    r"|(?:photo(?:graph)?|image|picture|illustration)s? by (?=\p{Lu})|(?:photo|image|picture)s? copyright\b",
    FLAGS,
)
# A credit at the end of a caption: "... Source: Name /AFP via Getty Images. |", "...Credit...Name/The Times".
# Also "... (AP Photo/Name)", "... (Photo by Name/Getty Images)", "... [File: Reuters]",
# "... © Reuters / Name" and "... Photograph by Name/AFP".
# Runs of spaces are taken whole (possessive) and the search starts at the first two spaces of a run
# only: every later start reads the same run again. A credit's text never ends inside a run of
# spaces, except when it is only spaces ("Photo:  |").
_TRAILING_CREDIT = regex.compile(
    r"(?:(?<=[.!?)\s”’\"])|(?<=\w))(?<!\s\s)\s*+(?:"
    r"\(?(?:(?:photo|image|picture|pic|photograph|illustration|graphic|foto|bild|imagen)s?(?: credit)?s?|credits?|source|quelle|fuente)"
    r"\s*(?::|\.\.\.|…)\s*+(?:[^.!?|]{1,100}?(?!(?<=\s)\s)|(?<=\s))\s*+[.)]?\s*+\|?"
    rf"|\((?:(?:{AGENCIES})\s+)?(?:photo|image|picture|foto)s?\s*(?:/|by\b|:)\s*[^()]{{1,80}}\)"
    r"|\[(?:file|photo|image)s?\s*:\s*[^\]]{1,60}\]"
    rf"|©\s*(?:{AGENCIES})(?:\s*/\s*[^/.]{{1,40}})?"
    r"|(?:photo(?:graph)?|image|picture)s? by [^.!?|]{1,80}?"
    r")\s*+\.?\s*+$",
    FLAGS,
)


# Every trailing credit has one of these labels followed by ":", "...", "…", "/" or "by", or a ©.
_CREDIT_CUE = regex.compile(
    r"(?:photo|image|picture|pic|photograph|illustration|graphic|foto|bild|imagen|credit|source|quelle|fuente)s?"
    r"\s*(?::|\.\.\.|…|/|by\b)|©|\[file",
    FLAGS,
)
# Words one of which every trailing credit holds, lowercased (_CREDIT_CUE's labels): credits.py looks
# only at the lines holding one.
TRAILING_CUES = (
    "photo",
    "image",
    "pic",
    "illustration",
    "graphic",
    "foto",
    "bild",
    "imagen",
    "credit",
    "source",
    "quelle",
    "fuente",
    "©",
    "[file",
)
# Handles (@name, #tag) are names, not words of a sentence.
_LOWER_WORD = regex.compile(r"(?<![\w'’@#])\p{Ll}[\w'’-]*")
# Lowercase words a credit may hold; any other lowercase word means a sentence, not a credit.
_CREDIT_GLUE = frozenset(
    [
        "via",
        "for",
        "and",
        "by",
        "of",
        "the",
        "de",
        "del",
        "la",
        "le",
        "von",
        "und",
        "with",
        "from",
        "courtesy",
        "handout",
        "file",
        "photo",
        "photos",
        "image",
        "images",
    ]
)


# A credit line's label has at most this many characters (credits.py searches only such lines).
CREDIT_CHARS = 200


# Words one of which every credit line holds (is_credit_line needs _MUST_PREFIX or _AGENCY).
def _credit_cues() -> tuple[str, ...]:
    cues = cue_words(AGENCIES, _MUST_PREFIX.pattern)
    if cues is None:  # an edit made one of their alternatives start with something other than text
        raise RuntimeError("credits: the cue words of AGENCIES and _MUST_PREFIX cannot be read from them")
    return cues


CREDIT_CUES = _credit_cues()


def _sentence_words(text: str) -> int:
    return sum(1 for w in _LOWER_WORD.findall(text) if w not in _CREDIT_GLUE)


def is_credit_line(text: str) -> bool:
    """A line that is only a photo credit: names and agencies, optionally after "Photo:"."""
    label = label_of(text)
    # 16 words never take 200 characters; the length check spares the word count on paragraphs.
    if not label or len(label) > CREDIT_CHARS or word_count(label) > 16 or _sentence_words(label) > 1:
        return False
    if _MUST_PREFIX.match(label) and _PREFIXED.fullmatch(label) and not is_prose(label):
        return True
    return bool(_AGENCY.search(label) and _CREDIT_LINE.fullmatch(label))


def is_labelled(label: str) -> bool:
    """A credit that starts with a label ("Image copyright Reuters", "Photo: AP"), as against a bare
    one ("Xinhua | Getty Images")."""
    return _LABELLED.match(label) is not None


def trailing_credit(text: str) -> regex.Match[str] | None:
    """The credit at the end of a caption line, when it names an agency or a Name/Agency pair."""
    lowered = text.lower()
    if not any(map(lowered.__contains__, TRAILING_CUES)) or not _CREDIT_CUE.search(text):
        return None  # substring tests, then one scan, before the anchored search
    m = _TRAILING_CREDIT.search(text.rstrip())
    # A caption needs a few words of its own; "Main image credit: Getty" is a credit, not a caption.
    if not m or word_count(text[: m.start()]) < 3:
        return None
    credit = m.group(0)
    if _sentence_words(credit) > 1:
        return None
    if _AGENCY.search(credit) or "/" in credit or credit.rstrip().endswith("|"):
        return m
    return None


# A credit in brackets closing a caption with no label: "... in Nogales, Ariz. (AP)", "... Station.
# (NASA via AP, File)", "... 2019. (Joshua Roberts/Reuters)", "... back to the Moon [SpaceX via Nasa]".
# A bracketed "Name/Agency" pair: capitalised words each side of the slash, maybe ", File" after.
# Words are taken whole (possessive), so a long run of capitals is read one way only.
_CAPITALISED = r"(?-i:\p{Lu})[\w.&'’]*+(?:[ -](?-i:\p{Lu})[\w.&'’]*+){0,4}"
_NAME_PAIR = regex.compile(rf"{_CAPITALISED}\s*+/\s*+{_CAPITALISED}(?:\s*+/\s*+{_CAPITALISED})?(?:,\s*file)?", FLAGS)
# What such a bracket holds at most: a credit is a few names, never a clause.
_CLOSING_CHARS = 80
_QUOTES = "\"'”’»"


def closing_credit(text: str) -> int | None:
    """Where the bracketed credit at the end of a caption line starts, or None. Round brackets
    count only after the caption's last sentence has ended ("... Ariz. (AP)"): inside a sentence,
    "(NASA)" or "(AP)" names what it follows, as in "the space agency (NASA)." In square
    brackets a credit needs no sentence end before it but must pair a name with an agency ("... the
    Moon [SpaceX via Nasa]"); "[sic]" names no agency. A
    source named without an agency ("(Via Talk Left)" under a blog post) is not a photo credit."""
    stripped = text.rstrip()
    closer = stripped[-1:]
    if closer not in (")", "]"):
        return None
    start = stripped.rfind("(" if closer == ")" else "[")
    if start < 0 or len(stripped) - start > _CLOSING_CHARS + 2:
        return None
    inner = stripped[start + 1 : -1].strip()
    before = stripped[:start].rstrip()
    if not inner or inner.endswith(".") or any(c in inner for c in '()[]"\u201c\u201d') or word_count(before) < 3:
        return None
    # A caption's sentence ends in a full stop; a linked headline in a digest may end in "?" or
    # "!" before its source ("Is the Fed Done? (Reuters)").
    if closer == ")" and not before.rstrip(_QUOTES).endswith("."):
        return None
    if _sentence_words(inner) > 1:
        return None
    if closer == "]":
        # A lone source in square brackets closes a linked headline in a digest ("... It's
        # Complicated [Bloomberg]"), text the page is made of; a credit names who took the picture
        # and for whom: "[SpaceX via Nasa]", "[Jane Doe/Reuters]".
        paired = "/" in inner or " via " in f" {inner.lower()} "
        return len(text[:start].rstrip()) if paired and _AGENCY.search(inner) else None
    if _AGENCY.search(inner) or _NAME_PAIR.fullmatch(inner):
        return len(text[:start].rstrip())
    return None
