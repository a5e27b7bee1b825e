"""Ingest: a file path → ``SourceDocument`` (pages of raw text), or a ``PipelineError``.

The entry point and its file-system checks; one module a job:

- ``settings``: the rules of ``rules/ingest.yaml`` and their loader (no PDF parser imported).
- ``sniff``: formats sniffed from content; text files decoded (BOM, UTF-8, legacy codecs).
- ``quality``: how much of a text is made of the characters a Chinese notice is written in.
- ``pdfium_raw``: bare pdfium calls, raw pages and text pages, the walk over page objects.
- ``pdf``: PDF pages read with pypdfium2 (census, char boxes), pdfplumber as the fallback.
- ``grid``: ruled-table geometry, pdfplumber's steps on pdfium's path edges.
- ``cells``: characters placed in table cells, merged cells filled down, ``cell | cell |`` rows.

``pdf`` (pdfplumber, pypdfium2) is imported on the first PDF: importing this package, as the
rules check does for ``settings``, loads no PDF parser.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.catalog import ErrorCode
from pipeline.identity import doc_id_for, file_sha256
from pipeline.records import Page, PipelineError, SourceDocument
from pipeline.stages.ingest import settings
from pipeline.stages.ingest.quality import Quality, text_quality
from pipeline.stages.ingest.settings import STAGE
from pipeline.stages.ingest.sniff import HEAD_BYTES, decode_text, sniff_format

__all__ = ["Quality", "doc_id_for", "file_sha256", "ingest", "sniff_format", "text_quality"]


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
        from pipeline.stages.ingest.pdf import read_pdf  # the PDF parsers, on the first PDF

        pages, warnings = read_pdf(p, password)
        return _document(p, sha, "pdf", pages, None, warnings)
    if ext == ".pdf":
        if fmt == "binary":
            message = "no %PDF- header: not a PDF or badly damaged"
            raise PipelineError(ErrorCode.CORRUPT_PDF, message, STAGE)
        raise PipelineError(
            ErrorCode.NOT_PDF, f"named .pdf but the content is {fmt}, not a PDF", STAGE
        )
    if ext in settings.ingest_rules().text.extensions and fmt in ("txt", "binary"):
        text, encoding = decode_text(_read_bytes(p))
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
