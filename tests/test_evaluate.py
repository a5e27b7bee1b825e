"""notice-tasks eval: perfect output built from the gold scores 1.0; each perturbation moves
exactly the counts it should.  Output folders are written with the real Arrow schemas from
the real gold files and the real corpus texts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import regex
from conftest import FITTED, fitted_gold_dir
from rich.console import Console

from pipeline import schema
from pipeline.analysis.evaluate import (
    Score,
    align_tasks,
    evaluate,
    find_spans,
    norm,
    title_score,
)
from pipeline.analysis.scoreboard import render_report, report_json

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "corpus" / "gold"
_CJK_GAP = regex.compile(r"(?<=[\p{Han}\p{P}])[ \t\u3000]+(?=[\p{Han}\p{P}])")

Rows = dict[str, list[dict[str, Any]]]


def gold(doc: str) -> dict[str, Any]:
    return json.loads((GOLD_DIR / f"{doc}.json").read_text(encoding="utf-8"))


def corpus_text(doc: str) -> str:
    """The notice as a pipeline would store it: whitespace between CJK characters removed."""
    path = next(ROOT.glob(f"corpus/**/{doc}.txt"))
    return _CJK_GAP.sub("", path.read_text(encoding="utf-8"))


def _span(text: str, raw: str) -> tuple[int, int]:
    spans = find_spans(text, raw)
    assert spans, f"{raw!r} not in text"
    return spans[0]


def output_rows(doc: str, fmt: str = "txt") -> Rows:
    """A perfect output for one gold file: every gold fact as the pipeline would write it."""
    g, text = gold(doc), corpus_text(doc)
    doc_id = f"{doc}-{fmt}"
    rows: Rows = {
        name: [] for name in ("documents", "tasks", "task_agencies", "targets", "deadlines")
    }
    rows["documents"].append(
        {
            "doc_id": doc_id,
            "source_path": f"corpus/{doc}.{fmt}",
            "sha256": "0" * 64,
            "format": fmt,
            "n_pages": 1,
            "n_tasks": len(g["tasks"]),
            "text": text,
            "schema_version": schema.SCHEMA_VERSION,
            "pipeline_version": "test",
        }
    )
    for t in g["tasks"]:
        task_id = f"{doc_id}:{t['seq']}"
        start, end = _span(text, t["title"][:12])
        rows["tasks"].append(
            {
                "doc_id": doc_id,
                "task_id": task_id,
                "seq": t["seq"],
                "number": t["number"],
                "section": t.get("section"),
                "title": t["title"],
                "text": t["title"],
                "page_start": 1,
                "page_end": 1,
                "char_start": start,
                "char_end": end,
            }
        )
        units = [("lead", n, False) for n in t["lead"]]
        units += [("participant", n, False) for n in t["participants"]]
        units += [("responsible", n, False) for n in t.get("either", [])]
        units += [("participant", n, True) for n in t.get("collective", [])]
        for pos, (role, name, coll) in enumerate(units):
            rows["task_agencies"].append(agency_row(task_id, role, name, coll, pos))
        for tg in t["targets"]:
            rows["targets"].append(target_row(text, task_id, tg))
        for d in t.get("deadlines", []):
            start, end = _span(text, d["raw"])
            rows["deadlines"].append(
                {
                    "doc_id": doc_id,
                    "task_id": task_id,
                    "raw": d["raw"],
                    "due_date": date.fromisoformat(d["due_date"]),
                    "kind": "by_date",
                    "page": 1,
                    "char_start": start,
                    "char_end": end,
                }
            )
    return rows


def agency_row(task_id: str, role: str, name: str, collective: bool = False, pos: int = 0) -> dict:
    return {
        "doc_id": task_id.split(":")[0],
        "task_id": task_id,
        "role": role,
        "position": pos,
        "mention": name,
        "agency": None if collective else name,
        "collective": collective,
        "known": not collective,
        "page": 1,
        "char_start": 0,
        "char_end": 0,
    }


def target_row(text: str, task_id: str, tg: dict[str, Any], at: str | None = None) -> dict:
    start, end = _span(text, at or tg["raw"])
    return {
        "doc_id": task_id.split(":")[0],
        "task_id": task_id,
        "kind": "count",
        "value_min": tg["value_min"],
        "value_max": tg["value_max"],
        "comparator": tg["comparator"],
        "unit": tg["unit"],
        "object": tg.get("object"),
        "period": tg.get("period"),
        "raw": text[start:end],
        "page": 1,
        "char_start": start,
        "char_end": end,
    }


def write_output(folder: Path, *parts: Rows) -> Path:
    for name, table_schema in schema.TABLES.items():
        rows = [r for p in parts for r in p.get(name, [])]
        (folder / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(
            pa.Table.from_pylist(rows, schema=table_schema), folder / name / "part-0.parquet"
        )
    return folder


ALL_DOCS = sorted(FITTED)


@pytest.fixture(scope="module")
def perfect(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("perfect")
    return write_output(folder, *(output_rows(d) for d in ALL_DOCS))


def run(tmp_path: Path, *parts: Rows):
    return evaluate(write_output(tmp_path, *parts), fitted_gold_dir())


def doc_metrics(report, doc: str):
    (score,) = [s for s in report.documents if s.doc == doc]
    return score.metrics


# ---------------------------------------------------------------- perfect output


def test_perfect_output_scores_one(perfect: Path) -> None:
    report = evaluate(perfect, fitted_gold_dir())
    t = report.total
    assert len(report.documents) == 8 and not report.missing and not report.unscored
    # the gold holds 79 tasks, 77 leads + 192 participants + 8 either units, 44 targets,
    # 25 collective mentions and 5 dated deadlines
    assert t.tasks == Score(79, 0, 0)
    assert t.agencies == t.agencies_any == Score(277, 0, 0)
    assert t.leads == Score(77, 0, 0)  # either units output as responsible are participants
    assert t.targets == Score(44, 0, 0)
    assert t.targets_attrs_ok == t.targets_comparator_ok == t.targets_period_ok == 44
    assert t.collective == Score(25, 0, 0)
    assert t.deadlines == Score(5, 0, 0)
    assert t.traps == ()
    for s in report.documents:
        assert all(
            getattr(s.metrics, m).f1 == 1.0 for m in ("tasks", "agencies", "leads", "targets")
        )
        assert s.notes == ()


def test_tibet_has_no_collective_or_deadline_key_so_both_are_unscored(perfect: Path) -> None:
    m = doc_metrics(evaluate(perfect, fitted_gold_dir()), "tibet-2017-keji-yuanzang")
    assert m.collective.empty and m.deadlines.empty
    assert m.tasks == Score(35, 0, 0)


# ---------------------------------------------------------------- perturbations


def test_dropped_task_costs_its_task_agencies_and_targets(tmp_path: Path) -> None:
    rows = output_rows("tibet-2017-keji-yuanzang")
    task_id = "tibet-2017-keji-yuanzang-txt:30"  # 西藏“三区”科技人员专项计划: 1 target
    for name in ("tasks", "task_agencies", "targets"):
        rows[name] = [r for r in rows[name] if r["task_id"] != task_id]
    m = doc_metrics(run(tmp_path, rows), "tibet-2017-keji-yuanzang")
    n_units = len(gold("tibet-2017-keji-yuanzang")["tasks"][29]["participants"]) + 1
    assert m.tasks == Score(34, 0, 1)
    assert m.tasks.recall == pytest.approx(34 / 35)
    assert m.agencies.fn == m.agencies_any.fn == n_units
    assert m.leads == Score(34, 0, 1)
    assert m.targets == Score(7, 0, 1)


def test_swapped_roles_cost_role_scores_only(tmp_path: Path) -> None:
    rows = output_rows("02_lishan_2023_zdgz")
    for r in rows["task_agencies"]:
        if r["task_id"].endswith(":1") and not r["collective"]:
            r["role"] = {"lead": "participant", "participant": "lead"}[r["role"]]
    m = doc_metrics(run(tmp_path, rows), "02_lishan_2023_zdgz")
    # task 1: 区发改局 lead, 立山经济开发区 participant → swapped
    assert m.agencies == Score(10, 2, 2)
    assert m.agencies_any == Score(12, 0, 0)
    assert m.leads == Score(5, 1, 1)


def test_trap_target_is_counted_and_spurious(tmp_path: Path) -> None:
    rows = output_rows("tibet-2017-keji-yuanzang")
    text = rows["documents"][0]["text"]
    trap = {"value_min": 1000, "value_max": 1000, "comparator": "eq", "unit": "人"}
    rows["targets"].append(target_row(text, "tibet-2017-keji-yuanzang-txt:27", trap, "千人"))
    m = doc_metrics(run(tmp_path, rows), "tibet-2017-keji-yuanzang")
    assert m.traps == ("千人",)
    assert m.targets == Score(8, 1, 0)


def test_gold_target_inside_a_not_target_year_is_no_trap_but_a_wrong_reading_is(
    tmp_path: Path,
) -> None:
    doc = "06_guobanhan_2016_38_lianghua"
    rows = output_rows(doc)  # holds the gold target 2016年安排500亿元 (2016年 is a not_target)
    text = rows["documents"][0]["text"]
    year = {"value_min": 2016, "value_max": 2016, "comparator": "eq", "unit": "年"}
    rows["targets"].append(target_row(text, f"{doc}-txt:5", year, "2016年安排500亿元"))
    m = doc_metrics(run(tmp_path, rows), doc)
    assert m.targets == Score(11, 1, 0)
    assert m.traps == ("2016年安排500亿元",)
    assert m.targets_attrs_ok == 11


def test_trap_is_decided_by_the_value_token_not_the_whole_raw(tmp_path: Path) -> None:
    doc = "11_central_12rencai_gongcheng"
    rows = output_rows(doc)
    (row,) = [r for r in rows["targets"] if r["raw"].startswith("重点培养扶持2000名35周岁")]
    row["unit"] = "人"  # 2000 is no not_target although the raw spans 35周岁以下
    age = {**row, "value_min": 35.0, "value_max": None, "comparator": "le", "unit": "周岁"}
    rows["targets"].append(age)  # the same raw read as an age bound is a trap
    m = doc_metrics(run(tmp_path, rows), doc)
    assert m.targets == Score(11, 2, 1)
    assert m.traps == (age["raw"],)


def test_wrong_comparator_and_period_keep_the_match(tmp_path: Path) -> None:
    rows_06 = output_rows("06_guobanhan_2016_38_lianghua")
    rows_11 = output_rows("11_central_12rencai_gongcheng")
    ge = [r for r in rows_06["targets"] if r["raw"] == "城镇新增就业1000万人以上"]
    ge[0]["comparator"] = "eq"
    every_year = [r for r in rows_11["targets"] if r["period"] == "每年"]
    assert len(every_year) == 3
    every_year[0]["period"] = None
    report = run(tmp_path, rows_06, rows_11)
    t = doc_metrics(report, "06_guobanhan_2016_38_lianghua") + doc_metrics(
        report, "11_central_12rencai_gongcheng"
    )
    assert t.targets == Score(23, 0, 0)
    assert (t.targets_comparator_ok, t.targets_period_ok, t.targets_attrs_ok) == (22, 22, 21)


def test_wrong_value_or_unit_is_a_miss_and_a_false_target(tmp_path: Path) -> None:
    rows = output_rows("06_guobanhan_2016_38_lianghua")
    rows["targets"][3]["unit"] = "万元"  # 赤字率提高到3% read as 3万元
    rows["targets"][4]["value_min"] = rows["targets"][4]["value_max"] = 10.0  # 4000亿元
    m = doc_metrics(run(tmp_path, rows), "06_guobanhan_2016_38_lianghua")
    assert m.targets == Score(9, 2, 2)
    assert m.traps == ()


def test_collective_output_as_agency_is_a_false_agency(tmp_path: Path) -> None:
    rows = output_rows("02_lishan_2023_zdgz")
    (row,) = [r for r in rows["task_agencies"] if r["mention"] == "全区经济运行各专班"]
    row["collective"] = False
    m = doc_metrics(run(tmp_path, rows), "02_lishan_2023_zdgz")
    assert m.agencies == Score(12, 1, 0)
    assert m.agencies_any == Score(12, 1, 0)
    assert m.collective == Score(6, 0, 1)


def test_agency_output_as_collective_is_missed(tmp_path: Path) -> None:
    rows = output_rows("14_guangzhou_2007_zdgzsx_trad")
    (row,) = [r for r in rows["task_agencies"] if r["mention"] == "南沙區政府"]
    row["collective"] = True
    m = doc_metrics(run(tmp_path, rows), "14_guangzhou_2007_zdgzsx_trad")
    assert m.agencies.fn == 1 and m.agencies.fp == 0
    assert m.collective == Score(0, 1, 0)


def test_either_units_are_right_in_either_role(tmp_path: Path) -> None:
    doc = "07_shaanxi_2015_bmfg_news"
    as_lead = output_rows(doc)
    for r in as_lead["task_agencies"]:
        r["role"] = "lead" if r["role"] == "responsible" else r["role"]
    as_participant = output_rows(doc, "pdf")
    for r in as_participant["task_agencies"]:
        r["role"] = "participant" if r["role"] == "responsible" else r["role"]
    report = run(tmp_path, as_lead, as_participant)
    by_path = {s.source_path: s.metrics for s in report.documents}
    lead_m, part_m = by_path[f"corpus/{doc}.txt"], by_path[f"corpus/{doc}.pdf"]
    assert lead_m.agencies == part_m.agencies == Score(6, 0, 0)
    assert lead_m.leads == Score(6, 0, 0)  # 5 either units taken as lead + 省农业厅
    assert part_m.leads == Score(1, 0, 0)


def _scored_against_gold(tmp_path: Path, doc: str, *outputs: dict) -> dict:
    """Each output of ``doc`` (its .txt, then its .pdf rows) scored against its gold."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / f"{doc}.json").write_bytes((GOLD_DIR / f"{doc}.json").read_bytes())
    report = evaluate(write_output(tmp_path / "out", *outputs), gold_dir)
    return {s.source_path: s.metrics for s in report.documents}


