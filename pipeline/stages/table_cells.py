"""Spans of text as table cells: the small helpers every reader of a flattened table shares."""

from __future__ import annotations

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages.segment_rules import compiled, squash
from pipeline.stages.table_fit import fit
from pipeline.stages.table_rows import Cell, Row, Span

DIGIT_FIRST = regex.compile(r"\s*[(（]?\s*\d")  # a row of spaced-out columns: 1, (1)
GROUP_LINE_MAX = 40  # a group heading row of a table copied one cell a line is short

Lines = list[tuple[int, int]]


def unified(line: str, separators: str) -> str:
    """``line`` with every cell separator written as the first one (same length)."""
    for other in separators[1:]:
        if other in line:
            line = line.replace(other, separators[0])
    return line


def strip_span(text: str, start: int, end: int) -> Span:
    if start >= end or not (text[start].isspace() or text[end - 1].isspace()):
        return start, end
    piece = text[start:end]
    body = piece.lstrip()
    start += len(piece) - len(body)
    return start, start + len(body.rstrip())


def is_header_kinds(kinds: list[str]) -> bool:
    agency = AGENCY_FIELDS | {FieldKind.LEADER}
    named = FieldKind.TASK in kinds or FieldKind.NAME in kinds
    return len(kinds) >= 2 and named and bool((agency | {FieldKind.GRADER}) & set(kinds))


def as_cell(span: Span) -> Cell:
    return (span,) if span[1] > span[0] else ()


def trimmed(row: Row) -> list[Cell]:
    """A row without the empty cells ending it ("||"): a row that left a cell out (an empty
    one dropped by the copy) is placed by its content, not shifted by the empty ones."""
    cells = [cell or () for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def separators_in(text: str, start: int, end: int) -> int:
    seps = compiled().separators
    return sum(text.count(sep, start, end) for sep in seps)


def units_line(text: str, span: Span) -> bool:
    """A line without a row number that reads as a list of units."""
    content = squash(text[slice(*span)])
    return not DIGIT_FIRST.match(content) and fit(content, FieldKind.LEAD) > 0
