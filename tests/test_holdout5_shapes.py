"""Issue 16: the shapes of the fifth holdout batch (201–232), each a mechanism tested on text
written the way those notices print it, and on another notice of the same shape where the
corpus has one.
"""

from __future__ import annotations

from tests.helpers import extracted, normalized, roles, segmented, titles


def targets(text: str) -> list[str]:
    return [t.raw for t in extracted(text).targets]


# ---------------------------------------------------------------- tables copied one cell a line


def test_one_cell_a_line_with_heading_rows_and_units_one_a_line():
    """201 沈河: header lines, a heading row (一、…) before the rows and between groups; a
    lead cell and a unit cell whose units stand one a line."""
    text = (
        "主要工作任务\n\n牵头单位\n\n责任单位\n\n"
        "一、优结构、谋发展\n\n"
        "1.主动对接国家战略，壮大531个支撑企业。\n\n区发改局\n\n区工信局、区商务局\n\n"
        "2.大力发展战略性新兴产业。\n\n发改局\n\n区工信局\n\n各街道办事处\n\n"
        "二、强创新、增动能\n\n"
        "3.积极培育未来产业。\n\n区科技局\n\n区工信局、各街道办事处\n"
    )
    assert titles(text) == [
        ("1", "主动对接国家战略，壮大531个支撑企业"),
        ("2", "大力发展战略性新兴产业"),
        ("3", "积极培育未来产业"),
    ]
    found = roles(text)
    assert (1, "lead", "区发改局", False) in found
    assert (2, "lead", "发改局", False) in found  # not swallowed by the unit column after it
    assert (2, "responsible", "区工信局", False) in found
    assert (3, "lead", "区科技局", False) in found
    assert segmented(text).tasks[2].section == "二、强创新、增动能"


def test_a_separator_on_a_line_of_its_own_closes_the_cell_above():
    """211 吴江: each cell, then "|" on the next line; "||||" empty cells; the number column
    spanned, rows opened by the next number in the task cell; ★ marks the lead."""
    text = (
        "序号\n|\n项目\n|\n重点工作目标任务\n|\n牵头领导\n|\n责任单位\n|\n"
        "一、主要预期目标\n|\n||||\n"
        "1\n|\n主要预期目标\n|\n1.地区生产总值增长5%以上。\n|\n钱 宇\n|\n★区发改委、统计局\n|\n"
        "2.一般公共预算收入增长6%以上。\n|\n★区财政局、税务局\n|\n|||\n"
        "3.规上工业总产值增长5%左右。\n|\n|\n★区工信局、统计局\n|\n||\n"
    )
    assert normalized(text).text.startswith("序号|\n项目|\n重点工作目标任务|")
    numbers = [n for n, _ in titles(text)]
    assert numbers == ["1", "2", "3"]  # the heading row is no task
    found = roles(text)
    assert (2, "lead", "区财政局", False) in found
    assert (2, "responsible", "税务局", False) in found
    shared = {m.mention: m.prefix for m in extracted(text).agencies}
    assert shared["统计局"] == "区"  # 区统计局: the list's shared prefix
    assert [p.name for p in extracted(text).leaders] == ["钱宇"] * 3  # the cell spans them


def test_a_bare_separator_still_closes_a_row_of_cells_opened_by_separators():
    """34 长沙 prints "| cell" lines and a bare "|" after each row: no line is joined."""
    text = "牵头单位\n| 目标任务\n| 责任单位\n|\n市监察局\n| 建设廉洁政府。\n| 审计局\n|\n"
    assert "|\n|" in normalized(text).text or normalized(text).text.endswith("|")
    assert (1, "lead", "市监察局", False) in roles(text)


# ---------------------------------------------------------------- spaced columns


def test_spaced_table_with_a_heading_row_and_a_lead_cell_over_two_lines():
    """212 谯城: a header after a line it must not join, a heading row, rows one a line with
    cells separated by spaces, two leads one a line before the participants' cell."""
    text = (
        "发布时间:2025-03-28 16:00 信息来源:区督查考核办 浏览次数: 字体:[ ]\n"
        "序号 重点工作任务 主要责任单位 协同配合单位\n"
        "一、主要预期目标\n"
        "1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,各乡镇人民政府、街道办事处,谯城经开区管委会。\n"
        "2 一般公共预算收入增长5%左右。 区财政局\n区税务局\n区政府有关部门,魏武国控集团。\n"
        "3 社会消费品零售总额增长8.2%左右。 区商务局 区发改委、区市场监管局。\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2", "3"]
    found = roles(text)
    assert (2, "lead", "区财政局", False) in found
    assert (2, "lead", "区税务局", False) in found
    assert (2, "participant", "魏武国控集团", False) in found
    # 各 covers 街道办事处 too: a group, and the list goes on after it
    assert (1, "participant", "街道办事处", True) in found
    assert (1, "participant", "谯城经开区管委会", False) in found


