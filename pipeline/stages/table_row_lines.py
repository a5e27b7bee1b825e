"""A numbered row copied one cell a line over more lines than its header has columns: the
column each line goes to (cells in order, units one a line, a cell wrapped over lines,
sub-rows under spanning cells).
"""

from __future__ import annotations

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_rules import compiled, squash
from pipeline.stages.table_cells import Lines, as_cell, strip_span, units_line
from pipeline.stages.table_columns import task_kinds
from pipeline.stages.table_fit import fit
from pipeline.stages.table_rows import Cell, Row


def distributed(text: str, lines: Lines, kinds: list[str]) -> list[Row]:
    """A numbered row printed over more lines than the header has columns: each line, in
    order, stays in its unit column (units one a line) or goes to the next column its content
    fits; a line fitting no later column continues its cell when that cell broke off inside
    a clause ("…的50%," over "通惠路…") or the line is a short tail ("7月底" over "具备挡水条件");
    else units after the row's unit column open a sub-row there ("区住建局" after the first
    row's progress cell), and task text after the task's columns opens one at the task column
    ("开工建设老年大学。" after "5月底前动工"), the cells a sub-row does not print spanning it.
    A labelled line ("省牵头单位:…") and text fitting nowhere are read with the task text."""
    task, width = _task_column(kinds), len(kinds)
    row: Row = [as_cell(strip_span(text, *lines[0])), *[()] * (width - 1)]
    rows, column = [row], 0
    spans = [strip_span(text, *line) for line in lines[1:]]
    contents = [squash(_text(text, (span,))) for span in spans]
    task_text = [_task_line(c) for c in contents]
    for k, (span, content) in enumerate(zip(spans, contents, strict=True)):
        labelled = bool(role_label_re().search(content))
        titled = any(task_text[k + 1 :])  # task text follows: a short line before it is a label
        sub = len(rows) > 1
        to = None if labelled else _next_column(content, kinds, column, titled=titled, sub=sub)
        if to is None and not labelled and _cell_goes_on(text, row[column], content):
            to = None if _whole_date(text, row[column], kinds[column], content) else column
        opened = None if to is not None or labelled else _sub_row_column(content, kinds, column)
        if opened is not None:
            row = [None] * width
            rows.append(row)  # a sub-row: the cells it does not print span it
            to = column = opened
        to = task if to is None else to
        row[to] = (row[to] or ()) + (span,)
        column = max(column, to)
    return rows


def _task_column(kinds: list[str]) -> int:
    """The column holding the task: the task column, else the name column read as the task
    where there is none (项目 | 重点工作 misprinted | 牵头单位), else the first."""
    resolved = task_kinds(kinds)
    return resolved.index(FieldKind.TASK) if FieldKind.TASK in resolved else 0


_CELL_TAIL_MAX = 8  # a line this short fitting no later column ends the cell above it
_CLAUSE_OPEN = "，,、；;：:（("  # a cell line ending on these breaks off inside its clause


def _cell_goes_on(text: str, cell: Cell | None, content: str) -> bool:
    """The line continues ``cell``: the cell broke off inside a clause, or the line is a
    short tail that is no unit's name."""
    if not cell:
        return False
    if _text(text, cell)[-1:] in _CLAUSE_OPEN:
        return True
    return len(content) <= _CELL_TAIL_MAX and fit(content, FieldKind.TASK) > -2


def _whole_date(text: str, cell: Cell | None, kind: str, content: str) -> bool:
    """A deadline cell that says the work is done ("已完成") under a line that is no date
    ("新增托位525个"): the line opens a sub-row, it does not go on with the cell."""
    if kind != FieldKind.DEADLINE or not cell:
        return False
    done = compiled().done_cell.match(squash(_text(text, cell)))
    return bool(done) and _line_fit(content, kind) <= 0


def _sub_row_column(content: str, kinds: list[str], column: int) -> int | None:
    """The column a sub-row opens at with a line fitting no column after ``column``: a unit
    column before it for units, the task column behind it for task text; else None."""
    task = _task_column(kinds)
    units = [j for j in range(column) if kinds[j] in AGENCY_FIELDS]
    if units and fit(content, kinds[units[0]]) >= 2:
        return units[0]
    return task if column > task and fit(content, FieldKind.TASK) > 0 else None


