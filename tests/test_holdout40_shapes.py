"""Issue 16: shapes met in the twelfth session, each a mechanism tested on text written the
way such notices print it, not copied from them."""

from __future__ import annotations

from datetime import date

from pipeline import process_text

# A table copied one cell a line: 序号 and 项目 span the sub-rows under them; an amount
# (总投资) stands alone on its line; a schedule cell wraps after a comma.
_SUB_ROWS = "\n\n".join([
    "2024年县政府民生实事项目责任分解表",
    "序号", "项目", "责任单位", "建设内容", "总投资", "(万元)", "2024年", "目标进度",
    "1", "改善出行条件", "县交通运输局", "实施城北大道改造工程。", "52000",
    "二季度开工,城北大道年内完成工程量的60%,", "南段年内完成工程量的40%。",
    "县城管局", "实施老城区背街小巷改造。", "800", "5月开工,年内完工。",
    "2", "提升供水能力", "县水利局", "新建城东水厂。", "23100", "8月底",
    "县自来水公司", "改造供水管网30公里。", "2600", "9月开工,年底前完成。",
    "3", "加强养老服务", "县民政局", "新建村级养老服务站12个。", "900", "年内完成",
])


def _rows() -> list[tuple[str | None, str, list[str]]]:
    result = process_text(_SUB_ROWS)
    text = result.extraction.segmentation.document.text
    return [
        (
            t.number,
            text[t.title_start : t.title_end],
            [a.mention for a in result.extraction.agencies if a.task_seq == t.seq],
        )
        for t in result.extraction.segmentation.tasks
    ]


def test_sub_rows_under_spanning_cells_are_tasks_of_their_own_units():
    """A line of units after a row's last cell opens a sub-row at the unit column: its task is
    the text after it, its number and name spanned from the row above."""
    assert _rows() == [
        ("1", "实施城北大道改造工程", ["县交通运输局"]),
        (None, "实施老城区背街小巷改造", ["县城管局"]),
        ("2", "新建城东水厂", ["县水利局"]),
        (None, "改造供水管网30公里", ["县自来水公司"]),
        ("3", "新建村级养老服务站12个", ["县民政局"]),
    ]


def test_an_amount_on_its_own_line_is_no_row_number():
    """52000 and 23100 stand where a row number could: out of step with the rows and past
    any row number, they are cells (总投资), and the rows stay 1, 2, 3."""
    numbers = [n for n, _, _ in _rows() if n is not None]
    assert numbers == ["1", "2", "3"]


def test_a_target_schedule_column_gives_due_dates_and_targets_to_its_row():
    """A 目标进度 cell (wrapped after a comma) schedules the row: its dates are the row's due
    dates and its shares are the row's targets, read across the wrapped line."""
    result = process_text(_SUB_ROWS)
    due = sorted((d.task_seq, d.due_date) for d in result.extraction.deadlines if d.due_date)
    assert (1, date(2024, 6, 30)) in due and (1, date(2024, 12, 31)) in due
    assert (3, date(2024, 8, 31)) in due and (4, date(2024, 12, 31)) in due
    shares = [(t.task_seq, t.value_min, t.unit) for t in result.extraction.targets if t.unit == "%"]
    assert shares == [(1, 60, "%"), (1, 40, "%")]


_LED_PARAGRAPHS = (
    "我镇征集为民办实事项目3项。\n"
    "聚焦“安居”。由镇建设办负责的老旧小区改造项目，改造小区5个，预计2022年9月份完成。\n"
    "聚焦“教育”。由镇教育办负责的中心小学扩建项目，新增学位300个，预计2022年8月份完成。\n"
    "聚焦“养老”。由镇民政办负责的日间照料中心建设项目，预计2022年12月份完成。\n"
)


def test_a_short_phrase_opening_a_paragraph_belongs_to_the_task_after_it():
    """Paragraphs each opened by a short phrase (聚焦“安居”。) and then a sentence led by the
    unit that does the work: the task is the paragraph, its title the opening phrase, its
    unit the sentence's subject."""
    result = process_text(_LED_PARAGRAPHS)
    text = result.extraction.segmentation.document.text
    titles = [text[t.title_start : t.title_end] for t in result.extraction.segmentation.tasks]
    assert titles == ["聚焦“安居”", "聚焦“教育”", "聚焦“养老”"]
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert units == [(1, "镇建设办"), (2, "镇教育办"), (3, "镇民政办")]
