"""Segment: find the notice's metadata and its numbered tasks (prose, nested and tables).

The text is read as an outline: numbered lines become items with a rank (一、 above （一）
above 1. above （1）); items with deeper items under them are headings, the others tasks.
Tables (``|``-separated rows, or a header of known column names followed by rows whose
columns were separated by spaces) become items too, nested under the prose before them.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import NamedTuple

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import Field, FigureCell, NormalizedDocument, Segmentation, TaskSegment
from pipeline.stages.agency_names import to_simplified
from pipeline.stages.mentions import agency_opens, subject_starts
from pipeline.stages.metadata import extract_metadata
from pipeline.stages.roles import (
    role_label_re,
)
from pipeline.stages.segment_bounds import attachment_lists, task_list_bounds
from pipeline.stages.segment_brackets import (
    bracket_units,
    next_point_apart,
    point_draft,
    points_style,
)
from pipeline.stages.segment_clauses import article_sentences, subject_clauses, unit_line_drafts
from pipeline.stages.segment_cut import cut_last_task
from pipeline.stages.segment_drafts import (
    Draft,
    draft,
    lstrip_ws,
    rstrip_ws,
)
from pipeline.stages.segment_fallbacks import (
    assigned_line_tasks,
    attributed_paragraph_tasks,
    bracketed_clause_tasks,
    closed_paragraph_tasks,
    enumerated_tasks,
    quoted_tasks,
    subject_tasks,
    unit_heading_tasks,
    unit_line_tasks,
)
from pipeline.stages.segment_folds import fold_sub_points, item_assigned
from pipeline.stages.segment_gap_units import with_gap_units
from pipeline.stages.segment_headings import (
    group_duties_heading,
    heading_label_fields,
    heading_lead,
    is_group_heading,
    unit_heading,
)
from pipeline.stages.segment_lead_in import lead_in_tasks
from pipeline.stages.segment_lists import without_bare_sections, without_lists
from pipeline.stages.segment_markers import (
    Marker,
    accepted_markers,
    candidate_markers,
    closed_by,
    closing_unit_lines,
    heads_restart,
    labelled_heading,
    lost_breaks,
    unit_heading_line,
    units_heading,
    unwrapped_breaks,
)
from pipeline.stages.segment_paragraphs import (
    attributed_paragraphs,
    closed_paragraphs,
    quota_lines,
    self_attributed_paragraphs,
    unit_titled_paragraph,
)
from pipeline.stages.segment_rules import Item, compiled, squash, text_lines
from pipeline.stages.tables import table_regions

# ---------------------------------------------------------------- items


def segment(doc: NormalizedDocument) -> Segmentation:
    text = doc.text
    view = to_simplified(text)  # same length: traditional notices match the same rules
    start, end = task_list_bounds(view)
    items, figures = _items(doc, view, start, end)
    tasks, lead_in = lead_in_tasks(view, start, without_lists(view, _tasks(view, text, items)))
    tasks = without_bare_sections(view, tasks)
    warnings: tuple[str, ...] = () if tasks else ("no numbered tasks found",)
    warnings += (lead_in,) if lead_in else ()
    for fallback, read_from in _fallbacks():
        if tasks:
            break
        tasks = fallback(view, start, end)
        if tasks:
            warnings = (
                f"no numbering, label or table: {len(tasks)} tasks read from {read_from} — "
                "check the task boundaries",
            )
    cut = cut_last_task(view, tasks) if tasks else None
    if cut is not None and len(tasks) == 1:  # its only task: kept, what is missing flagged
        warnings += (
            "the text stops mid-sentence inside its only task: that task may lack its end, "
            "units or targets — read the whole document",
        )
        cut = None
    if cut is not None:  # a page of a longer document: its last task is cut
        tasks = [replace(t, seq=i) for i, t in enumerate((t for t in tasks if t is not cut), 1)]
        warnings += (
            f"the text stops mid-sentence inside its last task ({cut.number or cut.seq}): that "
            "task, cut, was left out — read the whole document",
        )
    return Segmentation(doc, extract_metadata(text), tuple(tasks), warnings, figures)


def _fallbacks() -> tuple[tuple[Callable[[str, int, int], list[TaskSegment]], str], ...]:
    return (
        (quoted_tasks, "tasks quoted by their number after the unit leading them"),
        (closed_paragraph_tasks, "paragraphs each closed by the bracket or label assigning it"),
        (bracketed_clause_tasks, "points each closed by a bracket of units"),
        (attributed_paragraph_tasks, "paragraphs each saying who does their work"),
        (enumerated_tasks, "points counted in the text (一是…二是…)"),
        (unit_heading_tasks, "units' lines each over the line of their duties"),
        (unit_line_tasks, "lines each led by the unit whose duties they state"),
        (assigned_line_tasks, "paragraphs each saying who does their work"),
        (subject_tasks, "sentences led by the units they assign"),
    )


def _items(
    doc: NormalizedDocument, text: str, start: int, end: int
) -> tuple[list[Item], tuple[FigureCell, ...]]:
    """Outline items of the task list, from prose and table regions in document order, and
    the cells of the tables' figure columns."""
    items: list[Item] = []
    figures: tuple[FigureCell, ...] = ()
    prose_from = start
    for region in table_regions(doc, text, start, end):
        items += _prose_items(doc, text, prose_from, region.start)
        items += region.items
        figures += region.figures
        prose_from = region.end
    items += _prose_items(doc, text, prose_from, end)
    return items, figures


