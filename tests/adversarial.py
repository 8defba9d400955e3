"""Inputs that make a careless pattern backtrack: each family builds one line of about `size`
characters. The reported ones come from issue 17; the generated ones are runs of each character
class, pairs of classes, repeated words in every case, repeated tags and long ordinary lines."""

from __future__ import annotations

from collections.abc import Callable

Family = Callable[[int], str]


def _repeat(unit: str, prefix: str = "", suffix: str = "") -> Family:
    return lambda size: prefix + unit * max(1, (size - len(prefix) - len(suffix)) // len(unit)) + suffix


REPORTED: dict[str, Family] = {
    "breaking-news": _repeat("BREAKING NEWS "),
    "hello-world": _repeat("HELLO WORLD "),
    "aBcd": _repeat("aBcd "),
    "dateline-run": _repeat("Farmers protest new water rules LYON "),
    "dateline-colons": _repeat("Police say NEW YORK: the "),
    "byline-eA": _repeat("eA", "By John Doe", "!"),
    "getty-dashes": _repeat("-", "Getty", "!"),
    "caption-spaces": _repeat(" ", "Three words here photo: a", "b"),
    "img-tags": _repeat("<img "),
    "img-hidden-tags": _repeat('<img style="display:none" '),
    "bracket-spaces": _repeat(" ", "[", "x"),
    "login-spaces": _repeat(" ", "login", "xlogin"),
    "image-of-spaces": _repeat(" ", "image 1 of"),
    "tweet-spaces": _repeat(" ", "", "x click to tweet."),
    "caption-shortcodes": _repeat("[caption]"),
    # An address of many dots after "Write to ... at" (PR004), with a tail that fails the line.
    # Name/Agency words after a caption's last sentence, closed by a bracket (CP001).
    "closing-credit-names": _repeat("Ab Cd/", "Three words here. (", ")"),
    "address-dots": lambda size: "Write to Jane Doe at " + "a." * (size // 4) + "@b" + ".c" * (size // 4) + " zz",
}

# One character of each class a pattern may repeat over.
CLASSES = " \ta1A.,:;-–|/()[]<>@#©'\"*•=_?!\u00a0\u2009\u200béÉ日"
WORDS = ("word", "Word", "WORD", "By", "Photo", "Getty", "said:", "2019", "Nov", "share", "AFP/", "(AP)", "of")
TAGS = ("<img ", "<img width=1 ", "<div>", "[ad ", "[caption ", "[/caption]", "<noscript>", "</")


def generated() -> dict[str, Family]:
    found: dict[str, Family] = {}
    for c in CLASSES:
        found[f"run {c!r}"] = _repeat(c)
        found[f"run {c!r} then !"] = _repeat(c, suffix="!")
    for a in ["a", "A", "1", ".", "-", "(", "[", "<"]:
        for b in " .-:|A1a/":
            if a != b:
                found[f"pairs {a + b!r}"] = _repeat(a + b)
    for w in WORDS:
        found[f"words {w!r}"] = _repeat(w + " ")
        found[f"words {w!r} glued"] = _repeat(w)
    for t in TAGS:
        found[f"tags {t!r}"] = _repeat(t)
    # A date or time, then a run of spaces before a tail that fails the line: the date-line
    # patterns (NV007, ST001) split such a run between their optional parts in every way.
    for stamp in ("12:30", "Nov 18, 2019", "Updated 9:38"):
        found[f"stamp {stamp!r} spaces"] = _repeat(" ", stamp, "x")
    found["title-case words"] = _repeat("Police Search For Driver After Crash ")
    found["prose"] = _repeat("The council voted on Tuesday to approve a budget, after a long debate. ")
    return found


def families() -> dict[str, Family]:
    return {**REPORTED, **generated()}
