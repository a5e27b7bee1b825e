"""Agency mentions in prose (pipeline/stages/mentions.py) and the spaCy/jieba organization
Matcher behind them, on sentences as notices print them and on a real notice."""

from __future__ import annotations

import pytest

from pipeline import process_path
from pipeline.catalog import Role
from pipeline.records import Field, TaskSegment
from pipeline.rules import RulesError, load_rules
from pipeline.stages.agency_names import agency_end, to_simplified
from pipeline.stages.mentions import MentionRules, prose_mentions
from pipeline.stages.nlp import analyse
from tests.conftest import CORPUS, gold_for
from tests.helpers import extracted


def _mentions(body: str) -> list[tuple[str, str, bool]]:
    task = TaskSegment(1, None, None, 0, len(body), (Field("body", 0, len(body)),))
    return [(m.mention, m.role, m.collective) for m in prose_mentions(body, to_simplified(body), task)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("由市民政局和市财政局研究制定实施细则", ["市民政局", "市财政局"]),
        ("市教育局要加快推进中小学校舍建设", ["市教育局"]),
        ("加快建设。由市体育事业发展中心组织实施", ["市体育事业发展中心"]),  # not in the gazetteer
        ("滁州经开区管委会要抓紧完成征地", ["滁州经开区管委会"]),
        ("区城市管理执法局组织开展专项整治", ["区城市管理执法局"]),
        ("市住建局、市自然资源局加快推进棚户区改造", ["市住建局", "市自然资源局"]),
    ],
)
def test_units_that_are_the_subject_of_a_clause(body: str, expected: list[str]) -> None:
    found = _mentions(body)
    assert [m for m, _, _ in found] == expected
    assert {role for _, role, _ in found} == {Role.RESPONSIBLE}  # the notice names no lead


def test_units_joined_by_a_ranking_word_lead_and_take_part() -> None:
    """X会同Y…: those before 会同 lead, those after take part (roles.yaml leading_conjunctions)."""
    assert _mentions("由市民政局会同市财政局研究制定实施细则") == [
        ("市民政局", Role.LEAD, False), ("市财政局", Role.PARTICIPANT, False),
    ]


def test_a_body_only_jieba_knows() -> None:
    """社科联 is in neither the gazetteer nor the suffix grammar: jieba's dictionary tags it
    ``nt``, and the organization Matcher takes the level before it."""
    assert agency_end("市社科联要组织专家论证", 0, 11) is None
    assert _mentions("市社科联要组织专家论证") == [("市社科联", Role.RESPONSIBLE, False)]
    assert _mentions("市社科联的专家参与论证") == []


def test_a_collective_partner_is_flagged() -> None:
    assert _mentions("（省教育厅配合省委有关部门落实）") == [
        ("省教育厅", Role.RESPONSIBLE, False), ("省委有关部门", Role.RESPONSIBLE, True),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "经市政府同意，现将方案印发给你们",
        "加快建设。市政府批准的项目要按期开工",
        "市政府工作报告提出的目标任务",
        "根据省发展改革委的部署推进改革",
        "各县区要加快推进",  # a collective alone assigns no unit
        "完善市场体系，提高服务水平",
    ],
)
def test_units_that_are_not_assigned_are_not_units(body: str) -> None:
    assert _mentions(body) == []


def test_matcher_finds_an_organization_the_gazetteer_lacks() -> None:
    text = "由市体育事业发展中心牵头"
    spans = [text[s:e] for s, e in analyse(text).organizations]
    assert any(span.endswith("市体育事业发展中心") for span in spans)
    other = "农业部牵头"
    tags = {other[w.start : w.end]: w.tag for w in analyse(other).words}
    assert tags["农业部"] == "nt"  # jieba's dictionary tag


def test_extract_reads_prose_only_where_no_role_word_names_a_unit() -> None:
    text = (
        "一、重点工作\n"
        "1.推进养老服务。由市民政局会同市财政局研究制定扶持办法。\n"
        "2.加强学校建设。经市政府同意，新建学校3所。（牵头单位：市教育局）\n"
    )
    found = [(m.task_seq, m.mention, m.role) for m in extracted(text).agencies]
    assert found == [
        (1, "市民政局", Role.LEAD), (1, "市财政局", Role.PARTICIPANT),
        (2, "市教育局", Role.LEAD),
    ]


