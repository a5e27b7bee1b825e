"""Write: DocumentResults → Parquet dataset folders ``OUT/<table>/*.parquet``.

Documents are written in **parts**: a part holds up to a few hundred documents (and the
errors of the same stretch of the run), one file per table, all named alike
(``OUT/<table>/<part>.parquet``). Each file is written to a temporary name and renamed into
place; the ``documents`` file is renamed last and is the commit marker: a part exists exactly
when its ``documents`` file does. ``recover`` (run under the lock at the start of every run)
removes what a killed run left behind: temporary files, parts without a ``documents`` file,
and unfinished row removals (replayed from ``OUT/.journal``). ``OUT/.lock`` keeps a second
run out of the same folder.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import PIPELINE_VERSION
from pipeline.batch.layout import EMPTY_PART, committed_parts
from pipeline.records import DocumentResult, ErrorRecord
from pipeline.schema import SCHEMA_VERSION, TABLES

try:  # POSIX: an advisory lock the kernel releases when its holder dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

META_SCHEMA_VERSION = b"notice_tasks.schema_version"
META_PIPELINE_VERSION = b"notice_tasks.pipeline_version"
# agencies has no doc_id column: its parts record which rows came from which document
META_ROW_DOCS = b"notice_tasks.row_docs"
DOCUMENT_TABLES = [t for t in TABLES if t not in {"documents", "errors"}] + ["documents"]
PART_TABLES = [t for t in TABLES if t != "documents"] + ["documents"]  # commit marker last
LOCK_NAME = ".lock"
JOURNAL = ".journal"


def task_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-{seq:04d}"


Columns = dict[str, list[Any]]


def document_columns(result: DocumentResult) -> dict[str, Columns]:
    """All rows one document contributes, by table, as columns (Arrow builds them fastest)."""
    seg = result.extraction.segmentation
    doc = seg.document
    source, text, meta = doc.source, doc.text, seg.metadata
    doc_id = source.doc_id
    page = doc.page_at
    extraction = result.extraction
    mentions = [r.mention for r in result.mentions]
    tasks = seg.tasks
    return {
        "documents": {
            "doc_id": [doc_id],
            "source_path": [source.source_path],
            "sha256": [source.sha256],
            "format": [source.format],
            "title": [meta.title],
            "issuer": [meta.issuer],
            "jurisdiction": [meta.jurisdiction],
            "doc_number": [meta.doc_number],
            "publish_date": [meta.publish_date],
            "attachment_title": [meta.attachment_title],
            "n_pages": [len(source.pages)],
            "n_tasks": [len(tasks)],
            "text": [text],
            "warnings": [list(result.warnings)],
            "schema_version": [SCHEMA_VERSION],
            "pipeline_version": [PIPELINE_VERSION],
        },
        "tasks": {
            **_keys(doc_id, [t.seq for t in tasks]),
            "seq": [t.seq for t in tasks],
            "number": [t.number for t in tasks],
            "section": [t.section for t in tasks],
            "title": ["".join(text[t.title_start : t.title_end].split()) for t in tasks],
            "text": [text[t.start : t.end] for t in tasks],
            "page_start": [page(t.start) for t in tasks],
            "page_end": [page(max(t.start, t.end - 1)) for t in tasks],
            "char_start": [t.start for t in tasks],
            "char_end": [t.end for t in tasks],
        },
        "task_agencies": {
            **_keys(doc_id, [m.task_seq for m in mentions]),
            **_fields(mentions, ["role", "role_label", "position", "mention"]),
            "agency": [r.agency for r in result.mentions],
            "agency_id": [r.agency_id for r in result.mentions],
            "collective": [m.collective for m in mentions],
            "known": [r.known for r in result.mentions],
            "page": [page(m.char_start) for m in mentions],
            **_fields(mentions, ["char_start", "char_end"]),
        },
        "agencies": {
            **_fields(result.agencies, ["agency_id", "name", "jurisdiction", "level", "kind"]),
            "aliases": [list(a.aliases) for a in result.agencies],
            "known": [a.known for a in result.agencies],
        },
        "targets": _span_columns("targets", extraction.targets, doc_id, page),
        "deadlines": _span_columns("deadlines", extraction.deadlines, doc_id, page),
        "leaders": _span_columns("leaders", extraction.leaders, doc_id, page),
        "rejected_numbers": _span_columns("rejected_numbers", extraction.rejected, doc_id, page),
    }


def _keys(doc_id: str, seqs: list[int]) -> Columns:
    return {"doc_id": [doc_id] * len(seqs), "task_id": [task_id(doc_id, s) for s in seqs]}


def _fields(records: Sequence[Any], names: list[str]) -> Columns:
    return {name: [getattr(r, name) for r in records] for name in names}


def _span_columns(
    table: str, records: Sequence[Any], doc_id: str, page: Callable[[int], int]
) -> Columns:
    """Columns of a per-task table whose columns are the record's own fields."""
    names = TABLES[table].names
    columns = _keys(doc_id, [r.task_seq for r in records])
    columns |= _fields(records, [n for n in names if n not in columns and n != "page"])
    if "page" in names:
        columns["page"] = [page(r.char_start) for r in records]
    return {name: columns[name] for name in names}


