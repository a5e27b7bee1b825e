"""Tables in text: ``|``-separated rows, stacked one-cell-per-line rows and rows whose columns
were spaced out, read by their header names into outline items with their cells as fields."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import Field, NormalizedDocument
from pipeline.stages.segment_rules import (
    TABLE_RANK_OFFSET,
    Item,
    compiled,
    number_label,
    squash,
    text_lines,
)

_DIGIT_FIRST = regex.compile(r"\s*\d")  # a row of a table whose columns were spaced out
_ROW_NUMBER = regex.compile(r"\s*\d{1,4}")


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class _TableRegion:
    start: int
    end: int
    items: list[Item]


def table_regions(
    doc: NormalizedDocument, text: str, start: int, end: int
) -> list[_TableRegion]:
    lines = text_lines(text, start, end)
    regions: list[_TableRegion] = []
    i = 0
    while i < len(lines):
        line_start, line_end = lines[i]
        line = text[line_start:line_end]
        if _is_table_line(text, *lines[i]):
            j = i
            while j + 1 < len(lines) and _is_table_line(text, *lines[j + 1]):
                j += 1
            rows = _pipe_rows(text, lines[i : j + 1])
            region = _table_region(text, rows, line_start, lines[j][1])
            if region:
                regions.append(region)
            i = j + 1
            continue
        squashed = squash(line)
        if not compiled().column_any.match(squashed):
            i += 1  # no column name opens the line: neither table starts here
            continue
        stacked = _stacked_table(text, lines, i)
        if stacked:
            regions.append(stacked[0])
            i = stacked[1]
            continue
        kinds = _header_kinds(squashed)
        if kinds:
            j = i
            rows = []
            while j + 1 < len(lines) and _DIGIT_FIRST.match(text, *lines[j + 1]):
                j += 1
                rows.append(_gap_cells(doc, *lines[j], len(kinds)))
            if rows:
                header = [(line_start, line_end)] * len(kinds)
                region = _table_region(text, [header, *rows], line_start, lines[j][1], kinds)
                if region:
                    regions.append(region)
            i = j + 1
            continue
        i += 1
    return regions


def _pipe_rows(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The cells of a run of table lines, rule lines left out."""
    c = compiled()
    spans = [_strip_span(text, *s) for s in lines if not c.border.fullmatch(text, *s)]
    opened = sum(1 for s, e in spans if s < e and text[s] in c.separators)
    bordered = opened * 2 > len(spans)  # │序号│…│ rather than an empty first cell
    return [_pipe_cells(text, *span, bordered=bordered) for span in spans]


def _is_table_line(text: str, start: int, end: int) -> bool:
    """Two cell separators or more, or a rule line."""
    c = compiled()
    if _unified(text[start:end], c.separators).count(c.separators[0]) >= 2:
        return True
    return bool(end > start and c.border.fullmatch(text, start, end))


def _stacked_table(
    text: str, lines: list[tuple[int, int]], i: int
) -> tuple[_TableRegion, int] | None:
    """A table copied one cell per line: a run of header lines, then rows of as many lines."""
    kinds: list[str] = []
    while i + len(kinds) < len(lines):
        kind = _cell_kind(text[slice(*lines[i + len(kinds)])])
        if kind is None:
            break
        kinds.append(kind)
    agency = AGENCY_FIELDS
    if len(kinds) < 3 or FieldKind.TASK not in kinds or not agency & set(kinds):
        return None
    width, at, rows = len(kinds), i + len(kinds), [list(lines[i : i + len(kinds)])]
    while at + width <= len(lines):
        row = lines[at : at + width]
        first = text[slice(*row[0])]
        if kinds[0] == FieldKind.NUMBER and not regex.fullmatch(r"\s*\S{1,6}\s*", first):
            break
        if kinds[0] == FieldKind.NUMBER and not _row_rank_match(text[slice(*row[0])]):
            break
        rows.append([_strip_span(text, *span) for span in row])
        at += width
    if len(rows) < 2:
        return None
    region = _table_region(text, rows, lines[i][0], lines[at - 1][1], kinds)
    return (region, at) if region else None


def _row_rank_match(number: str) -> bool:
    number = number.strip()
    return number.isdecimal() or any(s.exact.fullmatch(number) for s in compiled().styles)


def _pipe_cells(
    text: str, start: int, end: int, *, bordered: bool = False
) -> list[tuple[int, int]]:
    """The cell spans of a row [start, end) that has no edge whitespace."""
    c = compiled()
    if bordered and start < end and text[start] in c.separators:
        start += 1  # a row that opens with a border: │序号│…│
    cells, at = [], start
    for piece in _unified(text[start:end], c.separators).split(c.separators[0]):
        body = piece.lstrip()  # the cell: the piece without its edge whitespace
        left = at + len(piece) - len(body)
        cells.append((left, left + len(body.rstrip())))
        at += len(piece) + 1
    if cells[-1][0] == cells[-1][1]:
        cells.pop()  # nothing after the closing separator
    return cells


def _unified(line: str, separators: str) -> str:
    """``line`` with every cell separator written as the first one (same length)."""
    for other in separators[1:]:
        if other in line:
            line = line.replace(other, separators[0])
    return line


