"""Write: DocumentResults → Parquet dataset folders ``OUT/<table>/*.parquet``.

Documents are written in **parts**: a part holds up to a few hundred documents (and the
errors of the same stretch of the run), one file per table, all named alike
(``OUT/<table>/<part>.parquet``). Each file is written to a temporary name and renamed into
place; the ``documents`` file is renamed last and is the commit marker: a part exists exactly
when its ``documents`` file does. ``recover`` (run under the lock at the start of every run)
removes what a killed run left behind: temporary files, parts without a ``documents`` file,
and unfinished row removals (replayed from ``OUT/.journal``). ``OUT/.lock`` keeps a second
run out of the same folder.

``agencies`` is one row per body: the parts keep each document's bodies in the hidden folder
``OUT/.agency_rows`` and ``rebuild_agencies`` merges them into ``OUT/agencies`` at the end of
every run. A write that fails raises ``OutputWriteError`` (naming the file and the reason):
the part is removed, so the output holds only what was committed and the next run redoes the
rest.
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
from pipeline.batch.layout import (
    AGENCIES_PART,
    EMPTY_PART,
    committed_parts,
    part_folder,
)
from pipeline.records import DocumentResult, ErrorRecord, Page
from pipeline.rules import rules_dir, rules_fingerprint
from pipeline.schema import SCHEMA_VERSION, TABLES

try:  # POSIX: an advisory lock the kernel releases when its holder dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

META_SCHEMA_VERSION = b"notice_tasks.schema_version"
META_PIPELINE_VERSION = b"notice_tasks.pipeline_version"
META_RULES_FINGERPRINT = b"notice_tasks.rules_fingerprint"
DOCUMENT_TABLES = [t for t in TABLES if t not in {"documents", "errors"}] + ["documents"]
PART_TABLES = [t for t in TABLES if t != "documents"] + ["documents"]  # commit marker last
LOCK_NAME = ".lock"
JOURNAL = ".journal"


class OutputWriteError(RuntimeError):
    """A file of the output could not be written (disk full, permissions …)."""


def task_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-{seq:04d}"


def task_title(raw: str) -> str:
    """A title without line breaks and spaces, except one space inside Latin text
    (``ISO 9001``, ``5G 网络`` → ``5G网络``)."""
    words = raw.split()
    title = words[0] if words else ""
    for word in words[1:]:
        latin = _is_latin(title[-1]) and _is_latin(word[0])
        title += (" " if latin else "") + word
    return title


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


@functools.cache
def _fingerprint(folder: str) -> str:
    return rules_fingerprint()


def current_rules_fingerprint() -> str:
    """The fingerprint of the rules in use (computed once per rules folder and process)."""
    return _fingerprint(str(rules_dir()))


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
            "rules_fingerprint": [current_rules_fingerprint()],
            "page_methods": [[page.method for page in source.pages]],
            "ocr_confidence": [_ocr_confidence(source.pages)],
        },
        "tasks": {
            **_keys(doc_id, [t.seq for t in tasks]),
            "seq": [t.seq for t in tasks],
            "number": [t.number for t in tasks],
            "section": [t.section for t in tasks],
            "title": [task_title(text[t.title_start : t.title_end]) for t in tasks],
            "text": [text[t.start : t.end] for t in tasks],
            "page_start": [page(t.start) for t in tasks],
            "page_end": [page(max(t.start, t.end - 1)) for t in tasks],
            "char_start": [t.start for t in tasks],
            "char_end": [t.end for t in tasks],
        },
        "task_agencies": {
            **_keys(doc_id, [m.task_seq for m in mentions]),
            **_fields(mentions, ["role", "role_label", "position", "mention"]),
            "shared_prefix": [m.prefix for m in mentions],
            "shared_suffix": [m.suffix for m in mentions],
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
            "doc_ids": [[doc_id] for _ in result.agencies],
        },
        "targets": _span_columns("targets", extraction.targets, doc_id, page),
        "deadlines": _span_columns("deadlines", extraction.deadlines, doc_id, page),
        "leaders": _span_columns("leaders", extraction.leaders, doc_id, page),
        "rejected_numbers": _span_columns("rejected_numbers", extraction.rejected, doc_id, page),
    }



def _ocr_confidence(pages: Sequence[Page]) -> float | None:
    """The mean OCR confidence of the pages read by OCR (None when none was)."""
    scores = [p.confidence for p in pages if p.method == "ocr" and p.confidence is not None]
    return sum(scores) / len(scores) if scores else None


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


def _versioned_schema(table: str) -> pa.Schema:
    return _schema_with(table, current_rules_fingerprint())


@functools.cache
def _schema_with(table: str, fingerprint: str) -> pa.Schema:
    versions = {
        META_SCHEMA_VERSION: SCHEMA_VERSION,
        META_PIPELINE_VERSION: PIPELINE_VERSION,
        META_RULES_FINGERPRINT: fingerprint,
    }
    return TABLES[table].with_metadata({k: v.encode() for k, v in versions.items()})


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=_versioned_schema(table))


def document_tables(result: DocumentResult) -> dict[str, pa.Table]:
    """One document as Arrow tables (built in the worker: compact to send, cheap to batch);
    its ``agencies`` rows are the bodies it names, ``doc_ids`` = [its doc_id]."""
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
    """Write one part file atomically: temporary name in the same folder, then rename.

    Raises ``OutputWriteError`` naming the file; no temporary file is left behind."""
    return _write_in(part_folder(out, table), part, data)


def _part_path(out: Path, table: str, part: str) -> Path:
    return part_folder(out, table) / f"{part}.parquet"


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
    Each added item may carry a ``note``; ``on_commit`` gets the notes of a part once it is
    committed, so that what is counted is what is on disk. A failed write removes the part
    and raises ``OutputWriteError``; its items are dropped (the next run redoes them).
    """

    out: Path
    part_docs: int = 256
    part_bytes: int = 64 << 20
    flush_seconds: float = 60.0
    on_commit: Callable[[list[Any]], None] | None = None
    parts: list[str] = field(default_factory=list)
    lost: int = 0  # items of parts whose write failed
    _tables: dict[str, list[pa.Table]] = field(default_factory=dict)
    _errors: list[dict[str, Any]] = field(default_factory=list)
    _notes: list[Any] = field(default_factory=list)
    _docs: int = 0
    _bytes: int = 0
    _since: float = field(default_factory=time.monotonic)

    def add_document(self, tables: Mapping[str, pa.Table], note: Any = None) -> None:
        for name, data in tables.items():
            self._tables.setdefault(name, []).append(data)
            self._bytes += data.nbytes
        self._docs += 1
        self._notes.append(note)
        self._maybe_flush()

    def add_error(self, error: ErrorRecord, note: Any = None) -> None:
        self._errors.append(error_row(error))
        self._notes.append(note)
        self._maybe_flush()

    @property
    def pending(self) -> int:
        """Documents and errors added but not yet committed."""
        return len(self._notes)

    def _maybe_flush(self) -> None:
        full = self._docs >= self.part_docs or self._bytes >= self.part_bytes
        if full or time.monotonic() - self._since >= self.flush_seconds:
            self.flush()

    def flush(self) -> str | None:
        """Write the buffered rows as a new part; its name, or None when nothing was buffered."""
        self._since = time.monotonic()
        if not self._notes:
            return None
        part = new_part_name()
        notes = self._notes
        try:
            for table in PART_TABLES:
                write_part(self.out, table, self._part_table(table), part)
        except OutputWriteError:
            self.lost += len(notes)
            with contextlib.suppress(OSError):
                _remove_part(self.out, part)
            raise
        finally:
            self._tables, self._errors, self._notes = {}, [], []
            self._docs = self._bytes = 0
        self.parts.append(part)
        if self.on_commit is not None:
            self.on_commit(notes)
        return part

    def _part_table(self, table: str) -> pa.Table:
        if table == "errors":
            return arrow_table(table, self._errors)
        return pa.concat_tables(self._tables.get(table) or [arrow_table(table, [])])


