"""The stages chained for one document: a file or a text in, a ``DocumentResult`` out.

ingest → normalize → segment → extract → resolve, then diagnose (warnings where the text
promises tasks or agencies that were not found); a failure is a ``PipelineError`` that
names the stage. The stage modules are imported on first use, so that planning a batch (which
imports this module's callers) does not load the PDF parsers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.catalog import ErrorCode
from pipeline.identity import doc_id_for
from pipeline.records import PAGE_BREAK, DocumentResult, Page, PipelineError, SourceDocument


def process_path(
    path: str | Path, *, password: str | None = None, ocr: str = "auto"
) -> DocumentResult:
    """The whole pipeline for one file; raises ``PipelineError`` with a stable code.
    ``ocr``: auto | always | never (which PDF pages are read by OCR)."""
    from pipeline.stages.ingest import ingest

    return process_source(ingest(path, password=password, ocr=ocr))


def process_text(text: str, *, name: str = "text") -> DocumentResult:
    """The whole pipeline for a notice already in memory (form feeds separate pages)."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    pages = tuple(Page(i, page) for i, page in enumerate(text.split(PAGE_BREAK), start=1))
    return process_source(SourceDocument(doc_id_for(sha), name, sha, "txt", pages))


def process_source(source: SourceDocument) -> DocumentResult:
    """normalize → segment → extract → resolve (and diagnose) over a document already read."""
    from pipeline.stages.diagnose import diagnose
    from pipeline.stages.extract import extract
    from pipeline.stages.normalize import normalize
    from pipeline.stages.resolve import resolve
    from pipeline.stages.segment import segment

    stage = "normalize"
    try:
        normalized = normalize(source)
        stage = "segment"
        segmentation = segment(normalized)
        stage = "extract"
        extraction = extract(segmentation)
        stage = "resolve"
        result = resolve(extraction)
        stage = "diagnose"
        diagnosed = diagnose(extraction)
    except PipelineError:
        raise
    except Exception as exc:  # a bug or an input we did not foresee: name the stage
        raise PipelineError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}", stage) from exc
    warnings = (*source.warnings, *segmentation.warnings, *result.warnings, *diagnosed)
    return DocumentResult(result.extraction, result.mentions, result.agencies, warnings)
