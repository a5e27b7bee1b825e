"""Ingest: a file path → ``SourceDocument`` (pages of raw text), or a ``PipelineError``.

The entry point and its file-system checks; one module a job:

- ``settings``: the rules of ``rules/ingest.yaml`` and their loader (no PDF parser imported).
- ``sniff``: formats sniffed from content; text files decoded (BOM, UTF-8, legacy codecs).
- ``quality``: how much of a text is made of the characters a Chinese notice is written in.
- ``pdfium_raw``: bare pdfium calls, raw pages and text pages, the walk over page objects.
- ``pdf``: PDF pages read with pypdfium2 (census, char boxes), pdfplumber as the fallback.
- ``grid``: ruled-table geometry, pdfplumber's steps on pdfium's path edges.
- ``cells``: characters placed in table cells, merged cells filled down, ``cell | cell |`` rows.
- ``reading``: what the readers below give back, and the table rendering they share with PDF.
- ``html``, ``docx``, ``xlsx``: web pages, Word and Excel files; ``office``: legacy .doc,
  .wps, .xls converted by LibreOffice; ``ocr``: scanned pages (the optional ``ocr`` extra).

``pdf`` (pdfplumber, pypdfium2) is imported on the first PDF: importing this package, as the
rules check does for ``settings``, loads no PDF parser.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pipeline.catalog import ErrorCode
from pipeline.identity import doc_id_for, file_sha256
from pipeline.records import Page, PipelineError, SourceDocument
from pipeline.stages.ingest import settings
from pipeline.stages.ingest.quality import Quality, text_quality
from pipeline.stages.ingest.settings import STAGE
from pipeline.stages.ingest.sniff import HEAD_BYTES, decode_text, sniff_format

T = TypeVar("T")

__all__ = ["Quality", "doc_id_for", "file_sha256", "ingest", "sniff_format", "text_quality"]


def ingest(path: str | Path, *, password: str | None = None, ocr: str = "auto") -> SourceDocument:
    """Read one file into a ``SourceDocument``; raise ``PipelineError`` with a stable code.

    ``ocr`` (auto | always | never): which PDF pages are read by OCR (auto: those without a
    usable text layer)."""
    p = Path(path)
    size = _check_path(p)
    if size == 0:
        raise PipelineError(ErrorCode.EMPTY, "file is empty (0 bytes)", STAGE)
    head = _read_head(p)
    fmt = sniff_format(head, p)
    ext = p.suffix.lower()
    sha = _sha_or_unreadable(p)
    if fmt == "pdf":
        from pipeline.stages.ingest.pdf import read_pdf  # the PDF parsers, on the first PDF

        pages, warnings = read_pdf(p, password, ocr)
        return _document(p, sha, "pdf", pages, None, warnings)
    if ext == ".pdf":
        if fmt == "binary":
            message = "no %PDF- header: not a PDF or badly damaged"
            raise PipelineError(ErrorCode.CORRUPT_PDF, message, STAGE)
        raise PipelineError(
            ErrorCode.NOT_PDF, f"named .pdf but the content is {fmt}, not a PDF", STAGE
        )
    kind = document_kind(fmt, ext, head)
    if kind is not None:
        return _read_document(p, sha, kind)
    if ext in settings.ingest_rules().text.extensions and fmt in ("txt", "binary"):
        text, encoding = decode_text(_read_bytes(p))
        return _document(p, sha, "txt", _text_pages(text), encoding, ())
    raise PipelineError(
        ErrorCode.UNSUPPORTED_FORMAT,
        f"unsupported format: content is {fmt}, extension {ext or 'none'}",
    )


_WEB_EXTENSIONS = frozenset({".html", ".htm", ".shtml", ".xhtml"})


def document_kind(fmt: str, ext: str, head: bytes) -> str | None:
    """html | docx | xlsx | a legacy office extension (doc, wps, xls, et, rtf), or None."""
    from pipeline.stages.ingest.office import target_of

    if fmt == "html" or (ext in _WEB_EXTENSIONS and fmt in ("txt", "xml")):
        return "html"
    if fmt == "zip":
        return "zip"  # its parts tell .docx from .xlsx
    if fmt == "ole":  # Word 97 or Excel 97: their stream names, else the extension
        if "WordDocument".encode("utf-16-le") in head or ext in (".doc", ".wps"):
            return ext.lstrip(".") if ext in (".doc", ".wps") else "doc"
        if "Workbook".encode("utf-16-le") in head or ext in (".xls", ".et"):
            return ext.lstrip(".") if ext in (".xls", ".et") else "xls"
    if fmt == "rtf":
        return "rtf"
    return ext.lstrip(".") if target_of(ext) and fmt == "ole" else None


def _read_document(p: Path, sha: str, kind: str) -> SourceDocument:
    """A web page, Word or Excel file (legacy ones converted first) as a ``SourceDocument``."""
    data = _read_bytes(p)
    warnings: tuple[str, ...] = ()
    reader_kind = kind
    if kind == "zip":
        kind = reader_kind = _zip_kind(data)
    elif kind not in ("html", "docx", "xlsx"):
        from pipeline.stages.ingest.office import convert

        data, reader_kind = convert(data, kind)
        warnings = (f"converted from .{kind} to .{reader_kind} by LibreOffice",)
    reading = _reader(reader_kind)(data)
    pages = tuple(
        Page(i, rp.text, rp.method, rp.confidence) for i, rp in enumerate(reading.pages, start=1)
    )
    return _document(p, sha, kind, pages, reading.encoding, (*warnings, *reading.warnings))


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise PipelineError(ErrorCode.CORRUPT_FILE, "damaged zip archive", STAGE) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise PipelineError(
        ErrorCode.UNSUPPORTED_FORMAT, "a zip archive that is neither .docx nor .xlsx", STAGE
    )


def _reader(kind: str):  # type: ignore[no-untyped-def]
    if kind == "html":
        from pipeline.stages.ingest.html import read_html

        return read_html
    if kind == "docx":
        from pipeline.stages.ingest.docx import read_docx

        return read_docx
    from pipeline.stages.ingest.xlsx import read_xlsx

    return read_xlsx


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


def _text_pages(text: str) -> tuple[Page, ...]:
    if not text.strip():
        raise PipelineError(ErrorCode.EMPTY, "text file holds only whitespace")
    return tuple(Page(i, part) for i, part in enumerate(text.split("\f"), start=1))


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
    def head() -> bytes:
        with open(p, "rb") as fh:
            return fh.read(HEAD_BYTES)

    return _readable(head)


def _read_bytes(p: Path) -> bytes:
    return _readable(p.read_bytes)


def _sha_or_unreadable(p: Path) -> str:
    return _readable(lambda: file_sha256(p))


def _readable(read: Callable[[], T]) -> T:
    """``read()``, with an OS error reported as the file's ``unreadable`` error."""
    try:
        return read()
    except OSError as exc:
        raise PipelineError(
            ErrorCode.UNREADABLE, f"cannot read: {exc.strerror or exc}", STAGE
        ) from None
