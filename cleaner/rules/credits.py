"""Photo credits and the captions tied to them."""

from __future__ import annotations

import re

import regex

from cleaner.config import Mode
from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, line_rule, rule
from cleaner.rules.credit_text import (
    CREDIT_CHARS,
    CREDIT_CUES,
    TRAILING_CUES,
    is_credit_line,
    is_labelled,
    trailing_credit,
)
from cleaner.rules.gates import label_of
from cleaner.rules.patterns import FLAGS
from cleaner.text import ends_sentence, has_quote, sentence_count, word_count


@rule(
    "CR001",
    "credits.line",
    Kind.LINE,
    "A photo-credit line: agency names (Getty Images, AFP, Reuters, AP, Xinhua ...) or Photo:/Image:/Credit:.",
    examples(
        (
            "Caption text\n\nXinhua News Agency | Xinhua News Agency | Getty Images\n\nBody.\n",
            "Caption text\n\nBody.\n",
        ),
        ("Body.\n\nPhoto: Shutterstock\n\nMore body.\n", "Body.\n\nMore body.\n"),
        ("Photo credit: Jane Doe/Reuters\nBody.\n", "Body.\n"),
        (
            "The photo, taken by Getty Images staff, shows the square at dawn.\n",
            "The photo, taken by Getty Images staff, shows the square at dawn.\n",
        ),
    ),
    rerun_only_after_edits=True,
)
def credit_line(doc: Document, rule: Rule) -> None:
    # A credit line names an agency or starts with a credit label: only lines holding the first
    # words of one are tested (most short lines of a page pass every other test cheaply). It is
    # short too, so only short lines are searched, plus the rare longer line whose label is short.
    lines = doc.lines
    indices = doc.lookup().lines_maybe_matching_ignorecase(CREDIT_CUES, within=CREDIT_CHARS)
    decorated = [
        i for i, ln in enumerate(lines) if len(ln.text) > CREDIT_CHARS and len(label_of(ln.text)) <= CREDIT_CHARS
    ]
    if decorated:
        indices = sorted({*indices, *decorated})
    for i in indices:
        line = doc.lines[i]
        if line.kept and not line.blank and is_credit_line(line.text):
            doc.remove(i, rule)


@rule(
    "CR002",
    "credits.caption",
    Kind.LINE,
    "A caption line that ends in a photo credit (Source:, Photo:, Credit... naming an agency); "
    "with keep-captions only the credit is cut.",
    examples(
        (
            "Body.\nProtestors in Almaty. Source: Abduaziz Madyarov /AFP via Getty Images. |\nMore body.\n",
            "Body.\nMore body.\n",
        ),
        ("He did not win.Credit...Doug Mills/The New York Times\nBody.\n", "Body.\n"),
        ("Cars at a dealership in Littleton, Colo. (AP Photo/David Zalubowski)\nBody.\n", "Body.\n"),
        (
            "Officials said the source of the fire was a heater. Source: the fire service said so.\n",
            "Officials said the source of the fire was a heater. Source: the fire service said so.\n",
        ),
    ),
    rerun_only_after_edits=True,  # each line judged alone; a line it edits (keep-captions) counts as an edit
)
def credit_caption(doc: Document, rule: Rule) -> None:
    for i in doc.lookup().lines_lowercase_containing(
        TRAILING_CUES
    ):  # the first test of trailing_credit, for all lines at once
        line = doc.lines[i]
        if line.removed_by is not None:
            continue
        m = trailing_credit(line.text)
        if not m:
            continue
        if doc.config.keep_captions:
            doc.edit(i, line.text[: m.start()].rstrip(), m.group(0).strip(), rule)
        else:
            doc.remove(i, rule)


# Reported speech marks a sentence of the story, never a caption.
_REPORTED = regex.compile(r"\b(?:said|says|told|according to|sagte|a déclaré|dijo)\b", FLAGS)


def _closes_caption(text: str) -> bool:
    """A bare credit in the Name | Agency | Agency form, which sites print right under a caption.
    A credit with a label ("Image copyright Reuters", "Photo: AP") heads the caption below it, and
    a lone "AP Photo/Name" often follows a paragraph of the story, so neither counts."""
    label = label_of(text)
    return "|" in label and is_credit_line(text) and not is_labelled(label)


