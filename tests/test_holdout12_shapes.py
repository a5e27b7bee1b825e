"""Issue 16: shapes of the twelfth holdout batch (801–823), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from pipeline.stages.table_columns import cell_kind
from tests.helpers import extracted, roles, segmented, titles


def test_a_header_ending_a_line_of_prose_opens_the_table():
    """822 常熟: a copy joining paragraphs puts the header at the end of the attachment's title
    line ("…分解表 序号 名称 工作任务 牵头责任单位"); the rows below it are the table's."""
    text = (
        "附件:某县2024年重点工作任务分解表 某县人民政府办公室 2024年3月1日 "
        "某县2024年重点工作任务分解表 序号 名称 工作任务 牵头责任单位\n\n"
        "1 新建农村公路120公里,改造危桥8座. 交通局\n\n"
        "2 完成高标准农田建设3万亩. 农业农村局、财政局\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2"]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "交通局"), (2, "农业农村局"), (2, "财政局"),
    ]
    assert [t.unit for t in extracted(text).targets] == ["公里", "座", "万亩"]


def test_prose_naming_two_column_words_opens_no_table():
    """Fewer than three column names at a line's end is prose, not a header."""
    text = "各单位要明确牵头单位和责任单位\n一、推进道路建设,年内完成5条。(县交通局牵头)\n"
    assert [n for n, _ in titles(text)] == ["一"]


def test_a_progress_column_is_a_note():
    """823 安康: 完成进展 beside 完成时限 is a note column, as 工作进展情况 and 落实进展 are."""
    assert [cell_kind(n) for n in ("完成进展", "工作进展情况", "落实进展", "进展")] == ["note"] * 4


def test_cell_a_line_rows_under_a_spanning_category_keep_their_numbers():
    """823 安康: one cell a line, each closed by "|"; the first row prints its category cell,
    the rows below it do not (the category spans them), so their numbered task cell comes
    first, and its empty progress cells are printed. Each row's number is its number, not a
    part of its title."""
    text = "\n".join([
        "主要任务 |", "重点工作 |", "责任单位 |", "完成时限 |", "完成进展 |",
        "(一)健全制度。 |", "1.修订值班值守制度。 |", "县应急局 |", "3月底前 |", "|",
        "2.建立隐患排查台账。 |", "县住建局、县交通局 |", "4月底前 |", "|", "|",
        "3.开展应急演练2次。 |", "县消防救援大队 |", "6月底前 |", "|", "|",
    ]) + "\n"
    assert titles(text) == [
        ("1", "修订值班值守制度"), ("2", "建立隐患排查台账"), ("3", "开展应急演练2次"),
    ]
    assert [name for _, _, name, _ in roles(text)] == [
        "县应急局", "县住建局", "县交通局", "县消防救援大队",
    ]


def test_work_named_before_the_opener_is_no_part_of_a_name():
    """811 广东: each item ends "此项工作由X负责,Y配合。"; "此项工作由" opens the list."""
    text = (
        "(一)编制年度报告。督促各部门按时编制报告。此项工作由市府办公室负责,市监察局配合。\n"
        "(二)规范服务中心建设。起草规范性文件。该项任务由市法制办、编办负责。\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "市府办公室"), (1, "participant", "市监察局"),
        (2, "responsible", "市法制办"), (2, "responsible", "编办"),
    ]


def test_a_heading_rank_heads_its_one_unnumbered_task_too():
    """813 中山: "二、" heads numbered items; "三、" over one paragraph closed by its bracket
    heads that paragraph as an unnumbered task, as "二、" heads its items."""
    text = (
        "二、深入推进权力公开\n"
        "(一)公开审批事项。督促各部门公开审批依据。(由市发展和改革局负责)\n"
        "(二)公开执法职权。建立执法主体公开机制。(由市法制局负责,监察局配合)\n"
        "三、抓好办事公开\n"
        "公布办事指南和目录。指导各单位清理服务事项。(由市监察局负责)\n"
    )
    seg = segmented(text)
    assert titles(text) == [
        ("(一)", "公开审批事项"), ("(二)", "公开执法职权"), (None, "公布办事指南和目录"),
    ]
    assert seg.tasks[-1].section == "三、抓好办事公开"


def test_a_numbered_line_alone_over_its_paragraph_is_still_its_title():
    """Where no item of its rank heads numbered items, "一、…" over one attributed paragraph
    is that task's title (the shape the rule above must leave alone)."""
    text = (
        "一、支持科技创新\n推进重点实验室建设。(牵头单位:县科技局)\n"
        "二、扩大有效投资\n实施重点项目30个。(牵头单位:县发改局)\n"
    )
    assert titles(text) == [("一", "支持科技创新"), ("二", "扩大有效投资")]


def test_an_excerpt_keeps_the_numbers_of_the_list_it_is_cut_from():
    """812 江苏: a department passes down items 5, 7 and 18 of the province's list, each at a
    line's start; inline numbers still have to follow their sequence."""
    text = (
        "一、目标分解\n"
        "5.城镇居民收入增长9%。 (工资处、就管中心)\n"
        "7.城镇登记失业率控制在4%。 (就业处)\n"
        "18.新增农村劳动力转移50万人,建设5-10个示范基地。 (就管中心)\n"
    )
    assert [n for n, _ in titles(text)] == ["5", "7", "18"]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "工资处"), (1, "就管中心"), (2, "就业处"), (3, "就管中心"),
    ]
    inline = "1.推进改革。完成3项试点。9.不是编号的句子。(县发改局牵头)\n"
    assert [n for n, _ in titles(inline)] == ["1"]


def test_a_second_name_in_brackets_stays_with_its_name():
    """823 安康: "市安委办 (工作专班办公室)" is one unit printed with its second name, as
    "县发改局(粮食局)" is; a name never runs into a bracket it does not close."""
    for unit in ("市安委办(安全办)", "市安委办 (工作专班办公室)", "县发改局 (粮食局)"):
        text = f"1.制定任务清单。(责任单位:{unit}、市应急局)\n2.开展检查。(责任单位:市应急局)\n"
        assert [name for seq, _, name, _ in roles(text) if seq == 1] == [
            "".join(unit.split()), "市应急局",
        ]


def test_a_group_of_places_and_their_body_parted_by_a_space_is_one_collective():
    """823 安康: "各县区(开发区) 安委会" names each place's committee; a body with its own
    place ("各乡镇 县财政局") or a unit before it ("市财政局 市税务局") stays apart."""
    cases = {
        "各县区(开发区) 安委会": [("各县区(开发区)安委会", True)],
        "各乡镇 人民政府": [("各乡镇人民政府", True)],
        "各乡镇 县财政局": [("各乡镇", True), ("县财政局", False)],
        "市财政局 市税务局": [("市财政局", False), ("市税务局", False)],
    }
    for unit, want in cases.items():
        text = f"1.制定任务清单。(责任单位:{unit})\n2.开展检查。(责任单位:市应急局)\n"
        assert [(name, c) for seq, _, name, c in roles(text) if seq == 1] == want, unit
