"""Run: the stages over a batch of files.

``process_document`` wraps ``pipeline.stages.chain.process_path`` (the whole pipeline for
one file) for a worker: it never raises and returns the document as Arrow tables.
``run_batch`` takes the output folder's lock, repairs what a killed run left, plans the work
(skip documents already written by this pipeline version; drop the rows of changed files,
of ``--force``d documents and of earlier errors of files tried again), maps the rest over an
executor and streams the results into Parquet parts.
"""

from __future__ import annotations

import contextlib
import functools
import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import PIPELINE_VERSION
from pipeline.batch.executors import start_fork_server
from pipeline.batch.write import (
    OutputIndex,
    PartWriter,
    Recovery,
    document_tables,
    ensure_tables,
    output_lock,
    read_index,
    recover,
    remove_rows,
)
from pipeline.catalog import ErrorCode
from pipeline.identity import doc_id_for, file_sha256
from pipeline.records import DocumentResult, ErrorRecord, Page, PipelineError, SourceDocument
from pipeline.stages.chain import process_path

INPUT_SUFFIXES = {".pdf", ".txt", ".text"}
EXECUTORS = ("local", "dask", "inline")




def find_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[ErrorRecord]]:
    """Files to process under the given files and folders (recursive, no symlink loops)."""
    found: list[Path] = []
    errors: list[ErrorRecord] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += _walk(given, errors)
        elif given.exists() or given.is_symlink():
            found.append(given)
        else:
            errors.append(ErrorRecord(str(given), None, "ingest", "not_found", "no such file"))
    return sorted(dict.fromkeys(found)), errors


def _walk(folder: Path, errors: list[ErrorRecord]) -> list[Path]:
    found = []

    def on_error(exc: OSError) -> None:
        name = exc.filename or str(folder)
        reason = exc.strerror or str(exc)
        errors.append(ErrorRecord(str(name), None, "ingest", "unreadable", reason))

    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in INPUT_SUFFIXES and not name.startswith("."):
                found.append(path)
    return found


# ---------------------------------------------------------------- one document, in a worker


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the document's tables, or the error that stopped it."""

    path: str
    doc_id: str | None = None
    tables: dict[str, Any] | None = None  # table name → pyarrow.Table
    error: ErrorRecord | None = None
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)  # tasks, agency mentions, targets, deadlines
    warnings: tuple[str, ...] = ()
    debug: str | None = None  # traceback of an internal error


def process_document(path: str, password: str | None = None) -> Outcome:
    """``process_path`` for a worker: never raises; rows built here, not in the parent."""
    try:
        result = process_path(path, password=password)
        tables = document_tables(result)
    except PipelineError as exc:
        return failed(path, exc.code, exc.message, exc.stage)
    except Exception as exc:  # never let one file stop the batch
        message = f"{type(exc).__name__}: {exc}"
        return failed(path, ErrorCode.INTERNAL, message, "pipeline", traceback.format_exc())
    extraction = result.extraction
    counts = (
        len(extraction.segmentation.tasks),
        sum(not m.mention.collective for m in result.mentions),
        len(extraction.targets),
        len(extraction.deadlines),
    )
    doc_id = result.document.source.doc_id
    return Outcome(path, doc_id, tables, None, counts, tuple(result.warnings))


def failed(
    path: str, code: str, message: str, stage: str = "pipeline", debug: str | None = None
) -> Outcome:
    return Outcome(path, error=ErrorRecord(path, _sha_or_none(path), stage, code, message),
                   debug=debug)


def _sha_or_none(path: str) -> str | None:
    try:
        return file_sha256(Path(path))
    except OSError:
        return None


WARM_UP_TEXT = (
    "关于印发分工方案的通知\n1.示例任务培养10名人才，2025年底前完成。\n"
    "牵头单位：科技厅。参加单位：财政厅。"
)


