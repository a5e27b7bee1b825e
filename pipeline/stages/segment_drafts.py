"""The pieces a task is drafted from, shared by the outline reading (segment.py) and the
fallback readings (segment_fallbacks.py): a draft task, its title's end, text edges."""

from __future__ import annotations

from typing import NamedTuple

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field
from pipeline.stages.agency_names import units_closing
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_rules import compiled, number_at, text_lines


def rstrip_ws(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


class Draft(NamedTuple):
    """A task before its sequence number is known: TaskSegment's fields after ``seq``."""

    number: str | None
    section: str | None
    start: int
    end: int
    fields: tuple[Field, ...]
    title_start: int
    title_end: int


def lstrip_ws(text: str, at: int, limit: int, also: str = "") -> int:
    while at < limit and (text[at].isspace() or text[at] in also):
        at += 1
    return at


def draft(
    text: str,
    number: str | None,
    section: str | None,
    start: int,
    end: int,
    body_start: int,
    fields: tuple[Field, ...],
) -> Draft:
    if not fields:
        fields = (Field(FieldKind.BODY, body_start, end),)
    body = body_field(fields) or Field(FieldKind.BODY, body_start, body_start)
    opens = _after_content_label(text, body.start, body.end)
    ends = title_end(text, opens, body.end, cell=body.label is not None)
    return Draft(number, section, start, end, fields, opens, ends)


def _after_content_label(text: str, start: int, end: int) -> int:
    """Where the title opens: after a label naming what follows ("任务要求。2007年所有…"),
    when text follows it on its line."""
    m = compiled().content_label.match(text, start, end) or _label_under_name(text, start, end)
    if m is None:
        return start
    after = lstrip_ws(text, m.end(), end)
    line_end = text.find("\n", m.end(), end)
    return after if after < end and (line_end < 0 or after < line_end) else start


def _label_under_name(text: str, start: int, end: int) -> regex.Match[str] | None:
    """A duties label opening a line under a first line that only names the item (a
    group's name: "总指挥部" over "牵头领导:…" over "主要职责:负责…"), within a few lines."""
    first = text.find("\n", start, end)
    if first < 0 or first - start > _NAME_LINE_MAX or "。" in text[start:first]:
        return None
    for line_start, _ in text_lines(text, first + 1, end)[:_LABEL_LINES]:
        m = compiled().duties_label.match(text, lstrip_ws(text, line_start, end), end)
        if m:
            return m
    return None


_NAME_LINE_MAX = 12  # a first line naming a group or a unit, no task text
_LABEL_LINES = 4  # the duties label stands within this many lines under it


def body_field(fields: tuple[Field, ...]) -> Field | None:
    for field in fields:
        if field.kind == FieldKind.BODY:
            return field
    return None


def title_end(text: str, start: int, end: int, *, cell: bool = False) -> int:
    """The title runs to the first 。 (else the first line break, else the end), and never
    past a line opened by a role label (第一检查督导组；\n责任单位：…). In a table's cell
    (``cell``) a line break only wraps the cell's text: the title runs on over it."""
    stop = text.find("。", start, end)  # the title never runs past it: no line after it counts
    labelled = _labelled_line(text, start, end if stop < 0 else stop)
    end = labelled if labelled is not None else end
    for stop in ("。",) if cell else ("。", "\n"):
        at = text.find(stop, start, end)
        if at >= 0:
            return _without_unit_bracket(text, start, rstrip_ws(text, start, at))
    return _without_unit_bracket(text, start, rstrip_ws(text, start, end))


def _labelled_line(text: str, start: int, end: int) -> int | None:
    """Where the first line after the first one opened by a role label (or a label naming
    the text that follows, 任务要求。) begins, its number before it or not ((二)责任单位:)."""
    at = text.find("\n", start, end)
    while at >= 0:
        opening = lstrip_ws(text, at + 1, end)
        if _opens_labelled(text, opening) or _opens_labelled(text, _past_number(text, opening)):
            return at
        at = text.find("\n", at + 1, end)
    return None


def _opens_labelled(text: str, at: int) -> bool:
    return bool(role_label_re().match(text, at) or compiled().content_label.match(text, at))


def _past_number(text: str, at: int) -> int:
    """Where a line's text begins after the item number opening it (at itself if none)."""
    number = number_at(text, at)
    return number[1].end() if number else at


def _without_unit_bracket(text: str, start: int, end: int) -> int:
    """A title's end before a bracket of unit names closing it (…扶贫新村(市扶贫开发办)), or
    of an assignment (…中小学校13所(责任单位:市教育局))."""
    at = units_closing(text, start, end)
    if at is None:
        m = _CLOSING_ASSIGNMENT.search(text, start, end)
        at = m.start() if m and m.start() > start else None
    return end if at is None else rstrip_ws(text, start, at)


_CLOSING_ASSIGNMENT = regex.compile(  # (责任单位:市教育局) ending a title
    r"[（(]\s*(?:牵头|责任|配合|参加|参与|协办|主办|承办)(?:单位|部门)\s*[:：][^（()）]{1,80}[)）]\s*$"
)
