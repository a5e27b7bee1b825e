"""Issue 16: shapes of the thirteenth and fourteenth holdout batches (901–942), fixed after
their first-sight scoring; each a mechanism, tested on text written the way those notices
print it."""

from __future__ import annotations

from pipeline.stages.table_columns import cell_kind
from tests.helpers import extracted, roles, segmented, titles


def test_a_name_printed_once_over_its_task_rows_heads_a_group():
    """931 新昌: 项目名称 is printed on a project's first row only; each row below prints its
    own 工作任务, date and lead: each row is a task. A row printing only a date and a unit
    ("2021.8 | 城投集团 | ||") adds them to the task above."""
    text = "\n".join([
        "项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |",
        "1.道路提升项目 | 改造城区道路3条; | 11月 | 建设局 |",
        "2022.8 | 城投集团 | ||",
        "新建停车场2处; | 10月 | 交通局 | |",
        "2.学校建设项目 | 新建小学1所。 | 12月底 | 教体局 |",
    ]) + "\n"
    assert [t for _, t in titles(text)] == [
        "改造城区道路3条;", "新建停车场2处;", "新建小学1所",
    ]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "建设局"), (1, "城投集团"), (2, "交通局"), (3, "教体局"),
    ]
    assert [d.raw for d in extracted(text).deadlines] == ["11月", "2022.8", "10月", "12月底"]


def test_a_name_on_every_row_still_titles_its_row():
    """723 招远's shape: a 名称 column printed on every row names that row's task."""
    text = "\n".join([
        "民生事项名称 | 任务目标 | 责任单位 |",
        "城区道路改造 | 改造道路3条。 | 建设局 |",
        "学校建设 | 新建小学1所。 | 教体局 |",
    ]) + "\n"
    assert [t for _, t in titles(text)] == ["城区道路改造", "学校建设"]


def test_deadline_columns_are_known_with_their_qualifiers():
    names = ("计划完成时间", "整改时限", "办结时限", "完成日期", "截止时间", "时间节点", "时间进度")
    assert [cell_kind(n) for n in names] == ["deadline"] * len(names)
    assert cell_kind("建设时间") == "note"


def test_a_name_the_grammar_does_not_know_between_names_parted_by_commas():
    """921 监利: "责任单位:市统计局,各乡、镇人民政府,人民大垸、荒湖管理区,监利经济开发区": 人民大垸
    is no name the grammar knows, but stands between names; the list goes on after it."""
    text = (
        "1.地区生产总值增长10%左右。(牵头单位:市发改局;责任单位:市统计局,各乡、镇人民政府,"
        "人民大垸、荒湖管理区,监利经济开发区)\n2.外贸出口增长10%。(牵头单位:市商务局)\n"
    )
    assert [name for seq, _, name, _ in roles(text) if seq == 1] == [
        "市发改局", "市统计局", "各乡、镇人民政府", "人民大垸", "荒湖管理区", "监利经济开发区",
    ]
    prose = "1.推进改革。(牵头单位:市发改局,确保年底完成,市财政局配合)\n2.外贸出口增长10%。(牵头单位:市商务局)\n"
    assert "确保年底完成" not in [name for _, _, name, _ in roles(prose)]


def test_words_naming_a_units_part_before_its_name_are_no_part_of_it():
    """934 平利: "由包片单位县气象局负责清除", "由陈家坝沿线包片单位县职教中心、县消防大队…负责":
    包片单位 says what part the unit plays; the name opens where the place does."""
    text = (
        "1.迎宾大道围墙有野广告。整改要求:由包片单位县气象局负责清除。\n"
        "2.沿线商户出店经营。整改要求:由沿线包片单位县职教中心、县消防大队负责劝阻。\n"
    )
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "县气象局"), (2, "县职教中心"), (2, "县消防大队"),
    ]


def test_a_verb_before_a_place_name_makes_no_unit():
    """912 九江: "领导小组下设办公室,设在市发改委,负责日常工作": 设在 + 市 is no city's name,
    and "相关县〔市、区〕政府" is a collective whatever its brackets."""
    text = (
        "1.建立领导小组。领导小组下设办公室,设在市发改委,负责日常协调推进工作。"
        "(责任单位:市委办公室、市发改委,相关县〔市、区〕政府)\n2.开展检查。(责任单位:市应急局)\n"
    )
    assert [(name, c) for seq, _, name, c in roles(text) if seq == 1] == [
        ("市委办公室", False), ("市发改委", False), ("相关县〔市、区〕政府", True),
    ]


