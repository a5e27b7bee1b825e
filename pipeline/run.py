"""Run: chain the stages for one document, and over a batch of files.

``process_path`` is the whole pipeline for one file; ``run_batch`` finds the inputs,
skips documents already written by this pipeline version, processes the rest (in worker
processes when ``jobs > 1``) and writes each document as soon as it is done.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import PIPELINE_VERSION
from .extract import extract
from .ingest import doc_id_for, file_sha256, ingest
from .normalize import normalize
from .records import DocumentResult, ErrorRecord, Page, PipelineError, SourceDocument
from .resolve import resolve
from .segment import segment
from .write import (
    clear_error,
    ensure_tables,
    remove_document,
    write_document,
    write_error,
    written_documents,
)

INPUT_SUFFIXES = {".pdf", ".txt", ".text"}


def process_path(path: str | Path, *, password: str | None = None) -> DocumentResult:
    """The whole pipeline for one file; raises PipelineError with a stable code."""
    source = ingest(path, password=password)
    stage = "normalize"
    try:
        normalized = normalize(source)
        stage = "segment"
        segmentation = segment(normalized)
        stage = "extract"
        extraction = extract(segmentation)
        stage = "resolve"
        result = resolve(extraction)
    except PipelineError:
        raise
    except Exception as exc:  # a bug or an input we did not foresee: name the stage
        raise PipelineError("internal", f"{type(exc).__name__}: {exc}", stage) from exc
    warnings = (*source.warnings, *segmentation.warnings, *result.warnings)
    return DocumentResult(result.extraction, result.mentions, result.agencies, warnings)


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


@dataclass
class BatchSummary:
    documents: int = 0
    skipped: int = 0
    tasks: int = 0
    agencies: int = 0
    targets: int = 0
    deadlines: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Outcome:
    path: str
    result: DocumentResult | None
    error: ErrorRecord | None
    debug: str | None = None


def _process_one(path: str, password: str | None) -> _Outcome:
    try:
        return _Outcome(path, process_path(path, password=password), None)
    except PipelineError as exc:
        sha = _sha_or_none(path)
        return _Outcome(path, None, ErrorRecord(path, sha, exc.stage, exc.code, exc.message))
    except Exception as exc:  # never let one file stop the batch
        sha = _sha_or_none(path)
        record = ErrorRecord(path, sha, "pipeline", "internal", f"{type(exc).__name__}: {exc}")
        return _Outcome(path, None, record, traceback.format_exc())


def _sha_or_none(path: str) -> str | None:
    try:
        return file_sha256(Path(path))
    except OSError:
        return None


WARM_UP_TEXT = (
    "关于印发分工方案的通知\n1.示例任务培养10名人才，2025年底前完成。\n"
    "牵头单位：科技厅。参加单位：财政厅。"
)


def warm_up() -> None:
    """Load rules, dictionaries and pipelines once per process, not once per document."""
    source = SourceDocument("warm-up", "warm-up", "", "txt", (Page(1, WARM_UP_TEXT),))
    resolve(extract(segment(normalize(source))))


def _warm_up() -> None:
    warm_up()


def run_batch(
    paths: Iterable[str | Path],
    out: Path,
    *,
    jobs: int = 1,
    force: bool = False,
    password: str | None = None,
    on_progress: Callable[[str, int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> BatchSummary:
    out.mkdir(parents=True, exist_ok=True)
    inputs, input_errors = find_inputs(paths)
    summary = BatchSummary(errors=list(input_errors))
    todo = _to_process(inputs, out, force, summary)
    if on_total:
        on_total(len(todo))
    for outcome in _outcomes(todo, jobs, password):
        _record(out, outcome, summary)
        if on_progress:
            on_progress(outcome.path, 1)
    for error in input_errors:
        write_error(out, error)
    ensure_tables(out)
    return summary


def _to_process(inputs: list[Path], out: Path, force: bool, summary: BatchSummary) -> list[str]:
    """Skip files whose current content is already written by this pipeline version."""
    written = written_documents(out)
    by_path = {source: doc_id for doc_id, (source, _) in written.items()}
    todo = []
    for path in inputs:
        try:
            doc_id = doc_id_for(file_sha256(path))
        except OSError:
            todo.append(str(path))  # ingest will name the problem
            continue
        old = by_path.get(str(path))
        if old and old != doc_id:
            remove_document(out, old)  # the file changed: its old rows go
        if not force and written.get(doc_id, ("", ""))[1] == PIPELINE_VERSION:
            summary.skipped += 1
            continue
        todo.append(str(path))
    return todo


def _outcomes(todo: list[str], jobs: int, password: str | None) -> Iterator[_Outcome]:
    if jobs <= 1 or len(todo) <= 1:
        yield from (_process_one(path, password) for path in todo)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        yield from pool.map(_process_one, todo, [password] * len(todo), chunksize=1)


def _record(out: Path, outcome: _Outcome, summary: BatchSummary) -> None:
    if outcome.error:
        summary.errors.append(outcome.error)
        write_error(out, outcome.error)
        return
    result = outcome.result
    assert result is not None
    write_document(out, result)
    clear_error(out, outcome.path)
    summary.documents += 1
    summary.tasks += len(result.extraction.segmentation.tasks)
    summary.agencies += sum(not m.mention.collective for m in result.mentions)
    summary.targets += len(result.extraction.targets)
    summary.deadlines += len(result.extraction.deadlines)
    summary.warnings += [(outcome.path, w) for w in result.warnings]