@functools.cache
def warm_up() -> None:
    """Load rules, dictionaries and pipelines once per process (the fork server's, see
    ``pipeline.batch.preload``), not once per document; building the Arrow tables too, because
    pyarrow's first conversion of Python values imports pandas."""
    from pipeline.stages.extract import extract
    from pipeline.stages.normalize import normalize
    from pipeline.stages.resolve import resolve
    from pipeline.stages.segment import segment

    source = SourceDocument("warm-up", "warm-up", "", "txt", (Page(1, WARM_UP_TEXT),))
    resolved = resolve(extract(segment(normalize(source))))
    document_tables(DocumentResult(resolved.extraction, resolved.mentions, resolved.agencies, ()))


# ---------------------------------------------------------------- planning


@dataclass(frozen=True)
class Plan:
    todo: list[str]
    drop_docs: frozenset[str]  # doc_ids whose rows go before the run
    drop_errors: frozenset[str]  # source paths whose earlier error rows go
    skipped: int
    duplicates: tuple[tuple[str, str], ...]  # (path, path with the same content processed)


def plan_batch(
    inputs: list[Path], input_errors: list[ErrorRecord], index: OutputIndex, force: bool
) -> Plan:
    """Skip unchanged documents; everything else is (re)done and its old rows dropped."""
    by_path = index.by_path()
    todo: list[str] = []
    drop_docs: set[str] = set()
    seen: dict[str, str] = {}
    duplicates = []
    skipped = 0
    for path in map(str, inputs):
        try:
            doc_id = doc_id_for(file_sha256(Path(path)))
        except OSError:
            todo.append(path)  # ingest will name the problem
            continue
        drop_docs.update(old for old in by_path.get(path, ()) if old != doc_id)  # changed file
        if doc_id in seen:
            duplicates.append((path, seen[doc_id]))
            continue
        seen[doc_id] = path
        written = index.documents.get(doc_id)
        if written and not force and written.pipeline_version == PIPELINE_VERSION:
            skipped += 1
            continue
        if written:
            drop_docs.add(doc_id)
        todo.append(path)
    # every file seen now is either redone or already done: its old error rows are stale
    drop_errors = frozenset(map(str, inputs)) | {e.source_path for e in input_errors}
    return Plan(todo, frozenset(drop_docs), drop_errors, skipped, tuple(duplicates))


# ---------------------------------------------------------------- the batch


@dataclass
class BatchSummary:
    documents: int = 0
    skipped: int = 0
    tasks: int = 0
    agencies: int = 0
    targets: int = 0
    deadlines: int = 0
    warnings: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    duplicates: tuple[tuple[str, str], ...] = ()
    parts: list[str] = field(default_factory=list)
    recovered: Recovery = field(default_factory=Recovery)
    stale_lock: dict[str, Any] | None = None  # the dead run whose lock was taken over


@dataclass(frozen=True)
class Callbacks:
    """Progress hooks; all optional, called in this process as results arrive."""

    total: Callable[[int], None] | None = None
    progress: Callable[[str], None] | None = None
    error: Callable[[ErrorRecord, str | None], None] | None = None
    warning: Callable[[str, str], None] | None = None


