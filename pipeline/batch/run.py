"""Run: the stages over a batch of files.

``process_document`` wraps ``pipeline.stages.chain.process_path`` (the whole pipeline for
one file) for a worker: it never raises and returns the document as Arrow tables.
``run_batch`` checks the rules (a broken file stops it before any document), takes the output
folder's lock, repairs what a killed run left, plans the work (only regular files up to
``max_size`` are read; skip documents already written by this pipeline version with these
rules; drop the rows of changed files, of redone documents and of earlier errors of files
tried again), maps the rest over an executor and streams the results into Parquet parts. A
failed write stops the run with ``OutputWriteError``; the summary counts only what is on disk.
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
from pipeline.batch.inputs import (
    EXECUTORS,  # noqa: F401  (re-exported: the names of run_batch's executors)
    INPUT_SUFFIXES,
    UsageError,
    check_options,
    check_paths,
    find_inputs,
)
from pipeline.batch.write import (
    OutputIndex,
    OutputWriteError,
    PartWriter,
    Recovery,
    WrittenDocument,
    current_rules_fingerprint,
    document_tables,
    ensure_tables,
    output_lock,
    read_index,
    rebuild_agencies,
    recover,
    remove_rows,
)
from pipeline.catalog import ErrorCode
from pipeline.identity import DEFAULT_MAX_SIZE, checked_sha256, doc_id_for
from pipeline.records import DocumentResult, ErrorRecord, Page, PipelineError, SourceDocument
from pipeline.rules import check_rules
from pipeline.stages.chain import process_path

# ---------------------------------------------------------------- one document, in a worker


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the document's tables, or the error that stopped it."""

    path: str
    doc_id: str | None = None
    tables: dict[str, Any] | None = None  # table name → pyarrow.Table
    error: ErrorRecord | None = None
    # tasks, agency mentions (collective ones included), collective mentions, targets, deadlines
    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    warnings: tuple[str, ...] = ()
    debug: str | None = None  # traceback of an internal error


