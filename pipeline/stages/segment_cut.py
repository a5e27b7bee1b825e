"""A page of a longer document that stops mid-sentence inside its last task: that task is
cut (its units and targets may be incomplete), so it is left out, with a warning, as the gold
guide leaves out a task cut in the middle."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from pipeline.catalog import FieldKind
from pipeline.records import TaskSegment
from pipeline.stages import agency_names as names
from pipeline.stages.mentions import unit_label_end
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_rules import compiled


def cut_last_task(view: str, tasks: Sequence[TaskSegment]) -> TaskSegment | None:
    """The last task when the text stops mid-sentence inside it ("…。要认真落实《中小学公共
    安全教育指导纲要"), else None. Only prose counts: the words after the last full stop are
    a sentence begun, no label line (责任单位：…), no bracket, no signature, no name closing
    a list."""
    last = max(tasks, key=lambda t: t.end, default=None)
    stop = len(view.rstrip())
    if last is None or last.end < stop:
        return None
    if _open_row(view, tasks, last):
        return last  # a table's row the page stops inside, its closing cells lost
    if any(f.kind != FieldKind.BODY for f in last.fields):
        return None
    if not view[last.title_start : last.end].strip() or view[last.end - 1] in _LIST_SEPARATORS:
        return last  # its number alone ("9、"), or a list broken off ("农林局、"): cut there
    fragment = _FRAGMENT.search(view, last.start, stop)
    if fragment is None:
        return None
    begun = fragment.group()
    listed = _listed_units(begun)
    if listed is not None:  # (责任单位:市发改委、市城管执法: the list broken off inside a name
        closed = any(c in listed for c in _CLOSING) or _LABELLED.search(listed)
        return None if closed or _ends_on_name(listed) else last
    number = _ITEM_NUMBER.match(begun)
    label = unit_label_end(begun, number.end(), len(begun))  # (25)县消防救援大队:负责组织指挥…
    if label is not None:  # the unit's duty begun, past its label's colon
        begun = begun[_COLON.search(begun, label).end() :]
    if _LABELLED.search(begun) or role_label_re().search(begun):
        return None
    return None if _ends_on_name(begun) else last


def _listed_units(begun: str) -> str | None:
    """The units a role label lists at the end of ``begun`` (…;责任单位:市发改委、市城管执法),
    or None when no role label's colon stands last in it."""
    colons = list(_COLON.finditer(begun))
    if not colons or not role_label_re().search(begun, 0, colons[-1].end()):
        return None
    listed = begun[colons[-1].end() :].strip()
    return listed if listed and not _COLON.search(listed) else None


_CLOSING = "）)〕】]"  # a bracket closing the list: whole, what follows is no part of it
_LIST_SEPARATORS = "、，,"
_FRAGMENT = regex.compile(r"(?<=[。；;！？!?])[^。；;！？!?\n]{8,}$")  # a sentence begun, unended
_COLON = regex.compile(r"[：:]")
_ITEM_NUMBER = regex.compile(r"\s*(?:[（(]\d{1,3}[)）]|\d{1,3}[、.．])?\s*")
_LABELLED = regex.compile(r"[：:()（）|]|\s\S+\s|记者|第\s*\d+\s*页|[年月日]$")


def _ends_on_name(fragment: str) -> bool:
    tail = fragment[-_NAME_TAIL:]
    return any(names.agency_end(tail, k, len(tail)) == len(tail) for k in range(len(tail) - 1))


_NAME_TAIL = 16


def _open_row(view: str, tasks: Sequence[TaskSegment], last: TaskSegment) -> bool:
    """The last row of a table whose rows each close on a separator ("…| 市卫健局 | 黄李虎 |")
    stops without one: the text ends inside it."""
    before = [t for t in tasks if t.end <= last.start]
    if not before:
        return False
    previous = max(before, key=lambda t: t.end)
    return _closed(view, previous.end) and not _closed(view, last.end)


def _closed(view: str, end: int) -> bool:
    """The row ending at ``end`` closes on a separator before its line ends."""
    line_end = view.find("\n", end)
    rest = view[end : line_end if line_end >= 0 else len(view)].strip()
    return bool(rest) and all(c in compiled().separators for c in rest)
