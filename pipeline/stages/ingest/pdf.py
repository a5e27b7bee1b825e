"""PDF pages read with pypdfium2, pdfplumber as the fallback.

Pages are read with pypdfium2 (fast, decodes GBK simple fonts, no radicals, drops fake-bold
duplicates). Ruled tables (rows rendered as ``cell | cell |`` lines) are found from pdfium's
path objects (``grid``) and filled with pdfium's characters (``cells``); pdfplumber
(pdfminer) opens a page only when its pdfium text fails the quality check, when it is
rotated, or when its ruling lines form a grid in which no table was assembled.
"""

from __future__ import annotations

import ctypes
import logging
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.catalog import ErrorCode
from pipeline.records import Page, PipelineError
from pipeline.stages.ingest import settings
from pipeline.stages.ingest.cells import (
    Chars,
    Cuts,
    Locator,
    open_region,
    render_tables,
    tables_text_plumber,
)
from pipeline.stages.ingest.grid import find_tables, is_real_table
from pipeline.stages.ingest.pdfium_raw import (
    IDENTITY,
    AnyPage,
    AnyTextPage,
    PathObject,
    RawPage,
    RawTextPage,
    char_box,
    clean_pdfium,
    count_rects,
    count_segments,
    get_rect,
    obj_bounds,
    page_objects,
)
from pipeline.stages.ingest.quality import Quality, text_quality, usable
from pipeline.stages.ingest.settings import STAGE, TableRules


