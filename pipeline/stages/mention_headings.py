"""Units a task's headings and title name: a heading over the task printing only unit names
(group attribution), a heading whose subject is answerable for the work under it, a title naming
only its unit, and the unit a list's title says it is for."""

from __future__ import annotations

from functools import lru_cache

import regex

from pipeline.catalog import FieldKind, Role
from pipeline.records import AgencyMention, TaskSegment
from pipeline.stages import agency_names as names
from pipeline.stages.mentions import (
    INNER_BRACKET,
    body_mentions,
    clauses,
    compiled_mentions,
    duties_stripped,
    mentions_of,
)
from pipeline.stages.roles import abbreviation_re
from pipeline.stages.segment_rules import number_at
from pipeline.stages.unit_lists import role_syntax

_HEADING_NAMES = regex.compile(r"(?P<main>[^()（）]+)(?:[(（](?P<plates>[^()（）]+)[)）])?")


def document_owner(text: str, view: str, end: int) -> tuple[int, int] | None:
    """The unit the list's title says it is for (in ``view[:end]``; rules/mentions.yaml:
    document_owner): its first span, when one unit only is so named."""
    found = set()
    for m in compiled_mentions().document_owner.finditer(view, 0, end):
        if m.group("before"):
            span = _name_before(view, m.start())
        else:
            group = "bracketed" if m.group("bracketed") else "dashed"
            s, e = m.span(group)
            whole = names.agency_end(view, s, e) == e and names.looks_like_agency(view[s:e])
            span = (s, e) if whole else None
        if span:
            found.add(span)
    names_found = {view[s:e] for s, e in found}
    return min(found) if len(names_found) == 1 else None


_OWNER_NAME_MAX = 14
_NAME_TAIL = regex.compile(r"[局委办厅部院会心处室队所站府司]")  # how agency names end


def _name_before(view: str, end: int) -> tuple[int, int] | None:
    """The longest agency name ending at ``end`` (林业局 before 履行职能…分解表)."""
    if not _NAME_TAIL.match(view, max(0, end - 1), end):
        return None  # no name ends there: decided before trying every start
    for start in range(max(0, end - _OWNER_NAME_MAX), end - 1):
        if names.agency_end(view, start, end) == end and names.looks_like_agency(view[start:end]):
            return start, end
    return None


def heading_units(text: str, view: str, task: TaskSegment) -> list[AgencyMention]:
    """The units of the innermost heading over ``task`` that prints only unit names
    ("(一)综合办公室(党群工作部、监察室)" over ①…⑥): group attribution, the heading's units
    own every task under it, in a role left open. Offsets point into that heading."""
    for label in reversed((task.section or "").split(" / ")):
        span = _heading_span(view, names.to_simplified(label), task.start)
        if span is None:
            continue
        span, role, printed = _heading_role(view, span)
        if role is None:  # "(牵头领导:张同生、赵建华)": people, no units
            continue
        spans = _heading_names(view, *span)
        if not spans and printed is None:  # "三、厅运输管理局对…负总责。具体为:"
            spans = _heading_subject(view, *span)
        if spans:
            return mentions_of(text, task.seq, spans, role, printed)
    return []


def _heading_role(
    view: str, span: tuple[int, int]
) -> tuple[tuple[int, int], Role | None, str | None]:
    """The span of a heading's names and the role the heading prints for them: a label
    opening it ("一、责任单位:综合执法局"), a label in its closing bracket ("胖东来时代广场(责任
    单位:魏都区,市消防支队)"), a role verb closing it ("4、茄子河区政府负责:"), else none;
    no role for a label of people (牵头领导:)."""
    syntax = role_syntax()
    labelled = syntax.label.match(view, *span)
    bracketed = None if labelled else _BRACKETED_LABEL.search(view, *span)
    if bracketed and syntax.label.match(view, bracketed.start("inner")):
        labelled = syntax.label.match(view, bracketed.start("inner"))
        span = (span[0], bracketed.end("inner"))
    if labelled:
        printed = labelled.group("label")
        marked = syntax.label_roles.get(printed, Role.RESPONSIBLE)
        role = None if marked == FieldKind.LEADER else Role(marked)  # a person's label: none
        return (labelled.end(), span[1]), role, printed
    verb = syntax.verb_at_end.search(view, *span)
    if verb and verb.start() > span[0]:
        printed = verb.group("verb")
        role = Role(syntax.verb_roles.get(printed, Role.RESPONSIBLE))
        return (span[0], verb.start()), role, printed
    return span, Role.RESPONSIBLE, None