# ---------------------------------------------------------------- prose


def _prose_items(doc: NormalizedDocument, text: str, start: int, end: int) -> list[Item]:
    unwrapped = unwrapped_breaks(doc, start, end)
    breaks = sorted({*lost_breaks(doc, text, start, end), *unwrapped})
    listed = attachment_lists(text, start, end)
    candidates = _without_field_lists(
        text,
        [m for m in candidate_markers(text, start, end, breaks) if not _within(m.start, listed)],
    )
    unit_led = frozenset(
        k
        for k, m in enumerate(candidates)
        if m.inline and agency_opens(text, lstrip_ws(text, m.body_start, end), end)
    )
    markers = accepted_markers(candidates, unit_led)
    closing = closing_unit_lines(text, markers, end)
    items: list[Item] = _opening_units(text, start, markers)
    for marker, following, units in zip(markers, [*markers[1:], None], closing, strict=False):
        # a line of units closing its group heads nothing: not read again as a heading
        heading = unit_heading_line(text, marker, following) if following and not units else None
        item_end = heading[0] if heading else following.start if following else end
        if units and units[0] < item_end:
            item_end = units[0]  # the line of units closing its group is no part of its text
        line_end = text.find("\n", marker.body_start, item_end)
        at = bisect.bisect_right(unwrapped, marker.body_start)
        if at < len(unwrapped) and unwrapped[at] < (item_end if line_end < 0 else line_end):
            line_end = unwrapped[at]  # the source line ended there
        stop = rstrip_ws(text, marker.start, item_end)
        items.append(
            Item(
                rank=marker.style.rank - heads_restart(text, marker, following),
                number=marker.label,
                start=marker.start,
                end=stop,
                body_start=min(lstrip_ws(text, marker.body_start, item_end), stop),  # "1。" alone
                line_end=item_end if line_end < 0 else line_end,
                fields=closed_by(text, marker, item_end, units),
            )
        )
        if heading and following:  # a line of units heading the restarted list after it
            start, stop = heading
            items.append(Item(following.style.rank - 1, None, start, stop, start, stop))
    return with_gap_units(doc, text, items)


def _opening_units(text: str, start: int, markers: list[Marker]) -> list[Item]:
    """A line naming only units right before the first item, closed by a colon ("市交通运输局："
    over (1)(2)(3)) or not when the list restarts further on ("住房和城乡建设委员会" over 一、
    二、三、, then "总工会" over 一、二、): the heading of the items after it, as a unit line
    heading a restarted list is."""
    if not markers:
        return []
    lines = [s for s in text_lines(text, start, markers[0].start) if text[slice(*s)].strip()]
    restarts = any(  # the list starts again further on (under other units' lines)
        m.style == markers[0].style and m.value == markers[0].value for m in markers[1:]
    )
    if not lines:
        return []
    heading = labelled_heading(text, *lines[-1])  # 胖东来时代广场(责任单位:魏都区,…)
    if heading is None and (restarts or text[slice(*lines[-1])].rstrip().endswith(("：", ":"))):
        heading = units_heading(text, *lines[-1])
    if heading is None:
        return []
    return [Item(markers[0].style.rank - 1, None, *heading, heading[0], heading[1])]