def _silence_pdfminer() -> None:
    """Disable every pdfminer logger: it logs a warning per odd font (the batch reports per
    document instead) and its millions of ``log.debug`` calls then return at the first check."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if name.startswith("pdfminer") and isinstance(logger, logging.Logger):
            logger.disabled = True


_silence_pdfminer()


@dataclass(frozen=True)
class Census:
    images: int
    table_score: int
    paths: int

    @property
    def needs_ocr(self) -> bool:
        """Page content is pictures or outlined glyphs (when it has no text)."""
        return self.images > 0 or self.paths >= settings.ingest_rules().pdf.outline_min_paths


@dataclass(frozen=True)
class _PageRead:
    text: str
    unreadable: int = 0  # characters of a text layer nobody could read
    image_only: bool = False
    warning: str | None = None
    method: str = "text"
    confidence: float | None = None

    @property
    def needs_ocr(self) -> bool:
        return self.image_only or self.unreadable > 0


def read_pdf(
    p: Path, password: str | None, ocr: str = "auto"
) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """The pages of a PDF and the warnings met; ``PipelineError`` when it cannot be read.

    ``ocr``: "auto" reads by OCR the pages without a usable text layer (when the OCR extra
    is installed), "always" every page, "never" none.
    """
    warnings: list[str] = []
    if not _has_eof_marker(p):
        warnings.append("no %%EOF marker at the end of the file: it may be truncated")
    doc = _open_pdfium(p, password)
    reads: list[_PageRead] = []
    try:
        with _Plumber(p, password) as plumber:
            reads = [_read_page(doc, i, plumber) for i in range(len(doc))]
        reads = _with_ocr(doc, reads, ocr)
    finally:
        doc.close()
    warnings.extend(r.warning for r in reads if r.warning)
    _check_pdf_outcome(reads)
    pages = tuple(Page(i, r.text, r.method, r.confidence) for i, r in enumerate(reads, start=1))
    return pages, tuple(warnings)


def _with_ocr(doc: pdfium.PdfDocument, reads: list[_PageRead], mode: str) -> list[_PageRead]:
    """Pages read again by OCR: those needing it ("auto") or all ("always")."""
    from pipeline.stages.ingest import ocr

    if mode == "never" or not ocr.available():
        return reads
    out = []
    for i, read in enumerate(reads):
        if mode == "always" or read.needs_ocr:
            page = doc[i]
            try:
                done = ocr.ocr_pdf_page(page)
            finally:
                page.close()
            note = f"page {i + 1}: read by OCR (mean confidence {done.confidence:.2f})"
            read = _PageRead(done.text, warning=note, method="ocr", confidence=done.confidence)
        out.append(read)
    return out


def _check_pdf_outcome(reads: list[_PageRead]) -> None:
    if not reads:
        raise PipelineError(ErrorCode.EMPTY, "the PDF has no pages")
    if not any(r.text.strip() for r in reads) and not any(r.unreadable for r in reads):
        if any(r.image_only for r in reads):
            raise PipelineError(
                ErrorCode.NO_TEXT_LAYER,
                f"no text layer on any of {len(reads)} pages (image-only scan or outlined "
                "glyphs): " + _ocr_hint(),
            )
        raise PipelineError(ErrorCode.EMPTY, f"no text and no images on any of {len(reads)} pages")
    unreadable = sum(r.unreadable for r in reads)
    readable = sum(len(r.text) for r in reads)
    max_share = settings.ingest_rules().pdf.max_unreadable_share
    if unreadable and unreadable >= max_share * (unreadable + readable):
        bad = [str(i) for i, r in enumerate(reads, start=1) if r.unreadable]
        raise PipelineError(
            ErrorCode.UNREADABLE_TEXT,
            "text layer unreadable by pdfium and pdfplumber ((cid:N) glyphs, replacement "
            f"characters or mojibake) on page(s) {', '.join(bad[:10])}: run OCR instead",
        )


def _ocr_hint() -> str:
    from pipeline.stages.ingest import ocr

    if ocr.available():
        return "OCR was turned off (run --ocr auto)"
    return ocr.INSTALL_HINT


def _has_eof_marker(p: Path) -> bool:
    tail = settings.ingest_rules().pdf.eof_tail_bytes
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
            yield dedupe_chars(page) if dedupe else page
        finally:
            page.close()


def dedupe_chars(page: Any, tolerance: float = 1.0) -> Any:
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
class Scan:
    """What pdfium reads of one page, with the fast-path table rendering if any."""

    text: str
    quality: Quality
    census: Census
    chars: Chars | None = None  # for pdfplumber's tables, when pdfium's chars are usable
    tabled: str | None = None  # page text with table rows, from pdfium alone
    ask_plumber: bool = True  # tables not found by pdfium alone: pdfplumber's are wanted
    pristine: bool = False  # pdfium's raw text holds no bad character (nor a U+FFFE mark)

    @property
    def table_candidate(self) -> bool:
        return self.census.table_score >= settings.ingest_rules().tables.min_score


def _read_page(doc: pdfium.PdfDocument, index: int, plumber: _Plumber) -> _PageRead:
    number = index + 1
    try:
        page = RawPage(doc, index)
    except pdfium.PdfiumError as exc:
        return _PageRead("", warning=f"page {number}: pdfium cannot load it ({exc})")
    try:
        scan = scan_page(page)
    finally:
        page.close()
    warning = None
    if scan.table_candidate:
        tabled = scan.tabled
        if tabled is None and scan.ask_plumber:
            chars = scan.chars
            tabled = _try_plumber(
                plumber, index, lambda pl: tables_text(pl, chars), dedupe=chars is None
            )
        if tabled is not None:
            if tabled_usable(tabled, scan):
                return _PageRead(tabled, method="table")
            warning = f"page {number}: table text unreadable in pdfplumber, kept as plain text"
    text, quality, census = scan.text, scan.quality, scan.census
    if usable(quality):
        if not text.strip() and census.needs_ocr:
            return _PageRead("", image_only=True, warning=f"page {number}: no text layer (OCR)")
        return _PageRead(text, warning=warning)
    alt = _try_plumber(plumber, index, _plain_text)
    if alt is not None and usable(text_quality(alt)):
        return _PageRead(alt, warning=f"page {number}: pdfium text unreadable, pdfplumber used")
    return _PageRead(
        "", unreadable=max(quality.chars, 1), warning=f"page {number}: text layer unreadable"
    )


def tabled_usable(tabled: str, scan: Scan) -> bool:
    """The quality check of a page's table text. pdfium's holds only characters of its raw
    text, "|", "｜" and spaces: when those are all good, so is it (unless pieces joined
    into a "(cid:N)" token, counted bad), and its quality need not be counted again."""
    if tabled is scan.tabled and scan.pristine and "(cid:" not in tabled:
        return True
    return usable(text_quality(tabled))


def scan_page(page: RawPage) -> Scan:
    """pdfium text, quality and census; on table candidates, the tables from path edges."""
    textpage = RawTextPage(page)
    try:
        raw = textpage.get_text_range()
        text = clean_pdfium(raw)
        quality = text_quality(text)
        census, paths = page_census(page)
        scan = Scan(text, quality, census)
        if not scan.table_candidate or not usable(quality):
            return scan
        if not _chars_readable(page, textpage, raw):  # pdfplumber's chars and tables
            return scan
        tables, missed = find_tables(page, paths)
        if tables:
            locator = Locator.of(tables)
            chars = pdfium_chars(page, textpage, raw, locator.cuts)
            rules = settings.ingest_rules().tables
            tabled = render_tables(list(tables), chars, rules, locator)
            pristine = quality.good == quality.chars and "\ufffe" not in raw
            return Scan(text, quality, census, tabled=tabled, ask_plumber=False, pristine=pristine)
        if missed and settings.ingest_rules().tables.plumber_when_grid_missed:  # pdfium's chars
            return Scan(text, quality, census, pdfium_chars(page, textpage, raw))
        return Scan(text, quality, census, ask_plumber=False)
    finally:
        textpage.close()


WORD = re.compile(r"\S+")  # ``re``'s \s is exactly str.isspace


def _chars_readable(page: AnyPage, textpage: AnyTextPage, raw: str) -> bool:
    """pdfium's characters map onto its text one to one, in pdfplumber's orientation."""
    return not page.get_rotation() and len(raw) == textpage.count_chars()


def pdfium_chars(page: AnyPage, textpage: AnyTextPage, raw: str, cuts: Cuts | None = None) -> Chars:
    """Centres of every non-space character, or with ``cuts``, of the words of ``raw`` that
    do not lie in one region of that grid (one box call a character: the hottest loop of
    a table page), and the first character of the others (one rectangle call a word)."""
    _, bottom, _, top = page.get_mediabox()
    boxes = CharBoxes(textpage.raw, top - bottom)  # pdfplumber: top = height - pdf y
    if cuts is None:
        return Chars(raw, boxes.centres(raw, 0, len(raw)))
    points: list[tuple[int, float, float]] = []
    for word in WORD.finditer(raw):
        start, end = word.span()
        point = boxes.word_point(start, end, cuts) if end - start > 1 else None
        if point is not None:
            points.append((start, *point))
        else:
            points.extend(boxes.centres(raw, start, end))
    return Chars(raw, points)


class CharBoxes:
    """Character boxes of one pdfium text page, as centres in pdfplumber's coordinates."""

    def __init__(self, handle: Any, height: float) -> None:
        self._handle, self._height = handle, height
        self._values = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(v) for v in self._values]

    def centres(self, text: str, start: int, end: int) -> list[tuple[int, float, float]]:
        """(index, x, y) of the characters in start..end with a box; spaces skipped."""
        x0, x1, y0, y1 = self._values  # left, right, bottom, top
        r0, r1, r2, r3 = self._refs
        get_box, handle, height = char_box, self._handle, self._height
        out: list[tuple[int, float, float]] = []
        for i in range(start, end):
            if text[i].isspace() or not get_box(handle, i, r0, r1, r2, r3):
                continue
            left, right, low, high = x0.value, x1.value, y0.value, y1.value
            if right > left or high > low:
                out.append((i, (left + right) / 2, height - (low + high) / 2))
        return out

    def word_point(self, start: int, end: int, cuts: Cuts) -> tuple[float, float] | None:
        """A point standing for characters start..end when every one of their centres goes
        to the same place: pdfium's rectangles over them (one a text object) bound the
        centres (each (a + b) / 2 of values within), and these bounds lie strictly inside
        one open region of the grid (see ``Locator.region``), or between the tables'
        vertical extents (outside every table: one text group). None otherwise.

        A rectangle unites the boxes of a text object's characters at least 0.01 pt wide and
        high: a thinner glyph (none among 2.3 million characters of the test and bench
        PDFs) is not bounded by them, and goes with its word.
        """
        handle, refs, height = self._handle, self._refs, self._height
        left, top, right, bottom = self._values  # FPDFText_GetRect's order
        count = count_rects(handle, start, end - start)
        if count <= 0:
            return None
        x0 = y0 = math.inf
        x1 = y1 = -math.inf
        for k in range(count):  # the union, by comparisons (min/max calls cost more)
            if not get_rect(handle, k, *refs):
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
        rx0, rx1, ry0, ry1 = open_region(x0, y0, cuts)
        if rx0 < x0 and x1 < rx1 and ry0 < y0 and y1 < ry1:
            return x0, y0
        for band_top, band_bottom in cuts.bands:
            if not (y1 < band_top or y0 > band_bottom):
                return None
        return x0, y0


