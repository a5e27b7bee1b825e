"""Rows of a table in text, read by their header names into outline items.

Every shape of table (tables.py) is reduced to rows of cells. A cell is the tuple of its
fragments (spans of the text, in reading order: a cell wrapped over several lines of a ruled
table has one fragment a line), ``()`` when printed empty, or ``None`` when not printed at
all because a cell spanning several rows covers it (the rows below inherit it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import Field, FigureCell
from pipeline.stages.figure_cells import figure_cell, figure_columns, level_only
from pipeline.stages.segment_rules import (
    TABLE_RANK_OFFSET,
    Item,
    compiled,
    number_label,
    squash,
)
from pipeline.stages.table_columns import (
    cell_kind,
    header_cell,
    leading_units,
    task_kinds,
    units_by_content,
)
from pipeline.stages.table_fit import (
    CLAUSE_MARK,
    Cell,
    Row,
    Span,
    category_left_out,
    cell_text,
    fit,
    placement,
    prefer_later_units,
    spanned_columns,
)

_NAME_COLUMN = regex.compile(r"名称|名稱")  # a column naming each row (项目名称)
# A target column's cells are mostly figures (186, ≥2%, 低于4.1, 5800人), a few words at most
# around the number; the others short (年终根据全省平均水平综合考核), no clause.
_FIGURE = regex.compile(r"\D{0,4}\d[\d.．,，%％]*\D{0,4}")
_FIGURE_CELL_MAX = 16


@dataclass(frozen=True)
class TableRegion:
    start: int
    end: int
    items: list[Item]
    figures: tuple[FigureCell, ...] = ()  # cells of its figure columns (2025年: ≥79.2)


def table_region(
    text: str,
    rows: list[Row],
    start: int,
    end: int,
    kinds: list[str] | None = None,
) -> TableRegion | None:
    header_at = 0
    if kinds is None:
        found = _find_header(text, rows)
        if found is None:
            return None
        header_at, kinds = found
        rows[header_at] = [header_cell(text, rows[header_at][0] or ()), *rows[header_at][1:]]
        kinds = _sub_header(text, rows, header_at, kinds)
    body = rows[header_at + 1 :]
    kinds = leading_units(task_kinds(_figure_column(text, body, kinds)))
    kinds = units_by_content(text, rows[header_at], body, kinds)
    columns = _Columns.of(kinds, [cell_text(text, c) for c in rows[header_at]])
    columns = _title_column(text, rows[header_at + 1 :], columns, kinds)
    numbered = _numbered_task(text, rows[header_at + 1 :], columns)
    placed = [_placed(text, row, kinds, numbered)[: len(kinds)] for row in rows[header_at + 1 :]]
    placed = _lone_numbered_cells(text, placed)
    columns = _grouping_names(text, placed, columns)
    figures, measure = figure_columns(columns.header, kinds)
    cells: list[FigureCell | None] = []
    items: list[Item] = []
    above: Row | None = None  # the last task row, cells inherited filled in
    for row in placed:
        if _is_header(text, row, columns.header):
            continue  # header repeated on a new page
        cells += [
            figure_cell(_column(row, i), columns.header[i], _column(row, measure)) for i in figures
        ]
        row, heading = _category_heading(text, row, columns)
        if heading is not None:  # "一、做好财政信息公开 | 2.推进…": the category heads its rows
            items.append(heading)
        covered = heading is None and _task_covered(text, row, columns)
        if items and (_continues(text, row, columns, items[-1]) or covered):
            items[-1] = _merged(items[-1], _row_fields(row, columns))
            continue  # the rest of a row broken across a page, or a sub-row of its task
        row, number = _number_in_task(text, row, columns, numbered)
        if _opens_category(row, columns):
            above = None  # a category's units are not the category's above
        filled = _inherited(row, above, kinds)
        item = _row_item(text, row, filled, columns, number)
        if item is None:
            continue
        items.append(item)
        above = None if item.fields == () else filled
    found = tuple(cell for cell in cells if cell)
    return TableRegion(start, end, _below_headings(items), found)


def _below_headings(items: list[Item]) -> list[Item]:
    """Rows printing no number rank below every heading row of their table: under "一、…"
    and "(1)加快发展现代服务业。" the unnumbered rows are the tasks, whatever rank the
    table's number style gives them."""
    headings = [i.rank for i in items if not i.fields]
    if not headings:
        return items
    deepest = max(headings)
    return [
        i._replace(rank=deepest + 1) if i.fields and i.number is None and i.rank <= deepest else i
        for i in items
    ]


