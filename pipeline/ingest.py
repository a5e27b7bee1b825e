"""Ingest: a file path → ``SourceDocument`` (pages of raw text), or a ``PipelineError``.

Formats are sniffed from content, never trusted from the extension. Text files are decoded
strictly (BOM, UTF-8, then legacy codecs judged by how plausible their output is). PDFs are
read page by page with pypdfium2 (fast, decodes GBK simple fonts, no radicals, drops fake-bold
duplicates). Ruled tables (rows rendered as ``cell | cell |`` lines) are found from pdfium's
path objects with pdfplumber's table geometry functions and filled with pdfium's characters;
pdfplumber (pdfminer) opens a page only when its pdfium text fails the quality check, when it
is rotated, or when its ruling lines form a grid in which no table was assembled.
"""

from __future__ import annotations

import bisect
import codecs
import ctypes
import hashlib
import logging
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex
from charset_normalizer import from_bytes
from pdfplumber.table import (
    CellGroup,
    Table,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    merge_edges,
)
from pdfplumber.utils import filter_edges
from pydantic import BaseModel

from pipeline.records import Page, PipelineError, SourceDocument
from pipeline.rules import load_rules

HEAD_BYTES = 8192
STAGE = "ingest"


def _silence_pdfminer() -> None:
    """Disable every pdfminer logger: it logs a warning per odd font (the batch reports per
    document instead) and its millions of ``log.debug`` calls then return at the first check."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if name.startswith("pdfminer") and isinstance(logger, logging.Logger):
            logger.disabled = True


_silence_pdfminer()


# ---------------------------------------------------------------- rules


class TextRules(BaseModel):
    extensions: list[str]
    encodings: list[str]
    min_common_share: float
    max_bad_share: float


class PdfRules(BaseModel):
    eof_tail_bytes: int
    max_unreadable_share: float
    outline_min_paths: int


class QualityRules(BaseModel):
    min_good_share: float
    good_ranges: list[tuple[int, int]]


class TableRules(BaseModel):
    ruling_max_thickness: float
    ruling_min_length: float
    min_score: int
    grid_min_segments: int
    min_rows: int
    min_cols: int
    plumber_when_grid_missed: bool


class IngestRules(BaseModel):
    text: TextRules
    pdf: PdfRules
    quality: QualityRules
    tables: TableRules


def _rules() -> IngestRules:
    return load_rules("ingest.yaml", IngestRules)


# ---------------------------------------------------------------- public helpers


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def doc_id_for(sha256: str) -> str:
    return sha256[:16]


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
    if _bom_codec(head):
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
    codec = _bom_codec(head)
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
        return _bad_share(text) <= _rules().text.max_bad_share
    return False


def _utf16_nul_pattern(head: bytes) -> bool:
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= 2 * min(even, odd) + 2


# ---------------------------------------------------------------- entry point


def ingest(path: str | Path, *, password: str | None = None) -> SourceDocument:
    """Read one file into a ``SourceDocument``; raise ``PipelineError`` with a stable code."""
    p = Path(path)
    size = _check_path(p)
    if size == 0:
        raise PipelineError("empty", "file is empty (0 bytes)", STAGE)
    head = _read_head(p)
    fmt = sniff_format(head, p)
    ext = p.suffix.lower()
    sha = _sha_or_unreadable(p)
    if fmt == "pdf":
        pages, warnings = _read_pdf(p, password)
        return _document(p, sha, "pdf", pages, None, warnings)
    if ext == ".pdf":
        if fmt == "binary":
            raise PipelineError("corrupt_pdf", "no %PDF- header: not a PDF or badly damaged", STAGE)
        raise PipelineError("not_pdf", f"named .pdf but the content is {fmt}, not a PDF", STAGE)
    if ext in _rules().text.extensions and fmt in ("txt", "binary"):
        text, encoding = _decode_text(_read_bytes(p))
        return _document(p, sha, "txt", _text_pages(text), encoding, ())
    raise PipelineError(
        "unsupported_format", f"unsupported format: content is {fmt}, extension {ext or 'none'}"
    )


def _document(
    p: Path,
    sha: str,
    fmt: str,
    pages: tuple[Page, ...],
    encoding: str | None,
    warnings: tuple[str, ...],
) -> SourceDocument:
    return SourceDocument(
        doc_id=doc_id_for(sha),
        source_path=str(p),
        sha256=sha,
        format=fmt,
        pages=pages,
        encoding=encoding,
        warnings=warnings,
    )


# ---------------------------------------------------------------- file system


def _check_path(p: Path) -> int:
    """Size of a readable regular file, else not_found / unreadable."""
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise PipelineError("not_found", "broken symbolic link", STAGE) from None
        raise PipelineError("not_found", "no such file", STAGE) from None
    except OSError as exc:  # ELOOP, EACCES on a parent, ENAMETOOLONG …
        raise PipelineError("unreadable", f"cannot stat: {exc.strerror or exc}", STAGE) from None
    if stat.S_ISDIR(st.st_mode):
        raise PipelineError("unreadable", "is a directory, not a file", STAGE)
    if not stat.S_ISREG(st.st_mode):
        raise PipelineError("unreadable", "not a regular file (device, FIFO or socket)", STAGE)
    if not os.access(p, os.R_OK):
        raise PipelineError("unreadable", "permission denied", STAGE)
    return st.st_size


def _read_head(p: Path) -> bytes:
    try:
        with open(p, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        raise PipelineError("unreadable", f"cannot read: {exc.strerror or exc}", STAGE) from None


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except OSError as exc:
        raise PipelineError("unreadable", f"cannot read: {exc.strerror or exc}", STAGE) from None


def _sha_or_unreadable(p: Path) -> str:
    try:
        return file_sha256(p)
    except OSError as exc:
        raise PipelineError("unreadable", f"cannot read: {exc.strerror or exc}", STAGE) from None


# ---------------------------------------------------------------- text files


def _bom_codec(data: bytes) -> str | None:
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


def _decode_text(data: bytes) -> tuple[str, str]:
    """Strictly decoded text and the codec used; ``encoding`` error when nothing fits."""
    rules = _rules().text
    bom = _bom_codec(data)
    if bom:
        text = _strict(data, bom)
        if text is None or _bad_share(text) > rules.max_bad_share:
            raise PipelineError("encoding", f"byte-order mark says {bom} but the bytes don't fit")
        return _clean_text(text), bom
    text = _strict(data, "utf-8")
    if text is not None and _bad_share(text) <= rules.max_bad_share:
        return _clean_text(text), "utf-8"
    for codec in _legacy_candidates(data, rules.encodings):
        text = _strict(data, codec)
        if text is None or _bad_share(text) > rules.max_bad_share:
            continue
        if _common_share(text) >= rules.min_common_share:
            return _clean_text(text), codec
    tried = ", ".join(["utf-8", *rules.encodings])
    raise PipelineError("encoding", f"undecodable text: no plausible decoding ({tried} tried)")


def _legacy_candidates(data: bytes, configured: list[str]) -> list[str]:
    guess = from_bytes(data[:65536]).best()
    first = _LEGACY_ALIASES.get(guess.encoding) if guess is not None else None
    return list(dict.fromkeys([first, *configured])) if first else configured


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_pages(text: str) -> tuple[Page, ...]:
    if not text.strip():
        raise PipelineError("empty", "text file holds only whitespace")
    return tuple(Page(i, part) for i, part in enumerate(text.split("\f"), start=1))


_BAD_CHAR = regex.compile(r"[\p{Cc}\p{Co}\p{Cn}\p{Cs}\uFFFD]")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _bad_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for m in _BAD_CHAR.finditer(text) if m.group() not in _ALLOWED_CONTROLS)
    return bad / len(text)


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


# ---------------------------------------------------------------- page text quality


_CID = regex.compile(r"\(cid:\d+\)")
# Unicode White_Space (what the regex module's \s matches), spelt out for the stdlib ``re``
# classes below: ``re`` scans these single-character classes about ten times faster.
_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_CHAR = re.compile(f"[{re.escape(_WHITESPACE)}]")


@dataclass(frozen=True)
class Quality:
    chars: int  # non-space characters, a (cid:N) token counting one
    good: int

    @property
    def share(self) -> float:
        return self.good / self.chars if self.chars else 1.0


@cache
def _bad_char() -> re.Pattern[str]:
    """One character that is neither whitespace nor in a good range."""
    parts = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _rules().quality.good_ranges)
    return re.compile(f"[^{parts}{re.escape(_WHITESPACE)}]")


def text_quality(text: str) -> Quality:
    """How much of a page text is made of characters a Chinese notice is written in.

    Counts, without building the text stripped of whitespace: a page of clean text has
    few bad characters, so finding those is cheap.
    """
    cids = 0
    if "(cid:" in text:
        cids = len(_CID.findall(text))
        text = _CID.sub("", text)
    chars = len(text) - len(_SPACE_CHAR.findall(text))
    return Quality(chars=chars + cids, good=chars - len(_bad_char().findall(text)))


def _usable(q: Quality) -> bool:
    return q.share >= _rules().quality.min_good_share


# ---------------------------------------------------------------- raw pdfium calls


def _bare(fn: Any) -> Any:
    """A pypdfium2 raw function without ctypes' per-call argument conversion: about three
    times cheaper a call in the per-object and per-character loops. Pass it only handles
    pdfium returned, ``byref`` objects and Python ints where C takes an ``int``."""
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = fn.restype
    return bare


_count_objects = _bare(pdfium_c.FPDFPage_CountObjects)
_get_object = _bare(pdfium_c.FPDFPage_GetObject)
_obj_type = _bare(pdfium_c.FPDFPageObj_GetType)
_obj_bounds = _bare(pdfium_c.FPDFPageObj_GetBounds)
_obj_matrix = _bare(pdfium_c.FPDFPageObj_GetMatrix)
_count_segments = _bare(pdfium_c.FPDFPath_CountSegments)
_get_segment = _bare(pdfium_c.FPDFPath_GetPathSegment)
_segment_point = _bare(pdfium_c.FPDFPathSegment_GetPoint)
_segment_type = _bare(pdfium_c.FPDFPathSegment_GetType)
_segment_close = _bare(pdfium_c.FPDFPathSegment_GetClose)
_char_box = _bare(pdfium_c.FPDFText_GetCharBox)
_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PathObject = tuple[Any, _Matrix]  # a path object, the matrix of its enclosing forms


# ---------------------------------------------------------------- PDF


@dataclass(frozen=True)
class _Census:
    images: int
    table_score: int
    paths: int

    @property
    def needs_ocr(self) -> bool:
        """Page content is pictures or outlined glyphs (when it has no text)."""
        return self.images > 0 or self.paths >= _rules().pdf.outline_min_paths


@dataclass(frozen=True)
class _PageRead:
    text: str
    unreadable: int = 0  # characters of a text layer nobody could read
    image_only: bool = False
    warning: str | None = None


def _read_pdf(p: Path, password: str | None) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    warnings: list[str] = []
    if not _has_eof_marker(p):
        warnings.append("no %%EOF marker at the end of the file: it may be truncated")
    doc = _open_pdfium(p, password)
    reads: list[_PageRead] = []
    try:
        with _Plumber(p, password) as plumber:
            reads = [_read_page(doc, i, plumber) for i in range(len(doc))]
    finally:
        doc.close()
    warnings.extend(r.warning for r in reads if r.warning)
    _check_pdf_outcome(reads)
    pages = tuple(Page(i, r.text) for i, r in enumerate(reads, start=1))
    return pages, tuple(warnings)


def _check_pdf_outcome(reads: list[_PageRead]) -> None:
    if not reads:
        raise PipelineError("empty", "the PDF has no pages")
    if not any(r.text.strip() for r in reads) and not any(r.unreadable for r in reads):
        if any(r.image_only for r in reads):
            raise PipelineError(
                "no_text_layer",
                f"no text layer on any of {len(reads)} pages (image-only scan or outlined "
                "glyphs): run OCR first",
            )
        raise PipelineError("empty", f"no text and no images on any of {len(reads)} pages")
    unreadable = sum(r.unreadable for r in reads)
    readable = sum(len(r.text) for r in reads)
    if unreadable and unreadable >= _rules().pdf.max_unreadable_share * (unreadable + readable):
        bad = [str(i) for i, r in enumerate(reads, start=1) if r.unreadable]
        raise PipelineError(
            "unreadable_text",
            "text layer unreadable by pdfium and pdfplumber ((cid:N) glyphs, replacement "
            f"characters or mojibake) on page(s) {', '.join(bad[:10])}: run OCR instead",
        )


def _has_eof_marker(p: Path) -> bool:
    tail = _rules().pdf.eof_tail_bytes
    with open(p, "rb") as fh:
        fh.seek(max(0, p.stat().st_size - tail))
        return b"%%EOF" in fh.read()


def _open_pdfium(p: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(p), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise PipelineError(
                    "encrypted", "PDF is encrypted: pass its password with --password", STAGE
                ) from None
            raise PipelineError(
                "encrypted", "PDF is encrypted and the --password given is wrong", STAGE
            ) from None
        if code == pdfium_c.FPDF_ERR_FILE:
            raise PipelineError("unreadable", "pdfium cannot open the file", STAGE) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PipelineError("encrypted", "unsupported PDF security handler", STAGE) from None
        raise PipelineError("corrupt_pdf", f"damaged or truncated PDF ({exc})", STAGE) from None


class _Plumber:
    """pdfplumber opened on first use only; pages closed after use to bound memory."""

    def __init__(self, path: Path, password: str | None) -> None:
        self._path, self._password = path, password
        self._pdf: Any = None
        self.failed = False

    def __enter__(self) -> _Plumber:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pdf is None:
            return
        try:
            self._pdf.close()  # builds every page first: may meet a malformed one
        except Exception:
            self._pdf.stream.close()

    @contextmanager
    def page(self, index: int, *, dedupe: bool = True) -> Iterator[Any]:
        """One pdfplumber page, fake-bold duplicates dropped unless ``dedupe`` is False."""
        if self._pdf is None:
            _silence_pdfminer()  # loggers of pdfminer modules imported since
            self._pdf = pdfplumber.open(self._path, password=self._password)
        page = self._pdf.pages[index]
        try:
            yield _dedupe_chars(page) if dedupe else page
        finally:
            page.close()


def _dedupe_chars(page: Any, tolerance: float = 1.0) -> Any:
    """Drop fake-bold duplicates: same glyph, font and size within ``tolerance`` pt.

    Same rule as pdfplumber's ``dedupe_chars()``, in linear time (a grid of buckets)
    instead of its sort, which takes most of a second on a busy page.
    """
    seen: dict[tuple[Any, ...], list[tuple[float, float]]] = {}
    drop: set[int] = set()
    for ch in page.chars:
        x, y = ch["x0"], ch["top"]
        gx, gy = int(x // tolerance), int(y // tolerance)
        key = (ch["text"], ch.get("fontname"), round(ch.get("size", 0), 1))
        near = (
            (px, py)
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for px, py in seen.get((*key, gx + dx, gy + dy), ())
        )
        if any(abs(px - x) <= tolerance and abs(py - y) <= tolerance for px, py in near):
            drop.add(id(ch))
        else:
            seen.setdefault((*key, gx, gy), []).append((x, y))
    if not drop:
        return page
    return page.filter(lambda o: o.get("object_type") != "char" or id(o) not in drop)


@dataclass(frozen=True)
class _Scan:
    """What pdfium reads of one page, with the fast-path table rendering if any."""

    text: str
    quality: Quality
    census: _Census
    chars: _Chars | None = None  # set on usable, unrotated table candidates
    tabled: str | None = None  # page text with table rows, from pdfium alone
    grid_missed: bool = False  # ruling lines form a grid, yet no table was assembled

    @property
    def table_candidate(self) -> bool:
        return self.census.table_score >= _rules().tables.min_score


def _read_page(doc: pdfium.PdfDocument, index: int, plumber: _Plumber) -> _PageRead:
    number = index + 1
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        return _PageRead("", warning=f"page {number}: pdfium cannot load it ({exc})")
    try:
        scan = _scan_page(page)
    finally:
        page.close()
    warning = None
    if scan.table_candidate:
        tabled = scan.tabled
        if tabled is None and _needs_plumber_tables(scan):
            chars = scan.chars
            tabled = _try_plumber(
                plumber, index, lambda pl: _tables_text(pl, chars), dedupe=chars is None
            )
        if tabled is not None:
            if _usable(text_quality(tabled)):
                return _PageRead(tabled)
            warning = f"page {number}: table text unreadable in pdfplumber, kept as plain text"
    text, quality, census = scan.text, scan.quality, scan.census
    if _usable(quality):
        if not text.strip() and census.needs_ocr:
            return _PageRead("", image_only=True, warning=f"page {number}: no text layer (OCR)")
        return _PageRead(text, warning=warning)
    alt = _try_plumber(plumber, index, _plain_text)
    if alt is not None and _usable(text_quality(alt)):
        return _PageRead(alt, warning=f"page {number}: pdfium text unreadable, pdfplumber used")
    return _PageRead(
        "", unreadable=max(quality.chars, 1), warning=f"page {number}: text layer unreadable"
    )


def _scan_page(page: pdfium.PdfPage) -> _Scan:
    """pdfium text, quality and census; on table candidates, the tables from path edges."""
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        text = _clean_pdfium(raw)
        quality = text_quality(text)
        census, paths = _census(page)
        scan = _Scan(text, quality, census)
        if not scan.table_candidate or not _usable(quality):
            return scan
        chars = _pdfium_chars(page, textpage, raw)
    finally:
        textpage.close()
    if chars is None:  # rotated page or odd text map: pdfplumber's chars and tables
        return scan
    tables, missed = _fast_tables(page, paths)
    tabled = _render_tables(tables, chars, _rules().tables) if tables else None
    return _Scan(text, quality, census, chars, tabled, missed)


def _needs_plumber_tables(scan: _Scan) -> bool:
    """pdfplumber's tables when pdfium's characters cannot be used, or a grid was missed."""
    if scan.chars is None:
        return True
    return scan.grid_missed and _rules().tables.plumber_when_grid_missed


@dataclass(frozen=True)
class _Chars:
    """pdfium's page text with each character's centre in pdfplumber's coordinates."""

    text: str
    centres: list[tuple[float, float] | None]  # None: a generated space or line break


