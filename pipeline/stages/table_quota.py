"""A quota divided among places in a table: rows each opened by a place ("通川区", "城 厢",
"港区 (含浮桥)") and holding figures only ("通川区 | 2713 | 1980 | …"), under a header that
names no number, task or unit column. Each such row is the place's task (its role left open,
the place its title); rows of totals (合计, 全市) are none.
"""

from __future__ import annotations

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import Field
from pipeline.stages.agency_names import to_simplified
from pipeline.stages.segment_rules import TABLE_RANK_OFFSET, Item, compiled, squash
from pipeline.stages.table_columns import cell_kind
from pipeline.stages.table_fit import cell_text
from pipeline.stages.table_rows import Row, TableRegion

_ROWS_MIN = 3  # places with figures in three rows at least: fewer are no evidence of a quota
_PLACE = regex.compile(r"\p{Han}{2,8}(?:[（(][^（()）]{1,10}[)）])?")
_FIGURE = regex.compile(r"[-—－]?\d+(?:[.．]\d+)?[%％]?|[-—－/]")
_BASELINE = regex.compile(r"现有|可|上年|去年|基数|实有|存量|已有|原有")  # a base, no quota
_STATUS = regex.compile(r"[已未正待]\p{Han}{1,3}")  # 已启动, 未完成, 正在推进
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
    if cells and _STATUS.fullmatch(cell_text(text, cells[-1][1])) and len(cells) > 2:
        cells = cells[:-1]  # a status closing the row (已启动): a note, no figure
    kinds = [cell_kind(cell_text(text, cell)) if cell else None for cell in header]
    owners = [  # a 责任部门 column: the unit that owns the place's quota (通川区人民政府)
        Field(kinds[i], cell[0][0], cell[-1][1], cell_text(text, header[i]))
        for i, cell in cells[1:] if i < len(kinds) and kinds[i] in AGENCY_FIELDS
    ]
    cells = [c for c in cells if c[0] >= len(kinds) or kinds[c[0]] not in AGENCY_FIELDS]
    if len(cells) < 2 or not all(_FIGURE.fullmatch(cell_text(text, c)) for _, c in cells[1:]):
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
    owned = tuple(owners) or (Field(FieldKind.EITHER, s, e),)  # else the place owns it
    fields = (Field(FieldKind.BODY, s, e), *owned, *figures)
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


_FIGURE_TEXT = r"[-—－]?\d+(?:[.．]\d+)?[%％]?"
_SPACED_ROW = regex.compile(  # the space after the place may be gone (normalizing joins CJK)
    rf"[ \t]*(?P<place>\p{{Han}}{{2,8}}(?:[（(][^（()）\n]{{1,10}}[)）])?)"
    rf"[ \t]*{_FIGURE_TEXT}(?:[ \t]+{_FIGURE_TEXT})*(?:[ \t]*\p{{Han}}{{1,4}})?[ \t]*"
)  # a status closing the row (已启动) is a note
_PIECE = regex.compile(rf"\p{{Han}}+(?:[（(][^（()）\n]{{1,10}}[)）])?|{_FIGURE_TEXT}|\S+")


def spaced_quota(text: str, lines: list[tuple[int, int]], i: int) -> tuple[TableRegion, int] | None:
    """A quota among places copied a row a line, columns parted by spaces ("责任单位 外贸出口目标
    实到外资目标" over "万州区 1900 300"): the places' rows under line ``i``, their header."""
    if i + _ROWS_MIN >= len(lines) or not _row_like(text, *lines[i + 1]):
        return None  # most lines: no row of a place and its figures under them, decided fast
    rows: list[Row] = [_pieces(text, *lines[i])]
    j = i + 1
    while j < len(lines) and _row_like(text, *lines[j]):
        rows.append(_pieces(text, *lines[j]))
        j += 1
    if j - i - 1 < _ROWS_MIN:
        return None
    region = quota_region(text, rows, lines[i][0], lines[j - 1][1])
    return (region, j) if region is not None else None


_ROW_LINE_MAX = 80  # a place and its figures: a short line
_PROSE_MARKS = frozenset("，,。、；;：:")


def _row_like(text: str, start: int, end: int) -> bool:
    """A line of a place and its figures (万州区 1900 300), tested cheaply before the grammar."""
    line = text[start:end]
    if len(line) > _ROW_LINE_MAX or not _PROSE_MARKS.isdisjoint(line):
        return False
    return any(ch.isdigit() for ch in line) and bool(_SPACED_ROW.fullmatch(line))


def _pieces(text: str, start: int, end: int) -> Row:
    return [((m.start(), m.end()),) for m in _PIECE.finditer(text, start, end)]