def _figure_column(text: str, rows: list[Row], kinds: list[str]) -> list[str]:
    """A task column whose cells are figures (目标任务: 186, ≥2%, 低于4.1) beside a name
    column (项目, 考核指标) is the row's target: the name column holds the task."""
    if FieldKind.NAME not in kinds or kinds.count(FieldKind.TASK) != 1:
        return kinds
    task = kinds.index(FieldKind.TASK)
    cells = [cell_text(text, _column(row, task)) for row in rows]
    cells = [cell for cell in cells if cell]
    figures = sum(bool(_FIGURE.fullmatch(cell)) for cell in cells)
    if not cells or figures * 2 < len(cells):
        return kinds
    if any(len(cell) > _FIGURE_CELL_MAX or CLAUSE_MARK.search(cell) for cell in cells):
        return kinds  # sentences: the task itself
    name = kinds.index(FieldKind.NAME)
    return [
        FieldKind.NOTE if i == task else FieldKind.TASK if i == name else kind
        for i, kind in enumerate(kinds)
    ]


def _inherited(row: Row, above: Row | None, kinds: list[str]) -> Row:
    """Cells a spanning cell covers, taken from the row above: cells not printed, and printed
    empty in the columns rules/segment.yaml lists as spanning."""
    if above is None or (len(row) == len(kinds) and None not in row and () not in row):
        return row  # every cell printed: nothing to inherit
    spanning = compiled().spanning
    filled: Row = []
    for i, kind in enumerate(kinds):
        cell = row[i] if i < len(row) else None
        inherit = kind not in {FieldKind.NUMBER, FieldKind.TASK} and i < len(above)
        if inherit and (cell is None or (not cell and kind in spanning)):
            cell = above[i]
        filled.append(cell)
    return filled


def align(
    text: str, cells: list[Cell], kinds: list[str], numbered: tuple[int, str] | None = None
) -> Row:
    """A row printed with fewer cells than the header has columns: each cell goes to the
    column its content fits (numbers, units, dates, people, task text), in order; the columns
    left over are covered by spanning cells (``None``). ``numbered``: the task column whose
    cells open with the row number, and the numbering style (see ``_numbered_task``)."""
    n, k = len(kinds), len(cells)
    if k >= n:
        return list(cells[:n])
    fits = _fits(text, cells, kinds, numbered)
    row: Row = [None] * n
    for i, j in enumerate(placement(fits, k, n)):
        row[j] = cells[i]
    return row


def _fits(
    text: str, cells: list[Cell], kinds: list[str], numbered: tuple[int, str] | None
) -> list[list[float]]:
    fits = [[fit(cell_text(text, cell), kind) for kind in kinds] for cell in cells]
    prefer_later_units(fits, kinds)
    if numbered:
        column, style = numbered
        for i, cell in enumerate(cells):
            fits[i][column] = 3 if _opening_number(text, cell, style) else -3
    return fits


def _placed(text: str, row: Row, kinds: list[str], numbered: tuple[int, str] | None) -> Row:
    """A row printed as wide as the header but for empty cells ending it (a copy that pads
    every row, "②… | … | 是 | ||||"): its cells where their content fits, when they fit
    there better than in the columns they were printed in."""
    if None in row or len(row) > len(kinds):
        return row
    cells = list(row)
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    if len(cells) >= len(kinds) or len(cells) < 2:
        return row
    if category_left_out(text, cells, kinds) and _LATER_ITEM.match(cell_text(text, cells[1])):
        return [cells[0], None, *cells[1:]]  # 项目名称 | 项目内容 "2.…": the name spans its rows
    spanned = spanned_columns(text, cells, kinds) if len(row) == len(kinds) else None
    if spanned is not None:  # the cells a row span covers, printed empty at the row's end
        free = iter(cells)  # number and units covered by the row above, a name left empty
        covered = {FieldKind.NUMBER, *AGENCY_FIELDS}
        span = {k: None if kinds[k] in covered else () for k in spanned}
        return [span[k] if k in span else next(free) for k in range(len(kinds))]
    fits = _fits(text, cells, kinds, numbered)  # type: ignore[arg-type]
    printed = sum(fits[i][i] for i in range(len(cells)))
    best = sum(fits[i][j] for i, j in enumerate(placement(fits, len(cells), len(kinds))))
    left = len(kinds) - len(cells)  # the cells spanned from the rows above stood first
    right = sum(fits[i][left + i] for i in range(len(cells)))
    if right >= best and right > printed:
        return [*[None] * left, *cells]
    return align(text, cells, kinds, numbered) if best > printed else row  # type: ignore[arg-type]


