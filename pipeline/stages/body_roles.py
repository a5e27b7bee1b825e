"""The roles a task's own text states: role labels ("牵头单位：X"), trailing role verbs
("X、Y牵头", "由Z负责", a list that may run back over commas) and bare brackets holding
only units ("…建设。（市商务局）"), each list split into the names the grammar accepts."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Leader
from pipeline.stages import agency_names as names
from pipeline.stages.mentions import compiled_mentions, included
from pipeline.stages.roles import convention_pattern, role_rules
from pipeline.stages.segment_rules import compiled as segment_rules
from pipeline.stages.unit_lists import (
    OPEN,
    SHUT,
    DocText,
    ListName,
    in_spans,
    list_items,
    list_names,
    role_syntax,
)

Found = tuple[str, str | None, list[ListName]]  # role, label as printed, names


def body_roles(
    doc: DocText, start: int, end: int, seq: int, skip: Sequence[tuple[int, int]] = ()
) -> tuple[list[Found], list[Leader]]:
    rules, text, view = role_syntax(), doc.text, doc.view
    found: list[tuple[int, str, str | None, list[ListName]]] = []
    leaders: list[Leader] = []
    labelled: list[tuple[int, int]] = list(skip)
    for m in rules.label.finditer(view, start, end):
        if in_spans(m.start(), labelled):
            continue
        label = text[m.start("label") : m.end("label")]
        role = rules.label_roles[m.group("label")]
        list_end = _list_end(view, m.end(), end)
        labelled.append((m.start(), list_end))
        if role == FieldKind.LEADER:
            leaders += leaders_listed(text, m.end(), list_end, label, seq)
            continue
        listed = list_names(doc, m.end(), list_end)
        if not listed and m.group("persons"):  # 责任单位和责任人:省劳动和社会保障厅秦玉德
            people_label = m.group("persons").lstrip(names.BODY_JOINERS + "、")
            listed, people = _units_with_people(doc, m.end(), list_end, seq, people_label)
            leaders += people
        found.append((m.start(), role, label, listed))
    after_verb = start  # a list never runs back over the verb before it: X牵头会同Y负责
    for m in rules.verb.finditer(view, start, end):
        if in_spans(m.start(), labelled):
            continue
        list_start = _clause_start(view, m.start(), after_verb)
        list_start = _list_over_commas(doc, list_start, m.start(), after_verb)
        after_verb = m.end()
        opened = rules.opened_verb.fullmatch(m.group("verb"))
        if opened and not _opened(view, list_start, m.start()):
            continue  # 发挥其作为…载体的作用: no opener and name begin the list
        items = list_names(doc, list_start, m.start(), whole=True)
        if items:
            role = rules.verb_roles[m.group("verb")]
            found.append((list_start, role, text[m.start() : m.end()], items))
            labelled.append((list_start, m.end()))
    found += _bare_brackets(doc, start, end, labelled)
    found += _partners(doc, start, end, labelled)
    found.sort(key=lambda f: f[0])
    return [(role, label, items) for _, role, label, items in found], leaders


_PERSON = regex.compile(r"\s*\p{Han}{2,3}\s*")  # a person's name as notices print it


def _units_with_people(
    doc: DocText, start: int, end: int, seq: int, label: str
) -> tuple[list[ListName], list[Leader]]:
    """Items of a list labelled for units and their heads (责任单位和责任人:) that print the
    head's name right after the unit's ("省劳动和社会保障厅秦玉德"): the units, the people."""
    units: list[ListName] = []
    people: list[Leader] = []
    for item_start, item_end, separator in list_items(doc.view, start, end):
        at = names.agency_end(doc.view, item_start, item_end)
        if at is None or not _PERSON.fullmatch(doc.view, at, item_end):
            return [], []
        units.append(ListName(item_start, at, separator))
        name = doc.text[at:item_end].strip()
        name_at = doc.text.index(name, at)
        people.append(Leader(seq, label, name, name_at, name_at + len(name)))
    return units, people


def _opened(view: str, start: int, end: int) -> bool:
    """A list opener stands right before ``start`` and a unit's name begins the list there
    (发挥工会、共青团…, the opener read off by _clause_start)."""
    return view.endswith(tuple(role_rules().list_openers), 0, start) and (
        names.agency_end(view, start, end) is not None
    )


def _partners(
    doc: DocText, start: int, end: int, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, str, str | None, list[ListName]]]:
    """Units a partner verb names inside the duties ("负责会同民政部门清理…", "联合公安机关
    开展…"): the names right after it, then words of their own; these units take part."""
    found = []
    for m in role_syntax().partner.finditer(doc.view, start, end):
        if in_spans(m.start(), taken) or in_spans(m.end(), taken):
            continue
        stop = _names_run_end(doc.view, m.end(), end)
        if stop is None:
            continue
        items = list_names(doc, m.end(), stop, whole=True)
        if not items:
            continue
        found.append((m.start(), FieldKind.PARTICIPANT, m.group(), items))
        subject = _partner_subject(doc, m.start(), start, taken)
        if subject:  # 请内政部会同法务部研议…, 市商务局:会同市发改委…: the subject owns it
            role = FieldKind.LEAD if m.group() in role_rules().leading_conjunctions else None
            found.append((subject[0].start, role or FieldKind.RESPONSIBLE, m.group(), subject))
    return found


def _partner_subject(
    doc: DocText, verb_at: int, floor: int, taken: Sequence[tuple[int, int]]
) -> list[ListName]:
    """The units a partner verb's clause opens on ("内政部会同…", "市商务局：会同…"), or none."""
    view, at = doc.view, verb_at
    while at > floor and view[at - 1] in " \t":
        at -= 1
    if at > floor and view[at - 1] in "：:，,":
        at -= 1  # a label or a comma between the subject and the verb
    begin = _clause_start(view, at, floor)
    if begin >= at or in_spans(begin, taken) or in_spans(at - 1, taken):
        return []
    return list_names(doc, begin, at, whole=True)


def _names_run_end(view: str, at: int, end: int) -> int | None:
    """The end of the unit names joined from ``at`` (X、Y和Z), or None when no name opens."""
    last = None
    while at < end:
        stop = names.agency_end(view, at, end)
        if stop is None or not _partner_name(view, at, stop):
            break
        last = stop
        join = role_syntax().conjunction.match(view, stop, end)
        if stop < end and view[stop] == "、":
            at = stop + 1
        elif join:
            at = join.end()
        elif _known_next(view, stop, end):
            at = stop  # 中央农办农业部: known names whose 、 OCR lost
        else:
            break
    return last


def _partner_name(view: str, start: int, end: int) -> bool:
    """A name after a partner verb, read by the grammar alone: no verb opening it (协助指导
    城市人民政府) and no joiner inside unless the gazetteer knows it whole (街道和社区做好:
    the grammar ran on into the work)."""
    name = view[start:end]
    if compiled_mentions().assigns.match(view, start, end) or not names.looks_like_agency(name):
        return False
    return names.known_name(name) or not any(char in names.BODY_JOINERS for char in name)


def _known_next(view: str, at: int, end: int) -> bool:
    following = names.agency_end(view, at, end)
    return following is not None and names.known_name(view[at:following])


# brackets a list may stand in or hold: （X牵头）, 〔X牵头〕, 各县〔市、区〕政府


_BRACKET = regex.compile(
    r"[（(](?P<inner>(?:[^（）()\n]|[（(][^（）()\n]{1,8}[)）]){2,80})[)）]"
)  # 各市（县）inside


_CLAUSE_MARKS = "。；;，,：:\n"


_CLOSERS = ("", *_CLAUSE_MARKS)  # what may follow a bare bracket: the end or a clause mark


def _bare_brackets(
    doc: DocText, start: int, end: int, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, str, str | None, list[ListName]]]:
    """Brackets that hold only unit names, standing after a clause ("…建设。（市商务局）",
    "…建设（市交通局、公安局）。"): these units own the task, in a role left open."""
    found = []
    for m in _BRACKET.finditer(doc.view, start, end):
        inner_end = _before_convention(doc.view, m.start("inner"), m.end("inner"))
        if in_spans(m.start(), taken) or in_spans(inner_end - 1, taken):
            continue
        closes = _next_char(doc.view, m.end(), end) in _CLOSERS
        if not closes and _previous_char(doc.view, m.start(), start) not in _CLAUSE_MARKS:
            continue
        inner = doc.view[m.start("inner") : inner_end]
        if role_syntax().verb.search(inner) or role_syntax().label.search(inner):
            continue  # an assignment with role words, read by the verbs and labels
        if included(doc.view, m.start("inner"), inner_end):
            continue  # 298个村(含小东镇): what a count includes, no unit owning the task
        items = list_names(doc, m.start("inner"), inner_end, whole=True)
        if items and not names.name_ends_at(doc.view, m.start()):
            found.append((m.start(), FieldKind.RESPONSIBLE, None, items))
    return found


