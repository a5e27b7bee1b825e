"""End to end: the `notice-tasks` CLI on the bundled corpus gives the gold, readable by
pandas and DuckDB, with every span pointing at its text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.analysis.evaluate import evaluate
from pipeline.cli import app
from pipeline.schema import SCHEMA_VERSION, TABLES
from tests.conftest import CORPUS, GOLD, TIBET, TIBET_PDF, fitted_gold_dir, gold_for
from tests.helpers import OPEN_TRAPS, squash

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus-out")
    result = runner.invoke(app, ["run", str(CORPUS), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


def _tables(out: Path, doc_path: Path) -> dict[str, pd.DataFrame]:
    docs = pd.read_parquet(out / "documents")
    doc_id = docs.loc[docs.source_path == str(doc_path), "doc_id"].item()
    return {
        name: (df[df.doc_id == doc_id] if "doc_id" in df else df)
        for name in TABLES
        if name not in {"agencies", "errors"}
        for df in [pd.read_parquet(out / name)]
    }


@pytest.mark.parametrize("path", [TIBET, TIBET_PDF], ids=["txt", "pdf"])
def test_tibet_notice_gives_exactly_the_gold(corpus_out, path, tibet_gold):
    t = _tables(corpus_out, path)
    tasks = t["tasks"].sort_values("seq")
    assert len(tasks) == 35
    assert list(tasks.title) == [squash(g["title"]) for g in tibet_gold["tasks"]]
    agencies = t["task_agencies"]
    assert (agencies.role == "lead").sum() == 35
    assert (agencies.role == "participant").sum() == 150
    by_task = agencies.merge(tasks[["task_id", "seq"]], on="task_id")
    for g in tibet_gold["tasks"]:
        rows = by_task[by_task.seq == g["seq"]].sort_values("position")
        assert list(rows[rows.role == "lead"].mention) == g["lead"], g["seq"]
        assert list(rows[rows.role == "participant"].mention) == g["participants"], g["seq"]
    targets = t["targets"].merge(tasks[["task_id", "seq"]], on="task_id")
    got = sorted(
        (r.seq, r.value_min, r.value_max if pd.notna(r.value_max) else -1, r.comparator, r.unit,
         r.period if isinstance(r.period, str) else "")
        for r in targets.itertuples()
    )
    want = sorted(
        (g["seq"], x["value_min"], -1 if x["value_max"] is None else x["value_max"],
         x["comparator"], x["unit"], x["period"] or "")
        for g in tibet_gold["tasks"]
        for x in g["targets"]
    )
    assert got == want
    assert set(targets.object) >= {"领军人才", "专家（院士）工作站", "本土科技服务人员和农村科技创新创业人员"}


def test_no_trap_becomes_a_target_and_refusals_are_recorded(corpus_out):
    report = evaluate(corpus_out, GOLD)
    assert {d.doc for d in report.documents if d.metrics.traps} == OPEN_TRAPS
    rejected = _tables(corpus_out, TIBET)["rejected_numbers"]
    assert "十三五" in set(rejected.raw)  # plan period inside “十三五”
    assert {"ordinal", "enumerator", "vague_amount", "quoted_name"} <= set(rejected.reason)


def test_every_span_points_at_its_text(corpus_out):
    docs = pd.read_parquet(corpus_out / "documents").set_index("doc_id")
    columns = {"task_agencies": "mention", "targets": "raw", "deadlines": "raw", "tasks": "text",
               "leaders": "name", "rejected_numbers": "raw"}
    checked = 0
    for table, column in columns.items():
        for row in pd.read_parquet(corpus_out / table).itertuples():
            text = docs.loc[row.doc_id, "text"]
            assert text[row.char_start : row.char_end] == getattr(row, column)
            checked += 1
    assert checked > 600


def test_duckdb_and_pandas_read_every_table(corpus_out):
    for table in TABLES:
        via_duckdb = duckdb.sql(
            f"SELECT count(*) FROM read_parquet('{corpus_out / table}/*.parquet')"
        ).fetchall()[0][0]
        assert via_duckdb == len(pd.read_parquet(corpus_out / table))
    leads = duckdb.sql(
        f"""SELECT agency, count(*) AS n FROM read_parquet('{corpus_out}/task_agencies/*.parquet') a
            JOIN read_parquet('{corpus_out}/documents/*.parquet') d USING (doc_id)
            WHERE role = 'lead' AND d.source_path LIKE '%tibet-2017%.txt'
            GROUP BY agency ORDER BY n DESC LIMIT 1"""
    ).fetchall()[0]
    assert leads == ("西藏自治区科学技术厅", 24)


def test_schema_version_is_in_the_file_metadata(corpus_out):
    part = next((corpus_out / "tasks").glob("*.parquet"))
    meta = pq.read_schema(part).metadata
    assert meta[b"notice_tasks.schema_version"] == SCHEMA_VERSION.encode()
    docs = pd.read_parquet(corpus_out / "documents")
    assert set(docs.schema_version) == {SCHEMA_VERSION}


def test_metadata_of_the_2017_notice(corpus_out, tibet_gold):
    docs = pd.read_parquet(corpus_out / "documents")
    row = docs[docs.source_path == str(TIBET)].iloc[0]
    assert row.title == tibet_gold["meta"]["title"]
    assert row.issuer == tibet_gold["meta"]["issuer"]
    assert str(row.publish_date)[:10] == tibet_gold["meta"]["publish_date"]
    assert row.n_tasks == 35


def test_eval_over_the_corpus_meets_the_bar(corpus_out):
    total = evaluate(corpus_out, fitted_gold_dir()).total
    assert total.tasks.f1 >= 0.98
    assert total.agencies.f1 >= 0.97
    assert total.leads.f1 >= 0.97
    assert total.targets.f1 >= 0.95
    assert total.deadlines.f1 >= 0.95
    assert total.traps == ()
    assert total.targets_comparator_ok == total.targets_period_ok == total.targets.tp


def test_eval_command_writes_json(corpus_out, tmp_path):
    result = runner.invoke(app, ["eval", str(corpus_out), "--gold", str(GOLD), "--json",
                                 str(tmp_path / "e.json")])
    assert result.exit_code == 0, result.output
    assert '"tasks"' in (tmp_path / "e.json").read_text(encoding="utf-8")


def test_a_bad_file_is_recorded_and_exit_code_is_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.4\n% truncated")
    (tmp_path / "in" / "notice.txt").write_text(TIBET.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert list(errors.error) == ["corrupt_pdf"]
    assert "broken.pdf" in errors.source_path.item()
    assert len(pd.read_parquet(tmp_path / "out" / "tasks")) == 35
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["run"]).exit_code == 2
    assert runner.invoke(app, ["eval", str(tmp_path)]).exit_code == 2


def test_console_script_runs(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(TIBET), "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "35" in done.stdout
    assert gold_for("tibet-2017-keji-yuanzang")["meta"]["issuer"]


def test_graph_and_summary_commands(tmp_path):
    import networkx as nx

    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(TIBET), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["graph", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out / "graph" / "graph.graphml")
    lead = graph.nodes["西藏自治区科学技术厅"]
    assert lead["label"] == "科技厅"
    assert lead["tasks_led"] == 24
    assert (out / "graph" / "network.png").stat().st_size > 10_000
    edges = pd.read_csv(out / "graph" / "edges.csv")
    assert edges.weight.sum() == 150  # every lead → participant pair of the 35 tasks
    summary = runner.invoke(app, ["summary", str(out)])
    assert summary.exit_code == 0
    assert "西藏自治区科学技术厅" in summary.output
