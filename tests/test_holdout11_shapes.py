"""Issue 16: shapes of the eleventh holdout batch (701–723), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from pipeline.stages.table_columns import cell_kind
from tests.helpers import extracted, roles, segmented, titles


def test_progress_report_columns_are_known_by_name():
    """723 招远: 民生事项名称 titles its row, a year's 任务目标 is task text, progress, results
    and a telephone are notes."""
    names = ("民生事项名称", "2022年度任务目标", "1-9月份工作完成情况", "1-9月份工作取得成效", "监督电话")
    assert [cell_kind(n) for n in names] == ["task", "task", "note", "note", "note"]


def test_pipe_rows_without_a_header_are_read_by_their_cells():
    """721 平阳: one row a line, "|" between cells, no header, a progress cell after the unit."""
    text = "\n|\n".join([
        "1 | 完成27所学校教育基础设施改造提升。 | 县教育局 | 已经安装空调970台。 | 按时序推进 |",
        "2 | 完成10家示范型居家养老服务照料中心建设。 | 县民政局 | 5家完成建设。 | 按时序推进 |",
        "3 | 为全县200名以上残疾儿童实施基本康复服务。 | 县残联 | 已确定221名。 | 按时序推进 |",
    ]) + "\n"
    assert [n for n, _ in titles(text)] == ["1", "2", "3"]
    assert [name for _, _, name, _ in roles(text)] == ["县教育局", "县民政局", "县残联"]
    assert [t.raw for t in extracted(text).targets] == [
        "完成27所学校教育基础设施改造提升", "完成10家示范型居家养老服务照料中心建设",
        "为全县200名以上残疾儿童实施基本康复服务",
    ]


def test_a_group_heading_run_into_sentences_each_closed_by_its_units():
    """711 广元: "一、扶贫解困工程。" then sentences each closed by a bracket of unit names
    with no role word; a numbered task's several brackets leave it whole (132 湖北)."""
    text = (
        "一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办、市以工代赈办)。"
        "升钟库区完成新村扶贫帮扶7个(剑阁县政府)。\n"
    )
    seg = segmented(text)
    assert titles(text) == [(None, "启动建设57个扶贫新村"), (None, "升钟库区完成新村扶贫帮扶7个")]
    assert [t.section for t in seg.tasks] == ["一、扶贫解困工程"] * 2
    assert [t.raw for t in extracted(text).targets] == ["启动建设57个扶贫新村", "升钟库区完成新村扶贫帮扶7个"]
    numbered = "11、抓紧制定实施方案。推动联动发展(省发改委、交通厅)。加快工程建设(省发改委)。\n"
    assert [n for n, _ in titles(numbered)] == ["11"]
