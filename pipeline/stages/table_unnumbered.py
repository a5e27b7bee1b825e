"""A table with no number column run together after its header, its cells parted by spaces
("工作任务和内容 责任单位 配合单位 完成时间 负责全县…宣传. 县委宣传部 持续开展 负责…"), as a
forum or web copy of a Word table gives it: each row is its task text, then its units, then
its deadline; a row ends where task text follows a unit or a deadline.
"""

from __future__ import annotations

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import NormalizedDocument
from pipeline.stages.agency_names import looks_like_agency
from pipeline.stages.deadlines import extract_deadlines, reads_as_deadline
from pipeline.stages.table_cells import Lines, is_header_kinds, units_line
from pipeline.stages.table_rows import Cell, Row, Span, TableRegion, table_region
from pipeline.stages.table_spaced import gap_pieces, header_cells, header_names

_SENTENCE_END = regex.compile(r"[。.．；;！!？?]$")
_DEADLINE_TAIL_MAX = 12  # a deadline cell's words after its date: 7月底前制定 扬尘治理方案
_NAME_PIECE_MAX = 5  # the end of a unit's name wrapped onto a piece of its own: 督查室
_ROWS_MIN = 2


def unnumbered_spaced(
    doc: NormalizedDocument, text: str, lines: Lines, i: int, kinds: list[str], header_end: int
) -> tuple[TableRegion | None, int] | None:
    """The table whose header (``kinds``, no number column) ends at ``header_end`` on line
    ``i``, its rows run together after it up to the end of the line's paragraph run (blank
    lines aside): rows of task text, units and a deadline; or None."""
    if FieldKind.NUMBER in kinds or FieldKind.TASK not in kinds[:1]:
        return None
    units = [k for k, kind in enumerate(kinds) if kind in AGENCY_FIELDS]
    if not units:
        return None
    stop = _paragraph_end(text, lines, i)
    tokens = [
        piece
        for k in range(i, stop)
        for piece in gap_pieces(doc, max(header_end, lines[k][0]), lines[k][1])
        if k > i or lines[k][1] > header_end
    ]
    rows = _rows(text, tokens, kinds, units)
    if len(rows) < _ROWS_MIN:
        return None
    header = header_cells(text, lines[i][0], header_end, len(kinds))
    return table_region(text, [header, *rows], lines[i][0], lines[stop - 1][1], kinds), stop


def _paragraph_end(text: str, lines: Lines, i: int) -> int:
    """The line after the last of the run that continues line ``i`` (blank lines inside)."""
    j = i + 1
    while j < len(lines) and (not text[slice(*lines[j])].strip() or _continues(text, lines[j])):
        j += 1
    return j


def _continues(text: str, span: Span) -> bool:
    """A line that goes on with the rows: no outline number opening it."""
    line = text[slice(*span)].strip()
    return not regex.match(r"[一二三四五六七八九十]{1,3}、|附件", line)


def _rows(text: str, tokens: list[Span], kinds: list[str], units: list[int]) -> list[Row]:
    deadline = kinds.index(FieldKind.DEADLINE) if FieldKind.DEADLINE in kinds else None
    rows: list[list[Cell]] = []
    state = "task"
    for span, kind in _classified(text, tokens):
        token = text[slice(*span)]
        if rows and state == "units" and kind == "text" and len(token) <= _NAME_PIECE_MAX:
            kind = "unit"  # 县委县政府 督查室: a name wrapped in its cell
        if rows and state == "deadline" and kind == "text" and _deadline_tail(token):
            kind = "deadline"
        if (kind == "text" and state != "task") or not rows:
            if kind != "text":
                return []  # a table whose first cell is no task text: not this shape
            rows.append([()] * len(kinds))
            state = "task"
        row = rows[-1]
        if kind == "text":
            row[0] = _added(row[0], span)
        elif kind == "unit":
            column = units[0]  # which unit column cannot be told once run together
            row[column] = _added(row[column], span, joined=state == "units")
            state = "units"
        else:
            if deadline is not None:  # a header with no deadline column: the date is dropped
                row[deadline] = _added(row[deadline], span)
            state = "deadline"
    return [row for row in rows if any(row[k] for k in units)]


def _classified(text: str, tokens: list[Span]) -> list[tuple[Span, str]]:
    """Each piece and its kind; a short piece that a unit's name ends in the piece after
    (县交通 运输局) is one unit with it."""
    out: list[tuple[Span, str]] = []
    k = 0
    while k < len(tokens):
        span, kind = tokens[k], _token_kind(text[slice(*tokens[k])])
        if kind == "text" and k + 1 < len(tokens) and len(text[slice(*span)]) <= _NAME_PIECE_MAX:
            joined = (span[0], tokens[k + 1][1])
            if tokens[k + 1][0] == span[1] and looks_like_agency(text[slice(*joined)]):
                span, kind, k = joined, "unit", k + 1
        out.append((span, kind))
        k += 1
    return out


def _added(cell: Cell, span: Span, *, joined: bool = True) -> Cell:
    """A cell with one more piece: the same span grown where the piece follows it at once (a
    name or a sentence the copy parted with a space)."""
    if cell and joined and cell[-1][1] == span[0]:
        return (*cell[:-1], (cell[-1][0], span[1]))
    return (*cell, span)


def _token_kind(token: str) -> str:
    if not _SENTENCE_END.search(token) and (
        units_line(token, (0, len(token))) or looks_like_agency(token)
    ):
        return "unit"
    if reads_as_deadline(token) or _opens_with_date(token):
        return "deadline"
    return "text"


def _opens_with_date(token: str) -> bool:
    found = extract_deadlines(token, 0, len(token), 0, None, cell=True)
    return bool(found) and found[0].char_start == 0


def _deadline_tail(token: str) -> bool:
    return len(token) <= _DEADLINE_TAIL_MAX and not _SENTENCE_END.search(token)


def header_path(text: str, start: int, end: int) -> tuple[list[str], int] | None:
    """The column kinds of a header opening ``text[start:end]`` and where it ends, or None."""
    path = header_names(text[start:end])
    kinds = [kind for _, kind in path]
    if not path or not is_header_kinds(kinds):
        return None
    return kinds, start + path[-1][0]
