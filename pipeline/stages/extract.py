"""Extract: who does each task (roles and agencies), its targets and its deadlines.

Roles come in three syntaxes, all read from ``rules/roles.yaml``: labels ("牵头单位：X"),
trailing verbs ("X、Y牵头", "Z等按职责分工负责", usually in brackets) and table columns.
Each list is split into names that the agency grammar accepts; a list stops at the first
item that is not a unit ("牵头部门:科技部,到2020年,…" yields 科技部 only).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import (
    AgencyMention,
    Deadline,
    Extraction,
    Field,
    Leader,
    RejectedNumber,
    Segmentation,
    Target,
    TaskSegment,
)
from pipeline.stages import agency_names as names
from pipeline.stages.deadlines import extract_deadlines, parse_deadline, reference_year
from pipeline.stages.mentions import heading_units, prose_mentions
from pipeline.stages.quantities import distinct_targets, extract_targets, trap_spans
from pipeline.stages.roles import (
    GroupStatement,
    Stated,
    convention_pattern,
    group_statements,
    role_label_pattern,
    role_rules,
    stated_conventions,
)

AGENCY_ROLES = AGENCY_FIELDS


@dataclass(frozen=True)
class _Rules:
    label: regex.Pattern  # a role label and its separator
    label_roles: dict[str, str]
    verb: regex.Pattern  # a trailing verb, after a list
    verb_at_end: regex.Pattern
    verb_in_brackets: regex.Pattern
    verb_roles: dict[str, str]
    opener: regex.Pattern  # a word before a list that belongs to no name (由, 会同)
    note: regex.Pattern  # a bracket stating a convention, after a list item
    item_roles: tuple[tuple[regex.Pattern, str], ...]
    item_marks: tuple[tuple[regex.Pattern, str], ...]  # a mark before a name: ★区发改委
    separator: regex.Pattern
    item_suffixes: tuple[str, ...]
    item_tail: regex.Pattern
    conjunction: regex.Pattern  # a word joining two units inside one list item (X和Y)
    group_joint: regex.Pattern  # where a group item joins names and groups (X等有关部门和Y)


@cache
def _rules() -> _Rules:
    roles = role_rules()
    labels = sorted(roles.labels, key=lambda r: -len(r.pattern))
    verbs = sorted(roles.trailing_verbs, key=lambda r: -len(r.pattern))
    return _Rules(
        label=regex.compile(role_label_pattern()),
        label_roles={r.pattern: r.role for r in labels},
        verb=regex.compile("(?P<verb>" + "|".join(r.pattern for r in verbs) + ")"),
        verb_at_end=regex.compile("(?P<verb>" + "|".join(r.pattern for r in verbs) + ")$"),
        verb_in_brackets=regex.compile(
            r"[（(]\s*(?P<verb>" + "|".join(r.pattern for r in verbs) + r")\s*[)）]$"
        ),
        verb_roles={r.pattern: r.role for r in verbs},
        opener=regex.compile(
            "|".join(map(regex.escape, sorted(roles.list_openers, key=len, reverse=True)))
        ),
        note=regex.compile(rf"[（(][^（）()]*(?:{convention_pattern().pattern})[^（）()]*[)）]$"),
        item_roles=tuple(
            (regex.compile(f"(?:{r.pattern})$"), r.role) for r in roles.item_role_markers
        ),
        item_marks=tuple(
            (regex.compile(rf"(?:{r.pattern})\s*"), r.role) for r in roles.item_marks
        ),
        separator=regex.compile(roles.list_separators),
        item_suffixes=tuple(sorted(roles.list_item_suffixes, key=len, reverse=True)),
        item_tail=regex.compile(roles.list_item_tail),
        conjunction=regex.compile(
            "|".join(map(regex.escape, sorted(roles.list_conjunctions, key=len, reverse=True)))
        ),
        group_joint=regex.compile(
            "|".join(map(regex.escape, sorted([*roles.list_conjunctions, "等"], key=len)[::-1]))
        ),
    )


def extract(seg: Segmentation) -> Extraction:
    text = seg.document.text
    view = names.to_simplified(text)  # same length; traditional labels match the rules
    stated = stated_conventions(view)
    groups = group_statements(view)
    skip = tuple((s.start, s.end) for s in (*stated, *groups))
    doc = _Text(text, view, seg.document.gaps)
    attributed = _group_roles(doc, seg.tasks, groups)
    ref_year = reference_year(seg.metadata, text)
    agencies: list[AgencyMention] = []
    leaders: list[Leader] = []
    targets: list[Target] = []
    deadlines: list[Deadline] = []
    rejected: list[RejectedNumber] = []
    traps = trap_spans(text)
    for task in seg.tasks:
        effects = _effects(stated, task)
        task_agencies, task_leaders = task_roles(
            text, task, view=view, gaps=doc.gaps, skip=skip,
            first_listed_leads="first_listed_leads" in effects,
            responsible_leads="responsible_leads" in effects,
            attributed=[*attributed.get(task.seq, ()), *_stated_units(doc, stated, task)],
        )
        agencies += task_agencies
        leaders += task_leaders
        if not task_agencies:  # no unit with a role word: a heading's units, units in prose
            agencies += _unassigned_units(text, view, task)
        task_targets: list[Target] = []
        for field in task.fields:
            if field.kind == FieldKind.BODY:
                found, refused = extract_targets(text, field.start, field.end, task.seq, traps)
                task_targets += found
                rejected += refused
                deadlines += extract_deadlines(text, field.start, field.end, task.seq, ref_year)
            elif field.kind == FieldKind.DEADLINE:
                deadlines += _deadline_cell(text, field, task.seq, ref_year)
        targets += distinct_targets(task_targets)
    return Extraction(
        seg, tuple(agencies), tuple(targets), tuple(deadlines), tuple(leaders), tuple(rejected)
    )


def _unassigned_units(text: str, view: str, task: TaskSegment) -> list[AgencyMention]:
    """Units of a task that names none by role: those of a heading over it that prints only
    unit names, then the subjects of its clauses (mentions.py), each unit once."""
    found = heading_units(text, view, task)
    seen = {m.mention for m in found}
    for m in prose_mentions(text, view, task):
        if m.mention not in seen:
            found.append(replace(m, position=len(found) + 1))
    return found


def _effects(stated: Sequence[Stated], task: TaskSegment) -> set[str]:
    """The conventions that hold for a task: stated anywhere for the whole notice, or
    before its end with "下同"."""
    if not stated:
        return set()
    return {s.effect for s in stated if not s.onward or s.start < task.end}


_Found = tuple[str, str | None, list["_Name"]]  # role, label as printed, names


def _stated_units(doc: _Text, stated: Sequence[Stated], task: TaskSegment) -> list[_Found]:
    """Units a statement makes take part in every task in its scope ("具体任务均涉及相关
    市（州）人民政府，下同")."""
    return [
        (FieldKind.PARTICIPANT, None, _list_names(doc, *s.units))
        for s in stated
        if s.units and (not s.onward or s.start < task.end)
    ]


def _group_roles(
    doc: _Text, tasks: Sequence[TaskSegment], groups: Sequence[GroupStatement]
) -> dict[int, list[_Found]]:
    """Units of each group attribution, for each task of its group: the ``count`` items
    before it, else those back to the previous attribution within the same section."""
    out: dict[int, list[_Found]] = {}
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
            found = [(group.role, label, _list_names(doc, group.units_start, group.end))]
        else:
            found, _ = _body_roles(doc, group.units_start, group.end, 0)
        for task in before:
            out.setdefault(task.seq, []).extend(found)
    return out


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


# ---------------------------------------------------------------- roles


class _Name(NamedTuple):
    """One name of a list (a NamedTuple: one is built per list item, on the hot path)."""

    start: int
    end: int
    separator: str  # what stood before it in the list ("" for the first)
    role: str | None = None  # a role printed after the name: 市发改委（牵头）


@dataclass(frozen=True)
class _Text:
    """The document text, its same-length simplified view (for matching) and its gaps:
    the sorted positions where the source had whitespace that normalization removed."""

    text: str
    view: str
    gaps: Sequence[int] = ()

    def cuts(self, start: int, end: int) -> list[int]:
        """The gaps strictly inside ``[start, end)``."""
        return list(self.gaps[bisect_right(self.gaps, start) : bisect_left(self.gaps, end)])


def task_roles(
    text: str,
    task: TaskSegment,
    *,
    first_listed_leads: bool = False,
    responsible_leads: bool = False,
    view: str | None = None,
    gaps: Sequence[int] = (),
    skip: Sequence[tuple[int, int]] = (),
    attributed: Sequence[_Found] = (),
) -> tuple[list[AgencyMention], list[Leader]]:
    """Agency mentions and people named by one task's fields.

    ``view`` is a same-length simplified copy of ``text`` used for matching the rules;
    ``gaps`` (``NormalizedDocument.gaps``) tells where whitespace between two names was
    removed; ``skip`` holds spans read elsewhere (statements of the notice) and
    ``attributed`` the units a group attribution gives this task. The conventions: the
    first-listed unit of a plain list leads; where no lead is marked, 责任单位 lead.
    """
    doc = _Text(text, view if view is not None else names.to_simplified(text), gaps)
    found: list[_Found] = []
    leaders: list[Leader] = []
    for field in task.fields:
        if field.kind in AGENCY_ROLES:
            listed = _list_names(doc, field.start, field.end) or _lone_name(doc, field)
            found.append((field.kind, field.label, listed))
        elif field.kind == FieldKind.LEADER:
            leaders += _leaders(text, field.start, field.end, field.label, task.seq)
        elif field.kind == FieldKind.BODY:
            body_found, body_leaders = _body_roles(
                doc, field.start, field.end, task.seq, skip
            )
            found += body_found
            leaders += body_leaders
    found += attributed
    if first_listed_leads:
        found = _first_listed_lead(found)
    if responsible_leads:
        found = _responsible_lead(found)
    return _distinct(_mentions(text, task.seq, _after_lead(found))), leaders


_ROLE_RANK = {FieldKind.LEAD: 0, FieldKind.RESPONSIBLE: 1, FieldKind.EITHER: 1}


def _distinct(mentions: list[AgencyMention]) -> list[AgencyMention]:
    """A unit named again in one task ("…(省发改委、交通厅)。…(省发改委、建设厅)") is one
    unit of it: its first mention, in the strongest role it is given."""
    keys = ["".join(m.mention.split()) for m in mentions]
    if len(set(keys)) == len(keys):
        return mentions
    first: dict[str, int] = {}
    kept: list[AgencyMention] = []
    for m in mentions:
        key = "".join(m.mention.split())
        if key not in first:
            first[key] = len(kept)
            kept.append(replace(m, position=len(kept) + 1))
            continue
        was = kept[first[key]]
        if _ROLE_RANK.get(m.role, 2) < _ROLE_RANK.get(was.role, 2):
            kept[first[key]] = replace(was, role=m.role, role_label=m.role_label)
    return kept


def _body_roles(
    doc: _Text, start: int, end: int, seq: int, skip: Sequence[tuple[int, int]] = ()
) -> tuple[list[_Found], list[Leader]]:
    rules, text, view = _rules(), doc.text, doc.view
    found: list[tuple[int, str, str | None, list[_Name]]] = []
    leaders: list[Leader] = []
    labelled: list[tuple[int, int]] = list(skip)
    for m in rules.label.finditer(view, start, end):
        if _inside(m.start(), labelled):
            continue
        label = text[m.start("label") : m.end("label")]
        role = rules.label_roles[m.group("label")]
        list_end = _list_end(view, m.end(), end)
        labelled.append((m.start(), list_end))
        if role == FieldKind.LEADER:
            leaders += _leaders(text, m.end(), list_end, label, seq)
        else:
            found.append((m.start(), role, label, _list_names(doc, m.end(), list_end)))
    after_verb = start  # a list never runs back over the verb before it: X牵头会同Y负责
    for m in rules.verb.finditer(view, start, end):
        if _inside(m.start(), labelled):
            continue
        list_start = _clause_start(view, m.start(), after_verb)
        list_start = _list_over_commas(doc, list_start, m.start(), after_verb)
        after_verb = m.end()
        items = _list_names(doc, list_start, m.start(), whole=True)
        if items:
            role = rules.verb_roles[m.group("verb")]
            found.append((list_start, role, text[m.start() : m.end()], items))
            labelled.append((list_start, m.end()))
    found += _bare_brackets(doc, start, end, labelled)
    found.sort(key=lambda f: f[0])
    return [(role, label, items) for _, role, label, items in found], leaders


def _inside(at: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in spans)


# brackets a list may stand in or hold: （X牵头）, 〔X牵头〕, 各县〔市、区〕政府
_OPEN, _SHUT = "(（〔[【", ")）〕]】"
_BRACKET = regex.compile(
    r"[（(](?P<inner>(?:[^（）()\n]|[（(][^（）()\n]{1,8}[)）]){2,80})[)）]"
)  # 各市（县）inside
_CLAUSE_MARKS = "。；;，,：:\n"
_CLOSERS = ("", *_CLAUSE_MARKS)  # what may follow a bare bracket: the end or a clause mark


def _bare_brackets(
    doc: _Text, start: int, end: int, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, str, str | None, list[_Name]]]:
    """Brackets that hold only unit names, standing after a clause ("…建设。（市商务局）",
    "…建设（市交通局、公安局）。"): these units own the task, in a role left open."""
    found = []
    for m in _BRACKET.finditer(doc.view, start, end):
        if _inside(m.start(), taken) or _inside(m.end() - 2, taken):
            continue
        closes = _next_char(doc.view, m.end(), end) in _CLOSERS
        if not closes and _previous_char(doc.view, m.start(), start) not in _CLAUSE_MARKS:
            continue
        if _rules().verb.search(m["inner"]) or _rules().label.search(m["inner"]):
            continue  # an assignment with role words, read by the verbs and labels
        items = _list_names(doc, m.start("inner"), m.end("inner"), whole=True)
        if items and not _names_end(doc, m.start()):
            found.append((m.start(), FieldKind.RESPONSIBLE, None, items))
    return found