def _pdfium_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, raw: str) -> _Chars | None:
    """Character centres (x, top-based y); None when pdfplumber's space cannot be matched."""
    if page.get_rotation() or len(raw) != textpage.count_chars():
        return None
    _, bottom, _, top = page.get_mediabox()
    height = top - bottom  # pdfplumber: top = mediabox height - pdf y
    x0, x1, y0, y1 = box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    r0, r1, r2, r3 = (ctypes.byref(v) for v in box)
    get_box, handle = _char_box, textpage.raw
    centres: list[tuple[float, float] | None] = []
    add = centres.append
    for i, ch in enumerate(raw):  # one call a character: the hottest loop of a table page
        if ch.isspace() or not get_box(handle, i, r0, r1, r2, r3):
            add(None)
            continue
        left, right, low, high = x0.value, x1.value, y0.value, y1.value
        if right <= left and high <= low:
            add(None)
        else:
            add(((left + right) / 2, height - (low + high) / 2))
    return _Chars(raw, centres)


def _try_plumber(
    plumber: _Plumber, index: int, read: Callable[[Any], str | None], *, dedupe: bool = True
) -> str | None:
    """Run a pdfplumber reader on one page; a pdfminer failure means "no alternative"."""
    try:
        with plumber.page(index, dedupe=dedupe) as page:
            return read(page)
    except Exception:  # pdfminer raises many types on broken content streams
        return None