def test_a_name_after_a_list_prefix_is_scored_with_the_prefix_it_shares(tmp_path: Path) -> None:
    """211 吴江 prints "★区发改委、统计局": the gold names 区统计局; the output row prints
    统计局 and carries 区 in shared_prefix (schema 1.3). Without it, the name is a miss."""
    doc = "211_wujiang_2024_zdgz_fjls_pipetable"
    shared, bare = output_rows(doc), output_rows(doc, "pdf")
    for rows, prefix in ((shared, "区"), (bare, None)):
        for r in rows["task_agencies"]:
            if r["mention"] == "区统计局":
                r["mention"], r["shared_prefix"] = "统计局", prefix
    by_path = _scored_against_gold(tmp_path, doc, shared, bare)
    assert by_path[f"corpus/{doc}.txt"].agencies == Score(22, 0, 0)
    assert by_path[f"corpus/{doc}.pdf"].agencies == Score(15, 7, 7)


def test_a_name_sharing_a_prefix_and_a_suffix_is_scored_with_both(tmp_path: Path) -> None:
    """"市交通、公安、安监等部门": the output row prints 公安, carrying 市 and 部门 (schema 1.3);
    the gold names 市公安部门. Scored with only one of the two, the name is a miss."""
    doc = "211_wujiang_2024_zdgz_fjls_pipetable"
    both, one = output_rows(doc), output_rows(doc, "pdf")
    for rows, suffix in ((both, "局"), (one, None)):
        for r in rows["task_agencies"]:
            if r["mention"] == "区统计局":
                r["mention"], r["shared_prefix"], r["shared_suffix"] = "统计", "区", suffix
    by_path = _scored_against_gold(tmp_path, doc, both, one)
    assert by_path[f"corpus/{doc}.txt"].agencies == Score(22, 0, 0)
    assert by_path[f"corpus/{doc}.pdf"].agencies == Score(15, 7, 7)


