"""Targets set for places printed as columns: a header of place names (海安县 | 如皋市 | …),
then rows each of an indicator, perhaps its unit, and one figure per place ("单位地区生产总值用水量
| m3/万元 | 123 | 123 | …"), copied a cell a line. Each indicator is a task of every place (its
role left open), its figures the targets.
"""

from __future__ import annotations

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field
from pipeline.stages import agency_names as names
from pipeline.stages.segment_rules import TABLE_RANK_OFFSET, Item, compiled, squash
from pipeline.stages.table_cells import strip_span
from pipeline.stages.table_rows import TableRegion

Lines = list[tuple[int, int]]

_HEADER = regex.compile(r"(?:地区|区域|县[（(]?市?[、，,]?区?[)）]?|单位|指标|项目|名称|指标名称)")
_HEADER_LINE = 12  # the header's first cell (地  区) is a short line
_REACH = 400  # lines a table of places copied a cell a line runs over at most
_PLACES_MIN = 3  # places named in the header: fewer are no evidence of such a table
_ROWS_MIN = 2
_FIGURE = regex.compile(r"[<>≤≥＜＞]?\d+(?:[.．]\d+)?[%％‰]?")
_UNIT_MAX = 10  # a unit's cell (m3/万元, %) is short
_NAME_MAX = 30


def place_columns(text: str, lines: Lines, i: int) -> tuple[TableRegion, int] | None:
    """The indicators' rows under a header of places at line ``i``, and the line after them."""
    first = text[slice(*lines[i])]
    if len(first) > _HEADER_LINE or not _HEADER.fullmatch(squash(first)):
        return None  # most lines: no such header, decided fast
    cells = [k for k in range(i, min(len(lines), i + _REACH)) if text[slice(*lines[k])].strip()]
    k = 1
    while k < len(cells) and k <= 2 and _HEADER.fullmatch(squash(text[slice(*lines[cells[k]])])):
        k += 1
    places = []
    while k < len(cells) and _place(squash(text[slice(*lines[cells[k]])])):
        places.append(lines[cells[k]])
        k += 1
    if len(places) < _PLACES_MIN:
        return None
    items: list[Item] = []
    stop = cells[k - 1] + 1
    while k < len(cells):
        row = _indicator_row(text, lines, cells, k, places)
        if row is None:
            if _heading(text, lines[cells[k]]):
                k += 1
                continue
            break
        item, k = row
        items.append(item)
        stop = cells[k - 1] + 1
    if len(items) < _ROWS_MIN:
        return None
    return TableRegion(lines[i][0], lines[stop - 1][1], items), stop


def _place(cell: str) -> bool:
    simple = names.to_simplified(cell)
    return (
        2 <= len(simple) <= 8
        and not _FIGURE.fullmatch(simple)
        and (
            names.place_alone(simple)
            or names.looks_like_agency(simple)
            or simple.endswith(_ZONES)  # 开发区 beside the counties: a zone's own column
        )
    )


_ZONES = ("开发区", "园区", "新区", "高新区", "新城")


def _heading(text: str, span: tuple[int, int]) -> bool:
    line = text[slice(*span)].strip()
    return any(s.line_start.match(line) for s in compiled().styles)


def _indicator_row(
    text: str, lines: Lines, cells: list[int], k: int, places: Lines
) -> tuple[Item, int] | None:
    """The row opening at cell ``k``: its name, perhaps its unit, a figure per place."""
    name = lines[cells[k]]
    title = squash(text[slice(*name)])
    if not title or len(title) > _NAME_MAX or _FIGURE.fullmatch(title) or _heading(text, name):
        return None
    at = k + 1
    unit = ""
    if at < len(cells) and not _figure(text, lines[cells[at]]):
        unit = squash(text[slice(*lines[cells[at]])])
        if len(unit) > _UNIT_MAX:
            return None
        at += 1
    figures = [lines[cells[j]] for j in range(at, min(at + len(places), len(cells)))]
    if len(figures) < len(places) or not all(_figure(text, f) for f in figures):
        return None
    seen: set[str] = set()
    found = []
    for span in figures:  # one target a value: the same figure for every place is one
        value = squash(text[slice(*span)])
        if value not in seen:
            seen.add(value)
            label = f"({unit})" if unit else ""
            found.append(Field(FieldKind.BODY, *strip_span(text, *span), label))
    owners = tuple(  # each place's column, named by the place printed once over its figures
        Field(FieldKind.EITHER, *strip_span(text, *p), squash(text[slice(*p)])) for p in places
    )
    body = Field(FieldKind.BODY, *strip_span(text, *name))
    rank = TABLE_RANK_OFFSET + {st.name: st.rank for st in compiled().styles}[
        compiled().rules.table_number_style
    ]
    end = lines[cells[at + len(places) - 1]][1]
    item = Item(rank, None, body.start, end, body.start, body.end, (body, *owners, *found), True)
    return item, at + len(places)


def _figure(text: str, span: tuple[int, int]) -> bool:
    return bool(_FIGURE.fullmatch(squash(text[slice(*span)])))