_LATER_ITEM = regex.compile(r"(?:[2-9]|[1-9]\d)[.．、]|[（(](?:[2-9]|[1-9]\d)[)）]|[②-⑳]")


def _lone_numbered_cells(text: str, rows: list[Row]) -> list[Row]:
    """A row printing one numbered cell ("8.持续深化…。 |") under rows whose numbered cells
    stand in a later column (the category before it spanned): the cell goes to that
    column, the cells it does not print spanned from the row above."""
    column: dict[str, int] = {}  # numbering style → the column its cells stand in
    placed: list[Row] = []
    for row in rows:
        printed = [i for i, cell in enumerate(row) if cell]
        style = _opening_style(text, row[0]) if printed == [0] else None
        if style is not None and column.get(style, 0) > 0:
            at = column[style]
            row = [*[None] * at, row[0], *[None] * (len(row) - at - 1)]
        for i, cell in enumerate(row):
            found = _opening_style(text, cell) if cell else None
            if found is not None:
                column[found] = i
        placed.append(row)
    return placed


@dataclass(frozen=True)
class _Columns:
    """A table's column kinds and header cells, and where its number and task columns are."""

    header: list[str]  # squashed header cells, also the fields' labels
    numbers: list[int]
    task: int | None
    fields: tuple[tuple[int, str, str | None], ...]  # columns made fields: index, kind, label
    bodies: tuple[int, ...] = ()  # the task columns (body fields), in order
    grouping_names: bool = False  # a name column printed once over several task rows

    @classmethod
    def of(cls, kinds: list[str], header: list[str]) -> _Columns:
        numbers = [i for i, kind in enumerate(kinds) if kind == FieldKind.NUMBER]
        task = kinds.index(FieldKind.TASK) if FieldKind.TASK in kinds else None
        fields = tuple(
            (
                i,
                FieldKind.BODY if kind == FieldKind.TASK else kind,
                header[i] if i < len(header) else None,
            )
            for i, kind in enumerate(kinds)
            if kind not in {FieldKind.NUMBER, FieldKind.NOTE}
        )
        bodies = tuple(i for i, kind, _ in fields if kind == FieldKind.BODY)
        return cls(header, numbers, task, fields, bodies)


def _is_header(text: str, row: Row, header: list[str]) -> bool:
    if len(row) != len(header):
        return False
    for cell, name in zip(row, header, strict=True):
        if not cell or cell[0][1] - cell[0][0] < 1 or (name and text[cell[0][0]] != name[0]):
            if name or cell:
                return False
            continue
        if cell_text(text, cell) != name:
            return False
    return True


def _sub_header(text: str, rows: list[Row], at: int, kinds: list[str]) -> list[str]:
    """A second header row under the first, naming the columns a spanning name covers
    ("责任单位" over "牵头单位 | 配合单位"; "工作进度" over "完成情况 | 进度状态"): its
    names take their columns, and the row is removed. Else the kinds as they were."""
    if at + 1 >= len(rows):
        return kinds
    below = rows[at + 1]
    names = {i: cell_kind(cell_text(text, cell)) for i, cell in enumerate(below) if cell}
    if not names or None in names.values():
        return kinds  # a data row
    if _wrapped_names(rows, at, names):  # "序号 | … | 实际完成情况 |" over "任务完成率 | 备注 |"
        head = _printed(rows[at])
        rows[at] = [*head, *(below[i] for i in sorted(names))]
        del rows[at + 1]
        return [*kinds[: len(head)], *(names[i] for i in sorted(names))]
    merged, header = list(kinds), list(rows[at])
    extra = len(below) - len(header)
    if extra > 0:  # the spanning name printed as one cell (│责任单位   │): it covers more
        first = min(names)
        merged[first + 1 : first + 1] = [FieldKind.NOTE] * extra
        header[first + 1 : first + 1] = [()] * extra
    if any(i >= len(merged) for i in names):
        return kinds  # cells no header column stands over
    for i, kind in names.items():
        merged[i] = kind  # type: ignore[assignment]
        header[i] = below[i]
    rows[at] = header
    del rows[at + 1]
    return merged