def test_responsible_counts_as_lead_only_where_the_gold_leads(tmp_path: Path) -> None:
    rows = output_rows("14_guangzhou_2007_zdgzsx_trad")
    for r in rows["task_agencies"]:
        r["role"] = "responsible"
    m = doc_metrics(run(tmp_path, rows), "14_guangzhou_2007_zdgzsx_trad")
    assert m.agencies == Score(18, 0, 0)
    assert m.leads == Score(6, 0, 0)


def test_optional_quantity_is_neither_rewarded_nor_penalised(tmp_path: Path) -> None:
    doc = "07_shaanxi_2015_bmfg_news"
    rows = output_rows(doc)
    text = rows["documents"][0]["text"]
    four = {"value_min": 4, "value_max": 4, "comparator": "eq", "unit": "大"}
    rows["targets"].append(target_row(text, f"{doc}-txt:2", four, "四大"))
    m = doc_metrics(run(tmp_path, rows), doc)
    assert m.targets == Score(3, 0, 0)
    assert m.traps == ()


def test_deadlines_by_due_date_and_unscored_without_key(tmp_path: Path) -> None:
    rows_11 = output_rows("11_central_12rencai_gongcheng")
    rows_11["deadlines"][0]["due_date"] = date(2020, 6, 30)
    rows_11["deadlines"].append({**rows_11["deadlines"][1], "due_date": None, "kind": "ongoing"})
    rows_06 = output_rows("06_guobanhan_2016_38_lianghua")
    base = rows_11["deadlines"][1]
    # task 5 of 06 has no "deadlines" key (unscored); task 4 has [] (a date there is false)
    for seq in (5, 4):
        rows_06["deadlines"].append(
            {
                **base,
                "doc_id": "06_guobanhan_2016_38_lianghua-txt",
                "task_id": f"06_guobanhan_2016_38_lianghua-txt:{seq}",
                "due_date": date(2016, 12, 31),
            }
        )
    report = run(tmp_path, rows_11, rows_06)
    assert doc_metrics(report, "11_central_12rencai_gongcheng").deadlines == Score(4, 1, 1)
    assert doc_metrics(report, "06_guobanhan_2016_38_lianghua").deadlines == Score(0, 1, 0)