def _try_plumber(
    plumber: _Plumber, index: int, read: Callable[[Any], str | None], *, dedupe: bool = True
) -> str | None:
    """Run a pdfplumber reader on one page; a pdfminer failure means "no alternative"."""
    try:
        with plumber.page(index, dedupe=dedupe) as page:
            return read(page)
    except Exception:  # pdfminer raises many types on broken content streams
        return None


def page_census(page: AnyPage) -> tuple[Census, list[PathObject]]:
    """Images and a ruling-line score from pdfium page objects (no layout analysis), and
    the path objects, so that a table page walks its objects once.

    The score is summed only until the page scores as a table candidate.
    """
    rules = settings.ingest_rules().tables
    images: list[Any] = []
    paths: list[PathObject] = []
    page_objects(page.raw, IDENTITY, 0, images, paths)
    score = 0
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    for obj, _ in paths:
        if score >= rules.min_score:
            break
        if obj_bounds(obj, *refs):
            left, bottom, right, top = (v.value for v in box)
            score += _ruling_score(obj, right - left, top - bottom, rules)
    return Census(images=len(images), table_score=score, paths=len(paths)), paths


def _ruling_score(obj: Any, width: float, height: float, rules: TableRules) -> int:
    """1 for a ruling line, 2 for a box, 4 for a grid path; 0 for small shapes."""
    if max(width, height) < rules.ruling_min_length:
        return 0
    if min(width, height) <= rules.ruling_max_thickness:
        return 1
    if count_segments(obj) >= rules.grid_min_segments:
        return 4
    return 2


def _plain_text(page: Any) -> str:
    return page.extract_text() or ""


def tables_text(page: Any, chars: Chars | None) -> str | None:
    """Page text with each ruled table's rows as ``cell | cell |`` lines, in reading order.

    pdfplumber finds the tables; their cells and the text around them are filled with
    pdfium's characters when ``chars`` is given, else with pdfplumber's. None when no real
    table is found (the caller keeps pdfium's plain text).
    """
    rules = settings.ingest_rules().tables
    found = [t for t in page.find_tables() if is_real_table(t, rules, page.bbox)]
    tables = sorted(found, key=lambda t: t.bbox[1])
    if not tables:
        return None
    if chars is None:
        return tables_text_plumber(page, tables, rules)
    return render_tables(tables, chars, rules)
