"""Debris around the headline: site and section labels, template labels, stray image-alt words."""

from __future__ import annotations

import regex

from cleaner.config import Mode
from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, line_rule, rule
from cleaner.rules.patterns import FLAGS
from cleaner.text import ends_sentence, is_byline, is_headline_like, is_lowercase_fragment, is_prose, word_count

_TEMPLATE_LABEL = regex.compile(
    r"^\s*(?:topic|topics|category|categories|section|"
    r"thema|rubrik|kategorie|rubrique|catégorie|sujet|tema|categoría|sección)\s*:\s*(?=\S)",
    FLAGS,
)


def _template_label_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of HD001: it reads only the first kept, non-blank line (and edits or removes it).
    Its run watched that line (`gone`): if still kept and unedited, it is still the first line of the
    pass's output (lines are only removed), and the run found no label on it or acted on it (an
    edit, which counts, or a removal, which `gone` sees)."""
    return doc.watch_holds(rule)


@rule(
    "HD001",
    "head.template-label",
    Kind.HEAD,
    "A template label such as TOPIC: or Category: in front of the headline (the headline itself stays).",
    examples(
        (
            "TOPIC: Leader Tells Troops to Shoot\nThe body of the story.\n",
            "Leader Tells Troops to Shoot\nThe body of the story.\n",
        ),
        (
            "Section 5: What the law says\nThe law took effect in May.\n",
            "Section 5: What the law says\nThe law took effect in May.\n",
        ),
    ),
    settles=_template_label_settles,
)
def template_label(doc: Document, rule: Rule) -> None:
    content = doc.content_indices()
    if not content:
        return
    first = content[0]
    doc.watch(rule, gone=[first])  # before the edit below, which counts as one since the run began
    m = _TEMPLATE_LABEL.match(doc.lines[first].text)
    if m:
        text = doc.lines[first].text
        if word_count(text[m.end() :]) <= 2:
            doc.remove(first, rule)  # "Category: Politics" is a label, not a headline behind one
        else:
            doc.edit(first, text[m.end() :], m.group(0).strip(), rule)


def _is_label(text: str, max_words: float) -> bool:
    stripped = text.strip()
    return (
        0 < word_count(stripped) <= max_words
        and len(stripped) <= 30
        and not ends_sentence(stripped)
        and not any(map(str.isdigit, stripped))
    )


def _section_label_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of HD002. Off in conservative mode; otherwise it reads the first kept, non-blank
    lines only: the run of labels, the line after it (the headline) and the next, and removes the
    labels or nothing. Its run watched those lines (`gone`): if all are still kept and unedited,
    they are still the first lines of the pass's output (lines are only removed), so the next run
    reads the same lines and decides as the last one did, which removed nothing (a removal is of
    a watched line)."""
    return Mode(doc.config.mode) is Mode.CONSERVATIVE or doc.watch_holds(rule)


@rule(
    "HD002",
    "head.section-label",
    Kind.HEAD,
    "Short site, section or tag lines above the headline, when a headline and then prose follow; "
    "off in conservative mode.",
    examples(
        (
            "Stock Groups\n\nLeader orders troops to fire without warning after days of unrest\n\n"
            "In a violent crackdown, the leader has directed the security forces to fire at will.\n",
            "Leader orders troops to fire without warning after days of unrest\n\n"
            "In a violent crackdown, the leader has directed the security forces to fire at will.\n",
        ),
        (
            "Brexit\n\nThe talks collapsed on Friday after the two sides failed to agree on fishing rights.\n",
            "Brexit\n\nThe talks collapsed on Friday after the two sides failed to agree on fishing rights.\n",
        ),
    ),
    params={"max-label-words": 3, "max-label-lines": 3},
    settles=_section_label_settles,
)
def section_label(doc: Document, rule: Rule) -> None:
    # A short first line may be the headline itself, with a subtitle under it: no phrase marks it
    # as a label, so conservative mode (known debris only) leaves it.
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    content = doc.content_indices()
    max_words = rule.param(doc.config, "max-label-words")
    run = 0
    while run < len(content) and _is_label(doc.lines[content[run]].text, max_words):
        run += 1
    doc.watch(rule, gone=content[: run + 2])  # every line read below
    # A long run of short lines is a menu, which content detection judges as a whole.
    if run == 0 or run > rule.param(doc.config, "max-label-lines") or run + 1 >= len(content):
        return
    headline = doc.lines[content[run]].text
    label_words = max(word_count(doc.lines[content[k]].text) for k in range(run))
    if not (is_headline_like(headline, max_words=25) and word_count(headline) >= max(4, label_words + 2)):
        return
    if not is_prose(doc.lines[content[run + 1]].text):
        return
    for k in range(run):
        doc.remove(content[k], rule)


