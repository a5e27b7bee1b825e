"""Formats sniffed from content, and text files decoded strictly.

Formats are sniffed from a file's first bytes, never trusted from the extension. Text files
are decoded strictly: BOM, UTF-8, then legacy codecs (charset detection's guess first)
judged by how plausible their output is.
"""

from __future__ import annotations

import codecs
from collections import Counter
from contextlib import suppress
from functools import cache
from pathlib import Path

import regex
from charset_normalizer import from_bytes

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError
from pipeline.stages.ingest import settings
from pipeline.stages.ingest.quality import bad_share

HEAD_BYTES = 8192

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MARKUP = regex.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|meta|title|\?xml)", regex.I)
_HTML_TAG = regex.compile(rb"<(?:html|body|div|p|table|script)\b", regex.I)


def sniff_format(head: bytes, path: Path) -> str:
    """Kind of file from its first bytes: pdf | html | xml | txt | zip | png | … | binary.

    ``path`` is not consulted: the content decides (an HTML page saved as .pdf is "html").
    """
    del path
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if bom_codec(head):
        return _markup_kind(_strip_bom_ascii(head)) or "txt"
    markup = _markup_kind(head)
    if markup:
        return markup
    return "txt" if _looks_like_text(head) else "binary"


def _markup_kind(head: bytes) -> str | None:
    if not _MARKUP.match(head):
        return None
    return "html" if _HTML_TAG.search(head[:HEAD_BYTES]) or b"<html" in head.lower() else "xml"


def _strip_bom_ascii(head: bytes) -> bytes:
    codec = bom_codec(head)
    if codec in ("utf-16", "utf-32"):
        return head.decode(codec, errors="ignore").encode("utf-8", errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8)


def _looks_like_text(head: bytes) -> bool:
    """No stray control bytes after a lenient decode (the head may cut a character)."""
    if not head:
        return False
    if head.count(0) > len(head) // 8:  # BOM-less UTF-16 has many NULs
        return _utf16_nul_pattern(head)
    for codec in ("utf-8", "gb18030"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # an error before the cut-off
                continue
            text = head[: exc.start].decode(codec)
        return bad_share(text) <= settings.ingest_rules().text.max_bad_share
    return False


def _utf16_nul_pattern(head: bytes) -> bool:
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= 2 * min(even, odd) + 2


# ---------------------------------------------------------------- text files


def bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


_LEGACY_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}


def decode_text(data: bytes) -> tuple[str, str]:
    """Strictly decoded text and the codec used; ``encoding`` error when nothing fits."""
    rules = settings.ingest_rules().text
    bom = bom_codec(data)
    if bom:
        text = strict_decode(data, bom)
        if text is None or bad_share(text) > rules.max_bad_share:
            raise PipelineError(
                ErrorCode.ENCODING, f"byte-order mark says {bom} but the bytes don't fit"
            )
        return _clean_text(text), bom
    text = strict_decode(data, "utf-8")
    if text is not None and bad_share(text) <= rules.max_bad_share:
        return _clean_text(text), "utf-8"
    for codec in _legacy_candidates(data, rules.encodings):
        text = strict_decode(data, codec)
        if text is None or bad_share(text) > rules.max_bad_share:
            continue
        if _common_share(text) >= rules.min_common_share:
            return _clean_text(text), codec
    tried = ", ".join(["utf-8", *rules.encodings])
    raise PipelineError(
        ErrorCode.ENCODING, f"undecodable text: no plausible decoding ({tried} tried)"
    )


def _legacy_candidates(data: bytes, configured: list[str]) -> list[str]:
    guess = from_bytes(data[:65536]).best()
    first = _LEGACY_ALIASES.get(guess.encoding) if guess is not None else None
    return list(dict.fromkeys([first, *configured])) if first else configured


def strict_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@cache
def _common_han() -> frozenset[str]:
    """GB2312 (levels 1–2) and Big5 level-1 ideographs: the characters real text is made of."""
    chars: set[str] = set()
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                with suppress(UnicodeDecodeError):
                    chars.add(bytes((lead, trail)).decode(codec))
    return frozenset(chars)


_COMMON_NON_HAN = regex.compile(
    r"[\x20-\x7E\u3000-\u303F\uFF01-\uFF5E\u2010-\u2027\u2030-\u205E\u00B7\u2460-\u24FF]"
)


def _common_share(text: str) -> float:
    counts = Counter(text)
    han = _common_han()
    total = common = 0
    for ch, n in counts.items():
        if ch.isspace():
            continue
        total += n
        if ch in han or _COMMON_NON_HAN.match(ch):
            common += n
    return common / total if total else 0.0