def _without_field_lists(text: str, markers: list[Marker]) -> list[Marker]:
    """The markers less those of a site's metadata block: two or more numbered fields in a
    row, each a bracketed label and a short value ("1. [主题分类] 综合政务")."""
    field = compiled().metadata_field
    is_field = [
        bool(field.match(text, m.body_start, _line_end(text, m.body_start))) for m in markers
    ]
    if not any(is_field):
        return markers
    before, after = [False, *is_field[:-1]], [*is_field[1:], False]
    return [
        m
        for m, field, b, a in zip(markers, is_field, before, after, strict=True)
        if not (field and (b or a))
    ]


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _within(at: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in spans)


# ---------------------------------------------------------------- tasks


_RUN_IN_HEADING_MAX = 30  # a heading run into its item's text is one short sentence


def _tasks(text: str, original: str, items: list[Item]) -> list[TaskSegment]:
    items = fold_sub_points(text, items)
    assigned = [item_assigned(text, item) for item in items]
    is_heading = _heading_flags(items, assigned)
    task_rank = _task_rank(items, is_heading, assigned)
    over_units = _headings_over_units(text, items)
    run_in = _run_in_heading_ranks(text, items)
    tasks: list[Draft] = []
    stack: list[_Heading] = []
    section: str | None = None  # the stack's labels, joined when the stack changes
    for item, heading, unit, over in zip(items, is_heading, assigned, over_units, strict=True):
        if stack and stack[-1].rank >= item.rank:
            while stack and stack[-1].rank >= item.rank:
                stack.pop()
            section = " / ".join(h.label for h in stack) or None
        if heading or is_group_heading(text, item) or over or (item.rank < task_rank and not unit):
            units = heading_label_fields(text, item) if heading else ()
            stack.append(
                _Heading(item.rank, _heading_text(original, item), heading_lead(text, item), units)
            )
            section = " / ".join(h.label for h in stack) or None
            drafts = _units_under_heading(text, item, section or "", leaf=not heading)
        else:
            drafts = _item_tasks(text, item, section, heads=item.rank in run_in)
            if drafts and _heading_over_units(text, item):  # its numbered line titles it
                line_end = rstrip_ws(text, item.body_start, item.line_end)
                if drafts[0].title_start < line_end:  # the title opens on that line
                    drafts[0] = drafts[0]._replace(title_end=min(drafts[0].title_end, line_end))
        leads = tuple(h.lead for h in stack if h.lead)
        labelled = [h.units for h in stack if h.units]
        tasks += [
            _with_heading_units(text, _with_leads(d, leads), labelled[-1] if labelled else ())
            for d in drafts
        ]
    return [TaskSegment(i, *t) for i, t in enumerate(tasks, 1)]


class _Heading(NamedTuple):
    """A heading over the items that follow: its rank, its text, the lead its line names and
    the units its label lines assign."""

    rank: int
    label: str
    lead: Field | None
    units: tuple[Field, ...]


def _with_heading_units(text: str, draft: Draft, units: tuple[Field, ...]) -> Draft:
    """A task under a heading whose label lines assign units carries them, unless it names
    units of its own (a field, a label or an assignment bracket in its text)."""
    if not units or any(f.kind in AGENCY_FIELDS for f in draft.fields):
        return draft
    if _assigned_span(text, draft.start, draft.end):
        return draft
    return draft._replace(fields=(*draft.fields, *units))


def _headings_over_units(text: str, items: list[Item]) -> list[bool]:
    """Which items head paragraphs that carry their own assignments. Where every such item
    heads one paragraph only, closed by the item's one assignment ("一、支持科技创新\n…。
    （牵头单位：…）"), the numbered line is the title of that one task, not a heading,
    unless items of its rank head numbered items elsewhere in the notice ("二、…\n（一）…"
    then "三、…\n…。（由X负责）"): there it heads one unnumbered task."""
    flags = [_heading_over_units(text, item) for item in items]
    flagged = [item for item, flag in zip(items, flags, strict=True) if flag]
    # the last item may run on into the notice's closing words: "…(责任单位:X)各单位要…"
    if (
        flagged
        and all(_one_closing_unit(text, item) for item in flagged[:-1])
        and (_one_closing_unit(text, flagged[-1], closing_words=flagged[-1] is items[-1]))
    ):
        heads = {a.rank for a, b in itertools.pairwise(items) if b.rank > a.rank}
        return [flag and item.rank in heads for item, flag in zip(items, flags, strict=True)]
    return flags