def _next_char(text: str, at: int, end: int) -> str:
    """The first non-space character in ``text[at:end]`` ("" at the end)."""
    while at < end and text[at].isspace():
        at += 1
    return text[at] if at < end else ""


def _previous_char(text: str, at: int, start: int) -> str:
    while at > start and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > start else "-"


def _names_end(doc: _Text, at: int) -> bool:
    """Whether a unit name ends at ``at`` (a bracket after it is its alias)."""
    if at < 2 or not names.may_end_name(doc.view[at - 1]):
        return False
    return any(
        names.agency_end(doc.view, at - size, at) == at for size in range(2, min(at, 16) + 1)
    )


def _list_end(text: str, start: int, end: int) -> int:
    """A labelled list runs to the end of its clause: 。；, a line break or a closing bracket
    that closes a bracket opened before the list."""
    depth, stop = 0, end
    for at in range(start, end):
        char = text[at]
        if char in _OPEN:
            depth += 1
        elif char in _SHUT:
            if depth == 0:
                stop = at
                break
            depth -= 1
        elif char in "。；;\n" and depth == 0:
            stop = at
            break
    label = _rules().label.search(text, start, stop)
    return label.start() if label else stop


def _clause_start(text: str, verb_at: int, start: int) -> int:
    """Where the list before a trailing verb begins: after （ ， 。 ； or a line break."""
    at = verb_at
    depth = 0
    while at > start:
        char = text[at - 1]
        if char in _SHUT:
            depth += 1
        elif char in _OPEN:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and char in "，,。；;：:\n":
            break
        at -= 1
    while at < verb_at and text[at] in " \t":
        at += 1
    opener = _rules().opener.match(text, at, verb_at)
    return opener.end() if opener else at


