"""Tables in text, in the shapes a copy from a web page, a Word file or a PDF viewer gives:

- rows of ``|``/``│`` separated cells, one row a line, or ruled (┌─┬─┐) with cells wrapped
  over several lines between the rules and cells spanning rows (the rule under them open);
- one cell a line, with no separator, or with one at the line's end ("序号 |") or start
  ("| 重点工作", rows closed by a bare "|"), a cell broken over lines ("市\\n发\\n改\\n委");
- one row a line with the columns spaced out, a wrapped cell continuing on the next lines;
- the whole table run together on a line or a few, header first ("序号项目名称…1新建…2…").

Each shape is reduced to rows of cells (table_rows.py) read by their header names.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache, lru_cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import NormalizedDocument
from pipeline.stages.roles import role_label_pattern
from pipeline.stages.segment_rules import compiled, squash, text_lines
from pipeline.stages.table_headerless import headerless_region, headerless_table
from pipeline.stages.table_lines import (
    cell_opening,
    content_rows,
    numbered_cell_rows,
    unnumbered_rows,
)
from pipeline.stages.table_rows import (
    Cell,
    Row,
    Span,
    TableRegion,
    align,
    cell_kind,
    fit,
    header_cell,
    is_heading_cell,
    is_row_number,
    table_region,
)

_DIGIT_FIRST = regex.compile(r"\s*\d")  # a row of a table whose columns were spaced out
_ROW_NUMBER_LIMIT = 1000  # a bare number this large is a year or an amount, no row number
_HEADINGS_MAX = 3  # heading lines one over another before a table's rows
_GROUP_LINE_MAX = 40  # a group heading row of a table copied one cell a line is short
_HEADINGS_RUN_MAX = 12  # numbered headings one over another between two rows of a table
_ROW_NUMBER = regex.compile(r"\s*\d{1,4}")
_NAME_TAIL = 3  # a unit name goes on this far at most past an ending inside it (社|保局)
_CLAUSE = regex.compile(r"[。；;！!？?]")
_RUN_DEADLINE = regex.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?[^\d。，,；;]{0,8}$")
# Box-drawing corners and junctions (U+250C-U+254B, U+2552-U+256C) and the ASCII "+".
_JUNCTIONS = "".join(map(chr, [*range(0x250C, 0x254C), *range(0x2552, 0x256D)])) + "+"
_JUNCTION_SET = frozenset(_JUNCTIONS)
_RULES = "─━┄┅┈┉═-="

Lines = list[tuple[int, int]]


def table_regions(doc: NormalizedDocument, text: str, start: int, end: int) -> list[TableRegion]:
    lines = text_lines(text, start, end)
    regions: list[TableRegion] = []
    i = 0
    while i < len(lines):
        found = _table_at(doc, text, lines, i)
        if found is None:
            i += 1
            continue
        region, i = found
        if region is not None:
            regions.append(region)
    return regions


def _table_at(
    doc: NormalizedDocument, text: str, lines: Lines, i: int
) -> tuple[TableRegion | None, int] | None:
    """The table starting at line ``i`` and the line after it, or None."""
    if _is_table_line(text, *lines[i]):
        j = i
        while j + 1 < len(lines) and (
            _is_table_line(text, *lines[j + 1]) or _heading_row_line(text, lines, j + 1)
        ):
            j += 1
        rows = _pipe_rows(text, lines[i : j + 1])
        region = table_region(text, rows, lines[i][0], lines[j][1])
        if region is None:  # no header: rows numbered 1, 2, 3… read by their cells' content
            region = headerless_region(text, rows, lines[i][0], lines[j][1])
        return region, j + 1
    squashed = squash(text[slice(*lines[i])])
    if not compiled().column_any.match(squashed):
        if _ends_on_column_name(text, *lines[i]):  # "…情况(1-11月)序号 |": a title joined on
            return _stream_table(text, lines, i)
        if squashed[:-1] == "1" and squashed[-1] in compiled().separators:
            cells, stop = _closed_cells(text, lines, i)  # "1 |" opening a table with no header
            return headerless_table(text, cells, lines[i][0], lines[stop - 1][1], stop)
        return None  # no column name opens the line: no other shape starts here
    for reader in (_stream_table, _stacked_table):
        found = reader(text, lines, i)
        if found:
            return found
    kinds, rest = _header_prefix(squashed)
    if kinds and rest:
        return _run_together(doc, text, lines, i, kinds)
    if kinds:
        spaced = _spaced_table(doc, text, lines, i, kinds)
        return spaced if spaced[0] is not None else _run_lines(text, lines, i, kinds) or spaced
    return None


# ---------------------------------------------------------------- rows of separated cells


def _heading_row_line(text: str, lines: Lines, at: int) -> bool:
    """A heading row of one cell ("一、紧扣…深化政务公开|") between rows of the table."""
    start, end = _strip_span(text, *lines[at])
    return (
        at + 1 < len(lines)
        and _separators_in(text, start, end) == 1
        and text[end - 1] in compiled().separators
        and is_heading_cell(text, ((start, end - 1),))
        and _is_table_line(text, *lines[at + 1])
    )


def _is_table_line(text: str, start: int, end: int) -> bool:
    """Two cell separators or more, or a rule line."""
    c = compiled()
    if _unified(text[start:end], c.separators).count(c.separators[0]) >= 2:
        return True
    return _is_rule(text, start, end)


def _is_rule(text: str, start: int, end: int) -> bool:
    """A rule line (┌──┬──┐, ├──┤ │, +----+), possibly open under a spanning cell."""
    if end <= start:
        return False
    c = compiled()
    if c.border.fullmatch(text, start, end):
        return True
    if _JUNCTION_SET.isdisjoint(text[start:end]):
        return False  # the test below needs a junction: most lines are rows, not rules
    line = _unified(text[start:end], c.separators).replace(c.separators[0], " ")
    return bool(c.border.fullmatch(line)) and any(ch in _JUNCTIONS for ch in line)


def _pipe_rows(text: str, lines: Lines) -> list[Row]:
    """The rows of a run of table lines. Between rules drawn between the rows, the lines are
    one row (cells wrapped); a column whose rule is left open continues the cell above."""
    c = compiled()
    spans = [_strip_span(text, *s) for s in lines]
    is_rule = [_is_rule(text, *s) for s in spans]
    data = [s for s, rule in zip(spans, is_rule, strict=True) if not rule]
    opened = sum(1 for s, e in data if s < e and text[s] in c.separators)
    bordered = opened * 2 > len(data)  # │序号│…│ rather than an empty first cell
    ruled = _inner_rules(is_rule)
    rows: list[Row] = []
    opens: list[list[bool]] = []  # per row, per column: the rule above it is open
    group: list[list[Cell]] = []
    above: list[bool] = []
    for span, rule in zip(spans, is_rule, strict=True):
        if not rule:
            cells = [_cell(p) for p in _pipe_cells(text, *span, bordered=bordered)]
            if ruled:
                group.append(cells)
            else:
                rows.append(list(cells))
                opens.append([])
            continue
        if group:
            rows.append(_joined(group))
            opens.append(above)
            group = []
        above = _open_columns(text, *span)
    if group:
        rows.append(_joined(group))
        opens.append(above)
    return _spanned(rows, opens)


def _inner_rules(is_rule: list[bool]) -> bool:
    """Rules drawn between data rows, not only around the header and the table."""
    runs, previous = 0, True
    for rule in is_rule:
        runs += int(not rule and previous)
        previous = rule
    return runs > 2


def _joined(lines: list[list[Cell]]) -> Row:
    width = max(len(cells) for cells in lines)
    return [
        tuple(span for cells in lines if i < len(cells) for span in cells[i]) for i in range(width)
    ]


def _spanned(rows: list[Row], opens: list[list[bool]]) -> list[Row]:
    """Rows under an open rule share the cell above with it (a spanning cell, its text
    printed in any of its rows)."""
    for column in range(max((len(o) for o in opens), default=0)):
        first = 0
        for r in range(1, len(rows) + 1):
            if r < len(rows) and column < len(opens[r]) and opens[r][column]:
                continue  # row r continues the span
            if r - first > 1:
                group = range(first, r)
                shared = tuple(
                    s for g in group if column < len(rows[g]) for s in rows[g][column] or ()
                )
                for g in group:
                    if column < len(rows[g]):
                        rows[g][column] = shared
            first = r
    return rows


def _open_columns(text: str, start: int, end: int) -> list[bool]:
    """Per column, whether the rule line leaves it open (no rule drawn under a spanning cell)."""
    line = text[start:end]
    pieces = regex.split(f"[{regex.escape(_JUNCTIONS + compiled().separators)}]", line)
    if pieces and not pieces[0].strip():
        pieces = pieces[1:]  # before the left border
    if pieces and not pieces[-1]:
        pieces = pieces[:-1]  # after the right border
    return [not any(ch in _RULES for ch in piece) for piece in pieces]


def _pipe_cells(text: str, start: int, end: int, *, bordered: bool = False) -> list[Span]:
    """The cell spans of a row [start, end) that has no edge whitespace."""
    c = compiled()
    if bordered and start < end and text[start] in c.separators:
        start += 1  # a row that opens with a border: │序号│…│
    cells, at = [], start
    for piece in _unified(text[start:end], c.separators).split(c.separators[0]):
        n, body = len(piece), piece.strip()  # the cell: the piece without edge whitespace
        left = at if len(body) == n else at + n - len(piece.lstrip())
        cells.append((left, left + len(body)))
        at += n + 1
    if cells[-1][0] == cells[-1][1]:
        cells.pop()  # nothing after the closing separator
    return cells


def _unified(line: str, separators: str) -> str:
    """``line`` with every cell separator written as the first one (same length)."""
    for other in separators[1:]:
        if other in line:
            line = line.replace(other, separators[0])
    return line


def _strip_span(text: str, start: int, end: int) -> Span:
    if start >= end or not (text[start].isspace() or text[end - 1].isspace()):
        return start, end
    piece = text[start:end]
    body = piece.lstrip()
    start += len(piece) - len(body)
    return start, start + len(body.rstrip())


# ---------------------------------------------------------------- one cell a line


def _is_header_kinds(kinds: list[str]) -> bool:
    agency = AGENCY_FIELDS | {FieldKind.LEADER}
    return len(kinds) >= 2 and FieldKind.TASK in kinds and bool(agency & set(kinds))


def _stacked_table(text: str, lines: Lines, i: int) -> tuple[TableRegion | None, int] | None:
    """A table copied one cell per line, no separators: header lines, then rows as long."""
    kinds, header, at = _stacked_header(text, lines, i)
    if kinds[:2] == [FieldKind.NOTE, FieldKind.NUMBER]:  # 分类 | 序号: the category printed
        kinds, header = kinds[1:], header[1:]  # once, over its rows, reads as a group heading
    if len(kinds) < 3 or not _is_header_kinds(kinds):
        return None
    width = len(kinds)
    rows: list[Row] = [header]
    numbered = kinds[0] == FieldKind.NUMBER
    found = None if numbered else numbered_cell_rows(text, lines, at, kinds)
    if found:  # no number column: rows opened by a number inside a cell
        more, stop, kinds = found
        return table_region(text, rows + more, lines[i][0], lines[stop - 1][1], kinds), stop
    split = None if numbered else content_rows(text, lines, at, kinds)
    if split:  # headings over rows of task text, no number column
        more, stop = split
        return table_region(text, rows + more, lines[i][0], lines[stop - 1][1], kinds), stop
    if numbered and at < len(lines) and not is_row_number(text[slice(*lines[at])]):
        bare = unnumbered_rows(text, lines, at, kinds)
        if bare:  # rows printing no number: each opened by its task text
            more, stop = bare
            header = [rows[0][1:]]
            region = table_region(text, header + more, lines[i][0], lines[stop - 1][1], kinds[1:])
            return region, stop
    while at < len(lines):
        again, _, after = _stacked_header(text, lines, at)
        if again == kinds:  # the header printed again at a page break
            at = after
            continue
        if numbered and not is_row_number(text[slice(*lines[at])]):
            headings = _group_lines(text, lines, at)
            if not headings:
                break
            for span in lines[at : at + headings]:  # group headings spanning the table: rows
                rows.append([_cell(_strip_span(text, *span)), *[()] * (width - 1)])  # of one cell
            at += headings
            continue
        if at + width > len(lines):
            if numbered and len(lines) - at >= 2:  # the text ends inside the last row
                rows.append(_cut_row(text, lines[at:], width))
                at = len(lines)
            break
        short = _short_row(text, lines, at, width) if numbered else 0
        if short:  # the next number before the row's last cell: an empty cell left out
            rows.append(align(text, _unit_runs(text, lines[at : at + short], kinds), kinds))
            at += short
            continue
        extra = _row_rest(text, lines, at + width, kinds) if numbered else 0
        cells = _unit_runs(text, lines[at : at + width + extra], kinds) if extra else []
        if extra and len(cells) <= width:  # units one a line, the other cells where they fit
            rows.append(align(text, cells, kinds))
        elif extra:  # more lines than columns: cells of several lines, sub-rows
            rows += _distributed(text, lines[at : at + width + extra], kinds)
        else:
            rows.append([_cell(_strip_span(text, *span)) for span in lines[at : at + width]])
        at += width + extra
    if len(rows) < 2:
        return None
    return table_region(text, rows, lines[i][0], lines[at - 1][1], kinds), at


def _stacked_header(text: str, lines: Lines, i: int) -> tuple[list[str], Row, int]:
    """Column names one a line from line ``i``; a name broken over two lines ("牵头" over
    "部门") is one header cell. The kinds, the header row and the line after it."""
    kinds: list[str] = []
    header: Row = []
    at = i
    while at < len(lines):
        line = text[slice(*lines[at])]
        after = text[slice(*lines[at + 1])] if at + 1 < len(lines) else ""
        kind = cell_kind(line)
        joined = cell_kind(line + after) if kinds and after else None
        if joined is not None and (kind is None or cell_kind(after) is None):
            kinds.append(joined)  # "完成" over "时间": 完成时间, not 完成 (a progress column)
            header.append((lines[at], lines[at + 1]))
            at += 2
            continue
        if kind is None:
            break
        kinds.append(kind)
        header.append((lines[at],))
        at += 1
    return kinds, header, at


def _short_row(text: str, lines: Lines, at: int, width: int) -> int:
    """The lines of a numbered row printed with fewer cells than the header (an empty cell
    the copy left out): up to the next row's number, when it comes before the row's last
    cell and a row follows it; 0 when the row is full."""
    number = squash(text[slice(*lines[at])]).rstrip("*＊※")
    if not number.isdecimal():
        return 0
    following = str(int(number) + 1)
    for k in range(2, min(width, len(lines) - at - 1)):
        line = squash(text[slice(*lines[at + k])])
        if line == following:
            return k if not is_row_number(text[slice(*lines[at + k + 1])]) else 0
        if cell_kind(line) == FieldKind.NUMBER:
            return k  # the header printed again (a page break) after the row
    return 0


def _distributed(text: str, lines: Lines, kinds: list[str]) -> list[Row]:
    """A numbered row printed over more lines than the header has columns: each line, in
    order, stays in its unit column (units one a line) or goes to the next column its content
    fits; task text after the task's columns opens a sub-row under the same spanning cells
    ("开工建设老年大学。" after "5月底前动工"); a labelled line ("省牵头单位:…") and text
    fitting nowhere are read with the task text."""
    task, width = kinds.index(FieldKind.TASK), len(kinds)
    row: Row = [_cell(_strip_span(text, *lines[0])), *[()] * (width - 1)]
    rows, column = [row], 0
    for line in lines[1:]:
        span = _strip_span(text, *line)
        content = _text(text, (span,))
        labelled = bool(_label_re().search(content))
        to = None if labelled else _next_column(content, kinds, column)
        if to is None and not labelled and column > task and fit(content, FieldKind.TASK) > 0:
            row = [None] * width
            rows.append(row)  # a sub-row: the cells it does not print span it
            to = column = task
        to = task if to is None else to
        row[to] = (row[to] or ()) + (span,)
        column = max(column, to)
    return rows


def _unit_runs(text: str, lines: Lines, kinds: list[str]) -> list[Cell]:
    """A row's lines as cells; with one unit column, a run of lines that each name units (one
    a line) is one cell (with two, a run may be the lead cell over the participants' cell)."""
    cells: list[Cell] = []
    if sum(kind in AGENCY_FIELDS for kind in kinds) != 1:
        return [_cell(_strip_span(text, *line)) for line in lines]
    units = False
    for line in lines:
        span = _strip_span(text, *line)
        now = _units_line(text, span) and not _label_re().search(_text(text, (span,)))
        if now and units:
            cells[-1] = (*cells[-1], span)
        else:
            cells.append(_cell(span))
        units = now
    return cells


def _next_column(content: str, kinds: list[str], column: int) -> int | None:
    """The column a cell line goes to after ``column``: the best fit (the earliest on a tie),
    the unit column it is in counting; None when it fits no column."""
    stay = [column] if kinds[column] in AGENCY_FIELDS else []
    fits = [(fit(content, kinds[j]), -j) for j in [*stay, *range(column + 1, len(kinds))]]
    best = max(fits, default=None)
    return -best[1] if best and best[0] > 0 else None


def _unit_or_date(line: str, kinds: list[str]) -> bool:
    cell = squash(line)
    return any(fit(cell, k) > 0 for k in kinds if k in AGENCY_FIELDS or k == FieldKind.DEADLINE)


@cache
def _label_re() -> regex.Pattern:
    return regex.compile(role_label_pattern())


def _cut_row(text: str, lines: Lines, width: int) -> Row:
    """A last row the copy cut short (a page excerpt): its cells, the rest printed empty."""
    return [*(_cell(_strip_span(text, *span)) for span in lines), *[()] * (width - len(lines))]


def _row_rest(text: str, lines: Lines, at: int, kinds: list[str]) -> int:
    """Lines after a numbered row's last cell, up to the next row or group heading: a cell
    the header has no column for ("省牵头单位:省农业农村厅"), more units, a sub-row. A line
    that reads as a unit or date cell of the row ("12月底前" over the next number) is no
    group heading."""
    c = compiled()
    for k in range(min(c.rules.max_cell_lines, len(lines) - at)):
        line = text[slice(*lines[at + k])]
        if is_row_number(line):
            return k
        if _group_line(text, lines, at + k) and not _unit_or_date(line, kinds):
            return k
        if cell_kind(line) or any(s.line_start.match(line) for s in c.styles):
            return k  # a header or a numbered heading after the table
    return 0


def _group_lines(text: str, lines: Lines, at: int) -> int:
    """The group heading lines from line ``at`` on, up to a row number: one short line, or
    numbered headings one over another (a notice's extract keeps the headings of the rows it
    leaves out: "二、…" "三、…" over "68"); 0 when no row follows them."""
    if _group_line(text, lines, at):
        return 1
    styles = compiled().styles
    k = 0
    while at + k < len(lines) and k < _HEADINGS_RUN_MAX:
        line = text[slice(*lines[at + k])].strip()
        if is_row_number(line):
            return k
        if len(line) > _GROUP_LINE_MAX or not any(s.line_start.match(line) for s in styles):
            return 0
        k += 1
    return 0


def _group_line(text: str, lines: Lines, at: int) -> bool:
    """A line where a numbered row should open, followed by the first row of a group:
    "经济社会发展主要预期目标分解(15项)" over "1"."""
    line = text[slice(*lines[at])].strip()
    if not line or len(line) > _GROUP_LINE_MAX or at + 1 >= len(lines):
        return False
    return is_row_number(text[slice(*lines[at + 1])])


def _cell(span: Span) -> Cell:
    return (span,) if span[1] > span[0] else ()


def _stream_table(text: str, lines: Lines, i: int) -> tuple[TableRegion | None, int] | None:
    """One cell a line (or a few), each closed by a separator at its line's end ("序号 |"),
    or each after the first opened by one at its line's start ("| 重点工作"), a bare
    separator closing the row. Rows with fewer cells than the header sit under spanning
    cells."""
    seps = compiled().separators
    first = text[slice(*lines[i])].rstrip()
    following = text[slice(*lines[i + 1])].lstrip() if i + 1 < len(lines) else ""
    if first[-1:] and first[-1] in seps:
        cells, stop = _closed_cells(text, lines, i)
        return _stream_rows(text, lines, i, stop, _rows_by_number(text, cells))
    if following[:1] and following[0] in seps:
        rows, stop = _opened_rows(text, lines, i)
        return _stream_rows(text, lines, i, stop, rows)
    return None


def _stream_rows(
    text: str, lines: Lines, i: int, stop: int, rows: list[list[Cell]]
) -> tuple[TableRegion | None, int] | None:
    if len(rows) < 2:
        return None
    found = [cell_kind(_text(text, cell)) if cell else FieldKind.NUMBER for cell in rows[0]]
    known = [k for k in found if k is not None]
    if len(known) != len(found) or not _is_header_kinds(known):
        return None
    aligned: list[Row] = [list(rows[0]), *(_stream_row(text, row, known) for row in rows[1:])]
    return table_region(text, aligned, lines[i][0], lines[stop - 1][1], known), stop


def _stream_row(text: str, row: list[Cell], kinds: list[str]) -> Row:
    """A row's cells in their columns; a numbered heading alone spans the table."""
    cells = _trimmed(row)
    if len(cells) == 1 and cells[0] and is_heading_cell(text, cells[0]):
        return [cells[0], *[()] * (len(kinds) - 1)]
    return align(text, cells, kinds)


def _trimmed(row: list[Cell]) -> list[Cell]:
    """A row without the empty cells ending it ("||"): a row that left a cell out (an empty
    one dropped by the copy) is placed by its content, not shifted by the empty ones."""
    end = len(row)
    while end > 1 and not row[end - 1]:
        end -= 1
    return row[:end]


def _separators_in(text: str, start: int, end: int) -> int:
    seps = compiled().separators
    return sum(text.count(sep, start, end) for sep in seps)


def _closed_cells(text: str, lines: Lines, i: int) -> tuple[list[Cell], int]:
    """Cells closed by a separator ending their last line; the line after the last one."""
    seps, limit = compiled().separators, compiled().rules.max_cell_lines
    cells: list[Cell] = []
    opened, stop = None, i
    for j in range(i, len(lines)):
        s, e = _strip_span(text, *lines[j])
        count = _separators_in(text, s, e)
        if opened is None and count == e - s > 1:  # "||": empty cells, each closed
            cells.extend([()] * count)
            stop = j + 1
            continue
        empties = _empty_cells_after(text, s, e)
        if empties:  # "3.…。| |", "★区财政局| |||": a cell, then empty cells closed
            e, count = empties, 1
        if count > 1 or (count == 1 and text[e - 1] not in seps):
            break
        if opened is None:
            opened = j
        if count == 1:
            cells.append(_cell(_strip_span(text, lines[opened][0], e - 1)))
            opened, stop = None, j + 1
            if empties:
                cells.extend([()] * _separators_in(text, e, lines[j][1]))
        elif j - opened >= limit:
            break
    return cells, stop


def _empty_cells_after(text: str, start: int, end: int) -> int:
    """Where a line's first cell ends (after its separator) when only separators and spaces
    follow it: empty cells closed after the cell; else 0."""
    seps = compiled().separators
    first = next((k for k in range(start, end) if text[k] in seps), end)
    if first == start or first >= end - 1:
        return 0
    rest = text[first + 1 : end]
    return first + 1 if not rest.strip(seps + " \t") else 0


def _rows_by_number(text: str, cells: list[Cell]) -> list[list[Cell]]:
    """Header cells, then rows: each opened by a row number when the first column numbers
    the rows, else as wide as the header."""
    cells = [header_cell(text, cells[0]), *cells[1:]] if cells else cells
    width = 0
    while width < len(cells) and cell_kind(_text(text, cells[width])) is not None:
        width += 1
    if width < 2:
        return []
    numbered = cell_kind(_text(text, cells[0])) == FieldKind.NUMBER
    bare = None if numbered else _bare_number_rows(text, cells, width)
    if bare:
        return bare
    rows = [cells[:width]]
    inner: tuple[str, int] | None = None  # the number the last task cell opened with
    last: int | None = None  # the last row number read
    for cell in cells[width:]:
        content = _text(text, cell)
        opening = cell_opening(content)
        if numbered:  # a row number, or the next number opening a task cell (序号 spanned)
            value = _decimal(content)
            in_turn = value is None or last is None or value in (last + 1, 1)  # not 2024, 300
            opens = (is_row_number(content) and in_turn) or bool(
                opening and inner and opening == (inner[0], inner[1] + 1)
            )
            last = value if opens and value is not None else last
        else:
            opens = len(rows[-1]) == width
        inner = opening or inner
        if opens or len(rows) == 1:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    return rows


def _bare_number_rows(text: str, cells: list[Cell], width: int) -> list[list[Cell]] | None:
    """Rows numbered 1, 2, 3… in a column the header does not name (工作任务 | 具体要求 | …
    over "强化公开 | 1 | 对…清理 | 办公室 | 年底前"): the header with an empty cell where the
    numbers stand, each row opened by its number, the cells before it (a category printed
    on its group's first row only) its first cells; or None."""
    data = cells[width:]
    values = [_row_number_value(text, cell) for cell in data]
    sequence: list[int] = []  # where 1, 2, 3… stand
    for k, value in enumerate(values):
        if value == len(sequence) + 1:
            sequence.append(k)
    if len(sequence) < 2 or not 0 < sequence[0] < width:
        return None
    column, after = sequence[0], width - sequence[0]  # cells after the number in a row
    if any(b - a > width + 1 or b - a < after + 1 for a, b in itertools.pairwise(sequence)):
        return None
    header = [*cells[:column], (), *cells[column:width]]
    rows, taken = [header], 0
    for at in sequence:
        before = data[taken:at][-column:] if at > taken else []
        end = at + 1 + after
        rows.append([*[()] * (column - len(before)), *before, *data[at:end]])
        taken = end
    return rows


def _row_number_value(text: str, cell: Cell) -> int | None:
    """A bare row number (1 to 999) the cell holds."""
    value = _decimal(_text(text, cell))
    return value if value is not None and value < _ROW_NUMBER_LIMIT else None


def _decimal(content: str) -> int | None:
    content = content.strip()
    return int(content) if content.isdecimal() else None


def _ends_on_column_name(text: str, start: int, end: int) -> bool:
    s, e = _strip_span(text, start, end)
    if e - s < 2 or text[e - 1] not in compiled().separators:
        return False
    cell = (_strip_span(text, s, e - 1),)
    return cell_kind(_text(text, header_cell(text, cell))) is not None


def _text(text: str, cell: Cell) -> str:
    return "".join(text[s:e] for s, e in cell)


def _opened_rows(text: str, lines: Lines, i: int) -> tuple[list[list[Cell]], int]:
    """Rows whose cells after the first open with a separator, closed by a bare one."""
    seps, limit = compiled().separators, compiled().rules.max_cell_lines
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cell: Span | None = None
    stop, lines_in_cell = i, 0
    for j in range(i, len(lines)):
        s, e = _strip_span(text, *lines[j])
        count = _separators_in(text, s, e)
        opens = count == 1 and text[s] in seps
        if count > 1 or (count == 1 and not opens) or lines_in_cell >= limit:
            break
        if opens and e - s == 1:  # a bare separator: the row ends
            row.append(_cell(cell) if cell else ())
            rows.append(row)
            row, cell, stop, lines_in_cell = [], None, j + 1, 0
            continue
        if opens:
            if cell is not None:
                row.append(_cell(cell))
            cell, lines_in_cell = _strip_span(text, s + 1, e), 1
        else:
            cell = (cell[0], e) if cell else (s, e)
            lines_in_cell += 1
    return rows, stop


# ---------------------------------------------------------------- columns spaced out


def _header_prefix(squashed: str) -> tuple[list[str] | None, str]:
    """Column kinds of a header of known column names run together at the line's start,
    and the text after it."""
    path = _header_path(squashed)
    kinds = [kind for _, kind in path]
    if not _is_header_kinds(kinds):
        return None, squashed
    return kinds, squashed[path[-1][0] :]


def _header_path(line: str, at: int = 0) -> tuple[tuple[int, str], ...]:
    """The column names run together from ``at``: (end, kind) each, the reading that goes
    furthest, then the one with more columns ("序号重点督办内容" is 序号 | 重点督办内容, not
    one task column)."""
    return _header_paths(line, at)[1]


@lru_cache(maxsize=1024)
def _header_paths(line: str, at: int) -> tuple[tuple[int, int], tuple[tuple[int, str], ...]]:
    start = at
    while start < len(line) and line[start].isspace():
        start += 1
    best: tuple[tuple[int, int], tuple[tuple[int, str], ...]] = ((at, 0), ())
    for pattern, kind in compiled().columns:
        m = pattern.match(line, start)
        if m is None or m.end() == start:
            continue
        (reach, count), rest = _header_paths(line, m.end())
        candidate = ((reach, count + 1), ((m.end(), kind), *rest))
        best = max(best, candidate, key=lambda c: c[0])
    return best


def _spaced_table(
    doc: NormalizedDocument, text: str, lines: Lines, i: int, kinds: list[str]
) -> tuple[TableRegion | None, int]:
    """Rows opened by their number, columns where the source had spaces; lines without a
    number continue the row above, each piece in the column it stands under."""
    header_columns = _visual_starts(doc, *lines[i])
    rows: list[Row] = [[(lines[i],)] * len(kinds)]
    j = i
    while j + 1 < len(lines):
        pieces = _source_lines(doc, *lines[j + 1])
        if _heading_before_row(text, lines, j + 1):  # 一、… over the rows of its group
            rows.append([(pieces[0],), *[()] * (len(kinds) - 1)])
            j += 1
            continue
        if not _DIGIT_FIRST.match(text, *pieces[0]):
            break
        rows.append(list(_gap_cells(doc, *pieces[0], len(kinds))))
        units: list[Span] = []  # unit cells printed one a line under the row
        for span in pieces[1:]:  # lines a copy joined back into the row: wrapped cells
            if _under_columns(doc, span, header_columns):
                rows[-1] = _continued(doc, rows[-1], span, header_columns, len(kinds))
            elif _units_line(text, span):
                units.append(span)
        while j + 2 < len(lines):
            if _under_columns(doc, lines[j + 2], header_columns):
                rows[-1] = _continued(doc, rows[-1], lines[j + 2], header_columns, len(kinds))
            elif _units_line(text, lines[j + 2]):
                units.append(_strip_span(text, *lines[j + 2]))
            else:
                break
            j += 1
        rows[-1] = _with_unit_lines(text, rows[-1], units, kinds)
        rest = _rest_before_row(text, lines, j + 2)
        if rest:  # the row's last cell after its units one a line ("…同比增长3.4%。")
            last = len(kinds) - 1
            rows[-1] = [*rows[-1][:last], (*(rows[-1][last] or ()), *rest)]
            j += len(rest)
        j += 1
    if len(rows) < 2:
        return None, j + 1
    return table_region(text, rows, lines[i][0], lines[j][1], kinds), j + 1


def _heading_before_row(text: str, lines: Lines, at: int) -> bool:
    """A numbered heading line (一、…) with a numbered row after it, or after the headings
    under it (二、重点工作 over （一）… over "10 …")."""
    k = at
    while k < len(lines) and k - at < _HEADINGS_MAX and is_heading_cell(text, (lines[k],)):
        k += 1
    return at < k < len(lines) and bool(_DIGIT_FIRST.match(text, *lines[k]))


def _rest_before_row(text: str, lines: Lines, at: int) -> list[Span]:
    """Lines without a number from ``at`` up to the next numbered row (or a heading over
    one), when one follows within a cell's reach: the rest of the row above; else none."""
    reach = compiled().rules.max_cell_lines
    for k in range(at, min(len(lines), at + reach)):
        if _DIGIT_FIRST.match(text, *lines[k]) or _heading_before_row(text, lines, k):
            return [_strip_span(text, *span) for span in lines[at:k]]
        if any(s.line_start.match(text, lines[k][0]) for s in compiled().styles):
            return []
    return []


def _units_line(text: str, span: Span) -> bool:
    """A line without a row number that reads as a list of units."""
    content = squash(text[slice(*span)])
    return not _DIGIT_FIRST.match(content) and fit(content, FieldKind.LEAD) > 0


def _with_unit_lines(text: str, row: Row, units: list[Span], kinds: list[str]) -> Row:
    """A row with unit cells printed one a line under it ("区财政局" over "区税务局" over
    "区政府有关部门，…"): the last lines fill the empty unit columns after the last one
    printed, one a line; lines beyond those join the last printed unit cell."""
    if not units:
        return row
    row = list(row)
    unit_columns = [k for k, kind in enumerate(kinds) if kind in AGENCY_FIELDS]
    printed = [k for k in unit_columns if row[k]]
    empty = [k for k in unit_columns if not row[k] and (not printed or k > printed[-1])]
    joined = max(0, len(units) - len(empty)) if printed else 0
    if printed:
        row[printed[-1]] = (*(row[printed[-1]] or ()), *units[:joined])
    for column, span in zip(empty, units[joined:], strict=False):
        row[column] = (span,)
    return row


def _source_lines(doc: NormalizedDocument, start: int, end: int) -> list[Span]:
    """The line [start, end) cut where the source had a line break (lines joined as wrapped)."""
    offsets, raw = doc.source_offsets, doc.source.raw_text
    cuts = [
        at
        for at in range(start + 1, end)
        if offsets[at] - offsets[at - 1] > 1 and "\n" in raw[offsets[at - 1] : offsets[at]]
    ]
    return [_strip_span(doc.text, s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]


def _gap_cells(doc: NormalizedDocument, start: int, end: int, n: int) -> list[Cell]:
    """Cells of a row whose columns were separated by whitespace in the source."""
    text = doc.text
    cuts = doc.gaps_between(start, end)
    number = _ROW_NUMBER.match(text[start:end])
    if number and (not cuts or cuts[0] > start + number.end()):
        cuts.insert(0, start + number.end())
    pieces = [_strip_span(text, s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]
    if len(pieces) <= n:
        return [_cell(p) for p in pieces] + [()] * (n - len(pieces))
    head, tail = pieces[:1], pieces[len(pieces) - (n - 2) :]
    middle = (pieces[1][0], pieces[len(pieces) - (n - 2) - 1][1])
    return [_cell(p) for p in (*head, middle, *tail)]


def _visual_column(doc: NormalizedDocument, at: int) -> int:
    """The column ``text[at]`` stood at in its source line, wide characters counting two."""
    raw = doc.source.raw_text
    pos = doc.source_offset(at)
    line_start = raw.rfind("\n", 0, pos) + 1
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in raw[line_start:pos])


def _pieces(doc: NormalizedDocument, start: int, end: int) -> list[Span]:
    cuts = doc.gaps_between(start, end)
    spans = [_strip_span(doc.text, s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]
    return [s for s in spans if s[1] > s[0]]


def _visual_starts(doc: NormalizedDocument, start: int, end: int) -> list[int]:
    return [_visual_column(doc, s) for s, _ in _pieces(doc, start, end)]


def _under_columns(doc: NormalizedDocument, span: Span, header: list[int]) -> bool:
    """A line indented under the columns after the first: the rest of wrapped cells."""
    pieces = _pieces(doc, *span)
    if not pieces or len(header) < 2:
        return False
    if any(s.line_start.match(doc.text, span[0]) for s in compiled().styles):
        return False  # a numbered line: a heading after the table
    return _visual_column(doc, pieces[0][0]) >= header[1] - 1


def _continued(
    doc: NormalizedDocument, row: Row, span: Span, header: list[int], n: int
) -> Row:
    row = list(row) + [()] * (n - len(row))
    for piece in _pieces(doc, *span):
        x = _visual_column(doc, piece[0])
        column = max([0, *(k for k, h in enumerate(header[:n]) if h <= x + 1)])
        row[column] = (row[column] or ()) + (piece,)
    return row


# ---------------------------------------------------------------- run together


def _run_together(
    doc: NormalizedDocument, text: str, lines: Lines, i: int, kinds: list[str]
) -> tuple[TableRegion | None, int] | None:
    """A header of column names and its numbered rows run together in one line (or a few):
    a row ends where the next number follows a unit name or a date, its unit columns are
    read from its end."""
    if kinds[0] != FieldKind.NUMBER:
        return None
    line_start, line_end = lines[i]
    view = text[line_start:line_end]
    header_end = _header_end(view, len(kinds))
    starts = _row_starts(text, line_start + header_end, line_end)
    if not starts:
        return None
    rows: list[Row] = [[((line_start, line_start + header_end),)] * len(kinds)]
    for row_start, row_end in zip(starts, [*starts[1:], line_end], strict=True):
        rows.append(_run_cells(text, row_start, row_end, kinds))
    return table_region(text, rows, line_start, line_end, kinds), i + 1


def _run_lines(
    text: str, lines: Lines, i: int, kinds: list[str]
) -> tuple[TableRegion | None, int] | None:
    """A header of column names run together on its own line, then rows run together one a
    line: cells before the number (a category printed on each row) go to the columns before
    the number column; the table ends at the first line not opened by the next number."""
    number = kinds.index(FieldKind.NUMBER) if FieldKind.NUMBER in kinds else -1
    if number < 0 or FieldKind.TASK not in kinds[number:]:
        return None
    rows: list[Row] = [[(lines[i],)] * len(kinds)]
    expected, j = 1, i + 1
    while j < len(lines):
        start, end = lines[j]
        opening = _row_opening(text, start, end, expected, prefix=number > 0)
        if opening is None:
            break
        starts = [opening, *_row_starts(text, opening, end, expected)[1:]]
        for row_start, row_end in zip(starts, [*starts[1:], end], strict=True):
            cells = _run_cells(text, row_start, row_end, kinds[number:])
            before = [_cell(_strip_span(text, start, opening))] if row_start == opening else []
            rows.append([*(before + [()] * number)[:number], *cells])
        expected += len(starts)
        j += 1
    if len(rows) < 2:
        return None
    return table_region(text, rows, lines[i][0], lines[j - 1][1], kinds), j


def _row_opening(text: str, start: int, end: int, expected: int, *, prefix: bool) -> int | None:
    """Where row ``expected`` opens a line: at its start, or after a short label (the row's
    category) when the header has columns before the number."""
    limit = _GROUP_LINE_MAX if prefix else 0
    m = regex.compile(rf"(?<!\d){expected}(?![\d.%％])").search(text, start, end)
    if m is None or m.start() - start > limit or _CLAUSE.search(text, start, m.start()):
        return None
    return m.start()


def _header_end(line: str, columns: int) -> int:
    path = _header_path(line)
    return path[min(columns, len(path)) - 1][0]


def _row_starts(text: str, start: int, end: int, first: int = 1) -> list[int]:
    """Where rows 1, 2, 3… begin: each number after the row before has ended on a unit name
    or a date, and not inside a number."""
    starts, expected, at = [], first, start
    while at < end:
        found = None
        for m in regex.finditer(rf"(?<!\d){expected}(?![\d.%％])", text[at:end]):
            p = at + m.start()
            if not starts or _row_may_end(text, starts[-1], p):
                found = p
                break
        if found is None:
            break
        starts.append(found)
        at, expected = found + len(str(expected)), expected + 1
    return starts if starts and text[start:starts[0]].strip() == "" else []


def _row_may_end(text: str, row_start: int, at: int) -> bool:
    before = text[row_start:at].rstrip()
    if compiled().deadline_cell.search(before[-8:]):
        return True
    return _units_end(before) is not None


def _units_end(text: str) -> int | None:
    """Where the unit names ending ``text`` begin (names joined by 、，和; two names run
    together with nothing between them belong to two columns), or None."""
    names = list(compiled().run_together_unit.finditer(text))
    if not names or names[-1].end() != len(text):
        return None
    at = names[-1].start()
    for name in reversed(names[:-1]):
        between = text[name.end() : at]
        if not between or between.strip("、，,和及 ") or name.end() > at:
            break
        at = name.start()
    return at


def _run_cells(text: str, start: int, end: int, kinds: list[str]) -> Row:
    """Number, task text, then the unit (and date) columns read from the row's end; notes
    after the units (全年完成情况) begin where the unit names after the task's last clause
    end."""
    row: Row = [()] * len(kinds)
    number = regex.match(r"\s*\d+", text[start:end])
    at = start + (number.end() if number else 0)
    if number:
        row[0] = ((start, at),)
    stop, last = end, len(kinds) - 1
    while last > 0 and kinds[last] == FieldKind.NOTE:
        last -= 1
    groups: list[int] = []  # where the unit names read forward start, a column each
    if last < len(kinds) - 1:
        units = _units_after_clause(text, at, end)
        if units is not None:
            groups, units_end = units
            row[last + 1] = _cell(_strip_span(text, units_end, end))
            stop = units_end
    for k in range(last, 0, -1):
        kind = kinds[k]
        piece = text[at:stop]
        if kind == FieldKind.DEADLINE:
            m = _RUN_DEADLINE.search(piece)
            cut = at + m.start() if m and compiled().deadline_cell.search(m.group(0)) else stop
        elif kind in AGENCY_FIELDS and groups:  # one run of names left: the first column's
            more = len(groups) == 1 and kinds[k - 1] in AGENCY_FIELDS
            cut = stop if more else groups.pop()
        elif kind in AGENCY_FIELDS:
            found = _units_end(piece)
            cut = at + found if found is not None else stop
        else:
            row[k] = _cell((at, stop))
            stop = at
            break
        row[k] = _cell((cut, stop))
        stop = cut
    return row


def _units_after_clause(text: str, start: int, end: int) -> tuple[list[int], int] | None:
    """The unit names that follow a clause of the task (its last sentence over its units,
    text of another column after them): where each run of names joined by 、，和 starts (two
    names run together belong to two columns), and where the last name ends; or None."""
    unit = compiled().run_together_unit
    for clause in _CLAUSE.finditer(text, start, end):
        at, found, groups = clause.end(), None, []
        while (m := unit.match(text, at, end)) is not None:
            if found is None or found == at:
                groups.append(at)
            found = at = _longest_name(text, m.start(), m.end(), end)
            while at < end and text[at] in "、，,和及 ":
                at += 1
        if found is not None:
            return groups, found
    return None


def _longest_name(text: str, start: int, at: int, end: int) -> int:
    """The end of the unit name opening at ``start``: the pattern stops at the first name
    ending ("区人力社" of 区人力社保局); a name ending a few characters on is read to it when
    no other name starts between ("区发展改革委区统计局" stays two)."""
    unit = compiled().run_together_unit
    while unit.match(text, at, end) is None:
        ends = range(at + 1, min(end, at + _NAME_TAIL) + 1)
        longer = next((e for e in ends if unit.fullmatch(text, start, e)), None)
        if longer is None:
            break
        at = longer
    return at
