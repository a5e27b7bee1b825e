"""Agency mentions in prose: the units a task names without a role word.

"由市民政局会同市财政局研究提出意见", "市教育局要加快…", "（省教育厅配合省委有关部门落实）": extract
reads role labels, verbs and columns; a task where none of them names a unit comes here. A
mention counts only where it is the subject of a clause: at the clause's start (after 由, 请),
joined to the next unit (会同, 、, 配合), and followed by what assigns the work (要, 负责, or a
word jieba tags as a verb), never by 同意, 批准, 的 ("经市政府同意" names no unit). Names are
found by the agency grammar and gazetteer and by the spaCy/jieba organization Matcher
(``pipeline.stages.nlp``), so a body the gazetteer lacks is still found. The notice assigns
these units without saying who leads: their role is ``responsible`` (either role), unless a
word ranks them (X会同Y: X leads, Y takes part). Before them, the units a heading or the title
names are read (``mention_headings``).

This module owns ``rules/mentions.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import TYPE_CHECKING

import regex
from pydantic import Field as PydanticField

from pipeline.catalog import FieldKind, Role
from pipeline.records import AgencyMention, TaskSegment
from pipeline.rules import Pattern, RuleModel, load_rules
from pipeline.stages import agency_names as names
from pipeline.stages.roles import role_rules
from pipeline.stages.unit_lists import carried_prefix, field_list, role_syntax, shared_suffixes

if TYPE_CHECKING:
    from pipeline.stages.nlp import Analysis, Word

_COLLECTIVE_MAX = 12  # longest collective mention read in prose (省委有关部门)
_COLLECTIVE_HEADS = ("各", "有关", "相关", "其他", "其它", "所属", "下属")


class OrganizationRules(RuleModel):
    head: Pattern
    tags: list[str]
    refused_tags: list[str]
    max_words: int = PydanticField(ge=1)


class SubjectTasks(RuleModel):
    min_sentences: int = PydanticField(ge=1)
    sentence_marks: str
    topic_openers: tuple[str, ...] = ()


class MentionRules(RuleModel):
    organization: OrganizationRules
    clause_marks: str
    openers: list[str]
    prepositions: list[str]
    inclusions: Pattern
    topic_opener: Pattern
    attributed_subject: Pattern
    joiners: Pattern
    list_tail: Pattern
    assigns: Pattern
    assign_adverbs: Pattern
    verb_tags: list[str]
    assigns_after_comma: Pattern
    time_lead: Pattern
    refuses: Pattern
    heading_separators: Pattern
    heading_duties: Pattern
    document_owner: Pattern
    subject_tasks: SubjectTasks


@cache
def mention_rules() -> MentionRules:
    return load_rules("mentions.yaml", MentionRules)


@dataclass(frozen=True)
class _Compiled:
    marks: frozenset[str]
    openers: tuple[str, ...]
    inclusion: regex.Pattern
    prepositions: tuple[str, ...]
    topic_opener: regex.Pattern
    head: regex.Pattern
    joiners: regex.Pattern
    tail: regex.Pattern
    assigns: regex.Pattern
    comma_assigns: regex.Pattern  # a comma, then a role verb: 交通部门,负责…
    time_lead: regex.Pattern
    refuses: regex.Pattern
    verb_tags: frozenset[str]
    org_tags: frozenset[str]
    heading_separators: regex.Pattern
    heading_duties: regex.Pattern
    document_owner: regex.Pattern


@cache
def compiled_mentions() -> _Compiled:
    rules = mention_rules()
    return _Compiled(
        marks=frozenset(rules.clause_marks),
        openers=tuple(sorted(rules.openers, key=len, reverse=True)),
        inclusion=regex.compile(rf"\s*(?:{rules.inclusions})"),
        prepositions=tuple(rules.prepositions),
        topic_opener=regex.compile(rules.topic_opener),
        head=regex.compile(rules.organization.head),
        joiners=regex.compile(rules.joiners),
        tail=regex.compile(rules.list_tail),
        assigns=regex.compile(rf"(?:{rules.assign_adverbs})?(?:{rules.assigns})"),
        comma_assigns=regex.compile(rf"[，,]\s*(?:{rules.assigns_after_comma})"),
        time_lead=regex.compile(rules.time_lead),
        refuses=regex.compile(rules.refuses),
        verb_tags=frozenset(rules.verb_tags),
        org_tags=frozenset(rules.organization.tags),
        heading_separators=regex.compile(rules.heading_separators),
        heading_duties=regex.compile(rules.heading_duties),
        document_owner=regex.compile(rules.document_owner),
    )


def prose_mentions(text: str, view: str, task: TaskSegment) -> list[AgencyMention]:
    """The units ``task``'s body names as the subject of a clause, in document order.

    ``view`` is the same-length simplified copy of ``text`` (matching happens there); the
    spaCy pipeline is loaded only when a clause opens with something like a name.
    """
    spans: list[tuple[int, int, str]] = []  # start, end, what joined it to the one before
    for field in task.fields:
        if field.kind == FieldKind.BODY:
            spans += body_mentions(view, field.start, field.end)
    return _ranked(
        [
            replace(m, role=Role.LEAD) if leads_after(view, m.char_end) else m
            for m in mentions_of(text, task.seq, spans)
        ],
        [joiner for _, _, joiner in spans],
    )


def _ranked(mentions: list[AgencyMention], joiners: list[str]) -> list[AgencyMention]:
    """Units joined by a word that ranks them ("市委组织部会同市委党校等有关部门，将…"):
    those before it lead, those after take part (roles.yaml: leading_conjunctions)."""
    ranking = set(role_rules().leading_conjunctions)
    at = next((k for k, joiner in enumerate(joiners) if joiner in ranking), None)
    if at is None:
        return mentions
    return [
        replace(m, role=Role.LEAD if k < at else Role.PARTICIPANT)
        if m.role == Role.RESPONSIBLE
        else m
        for k, m in enumerate(mentions)
    ]


def leads_after(view: str, at: int) -> bool:
    """The unit ending at ``at`` leads its work: "市民政局：负责牵头处理…", "综合执法局要继续
    牵头做好…"."""
    return bool(_LEADS_AFTER.match(view, at))