def test_a_real_notice_assigned_in_prose() -> None:
    """国办函〔2014〕31号 (traditional script): "由發展改革委會同中央農辦、…等部門研究提出"."""
    path = CORPUS / "dev" / "51_guobanhan_2014_31_nongcun_trad.txt"
    found = {}
    for m in process_path(path).extraction.agencies:
        found.setdefault(m.task_seq, []).append(m.mention)
    for task in gold_for(path.stem)["tasks"]:
        assert found[task["seq"]] == task["lead"] + task["participants"]


def test_mention_rules_refuse_unknown_keys(tmp_path) -> None:
    (tmp_path / "mentions.yaml").write_text("openers: [由]\nopenerz: [请]\n", encoding="utf-8")
    with pytest.raises(RulesError, match="openerz"):
        load_rules("mentions.yaml", MentionRules, str(tmp_path))


# ---------------------------------------------------------------- group attribution by heading

DEPARTMENT_LIST = (
    "某经济开发区各部门年度任务\n"
    "（一）规划建设局（环境保护局、安监站）\n"
    "1.年度主要任务：\n"
    "①完成园区控制性详细规划修编；②年底前建成标准厂房10万平方米；\n"
    "（二）经济发展局\n"
    "1.年度主要任务：\n"
    "①年内引进工业项目5个以上；②由市财政局牵头做好债务清理；\n"
)


def _units_by_task(text: str) -> dict[str, list[tuple[str, str]]]:
    extraction = extracted(text)
    titles = {t.seq: text[t.title_start : t.title_end].rstrip("；") for t in extraction.segmentation.tasks}
    out: dict[str, list[tuple[str, str]]] = {title: [] for title in titles.values()}
    for m in extraction.agencies:
        assert text[m.char_start : m.char_end] == m.mention  # provenance: the printed name
        out[titles[m.task_seq]].append((m.mention, m.role))
    return out


def test_a_heading_that_names_units_owns_the_tasks_under_it() -> None:
    units = _units_by_task(DEPARTMENT_LIST)
    planning = [("规划建设局", Role.RESPONSIBLE), ("环境保护局", Role.RESPONSIBLE),
                ("安监站", Role.RESPONSIBLE)]  # the bracket: other plates of the same office
    assert units["完成园区控制性详细规划修编"] == planning
    assert units["年底前建成标准厂房10万平方米"] == planning
    assert units["年内引进工业项目5个以上"] == [("经济发展局", Role.RESPONSIBLE)]
    # a task that assigns its own units by role words keeps them, not the heading's
    assert [m for m, _ in units["由市财政局牵头做好债务清理"]] == ["市财政局"]


@pytest.mark.parametrize(
    "heading",
    [
        "（一）加强组织领导",  # a topic, not a unit
        "（一）规划建设局推进重点项目",  # a unit and more words (重点工作 would name its duties)
        "（一）规划建设局（2项）",  # a bracket that names no body
    ],
)
def test_a_heading_that_is_not_only_unit_names_gives_no_unit(heading: str) -> None:
    text = f"{heading}\n①完成园区控制性详细规划修编；②年底前建成标准厂房10万平方米；\n"
    units = _units_by_task(text)
    assert len(units) == 2
    assert all(not found for found in units.values())


def test_a_real_department_list_attributed_by_heading() -> None:
    path = CORPUS / "dev" / "85_shuangpai_gyq_2019_bushi_circled.txt"
    result = process_path(path)
    gold = gold_for(path.stem)
    by_seq: dict[int, list[str]] = {}
    for m in result.extraction.agencies:
        by_seq.setdefault(m.task_seq, []).append(m.mention)
    assert len(result.extraction.segmentation.tasks) == len(gold["tasks"]) == 16
    for task, expected in zip(result.extraction.segmentation.tasks, gold["tasks"], strict=True):
        assert by_seq.get(task.seq) == expected["either"]
