"""Readings of a notice with no numbering, label or table, tried in turn when the outline
finds no task (each flagged with a warning): paragraphs each closed by their assignment
bracket, points of a paragraph each closed by a bracket of units, paragraphs each saying who
does their work (该项目由X负责), points counted in sentences (一是…二是…), sentences led by
the units they assign."""

from __future__ import annotations

from functools import cache

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field, TaskSegment
from pipeline.stages.agency_names import name_ends_at, unit_list
from pipeline.stages.mentions import leads_after, mention_rules, subject_starts
from pipeline.stages.numbers import outline_value
from pipeline.stages.roles import role_label_re, trailing_verb_alternation
from pipeline.stages.segment_clauses import unit_line_drafts
from pipeline.stages.segment_drafts import Draft, draft, lstrip_ws, rstrip_ws
from pipeline.stages.segment_markers import units_heading
from pipeline.stages.segment_rules import compiled, numbering_pattern, squash, text_lines

_FALLBACK_TASKS_MIN = 2  # tasks a fallback reading must find to be believed


def closed_paragraph_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no numbering whose paragraphs each end with the bracket or the label
    assigning them ("…围墙多处破损。(责任单位:市国土局,责任人:张三)", a photo's caption
    "图①:…没有公益广告。责任单位:县交通局。"): a task per such paragraph."""
    closing = compiled().assignment
    drafts = []
    for s, e in text_lines(view, start, end):
        s, e = lstrip_ws(view, s, e), rstrip_ws(view, s, e)
        found = list(closing.finditer(view, s, e))
        if (found and found[-1].end() == e and found[-1].start() > s) or _closing_label(view, s, e):
            caption = _CAPTION.match(view, s, e)
            body = lstrip_ws(view, caption.end(), e) if caption else s
            drafts.append(draft(view, caption and caption["number"], None, s, e, body, ()))
    if len(drafts) < _FALLBACK_TASKS_MIN:
        return []
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


def _closing_label(view: str, start: int, end: int) -> bool:
    """The paragraph's last sentence is a role label and its units ("。责任单位:县交通局。")."""
    stop = end - 1 if view[end - 1 : end] in ("。", "；", ";") else end
    mark = max(view.rfind(m, start, stop) for m in "。；;")
    if mark <= start:
        return False
    label = role_label_re().match(view, lstrip_ws(view, mark + 1, stop), stop)
    return bool(label) and label.end() < stop and stop - label.end() <= _LABEL_UNITS_MAX


_LABEL_UNITS_MAX = 60
_CAPTION = regex.compile(r"(?:图|照片)\s*(?P<number>[①-⑳]|\d{1,2})\s*[:：]")


_UNIT_BRACKET = regex.compile(r"[（(](?P<inner>[^（）()\n]{2,60})[)）]")
_FIRST_OPENERS = "：:。"
_POINT_SEPARATORS = "；;，,。、"


