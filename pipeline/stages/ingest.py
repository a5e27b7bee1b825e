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
import logging
import math
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeAlias

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex
from charset_normalizer import from_bytes
from pdfplumber.table import TableSettings

from pipeline.catalog import ErrorCode
from pipeline.identity import doc_id_for, file_sha256
from pipeline.records import Page, PipelineError, SourceDocument
from pipeline.rules import RuleModel, load_rules

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


class TextRules(RuleModel):
    extensions: list[str]
    encodings: list[str]
    min_common_share: float
    max_bad_share: float


class PdfRules(RuleModel):
    eof_tail_bytes: int
    max_unreadable_share: float
    outline_min_paths: int


class QualityRules(RuleModel):
    min_good_share: float
    good_ranges: list[tuple[int, int]]


class TableRules(RuleModel):
    ruling_max_thickness: float
    ruling_min_length: float
    min_score: int
    grid_min_segments: int
    min_rows: int
    min_cols: int
    plumber_when_grid_missed: bool


class IngestRules(RuleModel):
    text: TextRules
    pdf: PdfRules
    quality: QualityRules
    tables: TableRules


def _rules() -> IngestRules:
    return load_rules("ingest.yaml", IngestRules)


# ---------------------------------------------------------------- public helpers


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
        raise PipelineError(ErrorCode.EMPTY, "file is empty (0 bytes)", STAGE)
    head = _read_head(p)
    fmt = sniff_format(head, p)
    ext = p.suffix.lower()
    sha = _sha_or_unreadable(p)
    if fmt == "pdf":
        pages, warnings = _read_pdf(p, password)
        return _document(p, sha, "pdf", pages, None, warnings)
    if ext == ".pdf":
        if fmt == "binary":
            message = "no %PDF- header: not a PDF or badly damaged"
            raise PipelineError(ErrorCode.CORRUPT_PDF, message, STAGE)
        raise PipelineError(
            ErrorCode.NOT_PDF, f"named .pdf but the content is {fmt}, not a PDF", STAGE
        )
    if ext in _rules().text.extensions and fmt in ("txt", "binary"):
        text, encoding = _decode_text(_read_bytes(p))
        return _document(p, sha, "txt", _text_pages(text), encoding, ())
    raise PipelineError(
        ErrorCode.UNSUPPORTED_FORMAT,
        f"unsupported format: content is {fmt}, extension {ext or 'none'}",
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
            raise PipelineError(ErrorCode.NOT_FOUND, "broken symbolic link", STAGE) from None
        raise PipelineError(ErrorCode.NOT_FOUND, "no such file", STAGE) from None
    except OSError as exc:  # ELOOP, EACCES on a parent, ENAMETOOLONG …
        raise PipelineError(
            ErrorCode.UNREADABLE, f"cannot stat: {exc.strerror or exc}", STAGE
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise PipelineError(ErrorCode.UNREADABLE, "is a directory, not a file", STAGE)
    if not stat.S_ISREG(st.st_mode):
        raise PipelineError(
            ErrorCode.UNREADABLE, "not a regular file (device, FIFO or socket)", STAGE
        )
    if not os.access(p, os.R_OK):
        raise PipelineError(ErrorCode.UNREADABLE, "permission denied", STAGE)
    return st.st_size


def _read_head(p: Path) -> bytes:
    try:
        with open(p, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        raise PipelineError(
            ErrorCode.UNREADABLE, f"cannot read: {exc.strerror or exc}", STAGE
        ) from None


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except OSError as exc:
        raise PipelineError(
            ErrorCode.UNREADABLE, f"cannot read: {exc.strerror or exc}", STAGE
        ) from None


def _sha_or_unreadable(p: Path) -> str:
    try:
        return file_sha256(p)
    except OSError as exc:
        raise PipelineError(
            ErrorCode.UNREADABLE, f"cannot read: {exc.strerror or exc}", STAGE
        ) from None


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
            raise PipelineError(
                ErrorCode.ENCODING, f"byte-order mark says {bom} but the bytes don't fit"
            )
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
    raise PipelineError(
        ErrorCode.ENCODING, f"undecodable text: no plausible decoding ({tried} tried)"
    )


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
        raise PipelineError(ErrorCode.EMPTY, "text file holds only whitespace")
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
_count_rects = _bare(pdfium_c.FPDFText_CountRects)
_get_rect = _bare(pdfium_c.FPDFText_GetRect)
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
        raise PipelineError(ErrorCode.EMPTY, "the PDF has no pages")
    if not any(r.text.strip() for r in reads) and not any(r.unreadable for r in reads):
        if any(r.image_only for r in reads):
            raise PipelineError(
                ErrorCode.NO_TEXT_LAYER,
                f"no text layer on any of {len(reads)} pages (image-only scan or outlined "
                "glyphs): run OCR first",
            )
        raise PipelineError(ErrorCode.EMPTY, f"no text and no images on any of {len(reads)} pages")
    unreadable = sum(r.unreadable for r in reads)
    readable = sum(len(r.text) for r in reads)
    if unreadable and unreadable >= _rules().pdf.max_unreadable_share * (unreadable + readable):
        bad = [str(i) for i, r in enumerate(reads, start=1) if r.unreadable]
        raise PipelineError(
            ErrorCode.UNREADABLE_TEXT,
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
                    ErrorCode.ENCRYPTED,
                    "PDF is encrypted: pass its password with --password",
                    STAGE,
                ) from None
            raise PipelineError(
                ErrorCode.ENCRYPTED, "PDF is encrypted and the --password given is wrong", STAGE
            ) from None
        if code == pdfium_c.FPDF_ERR_FILE:
            raise PipelineError(
                ErrorCode.UNREADABLE, "pdfium cannot open the file", STAGE
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PipelineError(
                ErrorCode.ENCRYPTED, "unsupported PDF security handler", STAGE
            ) from None
        raise PipelineError(
            ErrorCode.CORRUPT_PDF, f"damaged or truncated PDF ({exc})", STAGE
        ) from None


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
    chars: _Chars | None = None  # for pdfplumber's tables, when pdfium's chars are usable
    tabled: str | None = None  # page text with table rows, from pdfium alone
    ask_plumber: bool = True  # tables not found by pdfium alone: pdfplumber's are wanted
    pristine: bool = False  # pdfium's raw text holds no bad character (nor a U+FFFE mark)

    @property
    def table_candidate(self) -> bool:
        return self.census.table_score >= _rules().tables.min_score


def _read_page(doc: pdfium.PdfDocument, index: int, plumber: _Plumber) -> _PageRead:
    number = index + 1
    try:
        page = _RawPage(doc, index)
    except pdfium.PdfiumError as exc:
        return _PageRead("", warning=f"page {number}: pdfium cannot load it ({exc})")
    try:
        scan = _scan_page(page)
    finally:
        page.close()
    warning = None
    if scan.table_candidate:
        tabled = scan.tabled
        if tabled is None and scan.ask_plumber:
            chars = scan.chars
            tabled = _try_plumber(
                plumber, index, lambda pl: _tables_text(pl, chars), dedupe=chars is None
            )
        if tabled is not None:
            if _tabled_usable(tabled, scan):
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


def _tabled_usable(tabled: str, scan: _Scan) -> bool:
    """The quality check of a page's table text. pdfium's holds only characters of its raw
    text, "|", "｜" and spaces: when those are all good, so is it (unless pieces joined
    into a "(cid:N)" token, counted bad), and its quality need not be counted again."""
    if tabled is scan.tabled and scan.pristine and "(cid:" not in tabled:
        return True
    return _usable(text_quality(tabled))


def _scan_page(page: _RawPage) -> _Scan:
    """pdfium text, quality and census; on table candidates, the tables from path edges."""
    textpage = _RawTextPage(page)
    try:
        raw = textpage.get_text_range()
        text = _clean_pdfium(raw)
        quality = text_quality(text)
        census, paths = _census(page)
        scan = _Scan(text, quality, census)
        if not scan.table_candidate or not _usable(quality):
            return scan
        if not _chars_readable(page, textpage, raw):  # pdfplumber's chars and tables
            return scan
        found = _find_tables(page, paths)
        if found.tables:
            locator = found.locator
            chars = _pdfium_chars(page, textpage, raw, locator.cuts)
            tabled = _render_tables(list(found.tables), chars, _rules().tables, locator)
            pristine = quality.good == quality.chars and "\ufffe" not in raw
            return _Scan(text, quality, census, tabled=tabled, ask_plumber=False, pristine=pristine)
        if found.missed and _rules().tables.plumber_when_grid_missed:  # with pdfium's chars
            return _Scan(text, quality, census, _pdfium_chars(page, textpage, raw))
        return _Scan(text, quality, census, ask_plumber=False)
    finally:
        textpage.close()


class _RawPage:
    """A page loaded by pdfium's C calls, with the part of pypdfium2's ``PdfPage`` this
    module uses, without its wrapper objects, finalizers and parent tracking."""

    def __init__(self, doc: pdfium.PdfDocument, index: int) -> None:
        self.raw = pdfium_c.FPDF_LoadPage(doc.raw, index)
        if not self.raw:
            raise pdfium.PdfiumError("Failed to load page.")

    def get_mediabox(self) -> tuple[float, float, float, float]:
        box = [ctypes.c_float() for _ in range(4)]
        if not pdfium_c.FPDFPage_GetMediaBox(self.raw, *box):
            return (0, 0, 612, 792)  # pypdfium2's fallback, US Letter
        left, bottom, right, top = (v.value for v in box)
        return (left, bottom, right, top)

    def get_rotation(self) -> int:
        quarters = pdfium_c.FPDFPage_GetRotation(self.raw)
        if quarters == -1:
            raise pdfium.PdfiumError("Failed to get page rotation.")
        return 90 * quarters

    def close(self) -> None:
        pdfium_c.FPDF_ClosePage(self.raw)


class _RawTextPage:
    """A page's pdfium text page, by C calls (see ``_RawPage``)."""

    def __init__(self, page: _RawPage) -> None:
        self.raw = pdfium_c.FPDFText_LoadPage(page.raw)
        if not self.raw:
            raise pdfium.PdfiumError("Failed to load text page.")

    def count_chars(self) -> int:
        count = pdfium_c.FPDFText_CountChars(self.raw)
        if count == -1:
            raise pdfium.PdfiumError("Failed to get character count.")
        return int(count)

    def get_text_range(self) -> str:
        """The page text, as pypdfium2's ``get_text_range()``: leading and trailing
        characters without text (their text index is -1) are left out of the range."""
        first, last = 0, self.count_chars() - 1
        index_of = pdfium_c.FPDFText_GetTextIndexFromCharIndex
        while first <= last and index_of(self.raw, first) == -1:
            first += 1
        while first <= last and index_of(self.raw, last) == -1:
            last -= 1
        if first > last:
            return ""
        size = index_of(self.raw, last) + 2 - index_of(self.raw, first)  # with the NUL
        buffer = (ctypes.c_ushort * size)()
        written = pdfium_c.FPDFText_GetText(self.raw, first, last - first + 1, buffer)
        return codecs.decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")

    def close(self) -> None:
        pdfium_c.FPDFText_ClosePage(self.raw)


_AnyPage: TypeAlias = pdfium.PdfPage | _RawPage  # pypdfium2's objects: tests pass them
_AnyTextPage: TypeAlias = pdfium.PdfTextPage | _RawTextPage


@dataclass(frozen=True)
class _Chars:
    """pdfium's page text with character centres (x, top-based y) for the table fill.

    ``points`` lists (index, x, y) in text order; a character not listed goes where the one
    before it went: a space or line break, or the rest of a word lying in one region of the
    tables' grid (then the word's first character stands for it).
    """

    text: str
    points: list[tuple[int, float, float]]


@dataclass(frozen=True)
class _Cuts:
    """The coordinates a ``_Locator`` compares points with, and its tables' extents."""

    ys: list[float]
    band_xs: list[list[float]]
    bands: list[tuple[float, float]]  # (top, bottom) of each table


_WORD = re.compile(r"\S+")  # ``re``'s \s is exactly str.isspace


def _chars_readable(page: _AnyPage, textpage: _AnyTextPage, raw: str) -> bool:
    """pdfium's characters map onto its text one to one, in pdfplumber's orientation."""
    return not page.get_rotation() and len(raw) == textpage.count_chars()


def _pdfium_chars(
    page: _AnyPage, textpage: _AnyTextPage, raw: str, cuts: _Cuts | None = None
) -> _Chars:
    """Centres of every non-space character, or with ``cuts``, of the words of ``raw`` that
    do not lie in one region of that grid (one box call a character: the hottest loop of
    a table page), and the first character of the others (one rectangle call a word)."""
    _, bottom, _, top = page.get_mediabox()
    boxes = _CharBoxes(textpage.raw, top - bottom)  # pdfplumber: top = height - pdf y
    if cuts is None:
        return _Chars(raw, boxes.centres(raw, 0, len(raw)))
    points: list[tuple[int, float, float]] = []
    for word in _WORD.finditer(raw):
        start, end = word.span()
        point = boxes.word_point(start, end, cuts) if end - start > 1 else None
        if point is not None:
            points.append((start, *point))
        else:
            points.extend(boxes.centres(raw, start, end))
    return _Chars(raw, points)


class _CharBoxes:
    """Character boxes of one pdfium text page, as centres in pdfplumber's coordinates."""

    def __init__(self, handle: Any, height: float) -> None:
        self._handle, self._height = handle, height
        self._values = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(v) for v in self._values]

    def centres(self, text: str, start: int, end: int) -> list[tuple[int, float, float]]:
        """(index, x, y) of the characters in start..end with a box; spaces skipped."""
        x0, x1, y0, y1 = self._values  # left, right, bottom, top
        r0, r1, r2, r3 = self._refs
        get_box, handle, height = _char_box, self._handle, self._height
        out: list[tuple[int, float, float]] = []
        for i in range(start, end):
            if text[i].isspace() or not get_box(handle, i, r0, r1, r2, r3):
                continue
            left, right, low, high = x0.value, x1.value, y0.value, y1.value
            if right > left or high > low:
                out.append((i, (left + right) / 2, height - (low + high) / 2))
        return out

    def word_point(self, start: int, end: int, cuts: _Cuts) -> tuple[float, float] | None:
        """A point standing for characters start..end when every one of their centres goes
        to the same place: pdfium's rectangles over them (one a text object) bound the
        centres (each (a + b) / 2 of values within), and these bounds lie strictly inside
        one open region of the grid (see ``_Locator.region``), or between the tables'
        vertical extents (outside every table: one text group). None otherwise.

        A rectangle unites the boxes of a text object's characters at least 0.01 pt wide and
        high: a thinner glyph (none among 2.3 million characters of the test and bench
        PDFs) is not bounded by them, and goes with its word.
        """
        handle, refs, height = self._handle, self._refs, self._height
        left, top, right, bottom = self._values  # FPDFText_GetRect's order
        count = _count_rects(handle, start, end - start)
        if count <= 0:
            return None
        x0 = y0 = math.inf
        x1 = y1 = -math.inf
        for k in range(count):  # the union, by comparisons (min/max calls cost more)
            if not _get_rect(handle, k, *refs):
                return None
            lo_x, hi_x = left.value, right.value
            lo_y, hi_y = height - top.value, height - bottom.value
            if not (lo_x <= hi_x and lo_y <= hi_y):  # NaN, or not normalized
                return None
            if lo_x < x0:
                x0 = lo_x
            if hi_x > x1:
                x1 = hi_x
            if lo_y < y0:
                y0 = lo_y
            if hi_y > y1:
                y1 = hi_y
        rx0, rx1, ry0, ry1 = _open_region(x0, y0, cuts)
        if rx0 < x0 and x1 < rx1 and ry0 < y0 and y1 < ry1:
            return x0, y0
        for band_top, band_bottom in cuts.bands:
            if not (y1 < band_top or y0 > band_bottom):
                return None
        return x0, y0


def _open_region(x: float, y: float, cuts: _Cuts) -> _Box:
    """The open box (x0, x1, y0, y1) of the grid ``cuts`` holding the point, as
    ``_Locator.region`` draws it (a margin of ``_EDGE_EPS`` inside the cuts)."""
    ys = cuts.ys
    j = bisect.bisect_left(ys, y)
    xs = cuts.band_xs[j]
    i = bisect.bisect_left(xs, x)
    return (xs[i - 1] + _EDGE_EPS, xs[i] - _EDGE_EPS, ys[j - 1] + _EDGE_EPS, ys[j] - _EDGE_EPS)


def _try_plumber(
    plumber: _Plumber, index: int, read: Callable[[Any], str | None], *, dedupe: bool = True
) -> str | None:
    """Run a pdfplumber reader on one page; a pdfminer failure means "no alternative"."""
    try:
        with plumber.page(index, dedupe=dedupe) as page:
            return read(page)
    except Exception:  # pdfminer raises many types on broken content streams
        return None


def _clean_pdfium(text: str) -> str:
    """Line breaks (CRLF, CR, form feed) as LF; pdfium's hyphen marks dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\ufffe", "")


def _census(page: _AnyPage) -> tuple[_Census, list[_PathObject]]:
    """Images and a ruling-line score from pdfium page objects (no layout analysis), and
    the path objects, so that a table page walks its objects once.

    The score is summed only until the page scores as a table candidate.
    """
    rules = _rules().tables
    images: list[Any] = []
    paths: list[_PathObject] = []
    _page_objects(page.raw, _IDENTITY, 0, images, paths)
    score = 0
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    for obj, _ in paths:
        if score >= rules.min_score:
            break
        if _obj_bounds(obj, *refs):
            left, bottom, right, top = (v.value for v in box)
            score += _ruling_score(obj, right - left, top - bottom, rules)
    return _Census(images=len(images), table_score=score, paths=len(paths)), paths


_IMAGE, _PATH, _FORM = (
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_FORM,
)


def _page_objects(
    parent: Any, ctm: _Matrix, depth: int, images: list[Any], paths: list[_PathObject]
) -> None:
    """Collect the image and path objects of a page, each path with the matrix from its
    parent's space to the page, descending into form XObjects (a few levels)."""
    if depth:  # forms are rare: pypdfium2's checked calls (the index is an unsigned long)
        count = pdfium_c.FPDFFormObj_CountObjects(parent)
        get = pdfium_c.FPDFFormObj_GetObject
    else:
        count, get = _count_objects(parent), _get_object
    obj_type, add_path, add_image = _obj_type, paths.append, images.append  # a hot loop
    for i in range(max(count, 0)):
        obj = get(parent, i)
        kind = obj_type(obj)
        if kind == _PATH:
            add_path((obj, ctm))
        elif kind == _IMAGE:
            add_image(obj)
        elif kind == _FORM and depth < 3:
            _page_objects(obj, _compose(_object_matrix(obj), ctm), depth + 1, images, paths)


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

# Tables are found as pdfplumber's find_tables() finds them with its default "lines"
# settings: the edges of pdfium's path objects are snapped, joined, intersected and turned
# into cells and tables by pdfplumber's algorithms, re-done on plain tuples with the same
# float operations in the same order (tests compare the two on real pages).

_Point = tuple[float, float]
_Box = tuple[float, float, float, float]
_AXIS_EPS = 0.01  # pt: a segment this close to level/plumb is horizontal/vertical
# A vertical edge is (x, top, bottom, height), a horizontal one (top, x0, x1, width):
# its position on the axis it is snapped along, its extent along the other, its length.
_Edge = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Row:
    cells: list[_Box | None]  # one per column of the table, None where no cell starts
    bbox: _Box


@dataclass(frozen=True)
class _Table:
    """A table as pdfplumber's ``Table``: its cells, box and rows (cells grouped by top)."""

    cells: list[_Box]
    bbox: _Box
    rows: list[_Row]

    @classmethod
    def of(cls, cells: list[_Box]) -> _Table:
        column = {x: k for k, x in enumerate(sorted({c[0] for c in cells}))}
        rows = []
        for _, group in groupby(sorted(cells, key=itemgetter(1, 0)), key=itemgetter(1)):
            row: list[_Box | None] = [None] * len(column)
            for cell in group:
                row[column[cell[0]]] = cell
            rows.append(_row(row))
        return cls(cells, _bounds(cells), rows)


def _row(cells: list[_Box | None]) -> _Row:
    return _Row(cells, _bounds([c for c in cells if c is not None]))


def _bounds(boxes: list[_Box]) -> _Box:
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


@cache
def _table_settings() -> TableSettings:
    """pdfplumber's ``find_tables()`` defaults: the fast path and the fallback agree."""
    return TableSettings.resolve(None)


def _fast_tables(
    page: _AnyPage, paths: list[_PathObject] | None = None
) -> tuple[list[_Table], bool]:
    """Real tables (top-down) from the page's path edges, and whether the edges hold a grid
    in which no table at all was assembled (pdfplumber's own find_tables may then be asked).

    ``paths``: the page's path objects when the census already collected them.
    """
    found = _find_tables(page, paths)
    return list(found.tables), found.missed


@dataclass(frozen=True)
class _Found:
    """What ``_fast_tables`` returns, with the tables' ``_Locator`` built on first use."""

    tables: tuple[_Table, ...]
    missed: bool

    @cached_property
    def locator(self) -> _Locator:
        return _Locator.of(list(self.tables))


def _find_tables(page: _AnyPage, paths: list[_PathObject] | None) -> _Found:
    left, bottom, right, top = page.get_mediabox()
    v_raw, h_raw = _path_edges(
        page, top - bottom, _table_settings().edge_min_length_prefilter, paths
    )
    rules = _rules().tables
    limits = (rules.min_rows, rules.min_cols, rules.ruling_min_length)
    return _tables_of_edges((left, bottom, right, top), tuple(v_raw), tuple(h_raw), limits)


def _tables_of_edges(
    mediabox: tuple[float, float, float, float],
    v_raw: tuple[_Edge, ...],
    h_raw: tuple[_Edge, ...],
    limits: tuple[int, int, float],
) -> _Found:
    """The tables of a page's edges (``limits``: the table rules it reads).

    Not cached across pages on purpose: the benchmark's rendered pages repeat their ruling
    lines far more often than real notices do, and a cache would flatter its figures."""
    s = _table_settings()
    left, bottom, right, top = mediabox
    height = top - bottom
    v_list, h_list = list(v_raw), list(h_raw)
    if s.snap_x_tolerance > 0 or s.snap_y_tolerance > 0:  # as merge_edges
        v_list, h_list = _snap(v_list, s.snap_x_tolerance), _snap(h_list, s.snap_y_tolerance)
    v_edges = _join(v_list, s.join_y_tolerance, s.edge_min_length, vertical=True)
    h_edges = _join(h_list, s.join_x_tolerance, s.edge_min_length, vertical=False)
    points = _intersections(
        v_edges, h_edges, s.intersection_x_tolerance, s.intersection_y_tolerance
    )
    found = [_Table.of(group) for group in _cells_to_tables(_intersections_to_cells(points))]
    rules = _rules().tables
    page_box = (left, height - top, right, height - bottom)  # as pdfplumber's page.bbox
    tables = sorted((t for t in found if _is_real_table(t, rules, page_box)), key=_table_top)
    min_rows, min_cols, _ = limits
    grid = len(h_edges) > min_rows and len(v_edges) > min_cols
    return _Found(tuple(tables), grid and not found)


def _table_top(table: _Table) -> float:
    return table.bbox[1]


def _path_edges(
    page: _AnyPage,
    height: float,
    min_length: float,
    paths: list[_PathObject] | None = None,
) -> tuple[list[_Edge], list[_Edge]]:
    """Vertical and horizontal straight segments of every path object, as pdfplumber's edges.

    Like pdfplumber's rect/line/curve edges: every side of a rectangle, filled or stroked,
    in top-down coordinates (top = page height - y); Bézier segments are skipped.
    """
    if paths is None:
        paths = _path_objects(page)
    v_edges: list[_Edge] = []
    h_edges: list[_Edge] = []
    reader = _PathReader()
    for obj, ctm in paths:
        for (x0, y0), (x1, y1) in reader.segments(obj, ctm):
            if abs(x0 - x1) <= _AXIS_EPS and abs(y0 - y1) >= min_length:
                top, bottom = _ordered(height - y0, height - y1)
                v_edges.append(((x0 + x1) / 2, top, bottom, bottom - top))
            elif abs(y0 - y1) <= _AXIS_EPS and abs(x0 - x1) >= min_length:
                left, right = _ordered(x0, x1)
                h_edges.append((height - (y0 + y1) / 2, left, right, right - left))
    return v_edges, h_edges


def _ordered(a: float, b: float) -> tuple[float, float]:
    """``sorted((a, b))`` without building a list (the same pair, NaN included)."""
    return (b, a) if b < a else (a, b)


def _snap(edges: list[_Edge], tolerance: float) -> list[_Edge]:
    """pdfplumber's ``snap_objects``: positions chaining within ``tolerance`` form a cluster
    whose edges move to its mean position; clusters in position order, edges in input order."""
    cluster_of: dict[float, int] = {}
    n, last = -1, 0.0
    for value in sorted({e[0] for e in edges}):
        if n < 0 or value > last + tolerance:
            n += 1
        cluster_of[value], last = n, value
    clusters: list[list[_Edge]] = [[] for _ in range(n + 1)]
    for e in edges:
        clusters[cluster_of[e[0]]].append(e)
    snapped: list[_Edge] = []
    for cluster in clusters:
        mean = sum(e[0] for e in cluster) / len(cluster)
        snapped.extend((pos + (mean - pos), lo, hi, n) for pos, lo, hi, n in cluster)
    return snapped


def _join(
    edges: list[_Edge], tolerance: float, min_length: float, *, vertical: bool
) -> list[_Edge]:
    """pdfplumber's ``merge_edges`` after snapping, then ``filter_edges``: edges on one line
    that overlap or come within ``tolerance`` become one; those at least ``min_length`` long
    are kept, lines in position order."""
    joined: list[_Edge] = []
    for pos, group in groupby(sorted(edges, key=itemgetter(0)), key=itemgetter(0)):
        first, *rest = sorted(group, key=itemgetter(1))
        _, lo, hi, length = first
        for e in rest:
            if e[1] > hi + tolerance:
                joined.append((pos, lo, hi, length))
                _, lo, hi, length = e
            elif e[2] > hi:  # pdfplumber's resize_object: a height grows, a width is redone
                length = length + (e[2] - hi) if vertical else e[2] - lo
                hi = e[2]
        joined.append((pos, lo, hi, length))
    return [e for e in joined if e[3] >= min_length]


_Meeting = tuple[set[int], set[int]]  # indices of the vertical and horizontal edges at a point


def _intersections(
    v_edges: list[_Edge], h_edges: list[_Edge], x_tolerance: float, y_tolerance: float
) -> dict[_Point, _Meeting]:
    """pdfplumber's ``edges_to_intersections``, with edges named by their index."""
    points: dict[_Point, _Meeting] = {}
    order = sorted(range(len(h_edges)), key=lambda k: h_edges[k][0])
    ys = [h_edges[k][0] for k in order]
    for vi, (x, top, bottom, _) in enumerate(v_edges):
        # only horizontals near the vertical's span (a margin far wider than rounding)
        first = bisect.bisect_left(ys, top - y_tolerance - 1)
        end = bisect.bisect_right(ys, bottom + y_tolerance + 1)
        for hi in order[first:end]:
            y, x0, x1, _ = h_edges[hi]
            if (
                top <= y + y_tolerance
                and bottom >= y - y_tolerance
                and x >= x0 - x_tolerance
                and x <= x1 + x_tolerance
            ):
                v_set, h_set = points.setdefault((x, y), (set(), set()))
                v_set.add(vi)
                h_set.add(hi)
    return points


def _intersections_to_cells(points: dict[_Point, _Meeting]) -> list[_Box]:
    """pdfplumber's ``intersections_to_cells``, same cells in the same order, without its
    quadratic scans: the points below/right of a point come from its column/row lists."""
    order = sorted(points)
    columns: dict[float, list[_Point]] = {}
    rows: dict[float, list[_Point]] = {}
    place: dict[_Point, tuple[int, int]] = {}  # index in its column, in its row
    for pt in order:  # sorted by (x, top): columns run down, rows run right
        column = columns.setdefault(pt[0], [])
        row = rows.setdefault(pt[1], [])
        place[pt] = (len(column), len(row))
        column.append(pt)
        row.append(pt)

    # Points in a column differ in top only, points in a row in x only: pdfplumber's
    # edge_connects then reduces to "share a vertical / a horizontal edge".
    def smallest_cell(pt: _Point) -> _Box | None:
        in_column, in_row = place[pt]
        v_pt, h_pt = points[pt]
        right = rows[pt[1]][in_row + 1 :]
        for below_pt in columns[pt[0]][in_column + 1 :]:
            v_below, h_below = points[below_pt]
            if v_pt.isdisjoint(v_below):
                continue
            for right_pt in right:
                v_right, h_right = points[right_pt]
                if h_pt.isdisjoint(h_right):
                    continue
                corner = (right_pt[0], below_pt[1])
                meeting = points.get(corner)
                if (
                    meeting is not None
                    and not meeting[0].isdisjoint(v_right)
                    and not meeting[1].isdisjoint(h_below)
                ):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [cell for pt in order[:-1] if (cell := smallest_cell(pt)) is not None]


def _cells_to_tables(cells: list[_Box]) -> list[list[_Box]]:
    """pdfplumber's ``cells_to_tables``: cells sharing corners, transitively, form a table
    (its repeated passes compute exactly these groups); tables of one cell are dropped."""
    corners = [((x0, top), (x0, bottom), (x1, top), (x1, bottom)) for x0, top, x1, bottom in cells]
    at_corner: dict[_Point, list[int]] = {}
    for i, four in enumerate(corners):
        for corner in four:
            at_corner.setdefault(corner, []).append(i)
    seen = [False] * len(cells)
    tables: list[list[_Box]] = []
    for first in range(len(cells)):
        if seen[first]:
            continue
        seen[first] = True
        todo, table = [first], []
        while todo:
            i = todo.pop()
            table.append(cells[i])
            for corner in corners[i]:
                for j in at_corner.pop(corner, ()):  # a corner's cells are all seen at once
                    if not seen[j]:
                        seen[j] = True
                        todo.append(j)
        tables.append(table)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _path_objects(page: _AnyPage) -> list[_PathObject]:
    """Path objects with the matrix from their parent's space to the page (forms nested)."""
    paths: list[_PathObject] = []
    _page_objects(page.raw, _IDENTITY, 0, [], paths)
    return paths


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


class _PathReader:
    """Straight segments of path objects, with one set of ctypes buffers for a page."""

    def __init__(self) -> None:
        self._x, self._y, self._m = ctypes.c_float(), ctypes.c_float(), pdfium_c.FS_MATRIX()
        self._px, self._py = ctypes.byref(self._x), ctypes.byref(self._y)
        self._pm = ctypes.byref(self._m)

    def segments(self, obj: Any, ctm: _Matrix) -> list[tuple[_Point, _Point]]:
        """Line-to and close segments of a path, in page space."""
        m = self._m
        own = (m.a, m.b, m.c, m.d, m.e, m.f) if _obj_matrix(obj, self._pm) else _IDENTITY
        a, b, c, d, e, f = _compose(own, ctm)
        x, y, px, py = self._x, self._y, self._px, self._py
        out: list[tuple[_Point, _Point]] = []
        start: _Point | None = None
        cur: _Point | None = None
        get_segment, get_point, get_type, get_close = (
            _get_segment,
            _segment_point,
            _segment_type,
            _segment_close,
        )
        for i in range(_count_segments(obj)):
            seg = get_segment(obj, i)
            if not get_point(seg, px, py):
                continue
            u, v = x.value, y.value
            pt = (a * u + c * v + e, b * u + d * v + f)
            kind = get_type(seg)
            if kind == _MOVETO:  # closing here would add a zero-length segment: no edge
                start = cur = pt
                continue
            if kind == _LINETO and cur is not None:
                out.append((cur, pt))
            cur = pt
            if start is not None and get_close(seg):
                out.append((pt, start))
                cur = start
        return out


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


def _render_tables(
    tables: list[Any], chars: _Chars, rules: TableRules, locator: _Locator | None = None
) -> str | None:
    """Tables (sorted top-down) filled with pdfium's characters, rows as ``cell | cell |``.

    ``locator``: the tables' ``_Locator`` when the caller has built it.
    """
    while tables:  # a frame or shading box holding free text is no table: drop, refill
        groups, cells = _fill(tables, chars, locator or _Locator.of(tables))
        kept = [t for t, c in zip(tables, cells, strict=True) if _filled(c, rules)]
        if len(kept) == len(tables):
            break
        tables, locator = kept, None
    if not tables:
        return None
    blocks = [_clean_block("".join(groups[0]))]
    for k, table in enumerate(tables):
        blocks.extend(_row_line(row) for row in _merge_down(table, cells[k]) if any(row))
        blocks.append(_clean_block("".join(groups[k + 1])))
    return "\n".join(b for b in blocks if b)


_Cells = list[list[str | None]]


def _fill(
    tables: list[Any], chars: _Chars, locator: _Locator
) -> tuple[list[list[str]], list[_Cells]]:
    """Distribute pdfium's characters over table cells and the text groups between tables.

    A character without a point goes where the one before it went; runs of characters
    going to the same place are moved as one slice of the text.
    """
    cells: list[_Cells] = [
        [["" if c is not None else None for c in row.cells] for row in t.rows] for t in tables
    ]
    groups: list[list[str]] = [[] for _ in range(len(tables) + 1)]
    text = chars.text
    where: _Where = 0
    start = 0
    # the region of the last point: most characters fall in the same one as the one before
    x0 = x1 = y0 = y1 = 0.0
    for i, x, y in chars.points:
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

    ``_locate`` compares a point's y with a fixed set of coordinates (cell, row and table
    edges; row tops plus the tallest cell) and, within a band between two consecutive ones,
    its x with the side edges of the cells and tables spanning that band only: between two
    consecutive such coordinates its answer cannot change, so it is computed once per such
    region and remembered. Points on or within ``_EDGE_EPS`` of a coordinate (or not
    finite) are located one by one.
    """

    grids: list[_Grid]
    tops: list[float]
    xs: list[float]  # every x coordinate, sorted, between -inf and +inf sentinels
    ys: list[float]  # the same for y
    band_xs: list[list[float]]  # for the band below ys[j], the x coordinates that count there
    memo: dict[_Box, _Where]  # by open region

    @classmethod
    def of(cls, tables: list[Any]) -> _Locator:
        grids = [_Grid.of(t) for t in tables]
        tops = [t.bbox[1] for t in tables]
        boxes = [g.bbox for g in grids] + [b for g in grids for row in g.rows for _, b in row]
        ys: set[float] = set(tops)
        for grid in grids:
            ys.update(grid.row_tops)
            ys.update(t + grid.tallest for t in grid.row_tops)
        ys.update(v for _, top, _, bottom in boxes for v in (top, bottom))
        inf = float("inf")
        y_cuts = [-inf, *sorted(ys), inf]
        in_band: list[set[float]] = [set() for _ in y_cuts]
        for x0, top, x1, bottom in boxes:  # a box spans the bands from its top to its bottom
            first, last = bisect.bisect_right(y_cuts, top), bisect.bisect_left(y_cuts, bottom)
            for band in in_band[first : last + 1]:
                band.add(x0)
                band.add(x1)
        band_xs = [[-inf, *sorted(xs), inf] for xs in in_band]
        x_cuts = [-inf, *sorted({x for x0, _, x1, _ in boxes for x in (x0, x1)}), inf]
        return cls(grids, tops, x_cuts, y_cuts, band_xs, {})

    def region(self, x: float, y: float) -> tuple[_Where, _Box]:
        """Where the point is, and the open box (x0, x1, y0, y1) around it in which every
        point is at the same place (an empty box when the point is near a coordinate)."""
        box = _open_region(x, y, self.cuts)
        if not (box[0] < x < box[1] and box[2] < y < box[3]):
            return _locate(self.grids, self.tops, (x, y)), _NO_BOX
        where = self.memo.get(box)
        if where is None:
            where = self.memo[box] = _locate(self.grids, self.tops, (x, y))
        return where, box

    def at(self, x: float, y: float) -> _Where:
        return self.region(x, y)[0]

    @cached_property
    def cuts(self) -> _Cuts:
        return _Cuts(self.ys, self.band_xs, [(g.bbox[1], g.bbox[3]) for g in self.grids])


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
    lines = [ln for ln in map(str.strip, value.splitlines()) if ln]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += line if _joins_tight(out[-1], line[0]) else " " + line
    return out.replace("|", "｜")


_TIGHT = regex.compile(r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF]")


def _joins_tight(left: str, right: str) -> bool:
    """No space across a line break when either side is CJK (ideograph or CJK punctuation)."""
    return _tight(left) or _tight(right)


@cache
def _tight(ch: str) -> bool:
    """One character is CJK (remembered: a cell line break asks it of a few thousand)."""
    return bool(_TIGHT.match(ch))


def _row_line(cells: list[str]) -> str:
    return " ".join(f"{c} |" if c else "|" for c in cells)