_ANSWERABLE = regex.compile(r"负(?:总|全面|主要)?责|牵头")


def _heading_subject(view: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The units opening a heading as the subject of its charge ("厅运输管理局对全省道路运输
    行业安全工作负总责"), which own the items under it; none when the heading opens otherwise
    or names no charge."""
    first = next(clauses(view, start, end), None)
    if first is None or not _ANSWERABLE.search(view, *first):
        return []  # (一)规划建设局推进重点项目: a unit and its topic, not its charge
    found = body_mentions(view, *first)
    if not found or found[0][0] != first[0]:
        return []
    return [] if all(names.is_collective(view[s:e]) for s, e, _ in found) else found


_BRACKETED_LABEL = regex.compile(r"[（(](?P<inner>[^（）()\n]+)[)）]\s*$")


def title_units(text: str, view: str, task: TaskSegment) -> list[AgencyMention]:
    """The units a task's title names and nothing else ("(二十一)市公安局。负责…", words
    naming their duties aside: "1.民政部门职责。负责…"): the unit whose duties follow, in a
    role left open."""
    start, end = task.title_start, task.title_end
    while end > start and view[end - 1] in "：:。.；; \t":
        end -= 1
    end = duties_stripped(view, start, end)  # "1.民政部门职责。负责…": the unit whose duties
    spans = _heading_names(view, start, end) if end - start <= _TITLE_UNITS_MAX else []
    return mentions_of(text, task.seq, spans) if spans else []


_TITLE_UNITS_MAX = 30  # a title naming units only is short


def _heading_span(view: str, label: str, before: int) -> tuple[int, int] | None:
    """The last place before ``before`` where ``label`` is printed (spaces aside), without
    its numbering and its closing punctuation."""
    chars = [c for c in label if not c.isspace()]
    if not chars:
        return None
    found = _label_pattern("".join(chars)).search(view, 0, before)
    if not found:
        return None
    start, end = found.span()
    number = number_at(view, start, end)  # the numbering of rules/segment.yaml: 一、 （三）…
    start = number[1].end() if number else start
    while end > start and view[end - 1] in "：:。.；; \t":
        end -= 1
    return start, duties_stripped(view, start, end)


@lru_cache(maxsize=256)
def _label_pattern(label: str) -> regex.Pattern:
    return regex.compile("(?r)" + r"\s*".join(map(regex.escape, label)))


def _heading_names(view: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """A heading's names if it is nothing else: units the grammar knows, then perhaps a
    bracket of the other names the same body serves under."""
    bracketed = INNER_BRACKET.search(view, start, end)  # one name holding a bracket
    if bracketed and names.agency_end(view, start, end) == end:  # (建设(房管)部门)
        return [(start, end, "")] if names.looks_like_agency(view[start:end]) else []
    m = _HEADING_NAMES.fullmatch(view, start, end)
    if not m:
        return []
    main = _pieces(view, *m.span("main"))
    if (
        not main
        or not all(  # a group may stand among them: 南庄镇、各街道办事处
            names.looks_like_agency(view[s:e]) or names.is_collective(view[s:e]) for s, e, _ in main
        )
        or all(names.is_collective(view[s:e]) for s, e, _ in main)
    ):
        return []
    plates = _pieces(view, *m.span("plates")) if _plates(m["plates"]) else []
    if not all(names.name_like(view[s:e]) for s, e, _ in plates):
        return []
    return main + [(s, e, joiner or "、") for s, e, joiner in plates]


def _plates(bracket: str | None) -> bool:
    """A bracket after a heading's names holds the other names its body serves under
    (区委编办(区委改革办)), not the abbreviation the notice gives it ((以下简称劳发署))."""
    return bool(bracket) and not abbreviation_re().fullmatch(f"({bracket})")


def _pieces(view: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The pieces between separators, each with the separator before it."""
    pieces, at, joiner = [], start, ""
    for sep in compiled_mentions().heading_separators.finditer(view, start, end):
        pieces.append((at, sep.start(), joiner))
        at, joiner = sep.end(), sep.group()
    pieces.append((at, end, joiner))
    return [(s, e, j) for s, e, j in pieces if view[s:e].strip()]