def bracketed_clause_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no numbering that lists its points in a paragraph, each closed by a
    bracket of the units it falls to ("抽查发现：南外街白色垃圾较多（牌楼居委会）；金山市场内
    垃圾较多（金山市场管理所）；…"): a task per point, from the punctuation after the bracket
    before it (or the colon or full stop before the first) to its own bracket."""
    drafts = []
    for s, e in text_lines(view, start, end):
        at = None  # where the point after the last bracket opens
        for m in _UNIT_BRACKET.finditer(view, s, e):
            assigned = compiled().assignment.fullmatch(view, m.start(), m.end())
            if not unit_list(m["inner"]) and not assigned:  # (X、Y) or (X负责，Z配合)
                continue
            if not assigned and name_ends_at(view, m.start()):
                continue  # a name's alias: 秘书处(组织人事处), 区人民政府(管委会)
            if at is None:  # the first point: after the line's last colon or full stop
                at = max(s - 1, *(view.rfind(c, s, m.start()) for c in _FIRST_OPENERS)) + 1
            first = lstrip_ws(view, at, m.start())
            while first < m.start() and view[first] in _POINT_SEPARATORS:
                first = lstrip_ws(view, first + 1, m.start())
            if first >= m.start() and not drafts:  # sentences closed by the first bracket:
                first = _after_note(view, s, m.start())  # the point runs from the line's start
            if first < m.start():  # a point counted in the text (一是…) keeps its count
                counted = compiled().enumerator.match(view, first, m.start())
                body = counted.end() if counted else first
                number = counted.group(0) if counted else None
                drafts.append(draft(view, number, None, first, m.end(), body, ()))
            at = m.end()
    if len(drafts) < _BRACKETED_CLAUSES_MIN:
        return []
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


_BRACKETED_CLAUSES_MIN = 3
_COPY_NOTE = regex.compile(r"\s*[\[【〔][^\]】〕]{1,8}[\]】〕]\s*")  # [接上页]


def _after_note(view: str, start: int, end: int) -> int:
    """The line's start, past a copy's note ([接上页])."""
    m = _COPY_NOTE.match(view, start, end)
    return lstrip_ws(view, m.end() if m else start, end)


def self_attributed(view: str, start: int, end: int) -> bool:
    """A paragraph ``view[start:end]`` saying who does its work in a sentence of its own,
    after its first (…。该项目由市民政局负责)."""
    found = attribution().search(view, start, end)
    return found is not None and found.start() > start


def attributed_paragraph_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no numbering whose paragraphs each say who does their work in a
    sentence of their own ("…第四季度全部完成。该项目由市民政局、市残联负责;…"): a task
    per such paragraph."""
    drafts = []
    for s, e in text_lines(view, start, end):
        s, e = lstrip_ws(view, s, e), rstrip_ws(view, s, e)
        if not self_attributed(view, s, e):
            continue
        counted = compiled().enumerator.search(view, s, e)  # 一是…由X牵头: read as points
        sentences = [] if counted else _attributed_sentences(view, s, e)
        if len(sentences) < _FALLBACK_TASKS_MIN:
            sentences = [(s, e)]
        drafts += [draft(view, None, None, a, b, a, ()) for a, b in sentences]
    if len(drafts) < _FALLBACK_TASKS_MIN:
        return []
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


def _attributed_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a paragraph that each say who does their work ("…方面,分工方案明确,
    由X、Y分别负责,建成…。由Z牵头,W负责,加快…。"): each from its attributing clause to the
    next such sentence; the sentences between run on with the one before."""
    begins = []
    at = start
    for m in _SENTENCE_END.finditer(view, start, end + 1):
        found = _ATTRIBUTING.search(view, at, m.start())
        if found and _role_words().search(view, found.start(), m.start()):
            begins.append(_role_clause(view, at, found.start()))
        at = m.end()
    ends = [rstrip_ws(view, a, b) for a, b in zip(begins, [*begins[1:], end], strict=True)]
    return [part for a, b in zip(begins, ends, strict=True) for part in _unit_clauses(view, a, b)]


def _unit_clauses(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence whose comma clauses each open on the units doing their part ("…水源地,由
    道里区政府负责整治…,松北区政府负责整治…,市住建委、市城管局负责整治…"): a span from
    each such clause to the comma before the next; the whole sentence where fewer than
    three clauses do (the sentence's own opening counts as one)."""
    begins, stops = [start], []
    for m in _CLAUSE_OPENING.finditer(view, start, end):
        clause = m.end()
        if clause <= begins[-1]:
            continue
        verb = _unit_clause().match(view, clause, end)
        if (verb and unit_list(verb.group("units"))) or _subject_clause(view, clause, end):
            begins.append(clause)
            stops.append(m.start())
    if len(begins) < _UNIT_CLAUSES_MIN:
        return [(start, end)]
    return list(zip(begins, [*stops, end], strict=True))


_UNIT_CLAUSES_MIN = 3


_CLAUSE_OPENING = regex.compile(r"[，,]+\s*")


def _subject_clause(view: str, start: int, end: int) -> bool:
    """The clause opens on units that it assigns work (文旅部门重点排查…, 市教育局要…)."""
    comma = _CLAUSE_OPENING.search(view, start, end)
    stop = comma.start() if comma else end
    return subject_starts(view, start, stop)[:1] == [start]


@cache
def _unit_clause(by: str = "(?:由)?") -> regex.Pattern:
    """A clause opening on units and their role verb (由X负责, Y、Z牵头); ``by``: what
    stands before the units (由 required: "由")."""
    verbs = trailing_verb_alternation()
    return regex.compile(rf"{by}(?P<units>[^，,。；;\n]{{2,30}}?)(?:{verbs})")


_SENTENCE_END = regex.compile(r"[。；;]|$")
_ATTRIBUTING = regex.compile(r"由(?=[^。；;\n]{2,60})")


@cache
def attribution() -> regex.Pattern:
    """A sentence that opens with 由 (该项目由, 此项工作由) and closes on a role verb (not one
    naming a group's members: 由X、Y组成)."""
    verbs = trailing_verb_alternation(attributing=True)
    subject = mention_rules().attributed_subject
    return regex.compile(
        rf"[。；;]\s*(?:{subject})?由[^。；;\n]{{2,60}}?(?:{verbs})(?=[。；;，,]|$)"
    )


def assigned_line_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no numbering whose paragraphs each say somewhere who does their work
    (a news report of an inspection: "…该项整治由市住建局负责。", "华声小区的责任单位是市人社
    局,…", "…应由市交警支队负责整治。"): a task per such paragraph, three at least."""
    drafts = []
    for s, e in text_lines(view, start, end):
        s, e = lstrip_ws(view, s, e), rstrip_ws(view, s, e)
        if e - s > _ASSIGNED_LINE_MAX:
            continue
        if role_label_re().search(view, s, e) or _by_unit().search(view, s, e):
            drafts.append(draft(view, None, None, s, e, s, ()))
    if len(drafts) < _ASSIGNED_LINES_MIN:
        return []
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


def quoted_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A report quoting the tasks it reports on, each with its unit ("市发改委牵头的第1项“地区
    生产总值增长6.5%以上”", "“新开工提标加固海塘18.4公里”(市水利局)"): a task per quote,
    titled by it, two at least."""
    drafts = quoted_drafts(view, start, end)
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


def quoted_drafts(view: str, start: int, end: int) -> list[Draft]:
    """The tasks quoted in ``view[start:end]`` with their units (quoted_tasks)."""
    if "的第" not in view[start:end] and "”" not in view[start:end]:
        return []  # no task cited by number, no quote: decided before any pattern runs
    drafts = []
    bracketed = [  # “…”(市水利局): a bracket of units only
        m for m in _quoted_bracket().finditer(view, start, end) if unit_list(m["units"])
    ]
    for m in sorted([*_quoted_task().finditer(view, start, end), *bracketed], key=_start):
        drafts.append(_quoted_draft(view, m, end))
    drafts = drafts or _cited_drafts(view, start, end)
    return drafts if len(drafts) >= mention_rules().subject_tasks.min_sentences else []


def _quoted_draft(view: str, m: regex.Match[str], end: int) -> Draft:
    """A quoted task: titled by its quote, its unit leading it where 牵头 says so; a task
    cited by number runs to its clause's end (its progress), a bracketed one ends there."""
    verb = m.groupdict().get("verb")
    kind = FieldKind.LEAD if verb == "牵头" else FieldKind.EITHER
    fields = (Field(FieldKind.BODY, *m.span("title")), Field(kind, *m.span("units"), verb))
    number = m.groupdict().get("number")
    if number is None:  # “新开工提标加固海塘18.4公里”(市水利局)
        return draft(view, None, None, m.start(), m.end(), m.start("title"), fields)
    stop = _CLAUSE_END.search(view, m.end(), end)
    task_end = rstrip_ws(view, m.start(), stop.start() if stop else end)
    label = str(outline_value(number))
    return draft(view, label, None, m.start(), task_end, m.start("title"), fields)


def _cited_drafts(view: str, start: int, end: int) -> list[Draft]:
    """Tasks cited by their number after their unit, a copy having lost the quotes ("市发改委
    牵头的第1地区生产总值增长6.5%以上,三季度增长5.5%,第2固定资产投资增长8%以上…；"): each
    number of the unit's clause a task, titled up to its first comma or the period reported."""
    drafts = []
    for lead in _cited_lead().finditer(view, start, end):
        stop = _CLAUSE_END.search(view, lead.end(), end)
        run_end = stop.start() if stop else end
        cited = list(_cited().finditer(view, lead.start("first"), run_end))
        for m, following in zip(cited, [*cited[1:], None], strict=True):
            fields = (
                Field(FieldKind.BODY, *m.span("title")),
                Field(FieldKind.LEAD, *lead.span("units"), lead["verb"]),
            )
            task_end = rstrip_ws(view, m.start(), following.start() if following else run_end)
            start_at = lead.start() if m.start() == lead.start("first") else m.start()
            number = str(outline_value(m["number"]))
            drafts.append(draft(view, number, None, start_at, task_end, m.start("title"), fields))
    return drafts


# The units a report names before the tasks they lead (市发改委牵头的第1项…), in one clause.
_UNITS_BEFORE = r"(?P<units>[^，,。；;：:“”\n]{2,40}?)"


@cache
def _cited_lead() -> regex.Pattern[str]:
    return regex.compile(
        rf"{_UNITS_BEFORE}(?P<verb>牵头)的(?P<first>第)(?=\d{{1,3}}项?[^\d])"
    )


@cache
def _cited() -> regex.Pattern[str]:
    return regex.compile(
        r"第(?P<number>\d{1,3})项?(?P<title>[^，,。；;“”\"\n]{4,60}?)[”\"]?"
        r"(?=[，,；;。]|$|[1１一]\s*[-—~至]\s*\d{1,2}\s*月|[一二三四]季度)"
    )


@cache
def _quoted_task() -> regex.Pattern[str]:
    return regex.compile(
        rf"{_UNITS_BEFORE}(?P<verb>牵头|负责|承办)的第"
        r"(?P<number>\d{1,3}|[一二三四五六七八九十百]{1,4})项(?:工作|任务)?"
        r"[“\"](?P<title>[^”\"\n]{2,120})[”\"]"
    )


@cache
def _quoted_bracket() -> regex.Pattern[str]:
    """A quoted task closed by a bracket holding only its units: “…”(市水利局)."""
    return regex.compile(
        r"[“](?P<title>[^“”\n]{2,120})[”]\s*[（(](?P<units>[^（）()\n]{2,40})[)）]"
    )


def _start(m: regex.Match[str]) -> int:
    return m.start()


_CLAUSE_END = regex.compile(r"[；;。\n]")


def unit_heading_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """Units' lines over their duties, one a line in turn ("民政局" then "负责对…救助。" then
    "公安局" then "指导…处置。": a two-column table of units and duties copied a cell a line):
    a task per unit and the line under it, three at least in a row."""
    lines = [(s, e) for s, e in text_lines(view, start, end) if rstrip_ws(view, s, e) > s]
    best: list[Draft] = []
    run: list[Draft] = []
    k = 0
    while k < len(lines):
        unit = units_heading(view, *lines[k]) if k + 1 < len(lines) else None
        duties = lines[k + 1] if unit else None
        if unit and duties and units_heading(view, *duties) is None:
            last = _duties_end(view, lines, k + 1)  # a paragraph or two more before the next unit
            s, e = lstrip_ws(view, *duties), rstrip_ws(view, *lines[last])
            role = FieldKind.LEAD if leads_after(view, s) else FieldKind.EITHER  # 牵头负责…
            fields = (Field(FieldKind.BODY, s, e), Field(role, *unit))
            run.append(draft(view, None, None, unit[0], e, s, fields))  # the unit's line on
            k = last + 1
            continue
        best, run = max(best, run, key=len), []
        k += 1
    best = max(best, run, key=len)
    if len(best) < _ASSIGNED_LINES_MIN:
        return []
    return [TaskSegment(i, *d) for i, d in enumerate(best, 1)]


_MORE_DUTY_LINES = 2  # duty lines after the first that may stand before the next unit's line


def _duties_end(view: str, lines: list[tuple[int, int]], first: int) -> int:
    """The last line of a unit's duties that begin on line ``first``: the line before the
    next unit's line when a few more duty lines stand before it, else ``first`` (what follows
    the last unit is the notice's own text)."""
    for j in range(first + 1, min(first + 2 + _MORE_DUTY_LINES, len(lines))):
        if units_heading(view, *lines[j]) is not None:
            return j - 1
    return first


_ASSIGNED_LINE_MAX = 300  # a paragraph of a report, not a whole text run together
_ASSIGNED_LINES_MIN = 3


def _by_unit() -> regex.Pattern:
    """由 and the units that do the work, then their role verb (由市交警支队负责)."""
    return _unit_clause("由")


def enumerated_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no numbering that counts its points in its sentences ("…指出:一是共享
    单车管理工作。区交运局牵头,…。二是…"): a task per point, to the next point or the end
    of its paragraph (rules/segment.yaml: enumerator)."""
    found = [
        m
        for m in compiled().enumerator.finditer(view, start, end)
        if m.start() == start or view[m.start() - 1] in _ENUMERATION_OPENERS
    ]
    points, expected = [], 1
    for k, m in enumerate(found):
        value = outline_value(m.group("value")) or 0
        if value in (expected, expected - 1):  # a point printed twice keeps its number
            points.append(m)
            expected = value + 1
        elif points and _value(found, k + 1) == expected:  # misnumbered (一要…四要, 二要, 五要):
            points.append(m)  # the next point goes on from the one before it
    if len(points) < _FALLBACK_TASKS_MIN or _concerns_before_units(view, points[-1].end(), end):
        return []
    drafts = []
    for m, following in zip(points, [*(p.start() for p in points[1:]), end], strict=True):
        line_end = view.find("\n", m.end(), following)
        task_end = rstrip_ws(view, m.start(), following if line_end < 0 else line_end)
        label = squash(m.group(0)).rstrip("，,、:：")  # 第一， → 第一
        drafts.append(draft(view, label, None, m.start(), task_end, m.end(), ()))
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


_ENUMERATION_OPENERS = "。；;：:，,\n"


def _value(found: list[regex.Match[str]], k: int) -> int | None:
    return outline_value(found[k].group("value")) if k < len(found) else None


def _concerns_before_units(view: str, last: int, end: int) -> bool:
    """Points counted in one sentence ("…三个忧患意识,一是…;二是…;三是…。") that sentences
    led by units follow ("林业部门要…;供销联社、农机总站要…"): the points are concerns, the
    unit sentences the tasks (subject_tasks reads them)."""
    line_end = view.find("\n", last, end)
    closed = view.find("。", last, end if line_end < 0 else line_end)
    if closed < 0:
        return False
    subjects = subject_starts(view, last, end)
    return len(subjects) >= mention_rules().subject_tasks.min_sentences and all(
        at > closed for at in subjects
    )


def unit_line_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no other task structure that divides duties line by line, or paragraph
    by paragraph run together ("省公安厅：调派警力…。 省民政厅：负责…"): a task each."""
    return [TaskSegment(i, *d) for i, d in enumerate(unit_line_drafts(view, start, end), 1)]


def subject_tasks(view: str, start: int, end: int) -> list[TaskSegment]:
    """A notice with no other task structure whose sentences each assign work to the units
    that open them: a task per such sentence, running on over the sentences after it that
    name no subject, to the end of its paragraph (rules/mentions.yaml: subject_tasks)."""
    starts = subject_starts(view, start, end)
    if not starts:
        return []
    marks = mention_rules().subject_tasks.sentence_marks
    begins = []  # each task from the first clause of its sentence naming a role, if any
    for at in starts:  # before its subject's ("九重区域环境整治由王光玲牵头,九重镇落实;")
        floor = begins[-1] + 1 if begins else start
        mark = max((view.rfind(m, floor, at) for m in marks), default=-1)
        begin = _role_clause(view, max(mark + 1, floor), at) if at >= floor else floor
        begins.append(_lead_phrase(view, floor, begin))
    drafts = []
    for at, following in zip(begins, [*begins[1:], end], strict=True):
        line_end = view.find("\n", at, following)
        task_end = rstrip_ws(view, at, following if line_end < 0 else line_end)
        heading = _run_on_heading().search(view, at, task_end)  # …规划。 (七)严格目标考核。
        task_end = rstrip_ws(view, at, heading.start()) if heading else task_end
        for a, b in _unit_clauses(view, at, task_end):
            drafts.append(draft(view, None, None, a, b, a, ()))
    if len(drafts) < mention_rules().subject_tasks.min_sentences:
        return []  # one sentence, one clause: no division of work
    return [TaskSegment(i, *d) for i, d in enumerate(drafts, 1)]


_CLAUSE_MARKS = regex.compile(r"[，,：:]")


# A numbered heading run on after a sentence on the same line: the task before it ends there.
@cache
def _run_on_heading() -> regex.Pattern[str]:
    """A section's number run on after a sentence: …规划。 (七)严格目标考核。"""
    return regex.compile(rf"(?<=[。；;])\s*(?:{numbering_pattern('paren_chinese')})")


_LEAD_PHRASE_MAX = 20  # a paragraph's opening phrase (聚焦“幸福民生”。) is this short at most


def _lead_phrase(view: str, floor: int, begin: int) -> int:
    """Where a task that begins at ``begin`` starts: at its line's start when a short phrase
    of one sentence opens the line before it (聚焦“幸福民生”。由镇公路站负责的…), else at
    ``begin``."""
    line_start = view.rfind("\n", 0, begin) + 1
    if line_start < floor:
        return begin  # an earlier task stands on the line
    opening = view[line_start:begin].strip()
    if not opening or len(opening) > _LEAD_PHRASE_MAX or opening[-1] not in "。！!":
        return begin
    if opening[0] in "[【〔" or any(s.line_start.match(opening) for s in compiled().styles):
        return begin  # a numbered heading ("(二)明确职责分工。"), a copy's note ([接上页])
    return line_start if opening[:-1].count("。") == 0 else begin


def _role_clause(view: str, start: int, at: int) -> int:
    """The first clause in [start, at) that names a role (由…, …牵头) or what the work is
    about (关于…问题): the task starts there; else at ``at``, the subject's clause ("曲道凯要求,
    由县发改局牵头,…")."""
    clause = lstrip_ws(view, start, at)
    topics = mention_rules().subject_tasks.topic_openers
    for m in [*_CLAUSE_MARKS.finditer(view, start, at), None]:
        stop = m.start() if m else at
        if _role_words().search(view, clause, stop) or view.startswith(topics, clause, stop):
            return clause  # (or a clause naming what the work is about: 关于…问题,由X负责)
        clause = lstrip_ws(view, m.end(), at) if m else at
    return at


@cache
def _role_words() -> regex.Pattern:
    return regex.compile(trailing_verb_alternation())