_LINE_BREAK = regex.compile(r"\r\n?|\f")


def _clean_pdfium(text: str) -> str:
    return _LINE_BREAK.sub("\n", text).replace("\ufffe", "")


def _census(page: pdfium.PdfPage) -> tuple[_Census, list[_PathObject]]:
    """Images and a ruling-line score from pdfium page objects (no layout analysis), and
    the path objects, so that a table page walks its objects once.

    The score is summed only until the page scores as a table candidate.
    """
    rules = _rules().tables
    images = score = 0
    paths: list[_PathObject] = []
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    for obj, kind, ctm in _page_objects(page.raw, _IDENTITY, 0):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        paths.append((obj, ctm))
        if score >= rules.min_score or not _obj_bounds(obj, *refs):
            continue
        left, bottom, right, top = (v.value for v in box)
        score += _ruling_score(obj, right - left, top - bottom, rules)
    return _Census(images=images, table_score=score, paths=len(paths)), paths


def _page_objects(parent: Any, ctm: _Matrix, depth: int) -> Iterator[tuple[Any, int, _Matrix]]:
    """Page objects with their type and the matrix from their parent's space to the page,
    descending into form XObjects (a few levels)."""
    if depth:  # forms are rare: pypdfium2's checked calls (the index is an unsigned long)
        count = pdfium_c.FPDFFormObj_CountObjects(parent)
        get = pdfium_c.FPDFFormObj_GetObject
    else:
        count, get = _count_objects(parent), _get_object
    for i in range(max(count, 0)):
        obj = get(parent, i)
        kind = _obj_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 3:
            yield from _page_objects(obj, _compose(_object_matrix(obj), ctm), depth + 1)
        else:
            yield obj, kind, ctm


