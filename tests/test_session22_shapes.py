"""Issue 16: shapes met in the twenty-second session, each a mechanism tested on text written
the way such notices print it (and on the notices it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text

# An indicator table whose year columns print each row's figure (2022年 | 2025年 | 2027年) in
# the measure of its 单位 column: the aims are the row's targets (≥79.2 岁, ≤12.7 %), the
# earliest year is the base they start from (78.2), words (持续改善) set none.
_YEAR_COLUMNS = "\n".join(
    [
        "序号 |", "指标名称 |", "单位 |", "2022年 |", "2025年 |", "2027年 |", "牵头单位 |",
        "1 |", "人均预期寿命 |", "岁 |", "78.2(2021年) |", "≥79.2 |", "≥80 |", "县卫健局 |",
        "2 |", "重大慢性病过早死亡率 |", "% |", "15.13 |", "≤12.7 |", "≤12.5 |", "县卫健局 |",
        "3 |", "婴儿死亡率 |", "‰ |", "2.21 |", "持续改善 |", "持续改善 |", "县卫健局 |",
        "4 |", "结核病报告发病率 |", "/10万 |", "76.75 |", "60 |", "50 |", "县疾控中心 |",
    ]
)


def test_year_columns_give_each_row_its_targets():
    targets = process_text(_YEAR_COLUMNS).extraction.targets
    assert [(t.task_seq, t.raw, t.comparator, t.value_min, t.value_max, t.unit) for t in targets] == [
        (1, "≥79.2", "ge", 79.2, None, "岁"),
        (1, "≥80", "ge", 80, None, "岁"),
        (2, "≤12.7", "le", None, 12.7, "%"),
        (2, "≤12.5", "le", None, 12.5, "%"),
        (4, "60", "eq", 60, 60, "/10万"),
        (4, "50", "eq", 50, 50, "/10万"),
    ]
    assert targets[0].object == "人均预期寿命 2025年"


# With no measure printed for the row (no 单位 column, no bracket, no %), a bare figure under a
# year is no target: the row may have been read out of its columns.
def test_a_year_figure_in_no_measure_is_no_target():
    text = _YEAR_COLUMNS.replace("单位 |\n", "").replace("岁 |\n", "").replace("% |\n", "")
    text = text.replace("‰ |\n", "").replace("/10万 |\n", "")
    targets = process_text(text).extraction.targets
    assert [t.raw for t in targets] == []


def _deadlines(text: str) -> list[tuple[int, str, str]]:
    extraction = process_text(text).extraction
    return [(d.task_seq, d.raw, str(d.due_date)) for d in extraction.deadlines]


# A window the work is done in, stated once before the tasks from "即日起" ("县局决定即日起至9月
# 30日,在全县范围内部署开展户口整顿工作"): its end is every task's due date, the verb after a
# comma as well as right after the window.
def test_a_window_from_today_stated_once_dates_every_task():
    text = (
        "根据(衢政发[2020]3号)要求,县局决定即日起至9月30日,在全县范围内部署开展户口整顿工作。\n"
        "一、工作任务\n1.县公安局:负责清理户口。\n2.县民政局:负责核查。\n"
    )
    assert _deadlines(text) == [(1, "至9月30日", "2020-09-30"), (2, "至9月30日", "2020-09-30")]


# An item number before a month's date ("5.5月上旬前完成验收", "3.10月底前…") numbers the item:
# the date is no decimal (5.5) and dates the task.
def test_an_item_number_before_a_month_date_numbers_the_item():
    text = (
        "2012年工作任务\n1.年内完成道路改造（市交通局负责）。\n"
        "2.5月上旬前完成验收（市林业局负责）。\n3.10月底前建成学校（市教育局负责）。\n"
    )
    extraction = process_text(text).extraction
    assert [t.number for t in extraction.segmentation.tasks] == ["1", "2", "3"]
    assert _deadlines(text) == [
        (1, "年内", "2012-12-31"), (2, "5月上旬前", "2012-05-10"), (3, "10月底前", "2012-10-31"),
    ]