@functools.cache
def _versioned_schema(table: str) -> pa.Schema:
    versions = {META_SCHEMA_VERSION: SCHEMA_VERSION, META_PIPELINE_VERSION: PIPELINE_VERSION}
    return TABLES[table].with_metadata({k: v.encode() for k, v in versions.items()})


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=_versioned_schema(table))


def document_tables(result: DocumentResult) -> dict[str, pa.Table]:
    """One document as Arrow tables (built in the worker: compact to send, cheap to batch)."""
    return {
        table: pa.Table.from_pydict(columns, schema=_versioned_schema(table))
        for table, columns in document_columns(result).items()
    }


def error_row(error: ErrorRecord) -> dict[str, Any]:
    return {
        "source_path": error.source_path,
        "sha256": error.sha256,
        "stage": error.stage,
        "error": error.error,
        "message": error.message,
    }


# ---------------------------------------------------------------- part files


def write_part(out: Path, table: str, data: pa.Table, part: str) -> Path:
    """Write one part file atomically: temporary name in the same folder, then rename."""
    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{part}.parquet"
    temporary = folder / f".{part}.{os.getpid()}.tmp"
    pq.write_table(data, temporary)
    os.replace(temporary, final)
    return final


def _part_path(out: Path, table: str, part: str) -> Path:
    return out / table / f"{part}.parquet"


def _remove_part(out: Path, part: str) -> None:
    """All files of a part, ``documents`` first, so it is never half-present."""
    for table in ["documents", *PART_TABLES[:-1]]:
        _part_path(out, table, part).unlink(missing_ok=True)


_PART_SEQ = itertools.count()


def new_part_name() -> str:
    """Unique, and sorting in the order parts were written."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"p{stamp}-{next(_PART_SEQ):05d}-{secrets.token_hex(3)}"


@dataclass
class PartWriter:
    """Buffers finished documents and errors; writes them as one part per table.

    A part is written when it holds ``part_docs`` documents, ``part_bytes`` of Arrow data,
    or when ``flush_seconds`` passed since the last write (so a kill loses little work).
    """

    out: Path
    part_docs: int = 256
    part_bytes: int = 64 << 20
    flush_seconds: float = 60.0
    parts: list[str] = field(default_factory=list)
    _tables: dict[str, list[pa.Table]] = field(default_factory=dict)
    _row_docs: list[tuple[str, int]] = field(default_factory=list)
    _errors: list[dict[str, Any]] = field(default_factory=list)
    _docs: int = 0
    _bytes: int = 0
    _since: float = field(default_factory=time.monotonic)

    def add_document(self, doc_id: str, tables: Mapping[str, pa.Table]) -> None:
        for name, data in tables.items():
            self._tables.setdefault(name, []).append(data)
            self._bytes += data.nbytes
        self._row_docs.append((doc_id, tables["agencies"].num_rows))
        self._docs += 1
        self._maybe_flush()

    def add_error(self, error: ErrorRecord) -> None:
        self._errors.append(error_row(error))
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        full = self._docs >= self.part_docs or self._bytes >= self.part_bytes
        if full or time.monotonic() - self._since >= self.flush_seconds:
            self.flush()

    def flush(self) -> str | None:
        """Write the buffered rows as a new part; its name, or None when nothing was buffered."""
        self._since = time.monotonic()
        if not self._docs and not self._errors:
            return None
        part = new_part_name()
        for table in PART_TABLES:
            write_part(self.out, table, self._part_table(table), part)
        self.parts.append(part)
        self._tables, self._row_docs, self._errors = {}, [], []
        self._docs = self._bytes = 0
        return part

    def _part_table(self, table: str) -> pa.Table:
        if table == "errors":
            return arrow_table(table, self._errors)
        pieces = self._tables.get(table) or [arrow_table(table, [])]
        data = pa.concat_tables(pieces)
        if table == "agencies":
            data = _with_row_docs(data, self._row_docs)
        return data


def _with_row_docs(data: pa.Table, row_docs: list[tuple[str, int]]) -> pa.Table:
    runs = [[doc_id, n] for doc_id, n in row_docs if n]
    meta = {**(data.schema.metadata or {}), META_ROW_DOCS: json.dumps(runs).encode()}
    return data.replace_schema_metadata(meta)


def _row_doc_ids(data: pa.Table) -> list[str | None]:
    """doc_id of every agencies row (None for rows written without the mapping)."""
    raw = (data.schema.metadata or {}).get(META_ROW_DOCS)
    ids: list[str | None] = [d for d, n in json.loads(raw) for _ in range(n)] if raw else []
    return (ids + [None] * data.num_rows)[: data.num_rows]


def ensure_tables(out: Path) -> None:
    """Every table folder holds at least an empty part, so readers never fail on a folder."""
    for table in TABLES:
        folder = out / table
        if not folder.is_dir() or not any(folder.glob("*.parquet")):
            write_part(out, table, arrow_table(table, []), EMPTY_PART)


# ---------------------------------------------------------------- what is written


@dataclass(frozen=True)
class WrittenDocument:
    doc_id: str
    source_path: str
    sha256: str
    pipeline_version: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class OutputIndex:
    """Committed documents by doc_id, and the parts holding each failed path's error rows."""

    documents: dict[str, WrittenDocument]
    errors: dict[str, tuple[str, ...]]

    def by_path(self) -> dict[str, list[str]]:
        """source_path → doc_ids written for it."""
        found: dict[str, list[str]] = {}
        for doc in self.documents.values():
            found.setdefault(doc.source_path, []).append(doc.doc_id)
        return found


