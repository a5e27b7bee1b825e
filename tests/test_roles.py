"""Roles without role words and conventions a notice states: bare brackets, first-listed
leads, group attributions, linking words and one-body names, on realistic notice text."""

from __future__ import annotations

import pytest
from helpers import extracted, segmented

from pipeline.stages import agency_names as an
from pipeline.stages.extract import task_roles
from pipeline.stages.roles import group_statements, stated_conventions


def roles(text: str) -> list[tuple[int, str, str, bool]]:
    return [(m.task_seq, m.role, m.mention, m.collective) for m in extracted(text).agencies]


# ---------------------------------------------------------------- bare brackets


def test_a_bare_bracket_after_a_task_owns_it() -> None:
    text = (
        "1.加快跨境电商综合试验区建设，新增外贸企业50家。（市商务局）\n"
        "2.优化城市道路交通组织，治理重点路段拥堵（市交通局、公安局）。\n"
        "3.做好秋冬季大气污染防治（市生态环境局负责）。"
    )
    assert roles(text) == [
        (1, "responsible", "市商务局", False),
        (2, "responsible", "市交通局", False),
        (2, "responsible", "公安局", False),
        (3, "responsible", "市生态环境局", False),
    ]
    carried = extracted(text).agencies[2]
    assert carried.prefix == "市"


def test_a_bracket_that_is_no_assignment_is_left_alone() -> None:
    text = (
        "1.深化与国家开发银行（国开行）合作，争取贷款20亿元。（市财政局）\n"
        "2.建成市民服务中心（二期）。（市机关事务局）\n"
        "3.加快智慧城市建设。支持市科技局（市知识产权局）。"
    )
    seg = segmented(text)
    found = [
        (task.seq, m.role, m.mention)
        for task in seg.tasks
        for m in task_roles(seg.document.text, task, gaps=seg.document.gaps)[0]
    ]
    assert found == [(1, "responsible", "市财政局"), (2, "responsible", "市机关事务局")]


def test_bare_brackets_follow_a_stated_first_listed_convention() -> None:
    text = (
        "各有关单位：任务后括号内列第一位的单位为牵头单位。\n"
        "1.推进老旧小区改造。（市住建局、市财政局、市自然资源局）"
    )
    assert roles(text) == [
        (1, "lead", "市住建局", False),
        (1, "participant", "市财政局", False),
        (1, "participant", "市自然资源局", False),
    ]


# ---------------------------------------------------------------- stated conventions


def test_a_preamble_convention_applies_to_the_whole_notice() -> None:
    text = (
        "县直各单位：现将重点工作分解如下，除注明外，排在首位的为牵头单位。\n"
        "1.实施城乡供水一体化工程。责任单位：县水利局、县财政局。\n"
        "2.推进数字乡村建设。牵头单位：县农业农村局；配合单位：县工信局、县数据局。"
    )
    assert roles(text) == [
        (1, "lead", "县水利局", False),
        (1, "participant", "县财政局", False),
        (2, "lead", "县农业农村局", False),
        (2, "participant", "县工信局", False),
        (2, "participant", "县数据局", False),
    ]


def test_a_convention_inside_an_agency_line_applies_from_there_on() -> None:
    text = (
        "1.落实减税降费政策。责任单位：市税务局、市财政局。\n"
        "2.加强预算绩效管理。责任单位：市财政局、市审计局（列第一位的为牵头单位，下同）。\n"
        "3.推进政府采购电子化。责任单位：市财政局、市公共资源交易中心。"
    )
    assert roles(text) == [
        (1, "responsible", "市税务局", False),
        (1, "responsible", "市财政局", False),
        (2, "lead", "市财政局", False),
        (2, "participant", "市审计局", False),
        (3, "lead", "市财政局", False),
        (3, "participant", "市公共资源交易中心", False),
    ]


def test_a_footnote_convention_holds_for_the_tasks_above_it() -> None:
    text = (
        "1.推进城市更新行动（区住建局、区城管局）。\n"
        "2.提升公共文化服务（区文旅局、区教育局）。\n"
        "注：各项任务中排名第一的单位分别牵头。"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "区住建局"), (1, "participant", "区城管局"),
        (2, "lead", "区文旅局"), (2, "participant", "区教育局"),
    ]


def test_responsible_units_lead_where_the_notice_says_so() -> None:
    text = (
        "各部门：无牵头单位的，责任单位即为牵头单位。\n"
        "1.开展安全生产大检查。责任单位：市应急局。\n"
        "2.整治城乡环境卫生。牵头单位：市城管局；责任单位：市卫健委。"
    )
    assert roles(text) == [
        (1, "lead", "市应急局", False),
        (2, "lead", "市城管局", False),
        (2, "responsible", "市卫健委", False),
    ]


def test_statements_are_found_with_their_scope() -> None:
    view = (
        "除注明外，排在首位的为牵头单位。\n责任单位：甲局、乙局（列第一位的为牵头单位，下同）\n"
        "无牵头单位的，责任单位即为牵头单位。"
    )
    found = stated_conventions(view)
    assert [(s.effect, s.onward) for s in found] == [
        ("first_listed_leads", False), ("first_listed_leads", True), ("responsible_leads", False)
    ]
    assert "牵头单位" in view[found[1].start : found[1].end]


