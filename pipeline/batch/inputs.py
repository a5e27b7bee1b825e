"""The inputs of a run: the files under the given paths, and the checks that refuse a run
before anything is read or written (light: the CLI uses it before importing the pipeline)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pipeline.catalog import ErrorCode
from pipeline.records import ErrorRecord

INPUT_SUFFIXES = {
    ".pdf", ".txt", ".text", ".html", ".htm", ".shtml", ".xhtml",
    ".docx", ".xlsx", ".doc", ".wps", ".xls", ".et", ".rtf",
}
EXECUTORS = ("local", "dask", "inline")


class UsageError(ValueError):
    """The run cannot start as asked: an input that does not exist, no input files, a bad
    option. Raised before the output folder is touched."""


def check_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The given paths, each of which must exist (a broken link is an input: it is recorded)."""
    given = [Path(p) for p in paths]
    missing = [str(p) for p in given if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if not given:
        raise UsageError("no input given")
    return given


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
            missing = ErrorRecord(str(given), None, "ingest", ErrorCode.NOT_FOUND, "no such file")
            errors.append(missing)
    return sorted(dict.fromkeys(found)), errors


def _walk(folder: Path, errors: list[ErrorRecord]) -> list[Path]:
    found = []

    def on_error(exc: OSError) -> None:
        name = exc.filename or str(folder)
        reason = exc.strerror or str(exc)
        errors.append(ErrorRecord(str(name), None, "ingest", ErrorCode.UNREADABLE, reason))

    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in INPUT_SUFFIXES and not name.startswith("."):
                found.append(path)
    return found


def check_options(executor: str, jobs: int, timeout: float | None,
                  max_size: int | None) -> None:
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    for name, value in (("--jobs", jobs), ("--timeout", timeout), ("--max-size", max_size)):
        if value is not None and value < 0:
            raise UsageError(f"{name} must be 0 or more, not {value:g}")
