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

from functools import cache

import regex

from pipeline.catalog import FieldKind
from pipeline.records import NormalizedDocument
from pipeline.stages.segment_rules import compiled, squash, text_lines
from pipeline.stages.table_cells import (
    DIGIT_FIRST,
    Lines,
    as_cell,
    separators_in,
    strip_span,
    unified,
)
from pipeline.stages.table_columns import cell_kind
from pipeline.stages.table_headerless import headerless_region, headerless_table
from pipeline.stages.table_places import place_columns
from pipeline.stages.table_quota import quota_region, spaced_quota
from pipeline.stages.table_rows import Cell, Row, Span, TableRegion, is_heading_cell, table_region
from pipeline.stages.table_spaced import (
    header_names,
    header_prefix,
    piece_ends,
    run_lines,
    run_together,
    spaced_table,
)
from pipeline.stages.table_stacked import (
    closed_cells,
    ends_on_column_name,
    opened_rows,
    stacked_table,
    stream_table,
)
from pipeline.stages.table_unnumbered import header_path, unnumbered_spaced

# Box-drawing corners and junctions (U+250C-U+254B, U+2552-U+256C) and the ASCII "+".
_JUNCTIONS = "".join(map(chr, [*range(0x250C, 0x254C), *range(0x2552, 0x256D)])) + "+"


_JUNCTION_SET = frozenset(_JUNCTIONS)


_RULES = "─━┄┅┈┉═-="
_HEADER_TAIL = 32  # the end of a line searched for a column name (the longest names fit)
_RUN_ON_COLUMNS = 3  # a header ending a line of prose names this many columns at least
_WRAPPED_HEADER_LINES = 3  # a spaced header wraps its last names onto this many lines at most


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
    wrapped = _wrapped_header(text, lines, i)
    if wrapped is not None:  # "工作任务 | 具体要求" over "| 责任单位 |": one header row
        return _table_at(doc, text, [*lines[:i], wrapped, *lines[i + 2 :]], i)
    broken = _broken_first_name(text, lines, i)
    if broken is not None:  # "序" over "号|", cells closed one a line: one header cell
        found = _table_at(doc, text, [*lines[:i], broken, *lines[i + 2 :]], i)
        return (found[0], found[1] + 1) if found else None
    if _is_table_line(text, *lines[i]):
        j = i
        while j + 1 < len(lines) and (
            _is_table_line(text, *lines[j + 1])
            or _heading_row_line(text, lines, j + 1)
            or _one_cell_row(text, lines, j + 1)
        ):
            j += 1
        rows = _pipe_rows(text, lines[i : j + 1])
        region = table_region(text, rows, lines[i][0], lines[j][1])
        if region is None:  # no header: rows numbered 1, 2, 3… read by their cells' content
            region = headerless_region(text, rows, lines[i][0], lines[j][1])
        if region is None:  # no header of known names: a quota divided among places
            region = quota_region(text, rows, lines[i][0], lines[j][1])
        return region, j + 1
    squashed = squash(text[slice(*lines[i])])
    if _opened_header(text, lines, i, squashed):  # "| 目标" over "| 任务内容": the number
        return stream_table(text, lines, i)  # column's name printed empty
    if not compiled().column_any.match(squashed):
        if ends_on_column_name(text, *lines[i]):  # "…情况(1-11月)序号 |": a title joined on
            return stream_table(text, lines, i)
        if squashed[:-1] == "1" and squashed[-1] in compiled().separators:
            cells, stop = closed_cells(text, lines, i)  # "1 |" opening a table with no header
            return headerless_table(text, cells, lines[i][0], lines[stop - 1][1], stop)
        at = _header_run_on(text, *lines[i])
        if at is None:
            at = _header_inside(text, *lines[i])
        if at is not None:  # the line from the header on opens the table
            return _table_at(doc, text, [*lines[:i], (at, lines[i][1]), *lines[i + 1 :]], i)
        found = _unnumbered_inside(doc, text, lines, i) or _opened_quota(text, lines, i)
        return found or place_columns(text, lines, i) or spaced_quota(text, lines, i)
    for reader in (stream_table, stacked_table):
        found = reader(text, lines, i)
        if found:
            return found
    kinds, rest = header_prefix(squashed, piece_ends(doc, *lines[i]))
    wrap = _names_below(text, lines, i) if kinds else 0
    if wrap:  # "序号 项目名称 … 1-7月" over "实际完成情况" over "任务完成率 备注": one header
        merged = [*lines[:i], (lines[i][0], lines[i + wrap][1]), *lines[i + wrap + 1 :]]
        found = _table_at(doc, text, merged, i)
        return (found[0], found[1] + wrap) if found else None
    if kinds and rest:
        return run_together(doc, text, lines, i, kinds)
    if kinds:
        spaced = spaced_table(doc, text, lines, i, kinds)
        return spaced if spaced[0] is not None else run_lines(text, lines, i, kinds) or spaced
    return spaced_quota(text, lines, i)  # names the reading does not know over places' figures


