"""A table copied without its header (a page's excerpt of a longer table), one cell a line,
each closed by a separator, its rows numbered 1, 2, 3…:

    1 |
    一、经济社会发展的主要预期目标|     (a heading, printed in the row that opens its group)
    农村常住居民人均可支配收入与全省同步增长。|
    法规科|
    潘秀峰|
    2024年底前|
    5555309 |
    2 |
    …

With no column names, the columns are known by what their cells hold: units, people, due
dates, digits only (a telephone number), task text. The row printing the most cells sets the
columns; each row's cells go where their content fits (as in a row printed with fewer cells
than its header), and a heading cell heads the rows from its own on.
"""

from __future__ import annotations

import regex

from pipeline.catalog import FieldKind
from pipeline.stages.segment_rules import squash
from pipeline.stages.table_cells import trimmed
from pipeline.stages.table_fit import cell_text, fit
from pipeline.stages.table_rows import (
    Cell,
    Row,
    TableRegion,
    align,
    is_heading_cell,
    table_region,
)

_ROWS_MIN = 3  # rows numbered 1, 2, 3 at least: fewer are no evidence of a table
_BY_CONTENT = (FieldKind.RESPONSIBLE, FieldKind.LEADER, FieldKind.DEADLINE, FieldKind.TASK)
_DIGITS_ONLY = regex.compile(r"[\d\-－—–()（）/、,，\s]+")  # telephone numbers, codes


def headerless_table(
    text: str, cells: list[Cell], start: int, end: int, stop: int
) -> tuple[TableRegion | None, int] | None:
    """The table the closed ``cells`` (from ``start`` to ``end``) make when their rows are
    numbered 1, 2, 3… with no header above them, and the line after it; or None."""
    region = headerless_region(text, [cells], start, end)
    return None if region is None else (region, stop)


def headerless_region(
    text: str, printed: list[Row], start: int, end: int
) -> TableRegion | None:
    """The table of rows printed with no header (one a line, "1 | 完成… | 县教育局 |", or
    one cell a line), their rows numbered 1, 2, 3…; or None."""
    cells = [cell for row in printed for cell in trimmed(row)]
    rows = _numbered_rows(text, cells)
    if len(rows) < _ROWS_MIN:
        return None
    parted = [_heading_apart(text, row) for row in rows]
    kinds = _kinds_by_content(text, [row for _, row in parted])
    if kinds is None:
        return None
    width = len(kinds)
    table: list[Row] = [[()] * width]  # the header the copy left out
    for heading, row in parted:
        if heading:
            table.append([heading, *[()] * (width - 1)])
        table.append(align(text, row, kinds))
    return table_region(text, table, start, end, kinds)


def _numbered_rows(text: str, cells: list[Cell]) -> list[list[Cell]]:
    """The cells in rows, each opened by the next row number (1, then 2, …)."""
    rows: list[list[Cell]] = []
    for cell in cells:
        content = squash(cell_text(text, cell))
        if content.isdecimal() and int(content) == len(rows) + 1:
            rows.append([cell])
        elif rows:
            rows[-1].append(cell)
    return rows


def _heading_apart(text: str, row: list[Cell]) -> tuple[Cell | None, list[Cell]]:
    """A heading cell after the row number ("一、…"), and the row without it."""
    if len(row) > 2 and row[1] and is_heading_cell(text, row[1]):
        return row[1], [row[0], *row[2:]]
    return None, row


def _kinds_by_content(text: str, rows: list[list[Cell]]) -> list[str] | None:
    """The columns of the row printing the most cells, each known by its content; None
    unless they hold one task column and one column of units at least."""
    widest = max(rows, key=lambda row: sum(1 for cell in row if cell))
    kinds = [FieldKind.NUMBER, *(_cell_kind(cell_text(text, c)) for c in widest[1:])]
    tasks = [k for k, kind in enumerate(kinds) if kind == FieldKind.TASK]
    kinds = [FieldKind.NOTE if k in tasks[1:] else kind for k, kind in enumerate(kinds)]
    if not tasks or FieldKind.RESPONSIBLE not in kinds:
        return None
    return kinds


def _cell_kind(cell: str) -> str:
    if not cell or _DIGITS_ONLY.fullmatch(cell):
        return FieldKind.NOTE
    score, first = max((fit(cell, kind), -k) for k, kind in enumerate(_BY_CONTENT))
    return _BY_CONTENT[-first] if score > 0 else FieldKind.NOTE
