"""The rendering of trafilatura's tree spaces and strips its lines as one substitution over the page
did: runs of spaces (str.isspace's characters and U+200B, never a newline) made one, ends stripped."""

from __future__ import annotations

import re
from operator import methodcaller

from hypothesis import example, given
from hypothesis import strategies as st

from cleaner.html import _spaced_lines

_SPACE_CHARS = "".join(re.escape(c) for c in map(chr, range(0x110000)) if c.isspace() and c != "\n") + "\u200b"
_RUNS = re.compile(f"[{_SPACE_CHARS}]+")


def _by_substitution(text: str) -> str:
    lines = _RUNS.sub(" ", text).split("\n")
    return "".join(line + "\n" for line in map(methodcaller("strip", " "), lines) if line)


_CHARS = "ab- .\n\t\r\x0b\x0c\x1c\x1f\x85\u00a0\u1680\u2002\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\u00e9"


@given(st.text(st.sampled_from(_CHARS), max_size=40))
@example("a\u200bb\u2028c\x85d")
def test_lines_are_spaced_as_one_substitution_spaces_them(text: str) -> None:
    assert _spaced_lines(text) == _by_substitution(text)


def test_spaces_and_empty_lines() -> None:
    assert _spaced_lines(" a \u200b b\u00a0\u00a0c \n \u3000\n\td\t\n") == "a b c\nd\n"
