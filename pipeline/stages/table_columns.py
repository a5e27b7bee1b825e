"""A table's columns, known by their header names (rules/segment.yaml: columns): the kind a
header cell names, the first header cell less a title joined before it, and the kinds as the
rest of the table reads them (a name column beside a task column, a grader beside units, one
responsible column beside participants)."""

from __future__ import annotations

import itertools

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages import agency_names
from pipeline.stages.segment_rules import compiled, squash
from pipeline.stages.table_fit import Cell, cell_text

_HEADER_NOTE = regex.compile(r"[（(][^（）()]{1,30}[)）]$")  # a note after a column name


def cell_kind(cell: str) -> str | None:
    """The column kind a header cell names (whitespace ignored, in either script)."""
    cell = agency_names.to_simplified(squash(cell))
    cell = _HEADER_NOTE.sub("", cell) or cell  # 重点工作任务(杭州市2项配合工作)
    names = _ALTERNATE_NAMES.split(cell)
    if len(names) == 2 and all(names):  # 目标任务/项目所在地: the first name says the kind
        return cell_kind(names[0])
    if not compiled().column_any.fullmatch(cell):
        owner = compiled().column_owner.match(cell)  # 区责任单位, 委内牵头处室: whose column
        if not owner or not compiled().column_any.fullmatch(cell[owner.end() :]):
            return _kind_by_ending(cell)  # most cells name no column
        cell = cell[owner.end() :]
    for pattern, kind in compiled().columns:
        if pattern.fullmatch(cell):
            return kind
    return None


_ALTERNATE_NAMES = regex.compile(r"[/／]")  # one column named two ways


def _kind_by_ending(cell: str) -> str | None:
    """黑臭水体名称, 初见成效时限: a whole cell's kind by its ending (rules column_endings)."""
    endings = compiled().column_endings
    return next((kind for ending, kind in endings if ending.fullmatch(cell)), None)


def header_cell(text: str, cell: Cell) -> Cell:
    """The first header cell, less a line a copy joined before it (a title over the table
    unwrapped onto "序号 |"): the longest column name ending the cell."""
    if len(cell) != 1 or cell_kind(cell_text(text, cell)) is not None:
        return cell
    start, end = cell[0]
    for at in range(start + 1, end - 1):
        if cell_kind(text[at:end]) is not None:
            return ((at, end),)
    return cell


def task_kinds(kinds: list[str]) -> list[str]:
    """Columns read by what else the table has. A name column (指标名称) is a note beside a
    task column, where there is none the first one is the task ("指标名称 | 预期效果 | 完成时限
    | 牵头负责司局"); a grader column (评分部门) is a note beside a unit column, where there is
    none it names the units (监考单位)."""
    task = None if FieldKind.TASK in kinds else next(
        (i for i, kind in enumerate(kinds) if kind == FieldKind.NAME), None
    )
    units = bool(AGENCY_FIELDS & set(kinds))
    resolved = []
    for i, kind in enumerate(kinds):
        if kind == FieldKind.NAME:
            kind = FieldKind.TASK if i == task else FieldKind.NOTE
        elif kind == FieldKind.GRADER:
            kind = FieldKind.NOTE if units else FieldKind.RESPONSIBLE
        resolved.append(kind)
    return resolved


def leading_units(kinds: list[str]) -> list[str]:
    """Beside a column of participating units, the one responsible column leads:
    主要责任单位 | 协同配合单位. Alone it leaves the roles open."""
    if FieldKind.PARTICIPANT not in kinds or FieldKind.LEAD in kinds:
        return kinds
    if kinds.count(FieldKind.RESPONSIBLE) != 1:
        return kinds
    return [FieldKind.LEAD if k == FieldKind.RESPONSIBLE else k for k in kinds]


_UNITS_SHARE = 0.5  # of a column's printed cells, unit names: the column names the units
_SAMPLE = 24  # cells read of each column


def units_by_content(
    text: str, header: list[Cell], rows: list[list[Cell]], kinds: list[str]
) -> list[str]:
    """A note column whose cells mostly open on a unit's name is the table's unit column
    where no unit column holds names (备注 beside 单位 printing 万人, 公里: the measure); where
    the table has no unit column, only a column named a note (备注) is so read: a column of a
    name the rules lack (乡镇) keeps its reading."""
    def share(index: int) -> float:  # of the column's first printed cells
        printed = (cell_text(text, row[index]) for row in rows if index < len(row) and row[index])
        cells = list(itertools.islice((cell for cell in printed if cell), _SAMPLE))
        named = sum(_opens_on_unit(squash(cell)) for cell in cells)
        return named / len(cells) if cells else 0.0

    if FieldKind.NOTE not in kinds:
        return kinds  # decided before reading any cell
    units = [i for i, kind in enumerate(kinds) if kind in AGENCY_FIELDS]
    if any(_names_some(text, rows, i) for i in units):
        return kinds  # a unit column names units
    candidates = [  # beside no unit column, a column named a note only (乡镇 is a place's)
        i for i, kind in enumerate(kinds)
        if kind == FieldKind.NOTE and (units or _named_note(text, header, i))
    ]
    notes = [i for i in candidates if share(i) >= _UNITS_SHARE]
    if len(notes) != 1:
        return kinds
    return [
        FieldKind.RESPONSIBLE if i == notes[0] else FieldKind.NOTE if i in units else kind
        for i, kind in enumerate(kinds)
    ]


def _opens_on_unit(cell: str) -> bool:
    """The cell opens on a unit's name (交通局, then a sub-row a copy ran into it)."""
    end = agency_names.agency_end(cell, 0, len(cell))
    return end is not None and agency_names.looks_like_agency(cell[:end])


def _names_some(text: str, rows: list[list[Cell]], index: int) -> bool:
    """A unit among the column's first printed cells."""
    cells = (row[index] for row in rows[:_SAMPLE] if index < len(row) and row[index])
    return any(_opens_on_unit(squash(cell_text(text, cell))) for cell in cells)


def _named_note(text: str, header: list[Cell], index: int) -> bool:
    cell = header[index] if index < len(header) else None
    return bool(cell) and cell_kind(cell_text(text, cell)) == FieldKind.NOTE