def _wrapped_names(rows: list[Row], at: int, names: dict[int, str]) -> bool:
    """The header's last names printed on the next row, the rows below as wide as both
    together (a sub-header's names would take the place of the name spanning them)."""
    width = len(_printed(rows[at])) + len(names)
    if sorted(names) != list(range(len(names))):
        return False  # cells placed under their columns: a sub-header
    return max((len(_printed(row)) for row in rows[at + 2 :]), default=0) == width


def _printed(row: Row) -> Row:
    """A row without the empty cells ending it."""
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def _find_header(text: str, rows: list[Row]) -> tuple[int, list[str]] | None:
    for at, row in enumerate(rows):
        kinds = [cell_kind(cell_text(text, c)) for c in row]
        kinds[:1] = [cell_kind(cell_text(text, header_cell(text, row[0] or ())))] if row else []
        if sum(k is not None for k in kinds) >= 2 and {FieldKind.TASK, FieldKind.NAME} & set(kinds):
            return at, [k or FieldKind.NOTE for k in kinds]
    return None


def _continues(text: str, row: Row, columns: _Columns, last: Item) -> bool:
    """A row without its number, after a task row, that does not open a heading."""
    if not columns.numbers or not last.fields:
        return False
    numbers = [row[i] for i in columns.numbers if i < len(row)]
    if not numbers or numbers[-1] is None or numbers[-1]:
        return False  # numbered, or the number is covered by a spanning cell
    filled = [cell[0] for cell in row if cell]
    if not filled or any(s.exact.match(text, *filled[0]) for s in compiled().styles):
        return False
    return not _whole_row(row, columns)


_OWNERS = {FieldKind.LEAD, FieldKind.RESPONSIBLE, FieldKind.EITHER}


def _whole_row(row: Row, columns: _Columns) -> bool:
    """A row that prints its own work and its own cell in every owning unit column ("|新增托
    位525个|卫生健康局| 7月底|" under "1 |新增3个乡镇…|卫生健康局|"): a task of its own
    whose number cell the table leaves empty, not the rest of the row above."""
    owners = [i for i, kind, _ in columns.fields if kind in _OWNERS]
    return bool(owners) and columns.task is not None and all(
        _column(row, i) for i in (columns.task, *owners)
    )


def _row_fields(row: Row, columns: _Columns, title: int | None = None) -> tuple[Field, ...]:
    """The row's cells as fields; the title's column first."""
    cells = len(row)
    order = columns.fields
    if title is not None and title != columns.task:
        order = tuple(sorted(order, key=lambda f: f[0] != title))
    if title is not None and title not in {i for i, _, _ in order}:  # a name column (a note
        order = ((title, FieldKind.BODY, columns.header[title]), *order)  # beside the task)
    return tuple(
        Field(kind, s, e, label)
        for i, kind, label in order
        if i < cells and row[i]
        for s, e in row[i]  # type: ignore[union-attr]
        if e > s
    )