# ---------------------------------------------------------------- group attributions


def test_one_attribution_for_the_items_above_it() -> None:
    text = (
        "1.盘活存量资产，增加财政收入。\n"
        "2.压减一般性支出5%以上。\n"
        "3.规范地方政府债务管理。\n"
        "以上3项工作的责任单位均为市财政局。\n"
        "4.扩大有效投资。（市发展改革委牵头）"
    )
    ext = extracted(text)
    assert len(ext.segmentation.tasks) == 4
    assert [(m.task_seq, m.role, m.mention) for m in ext.agencies] == [
        (1, "responsible", "市财政局"),
        (2, "responsible", "市财政局"),
        (3, "responsible", "市财政局"),
        (4, "lead", "市发展改革委"),
    ]


def test_an_attribution_without_a_count_covers_its_section() -> None:
    text = (
        "一、稳定工业增长\n"
        "1.实施技术改造项目100个。\n"
        "2.培育规模以上工业企业30家。\n"
        "以上工作由市工信局牵头，市统计局配合。\n"
        "二、扩大消费\n"
        "3.举办促消费活动。（市商务局负责）"
    )
    assert [(s, r, n) for s, r, n, _ in roles(text)] == [
        (1, "lead", "市工信局"), (1, "participant", "市统计局"),
        (2, "lead", "市工信局"), (2, "participant", "市统计局"),
        (3, "responsible", "市商务局"),
    ]


def test_group_statements_need_a_clause_of_their_own() -> None:
    view = "增长10%以上，由市统计局负责。\n以上各项任务的牵头单位为市政府办公室。"
    found = group_statements(view)
    assert len(found) == 1 and found[0].role == "lead" and found[0].count is None


# ---------------------------------------------------------------- linking words


@pytest.mark.parametrize(
    ("bracket", "expected"),
    [
        ("（由省财政厅牵头，会同省民政厅、物价局等单位负责落实）",
         [("lead", "省财政厅"), ("participant", "省民政厅"), ("participant", "物价局")]),
        ("（由市民政局牵头会同市财政局负责）",
         [("lead", "市民政局"), ("participant", "市财政局")]),
        # 会同 X 落实: X takes part (落实 closes a unit list as 负责 does)
        ("（省教育厅牵头，并会同省人社厅落实）", [("lead", "省教育厅"), ("participant", "省人社厅")]),
    ],
)
def test_linking_words_are_no_part_of_a_name(bracket: str, expected: list) -> None:
    text = "1.做好困难群众基本生活保障。" + bracket
    assert [(r, n) for _, r, n, _ in roles(text)] == expected


# ---------------------------------------------------------------- one body, one mention


@pytest.mark.parametrize(
    ("text", "name"),
    [("省委改革办、省大数据局", "省委改革办"), ("市政府金融办、市商务局", "市政府金融办"),
     ("区委改革办牵头", "区委改革办"), ("杭州市政府金融办", "杭州市政府金融办"),
     ("县政府办公室", "县政府办公室")],
)
def test_an_organ_followed_by_an_office_is_one_body(text: str, name: str) -> None:
    assert text[: an.agency_end(text, 0, len(text))] == name


@pytest.mark.parametrize("text", ["市委市政府", "省委、省政府", "市政府研究制定"])
def test_two_organs_stay_two(text: str) -> None:
    assert an.agency_end(text, 0, len(text)) in (2, 3)


def test_a_collective_printed_with_separators_is_one_mention() -> None:
    text = (
        "1.稳定经济增长。协同责任单位：市经信局、滁州海关、市人行、中新苏滁高新区管委会等，"
        "各县、市、区政府。\n"
        "2.培育新兴产业。责任单位：市工业和信息化局，相关县(市、区)政府。\n"
        "3.保障粮食安全。责任单位：各市、县人民政府、省粮食和储备局。"
    )
    assert roles(text) == [
        (1, "participant", "市经信局", False),
        (1, "participant", "滁州海关", False),
        (1, "participant", "市人行", False),
        (1, "participant", "中新苏滁高新区管委会", False),
        (1, "participant", "各县、市、区政府", True),
        (2, "responsible", "市工业和信息化局", False),
        (2, "responsible", "相关县(市、区)政府", True),
        (3, "responsible", "各市、县人民政府", True),
        (3, "responsible", "省粮食和储备局", False),
    ]


def test_an_unknown_name_between_names_is_kept_and_prose_is_not() -> None:
    text = (
        "1.优化口岸营商环境。责任单位：市商务局、合肥综合保税区、市税务局。\n"
        "2.推进项目建设。责任单位：市发改委、加快前期工作、市财政局。"
    )
    assert [(s, n) for s, _, n, _ in roles(text)] == [
        (1, "市商务局"), (1, "合肥综合保税区"), (1, "市税务局"), (2, "市发改委"),
    ]


