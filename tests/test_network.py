"""Collaboration network and summaries over a small output folder built from the gold."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.console import Console

from pipeline import schema
from pipeline.analysis.network import (
    build_graph,
    edge_list,
    summary_tables,
    tasks_per_lead,
    write_graph,
)
from pipeline.stages.resolve import resolve
from tests.test_resolve import gold_extraction

TIBET = "tibet-2017-keji-yuanzang"
WUHU = "20_wuhu_2025_zdgz_pipetable"


def _write(out: Path, stems: tuple[str, ...]) -> Path:
    rows, agencies = [], {}
    for stem in stems:
        result = resolve(gold_extraction(stem))
        for r in result.mentions:
            m = r.mention
            rows.append({
                "doc_id": stem, "task_id": f"{stem}-{m.task_seq}", "role": m.role,
                "role_label": m.role_label, "position": m.position, "mention": m.mention,
                "agency": r.agency, "agency_id": r.agency_id, "collective": m.collective,
                "known": r.known, "page": 1, "char_start": m.char_start, "char_end": m.char_end,
            })
        for a in result.agencies:
            agencies[a.agency_id] = {
                "agency_id": a.agency_id, "name": a.name, "jurisdiction": a.jurisdiction,
                "level": a.level, "kind": a.kind, "aliases": list(a.aliases), "known": a.known,
            }
    for name, table, data in (
        ("task_agencies", schema.TASK_AGENCIES, rows),
        ("agencies", schema.AGENCIES, list(agencies.values())),
    ):
        (out / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(data, schema=table), out / name / "part-0.parquet")
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("out"), (TIBET, WUHU))


def test_edges(out: Path) -> None:
    edges = edge_list(out)
    assert list(edges.columns) == ["lead", "participant", "weight", "lead_id", "participant_id"]
    top = edges.iloc[0]
    assert top["lead"] == "西藏自治区科学技术厅" and top["weight"] >= 5
    assert not (edges["lead"] == edges["participant"]).any()
    assert edges["weight"].min() >= 1
    pair = edges[(edges["lead"] == "西藏自治区科学技术厅")
                 & (edges["participant"] == "西藏自治区党委宣传部")]
    assert pair["weight"].tolist() == [1]
    assert not edges.isna().any().any()


def test_tasks_per_lead(out: Path) -> None:
    led = tasks_per_lead(out)
    assert led.index[0] == "西藏自治区科学技术厅" and led.iloc[0] == 24
    assert led["芜湖市发展和改革委员会"] >= 1


def test_write_graph(out: Path, tmp_path: Path) -> None:
    files = write_graph(out, tmp_path / "graph")
    assert [f.name for f in files] == ["edges.csv", "graph.graphml", "network.png",
                                        "tasks_per_lead.png"]
    assert all(f.stat().st_size > 0 for f in files)
    assert files[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    graph = nx.read_graphml(files[1])
    node = graph.nodes["西藏自治区科学技术厅"]
    assert (node["tasks_led"], node["label"], node["kind"]) == (24, "科技厅", "government")
    assert not [n for n in graph if "各" in n or "管委会" in n]  # collectives are no nodes
    csv = pd.read_csv(files[0])
    assert len(csv) == graph.number_of_edges() == len(edge_list(out))


def test_graph_counts_only_named_bodies(out: Path) -> None:
    graph = build_graph(out)
    assert "芜湖市发展和改革委员会" in graph
    assert graph.nodes["芜湖市财政局"]["tasks_joined"] >= 1


def test_summary_tables(out: Path) -> None:
    tables = summary_tables(out)
    assert [t.title for t in tables] == ["Top lead agencies", "Busiest participants",
                                         "Collective mentions", "Documents with warnings (0)"]
    console = Console(record=True, width=120)
    for table in tables:
        console.print(table)
    text = console.export_text()
    assert "西藏自治区科学技术厅" in text and "24" in text
    assert "各县市区政府" in text and "开发区管委会" in text


def test_empty_output(tmp_path: Path) -> None:
    assert edge_list(tmp_path).empty
    assert len(summary_tables(tmp_path)) == 4