def _gap_cells(doc: NormalizedDocument, start: int, end: int, n: int) -> list[tuple[int, int]]:
    """Cells of a row whose columns were separated by whitespace in the source."""
    text = doc.text
    cuts = doc.gaps_between(start, end)
    number = _ROW_NUMBER.match(text[start:end])
    if number and (not cuts or cuts[0] > start + number.end()):
        cuts.insert(0, start + number.end())
    pieces = [(s, e) for s, e in zip([start, *cuts], [*cuts, end], strict=True)]
    pieces = [_strip_span(text, s, e) for s, e in pieces]
    if len(pieces) <= n:
        return pieces + [(end, end)] * (n - len(pieces))
    head, tail = pieces[:1], pieces[len(pieces) - (n - 2) :]
    middle = (pieces[1][0], pieces[len(pieces) - (n - 2) - 1][1])
    return [*head, middle, *tail]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    if start >= end or not (text[start].isspace() or text[end - 1].isspace()):
        return start, end
    piece = text[start:end]
    body = piece.lstrip()
    start += len(piece) - len(body)
    return start, start + len(body.rstrip())


def _header_kinds(cells_text: str) -> list[str] | None:
    """Column kinds when ``cells_text`` is a header of known column names run together."""
    c, kinds, at = compiled(), [], 0
    while at < len(cells_text):
        matches = ((pattern.match(cells_text, at), kind) for pattern, kind in c.columns)
        best = max(((m.end(), kind) for m, kind in matches if m), default=None)
        if not best or best[0] == at:
            return None
        at, kind = best
        kinds.append(kind)
    agency = AGENCY_FIELDS | {FieldKind.LEADER}
    return kinds if len(kinds) >= 2 and agency & set(kinds) and FieldKind.TASK in kinds else None


def _cell_kind(cell: str) -> str | None:
    cell = squash(cell)
    for pattern, kind in compiled().columns:
        if pattern.fullmatch(cell):
            return kind
    return None


def _table_region(
    text: str,
    rows: list[list[tuple[int, int]]],
    start: int,
    end: int,
    kinds: list[str] | None = None,
) -> _TableRegion | None:
    header_at = 0
    if kinds is None:
        found = _find_header(text, rows)
        if found is None:
            return None
        header_at, kinds = found
    columns = _Columns.of(kinds, [squash(text[s:e]) for s, e in rows[header_at]])
    items: list[Item] = []
    for row in rows[header_at + 1 :]:
        if _is_header(text, row, columns.header):
            continue  # header repeated on a new page
        if items and _continues(text, row, columns, items[-1]):
            items[-1] = _merged(items[-1], _row_fields(row, columns))
            continue  # the rest of a row broken across a page
        item = _row_item(text, row, columns)
        if item:
            items.append(item)
    return _TableRegion(start, end, items)


@dataclass(frozen=True)
class _Columns:
    """A table's column kinds and header cells, and where its number and task columns are."""

    header: list[str]  # squashed header cells, also the fields' labels
    numbers: list[int]
    task: int | None
    fields: tuple[tuple[int, str, str | None], ...]  # columns made fields: index, kind, label

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
        return cls(header, numbers, task, fields)


def _cell(row: list[tuple[int, int]], index: int | None) -> tuple[int, int] | None:
    return row[index] if index is not None and index < len(row) else None


def _is_header(text: str, row: list[tuple[int, int]], header: list[str]) -> bool:
    if len(row) != len(header):
        return False
    for (s, e), cell in zip(row, header, strict=True):
        if e - s < len(cell) or (cell and text[s] != cell[0]):  # squashing only shortens
            return False
        if squash(text[s:e]) != cell:
            return False
    return True


def _find_header(text: str, rows: list[list[tuple[int, int]]]) -> tuple[int, list[str]] | None:
    for at, row in enumerate(rows):
        kinds = [_cell_kind(text[s:e]) for s, e in row]
        if sum(k is not None for k in kinds) >= 2 and FieldKind.TASK in kinds:
            return at, [k or FieldKind.NOTE for k in kinds]
    return None


def _continues(text: str, row: list[tuple[int, int]], columns: _Columns, last: Item) -> bool:
    """A row without its number, after a task row, that does not open a heading."""
    if not columns.numbers or not last.fields:
        return False
    numbers = [row[i] for i in columns.numbers if i < len(row)]
    number = numbers[-1] if numbers else None
    if number and number[1] > number[0]:
        return False
    filled = [span for span in row if span[1] > span[0]]
    return bool(filled) and not any(s.exact.match(text, *filled[0]) for s in compiled().styles)


def _row_fields(row: list[tuple[int, int]], columns: _Columns) -> tuple[Field, ...]:
    cells = len(row)
    return tuple(
        [
            Field(kind, row[i][0], row[i][1], label)
            for i, kind, label in columns.fields
            if i < cells and row[i][1] > row[i][0]
        ]
    )


def _merged(item: Item, fields: tuple[Field, ...]) -> Item:
    end = max([item.end, *(f.end for f in fields)])
    return item._replace(end=end, fields=item.fields + fields)


def _row_item(text: str, row: list[tuple[int, int]], columns: _Columns) -> Item | None:
    filled = [span for span in row if span[1] > span[0]]
    if not filled:
        return None
    fields = _row_fields(row, columns)
    number_span = _cell(row, columns.numbers[0] if columns.numbers else None)
    number_text = text[slice(*number_span)] if number_span else ""
    task_span = _cell(row, columns.task)
    if len(filled) == 1 and all(f.kind == FieldKind.BODY for f in fields):
        return _heading_row(text, *filled[0])  # a heading row spanning the table: 一、主要预期目标
    rank, number = _row_number(number_text)
    start = number_span[0] if number_span and number_text else (task_span or filled[0])[0]
    body_start = task_span[0] if task_span else start
    end = filled[-1][1]  # cells run left to right
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


def _row_rank(number: str) -> int:
    number = number.strip()
    for style in compiled().styles:
        if number and style.exact.fullmatch(number):
            return style.rank
    by_name = {s.name: s.rank for s in compiled().styles}
    return by_name[compiled().rules.table_number_style]