def _alt_fragment_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of HD003: it removes only lowercase fragments (kept lines of one or two lowercase
    words, by their own text), unless a line beside it is not blank (the next or previous line,
    kept or not) or the kept, non-blank line before or after it marks a list. Its run judged every
    kept line, so every line of the pass's output, and removed each fragment or kept it for one
    such line, watched with it (`pairs`). That line, still kept at the end of the pass, stays in the
    output the line beside the fragment (they were adjacent) or its kept neighbour (lines are only
    removed): so where each fragment still kept keeps its reason and no line was edited since,
    every fragment of the output stays for the same reason."""
    return doc.watch_holds(rule)


@rule(
    "HD003",
    "head.alt-fragment",
    Kind.LINE,
    "A lone lowercase word or two between paragraphs: what an image's alt text leaves in a capture.",
    examples(
        (
            "First paragraph of the story.\n\npresident\n\nNeither side ready to give up\n\nMore text.\n",
            "First paragraph of the story.\n\nNeither side ready to give up\n\nMore text.\n",
        ),
        ("Ingredients:\nsalt\npepper\nflour\n", "Ingredients:\nsalt\npepper\nflour\n"),
    ),
    settles=_alt_fragment_settles,
)
def alt_fragment(doc: Document, rule: Rule) -> None:
    lines = doc.lines
    content = doc.content_indices()
    reasons: list[tuple[int, int]] = []  # each fragment kept, and a line that made it stay
    for pos, i in enumerate(content):
        if not is_lowercase_fragment(lines[i].text, max_words=2):
            continue
        isolated = (i == 0 or lines[i - 1].blank) and (i + 1 == len(lines) or lines[i + 1].blank)
        if not isolated:
            # A line beside it that is not blank, a kept one if there is (a removed one is no reason next pass).
            beside = [k for k in (i - 1, i + 1) if 0 <= k < len(lines) and not lines[k].blank]
            reasons.append((i, next((k for k in beside if lines[k].removed_by is None), beside[0])))
            continue
        before = lines[content[pos - 1]].text if pos > 0 else ""
        after = lines[content[pos + 1]].text if pos + 1 < len(content) else ""
        # Inside a list of short items, a lowercase word is an item, not an alt text.
        if before.rstrip().endswith(":") or is_lowercase_fragment(before):
            reasons.append((i, content[pos - 1]))
            continue
        if is_lowercase_fragment(after):
            reasons.append((i, content[pos + 1]))
            continue
        doc.remove(i, rule)
    doc.watch(rule, pairs=reasons)


_TAG_LABELS = (
    r"tags?|tagged(?: with| as| in)?|filed (?:under|in)|posted (?:in|under)|categor(?:y|ies)|(?:related )?(?:topics?|tags)|"
    r"keywords|schlagwörter|schlagworte|stichwörter|themen|étiquettes|mots-clés|etiquetas|temas"
)

TAG_LINE = line_rule(
    "HD004",
    "head.tag-line",
    "Tag and category lines: Tags: a, b, c; Filed under: ...; Topics; Posted in ... | Permalink.",
    [
        rf"(?:{_TAG_LABELS})(?:\s*:\s*.{{0,150}})?",
        r"tags?\s+#.{0,150}",
        r"posted (?:in|under) .{1,100}\|\s*permalink.{0,60}",
    ],
    examples(
        ("Body of the story.\n\nTags: drought, water, weather\n", "Body of the story.\n"),
        ("Body.\n\nTopics\n\nMore body.\n", "Body.\n\nMore body.\n"),
        (
            "Topics discussed included the budget and the war.\n",
            "Topics discussed included the budget and the war.\n",
        ),
    ),
    opens_footer=True,
)


def _byline_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of HD005. It judges the kept, non-blank lines in order, each by its own text,
    up to the first that reads as prose and is no dated byline, and removes bylines among them.
    Its run watched that line (`gone`), or judged every line where there was none. With it still
    kept and no line edited since, the pass's output holds the same line, and above it only lines
    the run judged and kept (lines are only removed): the next run stops at it and removes nothing."""
    return doc.watch_holds(rule)


@rule(
    "HD005",
    "head.byline",
    Kind.HEAD,
    "A byline above the story's first sentence: By Jane Doe, By JANE DOE and JOHN ROE, By Jane Doe | Agency, "
    "Posted by Jane Doe on May 3, 2024, By Jane Doe on Monday, May 3, 2024 at 11:04 a.m. (whose end reads "
    "like a sentence's), By Jane Doe November 19, 2019, 07:47 PM EST.",
    examples(
        (
            "Storm closes the pass\nBy Jane Doe | Mountain News\nHeavy snow closed the pass on Thursday for the second time this week.\n",
            "Storm closes the pass\nHeavy snow closed the pass on Thursday for the second time this week.\n",
        ),
        (
            "By The Numbers\nThe council spent four million on roads last year, more than ever before.\n",
            "By The Numbers\nThe council spent four million on roads last year, more than ever before.\n",
        ),
        (
            "Storm closes the pass\nBy Jane Doe on Monday, November 18th, 2019 at 11:04 a.m.\n"
            "Heavy snow closed the pass on Thursday for the second time this week.\n",
            "Storm closes the pass\nHeavy snow closed the pass on Thursday for the second time this week.\n",
        ),
    ),
    settles=_byline_settles,
)
def byline(doc: Document, rule: Rule) -> None:
    for i, line in doc.iter_content():
        text = line.text
        if _is_dated_byline(text):
            doc.remove(i, rule)  # its date may end it like a sentence ("... at 11:04 a.m.")
            continue
        if is_prose(text):
            doc.watch(rule, gone=[i])
            return  # below the first sentence "By ..." may start a line of the story
        if is_byline(text):
            doc.remove(i, rule)


# A date after the byline's names, with no separator: "By Jane Doe November 19, 2019, 07:47 PM EST".
_TRAILING_DATE = regex.compile(
    r"\s+(?-i:\p{Lu})\p{Ll}{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?:[,\s]+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$",
    FLAGS,
)


_YEAR_OR_TIME = regex.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b")


def _is_dated_byline(text: str) -> bool:
    """A byline with its date: "By Jane Doe on Monday, November 18th, 2019 at 11:04 a.m." (which
    reads as prose by its end) or "By Jane Doe November 19, 2019, 07:47 PM EST"."""
    if len(text) > 160 or not _YEAR_OR_TIME.search(text):
        return False
    m = _TRAILING_DATE.search(text.rstrip())
    return is_byline(text[: m.start()] if m else text)


# Bylines and tag lines go before the section-label test, which reads the lines under the headline.
RULES = (template_label, TAG_LINE, byline, section_label, alt_fragment)