# ---------------------------------------------------------------- prose


def test_a_heading_run_into_its_item_heads_the_tasks_its_brackets_close():
    """221 湖南: "（一）增强创新驱动发展能力。" then sentences each closed by an assignment; a
    bracket that assigns and then states the convention still assigns."""
    text = (
        "一、努力保持经济平稳健康发展\n"
        "（一）增强创新驱动发展能力。推进示范区建设（分管副省长负责，省科技厅牵头）。"
        "落实研发费用加计扣除政策（省科技厅、省财政厅等负责。列第一位的为牵头部门，下同），"
        "建设一批众创空间（省科技厅牵头）。\n"
    )
    assert titles(text) == [
        (None, "推进示范区建设（分管副省长负责，省科技厅牵头）"),
        (None, "落实研发费用加计扣除政策（省科技厅、省财政厅等负责"),
        (None, "建设一批众创空间（省科技厅牵头）"),
    ]
    seg = segmented(text)
    assert {t.section for t in seg.tasks} == {"一、努力保持经济平稳健康发展 / （一）增强创新驱动发展能力"}
    found = roles(text)
    assert (2, "lead", "省科技厅", False) in found
    assert (2, "participant", "省财政厅", False) in found


def test_a_group_heading_with_its_count_and_a_covering_letter_before_its_attachment():
    """202 沁县: the covering letter's own 一、二、 list is no task (its signature comes before
    the attachment); "一、县示范区管委会牵头工作(8项)" leads the items under it."""
    text = (
        "各乡镇人民政府：\n"
        "一、责任到人，闭环管理。任务清单明确133项具体任务，涉及34个牵头单位。\n"
        "二、节点管控，动态调度。各单位要紧盯目标任务。\n"
        "沁县人民政府办公室\n2025年5月18日\n附件1\n2025年县政府工作报告任务清单\n"
        "一、县示范区管委会牵头工作(8项)\n"
        "1.投资3000万元建设养殖基地。\n2.打造食用菌酵素生产基地。\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2"]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "县示范区管委会"),
        (2, "lead", "县示范区管委会"),
    ]
    assert targets(text) == ["投资3000万元建设养殖基地"]


def test_a_unit_named_with_and_inside_it_and_a_unit_with_its_head():
    """213 嵊泗: 县海洋与渔业局 is one body; 222 肇庆: "市民政局 伍泽国" in a lead column
    (牵头单位及主要负责人) is the unit, the person left out."""
    text = "1.实施渔港经济区建设。\n责任单位:县海洋与渔业局、县资源规划局\n"
    assert [m for _, _, m, _ in roles(text)] == ["县海洋与渔业局", "县资源规划局"]
    table = (
        "序号 | 工作任务 | 分管 市领导 | 牵头单位及 主要负责人 |\n"
        "1 | 提高低保标准。 | 陈宣群 | 市民政局 伍泽国 |\n"
        "2 | 提高孤儿养育标准。 | 陈宣群 | 市民政局 伍泽国 |\n"
    )
    assert [(s, r, m) for s, r, m, _ in roles(table)] == [
        (1, "lead", "市民政局"),
        (2, "lead", "市民政局"),
    ]


def test_starting_levels_with_a_period_and_siblings_are_no_targets():
    """222 肇庆: 从每人每月574元、271元分别提高到每人每月609元、300元: 574 and 271 are where
    the levels start, 609 and 300 the targets."""
    text = "1.将城镇、农村低保补差水平从每人每月574元、271元分别提高到每人每月609元、300元。（市民政局负责）\n"
    values = [t.value_min for t in extracted(text).targets]
    assert values == [609, 300]
    assert {r.raw for r in extracted(text).rejected} >= {"574元", "271元"}


# ---------------------------------------------------------------- the fourth batch's failures


