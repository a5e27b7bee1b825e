"""A table copied one cell a line: with no separator, or with one at each line's end
("序号 |") or start ("| 重点工作", rows closed by a bare "|"); a cell broken over lines
("市\\n发\\n改\\n委"); units one a line in a single unit column; numbered headings of
left-out rows between the rows.
"""

from __future__ import annotations

import itertools
from functools import cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages.agency_names import (
    agency_end,
    looks_like_agency,
    prefix_ends,
    to_simplified,
)
from pipeline.stages.segment_rules import compiled, squash
from pipeline.stages.table_cells import (
    GROUP_LINE_MAX,
    Lines,
    as_cell,
    is_header_kinds,
    separators_in,
    strip_span,
    trimmed,
)
from pipeline.stages.table_columns import cell_kind, header_cell
from pipeline.stages.table_fit import category_left_out, is_row_number
from pipeline.stages.table_lines import (
    cell_opening,
    content_rows,
    numbered_cell_rows,
    unnumbered_rows,
)
from pipeline.stages.table_merged import merged_rows, row_fit
from pipeline.stages.table_row_lines import distributed, unit_or_date, unit_runs
from pipeline.stages.table_rows import (
    Cell,
    Row,
    Span,
    TableRegion,
    align,
    is_heading_cell,
    table_region,
)

_ROW_NUMBER_LIMIT = 1000  # a bare number this large is a year or an amount, no row number


_HEADINGS_RUN_MAX = 12  # numbered headings one over another between two rows of a table


def stacked_table(text: str, lines: Lines, i: int) -> tuple[TableRegion | None, int] | None:
    """A table copied one cell per line, no separators: header lines, then rows as long; a
    unit name broken over two lines of its cell reads as one line."""
    at = _stacked_header(text, lines, i)[2]
    joined, old_index = _broken_names_joined(text, lines, at)
    found = _stacked(text, joined, i)
    if found is None or joined is lines:
        return found
    region, stop = found
    return region, old_index[stop] if stop < len(old_index) else len(lines)


_BROKEN_NAME_MAX = 8  # a unit name broken over two lines of a cell: its first piece is short


def _broken_names_joined(text: str, lines: Lines, at: int) -> tuple[Lines, list[int]]:
    """The lines from ``at`` with each unit name broken over two lines ("区新兴产业" over
    "服务中心") joined into one, and for each line of the result its index in ``lines``."""
    joined: list[tuple[int, int]] = list(lines[:at])
    old_index = list(range(at))
    k = at
    while k < len(lines):
        old_index.append(k)
        if k + 1 < len(lines) and _name_piece(text, lines[k], lines[k + 1]):
            joined.append((lines[k][0], lines[k + 1][1]))
            k += 2
            continue
        joined.append(lines[k])
        k += 1
    return (lines if len(joined) == len(lines) else joined), old_index