def _list_over_commas(doc: _Text, list_start: int, verb_at: int, floor: int) -> int:
    """A list before a trailing verb may run back over ，: "由市财政局、农业局，各县（市）、
    区人民政府负责落实", "区财政局等部门，区国投公司、各街道办事处配合". Each clause it takes
    in must be units only, and the clause after it too."""
    view = doc.view
    while True:
        comma = _previous_mark(view, list_start, floor)
        if comma < 0 or view[comma] not in "，,":
            return list_start
        earlier = _clause_start(view, comma, floor)
        if earlier >= comma or not _list_names(doc, earlier, verb_at, whole=True):
            return list_start
        list_start = earlier


def _previous_mark(view: str, at: int, floor: int) -> int:
    """The clause mark just before ``at`` (only an opener such as 由 or spaces between), or -1."""
    at -= 1
    while at >= floor and (view[at].isspace() or _rules().opener.fullmatch(view[at])):
        at -= 1
    return at if at >= floor and view[at] in _CLAUSE_MARKS else -1


def _list_names(doc: _Text, start: int, end: int, *, whole: bool = False) -> list[_Name]:
    """Split a list of units; stop at the first item that is not one.

    With ``whole``, every item must be a unit or nothing is returned (lists before verbs,
    where the words before may be ordinary prose).  Lists repeat across tasks, so the work
    is cached per distinct list text and gaps (no rule looks outside the list).
    """
    cuts = tuple(c - start for c in doc.cuts(start, end))
    piece = doc.text[start:end]
    if "\n" in piece:  # a cell broken over lines: 市\n发\n改\n委, 市财政局\n市商务局
        kept, cuts = _joined_lines(piece, cuts)
        found = _list_names_in("".join(piece[k] for k in kept), cuts, whole)
        return [
            _Name(kept[s] + start, kept[e - 1] + 1 + start, sep, role)
            for s, e, sep, role in found
        ]
    found = _list_names_in(piece, cuts, whole)
    return [_Name(s + start, e + start, sep, role) for s, e, sep, role in found]


