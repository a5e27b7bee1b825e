"""A table copied one cell a line, with no number column, each row opened by a number printed
inside one of its cells ("1、地区生产总值增长率"):

    类别 / 指标名称 / 年度目标 / 完成情况 / 责任部门
    高质量发展                      (a category, printed on its group's first row only)
    1、地区生产总值增长率
    与市保持同步
    9.8%
    区发改委
    2、…

The numbered cell is the row's title. A row runs from its number to the next number; its
lines go, in order, to the columns after the title (a cell may wrap over lines, units stand
one a line) and then to the columns before the title of the next row (its category). Where a
cell ends is read from the lines' content: units fit unit columns, and a line break splits a
cell only where the text on either side reads as one phrase ("提升4个" | "百分点",
"控制在" | "10410人内"; never two quantities).
"""

from __future__ import annotations

import itertools
from functools import cache, lru_cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages.quantity_grammar import grammar
from pipeline.stages.segment_rules import compiled, squash
from pipeline.stages.table_fit import fit, status_cell
from pipeline.stages.table_rows import Cell, Row, Span, opens_numbered

Lines = list[tuple[int, int]]

_DIGIT = regex.compile(r"\d")
_CLAUSE = regex.compile(r"[，,。；;：:]")
_ITEMS = regex.compile(r"[、，,；;。]")
_DIGIT_TAIL = regex.compile(r".*\d")  # up to the last digit
_NUMBER_OPENING = regex.compile(r"\d+\D")
_JOIN = -0.5  # a cell wrapped over one more line
_EMPTY_UNITS = -0.1  # a unit column left empty while units one a line fill the next one
_HEADINGS_BEFORE = 2  # heading lines (一、…（一）…) between the header and the first row
_TASK_LINE_MIN = 16  # a line opening a row of task text is longer than a name or a unit
_SENTENCE_LINE_MIN = 8  # shorter, a line of task text is a sentence closed by 。
_PROSE_LINE = 40  # a line this long with a full stop after the last row: text after the table
# Columns a numbered title cell can never be in.
_NOT_TITLE = AGENCY_FIELDS | {FieldKind.NUMBER, FieldKind.LEADER, FieldKind.DEADLINE}


def numbered_cell_rows(
    text: str, lines: Lines, at: int, kinds: list[str]
) -> tuple[list[Row], int, list[str]] | None:
    """The rows after a header (which ends before line ``at``), the line after the table,
    and the column kinds with the numbered column as the task's title; or None."""
    first = _first_number(text, lines, at, len(kinds))
    if first is None:
        return None
    j, style, value = first
    rank = next(s.rank for s in compiled().styles if s.name == style)
    before = [sp for sp in lines[at:j] if not _heading_line(text, sp, rank)]
    title = len(before)
    if title >= len(kinds):
        return None  # more lines before the number than the header has columns
    if kinds[title] in _NOT_TITLE:
        return None
    starts = _row_starts(text, lines, j, style, value, len(kinds))
    if len(starts) < 2:
        return None
    kinds = [FieldKind.TASK if k == title else kind for k, kind in enumerate(kinds)]
    rows: list[Row] = _heading_rows(text, lines[at:j], rank, len(kinds))
    lead = _lead_cells(text, before, title)
    ends = [*starts[1:], _table_end(text, lines, starts)]
    for n, (s, e) in enumerate(zip(starts, ends, strict=True)):
        after = kinds[title + 1 :]
        following = kinds[:title] if n + 1 < len(starts) else []
        spans = [stripped(text, sp) for sp in lines[s:e]]
        content = [sp for sp in spans if not _heading_line(text, sp, rank)]
        cells = _assign(text, content, [kinds[title], *after, *following])
        rows.append([*lead, *cells[: 1 + len(after)]])
        rows += _heading_rows(text, spans, rank, len(kinds))
        lead = [c or None for c in cells[1 + len(after) :]] if following else []
    return rows, ends[-1], kinds


