"""Turning the bytes of a capture into text: any encoding in, UTF-8 with `\\n` line endings out.

Order of evidence, strongest first: a forced encoding (the user knows best), a byte-order mark,
a charset the document declares (HTML `<meta>` or an XML declaration), valid UTF-8, and last
charset-normalizer's guess. Only text codecs count: a name Python knows for a bytes-to-bytes
transform (base64, zlib, rot13...) or for an escape syntax (unicode_escape, punycode...) is refused
as `--encoding` and, declared by a page, ignored with a warning. Bytes that are not text at all (NUL bytes outside UTF-16/32, mostly
control characters, nothing that decodes) are refused with a message naming the file and why,
so nothing downstream ever writes garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# UTF-32 first: its little-endian BOM starts with the UTF-16 little-endian one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Where a declaration may sit: browsers pre-scan 1024 bytes; real pages put long scripts first,
# so look a little further.
_PRESCAN = 8192
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

# Labels the web uses for windows-1252 (WHATWG Encoding Standard): pages that say latin-1
# are in practice cp1252, whose 0x80-0x9F are curly quotes and dashes, not control characters.
_WEB_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}

# Codecs Python calls text encodings that decode a syntax rather than a character set: as a
# document's encoding they turn `C:\\new` into a line break, or fail on any page.
_NOT_DOCUMENT_CODECS = frozenset({"undefined", "punycode", "unicode-escape", "raw-unicode-escape", "idna"})
# A declaration was read as ASCII, so the page is in an ASCII-compatible encoding whatever it says;
# one that decodes these bytes otherwise (EBCDIC, UTF-7) is a mislabel. Backslash and tilde are
# left out: Japanese code pages map them to yen and overline and are still read right.
_ASCII_PROBE = bytes(b for b in range(0x20, 0x7F) if b not in b"\\~")

# Share of control characters (other than tab, newline, form feed...) above which a file is not text.
MAX_CONTROL_SHARE = 0.10
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# Every byte but the ASCII controls of _CONTROLS and 0xC2, the first byte of its others in UTF-8.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (0x01 <= b <= 0x08 or 0x0E <= b <= 0x1B or b in (0x7F, 0xC2)))
_SPACE = re.compile(r"\s")
_TRAILING_NULS = re.compile(rb"[\x00\s]+\Z")

# Re-ranking charset-normalizer's candidates (see _detect).
_CHAOS_MARGIN = 0.15
_MAX_CANDIDATES = 12
_SAMPLE = 65536
_ODD_CATEGORY = re.compile("S|C|No")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class NotTextError(ValueError):
    """The bytes are not text in any encoding we can tell; the message names the file and why."""


class UnknownEncodingError(LookupError):
    """A forced encoding name that Python does not know or that is not a text encoding: a usage
    error, not a file error."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """The codec's canonical name, e.g. 'utf-8', 'cp1252', 'utf-16-le'."""
    evidence: str
    """Why that encoding: 'forced', 'bom', 'declared', 'utf-8' or 'detected'."""
    warnings: tuple[str, ...] = ()
    """Evidence that was set aside, e.g. a declared charset that is not a text encoding."""


def check_encoding(name: str) -> str:
    """The canonical codec name for `name`, or UnknownEncodingError if Python does not know it or
    it is not a text encoding (for option checking)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UnknownEncodingError(f"unknown encoding: {name}") from None
    if not _is_document_codec(info):
        raise UnknownEncodingError(f"not a text encoding: {name}") from None
    return info.name


def _is_document_codec(info: codecs.CodecInfo) -> bool:
    # _is_text_encoding is how str.decode itself tells text codecs from bytes transforms.
    return bool(getattr(info, "_is_text_encoding", True)) and info.name not in _NOT_DOCUMENT_CODECS


def decode(data: bytes, name: str = "<input>", encoding: str | None = None) -> str:
    """The text of `data`, normalised to `\\n` line endings; NotTextError if it is not text."""
    return decode_detailed(data, name, encoding).text


def decode_detailed(data: bytes, name: str = "<input>", encoding: str | None = None) -> Decoded:
    if encoding:
        codec = check_encoding(encoding)
        body = _strip_bom(data, codec)
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as err:
            raise NotTextError(f"{name}: not valid {codec} (byte {err.start})") from None
        return _finish(text, codec, "forced", name)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise NotTextError(
                    f"{name}: starts with a {codec} byte-order mark but is not {codec} (byte {err.start + len(bom)})"
                ) from None
            return _finish(text, codec, "bom", name)
    wide = _bomless_utf16(data)
    if wide is not None:
        try:
            return _finish(data.decode(wide), wide, "detected", name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        # Some savers pad a file with NUL bytes after the document (after `</html>`): not binary.
        data = _TRAILING_NULS.sub(lambda m: m.group().replace(b"\x00", b""), data)
        if b"\x00" in data or not data.strip():
            raise NotTextError(f"{name}: binary file (contains NUL bytes), not text")
    utf8 = _try(data, "utf-8")
    declared, refused = _declaration(data)
    warnings = (f"{name}: {refused}; the encoding is detected instead",) if refused else ()
    # A declaration loses only to bytes that are valid UTF-8 *and* use multi-byte sequences:
    # legacy text is almost never valid UTF-8 by accident, while mislabelled UTF-8 pages are common.
    if declared is not None and declared != "utf-8" and (utf8 is None or utf8.isascii()):
        legacy = _try(data, declared)
        if legacy is not None:
            return _finish(legacy, declared, "declared", name)
    if utf8 is not None:
        return _finish(utf8, "utf-8", "declared" if declared == "utf-8" else "utf-8", name, warnings)
    guess = _detect(data)
    if guess is None:
        raise NotTextError(f"{name}: not text in any encoding that could be detected; try --encoding")
    text, codec = guess
    return _finish(text, codec, "detected", name, warnings)


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares near its start (HTML meta or XML declaration), if it is a
    text encoding Python knows."""
    return _declaration(data)[0]