def _name_piece(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """A short line opening with a jurisdiction that names no unit, and a line with none
    after it, that read together as one name (区新兴产业 | 服务中心, 区综合行政 | 执法局)."""
    head, tail = squash(text[slice(*first)]), squash(text[slice(*second)])
    if not 2 <= len(head) <= _BROKEN_NAME_MAX or not head.isalpha() or not tail.isalpha():
        return False
    if not prefix_ends(to_simplified(head)) or prefix_ends(to_simplified(tail)):
        return False
    if agency_end(head, 0, len(head)) == len(head):
        return False  # the first line is a name of its own
    whole = head + tail
    return agency_end(whole, 0, len(whole)) == len(whole) and looks_like_agency(whole)


def _stacked(text: str, lines: Lines, i: int) -> tuple[TableRegion | None, int] | None:
    kinds, header, at = _stacked_header(text, lines, i)
    kinds, header = _second_header_row(text, kinds, header)
    if kinds[1:2] == [FieldKind.NUMBER] and kinds[0] in {FieldKind.NOTE, FieldKind.NAME}:
        kinds, header = kinds[1:], header[1:]  # 分类 | 序号: the category, printed once over
        # its rows, reads as a group heading
    if len(kinds) < 3 or not is_header_kinds(kinds):
        return None
    width = len(kinds)
    rows: list[Row] = [header]
    numbered = kinds[0] == FieldKind.NUMBER
    bare = None if numbered else _bare_stacked(text, lines, at, header, kinds)
    if bare:  # rows numbered in a column the header does not name
        more, stop = bare
        kinds = _bare_kinds(text, more[0])
        return table_region(text, more, lines[i][0], lines[stop - 1][1], kinds), stop
    found = None if numbered else numbered_cell_rows(text, lines, at, kinds)
    if found:  # no number column: rows opened by a number inside a cell
        more, stop, kinds = found
        return table_region(text, rows + more, lines[i][0], lines[stop - 1][1], kinds), stop
    split = None if numbered else content_rows(text, lines, at, kinds)
    if split:  # headings over rows of task text, no number column
        more, stop = split
        return table_region(text, rows + more, lines[i][0], lines[stop - 1][1], kinds), stop
    merged = None if numbered else merged_rows(text, lines, at, kinds)
    if merged:  # no number column, cells spanning rows printed once: rows by alignment
        more, stop = merged
        return table_region(text, rows + more, lines[i][0], lines[stop - 1][1], kinds), stop
    if numbered and at < len(lines) and not is_row_number(text[slice(*lines[at])]):
        bare = unnumbered_rows(text, lines, at, kinds) or content_rows(text, lines, at, kinds[1:])
        if bare:  # rows printing no number: each opened by its task text (headings between)
            more, stop = bare
            header = [rows[0][1:]]
            region = table_region(text, header + more, lines[i][0], lines[stop - 1][1], kinds[1:])
            return region, stop
    body = at  # the first line after the header
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
                rows.append([as_cell(strip_span(text, *span)), *[()] * (width - 1)])  # of one cell
            at += headings
            continue
        if at + width > len(lines):
            if numbered and len(lines) - at >= 2:  # the text ends inside the last row
                rows.append(_cut_row(text, lines[at:], width))
                at = len(lines)
            break
        short = _short_row(text, lines, at, width) if numbered else 0
        if short:  # the next number before the row's last cell: an empty cell left out
            rows.append(align(text, unit_runs(text, lines[at : at + short], kinds), kinds))
            at += short
            continue
        number = _decimal(squash(text[slice(*lines[at])]).rstrip("*＊※"))
        extra = _row_rest(text, lines, at + width, kinds, number) if numbered else 0
        cells = unit_runs(text, lines[at : at + width + extra], kinds) if extra else []
        if extra and len(cells) <= width:  # units one a line, the other cells where they fit
            rows.append(align(text, cells, kinds))
        elif extra:  # more lines than columns: cells of several lines, sub-rows
            rows += distributed(text, lines[at : at + width + extra], kinds)
        else:
            rows.append([as_cell(strip_span(text, *span)) for span in lines[at : at + width]])
        at += width + extra
    fixed, misfits = row_fit(text, rows[1:], kinds)
    unsure = misfits or _numbers_after(text, lines, at, width)  # misfits, or rows left
    merged = merged_rows(text, lines, body, kinds) if numbered and unsure else None
    if merged and row_fit(text, merged[0], kinds)[0] > fixed:
        more, at = merged  # aligned by content, the rows' cells fit their columns better
        rows = [header, *more]
    if len(rows) < 2:
        return None
    return table_region(text, rows, lines[i][0], lines[at - 1][1], kinds), at


def _numbers_after(text: str, lines: Lines, at: int, width: int) -> bool:
    """A row number within a row's reach after line ``at``: rows the reading left."""
    reach = width + compiled().rules.max_cell_lines
    return any(is_row_number(text[slice(*span)]) for span in lines[at : at + reach])


def _bare_stacked(
    text: str, lines: Lines, at: int, header: Row, kinds: list[str]
) -> tuple[list[Row], int] | None:
    """Rows of cells one a line numbered 1, 2, 3… in a column the header does not name, up
    to the end of the table (a closing line, prose); the header first."""
    cells: list[Cell] = [cell or () for cell in header]
    cells += [as_cell(strip_span(text, *span)) for span in lines[at:]]
    found = bare_number_rows(text, cells, len(kinds))
    if found is None:
        return None
    rows, used = found
    return rows, at + used - len(kinds)


def _bare_kinds(text: str, header: Row) -> list[str]:
    """The kinds of a header read by bare_number_rows: the empty cell numbers the rows."""
    return [cell_kind(_text(text, cell)) if cell else FieldKind.NUMBER for cell in header]


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
        qualifies = _YEAR.fullmatch(squash(line)) is not None  # "2023年" over "目标进度"
        if joined is not None and (kind is None or qualifies or cell_kind(after) is None):
            kinds.append(joined)  # "完成" over "时间": 完成时间, not 完成 (a progress column);
            # "2023年" over "目标进度": one schedule, not a year's figures and a schedule
            header.append((lines[at], lines[at + 1]))
            at += 2
            continue
        if kind is None and not (len(kinds) >= 2 and _unknown_name(line, after)):
            break
        kinds.append(kind or FieldKind.NOTE)
        header.append((lines[at],))
        at += 1
    return kinds, header, at


_YEAR = regex.compile(r"\d{4}年度?")  # a year printed over the column name it dates


_UNKNOWN_NAME_MAX = 20  # a column name the rules do not know is short


def _unknown_name(line: str, after: str) -> bool:
    """A line no column name reads, between names and before the units' column
    (是否省市统一进度(全省县市区名次) over 牵头单位): a column of the header all the same, read
    for nothing; the units' column is not lost with it."""
    name = squash(line)
    if not name or len(name) > _UNKNOWN_NAME_MAX or "。" in name or name[0].isdigit():
        return False
    return cell_kind(after) in {*AGENCY_FIELDS, FieldKind.LEADER}  # the units' column after it


def _family(kind: str) -> str:
    if kind in AGENCY_FIELDS:
        return "units"
    return {FieldKind.NAME: FieldKind.TASK, FieldKind.DEADLINE: FieldKind.NOTE}.get(kind, kind)


def _second_header_row(text: str, kinds: list[str], header: Row) -> tuple[list[str], Row]:
    """A header of two rows copied a cell a line: the second row's names (牵头单位, 配合单位)
    follow the first row's, where a name of their kind that may span columns stood
    (责任单位; rules/segment.yaml spanning_headers) with names of other kinds after it. Each
    run of second-row names of one kind takes the place of the last such spanning name
    before it; else the header as read."""
    spans = _spanning_headers()
    names = [_text(text, cell) for cell in header]
    families = [_family(k) for k in kinds]
    split = next(
        (
            j for j in range(2, len(kinds))
            if families[j] != families[j - 1]
            and any(families[p] == families[j] and spans.fullmatch(names[p]) for p in range(j - 1))
        ),
        None,
    )
    if split is None:
        return kinds, header
    runs = [list(g) for _, g in itertools.groupby(range(split, len(kinds)), families.__getitem__)]
    parents: dict[int, list[int]] = {}
    floor = -1
    for run in runs:
        found = [
            p for p in range(floor + 1, split)
            if families[p] == families[run[0]] and spans.fullmatch(names[p])
        ]
        if not found:
            return kinds, header
        floor = found[-1]
        parents[floor] = run
    order = [c for p in range(split) for c in parents.get(p, [p])]
    return [kinds[c] for c in order], [header[c] for c in order]


@cache
def _spanning_headers() -> regex.Pattern:
    return regex.compile(compiled().rules.spanning_headers)


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


def _cut_row(text: str, lines: Lines, width: int) -> Row:
    """A last row the copy cut short (a page excerpt): its cells, the rest printed empty."""
    return [*(as_cell(strip_span(text, *span)) for span in lines), *[()] * (width - len(lines))]


def _row_rest(text: str, lines: Lines, at: int, kinds: list[str], number: int | None) -> int:
    """Lines after a numbered row's last cell, up to the next row or group heading: a cell
    the header has no column for ("省牵头单位:省农业农村厅"), more units, a sub-row. A line
    that reads as a unit or date cell of the row ("12月底前" over the next number) is no
    group heading; a bare number out of step with the row's ``number`` is an amount
    ("800" in a 总投资 cell of row 1), no next row, unless the rows go on from it."""
    c = compiled()
    reach = c.rules.max_cell_lines + (2 * len(kinds) if number is not None else 0)  # sub-rows
    for k in range(min(reach, len(lines) - at)):
        line = text[slice(*lines[at + k])]
        if _next_row(text, lines, at + k, number, len(kinds)):
            return k
        if _group_line(text, lines, at + k, number) and not unit_or_date(line, kinds):
            return k
        if cell_kind(line) or any(s.line_start.match(line) for s in c.styles):
            return k  # a header or a numbered heading after the table
    left = len(lines) - at
    return left if 0 < left <= reach and _cells_only(text, lines[at:]) else 0


def _cells_only(text: str, lines: Lines) -> bool:
    """The text ends with these lines, each as short as a cell of units or people (the last
    row's cells, 区经信局 | 区科技局、区财政局…), no paragraph of prose after the table."""
    return all(unit_or_date(text[slice(*span)], _UNIT_KINDS) for span in lines)


_UNIT_KINDS = [FieldKind.LEAD]


def _next_row(text: str, lines: Lines, at: int, number: int | None, width: int) -> bool:
    """Line ``at`` opens the row after row ``number``: the next row number or one a few
    ahead (any row number when the rows are not numbered in decimals); a number further on
    (an excerpt leaves rows out: 6 then 52) when the rows go on from it (53 follows) or, with
    no number after it, task text follows it."""
    line = text[slice(*lines[at])]
    if _next_row_number(line, number):
        return True
    value = _decimal(line.strip().rstrip("*＊※")) if is_row_number(line) else None
    if number is None or value is None or not number < value < _ROW_NUMBER_LIMIT:
        return False  # no row number, or an amount (48414) out of step with the rows
    reach = 2 * width + compiled().rules.max_cell_lines
    for span in lines[at + 1 : at + 1 + reach]:
        after = _decimal(squash(text[slice(*span)]))
        if after is not None:
            return value < after <= value + 1 + _NUMBER_SKIP
    following = lines[at + 1] if at + 1 < len(lines) else None
    return following is not None and _task_text(text, (following,))


def _next_row_number(line: str, number: int | None) -> bool:
    """A row number that may follow row ``number``: the next few (any row number when
    ``number`` is not known or the line is not a decimal)."""
    if not is_row_number(line):
        return False
    value = _decimal(line.strip().rstrip("*＊※"))
    return number is None or value is None or number < value <= number + 1 + _NUMBER_SKIP


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
        if len(line) > GROUP_LINE_MAX or not any(s.line_start.match(line) for s in styles):
            return 0
        k += 1
    return 0


def _group_line(text: str, lines: Lines, at: int, number: int | None = None) -> bool:
    """A line where a numbered row should open, followed by the first row of a group:
    "经济社会发展主要预期目标分解(15项)" over "1"."""
    line = text[slice(*lines[at])].strip()
    if not line or len(line) > GROUP_LINE_MAX or at + 1 >= len(lines):
        return False
    return _next_row_number(text[slice(*lines[at + 1])], number)


def stream_table(text: str, lines: Lines, i: int) -> tuple[TableRegion | None, int] | None:
    """One cell a line (or a few), each closed by a separator at its line's end ("序号 |"),
    or each after the first opened by one at its line's start ("| 重点工作"), a bare
    separator closing the row. Rows with fewer cells than the header sit under spanning
    cells."""
    seps = compiled().separators
    first = text[slice(*lines[i])].rstrip()
    following = text[slice(*lines[i + 1])].lstrip() if i + 1 < len(lines) else ""
    if first[-1:] and first[-1] in seps:
        padding: list[int] = []
        cells, stop = closed_cells(text, lines, i, padding)
        return _stream_rows(text, lines, i, stop, _rows_by_number(text, cells, set(padding)))
    if following[:1] and following[0] in seps:
        rows, stop = opened_rows(text, lines, i)
        return _stream_rows(text, lines, i, stop, rows)
    return None


def _stream_rows(
    text: str, lines: Lines, i: int, stop: int, rows: list[list[Cell]]
) -> tuple[TableRegion | None, int] | None:
    if len(rows) < 2:
        return None
    found = [cell_kind(_text(text, cell)) if cell else FieldKind.NUMBER for cell in rows[0]]
    unknown = found.count(None)
    if unknown > _UNKNOWN_NAMES_MAX or (unknown and len(found) - unknown < _KNOWN_NAMES_MIN):
        return None
    known = [FieldKind.NOTE if k is None else k for k in found]  # 健身项目: a note beside
    if not is_header_kinds(known):  # the names the reading knows
        return None
    aligned: list[Row] = [list(rows[0]), *(_stream_row(text, row, known) for row in rows[1:])]
    return table_region(text, aligned, lines[i][0], lines[stop - 1][1], known), stop


_UNKNOWN_NAMES_MAX = 1  # a header copied a cell a line may hold one name the rules lack
_KNOWN_NAMES_MIN = 4  # when it names this many columns the rules know


def _stream_row(text: str, row: list[Cell], kinds: list[str]) -> Row:
    """A row's cells in their columns; a numbered heading alone spans the table."""
    cells = trimmed(row) or row[:1]  # a row of empty cells stays one row
    if len(cells) == 1 and cells[0] and is_heading_cell(text, cells[0]):
        return [cells[0], *[()] * (len(kinds) - 1)]
    if len(cells) == 1:
        return align(text, cells, kinds)
    if category_left_out(text, cells, kinds):  # 目标 | 任务内容: the category spans the
        return [cells[0], None, *cells[1:]]  # rows under its first, printed there only
    return cells  # placed in their columns by table_region, which knows the numbering


def closed_cells(
    text: str, lines: Lines, i: int, padding: list[int] | None = None
) -> tuple[list[Cell], int]:
    """Cells closed by a separator ending their last line; the line after the last one.
    ``padding`` receives the indices of empty cells closed on the line of a cell ("委直属
    各单位 | ||"): a copy pads a row's end so."""
    seps, limit = compiled().separators, compiled().rules.max_cell_lines
    cells: list[Cell] = []
    opened, stop = None, i
    for j in range(i, len(lines)):
        s, e = strip_span(text, *lines[j])
        count = separators_in(text, s, e)
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
            cells.append(as_cell(strip_span(text, lines[opened][0], e - 1)))
            opened, stop = None, j + 1
            if empties:
                pads = separators_in(text, e, lines[j][1])
                if padding is not None:
                    padding.extend(range(len(cells), len(cells) + pads))
                cells.extend([()] * pads)
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


def _rows_by_number(
    text: str, cells: list[Cell], padding: set[int] | frozenset[int] = frozenset()
) -> list[list[Cell]]:
    """Header cells, then rows: each opened by a row number when the first column numbers
    the rows, else as wide as the header or ended by ``padding`` (empty cells a copy printed
    after a row's last cell, on its line)."""
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
    if not numbered and _row_terminated(text, cells, width):
        return _terminated_rows(cells, width)
    rows = [cells[:width]]
    inner: tuple[str, int] | None = None  # the number the last task cell opened with
    last: int | None = None  # the last row number read
    padded = False  # the row was closed by padding
    for k, cell in enumerate(cells[width:], start=width):
        if not numbered and k in padding:
            padded = len(rows) > 1
            continue
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
            opens = len(rows[-1]) >= width or padded
            padded = False
        inner = opening or inner
        if opens or len(rows) == 1:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    return rows


def _row_terminated(text: str, cells: list[Cell], width: int) -> bool:
    """Each row closed by an empty cell of its own (a bare separator on its line after the
    row's last cell): the header's names are followed by one, and every row as long as the
    header and that cell ends on one."""
    size = width + 1
    if len(cells) < 2 * size or (cells[width] and _text(text, cells[width])):
        return False
    ends = cells[width::size]
    return all(not (c and _text(text, c)) for c in ends)


def _terminated_rows(cells: list[Cell], width: int) -> list[list[Cell]]:
    """Rows of ``width`` cells, each closed by its own empty cell; a cell printed empty in a
    row stays in its column (an empty span where the cell stood, not trimmed away)."""
    size, rows = width + 1, []
    for k in range(0, len(cells) - width + 1, size):
        row, at = [], 0
        for cell in cells[k : k + width]:
            at = cell[-1][1] if cell else at
            row.append(cell or ((at, at),))
        rows.append(row)
    return rows


def _bare_number_rows(text: str, cells: list[Cell], width: int) -> list[list[Cell]] | None:
    found = bare_number_rows(text, cells, width)
    return found[0] if found else None


def bare_number_rows(
    text: str, cells: list[Cell], width: int
) -> tuple[list[list[Cell]], int] | None:
    """Rows numbered 1, 2, 3… in a column the header does not name (工作任务 | 具体要求 | …
    over "强化公开 | 1 | 对…清理 | 办公室 | 年底前"): the header with an empty cell where the
    numbers stand, each row opened by its number and as long as most rows are after it, the
    cells before it (a category printed on its group's first row only) its first cells, and
    numbered headings between rows ("（二）聚焦公众参与") rows of one cell; and the cells
    read (the header's and the rows', to the last row's last cell); or None."""
    data = cells[width:]
    sequence = _number_cells(text, data, width)
    if len(sequence) < 2:
        return None
    ends = [*sequence[1:], len(data)]
    lengths = [
        sum(1 for cell in data[a + 1 : b] if cell and not is_heading_cell(text, cell))
        for a, b in zip(sequence[:-1], ends[:-1], strict=True)
    ]
    leading = [c for c in data[: sequence[0]] if c and not is_heading_cell(text, c)]
    usual = min(max(set(lengths), key=lengths.count), width) if lengths else width
    # cells after the number as most rows print them; or, with cells before the first
    # number, a category printed before the number on its row: the columns after it
    readings = [width - min(len(leading), width - 1)] if leading else []
    readings += [usual] if usual not in readings else []
    found = [_number_rows(text, cells, width, sequence, after) for after in readings if after]
    if not found:
        return None  # of two readings, the one whose cells fit their columns (the first of a tie)
    return max(found, key=lambda f: row_fit(text, f[0], _bare_kinds(text, f[0][0]))[0])


def _number_rows(
    text: str, cells: list[Cell], width: int, sequence: list[int], after: int
) -> tuple[list[list[Cell]], int]:
    """The rows of ``bare_number_rows`` with ``after`` cells after each row's number."""
    data = cells[width:]
    ends = [*sequence[1:], len(data)]
    column = width - after
    header = [*cells[:column], (), *cells[column:width]]
    rows: list[list[Cell]] = [header]
    before: list[Cell] = [c for c in data[: sequence[0]] if c and not is_heading_cell(text, c)]
    rows += _heading_cells(text, data[: sequence[0]], width + 1)
    for at, stop in zip(sequence, ends, strict=True):
        own = data[at + 1 : at + 1 + after]
        lead = before[-column:] if before and column else []
        rows.append([*[()] * (column - len(lead)), *lead, data[at], *own])
        if stop == len(data):
            break
        rest = data[at + 1 + after : stop]
        before = [c for c in rest if c and not is_heading_cell(text, c)]
        rows += _heading_cells(text, rest, width + 1)
    return rows, min(len(cells), width + sequence[-1] + 1 + after)


_NUMBER_SKIP = 3  # a row number may skip this many numbers ahead (a row left out)
_ROW_REACH = 3  # the next row number comes within this many rows' width of cells


def _number_cells(text: str, data: list[Cell], width: int) -> list[int]:
    """Where the row numbers 1, 2, 3… stand among ``data`` (a number may skip a few ahead
    before a cell of task text: a row the copy left out), each within reach of the last."""
    sequence: list[int] = []
    last = 0
    for k, cell in enumerate(data):
        if sequence and k - sequence[-1] > _ROW_REACH * width:
            break
        value = _row_number_value(text, cell)
        if value is None or not last < value <= last + 1 + _NUMBER_SKIP * bool(sequence):
            continue
        if value > last + 1 and not _task_text(text, data[k + 1] if k + 1 < len(data) else ()):
            continue
        sequence.append(k)
        last = value
    return sequence if sequence and _row_number_value(text, data[sequence[0]]) == 1 else []


_TASK_CELL_MIN = 10  # a cell of task text is longer than a unit's name


def _task_text(text: str, cell: Cell) -> bool:
    return len(_text(text, cell).strip()) >= _TASK_CELL_MIN


def _heading_cells(text: str, cells: list[Cell], width: int) -> list[list[Cell]]:
    return [[c, *[()] * (width - 1)] for c in cells if c and is_heading_cell(text, c)]


def _row_number_value(text: str, cell: Cell) -> int | None:
    """A bare row number (1 to 999) the cell holds."""
    value = _decimal(_text(text, cell))
    return value if value is not None and value < _ROW_NUMBER_LIMIT else None


def _decimal(content: str) -> int | None:
    content = content.strip()
    return int(content) if content.isdecimal() else None


def ends_on_column_name(text: str, start: int, end: int) -> bool:
    s, e = strip_span(text, start, end)
    if e - s < 2 or text[e - 1] not in compiled().separators:
        return False
    cell = (strip_span(text, s, e - 1),)
    return cell_kind(_text(text, header_cell(text, cell))) is not None


def _text(text: str, cell: Cell) -> str:
    return "".join(text[s:e] for s, e in cell)


def opened_rows(text: str, lines: Lines, i: int) -> tuple[list[list[Cell]], int]:
    """Rows whose cells after the first open with a separator, closed by a bare one."""
    seps, limit = compiled().separators, compiled().rules.max_cell_lines
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cell: Span | None = None
    stop, lines_in_cell = i, 0
    for j in range(i, len(lines)):
        s, e = strip_span(text, *lines[j])
        count = separators_in(text, s, e)
        opens = count == 1 and text[s] in seps
        if count > 1 or (count == 1 and not opens) or lines_in_cell >= limit:
            break
        if opens and e - s == 1:  # a bare separator: the row ends
            row.append(as_cell(cell) if cell else ())
            rows.append(row)
            row, cell, stop, lines_in_cell = [], None, j + 1, 0
            continue
        if opens:
            if cell is not None:
                row.append(as_cell(cell))
            elif not row:
                row.append(())  # the row's first cell printed empty: "| 目标" opens the header
            cell, lines_in_cell = strip_span(text, s + 1, e), 1
        else:
            cell = (cell[0], e) if cell else (s, e)
            lines_in_cell += 1
    return rows, stop