def _names_below(text: str, lines: Lines, i: int) -> int:
    """How many lines under a header line hold nothing but column names, a numbered row
    after them: the header wrapped onto them (0 when none)."""
    k = i + 1
    while k < len(lines) and k - i <= _WRAPPED_HEADER_LINES:
        names = squash(text[slice(*lines[k])])
        if not names or DIGIT_FIRST.match(names):
            break
        path = header_names(names)
        if not path or path[-1][0] != len(names):
            return 0
        k += 1
    if k == i + 1 or k >= len(lines) or not DIGIT_FIRST.match(text, *lines[k]):
        return 0
    return k - i - 1


def _opened_header(text: str, lines: Lines, i: int, squashed: str) -> bool:
    """A header copied a cell a line, each opened by a separator, its first cell empty."""
    seps = compiled().separators
    if len(squashed) < 2 or squashed[0] not in seps or i + 1 >= len(lines):
        return False
    following = text[slice(*lines[i + 1])].lstrip()
    return bool(compiled().column_any.fullmatch(squashed[1:])) and following[:1] in tuple(seps)


def _wrapped_header(text: str, lines: Lines, i: int) -> tuple[int, int] | None:
    """A header of column names parted by one separator, its last names on the next line
    opened by a separator ("工作任务 | 具体要求" over "| 责任单位 |"): the two lines' span,
    read as one line, when table lines follow."""
    if i + 2 >= len(lines):
        return None
    seps = compiled().separators
    start, end = strip_span(text, *lines[i])
    s2, e2 = strip_span(text, *lines[i + 1])
    if separators_in(text, start, end) != 1 or s2 >= e2 or text[s2] not in seps:
        return None
    first = [c.strip() for c in unified(text[start:end], seps).split(seps[0])]
    second = [c.strip() for c in unified(text[s2:e2], seps).split(seps[0]) if c.strip()]
    names = [c for c in first + second if c]
    if len(names) < 3 or any(cell_kind(c) is None for c in names):
        return None
    if not _is_table_line(text, *lines[i + 2]):
        return None
    return lines[i][0], lines[i + 1][1]


_BROKEN_PIECE_MAX = 2  # a column name broken a character or two a line ("序" over "号|")


def _broken_first_name(text: str, lines: Lines, i: int) -> tuple[int, int] | None:
    """The first column name of a header copied a cell a line, each closed by a separator,
    broken over two lines ("序" over "号|" over "工作任务|"): the two lines' span."""
    if i + 2 >= len(lines):
        return None
    seps = compiled().separators
    piece = squash(text[slice(*lines[i])])
    if not piece or len(piece) > _BROKEN_PIECE_MAX or any(c in seps for c in piece):
        return None
    rest = squash(text[slice(*lines[i + 1])])
    after = squash(text[slice(*lines[i + 2])])
    if not rest.endswith(tuple(seps)) or not after.endswith(tuple(seps)):
        return None
    if not compiled().column_any.fullmatch(piece + rest[:-1]):
        return None
    return lines[i][0], lines[i + 1][1]


def _header_run_on(text: str, start: int, end: int) -> int | None:
    """Where a header of three column names or more ending a line of prose starts, as a copy
    joining paragraphs gives it ("…附件:任务分解表 序号 名称 工作任务 牵头责任单位")."""
    if not _column_tail().search(squash(text[max(start, end - _HEADER_TAIL) : end])):
        return None  # the line does not end on a column name: the common case, decided fast
    for m in compiled().column_any.finditer(text, start + 1, end, overlapped=True):
        kinds, rest = header_prefix(squash(text[m.start() : end]))
        if kinds and not rest and len(kinds) >= _RUN_ON_COLUMNS:
            return m.start()
    return None


def _header_inside(text: str, start: int, end: int) -> int | None:
    """Where a header of three column names or more opened by the number column starts
    inside a line, its rows run together after it, as a copy from a document viewer gives a
    table under its title ("…分解落实方案工作重点序号主要工作任务第一责任单位…1地区…2…")."""
    for m in _number_column().finditer(text, start + 1, end):
        kinds, rest = header_prefix(squash(text[m.start() : end]))
        if kinds and rest and len(kinds) >= _RUN_ON_COLUMNS and _FIRST_ROW.match(rest):
            return m.start()
    return None


_TITLE_REACH = 120  # a header run on after a title stands within this many characters