def _row_title(text: str, row: Row, columns: _Columns) -> int | None:
    """The column of the row's title: the task column, unless that cell is a short label
    and a later task column of the row prints sentences (工作任务 "常规政务公开事项" beside
    细化分工 "强化行政执法信息公开，…": the label heads the detail)."""
    named_row = _named_figure_row(text, row, columns)
    if named_row is not None:
        return named_row
    if len(_body_columns(columns)) < 2 or columns.task is None:
        return columns.task
    named = _NAME_COLUMN.search(columns.header[columns.task])
    if named and not columns.grouping_names:
        return columns.task  # 项目名称: each row's own name, no category
    if columns.grouping_names and not named:  # a category over numbered rows: their detail
        printed = [i for i in _body_columns(columns) if i != columns.task and _column(row, i)]
        return printed[0] if printed else columns.task
    first = columns.task
    if not _column(row, first):  # the category printed above (or as a heading): the first
        printed = [i for i in _body_columns(columns) if _column(row, i)]  # detail printed
        if not printed:
            return columns.task
        first = printed[0]
    label = _column(row, first)
    long = len(cell_text(text, label)) > _LABEL_MAX or "。" in cell_text(text, label)
    if long and not is_heading_cell(text, label):  # "（一）做好规划公开。" heads its detail
        return first
    for i, kind, _ in columns.fields:
        if kind == FieldKind.BODY and i > first:
            detail = cell_text(text, _column(row, i))
            if len(detail) > _LABEL_MAX or CLAUSE_MARK.search(detail):  # sentences
                return i
    return first


def _named_figure_row(text: str, row: Row, columns: _Columns) -> int | None:
    """The name column of a row whose task cell prints a level only (项目 "工业用水重复利用
    率" beside 考核内容 "≥75%" or "低于…标准的指标"): the name titles the row."""
    cell = _column(row, columns.task) if columns.task is not None else None
    if not cell or not level_only(cell_text(text, cell)):
        return None
    named = [
        i for i, name in enumerate(columns.header)
        if name and cell_kind(name) == FieldKind.NAME and _column(row, i)
    ]
    return named[0] if named else None


def _merged(item: Item, fields: tuple[Field, ...]) -> Item:
    end = max([item.end, *(f.end for f in fields)])
    return item._replace(end=end, fields=item.fields + fields)


def _first(cell: Cell | None) -> Span | None:
    return cell[0] if cell else None


_LABEL_MAX = 20  # a task-like cell this short with no full stop labels a group of rows


def _title_column(text: str, rows: list[Row], columns: _Columns, kinds: list[str]) -> _Columns:
    """With several task columns (主要任务 | 细化措施), the first whose cells are sentences
    holds the task's title when the ones before it only hold short labels (a category over
    its measures); those are read after it."""
    tasks = [i for i, kind in enumerate(kinds) if kind == FieldKind.TASK]
    if len(tasks) < 2 or columns.task is None:
        return columns
    if _NAME_COLUMN.search(columns.header[columns.task]) and not _repeated(
        text, rows, columns.task
    ):
        return columns  # 项目名称 names each row: the title, whatever the columns after it
    for i in tasks:
        cells = [cell_text(text, _column(row, i)) for row in rows if _column(row, i)]
        if any("。" in c or len(c) > _LABEL_MAX for c in cells):
            break
    else:
        return columns
    if i == columns.task:
        return columns
    first = [f for f in columns.fields if f[0] == i]
    rest = [f for f in columns.fields if f[0] != i]
    return replace(columns, task=i, fields=tuple(first + rest))


def _repeated(text: str, rows: list[Row], column: int) -> bool:
    """A column printing one cell for several rows (民生实事名称: *医疗卫生 over six rows):
    a category, however its header reads."""
    cells = [cell_text(text, _column(row, column)) for row in rows if _column(row, column)]
    return len(set(cells)) < len(cells)


def _numbered_task(text: str, rows: list[Row], columns: _Columns) -> tuple[int, str] | None:
    """With no number column, a task column whose cells open with the row number ("57.务实
    开展…"): the column and the numbering style of its first row."""
    if columns.numbers or columns.task is None:
        return None
    for row in rows:
        cells = [cell for cell in row if cell]
        cell = _column(row, columns.task)
        if len(cells) < 2 or not cell:
            continue  # a heading row spanning the table
        for style in compiled().styles:
            if _opening_number(text, cell, style.name):
                return columns.task, style.name
        return None
    return None


def _opening_style(text: str, cell: Cell | None) -> str | None:
    """The numbering style of a number opening the cell (of the table rows' level or below:
    1. , （1）), text after it."""
    c = compiled()
    level = next(s.rank for s in c.styles if s.name == c.rules.table_number_style)
    for style in c.styles:
        if style.rank >= level and _opening_number(text, cell, style.name):
            return style.name
    return None


