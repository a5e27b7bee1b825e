"""Numbered items that are no tasks: runs of bare names (a ranking of counties), citations of
documents, lists of what a heading defines (协调对象, 基本条件为：), sections of the work's
grounds (项目背景) and a plan's decimal-numbered sections (7.1 预案管理) that name no unit."""

from __future__ import annotations

import itertools
from dataclasses import replace
from functools import cache

import regex

from pipeline.catalog import FieldKind
from pipeline.records import TaskSegment
from pipeline.stages.agency_names import agency_end, is_collective, looks_like_agency, place_alone
from pipeline.stages.mentions import mention_rules, subject_starts, unit_label_end
from pipeline.stages.roles import role_label_re, trailing_verb_alternation
from pipeline.stages.segment_rules import compiled, squash

_NAME_LIST_MIN = 3  # items of bare names in a run this long at least: a list, no tasks
_BARE_NAME_MAX = 8


def without_lists(view: str, tasks: list[TaskSegment]) -> list[TaskSegment]:
    """The tasks less runs of items that each print a name only (a ranking of counties,
    "1、金寨县；2、裕安区；…"), items that only cite a document (相关依据) and items of what
    a heading defines that name no unit (协调对象: "(一)列入市重点工程年度计划项目；"), when
    tasks of work remain."""
    bare = [_bare_name(view, t) for t in tasks]
    dropped = {k for k, t in enumerate(tasks) if _CITATION.fullmatch(_task_text(view, t))}
    dropped |= {k for k, t in enumerate(tasks) if _defined_item(view, t) or _background(view, t)}
    for _, run in itertools.groupby(range(len(tasks)), key=lambda k: (tasks[k].section, bare[k])):
        run = list(run)
        if bare[run[0]] and len(run) >= _NAME_LIST_MIN:
            dropped.update(run)
    if not dropped or len(dropped) == len(tasks):
        return tasks
    kept = [t for k, t in enumerate(tasks) if k not in dropped]
    return [replace(t, seq=i) for i, t in enumerate(kept, 1)]


def _bare_name(view: str, task: TaskSegment) -> bool:
    body = _task_text(view, task)
    return 0 < len(body) <= _BARE_NAME_MAX and (place_alone(body) or looks_like_agency(body))


def _task_text(view: str, task: TaskSegment) -> str:
    return squash(view[task.title_start : task.end]).rstrip("；;。，,、")


# An item citing a document only (相关依据: 1.《烟花爆竹安全管理条例》(国务院令第455号)): no task.
_CITATION = regex.compile(r"[.．、]?《[^《》]{2,80}》(?:[（(][^（()）]{1,40}[)）])?")


def _defined_item(view: str, task: TaskSegment) -> bool:
    """An item under a heading defining what its items list, one clause naming no unit; or an
    item whose own heading line defines what its text lists ("二、集中清理范围" over "全县22
    个乡镇(街道),298个村…")."""
    heading = (task.section or "").split(" / ")[-1].strip()
    start = task.title_start
    if not heading or not _definition_heading().search(heading):
        line_end = view.find("\n", task.title_start, task.end)
        if line_end < 0 or not _definition_heading().search(view, task.title_start, line_end):
            return False
        start = line_end
    text = squash(view[start : task.end])
    if len(text) > _DEFINED_ITEM_MAX or role_label_re().search(text):
        return False
    text = _included_brackets().sub("", text)  # (含小东镇): a place a count includes
    return not any(f.kind != FieldKind.BODY for f in task.fields) and not _names_unit(text)


@cache
def _included_brackets() -> regex.Pattern:
    return regex.compile(rf"[（(]\s*(?:{mention_rules().inclusions})[^（）()]*[)）]")


def _background(view: str, task: TaskSegment) -> bool:
    """An item whose heading line names the grounds of the work ("一、项目背景" over "根据《…》
    精神,到2015年…"), naming no unit: no task."""
    line_end = view.find("\n", task.title_start, task.end)
    heading = squash(view[task.title_start : line_end if line_end > 0 else task.end])
    if not _background_heading().search(heading):
        return False
    text = squash(view[task.title_start : task.end])
    if role_label_re().search(text) or any(f.kind != FieldKind.BODY for f in task.fields):
        return False
    return not _names_unit(_without_documents(_included_brackets().sub("", text)))


def without_bare_sections(view: str, tasks: list[TaskSegment]) -> list[TaskSegment]:
    """The tasks less a plan's decimal-numbered sections that name no unit, when tasks
    remain (the units' lines before or under them)."""
    kept = [t for t in tasks if not _bare_section(view, t)]
    if not kept or len(kept) == len(tasks):
        return tasks
    return [replace(t, seq=i) for i, t in enumerate(kept, 1)]


def _bare_section(view: str, task: TaskSegment) -> bool:
    """A section of a plan numbered by its place in the outline (2.3 事发单位责任, 7.1 预案管理与
    更新: a decimal number) that no unit's sentence or label opens: the plan's frame, no
    task."""
    if not _SECTION_NUMBER.fullmatch(task.number or ""):
        return False
    if any(f.kind != FieldKind.BODY for f in task.fields):
        return False
    if role_label_re().search(view, task.title_start, task.end):
        return False
    if unit_label_end(view, task.title_start, task.end) is not None:
        return False  # 2.6.1县救灾办：协助…
    if _by_units().search(view, task.title_start, task.end):
        return False  # 2.3.1抢险救援组。由县公安局、…等单位组成。
    return not subject_starts(view, task.title_start, task.end)


@cache
def _by_units() -> regex.Pattern[str]:
    """由, the units, then a role verb (由县公安局、安监局等单位组成, 由X牵头)."""
    verbs = trailing_verb_alternation()
    return regex.compile(rf"由[^。；;，,\n]{{2,60}}?(?:{verbs})(?=[。；;，,]|$)")


_SECTION_NUMBER = regex.compile(r"\d{1,2}(?:[.．]\d{1,2}){1,2}")
_BOOK_TITLE = regex.compile(r"《[^《》]*》")


def _without_documents(text: str) -> str:
    """``text`` without the documents it cites (《中共中央国务院关于…》, 甘政办发〔2011〕230号),
    which name no unit."""
    text = _BOOK_TITLE.sub("", text)
    for m in reversed(list(compiled().meta["doc_number"].finditer(text))):
        text = text[: m.start("prefix")] + text[m.end() :]
    return text


@cache
def _background_heading() -> regex.Pattern:
    return regex.compile(compiled().rules.background_heading)


@cache
def _definition_heading() -> regex.Pattern:
    return regex.compile(compiled().rules.definition_heading)


_DEFINED_ITEM_MAX = 60  # an object or a condition listed is short


def _names_unit(text: str) -> bool:
    """A unit's name stands somewhere in ``text`` (乡镇 of a count, 22个乡镇, is none)."""
    for k in range(len(text)):
        if k and (text[k - 1].isdigit() or text[k].isdigit() or text[k - 1] == "各"):
            continue  # 22个乡镇: the noun of a count; 各级政府: a collective
        stop = agency_end(text, k, len(text))
        if stop is not None and looks_like_agency(text[k:stop]) and not is_collective(text[k:stop]):
            return True
    return False
