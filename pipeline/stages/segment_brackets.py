"""An item split at the assignment brackets closing its parts: "…建设。（市商务局）…改造。
（市交通局、公安局）" is two tasks under a heading, and points numbered (1)(2)… run on after an
item's heading, each closed by its own bracket, are tasks of their own."""

from __future__ import annotations

import regex

from pipeline.stages.agency_names import unit_list
from pipeline.stages.numbers import outline_value
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_drafts import Draft, draft, lstrip_ws
from pipeline.stages.segment_rules import Style, compiled, number_label

__all__ = ["bracket_units", "next_point_apart", "point_draft", "points_style"]


def bracket_units(
    text: str,
    start: int,
    end: int,
    number: str | None,
    section: str | None,
    *,
    under_heading: bool,
    bare: bool = False,
    least: int = 2,
) -> list[Draft]:
    """Split [start, end) after each assignment bracket that has task text before it.

    Under a heading every bracket closes an unnumbered task; in a numbered item a single
    closing bracket leaves the item whole (no split). Under a heading, or in an item whose
    heading runs into its text (``bare``), brackets of unit names alone split it too.
    """
    brackets = list(compiled().assignment.finditer(text, start, end))
    if not brackets and (under_heading or bare):
        brackets = _unit_brackets(text, start, end, least)
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
    for k, (unit_start, unit_end) in enumerate(cuts):
        s = lstrip_ws(text, unit_start, unit_end, _UNIT_LEAD)
        label, body = (number, s) if k == 0 else _printed_number(text, s, unit_end, number)
        units.append(draft(text, label, section, s, unit_end, body, ()))
    return units


def _printed_number(text: str, start: int, end: int, number: str | None) -> tuple[str | None, int]:
    """A task split off an item after a bracket that opens with a number the outline did not
    take (a list restarting where a copy lost its heading: "…(Y)。 2.关于…"): that number and
    where the text after it starts; else the item's number and ``start``."""
    for style in compiled().styles:
        m = style.exact.match(text, start, end)
        if m and m.end() < end:
            return number_label(style.name, m.group(0).strip()), lstrip_ws(text, m.end(), end)
    return number, start


_UNIT_LEAD = "。，,；;"  # the clause mark after the bracket that closed the unit before
_UNIT_BRACKET = regex.compile(r"[（(](?P<inner>[^（）()\n]{2,60})[)）](?=\s*(?:[。；;]|$))")


def _unit_brackets(text: str, start: int, end: int, least: int = 2) -> list[regex.Match[str]]:
    """Brackets of unit names only, each closing a sentence ("…扶贫新村(市扶贫开发办、市以工
    代赈办)。升钟库区…(剑阁县政府)。"), where the text holds ``least`` or more and no role
    label: each closes a task of its own."""
    if role_label_re().search(text, start, end):
        return []
    found = [m for m in _UNIT_BRACKET.finditer(text, start, end) if unit_list(m["inner"])]
    return found if len(found) >= least else []


def points_style(text: str, first: int, units: list[Draft]) -> Style | None:
    """The style of points numbered from 1 on whose brackets each close one, run on after the
    item's heading ("1.深化商事制度改革。(1)全面落实…。(市工商质监局牵头负责)(2)完善…。(…)")."""
    if len(units) < 2:
        return None
    for style in compiled().styles:
        numbers = [style.exact.match(text, at) for at in (first, *(u.start for u in units[1:]))]
        if all(numbers):
            values = [outline_value(m.group("value")) for m in numbers if m]
            return style if values == list(range(1, len(values) + 1)) else None
    return None


def next_point_apart(text: str, last: Draft, style: Style, value: int) -> list[Draft]:
    """The last point, and the point numbered ``value`` run on after its bracket (a page cut
    inside it: "…(市工商质监局牵头负责)(3)推进企业名称…"), apart."""
    for m in style.inline.finditer(text, last.start + 1, last.end):
        if outline_value(m.group("value")) == value:
            at = lstrip_ws(text, m.start(), last.end)
            return [last._replace(end=at), last._replace(start=at, title_start=at)]
    return [last]


def point_draft(text: str, unit: Draft, section: str | None) -> Draft:
    """A numbered point closed by its bracket, as a task: its number as printed, its title
    after it."""
    number, body = _printed_number(text, unit.start, unit.end, None)
    return draft(text, number, section, unit.start, unit.end, body, ())
