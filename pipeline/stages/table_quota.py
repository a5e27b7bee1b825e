"""A quota divided among places in a table: rows each opened by a place ("通川区", "城 厢",
"港区 (含浮桥)") and holding figures only ("通川区 | 2713 | 1980 | …"), under a header that
names no number, task or unit column. Each such row is the place's task (its role left open,
the place its title); rows of totals (合计, 全市) are none.
"""

from __future__ import annotations

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field
from pipeline.stages.agency_names import to_simplified
from pipeline.stages.segment_rules import TABLE_RANK_OFFSET, Item, compiled, squash
from pipeline.stages.table_fit import cell_text
from pipeline.stages.table_rows import Row, TableRegion, cell_kind

_ROWS_MIN = 3  # places with figures in three rows at least: fewer are no evidence of a quota
_PLACE = regex.compile(r"\p{Han}{2,8}(?:[（(][^（()）]{1,10}[)）])?")
_FIGURE = regex.compile(r"[-—－]?\d+(?:[.．]\d+)?[%％]?|[-—－/]")
_BASELINE = regex.compile(r"现有|可|上年|去年|基数|实有|存量|已有|原有")  # a base, no quota
_TOTALS = regex.compile(r"(?:合|总|小)计|全(?:国|省|市|县|区|州|旗)|总数|共计")


def quota_region(text: str, rows: list[Row], start: int, end: int) -> TableRegion | None:
    """The rows of a place quota among ``rows`` as tasks, or None when fewer than three rows
    read so."""
    header: Row = []
    found: list[Item] = []
    units = _stated_units(text, start)
    for row in [part for printed in rows for part in _run_together(printed)]:
        item = _place_item(text, row, header, units)
        if item is not None:
            found.append(item)
        elif not found and _names_columns(text, row):
            header = row  # the last row of names above the places: their columns
    if len(found) < _ROWS_MIN:
        return None
    return TableRegion(start, end, found)


_UNIT_STATEMENT = regex.compile(r"单位\s*[:：]\s*(?P<units>[^\s|│，,。；;]{1,12})")
_STATEMENT_REACH = 80  # a table's unit is stated in the lines just above it


def _stated_units(text: str, start: int) -> list[str]:
    """The units a line above the table states for its figures ("单位：万元", "单位:万亩、万株")."""
    found = list(_UNIT_STATEMENT.finditer(text, max(0, start - _STATEMENT_REACH), start))
    if not found:
        found = list(_UNIT_STATEMENT.finditer(text, start, start + _STATEMENT_REACH))[:1]
    return regex.split(r"[、/]", found[-1]["units"]) if found else []


def _place_item(text: str, row: Row, header: Row, units: list[str]) -> Item | None:
    cells = [(i, cell) for i, cell in enumerate(row) if cell]
    if len(cells) < 2 or not _place(cell_text(text, cells[0][1])):
        return None
    if not all(_FIGURE.fullmatch(cell_text(text, cell)) for _, cell in cells[1:]):
        return None
    place = cells[0][1]
    s, e = place[0][0], place[-1][1]
    stated = f"({units[0]})" if len(units) == 1 else ""  # one unit stated: every figure's
    names = [(cell_text(text, cell) if cell else "") + stated for cell in header]
    names += [stated] * (len(row) - len(names))
    figures = tuple(  # each figure under its column's name (降幅目标(%): the unit), but
        Field(FieldKind.BODY, cell[0][0], cell[-1][1], names[i])  # a base (可种植面积) is none
        for i, cell in cells[1:]
        if not _BASELINE.match(to_simplified(names[i]))
    ) if len(units) < 2 else ()  # several units stated, none a column's own: no figure read
    fields = (Field(FieldKind.BODY, s, e), Field(FieldKind.EITHER, s, e), *figures)
    rank = TABLE_RANK_OFFSET + {st.name: st.rank for st in compiled().styles}[
        compiled().rules.table_number_style
    ]
    end = max(span[1] for _, cell in cells for span in cell)
    return Item(rank, None, s, end, s, e, fields, from_table=True)


def _place(name: str) -> bool:
    """A place's name (no column name, no total)."""
    name = squash(name)
    return bool(_PLACE.fullmatch(name)) and not _TOTALS.match(name) and cell_kind(name) is None


def _names_columns(text: str, row: Row) -> bool:
    """A row of names (a header row), not of a total and its figures."""
    cells = [cell_text(text, cell) for cell in row if cell]
    return bool(cells) and not any(_FIGURE.fullmatch(c) for c in cells)


def _run_together(row: Row) -> list[Row]:
    """A table a copy ran onto one line, its rows parted by an empty cell ("| 县(市、区) | 总面积
    |  | 宝 应 县 | 2.2 |  | 高 邮 市 | 4 |"): the rows; a row as printed otherwise."""
    parts: list[Row] = [[]]
    for cell in row:
        if cell:
            parts[-1].append(cell)
        elif parts[-1]:
            parts.append([])
    parts = [part for part in parts if part]
    return parts if len(parts) >= _ROWS_MIN else [row]
