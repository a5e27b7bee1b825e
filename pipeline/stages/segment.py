"""Segment: find the notice's metadata and its numbered tasks (prose, nested and tables).

The text is read as an outline: numbered lines become items with a rank (一、 above （一）
above 1. above （1）); items with deeper items under them are headings, the others tasks.
Tables (``|``-separated rows, or a header of known column names followed by rows whose
columns were separated by spaces) become items too, nested under the prose before them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import Field, Metadata, NormalizedDocument, Segmentation, TaskSegment
from pipeline.rules import Pattern, RuleModel, load_rules
from pipeline.stages.agency_names import to_simplified
from pipeline.stages.roles import assignment_pattern, role_label_pattern

_DIGIT_FIRST = regex.compile(r"\s*\d")  # a row of a table whose columns were spaced out
_ROW_NUMBER = regex.compile(r"\s*\d{1,4}")
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "两": 2}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
TABLE_RANK_OFFSET = 10


class NumberingStyle(RuleModel):
    name: str
    rank: int
    pattern: Pattern


class ColumnRule(RuleModel):
    pattern: Pattern
    kind: FieldKind


class MetadataRules(RuleModel):
    title: Pattern
    title_max_length: int
    issuer_line: Pattern
    letterhead: Pattern
    issuer_from_title: Pattern
    issuer_label: Pattern
    doc_number: Pattern
    date_label: Pattern
    date_formats: list[Pattern]
    source_tag: Pattern
    jurisdiction: Pattern
    national_issuers: Pattern
    chinese_date: Pattern


class SegmentRules(RuleModel):
    numbering: list[NumberingStyle]
    table_number_style: str
    inline_task_after: Pattern
    columns: list[ColumnRule]
    cell_separators: str
    border_line: Pattern
    closing_lines: list[Pattern]
    date_line: Pattern
    metadata: MetadataRules



@dataclass(frozen=True)
class _Style:
    name: str
    rank: int
    line_start: regex.Pattern
    inline: regex.Pattern
    exact: regex.Pattern


@dataclass(frozen=True)
class _Compiled:
    rules: SegmentRules
    styles: tuple[_Style, ...]
    columns: tuple[tuple[regex.Pattern, str], ...]
    column_any: regex.Pattern
    separators: str  # the cell separators; rows are split on the first one
    cell_sep: regex.Pattern
    border: regex.Pattern
    closing: regex.Pattern
    date_line: regex.Pattern
    assignment: regex.Pattern
    meta: dict[str, regex.Pattern]
    dates: tuple[regex.Pattern, ...]


@cache
def _compiled() -> _Compiled:
    rules = load_rules("segment.yaml", SegmentRules)
    after = rules.inline_task_after
    styles = tuple(
        _Style(
            s.name,
            s.rank,
            regex.compile(rf"(?m)^[ \t]*(?:{s.pattern})"),
            regex.compile(rf"(?<={after})[ \t]*(?:{s.pattern})"),
            regex.compile(rf"\s*(?:{s.pattern})"),
        )
        for s in rules.numbering
    )
    columns = tuple((regex.compile(c.pattern), c.kind) for c in rules.columns)
    meta = rules.metadata.model_dump()
    if not rules.cell_separators or any(ch.isspace() for ch in rules.cell_separators):
        raise ValueError("cell_separators: one character or more, no whitespace")
    return _Compiled(
        rules=rules,
        styles=styles,
        columns=columns,
        column_any=regex.compile("|".join(f"(?:{c.pattern})" for c in rules.columns)),
        separators=rules.cell_separators,
        cell_sep=regex.compile(f"[{regex.escape(rules.cell_separators)}]"),
        border=regex.compile(rules.border_line),
        closing=regex.compile("|".join(rules.closing_lines)),
        date_line=regex.compile(rules.date_line),
        assignment=regex.compile(assignment_pattern()),
        meta={k: regex.compile(v) for k, v in meta.items() if isinstance(v, str)},
        dates=tuple(regex.compile(p) for p in rules.metadata.date_formats),
    )




# ---------------------------------------------------------------- items


class _Item(NamedTuple):  # made once per table row: a NamedTuple is cheaper to make
    rank: int
    number: str | None
    start: int
    end: int
    body_start: int
    line_end: int  # end of the item's first line
    fields: tuple[Field, ...] = ()  # table rows: their cells
    from_table: bool = False


def segment(doc: NormalizedDocument) -> Segmentation:
    text = doc.text
    view = to_simplified(text)  # same length: traditional notices match the same rules
    start, end = _task_list_bounds(view)
    items = _items(doc, view, start, end)
    tasks = _tasks(view, text, items)
    warnings = () if tasks else ("no numbered tasks found",)
    return Segmentation(doc, extract_metadata(text), tuple(tasks), warnings)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the lines in [start, end), without an empty one after a final line break."""
    spans, at = [], start
    for line in text[start:end].split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    if spans[-1][0] == end:
        spans.pop()
    return spans