def ensure_tables(out: Path) -> None:
    """Every table folder holds an empty part of the current schema, so readers never fail
    on a folder and take the columns of this version (older empty parts are replaced)."""
    for table in TABLES:
        empty = out / table / f"{EMPTY_PART}.parquet"
        if not empty.exists() or not _current(empty):
            _write_in(out / table, EMPTY_PART, arrow_table(table, []))


def _current(file: Path) -> bool:
    try:
        meta = pq.read_schema(file).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return False
    return meta.get(META_SCHEMA_VERSION) == SCHEMA_VERSION.encode()


def rebuild_agencies(out: Path) -> Path:
    """Merge the committed documents' bodies into ``OUT/agencies``: one row per ``agency_id``
    with every document naming it in ``doc_ids`` (sorted), the union of its aliases, and the
    name, jurisdiction, level and kind of its first row, documents taken in ``doc_id`` order (so
    the result does not depend on the order the documents were processed in)."""
    files = [_part_path(out, "agencies", p) for p in committed_parts(out)]
    tables = [_read(f) for f in files if f.exists()]
    rows = pa.concat_tables(tables).to_pylist() if tables else []
    rows.sort(key=lambda row: row["doc_ids"][0])  # stable: a document's own order stays
    bodies: dict[str, dict[str, Any]] = {}
    for row in rows:
        body = bodies.setdefault(row["agency_id"], {**row, "aliases": [], "doc_ids": []})
        body["aliases"] += [a for a in row["aliases"] or () if a not in body["aliases"]]
        body["doc_ids"] += row["doc_ids"]
        body["known"] = body["known"] or row["known"]
    merged = [
        {**body, "doc_ids": sorted(set(body["doc_ids"]))}
        for _, body in sorted(bodies.items())
    ]
    return _write_in(out / "agencies", AGENCIES_PART, arrow_table("agencies", merged))