def run_batch(
    paths: Iterable[str | Path],
    out: Path,
    *,
    jobs: int = 0,
    force: bool = False,
    password: str | None = None,
    timeout: float | None = 120.0,
    executor: str = "local",
    scheduler: str | None = None,
    part_docs: int = 256,
    callbacks: Callbacks | None = None,
) -> BatchSummary:
    """Process files and folders into ``out``; raises ``OutputLockedError`` when it is in use."""
    callbacks = callbacks or Callbacks()
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    with output_lock(out) as stale:
        summary = BatchSummary(stale_lock=stale, recovered=recover(out))
        ensure_tables(out)
        inputs, input_errors = find_inputs(paths)
        index = read_index(out)
        plan = plan_batch(inputs, input_errors, index, force)
        if plan.todo and executor == "local":
            start_fork_server()  # workers warm up while old rows are removed
        remove_rows(out, index, plan.drop_docs, plan.drop_errors)
        del index
        ensure_tables(out)
        summary.skipped, summary.duplicates = plan.skipped, plan.duplicates
        if callbacks.total:
            callbacks.total(len(plan.todo))
        writer = PartWriter(out, part_docs=max(1, part_docs))
        try:
            for error in input_errors:
                _record_error(writer, summary, callbacks, error, None)
            pool = _pool(executor, jobs, timeout, password, scheduler)
            for outcome in pool.map(largest_first(plan.todo)):
                _record(writer, outcome, summary, callbacks)
            _record_duplicate_errors(writer, summary, callbacks, plan.duplicates)
        finally:
            with contextlib.suppress(Exception):  # keep finished work even when interrupted
                writer.flush()
            summary.parts = writer.parts
        ensure_tables(out)
    return summary


def largest_first(paths: list[str]) -> list[str]:
    """Big files first, so that the workers finish together instead of one of them ending
    the run alone on a long document."""

    def size(path: str) -> int:
        try:
            return os.stat(path).st_size
        except OSError:
            return 0  # reported by the worker that tries to read it

    return sorted(paths, key=size, reverse=True)


def _pool(executor: str, jobs: int, timeout: float | None, password: str | None,
          scheduler: str | None) -> Any:
    from pipeline.batch.executors import DaskPool, InlinePool, LocalPool

    work = functools.partial(process_document, password=password)
    limit = timeout if timeout and timeout > 0 else None
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if executor == "inline":
        return InlinePool(work, initializer=warm_up)
    if executor == "dask":
        return DaskPool(work, failed, scheduler=scheduler, jobs=jobs, timeout=limit,
                        initializer=warm_up)
    return LocalPool(work, failed, jobs=workers, timeout=limit, initializer=warm_up,
                     max_tasks_per_worker=MAX_TASKS_PER_WORKER)


MAX_TASKS_PER_WORKER = 500  # a fresh worker now and then: leaks in parsers cannot pile up


def _record(writer: PartWriter, outcome: Outcome, summary: BatchSummary,
            callbacks: Callbacks) -> None:
    if outcome.error is not None or outcome.tables is None or outcome.doc_id is None:
        lost = ErrorRecord(outcome.path, None, "pipeline", ErrorCode.INTERNAL, "lost")
        error = outcome.error or lost
        _record_error(writer, summary, callbacks, error, outcome.debug)
    else:
        writer.add_document(outcome.doc_id, outcome.tables)
        summary.documents += 1
        tasks, agencies, targets, deadlines = outcome.counts
        summary.tasks += tasks
        summary.agencies += agencies
        summary.targets += targets
        summary.deadlines += deadlines
        summary.warnings += len(outcome.warnings)
        if callbacks.warning:
            for warning in outcome.warnings:
                callbacks.warning(outcome.path, warning)
    if callbacks.progress:
        callbacks.progress(outcome.path)


def _record_duplicate_errors(
    writer: PartWriter,
    summary: BatchSummary,
    callbacks: Callbacks,
    duplicates: tuple[tuple[str, str], ...],
) -> None:
    """A file with the same bytes as one that failed fails the same way, under its own path."""
    failed_by_path = {e.source_path: e for e in summary.errors}
    for path, original in duplicates:
        error = failed_by_path.get(original)
        if error:
            message = f"{error.message} (same content as {original})"
            copy = ErrorRecord(path, error.sha256, error.stage, error.error, message)
            _record_error(writer, summary, callbacks, copy, None)


def _record_error(
    writer: PartWriter,
    summary: BatchSummary,
    callbacks: Callbacks,
    error: ErrorRecord,
    debug: str | None,
) -> None:
    writer.add_error(error)
    summary.errors.append(error)
    if callbacks.error:
        callbacks.error(error, debug)