def _task_list_bounds(text: str) -> tuple[int, int]:
    """Skip the covering letter (up to its signature date) and stop at the closing lines."""
    c = _compiled()
    lines = _lines(text, 0, len(text))
    start, previous = 0, ""
    for line_start, line_end in lines:
        line = text[line_start:line_end].strip()
        signed = c.date_line.match(line) and c.meta["issuer_line"].search(previous)
        if signed and line_end < len(text) * 0.7:  # the signature closing the covering letter
            start = line_end + 1
            break
        previous = line or previous
    end = len(text)
    for line_start, line_end in reversed(lines):
        line = text[line_start:line_end].strip()
        if line_start <= start:
            break
        if line and not (c.closing.search(line) or c.date_line.match(line)):
            break
        end = line_start
    return start, max(start, end)


def _items(doc: NormalizedDocument, text: str, start: int, end: int) -> list[_Item]:
    """Outline items of the task list, from prose and table regions in document order."""
    items: list[_Item] = []
    prose_from = start
    for region in _table_regions(doc, text, start, end):
        items += _prose_items(text, prose_from, region.start)
        items += region.items
        prose_from = region.end
    items += _prose_items(text, prose_from, end)
    return items


# ---------------------------------------------------------------- prose


@dataclass(frozen=True)
class _Marker:
    style: _Style
    value: int
    start: int
    body_start: int
    inline: bool
    label: str


def _prose_items(text: str, start: int, end: int) -> list[_Item]:
    markers = _accepted_markers(_candidate_markers(text, start, end))
    items: list[_Item] = []
    for marker, following in zip(markers, [*markers[1:], None], strict=False):
        item_end = following.start if following else end
        line_end = text.find("\n", marker.body_start, item_end)
        items.append(
            _Item(
                rank=marker.style.rank,
                number=marker.label,
                start=marker.start,
                end=_rstrip(text, marker.start, item_end),
                body_start=_lstrip_ws(text, marker.body_start, item_end),
                line_end=item_end if line_end < 0 else line_end,
            )
        )
    return items


def _candidate_markers(text: str, start: int, end: int) -> list[_Marker]:
    found: dict[int, _Marker] = {}
    for style in _compiled().styles:
        for inline, pattern in ((False, style.line_start), (True, style.inline)):
            for m in pattern.finditer(text, start, end):
                marker_start = m.start("value") if style.name == "arabic" else m.start()
                marker_start = _lstrip(text, marker_start if inline else m.start(), m.end())
                value = _number_value(m.group("value"))
                label = _label(style.name, m.group(0).strip())
                candidate = _Marker(style, value, marker_start, m.end(), inline, label)
                if marker_start not in found or found[marker_start].style.rank > style.rank:
                    found[marker_start] = candidate
    return [found[k] for k in sorted(found)]


def _lstrip(text: str, at: int, limit: int) -> int:
    while at < limit and text[at] in " \t":
        at += 1
    return at


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _label(style: str, printed: str) -> str:
    """The number as printed, without the trailing 、 or . of 1. / 一、."""
    squashed = _squash(printed)
    return squashed.rstrip("、.．") if style in {"arabic", "chinese"} else squashed