def unnumbered_rows(
    text: str, lines: Lines, at: int, kinds: list[str]
) -> tuple[list[Row], int] | None:
    """The rows after a header whose number column (序号) the rows leave out: each row
    opens with its task text, a line longer than a name or a unit list, and its other lines
    go, in order, to the columns after the task (people and units one a line); or None.
    The rows have no number column (the header's first cell is dropped by the caller)."""
    if len(kinds) < 3 or kinds[0] != FieldKind.NUMBER or kinds[1] != FieldKind.TASK:
        return None
    starts: list[int] = []
    reach = len(kinds) + compiled().rules.max_cell_lines
    for k in range(at, len(lines)):
        if _opens_task_row(text, lines[k]):
            starts.append(k)
        elif not starts or k - starts[-1] > reach:
            break
    if len(starts) < 2 or starts[0] != at:
        return None
    ends = [*starts[1:], _table_end(text, lines, starts)]
    rows: list[Row] = []
    for s, e in zip(starts, ends, strict=True):
        spans = [stripped(text, sp) for sp in lines[s:e]]
        rows.append(_assign(text, spans, kinds[1:]))
    return rows, ends[-1]


def content_rows(
    text: str, lines: Lines, at: int, kinds: list[str]
) -> tuple[list[Row], int] | None:
    """The rows after a header with no number column whose first line is a numbered heading
    ("一、优化政务公开工作基础" over "（一）深化…公开。" over the task text, its unit and date):
    numbered lines are heading rows, every other row opens with its task text and its other
    lines go, in order, to the columns after the first; or None."""
    if FieldKind.NUMBER in kinds or at >= len(lines) or not _numbered_line(text, lines[at]):
        return None
    rows: list[Row] = []
    current: list[Span] = []
    reach = len(kinds) + compiled().rules.max_cell_lines
    k, tasks = at, 0
    while k < len(lines):
        span = stripped(text, lines[k])
        if _numbered_line(text, span) or _opens_task_row(text, span):
            if current:
                rows.append(_assign(text, current, kinds))
                current = []
            if _numbered_line(text, span):
                rows.append([(span,), *[()] * (len(kinds) - 1)])
            else:
                current, tasks = [span], tasks + 1
        elif current and len(current) < reach:
            current.append(span)
        else:
            break
        k += 1
    if current:
        rows.append(_assign(text, current, kinds))
    return (rows, k) if tasks >= 2 else None


def _numbered_line(text: str, span: Span) -> bool:
    """A line opening with a number of any outline style, text after it: a heading row."""
    return opens_numbered(text, *span)


def _opens_task_row(text: str, span: Span) -> bool:
    """Task text: a long line with a clause in it that is not a list of units."""
    line = squash(text[slice(*span)])
    sentence = line.endswith("。") and len(line) >= _SENTENCE_LINE_MIN  # 继续推进…建设。
    if (len(line) < _TASK_LINE_MIN and not sentence) or not _CLAUSE.search(line):
        return False
    items = [item for item in _ITEMS.split(line) if item]
    return not all(fit(item, FieldKind.LEAD) > 0 for item in items)


def _heading_line(text: str, span: Span, rank: int) -> bool:
    """A line opening with a number of an outer outline level than the rows' ("二、…" over
    rows "1.…"): a heading printed across the table, no cell of a row."""
    return opens_numbered(text, *span, above=rank)


def _heading_rows(text: str, spans: Lines, rank: int, width: int) -> list[Row]:
    """A row of one cell for each heading line among ``spans``."""
    return [
        [(stripped(text, sp),), *[()] * (width - 1)]
        for sp in spans
        if _heading_line(text, sp, rank)
    ]


def _first_number(text: str, lines: Lines, at: int, width: int) -> tuple[int, str, int] | None:
    """The first line of the first row that opens with a number and text after it (headings
    printed across the table may come before it)."""
    for j in range(at, min(at + width + _HEADINGS_BEFORE, len(lines))):
        found = _opening(text, lines[j])
        if found:
            return j, *found
    return None


def cell_opening(cell: str) -> tuple[str, int] | None:
    """(style, value) of a number of an arabic style opening ``cell``, text after it."""
    return _opening(cell, (0, len(cell)))


def _opening(text: str, span: Span) -> tuple[str, int] | None:
    """(style, value) of a number of an arabic style opening the line, text after it."""
    start, end = span
    for style in compiled().styles:
        m = style.exact.match(text, start, end)
        if m and m.end() < end and "value" in m.groupdict():
            value = m.group("value")
            if value.isdecimal():
                return style.name, int(value)
    return None


def _row_starts(text: str, lines: Lines, j: int, style: str, value: int, width: int) -> list[int]:
    """The lines opening rows ``value``, ``value + 1``…, each within a row's reach."""
    reach = width + compiled().rules.max_cell_lines
    starts, k = [j], j + 1
    while k < len(lines) and k - starts[-1] <= reach:
        if _opening(text, lines[k]) == (style, value + len(starts)):
            starts.append(k)
        k += 1
    return starts


