"""Unnumbered tasks under a heading: paragraphs each closed by a sentence that attributes
them, paragraphs closed in groups by a line that attributes them, and lines each opened by a
unit or place and its share of a quota."""

from __future__ import annotations

from functools import cache

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field
from pipeline.stages.agency_names import looks_like_agency, place_alone, to_simplified, unit_list
from pipeline.stages.mentions import duties_stripped
from pipeline.stages.roles import group_statements, trailing_verb_alternation
from pipeline.stages.segment_drafts import Draft, draft, lstrip_ws, rstrip_ws
from pipeline.stages.segment_fallbacks import self_attributed
from pipeline.stages.segment_rules import Item, squash, text_lines


def closed_paragraphs(text: str, item: Item, start: int, end: int) -> list[tuple[int, int]]:
    """Under a heading line (no full stop in it), paragraphs each closed by a sentence that
    attributes it ("…。由小军同志负责，市卫生局、市财政局承办。"): each is a task."""
    if "。" in text[item.body_start : item.line_end]:
        return []
    paragraphs = [
        (lstrip_ws(text, s, e), rstrip_ws(text, s, e))
        for s, e in text_lines(text, start, end)
        if text[s:e].strip()
    ]
    closed = closing_attribution()
    if paragraphs and all(closed.search(text, s, e) for s, e in paragraphs):
        return paragraphs
    return []


_QUOTA_OPENER = regex.compile(r"\p{Han}{2,12}(?=\d|[:：])")  # 和平区25万…, 玄武区：实施…
_QUOTA_LINES_MIN = 3


def quota_lines(text: str, start: int, end: int, section: str | None) -> list[Draft]:
    """Under a heading, lines each opened by a unit or a place and its share of the work
    ("和平区25万平方米，其中公园绿地12万平方米；" / "市教育局3所"): a quota divided among
    units, each line a task of the unit opening it (its role left open). Every line must
    read so, three or more."""
    lines = [
        (lstrip_ws(text, s, e), rstrip_ws(text, s, e))
        for s, e in text_lines(text, start, end)
        if text[s:e].strip()
    ]
    if len(lines) < _QUOTA_LINES_MIN:
        return []
    drafts = []
    for s, e in lines:
        m = _QUOTA_OPENER.match(text, s, e)
        name = to_simplified(m.group(0)) if m else ""
        if not m or not (place_alone(name) or looks_like_agency(name)):
            return []
        unit = Field(FieldKind.EITHER, s, m.end())
        drafts.append(draft(text, None, section, s, e, s, (unit, Field(FieldKind.BODY, s, e))))
    return drafts


@cache
def closing_attribution() -> regex.Pattern:
    """A last sentence that names who does the work: …由X负责，Y承办。 / …X、Y负责。"""
    verbs = trailing_verb_alternation()
    return regex.compile(rf"(?:^|[。；;])[^。；;\n]{{2,80}}?(?:{verbs})[。；;]?\s*$")


def attributed_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Unnumbered paragraphs closed in groups by a line that attributes them ("…。\n…。\n
    上述项目由区商务委牵头负责。"): each paragraph before such a line is a task. Read only
    where that makes a group: two paragraphs before the first such line, or two such lines."""
    statements = [
        g.start
        for g in group_statements(text, start, end)
        if g.start == start or text[g.start - 1] == "\n"
    ]
    if not statements:
        return []
    paragraphs = [
        (lstrip_ws(text, s, e), rstrip_ws(text, s, e))
        for s, e in text_lines(text, start, statements[-1])
        if text[s:e].strip() and s not in statements
    ]
    first = sum(1 for s, _ in paragraphs if s < statements[0])
    return paragraphs if first >= 2 or len(statements) >= 2 else []


def self_attributed_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of ``text[start:end]``, two or more, when each says who does its work
    in a sentence of its own ("食品安全。由市食品安全办牵头,会同…"); else none."""
    paragraphs = [
        (lstrip_ws(text, s, e), rstrip_ws(text, s, e))
        for s, e in text_lines(text, start, end)
        if text[s:e].strip()
    ]
    if len(paragraphs) < 2 or not all(self_attributed(text, s, e) for s, e in paragraphs):
        return []
    return paragraphs


def unit_titled_paragraph(text: str, item: Item) -> tuple[Field, ...]:
    """An item whose numbered line names only units (perhaps with the word for their duties:
    县民政局职责) over one paragraph of their duties: the duties as the body, the units with
    their role left open; else none."""
    if item.line_end >= item.end or text[item.line_end : item.line_end + 1] != "\n":
        return ()  # no line under the numbered one
    line_end = rstrip_ws(text, item.body_start, item.line_end)
    units = (item.body_start, duties_stripped(text, item.body_start, line_end))  # 县民政局职责
    body = lstrip_ws(text, item.line_end, item.end)
    if not unit_list(squash(text[slice(*units)])) or body >= item.end:
        return ()
    if "\n" in text[body : rstrip_ws(text, body, item.end)]:
        return ()  # a unit over several paragraphs heads several tasks
    return (Field(FieldKind.BODY, body, item.end), Field(FieldKind.EITHER, *units))
