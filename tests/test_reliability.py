"""Never lose or misreport (issue #15): failed writes, hangs, huge inputs, changed rules, eval
without gold, broken rules, usage errors, agencies per body, chart labels."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline import rules
from pipeline.analysis import network
from pipeline.analysis.evaluate import evaluate
from pipeline.analysis.gold import GoldError
from pipeline.analysis.output import read_frame
from pipeline.analysis.report import build_report, render_document_pages, text_windows
from pipeline.batch import write
from pipeline.batch.layout import committed_parts
from pipeline.batch.run import BatchWriteError, run_batch
from pipeline.batch.write import META_RULES_FINGERPRINT, document_tables
from pipeline.cli import app
from pipeline.stages.chain import process_text
from tests.conftest import CORPUS, GOLD, TIBET, TIBET_PDF

runner = CliRunner()
WUHU = CORPUS / "dev" / "20_wuhu_2025_zdgz_pipetable.txt"


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """``python -m pipeline ARGS`` in a subprocess (the console script's own error handling)."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def two_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("two") / "out"
    run_batch([TIBET, TIBET_PDF], out, executor="inline")
    return out


# ---------------------------------------------------------------- 1. failed writes


def test_a_failed_write_is_reported_counts_only_disk_and_the_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pq.write_table

    def disk_full(table, where, *args, **kwargs):  # the commit marker cannot be written
        if Path(where).parent.name == "documents" and not Path(where).name.startswith(".empty"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(table, where, *args, **kwargs)

    out = tmp_path / "out"
    monkeypatch.setattr(write.pq, "write_table", disk_full)
    with pytest.raises(BatchWriteError, match="No space left on device") as failure:
        run_batch([TIBET, WUHU], out, executor="inline")
    assert "documents" in str(failure.value)
    assert (failure.value.summary.documents, failure.value.summary.lost) == (0, 2)
    assert committed_parts(out) == []
    assert not [p for p in out.rglob("p*.parquet")]  # no orphan part left
    monkeypatch.setattr(write.pq, "write_table", real)
    summary = run_batch([TIBET, WUHU], out, executor="inline")
    assert summary.documents == 2
    names = read_frame(out, "documents").source_path.map(lambda p: Path(p).name)
    assert sorted(names) == sorted([TIBET.name, WUHU.name])


def test_cli_exits_2_when_the_last_write_fails(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(write, "rebuild_agencies", read_only)
    monkeypatch.setattr("pipeline.batch.run.rebuild_agencies", read_only)
    result = runner.invoke(app, ["run", str(TIBET), "-o", str(tmp_path / "out"),
                                 "--executor", "inline"])
    assert result.exit_code == 2, result.output


# ---------------------------------------------------------------- 2. hangs


def test_a_fifo_or_a_device_cannot_hang_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    shutil.copy(TIBET, folder / "notice.txt")
    done = cli("run", str(folder), "-o", str(tmp_path / "out"), "--timeout", "20", "-q",
               timeout=90)
    assert done.returncode == 1, done.stderr
    errors = read_frame(tmp_path / "out", "errors").set_index("source_path")
    assert errors.loc[str(folder / "pipe.txt"), "error"] == "not_regular_file"
    assert "FIFO" in errors.loc[str(folder / "pipe.txt"), "message"]
    assert errors.loc[str(folder / "zero.txt"), "error"] == "not_regular_file"
    assert len(read_frame(tmp_path / "out", "documents")) == 1


# ---------------------------------------------------------------- 3. huge inputs


def test_an_input_over_max_size_is_named_and_never_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(TIBET.read_text(encoding="utf-8") * 80, encoding="utf-8")
    assert big.stat().st_size > 1 << 20
    result = runner.invoke(app, ["run", str(big), str(TIBET), "-o", str(tmp_path / "out"),
                                 "--max-size", "1", "--executor", "inline"])
    assert result.exit_code == 1
    assert f"error {big}: too_large:" in result.output
    errors = read_frame(tmp_path / "out", "errors")
    assert errors.error.tolist() == ["too_large"]
    assert "over the limit of 1.0 MB (--max-size)" in errors.message.item()


def test_the_report_of_a_long_document_is_split_into_pages(two_docs: Path, tmp_path: Path) -> None:
    text = read_frame(two_docs, "documents").text.iloc[0]
    windows = text_windows(text, 2000)
    assert len(windows) > 3 and all(b - a <= 2000 for a, b in windows)
    assert "".join(text[a:b] for a, b in windows) == text
    assert all(text[b - 1] == "\n" for _, b in windows[:-1])
    pages = build_report(two_docs, tmp_path / "report", charts=False)
    assert len(pages) == 4  # index, summary and one page per (short) document
    doc = read_frame(two_docs, "documents").iloc[0].to_dict()
    rows = {}
    for table in ("tasks", "task_agencies", "targets", "deadlines"):
        frame = read_frame(two_docs, table)
        rows[table] = frame[frame.doc_id == doc["doc_id"]].to_dict("records")
    split = render_document_pages(doc, rows, size=2000)
    assert len(split) == len(windows)
    assert split[1][0] == f"doc-{doc['doc_id']}-2.html" and "text page 2 of" in split[1][1]
    assert max(len(page) for _, page in split) < len(render_document_pages(doc, rows)[0][1])


# ---------------------------------------------------------------- 4. changed rules


def _rules_copy(dest: Path, note: str | None = None) -> Path:
    shutil.copytree(rules.rules_dir(), dest)
    if note:
        with open(dest / "traps.yaml", "a", encoding="utf-8") as fh:
            fh.write(f"\n# {note}\n")
    return dest


def test_other_rules_redo_the_work_and_say_why(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first, second = _rules_copy(tmp_path / "a"), _rules_copy(tmp_path / "b", "edited")
    args = ["run", str(TIBET), "-o", str(out), "--executor", "inline"]
    monkeypatch.setenv(rules.RULES_ENV, str(first))
    rules.load_rules.cache_clear()
    assert runner.invoke(app, args).exit_code == 0
    before = read_frame(out, "documents").rules_fingerprint.item()
    assert "skipped (unchanged)    │ 1" in runner.invoke(app, args).output
    monkeypatch.setenv(rules.RULES_ENV, str(second))
    rules.load_rules.cache_clear()
    result = runner.invoke(app, args)
    rules.load_rules.cache_clear()
    assert result.exit_code == 0
    assert "note: 1 document(s) done again: written with other rules" in result.output
    assert "documents              │ 1" in result.output
    after = read_frame(out, "documents").rules_fingerprint.item()
    assert after != before and len(after) == 16
    part = committed_parts(out)[-1]
    meta = pq.read_schema(out / "documents" / f"{part}.parquet").metadata
    assert meta[META_RULES_FINGERPRINT].decode() == after


# ---------------------------------------------------------------- 5. eval without gold


@pytest.mark.parametrize("case", ["missing", "empty", "unmatched", "malformed", "no key"])
def test_eval_with_nothing_to_score_exits_2_naming_the_folder(
    two_docs: Path, tmp_path: Path, case: str
) -> None:
    gold = tmp_path / "gold"
    if case != "missing":
        gold.mkdir()
    if case == "unmatched":
        shutil.copy(GOLD / "20_wuhu_2025_zdgz_pipetable.json", gold)
    if case == "malformed":
        (gold / "bad.json").write_text("{not json", encoding="utf-8")
    if case == "no key":
        (gold / "bad.json").write_text(json.dumps({"doc": "x", "tasks": [{"title": "t"}]}))
    with pytest.raises(GoldError, match=str(gold)):
        evaluate(two_docs, gold)
    result = runner.invoke(app, ["eval", str(two_docs), "--gold", str(gold)])
    assert result.exit_code == 2
    assert str(gold) in result.output and "Traceback" not in result.output
    if case in ("malformed", "no key"):
        assert "bad.json" in result.output
    if case == "unmatched":
        assert "documents without gold" in result.output and TIBET.name in result.output


# ---------------------------------------------------------------- 6. broken rule files


@pytest.mark.parametrize(("file", "edit", "named"), [
    ("segment.yaml", "\nunknown_key: 1\n", "unknown_key"),
    ("traps.yaml", None, "does not compile"),
])
def test_a_broken_rule_file_stops_the_run_before_any_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, edit: str | None, named: str
) -> None:
    folder = _rules_copy(tmp_path / "rules")
    path = folder / file
    if edit:
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
    else:  # the first pattern of the file no longer compiles
        text = path.read_text(encoding="utf-8")
        at = text.index("pattern:") + len("pattern:")
        path.write_text(text[:at] + ' "(unclosed"\n#' + text[at:], encoding="utf-8")
    monkeypatch.setenv(rules.RULES_ENV, str(folder))
    rules.load_rules.cache_clear()
    try:
        result = runner.invoke(app, ["run", str(TIBET), "-o", str(tmp_path / "out"),
                                     "--executor", "inline"])
    finally:
        rules.load_rules.cache_clear()
    assert result.exit_code == 2
    assert result.output.count("\n") == 1, result.output
    assert str(path) in result.output and named in result.output
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- 7. usage errors


@pytest.fixture
def output_folder(tmp_path: Path) -> Path:
    (tmp_path / "out" / "documents").mkdir(parents=True)
    (tmp_path / "file").write_text("x")
    (tmp_path / "empty").mkdir()
    return tmp_path


@pytest.mark.parametrize(("args", "says"), [
    (["report", "{t}/out", "-o", "{t}/file"], "is a file, not a folder"),
    (["graph", "{t}/out", "-d", "{t}/file"], "is a file, not a folder"),
    (["run", "{t}/nowhere.txt", "-o", "{t}/new"], "no such file or folder: {t}/nowhere.txt"),
    (["run", "{t}/empty", "-o", "{t}/new"], "no input files"),
    (["run", str(TIBET), "-o", "{t}/new", "-j", "-1"], "--jobs must be 0 or more"),
    (["run", str(TIBET), "-o", "{t}/new", "--timeout", "-5"], "--timeout must be 0 or more"),
    (["run", str(TIBET), "-o", "{t}/file"], "is a file, not a folder"),
    (["run", str(TIBET), "--jobs", "many"], "Invalid value for '--jobs'"),
])
def test_usage_errors_are_one_line_and_exit_2(output_folder: Path, args: list[str],
                                              says: str) -> None:
    t = str(output_folder)
    done = cli(*(a.format(t=t) for a in args))
    assert done.returncode == 2, done.stderr
    assert says.format(t=t) in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert not (output_folder / "new").exists()


# ---------------------------------------------------------------- 8. numbers that mislead


def test_agencies_has_one_row_per_body_with_its_documents(two_docs: Path) -> None:
    agencies = read_frame(two_docs, "agencies")
    assert agencies.agency_id.is_unique and len(agencies) > 20
    doc_ids = sorted(read_frame(two_docs, "documents").doc_id)
    assert all(sorted(ids) == doc_ids for ids in agencies.doc_ids)  # txt and pdf: same bodies
    mentions = read_frame(two_docs, "task_agencies").dropna(subset=["agency_id"])
    assert len(mentions.merge(agencies, on="agency_id")) == len(mentions)  # the join keeps rows
    duck = pd.read_parquet(two_docs / "agencies")
    assert len(duck) == len(agencies)


def test_the_run_summary_counts_collective_mentions(tmp_path: Path) -> None:
    summary = run_batch([WUHU], tmp_path / "out", executor="inline")
    rows = read_frame(tmp_path / "out", "task_agencies")
    assert summary.agencies == len(rows)
    assert summary.collective == int(rows.collective.sum()) > 0


def test_task_titles_keep_spaces_inside_latin_text() -> None:
    notice = ("关于印发工作方案的通知\n1.推进ISO 9001质量管理体系认证和5G 网络建设。\n"
              "牵头单位：科技厅。\n")
    titles = document_tables(process_text(notice))["tasks"].column("title").to_pylist()
    assert titles == ["推进ISO 9001质量管理体系认证和5G网络建设"]


# ---------------------------------------------------------------- 9. charts


def _two_bodies_one_label(out: Path) -> Path:
    rows = []
    bodies = [("西藏自治区科学技术厅", "科技厅", 3), ("四川省科学技术厅", "科技厅", 2),
              ("四川省财政厅", "财政厅", 4)]
    for i, (agency, mention, n) in enumerate(bodies):
        for seq in range(n):
            rows.append({"doc_id": f"d{i}", "task_id": f"d{i}-{seq}", "role": "lead",
                         "role_label": None, "position": 1, "mention": mention,
                         "agency": agency, "agency_id": f"a{i}", "collective": False,
                         "known": True, "page": 1, "char_start": 0, "char_end": 3})
    folder = out / "task_agencies"
    folder.mkdir(parents=True)
    pd.DataFrame(rows).to_parquet(folder / "part.parquet")
    return out


def test_every_bar_and_node_names_one_body_and_bars_are_sorted(tmp_path: Path) -> None:
    graph = network.build_graph(_two_bodies_one_label(tmp_path / "out"))
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert len(set(labels)) == len(labels) == 3
    assert network.lead_bars(graph) == [(4, "财政厅"), (3, "西藏自治区科学技术厅"),
                                        (2, "四川省科学技术厅")]


def test_without_a_cjk_font_one_warning_names_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib import font_manager

    latin = [f for f in font_manager.fontManager.ttflist
             if network.font_rank(f.fname)[0] == len(network.CJK_FONT_HINTS)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    monkeypatch.setattr(network, "FONT_DIRS", ())
    network.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            network.write_graph(_two_bodies_one_label(tmp_path / "out"), tmp_path / "graph")
    finally:
        network.cjk_font.cache_clear()
    assert [str(w.message) for w in caught] == [network.NO_CJK_FONT]
    assert "fonts-noto-cjk" in network.NO_CJK_FONT


# ---------------------------------------------------------------- one reader (issue #13)


def test_readers_see_only_committed_parts(two_docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(two_docs, out)
    tasks = read_frame(out, "tasks")
    half = out / "tasks" / "p99999999T000000-00000-ffffff.parquet"  # a part without commit
    pq.write_table(pq.read_table(next((out / "tasks").glob("p*.parquet"))), half)
    assert len(read_frame(out, "tasks")) == len(tasks)
    score = evaluate(out, GOLD)
    assert score.total.tasks.fp == 0
    assert network.tasks_per_lead(out).sum() == network.tasks_per_lead(two_docs).sum()