def read_index(out: Path) -> OutputIndex:
    """Read only the key columns of the committed ``documents`` and ``errors`` parts."""
    documents: dict[str, WrittenDocument] = {}
    errors: dict[str, tuple[str, ...]] = {}
    for part in committed_parts(out):
        columns = ["doc_id", "source_path", "sha256", "pipeline_version"]
        for row in _read(_part_path(out, "documents", part), columns).to_pylist():
            old = documents.get(row["doc_id"])
            parts = (*old.parts, part) if old else (part,)
            documents[row["doc_id"]] = WrittenDocument(**row, parts=parts)
        error_file = _part_path(out, "errors", part)
        if error_file.exists():
            for path in _read(error_file, ["source_path"]).column(0).to_pylist():
                errors[path] = (*errors.get(path, ()), part)
    return OutputIndex(documents, errors)


def _read(file: Path, columns: list[str] | None = None) -> pa.Table:
    """One part file, with its schema metadata (ParquetFile: no dataset machinery)."""
    with pq.ParquetFile(file) as reader:
        return reader.read(columns=columns)


def written_documents(out: Path) -> dict[str, tuple[str, str]]:
    """doc_id → (source_path, pipeline_version) for every complete document in ``out``."""
    return {k: (d.source_path, d.pipeline_version) for k, d in read_index(out).documents.items()}


# ---------------------------------------------------------------- removing rows


def remove_rows(
    out: Path, index: OutputIndex, doc_ids: Iterable[str], error_paths: Iterable[str]
) -> int:
    """Remove documents (all their rows) and error rows; return how many parts changed.

    Each part is rewritten under a journal entry, so a kill mid-way is finished by ``recover``.
    """
    by_part: dict[str, tuple[set[str], set[str]]] = {}
    for doc_id in doc_ids:
        for part in index.documents[doc_id].parts if doc_id in index.documents else ():
            by_part.setdefault(part, (set(), set()))[0].add(doc_id)
    for path in error_paths:
        for part in index.errors.get(path, ()):
            by_part.setdefault(part, (set(), set()))[1].add(path)
    journal = out / JOURNAL
    for part, (docs, paths) in sorted(by_part.items()):
        journal.mkdir(exist_ok=True)
        entry = journal / f"{part}.json"
        temporary = journal / f".{part}.tmp"
        temporary.write_text(json.dumps({"doc_ids": sorted(docs), "source_paths": sorted(paths)}))
        os.replace(temporary, entry)
        _drop_from_part(out, part, docs, paths)
        entry.unlink()
    return len(by_part)