def _unnumbered_inside(
    doc: NormalizedDocument, text: str, lines: Lines, i: int
) -> tuple[TableRegion | None, int] | None:
    """A header of three column names or more opened by the task column inside a line, its
    rows run together after it with no number ("…职责清单 工作任务和内容 责任单位 配合单位 完成时间
    负责全县…"): the rows read by their cells' content."""
    start, end = lines[i]
    reach = min(end, start + _TITLE_REACH)
    if "单位" not in text[start:reach] and "部门" not in text[start:reach]:
        return None  # no unit column named where a title's header would stand: decided fast
    for gap in doc.gaps_between(start, reach):  # the header stands apart from the title
        if not compiled().column_any.match(text, gap, end):
            continue
        path = header_path(text, gap, end)
        if path is None:
            continue
        kinds, header_end = path
        if len(kinds) >= _RUN_ON_COLUMNS:
            return unnumbered_spaced(doc, text, lines, i, kinds, header_end)
    return None


def _opened_quota(text: str, lines: Lines, i: int) -> tuple[TableRegion | None, int] | None:
    """A quota among places copied a cell a line, cells after the first opened by a separator
    ("地区" over "| 2011年", then "北京" over "| 500"), its header of no known names."""
    following = text[slice(*lines[i + 1])].lstrip() if i + 1 < len(lines) else ""
    if not following[:1] or following[0] not in compiled().separators:
        return None
    rows, stop = opened_rows(text, lines, i)
    region = quota_region(text, rows, lines[i][0], lines[stop - 1][1]) if stop > i else None
    return (region, stop) if region is not None else None


_FIRST_ROW = regex.compile(r"(?:[一二三四五六七八九十]{1,3}、[^\d。；;，,]{1,30})?1(?!\d)")


@cache
def _number_column() -> regex.Pattern:
    numbers = [p.pattern for p, kind in compiled().columns if kind == FieldKind.NUMBER]
    return regex.compile("|".join(f"(?:{p})" for p in numbers))


@cache
def _column_tail() -> regex.Pattern:
    return regex.compile(f"(?r)(?:{compiled().column_any.pattern})$")  # tried from the end


def _heading_row_line(text: str, lines: Lines, at: int) -> bool:
    """A heading row of one cell ("一、紧扣…深化政务公开|") between rows of the table."""
    start, end = strip_span(text, *lines[at])
    return (
        at + 1 < len(lines)
        and separators_in(text, start, end) == 1
        and text[end - 1] in compiled().separators
        and is_heading_cell(text, ((start, end - 1),))
        and _is_table_line(text, *lines[at + 1])
    )


def _one_cell_row(text: str, lines: Lines, at: int) -> bool:
    """A row printing one cell and its closing separator ("8.持续深化…信息。 |"), the cells
    after it spanned from the row above, between two rows of cells."""
    start, end = strip_span(text, *lines[at])
    if end - start < 2 or separators_in(text, start, end) != 1:
        return False
    if text[end - 1] not in compiled().separators or at + 1 >= len(lines):
        return False
    return _cells_row(text, *lines[at - 1]) and _cells_row(text, *lines[at + 1])


def _cells_row(text: str, start: int, end: int) -> bool:
    """A row of two cells or more with text in them (no rule, no run of separators only)."""
    start, end = strip_span(text, start, end)
    seps = compiled().separators
    cells = [c for c in unified(text[start:end], seps).split(seps[0]) if c.strip()]
    return len(cells) >= 2


def _is_table_line(text: str, start: int, end: int) -> bool:
    """Two cell separators or more, or a rule line."""
    c = compiled()
    if unified(text[start:end], c.separators).count(c.separators[0]) >= 2:
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
    line = unified(text[start:end], c.separators).replace(c.separators[0], " ")
    line = _SPANNING_TEXT.sub(" ", line, count=1)  # "│考├──┼": a spanning cell's character
    return bool(c.border.fullmatch(line)) and any(ch in _JUNCTIONS for ch in line)


# A column whose cell spans the rows prints its text a character a line, on the rule lines
# too ("│技│…", "│术├──┼…"): before the rule's first junction, left of the table.
_SPANNING_TEXT = regex.compile(r"^\s*\p{Han}{1,3}\s*(?=[├┠╟╞┼╫╪])")


def _pipe_rows(text: str, lines: Lines) -> list[Row]:
    """The rows of a run of table lines. Between rules drawn between the rows, the lines are
    one row (cells wrapped); a column whose rule is left open continues the cell above."""
    c = compiled()
    spans = [strip_span(text, *s) for s in lines]
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
            cells = [as_cell(p) for p in _pipe_cells(text, *span, bordered=bordered)]
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
    for piece in unified(text[start:end], c.separators).split(c.separators[0]):
        n, body = len(piece), piece.strip()  # the cell: the piece without edge whitespace
        left = at if len(body) == n else at + n - len(piece.lstrip())
        cells.append((left, left + len(body)))
        at += n + 1
    if cells[-1][0] == cells[-1][1]:
        cells.pop()  # nothing after the closing separator
    return cells