def _squash(text: str) -> str:
    """Without any whitespace."""
    return "".join(text.split())


def _number_value(token: str) -> int:
    if token.isdecimal():
        return int(token)
    if token in CIRCLED:
        return CIRCLED.index(token) + 1
    return chinese_to_int(token)


def chinese_to_int(token: str) -> int:
    """一..九十九 as used in outline numbers."""
    if "十" not in token:
        value = 0
        for char in token:
            value = value * 10 + CN_DIGITS.get(char, 0)
        return value
    tens, _, ones = token.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def _accepted_markers(candidates: list[_Marker]) -> list[_Marker]:
    """Keep markers that continue their style's sequence (or start or restart it at a line)."""
    last: dict[str, int] = {}
    accepted = []
    for marker in candidates:
        name, previous = marker.style.name, last.get(marker.style.name)
        follows = previous is not None and marker.value == previous + 1
        starts = not marker.inline and (previous is None or marker.value == 1)
        if follows or starts:
            accepted.append(marker)
            last[name] = marker.value
    return accepted


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class _TableRegion:
    start: int
    end: int
    items: list[_Item]


def _table_regions(
    doc: NormalizedDocument, text: str, start: int, end: int
) -> list[_TableRegion]:
    lines = _lines(text, start, end)
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
        squashed = _squash(line)
        if not _compiled().column_any.match(squashed):
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
    c = _compiled()
    spans = [_strip_span(text, *s) for s in lines if not c.border.fullmatch(text, *s)]
    opened = sum(1 for s, e in spans if s < e and text[s] in c.separators)
    bordered = opened * 2 > len(spans)  # │序号│…│ rather than an empty first cell
    return [_pipe_cells(text, *span, bordered=bordered) for span in spans]


def _is_table_line(text: str, start: int, end: int) -> bool:
    """Two cell separators or more, or a rule line."""
    c = _compiled()
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
    return number.isdecimal() or any(s.exact.fullmatch(number) for s in _compiled().styles)


def _pipe_cells(
    text: str, start: int, end: int, *, bordered: bool = False
) -> list[tuple[int, int]]:
    """The cell spans of a row [start, end) that has no edge whitespace."""
    c = _compiled()
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
    c, kinds, at = _compiled(), [], 0
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
    cell = _squash(cell)
    for pattern, kind in _compiled().columns:
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
    columns = _Columns.of(kinds, [_squash(text[s:e]) for s, e in rows[header_at]])
    items: list[_Item] = []
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
        if _squash(text[s:e]) != cell:
            return False
    return True


def _find_header(text: str, rows: list[list[tuple[int, int]]]) -> tuple[int, list[str]] | None:
    for at, row in enumerate(rows):
        kinds = [_cell_kind(text[s:e]) for s, e in row]
        if sum(k is not None for k in kinds) >= 2 and FieldKind.TASK in kinds:
            return at, [k or FieldKind.NOTE for k in kinds]
    return None


def _continues(text: str, row: list[tuple[int, int]], columns: _Columns, last: _Item) -> bool:
    """A row without its number, after a task row, that does not open a heading."""
    if not columns.numbers or not last.fields:
        return False
    numbers = [row[i] for i in columns.numbers if i < len(row)]
    number = numbers[-1] if numbers else None
    if number and number[1] > number[0]:
        return False
    filled = [span for span in row if span[1] > span[0]]
    return bool(filled) and not any(s.exact.match(text, *filled[0]) for s in _compiled().styles)


def _row_fields(row: list[tuple[int, int]], columns: _Columns) -> tuple[Field, ...]:
    cells = len(row)
    return tuple(
        [
            Field(kind, row[i][0], row[i][1], label)
            for i, kind, label in columns.fields
            if i < cells and row[i][1] > row[i][0]
        ]
    )


def _merged(item: _Item, fields: tuple[Field, ...]) -> _Item:
    end = max([item.end, *(f.end for f in fields)])
    return item._replace(end=end, fields=item.fields + fields)