_LEADS_AFTER = regex.compile(r"[：:]?\s*(?:要|应|将)?(?:继续|负责|具体|统一)?牵头(?!单位|部门)")


class _Body:
    """One body field: its bounds in the view and, built on first need, its spaCy analysis
    (words with jieba's tags, organization names), in view offsets."""

    def __init__(self, view: str, start: int, end: int, *, nlp: bool = True) -> None:
        self.view, self.start, self.end, self.nlp = view, start, end, nlp

    @cached_property
    def analysis(self) -> Analysis:
        from pipeline.stages.nlp import Analysis, Word, analyse  # loads spaCy and jieba

        found = analyse(self.view[self.start : self.end])
        shift = self.start
        words = [Word(w.start + shift, w.end + shift, w.tag) for w in found.words]
        return Analysis(words, [(s + shift, e + shift) for s, e in found.organizations])

    @property
    def analysed(self) -> bool:
        """Whether the NLP pipeline has read this body already."""
        return "analysis" in self.__dict__

    def word_at(self, at: int) -> Word | None:
        return next((w for w in self.analysis.words if w.start == at), None)


def clause_names(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names the agency grammar reads at the start of each clause of ``view[start:end]``
    (after 由, 请), assigned or not; no NLP (diagnose uses it to see that a text names units)."""
    found = []
    for clause_start, clause_end in clauses(view, start, end):
        at = _after_opener(view, clause_start, clause_end)
        name_end = names.agency_end(view, at, clause_end)
        if name_end is not None:
            found.append((at, name_end))
    return found


def subject_starts(view: str, start: int, end: int) -> list[int]:
    """Where sentences of ``view[start:end]`` that assign work to the units opening one of
    their clauses begin their task: at that clause ("今年，市住建局要…" → 市住建局…), by the
    agency grammar alone (no NLP). Segment reads a notice without numbering this way."""
    marks = mention_rules().subject_tasks.sentence_marks
    found, at = [], start
    for i in range(start, end + 1):
        if i < end and view[i] not in marks:
            continue
        body = _Body(view, at, i, nlp=False)
        clause = next((c for c, e in clauses(view, at, i) if _subject(body, c, e)), None)
        if clause is not None:
            found.append(clause)
        at = i + 1
    return found


def clause_opened_by_agency(view: str, start: int, end: int) -> bool:
    """Whether a unit's name opens some clause of ``view[start:end]`` (after an opener such as
    由): a cheap test, by the grammar alone, before the NLP pipeline reads the clauses."""
    return any(
        agency_opens(view, _after_opener(view, s, e), e) for s, e in clauses(view, start, end)
    )


def collective_opens(view: str, at: int, end: int) -> bool:
    """A group of bodies named at once opens ``view[at:end]`` and the text goes on as its
    duties (县级兽医管理部门组织实施…, 各乡镇负责…): by the word lists alone, no NLP."""
    return _collective_end(_Body(view, at, end, nlp=False), at, end) is not None


def agency_opens(view: str, at: int, end: int) -> bool:
    """A unit's name, or fields listed before the kind of body they share, stands at ``at``
    (the grammar alone: a cheap test before reading subjects)."""
    stop = min(end, at + names.grammar().max_name_length + 8)
    if not names.name_end_near(view, at, stop):
        return False  # no name's last character near: decided before the grammar runs
    return (
        names.agency_end(view, at, stop) is not None
        or bool(_FIELD_LIST.match(view, at, stop))
        or bool(_place_list(view, at, end))
    )


INNER_BRACKET = regex.compile(r"[(（][^()（）]+[)）](?=\S)")


def _subject(body: _Body, start: int, end: int) -> bool:
    view = body.view
    at = _after_opener(view, start, end)
    named = names.agency_end(view, at, end) is not None or bool(_field_list(view, at, end))
    if named:
        return bool(_chain(body, at, end))
    if not view.startswith(GROUP_OPENER, at):
        return False
    chain = _chain(body, at, end)  # 各辖市(区)政府、镇江新区管委会具体负责…: a group, then units
    return any(not names.is_collective(view[s:e]) for s, e, _ in chain)


GROUP_OPENER = "各"  # a group opening a subject, a unit beside it (各辖市(区)政府、镇江新区管委会)


def body_mentions(view: str, start: int, end: int) -> list[tuple[int, int, str]]:
    found = _label_units(view, start, end)  # 建设、交通、林业部门：要在…
    if found:
        start = found[-1][1] + 1
    body = _Body(view, start, end)
    for k, (clause_start, clause_end) in enumerate(clauses(view, start, end)):
        label_end = _unit_label(view, clause_start, clause_end) if k == 0 else None
        if label_end is not None:  # 发改委：每季度…提供…
            found.append((clause_start, label_end, ""))
            continue
        if included(view, clause_start, clause_end):
            continue  # (含小东镇): what a count includes
        if view.startswith(compiled_mentions().prepositions, clause_start):
            continue  # 为医疗救助服务中心安排…: the units are the clause's object
        at = _after_opener(view, clause_start, clause_end)
        if _promising(view, at, clause_end):
            found += _chain(body, at, clause_end)
    return found


def included(view: str, start: int, end: int) -> bool:
    """``view[start:end]`` opens on what a count or a place includes (含小东镇, 包括…):
    no unit owning the task."""
    return compiled_mentions().inclusion.match(view, start, end) is not None


def unit_label_end(text: str, start: int, end: int) -> int | None:
    """Where a label of units before a colon or a space ends ("宣传部门：", "民政、国土部门：", the
    fields of a list sharing the last one's suffix; words naming their duties may follow
    them: "市规划监察支队职责："), or None."""
    m = _UNIT_LABEL.match(text, start, end)
    if m is None or _CONTACT.match(text, m.end(), end):
        return None  # (市实事办:0730-3722362: how to reach the unit, no duties)
    stop = duties_stripped(text, start, m.end("label"))  # 市规划监察支队职责：
    label = text[start:stop]
    shared = _SHARED_SUFFIX.fullmatch(label)
    last = shared.group("last") if shared else label.split("、")[-1]
    if shared and shared.group("group"):  # 教育、科技…扶贫开发等部门: 扶贫开发部门 the last
        last = last.replace(shared.group("group"), "", 1)
    return stop if names.looks_like_agency(last) and (shared or names.unit_list(label)) else None


# (a space after Chinese words is a label's end: normalizing keeps no other, rules/normalize.yaml
# label_gap: "市建设局、市城管局 制订…")
_UNIT_LABEL = regex.compile(r"(?P<label>[^：:，,。；;\s]{2,40})(?:[：:]|(?<=\p{Han}) (?=\p{Han}))")
_CONTACT = regex.compile(
    r"\s*(?:电话|联系电话|传真)?[：:]?\s*[\d\-－—() （）]{7,}\s*(?:$|\n|[，,；;。])"
)


def contact_line(text: str, start: int, end: int) -> bool:
    """A line giving how to reach a unit ("市实事办:0730-3722362"): no duty line."""
    m = _UNIT_LABEL.match(text, start, end)
    return m is not None and _CONTACT.match(text, m.end(), end) is not None


_SHARED_SUFFIX = field_list("、及和与", "部门|机构")
_LABEL_JOINERS = regex.compile(r"[、及和与]")


def _label_units(view: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The units of a body opening on a label listing several ("建设、交通、林业部门：",
    "发改委和财政、统计部门："), each a span as printed; none for one unit (read as a
    clause's label) or no label."""
    stop = unit_label_end(view, start, end)
    if stop is None or stop >= end or view[stop] not in "：: ":
        return []
    shared = _SHARED_SUFFIX.fullmatch(view, start, stop)
    joiners = _LABEL_JOINERS if shared else _FIELD_SEPARATOR
    found, at = [], start
    for sep in joiners.finditer(view, start, stop):
        found.append((at, sep.start(), sep.group() if found else ""))
        at = sep.end()
    if not found:
        return []
    found.append((at, stop, "、"))
    return found


