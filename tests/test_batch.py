"""Batch runs: worker pool (timeout, crash), resumability after kill -9, incremental re-runs,
the output lock, CLI exit codes and stderr lines, and Dask equality with the local executor."""

from __future__ import annotations

import inspect
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import CORPUS, GOLD, ROOT

from pipeline.batch.executors import LocalPool
from pipeline.batch.run import Callbacks, run_batch
from pipeline.batch.write import output_lock
from pipeline.schema import TABLES

CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]


# ---------------------------------------------------------------- helpers


def table_rows(out: Path, table: str) -> list[tuple]:
    """Every row of a table folder, as comparable tuples, sorted."""
    data = pq.read_table(out / table).to_pylist()
    return sorted((tuple(_freeze(v) for v in row.values()) for row in data), key=repr)


def _freeze(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def assert_same_dataset(a: Path, b: Path) -> None:
    for table in TABLES:
        assert table_rows(a, table) == table_rows(b, table), table


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def committed_parts(out: Path) -> list[Path]:
    return [p for p in (out / "documents").glob("*.parquet") if p.stem != "empty"]


N_CORPUS = len(list(CORPUS.rglob("*.txt"))) + len(list(CORPUS.rglob("*.pdf")))
PART_DOCS = inspect.signature(run_batch).parameters["part_docs"].default
CORPUS_PARTS = -(-N_CORPUS // PART_DOCS)  # a run commits a part per part_docs documents


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole bundled corpus, run once by the local executor with two workers."""
    out = tmp_path_factory.mktemp("corpus") / "out"
    summary = run_batch([CORPUS], out, jobs=2)
    assert summary.errors == []
    assert summary.documents == N_CORPUS
    return out


def make_variants(folder: Path, n: int = 40) -> list[Path]:
    """n distinct files from the corpus: texts with a line added, PDFs with bytes after %%EOF."""
    sources = sorted(CORPUS.rglob("*.txt")) + sorted(CORPUS.rglob("*.pdf"))
    made = []
    for k in range(n):
        source = sources[k % len(sources)]
        target = folder / f"{k:02d}-{source.name}"
        data = source.read_bytes()
        if source.suffix == ".txt":
            data += f"\n（副本{k}）\n".encode()
        else:
            data += f"\n%variant {k}\n".encode()
        target.write_bytes(data)
        made.append(target)
    return made


# ---------------------------------------------------------------- the worker pool


def sleepy_work(item: str) -> str:
    if item == "hang":
        time.sleep(60)
    if item == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    return f"ok {item}"


def record_failure(item: str, code: str, message: str) -> str:
    return f"{code} {item}: {message}"


def test_pool_kills_a_stuck_item_and_survives_a_crashed_worker() -> None:
    pool = LocalPool(sleepy_work, record_failure, jobs=2, timeout=1.0)
    started = time.monotonic()
    results = list(pool.map(["a", "hang", "b", "segfault", "c", "d"]))
    assert time.monotonic() - started < 20  # the 60 s sleep was cut short
    assert sorted(r for r in results if r.startswith("ok")) == ["ok a", "ok b", "ok c", "ok d"]
    timeout = next(r for r in results if r.startswith("timeout"))
    assert timeout.startswith("timeout hang: gave up after 1 s")
    crash = next(r for r in results if r.startswith("internal"))
    assert "segfault" in crash and "SIGSEGV" in crash


# ---------------------------------------------------------------- local runs


def test_corpus_run_matches_gold_and_every_folder_reads(corpus_run: Path) -> None:
    import duckdb
    import pandas as pd

    documents = pd.read_parquet(corpus_run / "documents")
    tasks = pd.read_parquet(corpus_run / "tasks")
    for stem in ("tibet-2017-keji-yuanzang", "06_guobanhan_2016_38_lianghua"):
        gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        for doc in documents[documents.source_path.str.contains(stem)].itertuples():
            assert doc.n_tasks == len(gold["tasks"]), doc.source_path
            assert (tasks.doc_id == doc.doc_id).sum() == doc.n_tasks
    assert tasks.task_id.is_unique
    for table in TABLES:  # every folder is a dataset, including the empty errors table
        query = f"SELECT count(*) FROM read_parquet('{corpus_run / table}/*.parquet')"
        assert duckdb.sql(query).fetchall()[0][0] == len(pd.read_parquet(corpus_run / table))
    assert len(committed_parts(corpus_run)) == CORPUS_PARTS  # parts of part_docs documents


def test_rerun_skips_unchanged_and_force_redoes(corpus_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(corpus_run, out)
    again = run_batch([CORPUS], out, jobs=2)
    assert (again.skipped, again.documents, again.parts) == (N_CORPUS, 0, [])
    forced = run_batch([CORPUS], out, jobs=2, force=True)
    assert (forced.skipped, forced.documents, len(forced.parts)) == (0, N_CORPUS, CORPUS_PARTS)
    assert_same_dataset(out, corpus_run)  # old rows replaced, not duplicated


def test_changed_file_replaces_its_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("tibet-2017-keji-yuanzang.txt", "dev/02_lishan_2023_zdgz.txt"):
        shutil.copy(CORPUS / name, folder)
    out = tmp_path / "out"
    run_batch([folder], out, jobs=1)
    before = {r[0] for r in table_rows(out, "documents")}
    notice = folder / "02_lishan_2023_zdgz.txt"
    notice.write_text(notice.read_text(encoding="utf-8").replace("2023", "2024"), "utf-8")
    summary = run_batch([folder], out, jobs=1)
    assert (summary.documents, summary.skipped) == (1, 1)
    after = {r[0] for r in table_rows(out, "documents")}
    assert len(after) == 2 and len(after & before) == 1
    fresh = tmp_path / "fresh"
    run_batch([folder], fresh, jobs=1)
    assert_same_dataset(out, fresh)  # incremental equals from scratch, agencies included


def test_largest_files_go_first(tmp_path: Path) -> None:
    """Workers finish together when the long documents are not left for last."""
    sources = sorted(CORPUS.rglob("*.txt"))
    seen: list[str] = []
    run_batch(sources, tmp_path / "out", executor="inline",
              callbacks=Callbacks(progress=seen.append))
    sizes = [Path(path).stat().st_size for path in seen]
    assert sorted(seen) == sorted(map(str, sources))
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


def test_kill_and_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make_variants(folder)
    reference = tmp_path / "reference"
    run_batch([folder], reference, jobs=2)
    out = tmp_path / "out"
    args = [*CLI, "run", str(folder), "-o", str(out), "-j", "1", "--part-size", "2", "-q"]
    victim = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(committed_parts(out)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL
    partial = len(pq.read_table(out / "documents"))
    assert 6 <= partial < 40  # killed mid-run
    resumed = run_cli("run", folder, "-o", out, "-j", "2", "-q")
    assert resumed.returncode == 0, resumed.stderr
    assert_same_dataset(out, reference)
    documents = table_rows(out, "documents")
    assert len(documents) == 40 == len({r[0] for r in documents})
    assert not list(out.rglob("*.tmp")) and not list(out.glob(".journal/*"))


# ---------------------------------------------------------------- lock, CLI, errors


def test_second_run_is_refused_and_a_stale_lock_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    text = CORPUS / "dev" / "07_shaanxi_2015_bmfg_news.txt"
    with output_lock(out):
        refused = run_cli("run", text, "-o", out, "-q")
    assert refused.returncode == 2
    assert "in use by another notice-tasks run" in refused.stderr
    assert f"pid {os.getpid()}" in refused.stderr
    dead = {"pid": 2**22 + 12345, "host": os.uname().nodename, "started": "2020-01-01"}
    (out / ".lock").write_text(json.dumps(dead))
    summary = run_batch([text], out, jobs=1)
    assert summary.documents == 1
    assert summary.stale_lock == dead


def test_cli_names_each_failure_on_one_line_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "dev" / "11_central_12rencai_gongcheng.txt", folder)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "page.pdf").write_text("<!DOCTYPE html><html><body><p>下载</p></body></html>")
    (folder / "noise.pdf").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    result = run_cli("run", folder, "-o", out, "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    assert sorted(errors) == sorted([
        f"error {folder / 'empty.pdf'}: empty: file is empty (0 bytes)",
        f"error {folder / 'noise.pdf'}: corrupt_pdf: no %PDF- header: not a PDF or badly damaged",
        f"error {folder / 'page.pdf'}: not_pdf: named .pdf but the content is html, not a PDF",
    ])
    codes = {Path(r[0]).name: r[3] for r in table_rows(out, "errors")}
    assert codes == {"empty.pdf": "empty", "noise.pdf": "corrupt_pdf", "page.pdf": "not_pdf"}
    assert len(table_rows(out, "documents")) == 1
    shutil.copy(CORPUS / "tibet-2017-keji-yuanzang.pdf", folder / "noise.pdf")  # fixed
    assert run_cli("run", folder, "-o", out, "-q").returncode == 1
    assert {Path(r[0]).name for r in table_rows(out, "errors")} == {"empty.pdf", "page.pdf"}
    assert {Path(r[1]).name for r in table_rows(out, "documents")} == {
        "noise.pdf", "11_central_12rencai_gongcheng.txt"}


def test_timeout_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    text = CORPUS / "dev" / "14_guangzhou_2007_zdgzsx_trad.txt"
    (tmp_path / "missing.txt").symlink_to(tmp_path / "gone.txt")  # a broken link is recorded
    summary = run_batch([text, tmp_path / "missing.txt"], tmp_path / "out", jobs=1,
                        timeout=0.001)
    codes = sorted((Path(e.source_path).name, e.error) for e in summary.errors)
    assert codes == [("14_guangzhou_2007_zdgzsx_trad.txt", "timeout"), ("missing.txt", "not_found")]
    assert table_rows(tmp_path / "out", "errors")[0][3] in {"timeout", "not_found"}


# ---------------------------------------------------------------- dask


def test_dask_local_cluster_writes_the_same_dataset(corpus_run: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    summary = run_batch([CORPUS], out, executor="dask", jobs=2)
    assert (summary.documents, summary.errors) == (N_CORPUS, [])
    assert_same_dataset(out, corpus_run)