def _lone_name(doc: _Text, field: Field) -> list[_Name]:
    """A unit field that holds one name the grammar does not know ("临平新城", "未来科技城
    (海创园)"): that name, when it reads as one (name characters, no stop word, no person)."""
    start, end = _trim(doc.view, field.start, field.end)
    piece = "".join(doc.text[start:end].split())
    main, _alias = names.split_alias(piece)
    if not main or names.person_like(main) or not names.name_like(main):
        return []
    return [_Name(start, end, "")]


def _joined_lines(piece: str, cuts: tuple[int, ...]) -> tuple[list[int], tuple[int, ...]]:
    """The positions of ``piece`` kept when its line breaks are removed, and the gaps of the
    joined text: the old ones and each removed break (a break between two whole names still
    parts them; one inside a name, a cell printed a few characters a line, does not)."""
    kept = [k for k, ch in enumerate(piece) if ch != "\n"]
    at = {k: n for n, k in enumerate(kept)}
    joined = {at[k] for k in cuts if k in at}
    joined |= {at[k + 1] for k, ch in enumerate(piece[:-1]) if ch == "\n" and k + 1 in at}
    return kept, tuple(sorted(c for c in joined if 0 < c < len(kept)))


@lru_cache(maxsize=8192)
def _list_names_in(text: str, cuts: tuple[int, ...], whole: bool) -> tuple[_Name, ...]:
    return tuple(_split_list(_Text(text, names.to_simplified(text), cuts), whole))