def test_rows_that_print_no_number_under_a_number_column():
    """151 余杭: 序号 in the header, no number in the rows; each row opens with its task text,
    two leaders one a line, then a lead unit the grammar does not know."""
    text = (
        "序号\n\n重 点 工 作 任 务\n\n牵头领导\n\n牵头单位\n\n"
        "未来科技城要围绕打造创新驱动策源地，深化与浙江大学合作。\n\n祝振伟\n\n陈夏林\n\n"
        "未来科技城(海创园)\n\n"
        "余杭经济技术开发区要对标国家级高新区，加强装备制造产业培育。\n\n沈  昱\n\n祝振伟\n\n"
        "余杭经济技术开发区(钱江经济开发区)\n\n"
        "临平新城要围绕打造时尚产业新地标，启动建设九大项目。\n\n祝振伟\n\n李敏华\n\n临平新城\n"
    )
    assert [t for _, t in titles(text)] == [
        "未来科技城要围绕打造创新驱动策源地，深化与浙江大学合作",
        "余杭经济技术开发区要对标国家级高新区，加强装备制造产业培育",
        "临平新城要围绕打造时尚产业新地标，启动建设九大项目",
    ]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "未来科技城(海创园)"),
        (2, "lead", "余杭经济技术开发区(钱江经济开发区)"),
        (3, "lead", "临平新城"),
    ]
    assert [p.name for p in extracted(text).leaders][:2] == ["祝振伟", "陈夏林"]


def test_a_plan_column_gives_its_due_dates_and_project_names_a_task_column():
    """153 临安: 实事项目 is the task, 工作举措及实施计划 a plan read for its dates."""
    text = (
        "索引号 | 000330185/2022-83945 | 公开方式 | 主动公开 |\n"
        "发布单位 | 区政府 | 发文日期 | 2022-07-14 |\n"
        "序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
        "1 | 新建成公办幼儿园7所。 | 1.4月底前主体完工。 2.8月底前竣工交付。 | 教育局 | 财政局 |\n"
        "2 | 新增托位500个。 | 3月底前新增100个以上托位;9月底前完成500个托位。 | 卫生健康局 | 民政局 |\n"
    )
    ext = extracted(text)
    assert [(d.task_seq, d.raw, d.due_date.isoformat()) for d in ext.deadlines] == [
        (1, "4月底前", "2022-04-30"),
        (1, "8月底前", "2022-08-31"),
        (2, "3月底前", "2022-03-31"),
        (2, "9月底前", "2022-09-30"),
    ]
    assert [t.raw for t in ext.targets] == ["新建成公办幼儿园7所", "新增托位500个"]


def test_header_names_broken_over_lines_and_the_header_repeated_at_a_page_break():
    """156 徐汇: "牵头" over "部门", "完成" over "时间"; rows print fewer cells than the header
    (项目 and 类别 left out); the header comes again before row 120."""
    header = "序号\n\n项目\n\n类别\n\n具 体 内 容\n\n牵头\n\n部门\n\n相关责任部门\n\n完成\n\n时间\n\n"
    text = (
        header
        + "118\n\n新增劳动力平均受教育年限达到15年\n\n教育局\n\n劳动保障局等相关部门\n\n2010年\n\n"
        + "119\n\n健全社区学院、社区学校和社区教学点三级网络，实现社区教育的全覆盖\n\n教育局\n\n"
        + "信息委等相关部门\n\n2010年\n\n"
        + header
        + "120\n\n构建疾病预防控制二级网络\n\n卫生局\n\n13个街道、镇\n\n2010年\n"
    )
    assert titles(text) == [
        ("118", "新增劳动力平均受教育年限达到15年"),
        ("119", "健全社区学院、社区学校和社区教学点三级网络，实现社区教育的全覆盖"),
        ("120", "构建疾病预防控制二级网络"),
    ]
    ext = extracted(text)
    assert [d.due_date.isoformat() for d in ext.deadlines] == ["2010-12-31"] * 3
    assert (3, "lead", "卫生局", False) in roles(text)


def test_a_run_of_unknown_short_names_between_units_of_a_list():
    """154 黄冈 prints "由市发展改革委、经委、农办、农业局…负责": short forms the gazetteer
    may not know, two in a row, still units while a known one follows in the list."""
    text = "1.推进项目建设（由市发改委、甲乙委、丙丁办、市统计局负责）。\n2.做好工作（市财政局负责）。\n"
    assert [m for s, _, m, _ in roles(text) if s == 1] == ["市发改委", "甲乙委", "丙丁办", "市统计局"]
    prose = "1.推进项目建设，加快审批流程、优化服务环境、市统计局负责统计。\n"
    assert "加快审批流程" not in [m for _, _, m, _ in roles(prose)]
