"""Write: DocumentResults → Parquet dataset folders ``OUT/<table>/*.parquet``.

Each document gets one part file per table, named by its doc_id, written to a temporary
name and renamed into place; the ``documents`` part is renamed last, so a document is
complete exactly when its ``documents`` part exists.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import PIPELINE_VERSION
from .records import DocumentResult, ErrorRecord
from .schema import SCHEMA_VERSION, TABLES

META_SCHEMA_VERSION = b"notice_tasks.schema_version"
META_PIPELINE_VERSION = b"notice_tasks.pipeline_version"
DOCUMENT_TABLES = [t for t in TABLES if t not in {"documents", "errors"}] + ["documents"]


def task_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-{seq:04d}"


def document_rows(result: DocumentResult) -> dict[str, list[dict[str, Any]]]:
    """All rows one document contributes, by table."""
    seg = result.extraction.segmentation
    doc = seg.document
    source = doc.source
    text = doc.text
    meta = seg.metadata
    doc_id = source.doc_id
    page = doc.page_at

    def key(seq: int) -> dict[str, Any]:
        return {"doc_id": doc_id, "task_id": task_id(doc_id, seq)}

    tasks = [
        {
            **key(t.seq),
            "seq": t.seq,
            "number": t.number,
            "section": t.section,
            "title": "".join(text[t.title_start : t.title_end].split()),
            "text": text[t.start : t.end],
            "page_start": page(t.start),
            "page_end": page(max(t.start, t.end - 1)),
            "char_start": t.start,
            "char_end": t.end,
        }
        for t in seg.tasks
    ]
    agencies = [
        {
            **key(r.mention.task_seq),
            "role": r.mention.role,
            "role_label": r.mention.role_label,
            "position": r.mention.position,
            "mention": r.mention.mention,
            "agency": r.agency,
            "agency_id": r.agency_id,
            "collective": r.mention.collective,
            "known": r.known,
            "page": page(r.mention.char_start),
            "char_start": r.mention.char_start,
            "char_end": r.mention.char_end,
        }
        for r in result.mentions
    ]
    targets = [
        {
            **key(t.task_seq),
            "kind": t.kind,
            "value_min": t.value_min,
            "value_max": t.value_max,
            "comparator": t.comparator,
            "unit": t.unit,
            "object": t.object,
            "period": t.period,
            "raw": t.raw,
            "value_min_base": t.value_min_base,
            "value_max_base": t.value_max_base,
            "unit_base": t.unit_base,
            "page": page(t.char_start),
            "char_start": t.char_start,
            "char_end": t.char_end,
        }
        for t in result.extraction.targets
    ]
    deadlines = [
        {
            **key(d.task_seq),
            "raw": d.raw,
            "due_date": d.due_date,
            "kind": d.kind,
            "page": page(d.char_start),
            "char_start": d.char_start,
            "char_end": d.char_end,
        }
        for d in result.extraction.deadlines
    ]
    leaders = [
        {
            **key(p.task_seq),
            "role_label": p.role_label,
            "name": p.name,
            "page": page(p.char_start),
            "char_start": p.char_start,
            "char_end": p.char_end,
        }
        for p in result.extraction.leaders
    ]
    rejected = [
        {
            **key(r.task_seq),
            "raw": r.raw,
            "reason": r.reason,
            "char_start": r.char_start,
            "char_end": r.char_end,
        }
        for r in result.extraction.rejected
    ]
    agency_rows = [
        {
            "agency_id": a.agency_id,
            "name": a.name,
            "jurisdiction": a.jurisdiction,
            "level": a.level,
            "kind": a.kind,
            "aliases": list(a.aliases),
            "known": a.known,
        }
        for a in result.agencies
    ]
    documents = [
        {
            "doc_id": doc_id,
            "source_path": source.source_path,
            "sha256": source.sha256,
            "format": source.format,
            "title": meta.title,
            "issuer": meta.issuer,
            "jurisdiction": meta.jurisdiction,
            "doc_number": meta.doc_number,
            "publish_date": meta.publish_date,
            "attachment_title": meta.attachment_title,
            "n_pages": len(source.pages),
            "n_tasks": len(seg.tasks),
            "text": text,
            "warnings": list(result.warnings),
            "schema_version": SCHEMA_VERSION,
            "pipeline_version": PIPELINE_VERSION,
        }
    ]
    return {
        "documents": documents,
        "tasks": tasks,
        "task_agencies": agencies,
        "agencies": agency_rows,
        "targets": targets,
        "deadlines": deadlines,
        "leaders": leaders,
        "rejected_numbers": rejected,
    }


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = TABLES[table].with_metadata(
        {META_SCHEMA_VERSION: SCHEMA_VERSION.encode(), META_PIPELINE_VERSION: PIPELINE_VERSION.encode()}
    )
    return pa.Table.from_pylist(rows, schema=schema)


def write_part(out: Path, table: str, rows: list[dict[str, Any]], part: str) -> Path:
    """Write one part file atomically: temporary name in the same folder, then rename."""
    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{part}.parquet"
    temporary = folder / f".{part}.{os.getpid()}.tmp"
    pq.write_table(arrow_table(table, rows), temporary)
    os.replace(temporary, final)
    return final


def write_document(out: Path, result: DocumentResult) -> None:
    """All parts of one document; ``documents`` last, as the commit marker."""
    rows = document_rows(result)
    part = result.document.source.doc_id
    for table in DOCUMENT_TABLES:
        write_part(out, table, rows[table], part)


def error_part_name(source_path: str) -> str:
    return "e-" + hashlib.sha256(source_path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def write_error(out: Path, error: ErrorRecord) -> None:
    row = {
        "source_path": error.source_path,
        "sha256": error.sha256,
        "stage": error.stage,
        "error": error.error,
        "message": error.message,
    }
    write_part(out, "errors", [row], error_part_name(error.source_path))


def clear_error(out: Path, source_path: str) -> None:
    (out / "errors" / f"{error_part_name(source_path)}.parquet").unlink(missing_ok=True)


def remove_document(out: Path, doc_id: str) -> None:
    """Delete a document's parts (documents first, so it is never half-present)."""
    for table in ["documents", *DOCUMENT_TABLES[:-1]]:
        (out / table / f"{doc_id}.parquet").unlink(missing_ok=True)


def ensure_tables(out: Path) -> None:
    """Every table folder holds at least an empty part, so readers never fail on a folder."""
    for table in TABLES:
        folder = out / table
        if not any(folder.glob("*.parquet")) if folder.exists() else True:
            write_part(out, table, [], "empty")


def written_documents(out: Path) -> dict[str, tuple[str, str]]:
    """doc_id → (source_path, pipeline_version) for every complete document in ``out``."""
    folder = out / "documents"
    if not folder.exists():
        return {}
    found = {}
    for part in folder.glob("*.parquet"):
        if part.stem == "empty":
            continue
        table = pq.read_table(part, columns=["doc_id", "source_path", "pipeline_version"])
        for row in table.to_pylist():
            found[row["doc_id"]] = (row["source_path"], row["pipeline_version"])
    return found