def process_document(path: str, password: str | None = None, ocr: str = "auto") -> Outcome:
    """``process_path`` for a worker: never raises; rows built here, not in the parent."""
    try:
        result = process_path(path, password=password, ocr=ocr)
        tables = document_tables(result)
    except PipelineError as exc:
        return failed(path, exc.code, exc.message, exc.stage)
    except Exception as exc:  # never let one file stop the batch
        message = f"{type(exc).__name__}: {exc}"
        return failed(path, ErrorCode.INTERNAL, message, "pipeline", traceback.format_exc())
    extraction = result.extraction
    counts = (
        len(extraction.segmentation.tasks),
        len(result.mentions),
        sum(m.mention.collective for m in result.mentions),
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
        return checked_sha256(Path(path))
    except (OSError, PipelineError):
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
    refused: tuple[ErrorRecord, ...] = ()  # inputs never read: not regular, too large
    redone: dict[str, int] = field(default_factory=dict)  # why written documents are redone


REDO_FORCE = "--force"
REDO_VERSION = "another pipeline version"
REDO_RULES = "other rules"


def plan_batch(
    inputs: list[Path],
    input_errors: list[ErrorRecord],
    index: OutputIndex,
    force: bool,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> Plan:
    """Skip documents written by this pipeline version with these rules; everything else is
    (re)done and its old rows dropped. Inputs are checked before they are hashed."""
    by_path = index.by_path()
    fingerprint = current_rules_fingerprint()
    todo: list[str] = []
    drop_docs: set[str] = set()
    seen: dict[str, str] = {}
    duplicates, refused = [], []
    redone: dict[str, int] = {}
    skipped = 0
    for path in map(str, inputs):
        try:
            doc_id = doc_id_for(checked_sha256(Path(path), max_size))
        except (PipelineError, OSError) as exc:  # never read: recorded here
            refused.append(_unread(path, exc))
            drop_docs.update(by_path.get(path, ()))
            continue
        drop_docs.update(old for old in by_path.get(path, ()) if old != doc_id)  # changed file
        if doc_id in seen:
            duplicates.append((path, seen[doc_id]))
            continue
        seen[doc_id] = path
        written = index.documents.get(doc_id)
        if written:
            why = _redo_reason(written, force, fingerprint)
            if why is None:
                skipped += 1
                continue
            redone[why] = redone.get(why, 0) + 1
            drop_docs.add(doc_id)
        todo.append(path)
    # every file seen now is either redone or already done: its old error rows are stale
    drop_errors = frozenset(map(str, inputs)) | {e.source_path for e in input_errors}
    return Plan(todo, frozenset(drop_docs), drop_errors, skipped, tuple(duplicates),
                tuple(refused), redone)


def _unread(path: str, exc: PipelineError | OSError) -> ErrorRecord:
    if isinstance(exc, PipelineError):
        return ErrorRecord(path, None, "ingest", exc.code, exc.message)
    if isinstance(exc, FileNotFoundError):
        return ErrorRecord(path, None, "ingest", ErrorCode.NOT_FOUND, "no such file (broken link)")
    return ErrorRecord(path, None, "ingest", ErrorCode.UNREADABLE, exc.strerror or str(exc))


def _redo_reason(written: WrittenDocument, force: bool, fingerprint: str) -> str | None:
    """Why a written document is done again (None: it is up to date)."""
    if force:
        return REDO_FORCE
    if written.pipeline_version != PIPELINE_VERSION:
        return REDO_VERSION
    if written.rules_fingerprint != fingerprint:
        return REDO_RULES
    return None


# ---------------------------------------------------------------- the batch


@dataclass
class BatchSummary:
    """What the run committed to the output (a document or an error counts once on disk)."""

    documents: int = 0
    skipped: int = 0
    tasks: int = 0
    agencies: int = 0  # agency mentions, collective ones included
    collective: int = 0  # of which collective (各有关部门 …)
    targets: int = 0
    deadlines: int = 0
    warnings: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    duplicates: tuple[tuple[str, str], ...] = ()
    redone: dict[str, int] = field(default_factory=dict)  # reason → documents done again
    parts: list[str] = field(default_factory=list)
    recovered: Recovery = field(default_factory=Recovery)
    stale_lock: dict[str, Any] | None = None  # the dead run whose lock was taken over
    lost: int = 0  # documents and errors finished but not written (a failed write)

    def commit(self, notes: list[Outcome | ErrorRecord]) -> None:
        """Count a part once it is on disk."""
        for note in notes:
            if isinstance(note, ErrorRecord):
                self.errors.append(note)
                continue
            self.documents += 1
            tasks, mentions, collective, targets, deadlines = note.counts
            self.tasks += tasks
            self.agencies += mentions
            self.collective += collective
            self.targets += targets
            self.deadlines += deadlines
            self.warnings += len(note.warnings)


class BatchWriteError(OutputWriteError):
    """A write failed: the run stopped; ``summary`` counts what is on disk."""

    def __init__(self, message: str, summary: BatchSummary) -> None:
        super().__init__(message)
        self.summary = summary


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
    ocr: str = "auto",
    timeout: float | None = 120.0,
    executor: str = "local",
    scheduler: str | None = None,
    part_docs: int = 256,
    max_size: int | None = DEFAULT_MAX_SIZE,
    callbacks: Callbacks | None = None,
) -> BatchSummary:
    """Process files and folders into ``out``.

    Raises ``UsageError`` (missing input, no input files, bad option) and ``RulesError`` (a
    broken rule file) before touching ``out``; ``OutputLockedError`` when it is in use;
    ``BatchWriteError`` when a write fails (the next run redoes what was not written)."""
    callbacks = callbacks or Callbacks()
    check_options(executor, jobs, timeout, max_size)
    given = check_paths(paths)
    inputs, input_errors = find_inputs(given)
    if not inputs and not input_errors:
        raise UsageError(f"no input files ({', '.join(sorted(INPUT_SUFFIXES))}) in "
                         f"{', '.join(map(str, given))}")
    check_rules()
    with output_lock(out) as stale:
        summary = BatchSummary(stale_lock=stale, recovered=recover(out))
        ensure_tables(out)
        index = read_index(out)
        plan = plan_batch(inputs, input_errors, index, force, max_size)
        if plan.todo and executor == "local":
            start_fork_server()  # workers warm up while old rows are removed
        remove_rows(out, index, plan.drop_docs, plan.drop_errors)
        del index
        summary.skipped, summary.duplicates, summary.redone = (
            plan.skipped, plan.duplicates, plan.redone)
        if callbacks.total:
            callbacks.total(len(plan.todo))
        writer = PartWriter(out, part_docs=max(1, part_docs), on_commit=summary.commit)
        try:
            _process(writer, summary, callbacks, plan, input_errors,
                     _pool(executor, jobs, timeout, password, scheduler, ocr))
            writer.flush()
            rebuild_agencies(out)
        except OutputWriteError as exc:
            summary.lost = writer.lost + writer.pending
            raise BatchWriteError(str(exc), summary) from exc
        except BaseException:
            with contextlib.suppress(Exception):  # keep finished work when interrupted
                writer.flush()
                rebuild_agencies(out)
            raise
        finally:
            summary.parts = writer.parts
    return summary


def _process(writer: PartWriter, summary: BatchSummary, callbacks: Callbacks, plan: Plan,
             input_errors: list[ErrorRecord], pool: Any) -> None:
    failures: dict[str, ErrorRecord] = {}
    for error in [*input_errors, *plan.refused]:
        _record_error(writer, failures, callbacks, error, None)
    with contextlib.closing(pool.map(largest_first(plan.todo))) as outcomes:  # workers stop
        for outcome in outcomes:  # even when a write fails
            _record(writer, outcome, failures, callbacks)
    _record_duplicate_errors(writer, failures, callbacks, plan.duplicates)


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
          scheduler: str | None, ocr: str = "auto") -> Any:
    from pipeline.batch.executors import DaskPool, InlinePool, LocalPool

    work = functools.partial(process_document, password=password, ocr=ocr)
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