def _row_item(text: str, row: list[tuple[int, int]], columns: _Columns) -> _Item | None:
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
    return _Item(
        rank=rank,
        number=number,
        start=start,
        end=end,
        body_start=body_start,
        line_end=task_span[1] if task_span else end,
        fields=fields,
        from_table=True,
    )


def _heading_row(text: str, start: int, end: int) -> _Item:
    for style in _compiled().styles:
        m = style.exact.match(text, start, end)
        if m:
            return _Item(
                style.rank + TABLE_RANK_OFFSET,
                _label(style.name, m.group(0).strip()),
                start,
                end,
                m.end(),
                end,
                from_table=True,
            )
    return _Item(TABLE_RANK_OFFSET, None, start, end, start, end, from_table=True)


@lru_cache(maxsize=4096)  # row numbers repeat: 1, 2, （一）…
def _row_number(number: str) -> tuple[int, str | None]:
    """The item rank and the printed number of a table row's number cell."""
    return _row_rank(number) + TABLE_RANK_OFFSET, _squash(number) or None


def _row_rank(number: str) -> int:
    number = number.strip()
    for style in _compiled().styles:
        if number and style.exact.fullmatch(number):
            return style.rank
    by_name = {s.name: s.rank for s in _compiled().styles}
    return by_name[_compiled().rules.table_number_style]


# ---------------------------------------------------------------- tasks


class _Draft(NamedTuple):
    """A task before its sequence number is known: TaskSegment's fields after ``seq``."""

    number: str | None
    section: str | None
    start: int
    end: int
    fields: tuple[Field, ...]
    title_start: int
    title_end: int


def _tasks(text: str, original: str, items: list[_Item]) -> list[TaskSegment]:
    items = _fold_sub_points(text, items)
    assigned = [_assigned(text, item) for item in items]
    is_heading = _heading_flags(items, assigned)
    task_rank = _task_rank(items, is_heading, assigned)
    tasks: list[_Draft] = []
    stack: list[tuple[int, str]] = []
    section: str | None = None  # the stack's labels, joined when the stack changes
    for item, heading, unit in zip(items, is_heading, assigned, strict=True):
        if stack and stack[-1][0] >= item.rank:
            while stack and stack[-1][0] >= item.rank:
                stack.pop()
            section = " / ".join(label for _, label in stack) or None
        if heading or _heading_over_units(text, item) or (item.rank < task_rank and not unit):
            stack.append((item.rank, _heading_text(original, item)))
            labels = " / ".join(label for _, label in stack)
            section = labels or None
            tasks += _units_under_heading(text, item, labels)
            continue
        tasks += _item_tasks(text, item, section)
    return [TaskSegment(i, *t) for i, t in enumerate(tasks, 1)]


def _fold_sub_points(text: str, items: list[_Item]) -> list[_Item]:
    """Sub-points whose parent's assignment follows the last of them belong to the parent:
    "1.推进创新。\n（1）建设实验室。\n（2）培育企业。\n牵头单位：科技厅。" is one task."""
    folded: list[_Item] = []
    i = 0
    while i < len(items):
        item, j = items[i], i + 1
        while not item.from_table and j < len(items) and items[j].rank > item.rank:
            j += 1  # a table row is never folded: its children are not looked at
        children = items[i + 1 : j]
        if children and _assigned_after_sub_points(text, children):
            folded.append(item._replace(end=children[-1].end))
            i = j
            continue
        folded.append(item)
        i += 1
    return folded


def _assigned_after_sub_points(text: str, children: list[_Item]) -> bool:
    if any(c.from_table for c in children) or any(_assigned(text, c) for c in children[:-1]):
        return False
    last = children[-1]
    if last.line_end >= last.end:
        return False
    first_line = text[last.body_start : last.line_end]
    if _compiled().assignment.search(first_line) or _label_re().search(first_line):
        return False
    rest = text[last.line_end : last.end]
    return bool(regex.search(r"\n\s*(?:" + _label_re().pattern + ")", rest))