def _drop_from_part(out: Path, part: str, doc_ids: set[str], paths: set[str]) -> None:
    """Rewrite every file of ``part`` without those rows; idempotent (journal replay)."""
    import pyarrow.compute as pc  # here: a run with nothing to remove does not need it

    if not _part_path(out, "documents", part).exists():
        _remove_part(out, part)  # an earlier attempt already removed the commit marker
        return
    remaining = 0
    for table in ["documents", *PART_TABLES[:-1]]:
        file = _part_path(out, table, part)
        if not file.exists():
            continue
        data = _read(file)
        keep = _keep_mask(table, data, doc_ids, paths)
        if table in ("documents", "errors"):
            remaining += pc.sum(keep).as_py() or 0
        if pc.all(keep).as_py() is not False:
            continue
        kept = data.filter(keep)
        if table == "agencies":
            ids = [d for d, k in zip(_row_doc_ids(data), keep.to_pylist(), strict=True) if k]
            kept = _with_row_docs(kept, _runs(ids))
        write_part(out, table, kept, part)
    if remaining == 0:
        _remove_part(out, part)


def _keep_mask(table: str, data: pa.Table, doc_ids: set[str], paths: set[str]) -> pa.Array:
    import pyarrow.compute as pc

    if table == "errors":
        return pc.invert(pc.is_in(data["source_path"], pa.array(sorted(paths), pa.string())))
    if table == "agencies":
        return pa.array([d not in doc_ids for d in _row_doc_ids(data)], pa.bool_())
    return pc.invert(pc.is_in(data["doc_id"], pa.array(sorted(doc_ids), pa.string())))


def _runs(ids: list[str | None]) -> list[tuple[str, int]]:
    runs: list[tuple[str, int]] = []
    for doc_id in ids:
        if doc_id is None:
            continue
        if runs and runs[-1][0] == doc_id:
            runs[-1] = (doc_id, runs[-1][1] + 1)
        else:
            runs.append((doc_id, 1))
    return runs


# ---------------------------------------------------------------- recovery


@dataclass(frozen=True)
class Recovery:
    temporary_files: int = 0
    journal_entries: int = 0
    orphan_files: int = 0

    def __bool__(self) -> bool:
        return bool(self.temporary_files or self.journal_entries or self.orphan_files)


def recover(out: Path) -> Recovery:
    """Undo what a killed run left behind (call with the lock held)."""
    temporary = 0
    for table in TABLES:
        for leftover in (out / table).glob(".*.tmp") if (out / table).is_dir() else ():
            leftover.unlink(missing_ok=True)
            temporary += 1
    entries = sorted((out / JOURNAL).glob("*.json")) if (out / JOURNAL).is_dir() else []
    for entry in entries:
        todo = json.loads(entry.read_text())
        _drop_from_part(out, entry.stem, set(todo["doc_ids"]), set(todo["source_paths"]))
        entry.unlink()
    for leftover in (out / JOURNAL).glob(".*.tmp") if (out / JOURNAL).is_dir() else ():
        leftover.unlink(missing_ok=True)
    committed = {*committed_parts(out), EMPTY_PART}
    orphans = 0
    for table in PART_TABLES[:-1]:
        for file in (out / table).glob("*.parquet") if (out / table).is_dir() else ():
            if file.stem not in committed:
                file.unlink(missing_ok=True)
                orphans += 1
    return Recovery(temporary, len(entries), orphans)


# ---------------------------------------------------------------- lock


class OutputLockedError(RuntimeError):
    """Another run is writing into the same output folder."""


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[dict[str, Any] | None]:
    """Hold ``OUT/.lock`` for the duration; yields the stale holder taken over, if any.

    POSIX ``flock``: the kernel drops the lock when its holder dies (even by ``kill -9``), so
    a lock left by a killed run is free; the file's content only names the holder.
    """
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        previous = _holder(fd)
        _acquire(fd, path, previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_me()).encode(), 0)
        yield previous or None
        os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the flock


def _me() -> dict[str, Any]:
    started = datetime.now(UTC).isoformat(timespec="seconds")
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": started}


def _holder(fd: int) -> dict[str, Any]:
    with contextlib.suppress(OSError, ValueError):
        content = os.pread(fd, 4096, 0)
        found = json.loads(content) if content.strip() else {}
        return found if isinstance(found, dict) else {}
    return {}


def _acquire(fd: int, path: Path, holder: dict[str, Any]) -> None:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            raise OutputLockedError(_locked_message(path, holder)) from None
    if holder and holder.get("host") == socket.gethostname() and _alive(holder.get("pid")):
        raise OutputLockedError(_locked_message(path, holder))  # pragma: no cover


def _alive(pid: Any) -> bool:  # pragma: no cover - fallback without flock
    try:
        os.kill(int(pid), 0)
    except (OSError, TypeError, ValueError):
        return False
    return True


def _locked_message(path: Path, holder: dict[str, Any]) -> str:
    who = (
        f"pid {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}"
        if holder
        else "another process"
    )
    return (
        f"{path.parent} is in use by another notice-tasks run ({who}); wait for it to "
        f"finish or write to another --output (lock file: {path})"
    )