def _one_closing_unit(text: str, item: Item, *, closing_words: bool = False) -> bool:
    """One assignment bracket closes the item's text (``closing_words``: words after it with
    no line break before them are the notice's closing, run on after its last task)."""
    brackets = list(compiled().assignment.finditer(text, item.line_end, item.end))
    if len(brackets) != 1:
        return False
    after = text[brackets[0].end() : item.end]
    return not after.strip() or (closing_words and "\n" not in after.strip())


def _heading_over_units(text: str, item: Item) -> bool:
    """A numbered line without assignment over paragraphs that carry their own: （五）…"""
    if item.from_table or item.line_end >= item.end:
        return False
    first = text[item.body_start : item.line_end]
    if compiled().assignment.search(first) or role_label_re().search(first):
        return False
    if role_label_re().match(text, lstrip_ws(text, item.line_end, item.end)):
        return False  # its own label line follows: "1.…\n责任单位:财政局…(列第一位者为牵头…)"
    if compiled().assignment.search(text, item.line_end, item.end):
        return True
    return bool(
        attributed_paragraphs(text, item.line_end, item.end)
        or closed_paragraphs(text, item, item.line_end, item.end)
        or self_attributed_paragraphs(text, item.line_end, item.end)
    )


def _heading_flags(items: list[Item], assigned: list[bool]) -> list[bool]:
    flags = []
    for i, item in enumerate(items):
        child = i + 1 < len(items) and items[i + 1].rank > item.rank
        flags.append(child and not (item.from_table and assigned[i]))
    return flags


def _task_rank(items: list[Item], is_heading: list[bool], assigned: list[bool]) -> int:
    leaves = [
        (item.rank, a) for item, h, a in zip(items, is_heading, assigned, strict=True) if not h
    ]
    ranks = [rank for rank, a in leaves if a] or [rank for rank, _ in leaves]
    return Counter(ranks).most_common(1)[0][0] if ranks else 0


def _heading_text(text: str, item: Item) -> str:
    if item.from_table:
        line = text[item.start : item.end]
        line = compiled().cell_sep.sub("", line)
    else:
        line = text[item.start : item.line_end]
        stop = line.find("。")  # "五、加强设施建设。改建菜市场4家；…": the heading is its title
        line = line[:stop] if stop > 0 else line
    return squash(line).rstrip("。.;；")


def _with_leads(draft: Draft, leads: tuple[Field, ...]) -> Draft:
    if not leads or any(f.kind == FieldKind.LEAD for f in draft.fields):
        return draft
    return draft._replace(fields=(*draft.fields, *leads[-1:]))


def _units_under_heading(text: str, item: Item, section: str, *, leaf: bool) -> list[Draft]:
    """Unnumbered tasks under a heading, each closed by its assignment bracket; under a
    group heading with no numbered items, the text under it is one task."""
    if item.from_table or item.line_end >= item.end:
        return []
    body = lstrip_ws(text, item.line_end, item.end)
    grouped = (
        attributed_paragraphs(text, body, item.end)
        or closed_paragraphs(text, item, body, item.end)
        or self_attributed_paragraphs(text, body, item.end)
    )
    quotas = [] if grouped else quota_lines(text, body, item.end, section)
    if quotas:
        return quotas
    if grouped:
        return [draft(text, None, section, s, e, s, ()) for s, e in grouped]
    units = bracket_units(text, body, item.end, None, section, under_heading=True)
    if not units and leaf and (
        is_group_heading(text, item)
        or unit_heading(text, item)
        or group_duties_heading(text, item)
    ):
        return [draft(text, None, section, body, item.end, body, ())]  # its one task
    lines = [] if units or not leaf else unit_line_drafts(
        text, body, item.end, section, sentences=True, whole=True
    )
    if lines:  # "第七条 相关部门要协助…。" over "市发改委负责…。\n教育部门负责…。": a task a line
        return lines
    if not units and leaf and subject_starts(text, body, item.end):
        # a leaf item whose text says which unit does the work ("(二)高质量编写…报告。\n
        # 市水务局负责编写…") is a task of its own, though its rank is a heading's
        return [draft(text, item.number, section, item.start, item.end, item.body_start, ())]
    return units


def _run_in_heading_ranks(text: str, items: list[Item]) -> set[int]:
    """Ranks whose items open with a heading run into the brackets of several tasks
    ("一、扶贫解困工程。启动…(X)。完成…(Y)。"): their siblings with one bracket read alike
    ("二、教育助学工程。开工…(市教育局)。")."""
    ranks = set()
    for item in items:
        if item.fields or item.rank in ranks or _run_in_heading(text, item) is None:
            continue
        if item.rank >= _task_level():
            continue  # "4.开展…行动。完成…(X牵头)。检查…(Y牵头)。": one task, its leads two
        brackets = bracket_units(
            text, item.body_start, item.end, item.number, None, under_heading=False, bare=True
        )
        if len(brackets) > 1:
            ranks.add(item.rank)
    return ranks


