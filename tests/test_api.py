"""The front door, as a notebook user calls it, and the package as users install it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT, TIBET, gold_for

import pipeline
from pipeline import DocumentResult, process_path, process_text, read_notice, to_dataframes

GOLD = gold_for("tibet-2017-keji-yuanzang")


def test_every_public_name_resolves() -> None:
    for name in pipeline.__all__:
        assert getattr(pipeline, name) is not None, name


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'proces_path'"):
        _ = pipeline.proces_path


def test_import_stays_light() -> None:
    code = "import pipeline, sys; print(sorted({'pdfplumber', 'pandas', 'spacy'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_read_notice_gives_the_tables_of_the_contract() -> None:
    tables = read_notice(TIBET)
    assert len(tables["tasks"]) == len(GOLD["tasks"]) == 35
    first = tables["tasks"].sort_values("seq").iloc[0]
    assert first["title"] == GOLD["tasks"][0]["title"]
    leads = tables["task_agencies"].query("role == 'lead' and task_id == @first.task_id")
    assert leads["mention"].tolist() == GOLD["tasks"][0]["lead"]
    text = tables["documents"]["text"].iloc[0]
    row = tables["targets"].iloc[0]
    assert text[row["char_start"] : row["char_end"]] == row["raw"]


def test_process_text_equals_process_path_on_the_same_notice() -> None:
    from_file = process_path(TIBET)
    from_text = process_text(TIBET.read_text(encoding="utf-8"), name=str(TIBET))
    assert isinstance(from_text, DocumentResult)
    titles = [t.title_start for t in from_file.extraction.segmentation.tasks]
    assert titles == [t.title_start for t in from_text.extraction.segmentation.tasks]
    assert [m.mention.mention for m in from_file.mentions] == [
        m.mention.mention for m in from_text.mentions
    ]
    assert to_dataframes(from_text)["targets"]["raw"].tolist() == [
        t.raw for t in from_file.extraction.targets
    ]


@pytest.mark.slow
def test_built_wheel_runs_the_2017_notice_from_any_folder(tmp_path: Path) -> None:
    """The wheel carries the rules: installed outside the repository, it runs the notice."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)  # dependencies from here
    python = env_dir / "bin" / "python"
    wheel = next(wheels.glob("notice_tasks-*.whl"))
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", wheel],
        check=True, capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NOTICE_TASKS_RULES")}
    where = subprocess.run(
        [python, "-c", "import pipeline.rules as r; print(r.__file__); print(r.rules_dir())"],
        cwd=work, env=clean, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert all(str(env_dir) in line for line in where), where  # the wheel's code and rules
    run = subprocess.run(
        [env_dir / "bin" / "notice-tasks", "run", str(TIBET), "-o", "out", "-q"],
        cwd=work, env=clean, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    count = subprocess.run(
        [python, "-c", "import pandas as pd; print(len(pd.read_parquet('out/tasks')))"],
        cwd=work, env=clean, capture_output=True, text=True, check=True,
    )
    assert int(count.stdout) == 35


def test_documents_record_how_each_page_was_read() -> None:
    documents = read_notice(TIBET)["documents"]
    assert list(documents["page_methods"].iloc[0]) == ["text"]
    assert documents["ocr_confidence"].isna().all()