def _before_convention(view: str, start: int, end: int) -> int:
    """Where a bracket's units end before the convention stated after them in it ("财政厅、
    教育厅。列在首位的为牵头部门,…下同"): at the sentence's end before the statement."""
    stop = _SENTENCE_STOP.search(view, start, end)
    if stop and convention_pattern().search(view, stop.end(), end):
        return stop.start()
    return end


_SENTENCE_STOP = regex.compile(r"[。；;]")


def _next_char(text: str, at: int, end: int) -> str:
    """The first non-space character in ``text[at:end]`` ("" at the end)."""
    while at < end and text[at].isspace():
        at += 1
    return text[at] if at < end else ""


def _previous_char(text: str, at: int, start: int) -> str:
    while at > start and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > start else "-"


def _list_end(text: str, start: int, end: int) -> int:
    """A labelled list runs to the end of its clause: 。；, a line break or a closing bracket
    that closes a bracket opened before the list."""
    depth, stop = 0, end
    for at in range(start, end):
        char = text[at]
        if char in OPEN:
            depth += 1
        elif char in SHUT:
            if depth == 0:
                stop = at
                break
            depth -= 1
        elif char in "。；;\n" and depth == 0:
            if char in "；;" and _list_goes_on(text, at + 1, end):
                continue  # 市广播电视局;市档案局、…: a ; between names of one list
            stop = at
            break
    label = role_syntax().label.search(text, start, stop)
    stop = label.start() if label else stop
    field = _field_label().search(text, start, stop)  # 责任单位:莲塘镇任务目标:… (run on)
    return field.start() if field else stop