def _write_in(folder: Path, name: str, data: pa.Table) -> Path:
    """Write ``folder/name.parquet`` atomically (a file that is no part)."""
    final = folder / f"{name}.parquet"
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(data, temporary)
        os.replace(temporary, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise OutputWriteError(f"cannot write {final}: {exc.strerror or exc}") from exc
    return final


# ---------------------------------------------------------------- what is written


@dataclass(frozen=True)
class WrittenDocument:
    doc_id: str
    source_path: str
    sha256: str
    pipeline_version: str
    rules_fingerprint: str | None  # None: written before fingerprints were recorded
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


INDEX_COLUMNS = ["doc_id", "source_path", "sha256", "pipeline_version", "rules_fingerprint"]


def read_index(out: Path) -> OutputIndex:
    """Read only the key columns of the committed ``documents`` and ``errors`` parts."""
    documents: dict[str, WrittenDocument] = {}
    errors: dict[str, tuple[str, ...]] = {}
    for part in committed_parts(out):
        file = _part_path(out, "documents", part)
        columns = [c for c in INDEX_COLUMNS if c in pq.read_schema(file).names]
        for row in _read(file, columns).to_pylist():
            old = documents.get(row["doc_id"])
            parts = (*old.parts, part) if old else (part,)
            row.setdefault("rules_fingerprint", None)
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
        write_part(out, table, data.filter(keep), part)
    if remaining == 0:
        _remove_part(out, part)


def _keep_mask(table: str, data: pa.Table, doc_ids: set[str], paths: set[str]) -> pa.Array:
    import pyarrow.compute as pc

    if table == "errors":
        column, drop = data["source_path"], paths
    elif table == "agencies":  # a part's body rows name one document each
        column, drop = pc.list_element(data["doc_ids"], 0), doc_ids
    else:
        column, drop = data["doc_id"], doc_ids
    return pc.invert(pc.is_in(column, pa.array(sorted(drop), pa.string())))


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
    folders = {out / t for t in TABLES} | {part_folder(out, t) for t in PART_TABLES}
    for folder in sorted(folders):
        for leftover in folder.glob(".*.tmp") if folder.is_dir() else ():
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
        folder = part_folder(out, table)
        for file in folder.glob("*.parquet") if folder.is_dir() else ():
            if file.stem not in committed:
                file.unlink(missing_ok=True)
                orphans += 1
    # agencies parts of schema 1.0 (one row per body and document): rebuilt from .agency_rows
    for file in (out / "agencies").glob("*.parquet") if (out / "agencies").is_dir() else ():
        if file.stem not in {EMPTY_PART, AGENCIES_PART}:
            file.unlink(missing_ok=True)
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