def _record(writer: PartWriter, outcome: Outcome, failures: dict[str, ErrorRecord],
            callbacks: Callbacks) -> None:
    if outcome.error is not None or outcome.tables is None or outcome.doc_id is None:
        lost = ErrorRecord(outcome.path, None, "pipeline", ErrorCode.INTERNAL, "lost")
        error = outcome.error or lost
        _record_error(writer, failures, callbacks, error, outcome.debug)
    else:
        if callbacks.warning:
            for warning in outcome.warnings:
                callbacks.warning(outcome.path, warning)
        writer.add_document(outcome.tables, note=outcome)
    if callbacks.progress:
        callbacks.progress(outcome.path)


def _record_duplicate_errors(
    writer: PartWriter,
    failures: dict[str, ErrorRecord],
    callbacks: Callbacks,
    duplicates: tuple[tuple[str, str], ...],
) -> None:
    """A file with the same bytes as one that failed fails the same way, under its own path."""
    for path, original in duplicates:
        error = failures.get(original)
        if error:
            message = f"{error.message} (same content as {original})"
            copy = ErrorRecord(path, error.sha256, error.stage, error.error, message)
            _record_error(writer, failures, callbacks, copy, None)


def _record_error(
    writer: PartWriter,
    failures: dict[str, ErrorRecord],
    callbacks: Callbacks,
    error: ErrorRecord,
    debug: str | None,
) -> None:
    failures[error.source_path] = error
    if callbacks.error:
        callbacks.error(error, debug)
    writer.add_error(error, note=error)