def _list_goes_on(text: str, at: int, end: int) -> bool:
    """After a ; in a labelled list: a unit name the grammar reads, then a list separator,
    and no role label (责任单位:…) opening there."""
    if role_syntax().label.match(text, at, end):
        return False
    stop = names.agency_end(text, at, end)
    if stop is None or not names.looks_like_agency(text[at:stop]):
        return False
    return stop < end and text[stop] in "、，,"


@cache
def _field_label() -> regex.Pattern:
    """A column name and its colon: the label of the next field, run on after a list."""
    return regex.compile(f"(?:{segment_rules().column_any.pattern})\\s*[:：]")


def _clause_start(text: str, verb_at: int, start: int) -> int:
    """Where the list before a trailing verb begins: after （ ， 。 ； or a line break."""
    at = verb_at
    depth = 0
    while at > start:
        char = text[at - 1]
        if char in SHUT:
            depth += 1
        elif char in OPEN:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and char in "，,。；;：:\n":
            break
        at -= 1
    while at < verb_at and text[at] in " \t":
        at += 1
    opener = role_syntax().opener.match(text, at, verb_at)
    return opener.end() if opener else at


def _list_over_commas(doc: DocText, list_start: int, verb_at: int, floor: int) -> int:
    """A list before a trailing verb may run back over ，: "由市财政局、农业局，各县（市）、
    区人民政府负责落实", "区财政局等部门，区国投公司、各街道办事处配合". Each clause it takes
    in must be units only, and the clause after it too."""
    view = doc.view
    while True:
        comma = _previous_mark(view, list_start, floor)
        if comma < 0 or view[comma] not in "，,":
            return list_start
        earlier = _clause_start(view, comma, floor)
        if earlier >= comma or not list_names(doc, earlier, verb_at, whole=True):
            return list_start
        list_start = earlier


def _previous_mark(view: str, at: int, floor: int) -> int:
    """The clause mark just before ``at`` (only an opener such as 由 or spaces between), or -1."""
    at -= 1
    while at >= floor and (view[at].isspace() or role_syntax().opener.fullmatch(view[at])):
        at -= 1
    return at if at >= floor and view[at] in _CLAUSE_MARKS else -1


def leaders_listed(text: str, start: int, end: int, label: str | None, seq: int) -> list[Leader]:
    people = []
    for item_start, item_end, _ in list_items(text, start, end):
        people.append(Leader(seq, label, text[item_start:item_end], item_start, item_end))
    return people