def _heading_over_units(text: str, item: _Item) -> bool:
    """A numbered line without assignment over paragraphs that carry their own: （五）…"""
    if item.from_table or item.line_end >= item.end:
        return False
    first = text[item.body_start : item.line_end]
    if _compiled().assignment.search(first) or _label_re().search(first):
        return False
    return bool(_compiled().assignment.search(text, item.line_end, item.end))


def _heading_flags(items: list[_Item], assigned: list[bool]) -> list[bool]:
    flags = []
    for i, item in enumerate(items):
        child = i + 1 < len(items) and items[i + 1].rank > item.rank
        flags.append(child and not (item.from_table and assigned[i]))
    return flags


def _task_rank(items: list[_Item], is_heading: list[bool], assigned: list[bool]) -> int:
    leaves = [
        (item.rank, a) for item, h, a in zip(items, is_heading, assigned, strict=True) if not h
    ]
    ranks = [rank for rank, a in leaves if a] or [rank for rank, _ in leaves]
    return Counter(ranks).most_common(1)[0][0] if ranks else 0


def _assigned(text: str, item: _Item) -> bool:
    for field in item.fields:
        if field.kind != FieldKind.BODY:
            return True
    body = text[item.body_start : item.end]
    return bool(_compiled().assignment.search(body) or _label_re().search(body))


@cache
def _label_re() -> regex.Pattern:
    return regex.compile(role_label_pattern())


def _heading_text(text: str, item: _Item) -> str:
    if item.from_table:
        line = text[item.start : item.end]
        line = _compiled().cell_sep.sub("", line)
    else:
        line = text[item.start : item.line_end]
    return _squash(line).rstrip("。.;；")


def _units_under_heading(text: str, item: _Item, section: str) -> list[_Draft]:
    """Unnumbered tasks under a heading, each closed by its assignment bracket."""
    if item.from_table or item.line_end >= item.end:
        return []
    return _bracket_units(text, item.line_end + 1, item.end, None, section, under_heading=True)


def _item_tasks(text: str, item: _Item, section: str | None) -> list[_Draft]:
    if item.fields:
        fields = item.fields
        return [_task(text, item.number, section, item.start, item.end, item.body_start, fields)]
    units = _bracket_units(
        text, item.body_start, item.end, item.number, section, under_heading=False
    )
    if units:
        return [units[0]._replace(start=item.start), *units[1:]]
    return [_task(text, item.number, section, item.start, item.end, item.body_start, ())]


def _bracket_units(
    text: str,
    start: int,
    end: int,
    number: str | None,
    section: str | None,
    *,
    under_heading: bool,
) -> list[_Draft]:
    """Split [start, end) after each assignment bracket that has task text before it.

    Under a heading every bracket closes an unnumbered task; in a numbered item a single
    closing bracket leaves the item whole (no split).
    """
    brackets = list(_compiled().assignment.finditer(text, start, end))
    if not brackets:
        return []
    if not under_heading and len(brackets) == 1 and not text[brackets[0].end() : end].strip():
        return []  # one assignment closing the item: the item is the task
    cuts, at = [], start
    for m in brackets:
        if text[at : m.start()].strip():
            cuts.append((at, m.end()))
            at = m.end()
        elif cuts:
            cuts[-1] = (cuts[-1][0], m.end())
            at = m.end()
    if text[at:end].strip() and cuts and not under_heading:
        cuts[-1] = (cuts[-1][0], end)  # under a heading, trailing text without one is no task
    units = []
    for unit_start, unit_end in cuts:
        s = _lstrip_ws(text, unit_start, unit_end)
        units.append(_task(text, number, section, s, unit_end, s, ()))
    return units


def _lstrip_ws(text: str, at: int, limit: int) -> int:
    while at < limit and text[at].isspace():
        at += 1
    return at


