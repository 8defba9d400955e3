"""Done-when of issue 5: one `cleaner clean DIR -o OUT` run over a folder mixing text, HTML, gzipped
JSONL, a latin-1 text and a UTF-16 text with a BOM; every output is UTF-8 and correct."""

from __future__ import annotations

import codecs
import gzip
import json
import subprocess
import sys
from pathlib import Path

from htmlpages import ARTICLE, news_page

STORY = [
    "Le conseil municipal a voté mardi la reconstruction du vieux pont du port, après dix ans de débats.",
    "Les ingénieurs ont expliqué que l’ouvrage, ouvert en 1931, ne peut plus porter les autobus.",
]
GERMAN = [
    "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke neu zu bauen.",
    "Die Arbeiten sollen im Frühjahr beginnen und etwa drei Jahre dauern, sagte die Bürgermeisterin.",
]


def _capture(lines: list[str]) -> str:
    """A text capture: the article with an ad shortcode inside and a comment form after it."""
    return (
        "\n\n".join([lines[0], "[ad_1]", *lines[1:], "Leave a Reply", "Your email address will not be published."])
        + "\n"
    )


def _make_folder(root: Path) -> None:
    (root / "legacy").mkdir(parents=True)
    (root / "plain.txt").write_text(_capture(ARTICLE), encoding="utf-8")
    (root / "page.html").write_text(news_page(), encoding="utf-8")
    # A Windows-1252 page: the declaration tells how to read it.
    (root / "legacy" / "page.htm").write_bytes(
        news_page(title="Le pont du port sera reconstruit", charset="windows-1252").encode("cp1252")
    )
    (root / "legacy" / "latin1.txt").write_bytes(_capture(STORY).replace("’", "'").encode("latin-1"))
    (root / "wide.txt").write_bytes(codecs.BOM_UTF16_LE + _capture(GERMAN).replace("\n", "\r\n").encode("utf-16-le"))
    records = [
        {"id": 1, "text": _capture(ARTICLE), "source": "crawl-a"},
        {"id": 2, "text": _capture(STORY), "source": "crawl-b", "lang": "fr"},
    ]
    body = b"".join(json.dumps(r).encode() + b"\n" for r in records) + b"{truncated\n"
    (root / "corpus.jsonl.gz").write_bytes(gzip.compress(body))
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def _read_utf8(path: Path) -> str:
    data = path.read_bytes()
    assert not data.startswith(codecs.BOM_UTF8) and b"\r" not in data, path
    return data.decode("utf-8")  # strict: raises if any output is not UTF-8


def _assert_clean(text: str, article: list[str]) -> None:
    for sentence in article:
        assert sentence in text
    for debris in ("[ad_1]", "Leave a Reply", "Your email address"):
        assert debris not in text


def test_mixed_folder_in_one_run(tmp_path: Path) -> None:
    src, out = tmp_path / "captures", tmp_path / "out"
    _make_folder(src)
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The binary file is refused by name (exit 2); every other file is still cleaned.
    assert done.returncode == 2, done.stderr
    assert "image.txt: binary file (contains NUL bytes)" in done.stderr
    assert "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before  # inputs untouched

    produced = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert produced == ["corpus.jsonl.gz", "legacy/latin1.txt", "legacy/page.txt", "page.txt", "plain.txt", "wide.txt"]

    _assert_clean(_read_utf8(out / "plain.txt"), ARTICLE)
    _assert_clean(_read_utf8(out / "page.txt"), ARTICLE)
    assert "Home\n" not in _read_utf8(out / "page.txt")
    legacy_page = _read_utf8(out / "legacy" / "page.txt")
    _assert_clean(legacy_page, ARTICLE)
    _assert_clean(_read_utf8(out / "legacy" / "latin1.txt"), [s.replace("’", "'") for s in STORY])
    assert "débats" in _read_utf8(out / "legacy" / "latin1.txt")
    _assert_clean(_read_utf8(out / "wide.txt"), GERMAN)

    lines = gzip.decompress((out / "corpus.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    assert lines[2] == "{truncated"  # malformed line passed through, not dropped
    first, second = (json.loads(line) for line in lines[:2])
    assert (first["id"], first["source"], second["lang"]) == (1, "crawl-a", "fr")
    _assert_clean(first["text"], ARTICLE)
    _assert_clean(second["text"], STORY)
    assert "corpus.jsonl.gz: 1 malformed line(s) passed through unchanged, line(s) 3" in done.stderr