def unit_runs(text: str, lines: Lines, kinds: list[str]) -> list[Cell]:
    """A row's lines as cells; with one unit column, a run of lines that each name units (one
    a line) is one cell (with two, a run may be the lead cell over the participants' cell)."""
    cells: list[Cell] = []
    if sum(kind in AGENCY_FIELDS for kind in kinds) != 1:
        return [as_cell(strip_span(text, *line)) for line in lines]
    units = False
    for line in lines:
        span = strip_span(text, *line)
        now = units_line(text, span) and not role_label_re().search(_text(text, (span,)))
        if now and units:
            cells[-1] = (*cells[-1], span)
        else:
            cells.append(as_cell(span))
        units = now
    return cells


def _next_column(
    content: str, kinds: list[str], column: int, *, titled: bool = False, sub: bool = False
) -> int | None:
    """The column a cell line goes to after ``column``: the next one when the line fits it
    (or fits no column better), else the best fit (the earliest on a tie), the unit column
    it is in counting; None when it fits no column. In a sub-row (``sub``) a line that is
    no unit passes over the unit columns next: cells spanning the sub-rows fill them."""
    stay = [column] if kinds[column] in AGENCY_FIELDS else []
    columns = [*stay, *range(column + 1, len(kinds))]
    fits = [(_line_fit(content, kinds[j], titled=titled), -j) for j in columns]
    while sub and not stay and len(fits) > 1 and kinds[-fits[0][1]] in AGENCY_FIELDS:
        if fits[0][0] >= 0:
            break
        fits, column = fits[1:], column + 1  # spanned
    if stay and _LIST.search(content):  # a list of units after the unit column's first
        fits[0] = (fits[0][0] - _LIST_MOVES_ON, fits[0][1])  # line: the next unit column's
    best = max(fits, default=None)
    if stay and fits[0][0] < 0:  # no unit: the unit column is done, the line goes on
        stay, fits = [], fits[1:]
        best = max(fits, default=None)
    if not stay and column + 1 < len(kinds):  # cells come in order: the next column, when
        after = fits[0][0]  # the line fits it, or fits it as well as any (a note, a figure)
        if after > 0 or (after == 0 and best and best[0] <= 0):
            return column + 1
    return -best[1] if best and best[0] > 0 else None


_LIST = regex.compile(r"[、，,；;]")
_LIST_MOVES_ON = 0.5  # units one a line stay in their column; a list goes on to the next


def unit_or_date(line: str, kinds: list[str]) -> bool:
    cell = squash(line)
    return any(
        _line_fit(cell, k) > 0 for k in kinds if k in AGENCY_FIELDS or k == FieldKind.DEADLINE
    )


_SCHEDULE_OPENING = 6  # a schedule names its first date within its first characters


_LABEL_MAX = 12  # a row's label (完善交通基础设施) is a short phrase


def _task_line(content: str) -> bool:
    """A line of task text: longer than a label, or a sentence (新建城东水厂。)."""
    sentence = len(content) > _LABEL_MAX or content.endswith(_SENTENCE_END)
    return sentence and fit(content, FieldKind.TASK) > 0


_SENTENCE_END = ("。", "；", ";")


def _line_fit(content: str, kind: str, *, titled: bool = False) -> float:
    """How well a line fits a column of ``kind``; in a deadline column, a schedule opening on
    its date ("一季度开工,宏图路年内完成工程量的50%,") fits too, however long; in a name column,
    a short phrase that is no unit, when the row's task text comes after it (``titled``)."""
    label = titled and len(content) <= _LABEL_MAX and fit(content, FieldKind.LEAD) < 2
    if kind == FieldKind.NAME and label and fit(content, kind) == 0:
        return 0.5
    dated = compiled().deadline_cell.search(content, 0, _SCHEDULE_OPENING)
    if kind == FieldKind.DEADLINE and dated:
        return max(fit(content, kind), 0.5)
    return fit(content, kind)


def _text(text: str, cell: Cell) -> str:
    return "".join(text[s:e] for s, e in cell)
