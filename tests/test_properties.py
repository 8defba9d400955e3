"""Properties of the library on generated text (issue 17 item 6, the library half): clean_text and
clean_and_explain never raise, cleaning is idempotent, every output line is an input line (or one an
inline rule cut a marker out of), and explain accounts for every line that went."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pages import dressed_page, fixture_pages

from cleaner.config import Config, Mode
from cleaner.document import Kind, strip_end
from cleaner.pipeline import clean_and_explain, clean_text
from cleaner.registry import all_rules

_PAGES = fixture_pages()
_TEXT = st.one_of(st.text(max_size=400), dressed_page(_PAGES))
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


@_SETTINGS
@given(_TEXT, st.sampled_from(list(Mode)), st.booleans())
@example("This article was originally published on T\n\ufeff\x7f", Mode.CONSERVATIVE, False)
@example("Share this\n\ufeff\ufeff\ufeffSome article line here.\n", Mode.DEFAULT, False)
@example("\ufeff\ufeff\ufeffx\n", Mode.DEFAULT, False)
def test_cleaning_never_raises_and_is_idempotent(text: str, mode: Mode, captions: bool) -> None:
    config = Config(mode=mode, keep_captions=captions)
    once = clean_text(text, config)
    assert clean_text(once, config) == once


@_SETTINGS
@given(_TEXT, st.sampled_from(list(Mode)))
@example("This article was originally published on T\n\ufeff\x7f", Mode.CONSERVATIVE)
@example("Please check the opt-in box to 0\u2060\nPlease enter a valid email K …\n0", Mode.CONSERVATIVE)
def test_output_lines_come_from_input_lines_and_explain_accounts_for_the_rest(text: str, mode: Mode) -> None:
    config = Config(mode=mode)
    result = clean_and_explain(text, config)
    inline = {r.id for r in all_rules(config) if r.kind is Kind.INLINE}
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    removed: set[int] = set()
    edited: set[int] = set()
    for r in result.removals:
        # A rule of another kind may cut a part of a line too (HD001 takes "TOPIC:" off a headline).
        # A removal's text is the line as the rules read it, its trailing invisibles gone (strip_end).
        whole = strip_end(lines[r.first_line - 1]).strip()
        part = r.first_line == r.last_line and r.text.strip() != whole
        (edited if r.rule_id in inline or part else removed).update(range(r.first_line, r.last_line + 1))
    # The input lines no removal took whole, in order: the output is made of them.
    candidates = [(n, strip_end(line)) for n, line in enumerate(lines, 1) if strip_end(line) and n not in removed]
    out = [line for line in result.text.split("\n") if line]
    k = 0
    for i, line in enumerate(out):
        while k < len(candidates):
            n, source = candidates[k]
            k += 1
            if i == 0:
                # The text starts here now: the byte-order marks a line began with go, as at the
                # start of any text.
                source = source.lstrip("\ufeff")
            if line == source or (n in edited and _subsequence(line, source)):
                break
            # An input line left out of the output must be one an inline rule emptied.
            assert n in edited, f"line {n} ({source!r}) went with no removal naming it"
        else:
            raise AssertionError(f"output line {line!r} is no input line")
    for n, source in candidates[k:]:
        assert n in edited, f"line {n} ({source!r}) went with no removal naming it"