def _split_list(doc: _Text, whole: bool) -> list[_Name]:
    found: list[_Name] = []
    clause: list[int] = []  # names since the last ，/； (a verb ending a clause covers them)
    items = _items(doc.view, 0, len(doc.text))
    for i, (item_start, item_end, separator) in enumerate(items):
        if separator not in {"、", ""}:
            clause = []
        item_end = _item_note(doc.view, item_start, item_end)
        item_start, marked = _item_mark(doc.view, item_start, item_end)
        item_end, role = _item_role(doc.view, item_start, item_end)
        role = role or marked
        item_end, verb_role = _item_verb(doc.view, item_start, item_end)
        parts = _names_in_item(doc, item_start, item_end)
        if not parts and found and _between_names(doc, items, i):
            parts = [(item_start, item_end)]  # 市税务局、滁州海关、市人行: a name all the same
        if not parts and found and _distributed_kind(doc, found[-1], items[i]):
            parts = [(item_start, item_end)]  # 各乡镇人民政府、街道办事处: 各 covers both
        if not parts:
            if whole:
                return []
            break
        names_here = [
            _Name(s, e, separator if i == 0 else " ", role) for i, (s, e) in enumerate(parts)
        ]
        clause += range(len(found), len(found) + len(names_here))
        found += names_here
        if verb_role:  # 省直有关部门、各市人民政府按职责分工负责: the verb covers its clause
            for index in clause:
                found[index] = found[index]._replace(role=found[index].role or verb_role)
    return found