def _declaration(data: bytes) -> tuple[str | None, str | None]:
    """(the declared codec, None), or (None, why a declaration was set aside), or (None, None)."""
    match = _DECLARED.search(data[:_PRESCAN])
    if match is None:
        return None, None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None, f"declares charset {label!r}, which is not a known encoding"
    # A page cannot declare UTF-16/32 in ASCII-compatible bytes and mean it: browsers read UTF-8.
    if info.name.startswith(("utf-16", "utf-32")):
        return "utf-8", None
    if not _is_document_codec(info):
        return None, f"declares charset {label!r}, which is not a text encoding"
    if _try(_ASCII_PROBE, info.name) != _ASCII_PROBE.decode("ascii"):
        return None, f"declares charset {label!r}, which does not read ASCII as ASCII (as the declaration itself is)"
    return _WEB_ALIASES.get(info.name, info.name), None


def _strip_bom(data: bytes, codec: str) -> bytes:
    for bom, bom_codec in _BOMS:
        if data.startswith(bom) and codecs.lookup(bom_codec).name == codec:
            return data[len(bom) :]
    return data


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte for mostly-ASCII text: tell which half."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    half = len(sample) // 2
    odd_nul = sample[1::2].count(0) / half
    even_nul = sample[0::2].count(0) / half
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    # charset-normalizer is slow to import; only files that are neither UTF-8 nor declared pay for it.
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    # On short texts charset-normalizer's ranking is close to arbitrary among single-byte code
    # pages (cp775 before cp1252 for French). Re-rank the near-best by how word-like the decoded
    # words look, then prefer the web's most common legacy encoding among ties.
    best_chaos = matches[0].chaos
    near = [m for m in matches if m.chaos <= best_chaos + _CHAOS_MARGIN][:_MAX_CANDIDATES]
    sample = data[:_SAMPLE]
    ranked = []
    for order, match in enumerate(near):
        codecs_named = [codecs.lookup(e).name for e in match.could_be_from_charset] or [match.encoding]
        codec = "cp1252" if "cp1252" in codecs_named else codecs.lookup(match.encoding).name
        penalty = _oddity(sample.decode(codec, errors="ignore"))
        ranked.append((penalty, codec != "cp1252", order, codec))
    for *_, codec in sorted(ranked):
        text = _try(data, codec)
        if text is not None:
            return text, codec
    return None


def _oddity(text: str) -> int:
    """How often a decoding puts a symbol, a control or a superscript digit inside a word, or a
    capital right after a lower-case letter, with a non-ASCII character involved: wrong code
    pages do, real text seldom does."""
    odd = 0
    last = len(text) - 1
    done = 0  # positions up to here are counted
    # Only a position where the character or the one before it is not ASCII can count: the text
    # between non-ASCII characters is skipped at C speed.
    for match in _NON_ASCII.finditer(text):
        for i in (match.start(), match.start() + 1):
            if i <= done or i >= last:
                continue
            done = i
            prev, ch = text[i - 1], text[i]
            case_flip = prev.islower() and ch.isupper()
            inside = prev.isalpha() and text[i + 1].isalpha() and _ODD_CATEGORY.match(unicodedata.category(ch))
            odd += bool(case_flip or inside)
    return odd


def _finish(text: str, codec: str, evidence: str, name: str, warnings: tuple[str, ...] = ()) -> Decoded:
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_binary(text, codec, name)
    return Decoded(text, codec, evidence, warnings)


def _control_count(text: str) -> int:
    """How many characters of _CONTROLS `text` holds. In UTF-8 an ASCII control's byte stands only
    for itself, and the others (U+007F-U+009F) start with 0xC2: where no 0xC2 is left among the
    bytes kept, each byte left is one control (C speed; re tests every character)."""
    left = text.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL_BYTES)
    if b"\xc2" not in left:
        return len(left)
    return len(_CONTROLS.findall(text))


def _refuse_binary(text: str, codec: str, name: str) -> None:
    if "\x00" in text:
        raise NotTextError(f"{name}: binary data (NUL characters after decoding as {codec}), not text")
    sample = text[:65536]
    controls = _control_count(sample)
    if not controls:
        return
    visible = len(sample) - len(_SPACE.findall(sample)) or 1
    if controls / visible > MAX_CONTROL_SHARE:
        raise NotTextError(f"{name}: binary data ({controls / visible:.0%} control characters as {codec}), not text")