def _item_tasks(text: str, item: Item, section: str | None, *, heads: bool = False) -> list[Draft]:
    """The tasks of an item: itself, or those its heading run into the text heads (``heads``:
    items of its rank do so elsewhere, so one bracket after its heading is one task)."""
    if item.fields:
        fields = item.fields
        return [draft(text, item.number, section, item.start, item.end, item.body_start, fields)]
    named = unit_titled_paragraph(text, item)
    if named:  # "一、市财政局" over "负责全市…。": the unit over its duties
        return [draft(text, item.number, section, item.start, item.end, named[0].start, named)]
    heading_end = _run_in_heading(text, item)
    group = heading_end is not None and item.rank < _task_level()  # 一、扶贫解困工程。…
    titled = heading_end is not None and not (group or heads)  # 4.开展…行动。…(X)。…(Y)。
    units = bracket_units(
        text,
        item.body_start,
        item.end,
        item.number,
        section,
        under_heading=heads,
        bare=group,
        least=1 if heads else 2,
    )
    first = lstrip_ws(text, heading_end, item.end) if heading_end is not None else None
    style = points_style(text, first, units) if first is not None else None
    if first is not None and style is not None:
        # "1.深化…。(1)全面落实…。(X牵头)(2)完善…。(Y牵头)": each point a task
        under = _under_item(text, item, section)
        units[0] = units[0]._replace(start=first, title_start=first)
        points = [*units[:-1], *next_point_apart(text, units[-1], style, len(units) + 1)]
        return [point_draft(text, u, under) for u in points]
    if titled and len(units) > 1:  # a task titled by its run-in heading: its brackets its units
        return [draft(text, item.number, section, item.start, item.end, item.body_start, ())]
    if heading_end and (len(units) > 1 or (heads and units)):
        # "（一）增强创新能力。推进…（X负责）。建设…（Y牵头）。": the first sentence heads
        # the tasks its brackets close, as a heading line of its own would
        under = _under_item(text, item, section)
        first = lstrip_ws(text, heading_end, units[0].end)
        starts = [first, *(u.title_start for u in units[1:])]
        return [
            draft(text, None, under, at, u.end, at, ()) for at, u in zip(starts, units, strict=True)
        ]
    if units:
        return [units[0]._replace(start=item.start), *units[1:]]
    quotas = _quota_lines_under(text, item, section)
    if quotas:
        return quotas
    lines = _assigned_lines(text, item)
    if lines:  # "一、8项考核指标设置情况" over lines each ending "，责任单位为区发改委；"
        under = _under_item(text, item, section)
        return [draft(text, None, under, s, e, s, ()) for s, e in lines]
    sentences = article_sentences(text, item)
    if sentences:  # "第四条 市X主管…。三县X负责…。": a task per sentence giving work to units
        return [draft(text, item.number, section, s, e, s, ()) for s, e in sentences]
    # an item its own role labels assign (…。牵头单位:区房产局。责任单位:区城管局。) is one task,
    # whatever units its clauses name
    labelled = role_label_re().search(text, item.body_start, item.end)
    clauses = [] if labelled else subject_clauses(
        text, item, heading_end or _heading_line_end(text, item)
    )
    if clauses:  # "（二）明确分工。市发改委负责…；市经贸委负责…；…": a task per unit's clause
        under = _under_item(text, item, section)
        return [draft(text, None, under, s, e, s, ()) for s, e in clauses]
    collapsed = (  # an item run together on one line with the units' duties under its title
        item.end - item.body_start >= compiled().rules.collapsed_line.min_length
        and "\n" not in text[item.body_start : item.end]
    )
    if collapsed or _heading_line_apart(text, item):  # "一、职责分工" over "省统计局负责…。"
        under = _under_item(text, item, section)  # a task a line (in a text run together on
        at = item.body_start if collapsed else item.line_end  # one line, a unit's label a line)
        lines = unit_line_drafts(text, at, item.end, under, sentences=True, whole=not collapsed)
        if lines:
            return lines
    return [draft(text, item.number, section, item.start, item.end, item.body_start, ())]