def _caption_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of CR003. It is off in conservative mode and with keep-captions. Otherwise it
    removes the nearest non-blank line above a closing credit (judged by its own text) when that
    line is kept and reads as a caption (by its own text). In the pass's output the line above a
    credit is the nearest non-blank line above it that is still kept. Its last run tested each
    credit against the line then above it (`pairs`): where the credit and that line are still kept,
    it is still the line above, and it was judged no caption, or it would be gone. Where it was already
    removed, the credit is watched (`kept`): if still kept, a line it was not tested against is
    above it now. With no line edited since, nothing is left for the next pass to remove."""
    if doc.config.keep_captions or Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return True
    return doc.watch_holds(rule)


@rule(
    "CR003",
    "credits.caption-before-credit",
    Kind.BLOCK,
    "A one-sentence caption (5 to 50 words) directly above a bare Name | Agency credit line "
    "(the credit line itself is CR001); off in conservative mode.",
    examples(
        (
            "Headline\n\nMarchers in Aktau on January 4, 2022.\n\nXinhua News Agency | Getty Images\n\nBody text.\n",
            "Headline\n\nBody text.\n",
        ),
    ),
    settles=_caption_settles,
)
def caption_before_credit(doc: Document, rule: Rule) -> None:
    # Only its position marks the line as a caption, so conservative mode (known debris only) keeps it.
    if doc.config.keep_captions or Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    lines = doc.lines
    orphans: list[int] = []  # credits whose line above was removed: another line is above them next pass
    tested: list[tuple[int, int]] = []  # credits, each with the line tested as its caption
    # A closing credit holds a "|": only those lines are tested, each against the line above it
    # (the nearest non-blank one, if still kept).
    for i in doc.lookup().lines_lowercase_containing(("|",)):
        previous = next((k for k in range(i - 1, -1, -1) if not lines[k].blank), None)
        if previous is None or not _closes_caption(lines[i].text):
            continue
        if not lines[previous].kept:
            orphans.append(i)
            continue
        tested.append((i, previous))
        text = lines[previous].text
        if (
            sentence_count(text) == 1
            and 5 <= word_count(text) <= 50
            and not has_quote(text)
            and not _REPORTED.search(text)
        ):
            doc.remove(previous, rule)
    doc.watch(rule, kept=orphans, pairs=tested)


_CAPTION_LABEL = regex.compile(
    r"\s*(?:(?:image|media|photo|picture|video)\s?caption|caption\s*:|bildunterschrift\s*:|légende\s*:|pie de foto\s*:)\s*",
    FLAGS,
)
# Words every match of _CAPTION_LABEL holds.
CAPTION_CUES = ("caption", "bildunterschrift", "légende", "pie de foto")
# A slideshow's counter glued to the caption it labels: "1of4Grass Valley's Dionicio Torres looks...".
_GALLERY_COUNTER = regex.compile(r"[ \t]*\d{1,3}of\d{1,3}(?=\p{Lu}|[“\"'‘(])")
# The lines that may start with one, found by `re` over the whole page (the `regex` module scans
# for line starts far slower).
_MAYBE_GALLERY_COUNTER = re.compile(r"^[ \t]*\d{1,3}of\d", re.MULTILINE)


@rule(
    "CR004",
    "credits.caption-label",
    Kind.LINE,
    "A line labelled as a caption (Image caption ..., Media caption ..., Caption: ..., a slideshow's "
    "'1of4' counter glued to it); with keep-captions only the label is cut.",
    examples(
        (
            "Body.\nImage caption Crowds gathered outside the court on Monday\nMore body.\n",
            "Body.\nMore body.\n",
        ),
        (
            "Body.\n1of4A shopper looks at extension cords at a hardware store on Tuesday.\nMore body.\n",
            "Body.\nMore body.\n",
        ),
        (
            "The caption on the old photograph named every player in the team.\n",
            "The caption on the old photograph named every player in the team.\n",
        ),
    ),
    rerun_only_after_edits=True,  # each line judged alone; a line it edits (keep-captions) counts as an edit
)
def caption_label(doc: Document, rule: Rule) -> None:
    for i in sorted(
        {
            *doc.lookup().lines_maybe_matching_ignorecase(CAPTION_CUES),
            *doc.lookup().lines_matching(_MAYBE_GALLERY_COUNTER),
        }
    ):
        line = doc.lines[i]
        if line.removed_by is not None or line.blank:
            continue
        m = _CAPTION_LABEL.match(line.text)
        if m:
            # "Image caption competitions are held every year." is a sentence; a labelled caption
            # has a colon after its label or no full stop at its end.
            if ":" not in m.group(0) and ends_sentence(line.text):
                continue
        else:
            m = _GALLERY_COUNTER.match(line.text)
            if not m:
                continue
        if doc.config.keep_captions and m.end() < len(line.text.rstrip()):
            doc.edit(i, line.text[m.end() :], m.group(0).strip(), rule)
        else:
            doc.remove(i, rule)


GALLERY = line_rule(
    "CR005",
    "credits.gallery",
    "Photo-gallery controls: Image 3 of 12, 1 / 23, Back to Gallery, Enlarge this image, Hide caption.",
    [
        r"(?:image|photo|picture|slide|foto|bild|imagen)\s*\d+\s*(?:of|/|von|de|sur)\s*/?\s*\d+",
        r"closed captioning",
        r"\d+\s*/\s*\d+",
        r"(?:back to|return to) (?:the )?(?:photo )?gallery",
        r"(?:view|open|launch|see|start) (?:the )?(?:full )?(?:photo |image )?(?:gallery|slideshow)(?: \(\d+ (?:photos|images)\))?",
        r"\d+ (?:photos|images|pictures|fotos|bilder)",
        r"enlarge (?:this )?(?:image|photo)",
        r"(?:toggle|hide|show|expand) (?:the )?caption",
        r"caption",
        r"zoom(?: in)?",
    ],
    examples(
        ("Body.\n\nImage 1 of 23\n\n1 / 23\n\nBack to Gallery\n\nMore body.\n", "Body.\n\nMore body.\n"),
        ("The gallery showed 12 photos of the flood.\n", "The gallery showed 12 photos of the flood.\n"),
    ),
)

# Photo credits in scripts the label patterns above do not read (their cue words are lower-cased
# ASCII): Russian, Korean, Japanese and Chinese labels, each followed by a name, not a sentence.
OTHER_SCRIPTS = line_rule(
    "CR006",
    "credits.other-scripts",
    "Photo credits labelled in Russian, Korean, Japanese or Chinese: Фото: ..., личный архив ..., 사진=..., 写真：....",
    [
        # A name after the label: capitalised, no comma or sentence end ("Источник: по словам мэра, ..." stays).
        # (?-i:...): upper case must mean upper case in a pattern otherwise matched without case.
        r"(?:фото|фотография|иллюстрация|источник фото|источник)\s*:\s*(?-i:[\p{Lu}\d«\"])[^.!?…,\n]{0,60}",
        r"(?:фото\s*:\s*)?личный архив(?: (?-i:\p{Lu})[^.!?…,\n]{0,60})?",
        r"(?:사진|자료사진|그래픽|이미지)\s*[=:：]\s*[^.!?…,。\n]{1,30}",
        r"(?:写真|画像|出典|图片来源|图片|来源)\s*[：:]\s*[^。！？.!?,，、\n]{1,30}",
    ],
    examples(
        ("Мост открыт.\n\nФото: РИА Новости\n", "Мост открыт.\n"),
        ("새 다리가 개통되었다.\n사진=연합뉴스\n", "새 다리가 개통되었다.\n"),
        (
            "Источник: по словам мэра, мост откроют в мае.\n",
            "Источник: по словам мэра, мост откроют в мае.\n",
        ),
    ),
)

RULES = (credit_line, credit_caption, caption_before_credit, caption_label, GALLERY, OTHER_SCRIPTS)