def _opening_number(text: str, cell: Cell | None, style: str) -> regex.Match[str] | None:
    """The number of ``style`` opening the cell, with text after it."""
    if not cell:
        return None
    start, end = cell[0]
    for s in compiled().styles:
        if s.name == style:
            m = s.exact.match(text, start, end)
            return m if m and m.end() < end else None
    return None


def _number_in_task(
    text: str, row: Row, columns: _Columns, numbered: tuple[int, str] | None
) -> tuple[Row, Cell | None]:
    """The row with the number opening its task cell cut off, and that number; in a table
    with a number column, only where the row prints no number (序号 spanned)."""
    spanned = columns.numbers and not _column(row, columns.numbers[0])
    if numbered is None and spanned and columns.task is not None:
        style = _opening_style(text, _column(row, columns.task))
        numbered = (columns.task, style) if style else None
    title = _row_title(text, row, columns)
    if title is not None and not _column(row, columns.task) and title != columns.task:
        style = _opening_style(text, _column(row, title))  # the category printed above
        numbered = (title, style) if style else numbered
    cell = _column(row, numbered[0]) if numbered else None
    m = _opening_number(text, cell, numbered[1]) if numbered else None
    if not m or not cell or numbered is None:
        return row, None
    row = list(row)
    row[numbered[0]] = ((_skip_space(text, m.end(), cell[0][1]), cell[0][1]), *cell[1:])
    return row, ((cell[0][0], m.end()),)