# ---------------------------------------------------------------- alignment


def test_alignment_tolerates_truncated_and_slightly_different_titles(tmp_path: Path) -> None:
    doc = "11_central_12rencai_gongcheng"
    rows = output_rows(doc)
    rows["tasks"][0]["title"] = "“创新人才推进计划”"  # a prefix of the gold title
    rows["tasks"][1]["title"] = rows["tasks"][1]["title"].replace("，", ",").replace("2000", "200")
    heading = {**rows["tasks"][0], "task_id": f"{doc}-txt:h", "seq": 0, "title": "其他工作"}
    rows["tasks"].insert(0, heading)
    m = doc_metrics(run(tmp_path, rows), doc)
    assert m.tasks == Score(5, 1, 0)
    assert m.agencies == Score(5, 0, 0) and m.targets == Score(12, 0, 0)


def test_traditional_titles_compare_as_printed_after_nfkc() -> None:
    g = gold("14_guangzhou_2007_zdgzsx_trad")["tasks"][0]["title"]
    printed = "繼續壯大汽車、石油化工和電子信息產品制造三大支柱產業"
    assert norm(g) == norm(printed) and title_score(printed, g) == 3.0
    assert norm("牵头单位：区发改局， 立山") == "牵头单位:区发改局,立山"
    assert title_score("繼續壯大汽车", g) == 0.0  # simplified script is not the printed title