def _unit_label(view: str, start: int, end: int) -> int | None:
    """Where the unit's name ends when the body opens with it and a colon: the unit whose
    duties follow (words naming them its duties may stand between: 工商部门职责：)."""
    if end >= len(view) or view[end] not in ":：":
        return None
    end = duties_stripped(view, start, end)
    if not _OFFICE_END.search(view, start, end):
        return None  # 相逢川菜馆：…, a place the work looks at, is no unit
    named = names.agency_end(view, start, end) == end and names.looks_like_agency(view[start:end])
    return end if named else None


_OFFICE_END = regex.compile(r"(?:[局委办厅部署处科股室站所院队]|部门|中心|政府|管委会?)$")


def clauses(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    marks, at = compiled_mentions().marks, start
    inner = _inner_brackets(view, start, end)
    for i in range(start, end + 1):
        if i == end or (view[i] in marks and i not in inner):
            while at < i and view[at].isspace():
                at += 1
            if at < i:
                yield at, i
            at = i + 1


def _inner_brackets(view: str, start: int, end: int) -> set[int]:
    """The brackets inside a name, a short bracket a name goes on after (各辖市(区)政府),
    one closing a name's alias before its verb (市生态环境保护局(水务处)负责), and a group's
    levels listed in it (各县(市、区)政府): no clause marks."""
    if "(" not in view[start:end] and "（" not in view[start:end]:
        return set()  # decided before searching
    found: set[int] = set()
    for m in _NAME_BRACKET.finditer(view, start, end):
        found.update((m.start(), m.end() - 1))
    for group_start, group_end in names.collective_lists(view, start, end):
        found.update(range(group_start, group_end))  # 各县(市、区)政府: one group
    return found


_NAME_BRACKET = regex.compile(r"(?<=\p{Han})[(（][^()（）\s，,。；;、]{1,6}[)）](?=\p{Han})")


def _after_opener(view: str, start: int, end: int) -> int:
    opener = next((o for o in compiled_mentions().openers if view.startswith(o, start, end)), "")
    if opener:
        return start + len(opener)
    topic = compiled_mentions().topic_opener.match(view, start, end)  # 校园内部安全整治主要由X牵头
    if topic and names.agency_end(view, topic.end(), end) is not None:
        return topic.end()
    return start


def _promising(view: str, at: int, end: int) -> bool:
    """A cheap test before the NLP pipeline: a name may open the clause (the grammar reads
    one, or an organization word ends a name-like run of 3 characters or more, before any
    break, digit or stop word: 市社科联要…)."""
    if names.agency_end(view, at, end) is not None or _field_list(view, at, end):
        return True
    if _place_list(view, at, end):  # 锦江、成华区政府要…
        return True
    if view.startswith(GROUP_OPENER, at):  # 各县区政府和市环保局要…: a group, then units
        return collective_opens(view, at, end)
    breaks, stop = names.grammar().breaking_chars, names.tables().stop
    limit = min(end, at + names.grammar().max_name_length)
    cut = next(
        (
            i
            for i in range(at, limit)
            if view[i] in breaks or view[i].isdigit() or stop.match(view, i)
        ),
        limit,
    )
    return any(m.end() - at >= 3 for m in compiled_mentions().head.finditer(view, at, cut))


def _chain(body: _Body, at: int, end: int) -> list[tuple[int, int, str]]:
    """Units joined from ``at`` (X会同Y、Z等部门), kept only when the clause then assigns
    them work."""
    view, rules = body.view, compiled_mentions()
    found: list[tuple[int, int, str]] = _field_list(view, at, end)
    if found:  # 商务、粮食、农业部门组织…: fields sharing the last one's 部门
        if found[-1][1] > end:  # a field's bracket closed the clause: 农业(农机)、安全监管部门要
            clause_end = _CLAUSE_STOP.search(view, found[-1][1])
            end = clause_end.start() if clause_end else len(view)
        tail = rules.tail.match(view, found[-1][1], end)  # 社保、卫生、教育等部门确保…
        after = tail.end() if tail else found[-1][1]
        return found if _assigns(body, after, end, tags=body.analysed) else []
    joiner, placed = "", _place_list(view, at, end)  # 锦江、成华区政府和高新区管委会…
    found, at = placed, placed[-1][1] if placed else at
    while True:
        if not placed:
            at = _after_descriptor(view, at, end)
            stop = _name_end(body, at, end)
            if stop is None:
                return []
            found.append((at, stop, joiner))
            at = stop
        placed = []
        tail = rules.tail.match(view, at, end)
        if tail:
            at = tail.end()
            break
        if _run_together(view, found[-1], end):
            joiner = ""  # 中央农办农业部: known names with the 、 between them lost (OCR)
            continue  # (before the joiners: 水利部商务部 is no 水利部 商 务部)
        join = rules.joiners.match(view, at, end)
        if not join:
            break
        joiner, at = join.group(), join.end()
    ranked = any(joiner in role_rules().leading_conjunctions for _, _, joiner in found)
    if not (_assigns(body, at, end, tags=body.analysed) or (ranked and _comma_at(view, at, end))):
        return []  # (X会同Y，将…纳入…: units ranked by 会同 are the sentence's subject)
    if all(names.is_collective(view[s:e]) for s, e, _ in found):
        return []
    return found


def _comma_at(view: str, at: int, end: int) -> bool:
    return at >= end and end < len(view) and view[end] in "，,"


def _field_list(view: str, at: int, end: int) -> list[tuple[int, int, str]]:
    """Fields of work listed before the 部门 they share (商务、粮食、农业部门; 工商、物价部门),
    each a span as printed (the shared 部门 is the mention's suffix); none unless such a list
    stands at ``at``."""
    scope = _SCOPE.match(view, at)  # 全市公安、住建等部门: the fields of the whole city
    at = scope.end() if scope else at
    stop = _SENTENCE_STOP.search(view, at)  # past the clause's bracket: 农业(农机)、安全监管部门
    m = _FIELD_LIST.match(view, at, stop.start() if stop else len(view))
    if m and m.end() > end and view[end] not in "（(":
        m = None
    words_end = m.start("group") if m and m.group("group") else m.end() if m else at
    if m is None or names.tables().stop.search(view, at, words_end):
        return []  # 协助民政、公安、城管部门: a verb's object, no subject
    if view.startswith("各", at):
        return []  # 各级审计、监察部门: the bodies of every level, a collective
    if _JOINING_VERB.match(view, at, end):
        return []  # 联合宣传、农业…等部门做好…: a verb joining them to the subject
    found, start = [], at
    for sep in _FIELD_SEPARATOR.finditer(view, at, m.end()):
        found.append((start, sep.start(), "、" if found else ""))
        start = sep.end()
    found.append((start, words_end, "、"))  # 教育, of 教育等部门: the kind is its suffix
    return found


_FIELD_LIST = field_list()
_SCOPE = regex.compile(r"全[省市县区州旗](?=\p{Han}{2,4}、)")
_BARE_PLACES = regex.compile(r"(?:\p{Han}{2,6}、)+")


def _place_list(view: str, at: int, end: int) -> list[tuple[int, int, str]]:
    """Places listed before the government they share with the last ("秭归县、夷陵区政府";
    printed bare, "锦江、青羊、成华区政府"), each a span as printed (政府, 区政府 the mention's
    suffix); none unless such a list stands at ``at``."""
    m = _BARE_PLACES.match(view, at, end)
    last_end = names.agency_end(view, m.end(), end) if m else None
    if m is None or last_end is None or not view.endswith("政府", m.end(), last_end):
        return []
    closing = view[m.end() : last_end]
    found, start = [], at
    for sep in _FIELD_SEPARATOR.finditer(view, at, m.end()):
        if not names.shares_government(view[start : sep.start()], closing):
            return []
        found.append((start, sep.start(), "、" if found else ""))
        start = sep.end()
    return [*found, (m.end(), last_end, "、")]
_JOINING_VERB = regex.compile(r"会同|联合|协同|配合|协助")
_SENTENCE_STOP = regex.compile(r"[。；;！？!?\n]")
_CLAUSE_STOP = regex.compile(r"[，,。；;：:！？!?\n]")
_FIELD_SEPARATOR = regex.compile(r"、")


def _after_descriptor(view: str, at: int, end: int) -> int:
    """Past words naming the unit's part before its name (由包片单位县文广局督促…)."""
    m = role_syntax().descriptor.match(view, at, end)
    if m and names.agency_end(view, m.end(), end) is not None:
        return m.end()
    return at


def _run_together(view: str, before: tuple[int, int, str], end: int) -> bool:
    """A name the gazetteer knows right after another it knows, nothing between."""
    start, stop, _ = before
    if view.startswith(tuple(names.grammar().name_openers), stop):
        return False  # 市环保局在市政府的领导下: a preposition, then the name it governs
    after = names.agency_end(view, stop, end)
    if after is None or not names.known_name(view[start:stop]):
        return False
    join = compiled_mentions().joiners.match(view, stop, after)
    if join and names.known_name(view[join.end() : after]):
        return False  # 市民政局和市财政局: a joiner, then a name (水利部商务部 is two names)
    return names.known_name(view[stop:after])


def _name_end(body: _Body, at: int, end: int) -> int | None:
    """End of the unit name at ``at`` that the text after it continues: a name the agency
    grammar reads, else the shortest collective mention (省委有关部门, 各县区), else the longest
    organization the NLP pipeline finds (words ending in 局, 中心…, or tagged ``nt``), whose
    words then also tell a verb after it. spaCy and jieba load only for that last case."""
    view = body.view
    if view.startswith(GROUP_OPENER, at):  # 各县区政府和市环保局: a group, never one name
        group_end = _collective_end(body, at, end)
        if group_end is not None:
            return None if _spans_list(view, at, group_end) else group_end
    grammar_end = names.agency_end(view, at, end)
    if grammar_end is not None and (
        _continues(body, grammar_end, end, tags=False)
        or _run_together(view, (at, grammar_end, ""), end)
    ):
        return grammar_end
    collective = _collective_end(body, at, end)
    if collective is not None or grammar_end is not None or not body.nlp:
        return collective  # the grammar read a name there: the word lists decided
    ends = {e for s, e in body.analysis.organizations if s <= at < e <= end}
    return next(
        (
            e
            for e in sorted(ends, reverse=True)
            if _plausible(body, at, e) and _continues(body, e, end, tags=True)
        ),
        None,
    )


def _spans_list(view: str, at: int, end: int) -> bool:
    """A group's 各 stands over the whole list it opens (各区、开发区领导小组, 各级卫生、环保
    部门): its first item names no kind of body, a 、 follows it."""
    separated = _FIELD_SEPARATOR.match(view, end) is not None
    return separated and not view.endswith(_BODY_KINDS, at, end)


def _collective_end(body: _Body, at: int, end: int) -> int | None:
    """A collective mention at ``at``: 各县区, 有关部门, or a jurisdiction or body's group
    (省委有关部门, 国务院有关部门), never a phrase that merely ends in 部门."""
    view = body.view
    listed = next((e for s, e in names.collective_lists(view, at, end) if s == at), None)
    if listed is not None:  # 各县(市、区)政府, 各省辖市、县(市、区)政府: levels listed at once
        return listed if _continues(body, listed, end, tags=False) else None
    heads = (*_COLLECTIVE_HEADS, *names.grammar().level_prefixes)
    for e in range(at + 2, min(end, at + _COLLECTIVE_MAX) + 1):
        if not names.is_collective(view[at:e]):
            continue
        if not _continues(body, e, end, tags=False):
            if view.endswith(_GROUP_KINDS, at, e):
                return None  # 有关部门在调研的基础上…: the group named whole, no verb after it
            continue
        if compiled_mentions().joiners.search(view, at + 1, e):
            return None
        named = names.agency_end(view, at, e)
        if view.startswith(heads, at) or (named and view.startswith(_COLLECTIVE_HEADS, named)):
            return e
        return None
    return None


_GROUP_KINDS = ("部门", "单位", "机构")  # a group's name is whole once it ends on its kind
_BODY_KINDS = (*_GROUP_KINDS, "政府", "党委")  # 各辖区政府、管委会: a group, then a unit


def _plausible(body: _Body, at: int, end: int) -> bool:
    """A Matcher name: one that ends in a word jieba tags as an organization (市/社科联), or
    one the grammar accepts."""
    last = next((w for w in body.analysis.words if w.end == end), None)
    if last and last.start >= at and last.tag in compiled_mentions().org_tags:
        return True
    return names.looks_like_agency(body.view[at:end])


def _continues(body: _Body, at: int, end: int, *, tags: bool) -> bool:
    rules, view = compiled_mentions(), body.view
    if rules.tail.match(view, at, end) or rules.joiners.match(view, at, end):
        return True
    return _assigns(body, at, end, tags=tags)


def _assigns(body: _Body, at: int, end: int, *, tags: bool) -> bool:
    """What follows the units makes them the subject: a verb, or the end of a bracket that
    holds only them (（省教育厅）). With ``tags``, a word jieba tags as a verb counts too."""
    rules, view = compiled_mentions(), body.view
    if at >= end:  # the units fill the clause: a bracket of them, or a comma and a role verb
        return end < len(view) and (
            (view[end] in ")）〕】]" and _attributing(view, end))
            or rules.comma_assigns.match(view, end) is not None
        )
    if rules.refuses.match(view, at, end):
        return False
    time = rules.time_lead.match(view, at, end)
    if time and time.end() >= end and view.startswith(("，", ","), end):
        return rules.assigns.match(view, end + 1) is not None  # 在市政府的领导下，组织…
    if time and time.end() < end:
        at = time.end()  # "赛罕区政府11月底启动…": the time, then the verb
        if rules.refuses.match(view, at, end):
            return False
    if rules.assigns.match(view, at, end):
        return True
    if not tags:
        return False
    word = body.word_at(at)
    return bool(word and word.tag in rules.verb_tags)


_ATTRIBUTION_MARKS = "。；;，,：:！？!?\n"


def _attributing(view: str, close: int) -> bool:
    """A bracket closing at ``close`` attributes the work: it closes a clause or stands after
    one; a bracket between two nouns of a list names the noun before it (各级党校(行政学院)、
    干部学校)."""
    after = close + 1
    while after < len(view) and view[after] in " \t":
        after += 1
    if after >= len(view) or view[after] in _ATTRIBUTION_MARKS:
        return True
    opened = max(view.rfind("(", 0, close), view.rfind("（", 0, close))
    return opened <= 0 or view[opened - 1] in _ATTRIBUTION_MARKS or view[after] != "、"


def duties_stripped(view: str, start: int, end: int) -> int:
    """The end of a heading's units before words naming the work under them as their duties
    ("县经济局主要工作任务" → 县经济局); ``end`` when there are none, or nothing before them."""
    m = compiled_mentions().heading_duties.search(view, start, end)
    return m.start() if m and m.start() > start else end


def mentions_of(
    text: str,
    seq: int,
    spans: list[tuple[int, int, str]],
    role: Role = Role.RESPONSIBLE,
    label: str | None = None,
) -> list[AgencyMention]:
    mentions: list[AgencyMention] = []
    previous: tuple[str, str] | None = None
    suffixes = shared_suffixes(text, [(s, e) for s, e, _ in spans])
    for position, ((start, end, joiner), suffix) in enumerate(
        zip(spans, suffixes, strict=True), start=1
    ):
        mention = text[start:end]
        name, alias = names.split_alias(mention)
        prefix, _core = names.split_prefix(name)
        carried = carried_prefix(previous, name, prefix, _core) if joiner == "、" else None
        mentions.append(
            AgencyMention(
                seq,
                role,
                label,
                position,
                mention,
                start,
                end,
                names.is_collective(mention),
                carried,
                alias,
                suffix,
            )
        )
        previous = (prefix or carried or "", mention)
    return mentions
