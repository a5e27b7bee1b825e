"""Prose notices without numbering (tasks led by their subject) and unit lists that join
groups, names of sub-units and the units a 各 distributes over: constructed examples."""

from __future__ import annotations

from pipeline.stages.agency_names import generic_name
from tests.helpers import extracted, roles, segmented, squash

NEWS = (
    "市政府公布今年重点任务分工\n\n"
    "3月16日，市人民政府公布2021年重点任务，要求各地各部门抓好落实。\n\n"
    "根据任务要求，今年，市住建局要在8月底完成30个老旧小区改造。9月底完成管网改造10公里。"
    "市教育局要新建幼儿园9所。市机场建管公司12月中旬全面开工新机场项目。"
    "由市财政局负责筹措资金2亿元。\n"
)


def _tasks(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    ext = extracted(text)
    doc = ext.segmentation.document.text
    units: dict[int, list[tuple[str, str]]] = {}
    for a in ext.agencies:
        units.setdefault(a.task_seq, []).append((a.mention, a.role))
    return [
        (squash(doc[t.title_start : t.title_end]), units.get(t.seq, []))
        for t in ext.segmentation.tasks
    ]


def test_sentences_led_by_their_subject_are_the_tasks_of_an_unnumbered_notice() -> None:
    assert _tasks(NEWS) == [
        ("市住建局要在8月底完成30个老旧小区改造", [("市住建局", "responsible")]),
        ("市教育局要新建幼儿园9所", [("市教育局", "responsible")]),
        ("市机场建管公司12月中旬全面开工新机场项目", [("市机场建管公司", "responsible")]),
        ("由市财政局负责筹措资金2亿元", [("市财政局", "responsible")]),
    ]


def test_a_subject_task_runs_on_over_sentences_without_a_subject() -> None:
    seg = segmented(NEWS)
    first = seg.tasks[0]
    assert "9月底完成管网改造10公里" in seg.document.text[first.start : first.end]
    assert any("sentences led by the units" in w for w in seg.warnings)  # said, to be checked


def test_subject_sentences_are_not_read_where_the_notice_numbers_its_tasks() -> None:
    text = "1.推进老旧小区改造。市住建局要在8月底完成。\n2.新建幼儿园。市教育局要抓好落实。\n"
    assert [title for title, _ in _tasks(text)] == ["推进老旧小区改造", "新建幼儿园"]


def test_one_subject_sentence_makes_no_task_list() -> None:
    text = "市政府召开常务会议。会议要求，市住建局要抓好老旧小区改造工作。\n"
    assert segmented(text).tasks == ()


def test_a_sentence_whose_units_approve_assigns_nothing() -> None:
    text = "经市政府同意，现印发实施。市政府12月召开会议。市教育局要新建幼儿园9所。\n"
    assert segmented(text).tasks == ()  # one assigning sentence only


def _roles(text: str) -> list[tuple[str, str, bool]]:
    return [(m.mention, m.role, m.collective) for m in extracted(text).agencies]


def test_groups_joined_by_he_and_deng_are_each_a_mention() -> None:
    assert _roles("1.做好秋粮收储工作。（省粮食局等省直有关部门和各市人民政府负责）") == [
        ("省粮食局", "responsible", False),
        ("省直有关部门", "responsible", True),
        ("各市人民政府", "responsible", True),
    ]
    assert _roles("1.推进普惠金融。责任单位：人民银行郑州中心支行等相关部门。") == [
        ("人民银行郑州中心支行", "responsible", False),
        ("相关部门", "responsible", True),
    ]


def test_a_name_with_he_inside_stays_whole() -> None:
    assert _roles("1.推进两化融合。（工业和信息化部等有关部门和单位负责）") == [
        ("工业和信息化部", "responsible", False),
        ("有关部门和单位", "responsible", True),
    ]


def test_units_of_a_government_and_sub_units_are_one_name() -> None:
    text = (
        "1.修编园区规划。（牵头单位：县政府园区发展服务中心；责任单位：新材料产业园、商贸物流园）\n"
        "2.加强宽带建设。（市工信局牵头，市无线电管理处、电信汉中分公司、有关县区政府分工负责）\n"
        "3.稳定信贷投放。[牵头单位：市财政局；责任单位：各镇人民政府，城东经济开发区]\n"
    )
    assert _roles(text) == [
        ("县政府园区发展服务中心", "lead", False),
        ("新材料产业园", "responsible", False),
        ("商贸物流园", "responsible", False),
        ("市工信局", "lead", False),
        ("市无线电管理处", "participant", False),
        ("电信汉中分公司", "participant", False),
        ("有关县区政府", "participant", True),
        ("市财政局", "lead", False),
        ("各镇人民政府", "responsible", True),
        ("城东经济开发区", "responsible", False),
    ]


def test_ge_distributes_over_kinds_of_body_not_over_named_bodies() -> None:
    text = "1.推进城镇化。（市发改委牵头，各乡镇政府、街道办事处、嵩山管委会负责）"
    assert _roles(text)[1:] == [
        ("各乡镇政府", "participant", True),
        ("街道办事处", "participant", True),
        ("嵩山管委会", "participant", False),
    ]
    assert generic_name("开发区管委会") and not generic_name("嵩山管委会")


def test_the_related_streets_are_a_group() -> None:
    assert _roles("1.整治背街小巷。（责任单位：市城管局、相关街道）") == [
        ("市城管局", "responsible", False),
        ("相关街道", "responsible", True),
    ]


def test_the_covering_letters_attachment_list_holds_no_task() -> None:
    text = (
        "各镇人民政府，县政府各部门：\n现将重点工作责任分解印发给你们，请认真落实。\n"
        "附件：1.县政府工作报告重点工作责任分解\n2.市政府工作报告涉及本县事项责任分解\n"
        "2021年5月12日\n附件1\n一、主要目标\n"
        "（一）地区生产总值增长8%。（牵头单位：县发改局）\n"
        "（二）固定资产投资增长10%。（牵头单位：县财政局）\n"
    )
    assert [t.number for t in segmented(text).tasks] == ["（一）", "（二）"]


def test_ge_distributes_over_a_generic_name_joined_by_he() -> None:
    assert _roles("1.落实河长制。（责任单位：各县（市、区）党委和人民政府）") == [
        ("各县（市、区）党委", "responsible", True),
        ("人民政府", "responsible", True),
    ]


def test_known_names_run_together_where_ocr_lost_the_separators() -> None:
    """Issue 14: a scan read by OCR drops the small 、 between names ("中央農辦農業部財政部"):
    names the gazetteer knows, printed together, are still read one by one, in a bracket and
    in prose; "水利部商务部" is no 水利部 商(consults) 务部."""
    prose = (
        "一、工作分工\n（一）關於糧食安全的問題，由發展改革委會同中央農辦農業部財政部、"
        "科技部國土資源部水利部商務部、統計局等部門研究提出落實意見。\n"
        "（二）關於耕地保護的問題，由國土資源部會同農業部等部門負責落實。\n"
    )
    assert [m for s, _, m, _ in roles(prose) if s == 1] == [
        "發展改革委", "中央農辦", "農業部", "財政部", "科技部", "國土資源部", "水利部", "商務部",
        "統計局",
    ]
    bracket = "1.推进工作（由发展改革委会同中央农办农业部财政部等部门负责）。\n"
    assert [m for _, _, m, _ in roles(bracket)] == ["发展改革委", "中央农办", "农业部", "财政部"]
    unknown = "1.推进工作（由甲乙丙部丁戊己部负责）。\n"  # not known: left whole
    assert [m for _, _, m, _ in roles(unknown)] == ["甲乙丙部丁戊己部"]