def _task(
    text: str,
    number: str | None,
    section: str | None,
    start: int,
    end: int,
    body_start: int,
    fields: tuple[Field, ...],
) -> _Draft:
    if not fields:
        fields = (Field(FieldKind.BODY, body_start, end),)
    body = _body_field(fields) or Field(FieldKind.BODY, body_start, body_start)
    title_end = _title_end(text, body.start, body.end)
    return _Draft(number, section, start, end, fields, body.start, title_end)


def _body_field(fields: tuple[Field, ...]) -> Field | None:
    for field in fields:
        if field.kind == FieldKind.BODY:
            return field
    return None


def _title_end(text: str, start: int, end: int) -> int:
    """The title runs to the first 。 (else the first line break, else the end)."""
    for stop in ("。", "\n"):
        at = text.find(stop, start, end)
        if at >= 0:
            return _rstrip(text, start, at)
    return _rstrip(text, start, end)


# ---------------------------------------------------------------- metadata


def extract_metadata(text: str) -> Metadata:
    c = _compiled()
    head = text[:3000]
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    title = _title(lines)
    issuer = _issuer(lines, title)
    doc_number = c.meta["doc_number"].search(head)
    return Metadata(
        title=title,
        issuer=issuer,
        doc_number=head[doc_number.start("prefix") : doc_number.end()] if doc_number else None,
        publish_date=_publish_date(text, lines),
        jurisdiction=_jurisdiction(issuer),
    )


def _title(lines: list[str]) -> str | None:
    c = _compiled()
    for i, line in enumerate(lines[:12]):
        if c.meta["title"].match(line):
            previous = lines[i - 1] if i else ""
            if line[:2] in {"关于", "關于"} and c.meta["issuer_line"].search(previous):
                return previous + line
            return line
    first = lines[0] if lines else ""
    if first and "。" not in first and len(first) <= c.rules.metadata.title_max_length:
        return c.meta["source_tag"].sub("", first) or None
    return None


def _issuer(lines: list[str], title: str | None) -> str | None:
    c = _compiled()
    for line in lines[:5]:
        m = c.meta["letterhead"].match(line)
        if m:
            return m.group("issuer")
    for line in lines[:12]:
        m = c.meta["issuer_label"].search(line)
        if m:
            return m.group("issuer")
    if title:
        m = c.meta["issuer_from_title"].match(title)
        if m:
            return m.group("issuer")
    return _signatory(lines)


def _signatory(lines: list[str]) -> str | None:
    """The body signing the covering letter: the line above its date (某某市人民政府办公室)."""
    c = _compiled()
    for above, line in pairwise(lines):
        if c.date_line.match(line) and c.meta["issuer_line"].search(above) and len(above) <= 30:
            return above
    return None


def _publish_date(text: str, lines: list[str]) -> date | None:
    c = _compiled()
    labelled = c.meta["date_label"].search(text[:3000])
    if labelled:
        return _parse_date(labelled.group("date"))
    for line in lines:
        if c.date_line.match(line):
            return _parse_date(line)
    for line in lines[:5]:
        parsed = _parse_date(line)
        if parsed:
            return parsed
    return None


def _parse_date(raw: str) -> date | None:
    raw = _chinese_date_digits(raw)
    raw = regex.sub(r"[./]", "-", raw) if regex.match(r"\d{4}[./]", raw) else raw
    for pattern in _compiled().dates:
        m = pattern.search(raw)
        if m:
            try:
                return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
    return None


def _chinese_date_digits(raw: str) -> str:
    """二○○七年四月四日 → 2007年4月4日."""
    m = _compiled().meta["chinese_date"].fullmatch(raw)
    if not m:
        return raw
    year = "".join(str(CN_DIGITS[ch]) for ch in m.group(1))
    return f"{year}年{chinese_to_int(m.group(2))}月{chinese_to_int(m.group(3))}日"


def _jurisdiction(issuer: str | None) -> str | None:
    if not issuer:
        return None
    c = _compiled()
    if c.meta["national_issuers"].match(issuer):
        return "全国"
    m = c.meta["jurisdiction"].match(issuer)
    return m.group("place") if m else None
