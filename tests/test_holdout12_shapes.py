"""Issue 16: shapes of the twelfth holdout batch (801–823), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from pipeline.stages.table_rows import cell_kind
from tests.helpers import extracted, roles, titles


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