def _table_end(text: str, lines: Lines, starts: list[int]) -> int:
    """The line after the last row: as many lines at most as the longest row before it,
    ending at a numbered line or a line of prose."""
    longest = max(b - a for a, b in itertools.pairwise(starts))
    end = starts[-1] + 1
    while end < len(lines) and end - starts[-1] < longest:
        line = text[slice(*lines[end])]
        if any(s.line_start.match(line) for s in compiled().styles):
            break
        if len(line.strip()) > _PROSE_LINE and "。" in line:
            break
        end += 1
    return end


def _lead_cells(text: str, lines: Lines, title: int) -> list[Cell | None]:
    """The first row's cells before its numbered cell (one a line; more join the last)."""
    cells: list[Cell | None] = [None] * title
    for k, span in enumerate(lines):
        column = min(k, title - 1)
        if column >= 0:
            cells[column] = (cells[column] or ()) + (stripped(text, span),)
    return cells


def stripped(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _assign(text: str, spans: list[Span], kinds: list[str]) -> list[Cell]:
    """The lines of a row (the first in the first column) split into a cell per column, in
    order, the split with the best fit of lines to columns and of lines to each other."""
    pieces = [squash(text[s:e]) for s, e in spans]
    opening = _NUMBER_OPENING.match(pieces[0]) if pieces else None
    if opening:  # the row number is no part of the title's text
        pieces[0] = pieces[0][opening.end() :]
    n, m = len(pieces), len(kinds)
    # best[i][c]: the best score placing lines i.. in columns c..; cut[i][c]: lines in c
    best = [[float("-inf")] * (m + 1) for _ in range(n + 1)]
    cut = [[0] * (m + 1) for _ in range(n + 1)]
    best[n][m] = 0.0
    for c in range(m - 1, -1, -1):
        for i in range(n, -1, -1):
            lowest = 1 if c == 0 else 0  # the title line stays in the first column
            for k in range(lowest, n - i + 1):
                rest = best[i + k][c + 1]
                if rest == float("-inf"):
                    continue
                score = _cell_score(tuple(pieces[i : i + k]), kinds[c]) + rest
                if score > best[i][c]:
                    best[i][c], cut[i][c] = score, k
    cells: list[Cell] = []
    i = 0
    for c in range(m):
        k = cut[i][c]
        cells.append(tuple(spans[i : i + k]))
        i += k
    return cells


@lru_cache(maxsize=4096)
def _cell_score(lines: tuple[str, ...], kind: str) -> float:
    if not lines and kind in AGENCY_FIELDS:
        return _EMPTY_UNITS
    score = sum(line_fit(line, kind) for line in lines)
    for a, b in itertools.pairwise(lines):
        if kind in AGENCY_FIELDS and line_fit(a, kind) > 0 and line_fit(b, kind) > 0:
            continue  # units one a line
        score += _JOIN + _affinity(a, b)
    return score


def line_fit(line: str, kind: str) -> float:
    """Units, dates and people fit their columns; other text fits any text column alike."""
    if kind in {FieldKind.TASK, FieldKind.NOTE, FieldKind.NAME}:
        if status_cell(line):  # 正常进行中: a progress column's note, as fit scores it
            return fit(line, kind)
        return -2 if fit(line, FieldKind.LEAD) > 0 else 0
    return fit(line, kind)


def _affinity(a: str, b: str) -> float:
    """How well line ``b`` continues line ``a`` as one cell: a unit finishing a quantity
    (提升4个 | 百分点), a quantity after the verb or comparator that takes it (控制在 |
    10410人内); never two quantities."""
    da, db = bool(_DIGIT.search(a)), bool(_DIGIT.search(b))
    if da and db:
        return -1
    if da:  # the unit read across the break is longer than the one before it
        tail = a[_DIGIT_TAIL.search(a).end() :]
        unit = grammar().base_unit.match(tail + b)
        return 1 if unit and unit.end() > len(tail) else 0
    if db:
        return 1 if _takes_quantity().search(a) else -1
    return 0


@cache
def _takes_quantity() -> regex.Pattern[str]:
    rules = grammar().rules
    words = sorted({*rules.level_verbs, *rules.pre_comparators}, key=len, reverse=True)
    return regex.compile(f"(?:{'|'.join(map(regex.escape, words))})$")
