"""Issue 16: shapes of the eighth holdout batch (401–434), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from pipeline.stages.table_columns import cell_kind
from tests.helpers import roles, segmented, squash, titles


def test_column_names_with_the_owner_before_them():
    """433 花都: the district's columns and the bureau's (区责任单位 | 局落实措施 | 局责任部门);
    牵头落实单位 leads."""
    assert [cell_kind(c) for c in ("区工作任务", "区责任单位", "局落实措施", "局责任部门")] == [
        "task", "responsible", "task", "responsible",
    ]
    assert cell_kind("牵头落实单位") == "lead"
    assert cell_kind("市长") is None and cell_kind("区域") is None


def test_a_pipe_table_with_one_cell_heading_rows_and_numbered_categories():
    """433 花都: "一、…|" a heading row of one cell inside the table; "（一）做好规划公开。|
    1.主动公开…" a numbered category beside its numbered detail."""
    text = (
        "区工作任务 | 区具体要求 | 区责任单位 | 局落实措施 | 局责任部门 | 完成时限 |\n"
        "一、深化政务公开 |\n"
        "（一）做好各类规划主动公开。 | 1.主动公开十四五规划纲要。 | 区各单位 | 印发规划，按要求公开。 | 办公室 | 2021年底 |\n"
        "2.及时公开行动方案的落实举措。 | 区发展改革局 | 及时公开政策文件。 | 审批科 | 长期推进 |\n"
    )
    assert titles(text) == [("1", "主动公开十四五规划纲要"), ("2", "及时公开行动方案的落实举措")]
    sections = [t.section for t in segmented(text).tasks]
    assert sections == ["一、深化政务公开 / （一）做好各类规划主动公开"] * 2  # until （二）
    assert (2, "responsible", "区发展改革局", False) in roles(text)


def test_headings_over_rows_of_task_text_one_cell_a_line_without_numbers():
    """434 汕尾: no number column; "一、…" and "（一）…" are headings, each row opens with its
    task text, then its units and its date; a second row under （二） prints no category."""
    text = "\n\n".join([
        "工作要求", "具体任务", "具体要求", "牵头落实单位", "完成时限",
        "一、优化政务公开工作基础",
        "（一）深化规范性文件集中公开。",
        "在摸清底数的基础上，持续完善规范性文件的分类展示。", "局属各单位、机关各科室", "11月底前",
        "（二）持续推进基层政务公开标准化规范化。",
        "结合权责清单，持续推动政府信息主动公开目录的动态更新。", "局属各单位、机关各科室", "长期推进",
        "在市政务服务大厅设立政务公开专区，为群众提供查询服务。", "市政务服务大厅管理中心", "长期推进",
    ])
    seg = segmented(text)
    assert [squash(seg.document.text[t.title_start : t.title_end])[:8] for t in seg.tasks] == [
        "在摸清底数的基础", "结合权责清单，持", "在市政务服务大厅",
    ]
    assert [t.section for t in seg.tasks] == [
        "一、优化政务公开工作基础 / （一）深化规范性文件集中公开",
        *["一、优化政务公开工作基础 / （二）持续推进基层政务公开标准化规范化"] * 2,
    ]
    assert (3, "lead", "市政务服务大厅管理中心", False) in roles(text)