def _heading_line_end(text: str, item: Item) -> int | None:
    """Where the one paragraph under an item's first line begins, when that line is a title
    alone (no full stop: "（二）强化责任意识，全力推进…" over "…；经委要抓好…；财政部门要…"),
    else None."""
    if not _heading_line_apart(text, item) or "。" in text[item.body_start : item.line_end]:
        return None
    if "\n" in text[item.line_end + 1 : item.end].strip():
        return None  # lines under it: read a line at a time (unit_line_drafts)
    return item.line_end + 1


def _heading_line_apart(text: str, item: Item) -> bool:
    """The item's first line stands apart, lines under it (units' duty lines may follow)."""
    return item.line_end < item.end and text[item.line_end : item.line_end + 1] == "\n"


def _quota_lines_under(text: str, item: Item, section: str | None) -> list[Draft]:
    """The lines under an item's first line, a heading with no full stop, when each opens
    with a unit and its share ("一、城市绿化建设指标和分工\n和平区25万平方米…")."""
    if item.line_end >= item.end or "。" in text[item.body_start : item.line_end]:
        return []
    under = _under_item(text, item, section)
    return quota_lines(text, lstrip_ws(text, item.line_end, item.end), item.end, under)


def _under_item(text: str, item: Item, section: str | None) -> str:
    """The section of tasks an item's first line heads: the item's heading under ``section``."""
    label = _heading_text(text, item)
    return f"{section} / {label}" if section else label


_ASSIGNED_LINES_MIN = 2  # unnumbered lines under a heading line, each closing with its units


def _assigned_lines(text: str, item: Item) -> list[tuple[int, int]]:
    """The lines under an item's first line when each of them (two at least) names its units
    after its own text (a role label or an assigning bracket) and the first line names none:
    the first line heads them, each is a task."""
    if item.line_end >= len(text) or text[item.line_end] != "\n":
        return []  # the first line is no line of its own (a wrap joined it to the text)
    if _assigned_span(text, item.start, item.line_end):
        return []
    lines = [
        (s, e)
        for ls, le in text_lines(text, item.line_end, item.end)
        if (s := lstrip_ws(text, ls, le)) < (e := rstrip_ws(text, ls, le))
    ]
    if len(lines) < _ASSIGNED_LINES_MIN:
        return []
    return lines if all(_closed_by_units(text, s, e) for s, e in lines) else []


def _assigned_span(text: str, start: int, end: int) -> regex.Match | None:
    found = compiled().assignment.search(text, start, end)
    return found or role_label_re().search(text, start, end)


_LINE_CLOSE = "。；;，,"


def _closed_by_units(text: str, start: int, end: int) -> bool:
    """The line ends with its assignment after text of its own: an assigning bracket, or a
    role label after a clause mark with the units after it to the line's end (…，责任单位为X；)."""
    while end > start and text[end - 1] in _LINE_CLOSE:
        end -= 1
    brackets = list(compiled().assignment.finditer(text, start, end))
    if brackets and brackets[-1].end() == end and brackets[-1].start() > start:
        return True
    labels = list(role_label_re().finditer(text, start, end))
    if not labels or labels[-1].start() <= start or text[labels[-1].start() - 1] not in _LINE_CLOSE:
        return False
    units = text[labels[-1].end() : end]
    return bool(units) and not any(mark in units for mark in "。；;")


@cache
def _task_level() -> int:
    """The rank of the numbering tasks most often print (1.): an item above it is a group."""
    c = compiled()
    return next(s.rank for s in c.styles if s.name == c.rules.table_number_style)


_OPEN_BRACKET = regex.compile(r"[（(][^）)]*$")  # a bracket the text has not closed


def _run_in_heading(text: str, item: Item) -> int | None:
    """The end of a short first sentence of an item that assigns nothing (its heading run
    into the text: "（一）增强创新驱动发展能力。推进…"), or None."""
    stop = text.find("。", item.body_start, item.line_end)
    if stop < 0 or stop - item.body_start > _RUN_IN_HEADING_MAX:
        return None
    sentence = text[item.body_start : stop]
    if compiled().assignment.search(sentence) or role_label_re().search(sentence):
        return None
    if _OPEN_BRACKET.search(sentence):  # 。 inside a bracket: 关于…的建议(第1413号。牵头…)
        return None
    rest = text[stop + 1 : item.end].strip()
    if not rest or compiled().assignment.match(rest):
        return None  # its assignment follows it: the sentence is a task ("（一）…。（牵头…）")
    return stop + 1