def test_sub_points_closed_by_a_qualified_label_line_are_one_task():
    """932 荆州: "1. 市科技馆" over "(1)…;" "(2)…。" then "问题整改责任单位:市科技馆 整改时限:3天":
    the label line, a few words before its label, assigns the whole block."""
    text = (
        "1. 市第二人民医院\n\n(1)院内禁烟标识数量不达标;\n\n(2)宣传牌内容不规范。\n\n"
        "问题整改责任单位:市卫生健康委员会 整改时限:5天\n\n"
        "2. 市科技馆\n\n(1)灭火器过期未更换;\n\n(2)意见簿记录不规范。\n\n"
        "问题整改责任单位:市科技馆 整改时限:3天\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2"]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [(1, "市卫生健康委员会"), (2, "市科技馆")]


def test_a_responsible_column_named_by_what_it_does():
    """702: "重点任务 | 工作内容 | 負責科室 |" (traditional script): 负责科室, 负责单位 are
    responsible columns as 责任科室 is."""
    assert [cell_kind(n) for n in ("負責科室", "负责单位", "负责处室", "责任股室")] == [
        "responsible"] * 4


def test_columns_named_with_their_owner_and_rows_ended_by_padding():
    """961 贵州: "委内牵头处室 |", "系统内责任处、局、单位 |" name lead and responsible columns
    (the owner first, as in 区责任单位); one cell a line, no row numbers, a row's last cell
    followed by padding on its line ("各市(州)卫生健康局 | ||"): the padding ends the row."""
    assert [cell_kind(n) for n in ("委内牵头处室", "系统内责任处、局、单位", "市级责任单位")] == [
        "lead", "responsible", "responsible"]
    text = "\n".join([
        "工作任务 |", "委内牵头处室 |", "系统内责任处、局、单位 |",
        "深化政务服务改革。 |", "规划信息处、 政策法规处 |", "各市(州)卫生健康局 | ||",
        "升级公共资源交易平台。 |", "财务处 |", "各市(州)卫生健康局 | ||",
        "优化办事流程。 |", "政策法规处 |", "委直属各单位 |",
    ]) + "\n"
    assert [t for _, t in titles(text)] == ["深化政务服务改革", "升级公共资源交易平台", "优化办事流程"]
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "规划信息处"), (1, "lead", "政策法规处"), (1, "responsible", "各市(州)卫生健康局"),
        (2, "lead", "财务处"), (2, "responsible", "各市(州)卫生健康局"),
        (3, "lead", "政策法规处"), (3, "responsible", "委直属各单位"),
    ]


def test_a_heading_that_labels_its_units_assigns_the_tasks_under_it():
    """955 中牟: "一、责任单位:综合执法局" heads numbered problems that name no unit; the
    heading's units own each, in the role its label gives."""
    text = (
        "一、责任单位:综合执法局\n1、官渡大街围墙乱涂乱画;\n2、建设路小广告乱贴乱画。\n"
        "二、牵头单位:住建局\n1、东风路保洁不到位;\n2、青年路商户门前保洁不到位。\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "综合执法局"), (2, "responsible", "综合执法局"),
        (3, "lead", "住建局"), (4, "lead", "住建局"),
    ]


def test_unnumbered_paragraphs_each_closed_by_their_assignment_are_tasks():
    """952 信阳: a 督察通报 of unnumbered paragraphs, each closing with "(责任单位:X,责任人:Y)";
    a closing paragraph naming the units in prose is no task. The reading is flagged."""
    text = (
        "建设国家卫生城市督察通报\n\n"
        "新六大街西侧工地内垃圾整改不彻底,围墙多处破损。(责任单位:市国土局,责任人:张明)\n\n"
        "新华西路家属院卫生保洁不到位。(责任单位:浉河区工信委,责任人:杨明)\n\n"
        "现对以上问题的责任单位市国土局、浉河区工信委给予通报批评。\n"
    )
    seg = segmented(text)
    assert [t for _, t in titles(text)] == [
        "新六大街西侧工地内垃圾整改不彻底,围墙多处破损", "新华西路家属院卫生保洁不到位",
    ]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [(1, "市国土局"), (2, "浉河区工信委")]
    assert "closed by the bracket or label assigning it" in seg.warnings[0]


def test_a_new_category_does_not_inherit_the_units_of_the_one_above():
    """962 中山: 工作任务 (a category printed once) | 具体要求 (the tasks) | 落实科室(部门): a
    row under a new category whose unit cell is blank takes no unit from the category above."""
    assert cell_kind("落实科室(部门)") == "responsible"
    text = "\n".join([
        "| 工作任务 | 具体要求 | 落实科室(部门) |",
        "| 做好规划公开 | 1.主动公开各类规划。 | 办公室 |",
        "| 做好执法信息公开 | 2.公开市场准入负面清单。 |  |",
        "| 做好财务信息公开 | 3.公开部门预算。 | 财务科 |",
    ]) + "\n"
    assert [n for n, _ in titles(text)] == ["1", "2", "3"]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [(1, "办公室"), (3, "财务科")]
