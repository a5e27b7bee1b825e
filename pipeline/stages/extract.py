"""Extract: who does each task (roles and agencies), its targets and its deadlines.

Roles come in three syntaxes, all read from ``rules/roles.yaml``: labels ("牵头单位：X"),
trailing verbs ("X、Y牵头", "Z等按职责分工负责", usually in brackets) and table columns.
Each list is split into names that the agency grammar accepts; a list stops at the first
item that is not a unit ("牵头部门:科技部,到2020年,…" yields 科技部 only).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind, Role
from pipeline.records import (
    AgencyMention,
    Deadline,
    Extraction,
    Field,
    FigureCell,
    Leader,
    RejectedNumber,
    Segmentation,
    Target,
    TaskSegment,
)
from pipeline.stages import agency_names as names
from pipeline.stages.body_roles import Found, body_roles, leaders_listed
from pipeline.stages.deadlines import (
    dated_lines,
    extract_deadlines,
    is_reported,
    parse_deadline,
    reference_year,
    stated_deadline,
    text_year,
)
from pipeline.stages.figure_cells import column_target, figure_target
from pipeline.stages.mention_headings import document_owner, heading_units, title_units
from pipeline.stages.mentions import clause_opened_by_agency, prose_mentions
from pipeline.stages.quantities import distinct_targets, extract_targets, trap_spans
from pipeline.stages.roles import (
    GroupStatement,
    Stated,
    group_statements,
    role_label_re,
    stated_conventions,
    unit_marks,
)
from pipeline.stages.segment_drafts import lstrip_ws
from pipeline.stages.segment_fallbacks import attribution
from pipeline.stages.segment_rules import compiled as segment_rules
from pipeline.stages.table_columns import cell_kind
from pipeline.stages.unit_lists import (
    JOINED,
    DocText,
    ListName,
    carried_prefix,
    list_names,
    lone_name,
    role_syntax,
    shared_suffixes,
)

AGENCY_ROLES = AGENCY_FIELDS


def extract(seg: Segmentation) -> Extraction:
    text = seg.document.text
    view = names.to_simplified(text)  # same length; traditional labels match the rules
    stated = stated_conventions(view)
    groups = group_statements(view)
    skip = tuple((s.start, s.end) for s in (*stated, *groups))
    doc = DocText(text, view, seg.document.gaps)
    attributed = _group_roles(doc, seg.tasks, groups)
    for seq, found in _closing_roles(doc, seg.tasks).items():
        attributed.setdefault(seq, []).extend(found)
    ref_year = reference_year(seg.metadata, text) or text_year(text)
    agencies: list[AgencyMention] = []
    leaders: list[Leader] = []
    targets: list[Target] = []
    deadlines: list[Deadline] = []
    rejected: list[RejectedNumber] = []
    traps = trap_spans(text)
    owner = document_owner(text, view, len(view)) if seg.tasks else None
    for task in seg.tasks:
        effects = _effects(stated, task)
        task_agencies, task_leaders = task_roles(
            text,
            task,
            view=view,
            gaps=doc.gaps,
            skip=skip,
            first_listed_leads="first_listed_leads" in effects,
            marked_leads="marked_leads" in effects,
            responsible_leads="responsible_leads" in effects,
            attributed=[*attributed.get(task.seq, ()), *_stated_units(doc, stated, task)],
        )
        leaders += task_leaders
        if not task_agencies:  # no unit with a role word: a heading's units, units in prose
            unassigned = _unassigned_units(text, view, task)
            task_agencies = unassigned or _owned(text, task, owner)
        else:
            owners = _owners_beside(text, view, task, task_agencies)
            task_agencies = _in_order(task_agencies, owners)
        task_targets: list[Target] = []
        figured: set[str | None] = set()  # the columns a bare figure was read from
        for field in task.fields:
            if field.kind == FieldKind.BODY:
                found, refused = extract_targets(
                    text, field.start, field.end, task.seq, _quoted_task_kept(traps, field)
                )
                figure = None if found else _figure_cell(text, task, field)
                if figure and field.label in figured:  # a task column's second bare
                    rejected.append(_second_figure(figure))  # figure in one row: a cell
                    figure = None  # misplaced
                if figure and _task_column(field):
                    figured.add(field.label)
                task_targets += [figure] if figure else found
                rejected += [] if figure else refused  # a bare figure: no unit, yet a target
                dated = extract_deadlines(text, field.start, field.end, task.seq, ref_year)
                deadlines += [d for d in dated if not _reported(d, traps)]
            elif field.kind == FieldKind.DEADLINE:
                deadlines += _deadline_cell(text, field, task.seq, ref_year)
                if _target_schedule(field):  # 目标进度: the schedule's targets
                    found, refused = extract_targets(text, field.start, field.end, task.seq, traps)
                    task_targets += found
                    rejected += refused
        task_targets += _column_targets(text, task, seg.figures)
        targets += distinct_targets(task_targets)
        agencies += task_agencies or _quota_places(text, view, task, task_targets)
    deadlines += _stated_deadlines(text, seg.tasks, deadlines, ref_year)
    return Extraction(
        seg, tuple(agencies), tuple(targets), tuple(deadlines), tuple(leaders), tuple(rejected)
    )


_PLACE_HEAD = regex.compile(r"\p{Han}{1,6}?(?:自治县|县|区|旗|市|镇|乡|街道)")
_QUOTA_PLACES_MIN = 2


def _quota_places(
    text: str, view: str, task: TaskSegment, targets: list[Target]
) -> list[AgencyMention]:
    """A quota divided among places in a task naming no unit ("颍州区482户,颍泉区423户,颍东区
    287户"): each place leading a target owns the task, in a role left open."""
    found: dict[str, tuple[int, int]] = {}
    for t in targets:
        m = _PLACE_HEAD.match(view, t.char_start)
        if m and names.place_alone(m.group()):
            found.setdefault(m.group(), m.span())
    if len(found) < _QUOTA_PLACES_MIN:
        return []
    return [
        AgencyMention(task.seq, Role.RESPONSIBLE, None, k, text[s:e], s, e)
        for k, (s, e) in enumerate(found.values(), 1)
    ]


def _owned(text: str, task: TaskSegment, owner: tuple[int, int] | None) -> list[AgencyMention]:
    """The unit the list's title says it is for (林业局履行职能目标任务分解表), for a task that
    names none: either role, its span in the title."""
    if owner is None:
        return []
    s, e = owner
    return [AgencyMention(task.seq, Role.RESPONSIBLE, None, 1, text[s:e], s, e)]


def _figure_cell(text: str, task: TaskSegment, field: Field) -> Target | None:
    """A table cell of the row's work that prints a figure only: the row's target."""
    if field.label is None or field.start == task.title_start:
        return None  # prose, or the row's title cell
    return figure_target(text, field, text[task.title_start : task.title_end], task.seq)


def _column_targets(text: str, task: TaskSegment, cells: Sequence[FigureCell]) -> list[Target]:
    """The targets the task's row prints in the table's figure columns (2025年 | 2027年)."""
    title = text[task.title_start : task.title_end]
    found = (
        column_target(text, cell, title, task.seq)
        for cell in cells
        if task.start <= cell.start < task.end
    )
    return [t for t in found if t]


def _task_column(field: Field) -> bool:
    """The field's column is named as the work (目标任务), one cell a row; a quota table's
    figure columns (2012年, 其中新建, 万美元) are not."""
    return field.label is not None and cell_kind(field.label) == FieldKind.TASK


def _second_figure(figure: Target) -> RejectedNumber:
    """A row's second bare figure under the column of its first ("目标任务" 4000 | 3034, the
    progress cell read into the target's column where a spanned cell left a column out):
    refused, not a target."""
    return RejectedNumber(
        figure.task_seq, figure.raw, "second_figure", figure.char_start, figure.char_end
    )


def _target_schedule(field: Field) -> bool:
    """A deadline column named as a target schedule (2023年目标进度, 计划进度)."""
    return bool(field.label and segment_rules().target_schedule.search(field.label))


def _reported(deadline: Deadline, traps: Sequence[tuple[int, int, str]]) -> bool:
    """A date inside a report of the work (完成情况：…一季度报送…; 截至目前…): not due."""
    at = deadline.char_start
    return any(s <= at < e and is_reported(name) for s, e, name in traps if s <= at)


def _stated_deadlines(
    text: str, tasks: Sequence[TaskSegment], found: Sequence[Deadline], ref_year: int | None
) -> list[Deadline]:
    """The due date stated once for all the tasks, before them, else after them ("确保
    2018年12月底以前完成…任务" closing the notice), else between them (a section of its
    own), for each task that prints none; first, the date a line prints over the items after
    it ("到2015年底:")."""
    if not tasks:
        return []
    lined = _line_dated(text, tasks, found, ref_year)
    found = [*found, *lined]
    stated = next(
        (d for s, e in _outside(tasks, len(text)) if (d := stated_deadline(text, s, e, ref_year))),
        None,
    )
    if stated is None:
        return lined
    dated = {d.task_seq for d in found}
    return [*lined, *(replace(stated, task_seq=t.seq) for t in tasks if t.seq not in dated)]


def _line_dated(
    text: str, tasks: Sequence[TaskSegment], found: Sequence[Deadline], ref_year: int | None
) -> list[Deadline]:
    """The due date of a line printing only a date over the items after it ("到2015年底:"),
    for each of them that prints none, to the end of their section."""
    dated, out = {d.task_seq for d in found}, []
    for line in dated_lines(text, ref_year):
        after = [t for t in tasks if t.start >= line.char_end]
        if not after:
            continue
        first = min(after, key=lambda t: t.start)
        if text[line.char_end : first.start].count("\n") > 2:
            continue  # not over the first item after it
        for task in sorted(after, key=lambda t: t.start):
            if task.section != first.section:
                break
            if task.seq not in dated:
                out.append(replace(line, task_seq=task.seq))
                dated.add(task.seq)
    return out


def _outside(tasks: Sequence[TaskSegment], size: int) -> list[tuple[int, int]]:
    """The text outside the tasks: before them, after them, then the gaps between them (a
    section "二、时间安排" between two groups of tasks)."""
    ordered = sorted(tasks, key=lambda t: t.start)
    last = max(t.end for t in tasks)
    gaps = [(a.end, b.start) for a, b in itertools.pairwise(ordered) if b.start > a.end]
    return [(0, ordered[0].start), (last, size), *gaps]


def _owners_beside(
    text: str, view: str, task: TaskSegment, found: Sequence[AgencyMention]
) -> list[AgencyMention]:
    """Units owning a task whose role words name only participants (协助单位: the units its
    title or heading names; 市发展改革委:会同市粮食局…: its clauses' subjects) or only collectives
    (市社会办:指导各区县社会办配合…: its clauses' subjects)."""
    owners: list[AgencyMention] = []
    if all(a.role == Role.PARTICIPANT for a in found):
        owners = title_units(text, view, task) or heading_units(text, view, task)
    if not owners and all(a.collective or a.role == Role.PARTICIPANT for a in found):
        owners = _subjects_beside(text, view, task, found)
    return owners


def _in_order(
    found: list[AgencyMention], owners: list[AgencyMention]
) -> list[AgencyMention]:
    """A task's units with the owners found beside them, in the order the text names them."""
    if not owners:
        return found
    ordered = sorted([*found, *owners], key=lambda m: m.char_start)
    return [replace(m, position=k) for k, m in enumerate(ordered, 1)]


def _subjects_beside(
    text: str, view: str, task: TaskSegment, collective: Sequence[AgencyMention]
) -> list[AgencyMention]:
    """The units a task's clauses open on, beside the collectives its role words name (the
    task's own unit labels it: "市社会办:指导各区县社会办配合有关部门…"), numbered on."""
    bodies = [f for f in task.fields if f.kind == FieldKind.BODY]
    if not any(clause_opened_by_agency(view, f.start, f.end) for f in bodies):
        return []  # no clause opens on a name the grammar reads: the NLP pipeline is not run
    spans = [(m.char_start, m.char_end) for m in collective]
    found = [  # not a collective's own words (人民政府 of 各县(市、区)人民政府)
        m
        for m in prose_mentions(text, view, task)
        if all(m.char_end <= s or m.char_start >= e for s, e in spans)
    ]
    return [replace(m, position=len(collective) + k) for k, m in enumerate(found, 1)]


def _unassigned_units(text: str, view: str, task: TaskSegment) -> list[AgencyMention]:
    """Units of a task that names none by role: those its title or a heading over it names
    and nothing else, then the subjects of its clauses (mentions.py), each unit once."""
    found = title_units(text, view, task) or heading_units(text, view, task)
    seen = {m.mention for m in found}
    for m in prose_mentions(text, view, task):
        if m.mention not in seen:
            found.append(replace(m, position=len(found) + 1))
    return found


TrapMatch = tuple[int, int, str]  # start, end, the trap's name


def _quoted_task_kept(traps: list[TrapMatch], field: Field) -> list[TrapMatch]:
    """The traps less a quote holding exactly the field: a task quoted by a report ("第1项
    “地区生产总值增长6.5%以上”") is the task's text, not a name."""
    quote = (field.start - 1, field.end + 1, "quoted_name")
    return [t for t in traps if t != quote] if quote in traps else traps


def _effects(stated: Sequence[Stated], task: TaskSegment) -> set[str]:
    """The conventions that hold for a task: stated anywhere for the whole notice, or
    before its end with "下同"."""
    if not stated:
        return set()
    return {s.effect for s in stated if not s.onward or s.start < task.end}


def _stated_units(doc: DocText, stated: Sequence[Stated], task: TaskSegment) -> list[Found]:
    """Units a statement makes take part in every task in its scope ("具体任务均涉及相关
    市（州）人民政府，下同")."""
    return [
        (FieldKind.PARTICIPANT, None, list_names(doc, *s.units))
        for s in stated
        if s.units and (not s.onward or s.start < task.end)
    ]


def _group_roles(
    doc: DocText, tasks: Sequence[TaskSegment], groups: Sequence[GroupStatement]
) -> dict[int, list[Found]]:
    """Units of each group attribution, for each task of its group: the ``count`` items
    before it, else those back to the previous attribution within the same section."""
    out: dict[int, list[Found]] = {}
    floor = 0
    for group in groups:
        before = [t for t in tasks if floor <= t.start < group.start]
        if group.count:
            before = before[-group.count :]
        elif before:
            before = [t for t in before if t.section == before[-1].section]
        floor = group.end
        if group.label and group.role:
            label = doc.text[group.label[0] : group.label[1]]
            found = [(group.role, label, list_names(doc, group.units_start, group.end))]
        else:
            found, _ = body_roles(doc, group.units_start, group.end, 0)
        for task in before:
            out.setdefault(task.seq, []).extend(found)
    return out


_BRACKET_LINE = regex.compile(  # a bracket may hold bracketed places: 各县(市、区)人民政府
    r"\n[ \t　]*[（(](?:[^（）()\n]|[（(][^（）()\n]{1,10}[)）]){2,120}[)）][。；;]?[ \t　]*$"
)


def _closing_roles(doc: DocText, tasks: Sequence[TaskSegment]) -> dict[int, list[Found]]:
    """A task's closing assignment (a line holding only an assignment bracket, "(1)…。\n(2)…。
    \n(责任单位：市直各有关单位、各县政府)", or a last sentence 此项工作由X负责) after sibling
    tasks of its section that name no units of their own: it assigns them all, as 以上工作由X
    负责 would."""
    out: dict[int, list[Found]] = {}
    for i, task in enumerate(tasks):
        closing = _closing_assignment(doc.view, task)
        if closing is None:
            continue
        group = []
        for before in reversed(tasks[:i]):
            if before.section != task.section or _names_units(doc.view, before):
                break
            group.append(before)
        if group:
            found, _ = body_roles(doc, *closing, 0)
            for before in group:
                out.setdefault(before.seq, []).extend(found)
    return out


def _closing_assignment(view: str, task: TaskSegment) -> tuple[int, int] | None:
    """The span of a task's closing assignment: a line holding only an assignment bracket or
    a role label line, or a last sentence attributing the work (…。此项工作由X负责，Y协办。)."""
    line = _BRACKET_LINE.search(view, task.start, task.end)
    if line and segment_rules().assignment.search(view, line.start(), line.end()):
        return line.span()
    label = _closing_label_line(view, task)
    if label is not None:
        return label
    end = task.end
    while end > task.start and view[end - 1] in "。；; \t\n　":
        end -= 1
    found = list(attribution().finditer(view, task.start, end))
    if not found or _SENTENCE_MARK.search(view, found[-1].end(), end):
        return None  # the attribution's sentence runs to the end: …负责，Y协办
    return found[-1].start(), end


def _closing_label_line(view: str, task: TaskSegment) -> tuple[int, int] | None:
    """The task's last lines when each is a line of its own opened by a role label, and they
    hold the task's only labels ("…\n责任单位：各县区政府、管委，市直相关部门等。", "…\n主办单位：
    省水利厅\n协办单位：沿海三市政府")."""
    end = task.end
    while end > task.start and view[end - 1] in " \t\n　":
        end -= 1
    start, block = end, None
    while start > task.start:
        line = view.rfind("\n", task.start, start - 1) + 1
        if line <= task.start or not role_label_re().match(view, lstrip_ws(view, line, start)):
            break  # the task's first line, or a line no label opens
        start = block = line
    if block is None:
        return None
    labels = role_label_re().findall(view, task.start, end)
    inside = role_label_re().findall(view, block, end)
    return (block, end) if len(labels) == len(inside) else None


def _names_units(view: str, task: TaskSegment) -> bool:
    return bool(
        any(f.kind in AGENCY_FIELDS for f in task.fields)
        or segment_rules().assignment.search(view, task.start, task.end)
        or attribution().search(view, task.start, task.end)
        or role_label_re().search(view, task.start, task.end)
    )


def _deadline_cell(text: str, field: Field, seq: int, ref_year: int | None) -> list[Deadline]:
    raw = text[field.start : field.end]
    if not raw.strip():
        return []
    if len(raw) > _DATE_CELL_MAX or _SENTENCE_MARK.search(raw):  # a plan: "1.4月底前…。2.…"
        return extract_deadlines(text, field.start, field.end, seq, ref_year)
    due, kind = parse_deadline(raw, ref_year)
    return [Deadline(seq, raw, due, kind, field.start, field.end)]


_DATE_CELL_MAX = 30  # a deadline cell longer than this is text with dates in it


_SENTENCE_MARK = regex.compile(r"[。；;]")


def task_roles(
    text: str,
    task: TaskSegment,
    *,
    first_listed_leads: bool = False,
    marked_leads: bool = False,
    responsible_leads: bool = False,
    view: str | None = None,
    gaps: Sequence[int] = (),
    skip: Sequence[tuple[int, int]] = (),
    attributed: Sequence[Found] = (),
) -> tuple[list[AgencyMention], list[Leader]]:
    """Agency mentions and people named by one task's fields.

    ``view`` is a same-length simplified copy of ``text`` used for matching the rules;
    ``gaps`` (``NormalizedDocument.gaps``) tells where whitespace between two names was
    removed; ``skip`` holds spans read elsewhere (statements of the notice) and
    ``attributed`` the units a group attribution gives this task. The conventions: the
    first-listed unit of a plain list leads; the units a mark (*) follows lead, the others
    take part; where no lead is marked, 责任单位 lead.
    """
    doc = DocText(text, view if view is not None else names.to_simplified(text), gaps)
    found: list[Found] = []
    leaders: list[Leader] = []
    for field in task.fields:
        if field.kind in AGENCY_ROLES and not _labelled_cell(doc.view, field):
            listed = list_names(doc, field.start, field.end) or lone_name(
                doc, field, titled=(field.start, field.end) == (task.title_start, task.title_end)
            )
            found.append((field.kind, field.label, listed))
        elif field.kind == FieldKind.LEADER:
            leaders += leaders_listed(text, field.start, field.end, field.label, task.seq)
        elif field.kind in (FieldKind.BODY, *AGENCY_ROLES):  # a unit cell holding its own
            body_found, body_leaders = body_roles(  # labels (责任单位:X配合单位:Y) reads them
                doc, field.start, field.end, task.seq, skip
            )
            found += body_found
            leaders += body_leaders
    found += attributed
    if marked_leads:
        found = _marked_lead(text, found)
    if first_listed_leads:
        found = _first_listed_lead(found)
    if responsible_leads:
        found = _responsible_lead(found)
    return _distinct(_mentions(text, task.seq, _after_lead(found))), leaders


def _labelled_cell(view: str, field: Field) -> bool:
    """A unit column's cell that opens with a role label of its own (责任单位：…)."""
    at = lstrip_ws(view, field.start, field.end)
    return role_label_re().match(view, at, field.end) is not None


_ROLE_RANK = {FieldKind.LEAD: 0, FieldKind.RESPONSIBLE: 1, FieldKind.EITHER: 1}


def _distinct(mentions: list[AgencyMention]) -> list[AgencyMention]:
    """A unit named again in one task ("…(省发改委、交通厅)。…(省发改委、建设厅)") is one
    unit of it: its first mention, in the strongest role it is given."""
    keys = [_unit_key(m) for m in mentions]
    if len(set(keys)) == len(keys):
        return mentions
    first: dict[str, int] = {}
    kept: list[AgencyMention] = []
    for m, key in zip(mentions, keys, strict=True):
        if key not in first:
            first[key] = len(kept)
            kept.append(replace(m, position=len(kept) + 1))
            continue
        was = kept[first[key]]
        if _ROLE_RANK.get(m.role, 2) < _ROLE_RANK.get(was.role, 2):
            kept[first[key]] = replace(was, role=m.role, role_label=m.role_label)
    return kept


def _unit_key(mention: AgencyMention) -> str:
    """The unit a mention names, its carried prefix before it ("财政厅" after "省体育局、教育厅、"
    is 省财政厅, the unit a later "会同省财政厅" names again)."""
    return (mention.prefix or "") + "".join(mention.mention.split())


def _after_lead(found: list[Found]) -> list[Found]:
    """ "X负责" owns a task in a role left open; after a lead it is taking part:
    (由X牵头，会同Y负责落实) makes Y a participant."""
    if FieldKind.RESPONSIBLE not in {role for role, _, _ in found}:
        return found  # only a list read as responsible holds "X负责"
    verbs, lead, open_lists, open_items = role_syntax().verb_roles, False, [], False
    for role, label, items in found:
        lead = lead or role == FieldKind.LEAD
        open_lists.append(
            role == FieldKind.RESPONSIBLE and names.to_simplified(label or "") in verbs
        )
        for item in items:
            lead = lead or item.role == FieldKind.LEAD
            open_items = open_items or item.role == FieldKind.RESPONSIBLE
    if not lead or not (open_items or any(open_lists)):
        return found
    return [
        (FieldKind.PARTICIPANT if is_open else role, label, [_demoted(i) for i in items])
        for (role, label, items), is_open in zip(found, open_lists, strict=True)
    ]


def _demoted(item: ListName) -> ListName:
    return item._replace(role=FieldKind.PARTICIPANT) if item.role == FieldKind.RESPONSIBLE else item


def _responsible_lead(found: list[Found]) -> list[Found]:
    """Where the notice says 责任单位 lead when no lead is named: their lists lead."""
    if any(role == FieldKind.LEAD or _has_lead(items) for role, _, items in found):
        return found
    return [
        (FieldKind.LEAD if role == FieldKind.RESPONSIBLE else role, label, items)
        for role, label, items in found
    ]


def _has_lead(items: list[ListName]) -> bool:
    return any(item.role == FieldKind.LEAD for item in items)


def _first_listed_lead(found: list[Found]) -> list[Found]:
    """Where the notice says the first-listed unit leads, split plain lists accordingly."""
    if any(role == FieldKind.LEAD for role, _, _ in found):
        return found
    out = []
    for i, (role, label, items) in enumerate(found):
        if i == 0 and role in {FieldKind.RESPONSIBLE, FieldKind.EITHER} and items:
            out.append((FieldKind.LEAD, label, items[:1]))
            if items[1:]:
                out.append((FieldKind.PARTICIPANT, label, items[1:]))
        else:
            out.append((role, label, items))
    return out


def _marked(text: str, at: int) -> bool:
    return at < len(text) and text[at] in unit_marks()


def _marked_lead(text: str, found: list[Found]) -> list[Found]:
    """Where the notice says a mark names the lead (加*号为牵头部门，其余为参与部门): in a task
    that marks a unit, the units a mark follows lead and the others take part; a task that
    marks none is read as printed."""
    if not any(_marked(text, item.end) for _, _, items in found for item in items):
        return found
    out: list[Found] = []
    for role, label, items in found:
        if role not in {FieldKind.RESPONSIBLE, FieldKind.EITHER}:
            out.append((role, label, items))
            continue
        marked = [item for item in items if _marked(text, item.end)]
        rest = [item for item in items if item not in marked]
        out += [(FieldKind.LEAD, label, marked)] if marked else []
        out += [(FieldKind.PARTICIPANT, label, rest)] if rest else []
    return out


def _mentions(
    text: str, seq: int, found: list[tuple[str, str | None, list[ListName]]]
) -> list[AgencyMention]:
    mentions: list[AgencyMention] = []
    position = 0
    previous: tuple[str, str] | None = None  # (prefix, name) of the last name in the list
    for role, label, items in found:  # a list parted by roles (区发改局 | 、农业局) goes on
        distributing = False
        suffixes = shared_suffixes(text, [(i.start, i.end) for i in items])
        for item, suffix in zip(items, suffixes, strict=True):
            mention = text[item.start : item.end]
            plain = "".join(mention.split())  # a name broken over lines reads whole
            collective = names.is_collective(plain)
            name, alias = names.split_alias(plain)
            prefix, _core = names.split_prefix(name)
            carried = (
                carried_prefix(previous, name, prefix, _core) if item.separator == "、" else None
            )
            own_level = prefix in names.grammar().level_prefixes  # 各区、省粮食局: not shared
            if distributing and _core in names.tables().organs:
                own_level = False  # 各市（县）、区政府: the organ of every 区 too
            joined = item.separator in JOINED  # 各县党委和人民政府: 人民政府 of every 县 too
            single = bool(previous) and names.single_body(name, previous[1])
            if joined and distributing and not (collective or own_level or single):
                kind = names.generic_name(_core, bare=not prefix)
                collective = not names.known_core(_core) and kind
            distributing = (collective and mention.startswith("各")) or (
                distributing and joined and collective
            )
            position += 1
            mentions.append(
                AgencyMention(
                    seq,
                    item.role or role,
                    label,
                    position,
                    mention,
                    item.start,
                    item.end,
                    collective,
                    carried,
                    alias,
                    suffix,
                )
            )
            previous = (prefix or carried or "", mention)
    return mentions
