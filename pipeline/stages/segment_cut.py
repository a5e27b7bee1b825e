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
    if not _prose_after_units(last):
        return None
    # its number alone ("9、"), a list broken off ("农林局、"), or its unit alone, its duty
    # lost (第十七条 卫生行政主管部门): cut there
    words = view[last.title_start : last.end].strip()
    if not words or view[last.end - 1] in _LIST_SEPARATORS or _name_alone(words):
        return last
    fragment = _FRAGMENT.search(view, last.start, stop)
    if fragment is None:
        return None
    begun = fragment.group().strip()
    if view[fragment.start() - 1] == "\n" and not _cut_line(view, last, fragment.start()):
        return None
    listed = _listed_units(begun)
    if listed is not None:  # (责任单位:市发改委、市城管执法: the list broken off inside a name
        closed = any(c in listed for c in _CLOSING) or _LABELLED.search(listed)
        return None if closed or _ends_on_name(listed) else last
    number = _ITEM_NUMBER.match(begun)
    label = unit_label_end(begun, number.end(), len(begun))  # (25)县消防救援大队:负责组织指挥…
    if label is not None:  # the unit's duty begun, past its label's colon
        begun = begun[_COLON.search(begun, label).end() :]
    if _LABELLED.search(_INNER_BRACKET.sub("", begun)) or role_label_re().search(begun):
        return None
    return None if _ends_on_name(begun) else last


def _cut_line(view: str, last: TaskSegment, at: int) -> bool:
    """A last line with no full stop of its own cuts the task it opens, or the task whose
    heading alone stands above it ("(四)加强舆论宣传。" over "各县…要高度重视开展环保专项整"),
    when it is long prose: no label (责任单位:…), no attribution (以上…由X牵头, …按职责分工
    落实), no file name, no signature. A cut paragraph under whole ones leaves the task read."""
    line = view[at : len(view.rstrip())].strip()
    above = [ln for ln in view[last.start : at].splitlines() if ln.strip()]
    heading_only = len(above) == 1 and len(above[0].strip()) <= _HEADING_MAX
    return (
        (not above or heading_only)
        and len(line) >= _CUT_LINE_MIN
        and not _LINE_WHOLE.search(line)
    )


_CUT_LINE_MIN = 16
_HEADING_MAX = 30
_LINE_WHOLE = regex.compile(
    r"[：:|]|^(?:以上|上述)|按职责|\.(?:docx?|pdf|xlsx?|wps)$", regex.IGNORECASE
)


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
# a sentence begun, unended, after a full stop or on a line of its own
_FRAGMENT = regex.compile(r"(?:(?<=[。；;！？!?])|(?<=\n))[^。；;！？!?\n]{8,}$")
# a short bracket inside a name (各县(市、区)政府), no label's bracket
_INNER_BRACKET = regex.compile(r"(?<=\p{Han})[(（][^()（）]{1,6}[)）](?=\p{Han})")
_COLON = regex.compile(r"[：:]")
_ITEM_NUMBER = regex.compile(r"\s*(?:[（(]\d{1,3}[)）]|\d{1,3}[、.．])?\s*")
_LABELLED = regex.compile(r"[：:()（）|]|\s\S+\s|记者|第\s*\d+\s*页|[年月日]$")


def _prose_after_units(task: TaskSegment) -> bool:
    """The task's fields are prose, or prose after the units that lead it (公安机关负责…):
    no label or cell after its words."""
    bodies = [f.start for f in task.fields if f.kind == FieldKind.BODY]
    return bool(bodies) and all(
        f.start <= min(bodies) for f in task.fields if f.kind != FieldKind.BODY
    )


def _name_alone(words: str) -> bool:
    if len(words) > names.grammar().max_name_length:
        return False  # longer than any name: decided before the grammar reads it
    return names.agency_end(words, 0, len(words)) == len(words)


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