def _ruling_score(obj: Any, width: float, height: float, rules: TableRules) -> int:
    """1 for a ruling line, 2 for a box, 4 for a grid path; 0 for small shapes."""
    if max(width, height) < rules.ruling_min_length:
        return 0
    if min(width, height) <= rules.ruling_max_thickness:
        return 1
    if _count_segments(obj) >= rules.grid_min_segments:
        return 4
    return 2


def _plain_text(page: Any) -> str:
    return page.extract_text() or ""


# ---------------------------------------------------------------- ruled tables

# Tables are found as pdfplumber finds them (its default "lines" settings and geometry
# functions), from edges taken off pdfium's path objects instead of pdfminer's layout.

_Point = tuple[float, float]
_Box = tuple[float, float, float, float]
_AXIS_EPS = 0.01  # pt: a segment this close to level/plumb is horizontal/vertical
_NO_PAGE: Any = None  # a Table needs its page only for extract(), never called here


class _Table(Table):
    """A pdfplumber table whose rows and box are computed once (not on every access)."""

    @cached_property
    def rows(self) -> list[CellGroup]:  # type: ignore[override]
        return super().rows

    @cached_property
    def bbox(self) -> _Box:  # type: ignore[override]
        return super().bbox


@cache
def _table_settings() -> TableSettings:
    """pdfplumber's ``find_tables()`` defaults: the fast path and the fallback agree."""
    return TableSettings.resolve(None)


