"""Issue 16: shapes of the thirteenth and fourteenth holdout batches (901–942), fixed after
their first-sight scoring; each a mechanism, tested on text written the way those notices
print it."""

from __future__ import annotations

from pipeline.stages.table_rows import cell_kind
from tests.helpers import extracted, roles, titles


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
    names = ("计划完成时间", "整改时限", "办结时限", "完成日期", "截止时间", "时间节点")
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
