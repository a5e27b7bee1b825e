"""Issue 16: tables copied as text, read whatever the content. Each shape below failed on
table notices of corpus/dev re-drawn in it (``accuracy.py forms --forms cells,pipes,spaced,
box``), not on one notice's text; the tests hold the mechanisms on text written for them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.helpers import extracted, segmented, titles

ROOT = Path(__file__).parent.parent


def _forms():  # type: ignore[no-untyped-def]
    if "notice_forms" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "notice_forms", ROOT / "scripts" / "notice_forms.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["notice_forms"] = module
        spec.loader.exec_module(module)
    return sys.modules["notice_forms"]


def agencies(text: str) -> list[tuple[int, str, str | None, str]]:
    return [(m.task_seq, str(m.role), m.role_label, m.mention) for m in extracted(text).agencies]


def test_a_header_run_together_gives_each_column_its_own_name():
    """"序号工作任务牵头负责部门" is three columns; each unit is labelled by its column."""
    text = "序号 工作任务 牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委\n2 城镇新增就业1000万人 人社部\n"
    assert agencies(text) == [
        (1, "lead", "牵头负责部门", "发展改革委"), (2, "lead", "牵头负责部门", "人社部"),
    ]
    run = "序号工作任务牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委\n2 城镇新增就业1000万人 人社部\n"
    assert [label for _, _, label, _ in agencies(run)] == ["牵头负责部门"] * 2


def test_spaced_rows_numbered_in_brackets_with_a_space_after_a_list_mark():
    """Rows "(1)    …    市发展改革委    各县市区政府、 开发区管委会": the columns are parted
    by the wide gaps; the space after 、 is inside the list."""
    text = (
        "序号    目标与任务    牵头责任单位    责任单位\n"
        "(1)    地区生产总值增长6%以上。    市发展改革委    各县市区政府、 开发区管委会\n"
        "(2)    固定资产投资增长6%左右。    市财政局    市统计局\n"
    )
    assert titles(text) == [("(1)", "地区生产总值增长6%以上"), ("(2)", "固定资产投资增长6%左右")]
    assert [(seq, role, name) for seq, role, _, name in agencies(text)] == [
        (1, "lead", "市发展改革委"), (1, "responsible", "各县市区政府"),
        (1, "responsible", "开发区管委会"), (2, "lead", "市财政局"), (2, "responsible", "市统计局"),
    ]


@pytest.mark.xfail(strict=True, reason="open: a mention's span must slice to its name (SCHEMA.md)")
def test_a_name_wrapped_in_a_ruled_cell_is_read_whole():
    """A box table's narrow unit column breaks names between lines, the other cells' text
    between the pieces: "开发区管" / "委会", "市工业和信息化" / "局"."""
    text = (
        "┌───┬──────────┬──────────┐\n"
        "│序号│工作任务　　　　　　│责任单位　　　　　　│\n"
        "├───┼──────────┼──────────┤\n"
        "│1　│新建城市道路50公里。│各县市区政府、开发区管│\n"
        "│　　│　　　　　　　　　　│委会　　　　　　　　　│\n"
        "├───┼──────────┼──────────┤\n"
        "│2　│推进产业升级。　　　│市财政局 市工业和信息化│\n"
        "│　　│　　　　　　　　　　│局　　　　　　　　　　│\n"
        "└───┴──────────┴──────────┘\n"
    )
    found = extracted(text)
    assert [(m.task_seq, m.mention) for m in found.agencies] == [
        (1, "各县市区政府"), (1, "开发区管委会"), (2, "市财政局"), (2, "市工业和信息化局"),
    ]
    doc = found.segmentation.document.text
    wrapped = found.agencies[1]  # spans from its first piece to its last
    assert doc[wrapped.char_start : wrapped.char_start + 4] == "开发区管"
    assert doc[wrapped.char_end - 2 : wrapped.char_end] == "委会"


def test_every_flat_shape_is_drawn_from_a_table_notice():
    """The renderer the measure uses: each shape keeps every cell of every row."""
    forms = _forms()
    table = forms.Table([["序号", "工作任务", "牵头单位"], ["一、保障民生", None, None],
                         ["1", "新建学校3所。", "县教育局"]])
    blocks = ["某县重点工作任务分解", table]
    drawn = {shape: forms.flat_text(blocks, shape).decode() for shape in forms.FLAT_SHAPES}
    assert drawn["cells"].splitlines()[1:] == [
        "序号 |", "工作任务 |", "牵头单位 |", "一、保障民生 |", "1 |", "新建学校3所。 |", "县教育局 |",
    ]
    assert drawn["pipes"].splitlines()[-1] == "| 1 | 新建学校3所。 | 县教育局 |"
    assert drawn["spaced"].splitlines()[-1] == "1    新建学校3所。    县教育局"
    assert drawn["box"].splitlines()[1].startswith("┌") and drawn["box"].rstrip().endswith("┘")
    assert forms.flat_text(["一段文字。"], "cells") is None  # no table: not drawn
    for shape, text in drawn.items():
        assert titles(text) == [("1", "新建学校3所")], shape


def test_a_spaced_table_with_a_group_title_over_its_first_row():
    """A spaced table whose first row is a group's title with no number ("经济社会发展主要
    预期目标分解(15项)") keeps its rows, the title their section."""
    text = (
        "苏州市2011年政府工作任务分解表\n\n序号    工作任务    主要责任单位\n\n经济社会发展主要预期目标分解(15项)\n\n"
        "1    地区生产总值增长12%    市发改委\n2    地方财政一般预算收入增长12%以上    市财政局\n"
    )
    assert titles(text) == [("1", "地区生产总值增长12%"), ("2", "地方财政一般预算收入增长12%以上")]
    assert [name for _, _, _, name in agencies(text)] == ["市发改委", "市财政局"]


def test_a_row_of_spaced_columns_is_never_joined_to_the_next_line():
    """Normalization joins a line that ends without punctuation to the next (a wrap); a row of
    three spaced columns or more ends its line ("序号    事项    责任单位    牵头单位" over "发展
    目标" over the rows)."""
    text = (
        "2023年重点工作责任分解\n序号    事项    责任单位    牵头单位\n发展目标\n"
        "1    地区生产总值增长6.5%以上。    区农业农村局    区发改局\n"
        "2    区本级固定资产投资增长25%。    区发改局    区发改局\n"
    )
    assert "牵头单位\n发展目标\n" in segmented(text).document.text
    assert [n for n, _ in titles(text)] == ["1", "2"]
    assert [(seq, role, name) for seq, role, _, name in agencies(text)][:2] == [
        (1, "responsible", "区农业农村局"), (1, "lead", "区发改局"),
    ]
