"""Issue 16: the shapes of the sixth holdout batch (241–283), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from tests.helpers import extracted, roles, segmented, titles


def test_rows_numbered_in_a_column_the_header_does_not_name():
    """283 池州: header 工作任务 | 具体要求 | 责任科室 | 时限要求, rows "category | 1 | task |
    unit | deadline", each cell over a line of its own "|"; the category printed once."""
    cells = [
        "工作任务", "具体要求", "责任科室", "时限要求",
        "强化规范性文件公开", "1", "对规范性文件进行全面清理，并公布目录。", "办公室", "年底前",
        "做好主动公开", "2", "严格规范政府信息公开专栏。", "各科室", "持续推进",
        "3", "规范做好年度报告编制发布工作。", "办公室", "持续推进",
    ]
    text = "".join(f"{cell}\n|\n" for cell in cells)
    assert titles(text) == [
        ("1", "对规范性文件进行全面清理，并公布目录"),
        ("2", "严格规范政府信息公开专栏"),
        ("3", "规范做好年度报告编制发布工作"),
    ]
    assert [(s, m) for s, _, m, _ in roles(text)] == [(1, "办公室"), (2, "各科室"), (3, "办公室")]
    assert [d.raw for d in extracted(text).deadlines if d.task_seq == 1] == ["年底前"]


def test_a_numbered_category_cell_heads_the_rows_whose_detail_is_numbered():
    """282 江门: "一、做好财政信息公开 | 2.推进…。 | 局财务科 |" opens a group; "4.及时…。 |
    局主办科室 | |" under it is a row of its own, not more of row 3."""
    text = (
        "工作任务 | 具体要求 | 责任科室 |\n"
        "一、做好行政执法信息公开 | 1.加强行政执法信息公开。 | 局政法科 |\n"
        "二、做好政府网站专栏信息公开 | 2.每年至少更新一次数据集。 | 局规划科 |\n"
        "3.及时反馈网民对调查征集信息的意见。 | 局办公室 | |\n"
    )
    assert titles(text) == [
        ("1", "加强行政执法信息公开"),
        ("2", "每年至少更新一次数据集"),
        ("3", "及时反馈网民对调查征集信息的意见"),
    ]
    sections = [t.section for t in segmented(text).tasks]
    assert sections == ["一、做好行政执法信息公开", *["二、做好政府网站专栏信息公开"] * 2]
    assert [(s, m) for s, _, m, _ in roles(text)] == [(1, "局政法科"), (2, "局规划科"), (3, "局办公室")]


def test_a_label_cell_beside_a_detail_column_titles_nothing():
    """281 广东: 工作任务 "常规政务公开事项" beside 细化分工 "强化…，加强…": the detail is the
    title; a row printing only one task cell keeps it; 处 names a department's division."""
    text = (
        "序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 |\n"
        "1 | 常规政务公开事项 | 强化行政执法信息公开，加强执法信息公开 | 政法处 | 长期推进 |\n"
        "|\n"
        "2 | 积极推进部门所属单位预算、决算及相关报表公开 | 财务处 | 长期推进 |\n"
    )
    assert titles(text) == [
        ("1", "强化行政执法信息公开，加强执法信息公开"),
        ("2", "积极推进部门所属单位预算、决算及相关报表公开"),
    ]
    assert [(s, m) for s, _, m, _ in roles(text)] == [(1, "政法处"), (2, "财务处")]


def test_spaced_rows_with_units_one_a_line_then_a_progress_cell_then_headings():
    """273 铜梁: "2 task unit" then more units one a line, the progress cell on the next
    line, two headings before row 10."""
    text = (
        "序号 目标任务 责任单位 上半年推进情况\n"
        "一、经济社会发展主要预期目标\n"
        "1 地区生产总值增长6%以上。 区发展改革委 地区生产总值同比增长2.9%。\n"
        "2 第一产业增加值增长5%。 区农业农村委\n区林业局\n第一产业增加值同比增长3.4%。\n"
        "二、重点工作\n（一）更大力度推动科技创新\n"
        "10 实施高能级创新平台建设行动。 区科技局 全面启动创建工作。\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2", "10"]
    assert [(s, m) for s, _, m, _ in roles(text)] == [
        (1, "区发展改革委"), (2, "区农业农村委"), (2, "区林业局"), (3, "区科技局"),
    ]
    assert [t.raw for t in extracted(text).targets] == [
        "地区生产总值增长6%以上", "第一产业增加值增长5%",
    ]  # the progress cells are no targets


def test_a_header_cell_over_two_lines_and_a_starred_lead():
    """252 龙湾: "区本级" over "任务数" is one column (a share, no target); "区政府办公室*"
    marks the lead."""
    text = (
        "序号\n\n重点工作\n\n区本级\n\n任务数\n\n责任单位\n\n"
        "1\n\n地区生产总值增长6.5%。\n\n区发改局\n\n"
        "2\n\n力争全年兑现惠企资金20亿元。\n\n9亿元\n\n区政府办公室*、区财政局\n\n"
        "3\n\n争取专项债额度15亿元。\n\n区财政局\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2", "3"]
    assert (2, "lead", "区政府办公室", False) in roles(text)
    assert (2, "responsible", "区财政局", False) in roles(text)
    assert "9亿元" not in [t.raw for t in extracted(text).targets]