def _distributed_kind(doc: _Text, before: _Name, item: tuple[int, int, str]) -> bool:
    """A kind of body (街道办事处) right after a collective opened by 各, which covers it."""
    start, end, separator = item
    previous = doc.view[before.start : before.end]
    return (
        separator in _JOINED
        and previous.startswith("各")
        and names.is_collective(previous)
        and names.generic_name(doc.view[start:end].strip())
    )


def _item_note(view: str, start: int, end: int) -> int:
    """Cut a stated convention off an item: 市审计局（列第一位的为牵头单位，下同）."""
    m = _rules().note.search(view, start, end)
    return _trim(view, start, m.start())[1] if m and m.start() > start else end


def _between_names(doc: _Text, items: list[tuple[int, int, str]], i: int) -> bool:
    """An item that reads as a name and stands between names in a 、 list (the one before
    it already taken), alone or in a run of such items, is a name the grammar does not know."""
    for j in range(i, len(items)):  # a run of such items (经委、农办) up to a name
        item_start, item_end, separator = items[j]
        if separator != "、" or j + 1 >= len(items) or items[j + 1][2] != "、":
            return False
        if not names.name_like(doc.view[item_start:item_end]):
            return False
        after_start, after_end, _ = items[j + 1]
        after_end = _item_role(
            doc.view, after_start, _item_note(doc.view, after_start, after_end)
        )[0]
        if _names_in_item(doc, after_start, _item_verb(doc.view, after_start, after_end)[0]):
            return True
    return False


def _item_verb(view: str, start: int, end: int) -> tuple[int, str | None]:
    """A trailing verb inside a labelled list ("责任单位：省发展改革委牵头，…")."""
    m = _rules().verb_at_end.search(view, start, end)
    if m and m.start() > start:
        return _trim(view, start, m.start())[1], _rules().verb_roles[m.group("verb")]
    return end, None


def _item_mark(view: str, start: int, end: int) -> tuple[int, str | None]:
    """A mark before a name that gives its role ("★区发改委"): the name's start and that role."""
    for pattern, role in _rules().item_marks:
        m = pattern.match(view, start, end)
        if m and m.end() < end:
            return m.end(), role
    return start, None


def _item_role(view: str, start: int, end: int) -> tuple[int, str | None]:
    """A role printed after a name ("市发改委（牵头）", "市财政局（按职责分工负责）"): the
    name's end and that role."""
    for pattern, role in _rules().item_roles:
        m = pattern.search(view, start, end)
        if m:
            return _trim(view, start, m.start())[1], role
    m = _rules().verb_in_brackets.search(view, start, end)
    if m and m.start() > start:
        return _trim(view, start, m.start())[1], _rules().verb_roles[m.group("verb")]
    return end, None


