"""Issue 7: a folder of broken, hostile and odd inputs next to the good corpus.

Every bad file gets its own error code in `errors` and one line on stderr; the good notices
still give their gold results; nothing prints a traceback; the exit code is 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.analysis.evaluate import evaluate
from pipeline.batch.inputs import INPUT_SUFFIXES
from tests.badfiles import make_bad_files
from tests.conftest import CORPUS, fitted_gold_dir


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory) -> tuple[Path, dict[str, str | None], subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("bad")
    expected = make_bad_files(root / "in" / "bad")
    shutil.copytree(CORPUS, root / "in" / "corpus", ignore=shutil.ignore_patterns("*.json"))
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(root / "in"), "-o", str(root / "out"), "-q",
         "--ocr", "never"],  # scans stay no_text_layer: OCR has tests of its own
        capture_output=True, text=True, timeout=600,
    )
    return root, expected, done


def _folder_outcomes(expected: dict[str, str | None]) -> dict[str, str | None]:
    """What a folder walk sees: input suffixes only; a directory named .pdf is a directory."""
    return {
        name: code
        for name, code in expected.items()
        if Path(name).suffix in INPUT_SUFFIXES and name != "a_folder.pdf"
    }


def test_exit_code_is_1_and_no_traceback(bad_run):
    _, _, done = bad_run
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout


def test_each_bad_file_has_its_own_error_code(bad_run):
    root, expected, _ = bad_run
    errors = pd.read_parquet(root / "out" / "errors")
    got = {Path(p).name: code for p, code in zip(errors.source_path, errors.error, strict=True)}
    want = {n: c for n, c in _folder_outcomes(expected).items() if c is not None}
    assert got == want
    assert errors.message.str.len().min() > 10


def test_one_stderr_line_per_failure_naming_file_and_reason(bad_run):
    _, expected, done = bad_run
    lines = [line for line in done.stderr.splitlines() if line.startswith("error")]
    failing = {n: c for n, c in _folder_outcomes(expected).items() if c is not None}
    assert len(lines) == len(failing)
    for name, code in failing.items():
        assert any(name in line and code in line for line in lines), name


def test_good_files_among_bad_ones_are_processed(bad_run):
    root, expected, _ = bad_run
    docs = pd.read_parquet(root / "out" / "documents")
    names = {Path(p).name for p in docs.source_path}
    good = {n for n, c in _folder_outcomes(expected).items() if c is None}
    assert good <= names
    by_name = dict(zip(docs.source_path.map(lambda p: Path(p).name), docs.n_tasks, strict=True))
    for copy in ("notice_gb18030.txt", "notice_utf16.txt", "notice_utf16le_nobom.txt",
                 "notice_utf8bom.txt"):
        assert by_name[copy] == 35, copy
    assert by_name["no_tasks.txt"] == 0
    warnings = docs.loc[docs.source_path.str.endswith("no_tasks.txt"), "warnings"].item()
    assert "no numbered tasks found" in list(warnings)
    assert by_name["big_500_pages.pdf"] >= 0


def test_the_corpus_still_gives_its_gold(bad_run):
    root, _, _ = bad_run
    report = evaluate(root / "out", fitted_gold_dir())
    assert report.total.tasks.f1 == 1.0
    assert report.total.leads.f1 == 1.0
    assert report.total.traps == ()