def test_an_attribution_right_after_a_bracket_still_covers_its_group() -> None:
    text = (
        "一、深化放管服改革\n"
        "1.全面实施行政许可事项清单管理。（市政府办公室、市司法局）\n"
        "2.推进政务服务标准化。（市政务服务中心牵头，会同市发改委、市财政局负责落实）\n"
        "以上工作由市行政审批局牵头，市委改革办配合。\n"
        "二、加强监管\n"
        "3.加强事中事后监管。（市市场监管局）"
    )
    got = [(s, r, n) for s, r, n, _ in roles(text)]
    for seq in (1, 2):
        assert (seq, "lead", "市行政审批局") in got and (seq, "participant", "市委改革办") in got
    assert [g for g in got if g[0] == 3] == [(3, "responsible", "市市场监管局")]
    assert (2, "participant", "会同市发改委") not in got and (2, "participant", "市发改委") in got


# ---------------------------------------------------------------- fix-roles: verbs, brackets


def test_zhuban_leads_and_xieban_takes_part() -> None:
    text = (
        "1.加快重点产业项目建设。(县工信局主办,县发改委、县科技局协办)\n"
        "2.推进农村公路建设。（县交通局主办）"
    )
    assert roles(text) == [
        (1, "lead", "县工信局", False),
        (1, "participant", "县发改委", False),
        (1, "participant", "县科技局", False),
        (2, "lead", "县交通局", False),
    ]


def test_a_corner_bracket_inside_a_name_does_not_split_the_list() -> None:
    text = (
        "1.粮食产量稳定在50亿斤以上。(市农业农村局,各县〔市、区〕政府)\n"
        "2.新增城镇就业1万人。（市人社局、各乡〔镇〕人民政府）"
    )
    assert roles(text) == [
        (1, "responsible", "市农业农村局", False),
        (1, "responsible", "各县〔市、区〕政府", True),
        (2, "responsible", "市人社局", False),
        (2, "responsible", "各乡〔镇〕人民政府", True),
    ]


def test_an_assignment_in_corner_brackets_starts_after_the_bracket() -> None:
    text = "一、扩大有效投资。〔市发展改革委、市财政局等牵头,市直有关单位按职责分工负责〕"
    found = [(r, m) for _, r, m, _ in roles(text)]
    assert found[:2] == [("lead", "市发展改革委"), ("lead", "市财政局")]


def test_first_listed_convention_with_zhe() -> None:
    view = "责任单位:甲局、乙局(列第一位者为牵头或汇总单位,下同)"
    found = stated_conventions(view)
    assert [(s.effect, s.onward) for s in found] == [("first_listed_leads", True)]
    text = (
        "1.制定政策体系。\n"
        "责任单位:县财政局、县发改局、县工商联(列第一位者为牵头或汇总单位,下同)\n"
        "2.优化营商环境。\n责任单位:县发改局、县经信局\n"
    )
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "县财政局"), (1, "participant", "县发改局"), (1, "participant", "县工商联"),
        (2, "lead", "县发改局"), (2, "participant", "县经信局"),
    ]


def test_a_bracketed_convention_is_no_assignment_that_ends_a_task() -> None:
    text = (
        "一、重点工作\n"
        "1.制定出台高质量发展“1+4+8”政策体系,与企业共克时艰。\n"
        "责任单位:县财政局、县发改局(列第一位者为牵头或汇总单位,下同)\n"
        "2.加快兑现政策,力争为企业减负6亿元。\n"
        "责任单位:县发改局、县经信局\n"
    )
    seg = segmented(text)
    assert [(t.seq, t.number) for t in seg.tasks] == [(1, "1"), (2, "2")]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "县财政局"), (1, "participant", "县发改局"),
        (2, "lead", "县发改局"), (2, "participant", "县经信局"),
    ]


def test_fenbie_fuze_owns_the_task_in_an_open_role() -> None:
    text = "1.城乡居民收入均增长8%以上。(县发改委、县农委、县统计局分别负责)"
    assert [(r, m) for _, r, m, _ in roles(text)] == [
        ("responsible", "县发改委"), ("responsible", "县农委"), ("responsible", "县统计局"),
    ]


def test_a_bare_bracket_may_hold_a_bracketed_place() -> None:
    text = (
        "1.新增城镇就业3万人。\n(市人社局,各市(县)、区政府)\n"
        "2.建成农村公路100公里。\n（市交通局、各县（市）人民政府）"
    )
    assert roles(text) == [
        (1, "responsible", "市人社局", False),
        (1, "responsible", "各市(县)", True),
        (1, "responsible", "区政府", True),
        (2, "responsible", "市交通局", False),
        (2, "responsible", "各县（市）人民政府", True),
    ]


def test_a_level_and_organ_after_each_is_distributed_but_a_department_is_not() -> None:
    text = "1.推进项目建设。（市发改委、各市（县）、区政府、省粮食局）"
    assert [(m, c) for _, _, m, c in roles(text)] == [
        ("市发改委", False), ("各市（县）", True), ("区政府", True), ("省粮食局", False),
    ]
