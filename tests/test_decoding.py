"""Bytes in any encoding become UTF-8 text with \\n line endings; bytes that are not text are refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cleaner import decoding
from cleaner.decoding import NotTextError, UnknownEncodingError, declared_charset, decode, decode_detailed
from cleaner.files import InputError, read_text

FRENCH = "Le garçon mangea une crème brûlée à côté de l’église.\nÇa coûte 5 €, déjà payé.\n"
GERMAN = "Grüße aus München: die schöne Straße am Fluss.\n"
RUSSIAN = "Это длинный текст на русском языке, чтобы проверить определение кодировки.\n" * 3
GREEK = "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον σκύλο.\n"
JAPANESE = "こんにちは世界、これはテストです。記事の本文はここから始まります。\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_decides_and_is_dropped(bom: bytes, codec: str) -> None:
    data = bom + "Héllo\r\nwörld\r\n".encode(codec)
    result = decode_detailed(data, "f.txt")
    assert (result.text, result.encoding, result.evidence) == ("Héllo\nwörld\n", codec, "bom")


@pytest.mark.parametrize(
    ("text", "codec"),
    [(FRENCH, "cp1252"), (GERMAN, "latin-1"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"), (GREEK, "cp1253"),
     (JAPANESE, "shift_jis"), (JAPANESE, "euc-jp")],
)  # fmt: skip
def test_legacy_encodings_are_detected(text: str, codec: str) -> None:
    assert decode(text.encode(codec), "legacy.txt") == text


def test_declared_charset_wins_over_detection() -> None:
    # A Windows-1251 page whose declaration says so: decoded by the declaration, not a guess.
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    result = decode_detailed(page.encode("cp1251"), "p.html")
    assert result.evidence == "declared" and result.encoding == "cp1251" and RUSSIAN in result.text


def test_xml_declaration_and_latin1_label_means_cp1252() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><doc>“quoted” café</doc>'.encode("cp1252")
    assert declared_charset(data) == "cp1252"
    assert "“quoted” café" in decode(data, "d.xml")


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>Grüße, café, naïve — “quotes”</p>'.encode()
    result = decode_detailed(page, "mislabelled.html")
    assert result.encoding == "utf-8" and "Grüße, café, naïve — “quotes”" in result.text


def test_forced_encoding_overrides_everything() -> None:
    data = "Ceci est du texte en latin-1: é à ç".encode("latin-1")
    assert decode(data, "f.txt", "latin-1").endswith("é à ç")
    # Forcing a wrong one gives that decoding, as asked; forcing UTF-8 on latin-1 is refused.
    with pytest.raises(NotTextError, match=r"f\.txt: not valid utf-8"):
        decode(data, "f.txt", "utf-8")
    with pytest.raises(UnknownEncodingError):
        decode(data, "f.txt", "no-such-codec")


def test_line_endings_become_newlines() -> None:
    assert decode(b"one\r\ntwo\rthree\n", "x") == "one\ntwo\nthree\n"


def test_bomless_utf16_is_recognised() -> None:
    assert decode("Plain words in UTF-16 without a mark.\n".encode("utf-16-le"), "w.txt").startswith("Plain words")
    assert decode("Plain words in UTF-16 without a mark.\n".encode("utf-16-be"), "w.txt").startswith("Plain words")


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04", "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21]) * 40 + b"some words", "control characters"),
        ("text".encode("utf-16-le") + b"\x00\x00\x00\x00", "NUL"),
    ],
)
def test_binary_is_refused_with_the_file_name(data: bytes, why: str) -> None:
    with pytest.raises(NotTextError, match=rf"^blob\.bin: .*{why}"):
        decode(data, "blob.bin")


def test_a_few_stray_control_characters_are_still_text() -> None:
    text = "A paragraph with a stray escape \x1b and a form feed \x0c in it, otherwise ordinary prose.\n"
    assert decode(text.encode(), "ok.txt") == text
    assert decoding.MAX_CONTROL_SHARE < 0.5


def test_files_read_text_delegates_and_names_the_file(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(FRENCH.encode("cp1252"))
    assert read_text(legacy) == FRENCH
    wide = tmp_path / "wide.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"))
    assert read_text(wide) == GERMAN
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match=r"image\.txt: binary file \(contains NUL bytes\)"):
        read_text(binary)


def test_cli_encoding_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    runner = CliRunner()
    # Too short for detection to be sure: --encoding says what it is.
    src = tmp_path / "short.txt"
    src.write_bytes("Привет, мир!\n[ad_1]\n".encode("koi8-r"))
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "out"), "--encoding", "koi8-r"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "short.txt").read_bytes() == "Привет, мир!\n".encode()
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "out"), "--encoding", "klingon"])
    assert result.exit_code == 2 and "unknown encoding: klingon" in result.stderr


# Codec names Python knows that are no text encoding (bytes transforms, escape syntaxes) or that an
# ASCII declaration cannot mean (EBCDIC, UTF-7): each once killed the run or mangled the page.
NOT_TEXT_CODECS = ["base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "punycode",
                   "unicode_escape", "raw_unicode_escape", "idna", "utf-7", "cp037"]  # fmt: skip
WINDOWS_PATH = r"The files sit in C:\new\table and C:\users\x41 on the old server, as before."


@pytest.mark.parametrize("codec", NOT_TEXT_CODECS)
def test_a_declared_codec_that_is_not_text_falls_back_with_a_warning(codec: str) -> None:
    page = f'<html><head><meta charset="{codec}"></head><body><p>{WINDOWS_PATH} Grüße.</p></body></html>'
    result = decode_detailed(page.encode("utf-8"), "odd.html")
    assert f"{WINDOWS_PATH} Grüße." in result.text
    assert result.encoding == "utf-8" and result.evidence == "utf-8"
    assert result.warnings == (
        f"odd.html: declares charset {codec!r}, which {_why(codec)}; the encoding is detected instead",
    )
    # Legacy bytes go to detection, not to the declared codec.
    legacy = decode_detailed(page.replace("Grüße", "Grüße " + FRENCH).encode("cp1252"), "odd.html")
    assert legacy.evidence == "detected" and "crème brûlée" in legacy.text and legacy.warnings


def _why(codec: str) -> str:
    if codec in ("utf-7", "cp037"):
        return "does not read ASCII as ASCII (as the declaration itself is)"
    return "is not a text encoding"


def test_an_unknown_declared_charset_warns() -> None:
    result = decode_detailed(b'<meta charset="x-klingon"><p>plain words</p>', "k.html")
    assert result.text.endswith("<p>plain words</p>")
    assert result.warnings == (
        "k.html: declares charset 'x-klingon', which is not a known encoding; the encoding is detected instead",
    )


@pytest.mark.parametrize("codec", ["base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "undefined",
                                   "punycode", "unicode_escape", "raw_unicode_escape", "idna"])  # fmt: skip
def test_a_forced_codec_that_is_not_text_is_refused(codec: str) -> None:
    with pytest.raises(UnknownEncodingError, match=f"not a text encoding: {codec}"):
        decode(b"plain words", "f.txt", codec)


def test_cli_runs_on_past_pages_declaring_non_text_codecs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    src = tmp_path / "pages"
    src.mkdir()
    for codec in NOT_TEXT_CODECS:
        body = f"<p>{WINDOWS_PATH}</p><p>{codec} page, second paragraph of the article body.</p>"
        (src / f"{codec}.html").write_text(f'<html><head><meta charset="{codec}"></head><body>{body}</body></html>')
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for codec in NOT_TEXT_CODECS:
        text = (out / f"{codec}.txt").read_text()
        assert WINDOWS_PATH in text and f"{codec} page" in text
        assert f"{codec}.html: declares charset {codec!r}" in result.stderr


@pytest.mark.parametrize("codec", ["base64", "undefined", "unicode_escape", "punycode"])
def test_cli_refuses_a_non_text_encoding_before_reading_any_file(tmp_path: Path, codec: str) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    src = tmp_path / "doc.txt"
    src.write_text(WINDOWS_PATH + "\n[ad_1]\n")
    for command in (["clean", str(src), "-o", str(tmp_path / "out")], ["fix", str(src)], ["check", str(src)]):
        result = CliRunner().invoke(app, [*command, "--encoding", codec])
        assert result.exit_code == 2 and f"error: not a text encoding: {codec}" in result.stderr, result.output
    assert not (tmp_path / "out").exists() and src.read_text() == WINDOWS_PATH + "\n[ad_1]\n"


def _oddity_every_position(text: str) -> int:
    """decoding._oddity as it was first written, one position at a time: the oracle of the one that
    skips ASCII runs."""
    import unicodedata

    odd = 0
    for i in range(1, len(text) - 1):
        prev, ch = text[i - 1], text[i]
        if ch.isascii() and prev.isascii():
            continue
        case_flip = prev.islower() and ch.isupper()
        inside = prev.isalpha() and text[i + 1].isalpha() and decoding._ODD_CATEGORY.match(unicodedata.category(ch))
        odd += bool(case_flip or inside)
    return odd


@given(st.text(alphabet=st.sampled_from("aZ1 .-éÉßªº¹²©™\u0301\x85\u00a0жЖ漢ｱ"), max_size=40))
def test_oddity_skipping_ascii_counts_as_every_position_does(text: str) -> None:
    assert decoding._oddity(text) == _oddity_every_position(text)


def test_oddity_on_wrong_and_right_code_pages_of_a_real_page() -> None:
    data = "Café Müller: SUPERMARCHÉ à Paris, naïve ŒUVRE, 12³ – «quoted» ÆØÅ ok\n".encode() * 20
    for codec in ("utf-8", "cp1252", "latin-1", "cp437", "cp775", "koi8-r", "shift_jis"):
        text = data.decode(codec, errors="ignore")
        assert decoding._oddity(text) == _oddity_every_position(text)


@given(
    st.text(
        alphabet=st.sampled_from("a \n\x00\x01\x08\x09\x0e\x1b\x1c\x7f\x80\x84\x85\x86\x9f\xa0\xc2é’\ud800"),
        max_size=40,
    )
)
@example("a\x01\u00a0b\x85c\x9f")
def test_controls_are_counted_as_re_finds_them(text: str) -> None:
    assert decoding._control_count(text) == len(decoding._CONTROLS.findall(text))