def test_alignment_in_order_then_out_of_order_leftovers() -> None:
    gold_tasks = [
        ("支持建设西藏生态安全研究联合重点实验室", "1"),
        ("支持建立生态环境监测体系", "2"),
        ("支持建立生态环境监测体系", "3"),
    ]
    out = [("支持建立生态环境监测体系", "3"), ("支持建设西藏生态安全研究联合重点实验室", "1")]
    assert align_tasks(out, gold_tasks) == [(0, 2), (1, 0)]  # one in order, one left over
    assert align_tasks(out[::-1], gold_tasks) == [(0, 0), (1, 2)]  # the number breaks the tie
    assert align_tasks(out + out, gold_tasks) == [(0, 1), (1, 0), (2, 2)]  # one-to-one
    assert align_tasks([("支持建立", "2")], gold_tasks) == []  # prefix too short
    assert align_tasks([], gold_tasks) == []


# ---------------------------------------------------------------- documents


def test_two_renditions_missing_and_unscored_documents(tmp_path: Path) -> None:
    txt = output_rows("20_wuhu_2025_zdgz_pipetable")
    pdf = output_rows("20_wuhu_2025_zdgz_pipetable", "pdf")
    pdf["tasks"] = pdf["tasks"][:-1]
    stray = output_rows("02_lishan_2023_zdgz")
    stray["documents"][0]["source_path"] = "elsewhere/unknown_notice.txt"
    report = run(tmp_path, txt, pdf, stray)
    wuhu = [s for s in report.documents if s.doc == "20_wuhu_2025_zdgz_pipetable"]
    assert [s.metrics.tasks for s in wuhu] == [Score(8, 0, 1), Score(9, 0, 0)]
    assert report.unscored == ("elsewhere/unknown_notice.txt",)
    assert len(report.missing) == 7 and "02_lishan_2023_zdgz" in report.missing
    lishan = next(s for s in report.documents if s.doc == "02_lishan_2023_zdgz")
    assert lishan.missing and lishan.metrics.tasks == Score(0, 0, 6)
    assert lishan.metrics.tasks.recall == 0.0 and lishan.metrics.agencies.recall == 0.0
    assert report.total.tasks.fn == 79 - 9 + 1


