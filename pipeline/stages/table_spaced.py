"""A table copied one row a line with its columns spaced out (a wrapped cell continuing on the
next lines, each piece under its column), or run together on a line or a few, header first
("序号项目名称主要内容牵头单位配合单位1新建…2…").
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache, lru_cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import NormalizedDocument
from pipeline.stages.agency_names import may_end_name
from pipeline.stages.roles import trailing_verb_alternation
from pipeline.stages.segment_rules import compiled
from pipeline.stages.table_cells import (
    DIGIT_FIRST,
    GROUP_LINE_MAX,
    Lines,
    as_cell,
    is_header_kinds,
    strip_span,
    units_line,
)
from pipeline.stages.table_rows import (
    Cell,
    Row,
    Span,
    TableRegion,
    is_heading_cell,
    opens_numbered,
    table_region,
)

_HEADINGS_MAX = 3  # heading lines one over another before a table's rows


_ROW_NUMBER = regex.compile(r"\s*\d{1,4}")


_NAME_TAIL = 3  # a unit name goes on this far at most past an ending inside it (社|保局)


_CLAUSE = regex.compile(r"[。；;！!？?]")


_RUN_DEADLINE = regex.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?[^\d。，,；;]{0,8}$")


def header_prefix(
    squashed: str, cuts: frozenset[int] = frozenset()
) -> tuple[list[str] | None, str]:
    """Column kinds of a header of known column names run together at the line's start,
    and the text after it; ``cuts``: where the printed line had spaces (piece_ends)."""
    path = _header_path(squashed, cuts=cuts)
    kinds = [kind for _, kind in path]
    if not is_header_kinds(kinds):
        return None, squashed
    return kinds, squashed[path[-1][0] :]


def header_names(line: str) -> tuple[tuple[int, str], ...]:
    """The column names that open ``line``, spaces between them or not: (end, kind) each."""
    return _header_path(line)


def piece_ends(doc: NormalizedDocument, start: int, end: int) -> frozenset[int]:
    """Where the pieces the source's spaces part ``text[start:end]`` into end, counted in the
    span without its spaces (normalizing drops the spaces between characters: ``doc.gaps``)."""
    text = doc.text
    gaps = set(doc.gaps_between(start, end))
    ends, at = set(), 0
    for k in range(start, end):
        if text[k].isspace():
            continue
        at += 1
        if k + 1 in gaps or (k + 1 < end and text[k + 1].isspace()):
            ends.add(at)
    ends.add(at)
    return frozenset(ends) if len(ends) > 1 else frozenset()


def _header_path(
    line: str, at: int = 0, cuts: frozenset[int] = frozenset()
) -> tuple[tuple[int, str], ...]:
    """The column names run together from ``at``: (end, kind) each, the reading that goes
    furthest, then the one that names a kind twice least (…重点工作任务…工作评价 is one note
    column, not a second task column 工作 and a note 评价), then, where spaces parted the
    printed names (``cuts``), the one with fewest names ending inside a piece ("项目名称" is
    one column, not 项目 | 名称), then the one with more columns ("序号重点督办内容" is 序号 |
    重点督办内容, not one task column)."""
    return _header_paths(line, at, frozenset(), cuts)[1]


# (reach, -repeats, -names ending inside a piece, count), the names
Reading = tuple[tuple[int, int, int, int], tuple[tuple[int, str], ...]]


@lru_cache(maxsize=1024)
def _header_paths(line: str, at: int, seen: frozenset[str], cuts: frozenset[int]) -> Reading:
    start = at
    while start < len(line) and line[start].isspace():
        start += 1
    best: Reading = ((at, 0, 0, 0), ())
    for pattern, kind in compiled().columns:
        m = pattern.match(line, start)
        if m is None or m.end() == start:
            continue
        repeated = kind in seen and kind != FieldKind.NOTE  # notes come several: 进展, 备注
        inside = bool(cuts) and m.end() not in cuts
        (reach, repeats, split, count), rest = _header_paths(line, m.end(), seen | {kind}, cuts)
        score = (reach, repeats - repeated, split - inside, count + 1)
        best = max(best, (score, ((m.end(), kind), *rest)), key=lambda c: c[0])
    return best


def header_cells(
    text: str, start: int, end: int, columns: int, cuts: frozenset[int] = frozenset()
) -> Row:
    """A header line's cells, one column name each, wherever spaces do or do not part them
    ("序号 名称 工作任务 牵头责任单位", "序号工作任务牵头负责部门"): the names become the
    fields' labels. A line read otherwise is every column's cell."""
    kept = [k for k in range(start, end) if not text[k].isspace()]
    path = _header_path("".join(text[k] for k in kept), cuts=cuts)
    if len(path) < columns:
        return [((start, end),)] * columns
    cells: Row = []
    for (opened, _), (closed, _) in itertools.pairwise([(0, ""), *path[:columns]]):
        cells.append(((kept[opened], kept[closed - 1] + 1),))
    return cells


def spaced_table(
    doc: NormalizedDocument, text: str, lines: Lines, i: int, kinds: list[str]
) -> tuple[TableRegion | None, int]:
    """Rows opened by their number, columns where the source had spaces; lines without a
    number continue the row above, each piece in the column it stands under."""
    header_columns = _visual_starts(doc, *lines[i])
    rows: list[Row] = [header_cells(text, *lines[i], len(kinds), piece_ends(doc, *lines[i]))]
    headings = 0
    j = i
    while j + 1 < len(lines):
        pieces = _source_lines(doc, *lines[j + 1])
        first = len(rows) == 1 and _title_over_rows(doc, text, lines, j + 1)
        if first or _heading_before_row(text, lines, j + 1):  # 一、… over its group's rows
            rows.append([(pieces[0],), *[()] * (len(kinds) - 1)])
            headings += 1
            j += 1
            continue
        if not DIGIT_FIRST.match(text, *pieces[0]) or _figure_first(text, *pieces[0]):
            break
        rows.append(list(_gap_cells(doc, *pieces[0], len(kinds))))
        units: list[Span] = []  # unit cells printed one a line under the row
        for span in pieces[1:]:  # lines a copy joined back into the row: wrapped cells
            if _under_columns(doc, span, header_columns):
                rows[-1] = _continued(doc, rows[-1], span, header_columns, len(kinds))
            elif units_line(text, span):
                units.append(span)
        while j + 2 < len(lines):
            if _under_columns(doc, lines[j + 2], header_columns):
                rows[-1] = _continued(doc, rows[-1], lines[j + 2], header_columns, len(kinds))
            elif units_line(text, lines[j + 2]):
                units.append(strip_span(text, *lines[j + 2]))
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
    if len(rows) < 2 + headings:
        return None, i + 1 + headings  # headings over no row: the header stands alone
    return table_region(text, rows, lines[i][0], lines[j][1], kinds), j + 1


_FIGURE = regex.compile(r"\s*(?:\d{4,}|\d+\.\d+)(?!\d)(?![.、．])")


def _figure_first(text: str, start: int, end: int) -> bool:
    """A line opened by an amount (3000, 1544383.2), which numbers no row: a column of
    figures a PDF copy ran into the text."""
    return bool(_FIGURE.match(text, start, end))


def _title_over_rows(doc: NormalizedDocument, text: str, lines: Lines, at: int) -> bool:
    """Between the header and the first row, a short line of one piece with no number
    ("经济社会发展主要预期目标分解(15项)") over the rows of its group."""
    if at + 1 >= len(lines) or not DIGIT_FIRST.match(text, *lines[at + 1]):
        return False
    if _figure_first(text, *lines[at + 1]):
        return False  # amounts under it, no row
    start, end = strip_span(text, *lines[at])
    line = text[start:end]
    one_piece = len(_pieces(doc, start, end)) == 1
    return one_piece and 0 < len(line) <= GROUP_LINE_MAX and "。" not in line


def _heading_before_row(text: str, lines: Lines, at: int) -> bool:
    """A numbered heading line (一、…) with a numbered row after it, or after the headings
    under it (二、重点工作 over （一）… over "10 …")."""
    k = at
    while k < len(lines) and k - at < _HEADINGS_MAX and is_heading_cell(text, (lines[k],)):
        k += 1
    return at < k < len(lines) and bool(DIGIT_FIRST.match(text, *lines[k]))


def _rest_before_row(text: str, lines: Lines, at: int) -> list[Span]:
    """Lines without a number from ``at`` up to the next numbered row (or a heading over
    one), when one follows within a cell's reach: the rest of the row above; else none."""
    reach = compiled().rules.max_cell_lines
    for k in range(at, min(len(lines), at + reach)):
        if DIGIT_FIRST.match(text, *lines[k]) or _heading_before_row(text, lines, k):
            return [strip_span(text, *span) for span in lines[at:k]]
        if any(s.line_start.match(text, lines[k][0]) for s in compiled().styles):
            return []
    return []


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
    return [strip_span(doc.text, s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]


def _gap_cells(doc: NormalizedDocument, start: int, end: int, n: int) -> list[Cell]:
    """Cells of a row whose columns were separated by whitespace in the source."""
    text = doc.text
    cuts = sorted(
        {  # spaces normalizing dropped, and those it kept (between figures: 8950 7356)
            *doc.gaps_between(start, end),
            *(m.end() for m in _KEPT_SPACE.finditer(text, start, end)),
        }
    )
    number = _ROW_NUMBER.match(text[start:end])
    if number and (not cuts or cuts[0] > start + number.end()):
        cuts.insert(0, start + number.end())
    if len(cuts) + 1 > n:
        cuts = _column_cuts(doc, cuts, n - 1)
    pieces = [strip_span(text, s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]
    return [as_cell(p) for p in pieces] + [()] * (n - len(pieces))


def _column_cuts(doc: NormalizedDocument, cuts: list[int], wanted: int) -> list[int]:
    """Of more gaps than a row has column breaks, the breaks: not a space after a list's
    separator ("各县市区政府、 开发区管委会"), the widest in the source; of equal ones the first
    and the last (a task cell, second, holds the spaces of its wrapped lines)."""
    text = doc.text
    spaced = [c for c in cuts if text[c - 1] not in _LIST_MARKS] or cuts
    last = set(spaced[len(spaced) - (wanted - 1) :]) if wanted > 1 else set()

    def rank(k: int) -> tuple[int, bool]:
        c = spaced[k]
        return doc.source_offset(c) - doc.source_offset(c - 1), k == 0 or c in last

    chosen = sorted(range(len(spaced)), key=rank, reverse=True)[:wanted]
    return [spaced[k] for k in sorted(chosen)]


_LIST_MARKS = "、，,；;"
_KEPT_SPACE = regex.compile(r"(?<=\S)[ \t\u3000]+(?=\S)")


def _visual_column(doc: NormalizedDocument, at: int) -> int:
    """The column ``text[at]`` stood at in its source line, wide characters counting two."""
    raw = doc.source.raw_text
    pos = doc.source_offset(at)
    line_start = raw.rfind("\n", 0, pos) + 1
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in raw[line_start:pos])


def gap_pieces(doc: NormalizedDocument, start: int, end: int) -> list[Span]:
    """The pieces of ``doc.text[start:end]`` the source parted by whitespace."""
    return _pieces(doc, start, end)


def _pieces(doc: NormalizedDocument, start: int, end: int) -> list[Span]:
    cuts = doc.gaps_between(start, end)
    spans = [strip_span(doc.text, s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]
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


def _continued(doc: NormalizedDocument, row: Row, span: Span, header: list[int], n: int) -> Row:
    row = list(row) + [()] * (n - len(row))
    for piece in _pieces(doc, *span):
        x = _visual_column(doc, piece[0])
        column = max([0, *(k for k, h in enumerate(header[:n]) if h <= x + 1)])
        row[column] = (row[column] or ()) + (piece,)
    return row


_FIRST_NUMBER = regex.compile(r"\s*(\d{1,3})(?![\d.%％])")


def run_together(
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
    first = _FIRST_NUMBER.match(view, header_end)  # an excerpt's rows may start at 21
    starts = _row_starts(text, line_start + header_end, line_end, int(first[1]) if first else 1)
    if not starts:
        return None
    rows: list[Row] = [header_cells(text, line_start, line_start + header_end, len(kinds))]
    _, heading = _group_break(text, line_start + header_end, starts[0])
    for row_start, row_end in zip(starts, [*starts[1:], line_end], strict=True):
        if heading is not None:  # 二、产业优化升级 over the rows after it
            rows.append([as_cell(heading), *[()] * (len(kinds) - 1)])
        row_end, heading = _group_break(text, row_start, row_end)
        rows.append(_run_cells(text, row_start, row_end, kinds))
    return table_region(text, rows, line_start, line_end, kinds), i + 1


_PAGE_MARK = regex.compile(r"[—\-－]\s*\d{1,3}\s*[—\-－]$")  # —2— where a page broke the run


def _group_break(text: str, start: int, end: int) -> tuple[int, Span | None]:
    """Where a row run together ends before the next row's number: before a heading over the
    next rows (二、产业优化升级) and a page mark (—2—) printed there, and the heading's span."""
    heading: Span | None = None
    for m in _GROUP_HEADING.finditer(text, max(start, end - GROUP_LINE_MAX), end):
        if opens_numbered(text, m.start(), end) and not _CLAUSE.search(text, m.start(), end):
            heading, end = (m.start(), end), m.start()
            break
    mark = _PAGE_MARK.search(text, start, end)
    return (mark.start() if mark else end), heading


_GROUP_HEADING = regex.compile(r"(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、")


def run_lines(
    text: str, lines: Lines, i: int, kinds: list[str]
) -> tuple[TableRegion | None, int] | None:
    """A header of column names run together on its own line, then rows run together one a
    line: cells before the number (a category printed on each row) go to the columns before
    the number column; the table ends at the first line not opened by the next number."""
    number = kinds.index(FieldKind.NUMBER) if FieldKind.NUMBER in kinds else -1
    if number < 0 or FieldKind.TASK not in kinds[number:]:
        return None
    rows: list[Row] = [header_cells(text, *lines[i], len(kinds))]
    expected, j = 1, i + 1
    while j < len(lines):
        start, end = lines[j]
        opening = _row_opening(text, start, end, expected, prefix=number > 0)
        if opening is None:
            break
        starts = [opening, *_row_starts(text, opening, end, expected)[1:]]
        for row_start, row_end in zip(starts, [*starts[1:], end], strict=True):
            cells = _run_cells(text, row_start, row_end, kinds[number:])
            before = [as_cell(strip_span(text, start, opening))] if row_start == opening else []
            rows.append([*(before + [()] * number)[:number], *cells])
        expected += len(starts)
        j += 1
    if len(rows) < 2:
        return None
    return table_region(text, rows, lines[i][0], lines[j - 1][1], kinds), j


def _row_opening(text: str, start: int, end: int, expected: int, *, prefix: bool) -> int | None:
    """Where row ``expected`` opens a line: at its start, or after a short label (the row's
    category) when the header has columns before the number."""
    limit = GROUP_LINE_MAX if prefix else 0
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
    if not starts or text[start : _group_break(text, start, starts[0])[0]].strip():
        return []  # the rows follow the header, a heading over the first group between
    return starts


def _row_may_end(text: str, row_start: int, at: int) -> bool:
    at = _group_break(text, row_start, at)[0]
    before = text[row_start:at].rstrip()
    verb = _trailing_verb().search(before)
    if verb:  # "…省财政厅牵头;…配合;各州(市)党委和政府落实": the units before the verb
        before = before[: verb.start()]
    if compiled().deadline_cell.search(before[-8:]):
        return True
    return _units_end(before) is not None or _units_tail(before) is not None


_UNITS_TAIL_MAX = 80  # the unit cells after a row's last sentence are this long at most


def _units_tail(before: str) -> int | None:
    """Where the unit cells after the row's last sentence begin, when that stretch reads as
    names only (no digit, ends as a name may, opens with a unit the pattern knows:
    …左右。市发展改革委各县(市、区)政府、嘉兴港区), or None."""
    clauses = [m.end() for m in _CLAUSE.finditer(before)]
    if not clauses:
        return None
    tail = before[clauses[-1] :]
    if not tail or len(tail) > _UNITS_TAIL_MAX or regex.search(r"\d", tail):
        return None
    if not may_end_name(tail[-1]) or not compiled().run_together_unit.match(tail):
        return None
    return clauses[-1]


@cache
def _trailing_verb() -> regex.Pattern:
    return regex.compile(f"(?:{trailing_verb_alternation()})$")


def _units_end(text: str, *, whole: bool = False) -> int | None:
    """Where the unit names ending ``text`` begin (names joined by 、，和; two names run
    together with nothing between them belong to two columns, unless ``whole``: the first
    unit column takes them all), or None. Names the pattern does not know count where they
    are listed between separators (…政府、嘉兴经济开发区、嘉兴港区)."""
    names = list(compiled().run_together_unit.finditer(text))
    tail = len(text)
    while names and names[-1].end() != tail and (m := _LISTED_TAIL.search(text, 0, tail)):
        if not may_end_name(text[tail - 1]):
            break
        tail = m.start()
    if not names or names[-1].end() != tail:
        return None
    at = names[-1].start()
    for name in reversed(names[:-1]):
        between = text[name.end() : at]
        if (
            name.end() > at
            or (between and not _listed_between(between))
            or (not between and not whole)
        ):
            break
        at = name.start()
    return at


def _listed_between(between: str) -> bool:
    """Only separators, and names listed between them, between two unit names."""
    pieces = regex.split(r"[、，,和及 ]", between)
    return len(pieces) > 1 and all(
        not piece or (_LISTED.fullmatch(piece) and may_end_name(piece[-1])) for piece in pieces
    )


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
    while last > 0 and kinds[last] in {FieldKind.NOTE, FieldKind.NAME}:
        last -= 1
    groups: list[int] = []  # where the unit names read forward start, a column each
    if last < len(kinds) - 1:
        units = _units_after_clause(text, at, end)
        if units is not None:
            groups, units_end = units
            row[last + 1] = as_cell(strip_span(text, units_end, end))
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
            if kinds[k - 1] not in AGENCY_FIELDS:  # the first unit column: every name left
                cut, groups = (groups[0] if groups else cut), []
        elif kind in AGENCY_FIELDS:
            found = _units_end(piece, whole=kinds[k - 1] not in AGENCY_FIELDS)
            if found is None and (units := _units_after_clause(text, at, stop)):
                groups = units[0]  # the names after the task's last sentence, read forward
                more = len(groups) == 1 and kinds[k - 1] in AGENCY_FIELDS
                cut = stop if more else groups.pop()
            else:
                cut = at + found if found is not None else stop
        else:
            row[k] = as_cell((at, stop))
            stop = at
            break
        row[k] = as_cell((cut, stop))
        stop = cut
    return row


def _units_after_clause(text: str, start: int, end: int) -> tuple[list[int], int] | None:
    """The unit names that follow a clause of the task (its last sentence over its units,
    text of another column after them): where each run of names joined by 、，和 starts (two
    names run together belong to two columns), and where the last name ends; or None."""
    unit = compiled().run_together_unit
    for clause in _CLAUSE.finditer(text, start, end):
        at, found, groups = clause.end(), None, []
        while (m := unit.match(text, at, end)) is not None or _listed_name(text, found, at, end):
            if found is None or found == at:
                groups.append(at)
            if m is None:  # a name the pattern does not know, listed after a 、 (嘉兴港区)
                found = at = _listed_name(text, found, at, end)
            else:
                found = at = _longest_name(text, m.start(), m.end(), end)
            while at < end and text[at] in "、，,和及 ":
                at += 1
        if found is not None:
            return groups, found
    return None


_LISTED_TAIL = regex.compile(r"[、，,][^、，,；;。！？!?\d\s]{2,14}$")
_LISTED = regex.compile(r"[^、，,；;。！？!?\d\s和及]{2,14}?(?=[、，,]|$)")


def _listed_name(text: str, found: int | None, at: int, end: int) -> int:
    """The end of a name listed after a 、 (the list went on: found < at) that reaches the next
    separator or the row's end and ends as a name may; 0 where there is none."""
    if found is None or found == at:
        return 0
    m = _LISTED.match(text, at, end)
    return m.end() if m and may_end_name(text[m.end() - 1]) else 0


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