def _skip_space(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _task_covered(text: str, row: Row, columns: _Columns) -> bool:
    """A row whose task cell (and number) a spanning cell covers: more of the task above
    (its sub-rows ②③ printing only the detail columns), unless a detail cell opens with a
    number of its own ("4.及时反馈…" under the category of row 3)."""
    if columns.task is None or _column(row, columns.task) is not None:
        return False
    if columns.task >= len(row):
        return False
    if (columns.grouping_names or not columns.numbers) and _own_assignment(row, columns):
        return False  # a task of the group the name above heads, or of the label above
    numbers = [_column(row, i) for i in columns.numbers]
    style = compiled().rules.table_number_style  # 4. opens a row; ② a sub-row of its task
    if any(_opening_number(text, _column(row, i), style) for i in _body_columns(columns)):
        return False
    return all(n is None for n in numbers) and any(cell for cell in row)


def _grouping_names(text: str, rows: list[Row], columns: _Columns) -> _Columns:
    """A name column (项目名称) whose cell is printed once over several rows that each print
    a task cell and units of their own ("1.城市人居环境提升项目 | 对…改造; | 11月 | 建设局",
    then "新建城市口袋公园2处; | 11月 | 建设局"): the name heads a group of tasks."""
    task = columns.task
    if task is None or len(columns.bodies) < 2:
        return columns
    named = bool(_NAME_COLUMN.search(columns.header[task]))
    left_out = [row for row in rows if _column(row, task) is None and _own_assignment(row, columns)]
    if not named:  # a category column (目标 over 任务内容) left out of numbered rows
        left_out = [row for row in left_out if any(_column(row, i) for i in columns.numbers)]
    return replace(columns, grouping_names=True) if left_out else columns


def _opens_category(row: Row, columns: _Columns) -> bool:
    """The row prints a category cell (a short task cell over detail rows: 工作任务 "做好市场
    规则标准…公开" beside 具体要求 "3.…"): it opens a group of rows of its own."""
    category = columns.bodies[0] if columns.bodies else None
    return category is not None and category != columns.task and bool(_column(row, category))


def _own_assignment(row: Row, columns: _Columns) -> bool:
    """The row prints a task cell after the name column, and a unit cell."""
    detail = any(_column(row, i) for i in columns.bodies if i != columns.task)
    units = any(_column(row, i) for i, kind, _ in columns.fields if kind in AGENCY_FIELDS)
    return detail and units


def _body_columns(columns: _Columns) -> tuple[int, ...]:
    return columns.bodies


def _category_heading(text: str, row: Row, columns: _Columns) -> tuple[Row, Item | None]:
    """A task cell that is a numbered heading (一、…) beside a detail column holding the
    row's task: the heading as an item of its own, the row without it."""
    if len(_body_columns(columns)) < 2:
        return row, None
    label = _column(row, columns.task)
    if not label or columns.task is None or not is_heading_cell(text, label):
        return row, None
    title = _row_title(text, row, columns)
    if title == columns.task:
        return row, None
    row = list(row)
    row[columns.task] = ()
    return row, _heading_row(text, label[0][0], label[-1][1])


def _row_item(
    text: str, row: Row, filled: Row, columns: _Columns, number_in_task: Cell | None = None
) -> Item | None:
    printed = [span for cell in row if cell for span in cell if span[1] > span[0]]
    if not printed:
        return None
    title = _row_title(text, row, columns)
    fields = _row_fields(filled, columns, title)
    number_cell = _column(row, columns.numbers[0] if columns.numbers else None)
    number_cell = number_cell or number_in_task
    number_text = cell_text(text, number_cell)
    task_span = _first(_column(row, title))
    if len(printed) == 1 and None not in row and (
        _only_body(row, columns) or _numbered_heading(text, row, columns)
    ):
        return _heading_row(text, *printed[0])  # a heading row spanning the table: 一、主要目标
    rank, number = _row_number(number_text)
    if number and number_cell is number_in_task:
        number = _printed_label(number_text)  # 57. in the task cell: 57
    start = min(s for s, _ in printed)  # the number, or a cell printed before it
    body_start = task_span[0] if task_span else start
    end = max(e for _, e in printed)
    return Item(
        rank=rank,
        number=number,
        start=start,
        end=end,
        body_start=body_start,
        line_end=task_span[1] if task_span else end,
        fields=fields,
        from_table=True,
    )


def _column(row: Row, index: int | None) -> Cell | None:
    return row[index] if index is not None and index < len(row) else None


def _numbered_heading(text: str, row: Row, columns: _Columns) -> bool:
    """A row printing only a numbered heading in its number column ("一、主要预期目标 |||")."""
    cell = _column(row, columns.numbers[0] if columns.numbers else None)
    return bool(cell) and is_heading_cell(text, cell)


def is_heading_cell(text: str, cell: Cell) -> bool:
    """A cell opening with a number of an outline level above the table rows' (一、, （二）),
    text after it."""
    c = compiled()
    level = next(s.rank for s in c.styles if s.name == c.rules.table_number_style)
    return opens_numbered(text, cell[0][0], cell[-1][1], above=level)


def opens_numbered(text: str, start: int, end: int, *, above: int | None = None) -> bool:
    """Whether ``text[start:end]`` opens with an outline number (of a rank below ``above``,
    an outer level, when given) with text after it."""
    return any(
        (m := style.exact.match(text, start, end)) and m.end() < end
        for style in compiled().styles
        if above is None or style.rank < above
    )


def _only_body(row: Row, columns: _Columns) -> bool:
    return all(kind == FieldKind.BODY or not _column(row, i) for i, kind, _ in columns.fields)


def _heading_row(text: str, start: int, end: int) -> Item:
    for style in compiled().styles:
        m = style.exact.match(text, start, end)
        if m:
            return Item(
                style.rank + TABLE_RANK_OFFSET,
                number_label(style.name, m.group(0).strip()),
                start,
                end,
                m.end(),
                end,
                from_table=True,
            )
    return Item(TABLE_RANK_OFFSET, None, start, end, start, end, from_table=True)


@lru_cache(maxsize=4096)  # row numbers repeat: 1, 2, （一）…
def _row_number(number: str) -> tuple[int, str | None]:
    """The item rank and the printed number of a table row's number cell."""
    return _row_rank(number) + TABLE_RANK_OFFSET, squash(number) or None


def _printed_label(number: str) -> str:
    for style in compiled().styles:
        if style.exact.fullmatch(number):
            return number_label(style.name, number)
    return number


def _row_rank(number: str) -> int:
    number = number.strip()
    for style in compiled().styles:
        if number and style.exact.fullmatch(number):
            return style.rank
    by_name = {s.name: s.rank for s in compiled().styles}
    return by_name[compiled().rules.table_number_style]