def _fast_tables(
    page: pdfium.PdfPage, paths: list[_PathObject] | None = None
) -> tuple[list[Table], bool]:
    """Real tables (top-down) from the page's path edges, and whether the edges hold a grid
    in which no table at all was assembled (pdfplumber's own find_tables may then be asked).

    ``paths``: the page's path objects when the census already collected them.
    """
    settings = _table_settings()
    left, bottom, right, top = page.get_mediabox()
    height = top - bottom
    edges = merge_edges(
        _path_edges(page, height, settings.edge_min_length_prefilter, paths),
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    points = edges_to_intersections(
        edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    cells = _intersections_to_cells(points)
    found = [_Table(_NO_PAGE, group) for group in cells_to_tables(cells)]
    rules = _rules().tables
    page_box = (left, height - top, right, height - bottom)  # as pdfplumber's page.bbox
    tables = [t for t in found if _is_real_table(t, rules, page_box)]
    h_edges = sum(1 for e in edges if e["orientation"] == "h")
    grid = h_edges > rules.min_rows and len(edges) - h_edges > rules.min_cols
    return sorted(tables, key=lambda t: t.bbox[1]), grid and not found


def _path_edges(
    page: pdfium.PdfPage,
    height: float,
    min_length: float,
    paths: list[_PathObject] | None = None,
) -> list[dict[str, Any]]:
    """Horizontal and vertical straight segments of every path object, as pdfplumber edges.

    Like pdfplumber's rect/line/curve edges: every side of a rectangle, filled or stroked,
    in top-down coordinates (top = page height - y); Bézier segments are skipped.
    """
    if paths is None:
        paths = _path_objects(page)
    edges: list[dict[str, Any]] = []
    for obj, ctm in paths:
        for p, q in _segments(obj, _compose(_object_matrix(obj), ctm)):
            edge = _edge(p, q, height, min_length)
            if edge is not None:
                edges.append(edge)
    return edges


def _path_objects(page: pdfium.PdfPage) -> list[_PathObject]:
    """Path objects with the matrix from their parent's space to the page (forms nested)."""
    objects = _page_objects(page.raw, _IDENTITY, 0)
    return [(obj, ctm) for obj, kind, ctm in objects if kind == pdfium_c.FPDF_PAGEOBJ_PATH]


def _object_matrix(obj: Any) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not _obj_matrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(first: _Matrix, then: _Matrix) -> _Matrix:
    """The matrix applying ``first``, then ``then`` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _segments(obj: Any, m: _Matrix) -> Iterator[tuple[_Point, _Point]]:
    """Straight segments of a path (line-to and close), in page space."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    start: _Point | None = None
    cur: _Point | None = None
    for i in range(_count_segments(obj)):
        seg = _get_segment(obj, i)
        if not _segment_point(seg, px, py):
            continue
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = _segment_type(seg)
        if kind == _MOVETO:
            start = pt
        elif kind == _LINETO and cur is not None:
            yield cur, pt
        cur = pt
        if start is not None and _segment_close(seg):
            yield pt, start
            cur = start


def _edge(p: _Point, q: _Point, height: float, min_length: float) -> dict[str, Any] | None:
    """pdfplumber's edge dict for a level or plumb segment at least ``min_length`` long."""
    (x0, y0), (x1, y1) = p, q
    if abs(x0 - x1) <= _AXIS_EPS and abs(y0 - y1) >= min_length:
        top, bottom = sorted((height - y0, height - y1))
        x = (x0 + x1) / 2
        return {
            "object_type": "path_edge",
            "orientation": "v",
            "x0": x,
            "x1": x,
            "top": top,
            "doctop": top,
            "bottom": bottom,
            "width": 0.0,
            "height": bottom - top,
        }
    if abs(y0 - y1) <= _AXIS_EPS and abs(x0 - x1) >= min_length:
        x0, x1 = sorted((x0, x1))
        top = height - (y0 + y1) / 2
        return {
            "object_type": "path_edge",
            "orientation": "h",
            "x0": x0,
            "x1": x1,
            "top": top,
            "doctop": top,
            "bottom": top,
            "width": x1 - x0,
            "height": 0.0,
        }
    return None


def _intersections_to_cells(points: dict[_Point, dict[str, list[Any]]]) -> list[_Box]:
    """pdfplumber's ``intersections_to_cells``, same cells in the same order, without its
    quadratic scans: the points below/right of a point come from its column/row lists."""
    order = sorted(points)
    v_sets = {pt: {_edge_box(e) for e in points[pt]["v"]} for pt in order}
    h_sets = {pt: {_edge_box(e) for e in points[pt]["h"]} for pt in order}
    columns: dict[float, list[_Point]] = {}
    rows: dict[float, list[_Point]] = {}
    for pt in order:  # sorted by (x, top): columns run down, rows run right
        columns.setdefault(pt[0], []).append(pt)
        rows.setdefault(pt[1], []).append(pt)

    # Points in a column differ in top only, points in a row in x only: pdfplumber's
    # edge_connects then reduces to "share a vertical / a horizontal edge".
    def smallest_cell(pt: _Point) -> _Box | None:
        column, row = columns[pt[0]], rows[pt[1]]
        v_pt, h_pt = v_sets[pt], h_sets[pt]
        right = row[row.index(pt) + 1 :]
        for below_pt in column[column.index(pt) + 1 :]:
            if v_pt.isdisjoint(v_sets[below_pt]):
                continue
            h_below = h_sets[below_pt]
            for right_pt in right:
                if h_pt.isdisjoint(h_sets[right_pt]):
                    continue
                corner = (right_pt[0], below_pt[1])
                if (
                    corner in points
                    and not v_sets[corner].isdisjoint(v_sets[right_pt])
                    and not h_sets[corner].isdisjoint(h_below)
                ):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [cell for pt in order[:-1] if (cell := smallest_cell(pt)) is not None]


def _edge_box(edge: dict[str, Any]) -> _Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _tables_text(page: Any, chars: _Chars | None) -> str | None:
    """Page text with each ruled table's rows as ``cell | cell |`` lines, in reading order.

    pdfplumber finds the tables; their cells and the text around them are filled with
    pdfium's characters when ``chars`` is given, else with pdfplumber's. None when no real
    table is found (the caller keeps pdfium's plain text).
    """
    rules = _rules().tables
    found = [t for t in page.find_tables() if _is_real_table(t, rules, page.bbox)]
    tables = sorted(found, key=lambda t: t.bbox[1])
    if not tables:
        return None
    if chars is None:
        return _tables_text_plumber(page, tables, rules)
    return _render_tables(tables, chars, rules)


def _render_tables(tables: list[Any], chars: _Chars, rules: TableRules) -> str | None:
    """Tables (sorted top-down) filled with pdfium's characters, rows as ``cell | cell |``."""
    while tables:  # a frame or shading box holding free text is no table: drop, refill
        groups, cells = _fill(tables, chars)
        kept = [t for t, c in zip(tables, cells, strict=True) if _filled(c, rules)]
        if len(kept) == len(tables):
            break
        tables = kept
    if not tables:
        return None
    blocks = [_clean_block("".join(groups[0]))]
    for k, table in enumerate(tables):
        blocks.extend(_row_line(row) for row in _merge_down(table, cells[k]) if any(row))
        blocks.append(_clean_block("".join(groups[k + 1])))
    return "\n".join(b for b in blocks if b)


_Cells = list[list[str | None]]


def _fill(tables: list[Any], chars: _Chars) -> tuple[list[list[str]], list[_Cells]]:
    """Distribute pdfium's characters over table cells and the text groups between tables.

    A character without a box (a space, a line break) goes where the one before it went;
    runs of characters going to the same place are moved as one slice of the text.
    """
    locator = _Locator.of(tables)
    cells: list[_Cells] = [
        [["" if c is not None else None for c in row.cells] for row in t.rows] for t in tables
    ]
    groups: list[list[str]] = [[] for _ in range(len(tables) + 1)]
    text = chars.text
    where: _Where = 0
    start = 0
    # the region of the last point: most characters fall in the same one as the one before
    x0 = x1 = y0 = y1 = 0.0
    for i, centre in enumerate(chars.centres):
        if centre is None:
            continue
        x, y = centre
        if x0 < x < x1 and y0 < y < y1:
            continue
        here, (x0, x1, y0, y1) = locator.region(x, y)
        if here != where:
            _put(groups, cells, where, text[start:i])
            where, start = here, i
    _put(groups, cells, where, text[start:])
    return groups, cells


_Where = tuple[int, int, int] | int  # (table, row, column) of a cell, or a text group


def _put(groups: list[list[str]], cells: list[_Cells], where: _Where, piece: str) -> None:
    if not piece:
        return
    if isinstance(where, int):
        groups[where].append(piece)
    else:
        k, r, c = where
        cells[k][r][c] = (cells[k][r][c] or "") + piece


def _filled(cells: _Cells, rules: TableRules) -> bool:
    """At least ``min_rows`` rows with text in ``min_cols`` cells."""
    full = sum(1 for row in cells if sum(1 for c in row if c and c.strip()) >= rules.min_cols)
    return full >= rules.min_rows


@dataclass(frozen=True)
class _Grid:
    """A found table's cells indexed by row top, for point lookups in O(log rows)."""

    bbox: tuple[float, float, float, float]
    row_tops: list[float]
    rows: list[list[tuple[int, tuple[float, float, float, float]]]]
    tallest: float

    @classmethod
    def of(cls, table: Any) -> _Grid:
        rows = [[(c, b) for c, b in enumerate(row.cells) if b is not None] for row in table.rows]
        heights = [b[3] - b[1] for row in rows for _, b in row]
        return cls(table.bbox, [r.bbox[1] for r in table.rows], rows, max(heights, default=0))

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point; merged cells belong to their top row."""
        r = bisect.bisect_right(self.row_tops, y) - 1
        while r >= 0 and self.row_tops[r] >= y - self.tallest:
            for c, (x0, top, x1, bottom) in self.rows[r]:
                if x0 <= x <= x1 and top <= y <= bottom:
                    return r, c
            r -= 1
        return None


def _locate(grids: list[_Grid], tops: list[float], centre: tuple[float, float]) -> _Where:
    """(table, row, column) of the cell holding a point, else the text group it falls in."""
    x, y = centre
    for k, grid in enumerate(grids):
        x0, top, x1, bottom = grid.bbox
        if x0 <= x <= x1 and top <= y <= bottom:
            hit = grid.cell_at(x, y)
            if hit is not None:
                return k, *hit
    return bisect.bisect_right(tops, y)


_EDGE_EPS = 1e-6  # pt: a point this close to a coordinate ``_locate`` tests is located alone


@dataclass(frozen=True)
class _Locator:
    """``_locate`` for a page of points, in O(log n) a point.

    ``_locate`` only compares a point with a fixed set of coordinates (cell, row and table
    edges; row tops plus the tallest cell): between two consecutive ones in x and in y its
    answer cannot change, so it is computed once per such region and remembered. Points on
    or within ``_EDGE_EPS`` of a coordinate (or not finite) are located one by one.
    """

    grids: list[_Grid]
    tops: list[float]
    xs: list[float]  # sorted, between -inf and +inf sentinels
    ys: list[float]
    memo: dict[tuple[int, int], _Where]

    @classmethod
    def of(cls, tables: list[Any]) -> _Locator:
        grids = [_Grid.of(t) for t in tables]
        tops = [t.bbox[1] for t in tables]
        xs: set[float] = set()
        ys: set[float] = set(tops)
        for grid in grids:
            x0, top, x1, bottom = grid.bbox
            xs.update((x0, x1))
            ys.update((top, bottom, *grid.row_tops))
            ys.update(t + grid.tallest for t in grid.row_tops)
            for row in grid.rows:
                for _, (cx0, ctop, cx1, cbottom) in row:
                    xs.update((cx0, cx1))
                    ys.update((ctop, cbottom))
        inf = float("inf")
        return cls(grids, tops, [-inf, *sorted(xs), inf], [-inf, *sorted(ys), inf], {})

    def region(self, x: float, y: float) -> tuple[_Where, _Box]:
        """Where the point is, and the open box (x0, x1, y0, y1) around it in which every
        point is at the same place (an empty box when the point is near a coordinate)."""
        xs, ys = self.xs, self.ys
        i = bisect.bisect_left(xs, x)
        j = bisect.bisect_left(ys, y)
        box = (xs[i - 1] + _EDGE_EPS, xs[i] - _EDGE_EPS, ys[j - 1] + _EDGE_EPS, ys[j] - _EDGE_EPS)
        if not (box[0] < x < box[1] and box[2] < y < box[3]):
            return _locate(self.grids, self.tops, (x, y)), _NO_BOX
        where = self.memo.get((i, j))
        if where is None:
            where = self.memo[i, j] = _locate(self.grids, self.tops, (x, y))
        return where, box

    def at(self, x: float, y: float) -> _Where:
        return self.region(x, y)[0]


_NO_BOX: _Box = (0.0, 0.0, 0.0, 0.0)


_BLANK_LINES = regex.compile(r"\n[ \t\u3000]*(?=\n)")


def _clean_block(text: str) -> str:
    return _BLANK_LINES.sub("", _clean_pdfium(text)).strip("\n")


def _tables_text_plumber(page: Any, tables: list[Any], rules: TableRules) -> str | None:
    """The same rendering from pdfplumber's own characters (rotated pages, odd text maps)."""
    values = [t.extract() for t in tables]
    kept = [(t, v) for t, v in zip(tables, values, strict=True) if _filled(v, rules)]
    if not kept:
        return None
    tables = [t for t, _ in kept]
    boxes = [t.bbox for t in tables]
    tops = [b[1] for b in boxes]

    def group(ch: dict[str, Any]) -> int:
        """-1 inside a table; else how many tables start above the char (text after them)."""
        if _inside_any(ch, boxes):
            return -1
        return bisect.bisect_right(tops, (ch["top"] + ch["bottom"]) / 2)

    def text_of(k: int) -> str:
        sub = page.filter(lambda o: o.get("object_type") != "char" or group(o) == k)
        return (sub.extract_text() or "").strip("\n")

    blocks = [text_of(0)]
    for k, (table, cells) in enumerate(kept, start=1):
        blocks.extend(_row_line(row) for row in _merge_down(table, cells) if any(row))
        blocks.append(text_of(k))
    return "\n".join(b for b in blocks if b)


def _is_real_table(table: Any, rules: TableRules, page_box: tuple[float, ...]) -> bool:
    """Enough rows and columns, and on the page (clip and shading boxes reach far off it)."""
    x0, top, x1, bottom = table.bbox
    px0, ptop, px1, pbottom = page_box
    margin = rules.ruling_min_length
    on_page = x0 >= px0 - margin and top >= ptop - margin
    on_page = on_page and x1 <= px1 + margin and bottom <= pbottom + margin
    rows = table.rows
    return (
        on_page
        and len(rows) >= rules.min_rows
        and max(len(r.cells) for r in rows) >= rules.min_cols
    )


def _inside_any(ch: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _merge_down(table: Any, values: _Cells) -> list[list[str]]:
    """Cell texts per row; a cell covered by a vertically merged cell inherits its value."""
    rows = table.rows
    for r in range(1, len(values)):
        row_top = rows[r].bbox[1]
        for c, cell in enumerate(values[r]):
            if cell is not None or c >= len(rows[r].cells):
                continue
            above = _covering_cell_above(rows, r, c, row_top)
            if above is not None:
                values[r][c] = values[above][c]
    return [[_cell_text(v) for v in row] for row in values]


def _covering_cell_above(rows: list[Any], r: int, c: int, row_top: float) -> int | None:
    for up in range(r - 1, -1, -1):
        cells = rows[up].cells
        if c < len(cells) and cells[c] is not None:
            return up if cells[c][3] > row_top + 1 else None
    return None


def _cell_text(value: str | None) -> str:
    if not value:
        return ""
    lines = [ln.strip() for ln in value.splitlines() if ln.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += line if _joins_tight(out[-1], line[0]) else " " + line
    return out.replace("|", "｜")


_TIGHT = regex.compile(r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF]")


def _joins_tight(left: str, right: str) -> bool:
    """No space across a line break when either side is CJK (ideograph or CJK punctuation)."""
    return bool(_TIGHT.match(left) or _TIGHT.match(right))


def _row_line(cells: list[str]) -> str:
    return " ".join(f"{c} |" if c else "|" for c in cells)