def _items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """List items between separators that sit outside brackets, with the separator before."""
    items, depth, item_start, separator = [], 0, start, ""
    groups = names.collective_lists(text, start, end)
    for at in range(start, end):
        char = text[at]
        if groups and _inside(at, groups):
            continue
        if char in _OPEN:
            depth += 1
        elif char in _SHUT:
            depth = max(0, depth - 1)
        elif depth == 0 and _rules().separator.fullmatch(char):
            items.append((item_start, at, separator))
            item_start, separator = at + 1, char
    items.append((item_start, end, separator))
    trimmed = [(*_trim(text, s, e), sep) for s, e, sep in items]
    return [(s, e, sep) for s, e, sep in trimmed if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n。.":
        end -= 1
    tail = _rules().item_tail.search(text, start, end)
    if tail and tail.start() > start:
        return start, tail.start()
    for suffix in _rules().item_suffixes:
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            end -= len(suffix)
            break
    return start, end


def _names_in_item(doc: _Text, start: int, end: int) -> list[tuple[int, int]]:
    """One item as unit names: cells may hold several, separated by spaces in the source
    ("市财政局 市商务局") or printed together ("市发展改革委市商务局")."""
    cuts = doc.cuts(start, end)
    if not cuts:
        return _names_in_piece(doc.text, start, end)
    pieces = list(zip([start, *cuts], [*cuts, end], strict=True))
    by_piece = [_names_in_piece(doc.text, s, e) for s, e in pieces]
    if all(by_piece):
        return [n for found in by_piece for n in found]
    whole = _names_in_piece(doc.text, start, end)
    if whole:
        return whole
    # the units before a piece that names none: "市民政局 伍泽国" (a unit and its head)
    leading = list(itertools.takewhile(bool, by_piece))
    return [n for found in leading for n in found]


def _names_in_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    joined = _conjoined(text, start, end)
    if joined:
        return joined
    piece = text[start:end]
    cut = piece.find("各", 2)  # 县教体局各相关乡镇政府: the space before 各 lost (OCR)
    if cut > 0 and _unit_before_group(piece[:cut], piece[cut:]):
        return [(start, start + cut), *(_names_in_piece(text, start + cut, end))]
    if names.is_collective(piece) and not names.looks_like_agency(piece):
        return _group_parts(text, start, end) or [(start, end)]
    parts = _consecutive_names(text, start, end)
    if len(parts) > 1:
        return parts
    return [(start, end)] if names.looks_like_agency(piece) else parts


def _unit_before_group(before: str, after: str) -> bool:
    """A unit, then a group of places' bodies, not its own members (区政府各部门, 专班各部门:
    the departments of the body before)."""
    organ = names.split_prefix(before)[1] in names.tables().organs  # 区政府, not 县卫健委
    return (
        not organ
        and bool(_PLACE_LEVEL.search(after))
        and names.looks_like_agency(before)
        and names.is_collective(after)
        and not names.looks_like_agency(before + after)
    )


def _conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Units joined by a conjunction in one item ("统计局和市直相关单位", "市委和市政府"): a
    named unit before it, units or a group after it. A name holding the word (工业和信息化局)
    has no unit before it; groups joined so are split by _group_parts (国务院有关部门, 各地区)."""
    for m in _rules().conjunction.finditer(names.to_simplified(text[start:end])):
        left, right = start + m.start(), start + m.end()
        if left == start or right >= end:
            continue
        before = text[start:left]
        if not names.looks_like_agency(before) or names.is_collective(before):
            continue
        after = _names_in_piece(text, right, end)
        if after:
            return [(start, left), *after]
    return []


_PLACE_LEVEL = regex.compile(r"[省市州县区旗乡镇]|街道")  # 各相关乡镇政府 names places' bodies
_JOINED = ("、", " ")  # separators of names a 各 before them distributes over
_GROUP_PART_MIN = 3  # shortest part of a joined group item (有关部门和单位 stays whole)


def _group_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A group item that joins names and groups by 等, 和, 及: each part, when every part is
    a unit or a group of them ("省农业厅等省直有关部门和各市人民政府" → 省农业厅, 省直有关部门,
    各市人民政府; never 国务院 + 有关部门); else nothing. A part that is neither runs on
    over the next joint (工业和信息化部等有关部门)."""
    view = names.to_simplified(text[start:end])
    parts, at = [], 0
    for joint in _rules().group_joint.finditer(view):
        if joint.start() > at and _group_part(view[at : joint.start()]):
            parts.append((start + at, start + joint.start()))
            at = joint.end()
    while parts and not _group_part(view[at:]):
        at = parts.pop()[0] - start  # the tail is no part: the part before runs on over it
    return [*parts, (start + at, end)] if parts else []


def _group_part(part: str) -> bool:
    if len(part) < _GROUP_PART_MIN:
        return False
    return names.looks_like_agency(part) or names.is_collective(part)


def _consecutive_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, at = [], start
    while at < end:
        stop = names.agency_end(text, at, end)
        if stop is not None and not names.looks_like_agency(names.split_alias(text[at:stop])[0]):
            stop = None  # a fragment such as 有关部 of 有关部门
        if stop is None and names.is_collective(text[at:end]):
            parts.append((at, end))
            break
        if stop is None or stop <= at:
            return []
        parts.append((at, stop))
        at = stop
        while at < end and text[at] in " \t":
            at += 1
    return parts


def _after_lead(found: list[_Found]) -> list[_Found]:
    """"X负责" owns a task in a role left open; after a lead it is taking part:
    (由X牵头，会同Y负责落实) makes Y a participant."""
    if FieldKind.RESPONSIBLE not in {role for role, _, _ in found}:
        return found  # only a list read as responsible holds "X负责"
    verbs, lead, open_lists, open_items = _rules().verb_roles, False, [], False
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


def _demoted(item: _Name) -> _Name:
    return item._replace(role=FieldKind.PARTICIPANT) if item.role == FieldKind.RESPONSIBLE else item


def _responsible_lead(found: list[_Found]) -> list[_Found]:
    """Where the notice says 责任单位 lead when no lead is named: their lists lead."""
    if any(role == FieldKind.LEAD or _has_lead(items) for role, _, items in found):
        return found
    return [
        (FieldKind.LEAD if role == FieldKind.RESPONSIBLE else role, label, items)
        for role, label, items in found
    ]


def _has_lead(items: list[_Name]) -> bool:
    return any(item.role == FieldKind.LEAD for item in items)


def _first_listed_lead(found: list[_Found]) -> list[_Found]:
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


def _mentions(
    text: str, seq: int, found: list[tuple[str, str | None, list[_Name]]]
) -> list[AgencyMention]:
    mentions: list[AgencyMention] = []
    position = 0
    previous: tuple[str, str] | None = None  # (prefix, name) of the last name in the list
    for role, label, items in found:  # a list parted by roles (区发改局 | 、农业局) goes on
        distributing = False
        for item in items:
            mention = text[item.start : item.end]
            plain = "".join(mention.split())  # a name broken over lines reads whole
            collective = names.is_collective(plain)
            name, alias = names.split_alias(plain)
            prefix, _core = names.split_prefix(name)
            carried = None
            if item.separator == "、" and previous and not prefix and previous[0]:
                carried = previous[0]
            own_level = prefix in names.grammar().level_prefixes  # 各区、省粮食局: not shared
            if distributing and _core in names.tables().organs:
                own_level = False  # 各市（县）、区政府: the organ of every 区 too
            joined = item.separator in _JOINED  # 各县党委和人民政府: 人民政府 of every 县 too
            if joined and distributing and not collective and not own_level:
                collective = not names.known_core(_core) and names.generic_name(_core)
            distributing = (collective and mention.startswith("各")) or (
                distributing and joined and collective
            )
            position += 1
            mentions.append(
                AgencyMention(
                    seq, item.role or role, label, position, mention, item.start, item.end,
                    collective, carried, alias,
                )
            )
            previous = (prefix or carried or "", mention)
    return mentions


def _leaders(text: str, start: int, end: int, label: str | None, seq: int) -> list[Leader]:
    people = []
    for item_start, item_end, _ in _items(text, start, end):
        people.append(Leader(seq, label, text[item_start:item_end], item_start, item_end))
    return people