def test_failed_document_is_missing_with_its_error(tmp_path: Path) -> None:
    error = {
        "source_path": "corpus/dev/16_guowuyuan_2016_zfgzbg_bmfg_kejibu.pdf",
        "sha256": None,
        "stage": "ingest",
        "error": "no_text_layer",
        "message": "scanned page",
    }
    report = run(tmp_path, output_rows("02_lishan_2023_zdgz"), {"errors": [error]})
    (score,) = [s for s in report.documents if s.doc == "16_guowuyuan_2016_zfgzbg_bmfg_kejibu"]
    assert score.missing and score.error == "ingest: no_text_layer: scanned page"


def test_partitioned_tables_and_absent_tables(tmp_path: Path) -> None:
    rows = output_rows("02_lishan_2023_zdgz")
    for name in ("documents", "tasks", "task_agencies"):
        table = pa.Table.from_pylist(rows[name], schema=schema.TABLES[name])
        pq.write_to_dataset(table, tmp_path / name, partition_cols=["doc_id"])
    report = evaluate(tmp_path, fitted_gold_dir())  # no targets, deadlines or errors folder
    m = doc_metrics(report, "02_lishan_2023_zdgz")
    assert m.tasks == Score(6, 0, 0) and m.agencies == Score(12, 0, 0)
    assert m.collective == Score(7, 0, 0) and m.targets == Score(0, 0, 5)


def test_json_and_rendering(perfect: Path, tmp_path: Path) -> None:
    rows = output_rows("tibet-2017-keji-yuanzang")
    text = rows["documents"][0]["text"]
    trap = {"value_min": 13, "value_max": 13, "comparator": "eq", "unit": "五"}
    rows["targets"].append(target_row(text, "tibet-2017-keji-yuanzang-txt:1", trap, "十三五"))
    data = report_json(run(tmp_path, rows))
    json.dumps(data, ensure_ascii=False)
    assert data["total"]["traps"] == 1 and data["total"]["trap_raws"] == ["十三五"]
    assert data["total"]["targets"] == {
        "tp": 8,
        "fp": 1,
        "fn": 36,
        "precision": 0.8889,
        "recall": 0.1818,
        "f1": 0.3019,
    }
    assert len(data["missing"]) == 7
    console = Console(record=True, width=200)
    console.print(render_report(evaluate(perfect, fitted_gold_dir())))
    out = console.export_text()
    assert "TOTAL" in out and "tibet-2017-keji-yuanzang.txt" in out and "44/44" in out
