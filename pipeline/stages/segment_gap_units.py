"""A list whose items each print a name, then after a space the unit answerable for it
("1、南京随园大厦  鼓楼区人民政府", a table of two columns copied one row a line): the piece after
an item's last space is its unit cell. Normalizing drops the space between two Chinese words,
so the cut is read from the document's gaps (where the source had whitespace)."""

from __future__ import annotations

from pipeline.catalog import FieldKind
from pipeline.records import Field, NormalizedDocument
from pipeline.stages.agency_names import agency_end, looks_like_agency
from pipeline.stages.segment_drafts import lstrip_ws, rstrip_ws
from pipeline.stages.segment_rules import Item

_ITEMS_MIN = 3  # items so printed, and most of the list: a column of units, not a chance name
_SHARE_MIN = 0.6
_SENTENCE = "。；;！!？?"


def with_gap_units(doc: NormalizedDocument, text: str, items: list[Item]) -> list[Item]:
    """``items`` with the unit cell after the last space of each item that prints one, when
    enough of the list does; else ``items`` unchanged."""
    cells = [None if item.fields else _gap_unit(doc, text, item) for item in items]
    found = sum(cell is not None for cell in cells)
    if found < _ITEMS_MIN or found < _SHARE_MIN * len(items):
        return items
    return [
        item if cell is None else item._replace(fields=cell)
        for item, cell in zip(items, cells, strict=True)
    ]


def _gap_unit(doc: NormalizedDocument, text: str, item: Item) -> tuple[Field, ...] | None:
    """The item's body and its unit when a whole unit name stands after its last gap and the
    item is no sentence (a name, a title)."""
    start, end = item.body_start, rstrip_ws(text, item.body_start, item.end)
    gaps = doc.gaps_between(start, end)
    if not gaps or any(c in _SENTENCE for c in text[start:end]):
        return None
    unit = lstrip_ws(text, gaps[-1], end)
    if unit >= end or agency_end(text, unit, end) != end or not looks_like_agency(text[unit:end]):
        return None
    body_end = rstrip_ws(text, start, gaps[-1])
    if body_end <= start:
        return None  # the unit alone: no name before it
    return (Field(FieldKind.BODY, start, body_end), Field(FieldKind.EITHER, unit, end))
