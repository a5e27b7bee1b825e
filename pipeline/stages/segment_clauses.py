"""Duties divided clause by clause inside one item ("（二）明确分工。市发改委负责…；市经贸委
负责…；…") or line by line ("省统计局负责…。\n省公安厅负责…。"): the span of each clause or
line led by the units that do it, one task each.
"""

from __future__ import annotations

from functools import cache

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field
from pipeline.stages.agency_names import (
    agency_end,
    is_collective,
    looks_like_agency,
    name_end_near,
    split_alias,
)
from pipeline.stages.mentions import (
    GROUP_OPENER,
    clause_opened_by_agency,
    collective_opens,
    contact_line,
    leads_after,
    mention_rules,
    subject_starts,
    unit_label_end,
)
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_drafts import Draft, draft, lstrip_ws, rstrip_ws
from pipeline.stages.segment_rules import Item, numbering_pattern, text_lines
from pipeline.stages.unit_lists import field_list

_CLAUSES_MIN = 3  # clauses each led by their units, this many at least after the heading


def subject_clauses(text: str, item: Item, heading_end: int | None) -> list[tuple[int, int]]:
    """After an item's heading sentence, clauses parted by ；, each led by the units that do
    it: their spans (without the mark closing them); none when fewer than three, or when
    clauses led by no unit stand among them."""
    if heading_end is None or _clause_marks(text, heading_end, item.end) < _CLAUSES_MIN - 1:
        return []  # no run of clauses parted by ；: decided before reading their subjects
    if "；" not in text[heading_end : item.end] and ";" not in text[heading_end : item.end]:
        return []  # colons alone part no duties (牵头单位：…；is what they are read as)
    view = _colons_as_semicolons(text, heading_end, item.end)
    starts = subject_starts(view, heading_end, item.end)
    if len(starts) < _CLAUSES_MIN:
        return []
    spans = []
    for at, following in zip(starts, [*starts[1:], item.end], strict=True):
        end = rstrip_ws(text, at, following)
        stop = next((k for k in range(end - 1, at, -1) if text[k] not in _CLAUSE_END), at)
        if not set(_CLAUSE_MARKS + "。") & set(text[stop + 1 : end]) and following != item.end:
            return []  # a clause that runs on into another's words: no list of duties
        spans.append((at, stop + 1))
    return spans


_CLAUSE_MARKS = "；;：:"  # OCR reads many a ； as ： (a clause closed right before a subject)
_CLAUSE_END = "；;：:。 \t\n"


def _clause_marks(text: str, start: int, end: int) -> int:
    return sum(text.count(mark, start, end) for mark in _CLAUSE_MARKS)


def _colons_as_semicolons(text: str, start: int, end: int) -> str:
    """``text`` with the colons of ``text[start:end]`` read as ；, where a ； parts its
    clauses already (OCR reads many a ； as ：); offsets kept."""
    part = text[start:end]
    if ("；" not in part and ";" not in part) or ("：" not in part and ":" not in part):
        return text
    part = part.replace("：", "；").replace(":", ";")
    return text[:start] + part + text[end:]


_LINES_MIN = 3  # lines each led by their unit, this many at least in a run
_NAMED_LINES_MIN = 3  # of them led by a unit of its own name (a group's lines go with them)
_WHOLE_LINES_MIN = 2  # under a heading, lines each led by a unit, every one of its lines


def unit_lines(
    text: str, start: int, end: int, *, sentences: bool = False, whole: bool = False
) -> list[tuple[int, int]]:
    """Duties divided line by line ("省统计局负责…。\\n省公安厅负责…。", "市经贸委：负责…",
    "法规处  负责…"): the spans of the longest run of three lines or more that each open
    with a unit and then its duties (a colon, a space, or a word that assigns work); a line
    led by no unit between two of them goes on with the one above. None when no such run.
    ``whole``: under a heading, two lines are enough when a unit leads every line of it (but
    a last one, cut or a heading the numbering missed)."""
    runs: list[list[tuple[int, int]]] = [[]]
    pending: tuple[int, int] | None = None  # a line led by no unit after a run's line
    least = _WHOLE_LINES_MIN if whole else _LINES_MIN
    paragraphs = _paragraphs(text, start, end, sentences=sentences, least=least)
    if len(paragraphs) < least:
        return []  # too few lines to divide duties: decided before reading any unit
    named: set[int] = set()  # lines led by a unit of its own name, not by a group's
    lines = 0
    for s, e in paragraphs:
        s, e = lstrip_ws(text, s, e), rstrip_ws(text, s, e)
        if s >= e:
            continue
        lines += 1
        led = "unit" if _unit_led(text, s, e) else _group_led(text, s, e)
        if led == "group" and not runs[-1]:
            led = None  # a group's line opening a run leads into it (各有关部门要各司其职…)
        if led:
            if pending and runs[-1]:
                runs[-1][-1] = (runs[-1][-1][0], pending[1])
            runs[-1].append((s, e))
            if led == "unit":
                named.add(s)
        elif runs[-1]:
            if pending:  # two lines led by no unit: the run ends
                runs.append([])
            pending = (s, e)
            continue
        pending = None
    def named_in(run: list[tuple[int, int]]) -> int:
        return sum(s in named for s, _ in run)

    best = max(runs, key=lambda run: (named_in(run), len(run)))
    units = named_in(best)
    tail = 1 if pending else 0  # a last line led by no unit (a cut line, the next heading)
    if whole and units >= _WHOLE_LINES_MIN and lines - len(best) <= tail:
        return best  # every line under the heading led by its unit (or a group after them)
    return best if len(best) >= _LINES_MIN and units >= _NAMED_LINES_MIN else []


_LABEL_AFTER_STOP = regex.compile(r"(?<=[。；;]|[ \t])\s*(?=[^。；;：:\s]{2,20}[：:])")
_DASH_BULLET = regex.compile(r"\s*(?:[-－—–]{1,2}|[·•])\s*(?=\p{Han})")  # --省教育厅…
_COPY_NOTE = regex.compile(r"\s*[\[【〔][^\]】〕\n]{1,8}[\]】〕]\s*")  # [接上页]


def _paragraphs(
    text: str, start: int, end: int, *, sentences: bool = False, least: int = _LINES_MIN
) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` (past a copy's note, [接上页], or a dash opening
    the line, --省教育厅…), and in a line the paragraphs a copy ran together, each opened by
    a unit's label after a full stop ("…工作。省民政厅：负责…")."""
    spans = []
    for s, e in text_lines(text, start, end):
        note = _COPY_NOTE.match(text, s, e) or _DASH_BULLET.match(text, s, e)
        at = note.end() if note else s
        for m in _LABEL_AFTER_STOP.finditer(text, at, e):
            if unit_label_end(text, m.end(), e) is not None:
                spans.append((at, m.start()))
                at = m.end()
        spans += _subject_sentences(text, at, e, least) if sentences else [(at, e)]
    return spans


def _subject_sentences(
    text: str, start: int, end: int, least: int = _LINES_MIN
) -> list[tuple[int, int]]:
    """A paragraph of sentences each led by the unit that does its part ("…。文旅局要规范…。
    市场监管局要加强…。交警大队要…。"): from each such sentence to the next; the paragraph
    whole when fewer than ``least`` are so led."""
    if text.count("。", start, end) < least:
        return [(start, end)]  # decided before reading any subject
    stops = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    begins = [lstrip_ws(text, a, end) for a in [start, *stops] if a < end]
    led = [a for a in begins if _duty_sentence(text, a, _sentence_end(text, a, end))]
    if len(led) < least:
        return [(start, end)]
    cuts = [start, *(a for a in led if a > start)]
    return [(a, rstrip_ws(text, a, b)) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]


def _duty_sentence(text: str, start: int, end: int) -> bool:
    """A sentence its unit opens, stating the unit's duties; one only naming the units' roles
    ("省农业厅、省工商局分别为牵头单位") states none."""
    return subject_starts(text, start, end)[:1] == [start] and not _ROLES_NAMED.search(
        text, start, end
    )


# Units named to their roles, no duty: 分别为牵头单位, 为责任单位
_ROLES_NAMED = regex.compile(
    r"(?:分别|均)?(?:为|是|作为)(?:牵头|责任|配合|参与|协办|主办)(?:单位|部门)[。；;]?$"
)


def _sentence_end(text: str, start: int, end: int) -> int:
    m = _SENTENCE_END.search(text, start, end)
    return m.end() if m else end


_SENTENCE_END = regex.compile(r"[。！？!?]")


_PREPOSITION = regex.compile(r"(?:在|对|按照|根据|依据|结合)(?=\p{Han})")
_COLLECTIVE_LABEL = regex.compile(r"[^：:，,。；;\s]{2,10}(?=[：:])")


def unit_line_drafts(
    text: str,
    start: int,
    end: int,
    section: str | None = None,
    *,
    sentences: bool = False,
    whole: bool = False,
) -> list[Draft]:
    """The tasks of duties divided line by line in ``text[start:end]`` (unit_lines), each
    carrying the unit that opens its line (``sentences``: under a heading, a paragraph's
    sentences each led by their unit are lines of their own; ``whole``: two such lines are
    enough when they are all the heading's)."""
    return [
        draft(text, None, section, s, e, s, line_unit_fields(text, s, e))
        for s, e in unit_lines(text, start, end, sentences=sentences, whole=whole)
    ]


def line_unit_fields(text: str, start: int, end: int) -> tuple[Field, ...]:
    """A unit's line as fields: its text, and the unit opening it, whose role the line
    leaves open (省教育厅在做好…的基础上，牵头…); none when no agency opens it."""
    stop, unit = unit_label_end(text, start, end), start
    if stop is None:
        unit = _after_levels(text, start, end)
        stop = agency_end(text, unit, end)
        if stop is None or not looks_like_agency(text[unit:stop]):
            return ()
    kind = FieldKind.LEAD if leads_after(text, stop) else FieldKind.EITHER
    return (Field(FieldKind.BODY, start, end), Field(kind, unit, stop))


def _after_levels(text: str, start: int, end: int) -> int:
    """Past the levels a line's unit is named for before it ("市、县区财政部门": 县区财政部门,
    the body the levels share, of which the last level's is printed whole)."""
    m = _LEVEL_LIST.match(text, start, end)
    return m.end() if m else start


# Levels listed before the body they share ("市、县区财政部门"): its one home (diagnose warns
# of a unit so named).
LEVELS_LISTED = r"(?:[省市州县区乡镇]{1,2}[、，,])+"
_LEVEL_LIST = regex.compile(rf"{LEVELS_LISTED}(?=[省市州县区乡镇])")


_FIELDS_FIRST = field_list()


_CLAUSE_STOP = regex.compile(r"[，,。；;：:\n]")


def _opened_by_subject(text: str, start: int, end: int) -> bool:
    """A line opening on a group then a unit (各辖市(区)政府、镇江新区管委会具体负责…) or on a
    word before its unit (由省农业厅牵头…, 此次活动由…负责): a subject opens it."""
    if not text.startswith(GROUP_OPENER, start):
        stop = _CLAUSE_STOP.search(text, start, end)
        first = stop.start() if stop else end
        openers = tuple(mention_rules().openers)
        by = text.find("由", start, first)
        if (by < 0 or text.startswith("由于", by)) and not text.startswith(openers, start):
            return False  # no group, no opener: decided before reading names
        if not clause_opened_by_agency(text, start, first):
            return False
    return subject_starts(text, start, end)[:1] == [start]


def _group_led(text: str, start: int, end: int) -> str | None:
    """A line a group of bodies opens, its duties after it (县级兽医管理部门组织实施…): among
    units' lines, a task of its own ("group"); else None."""
    if not _GROUP_WORD.search(text, start, min(end, start + _GROUP_NAME_MAX)):
        return None  # no word a group's name is made of near the start: decided cheaply
    return "group" if collective_opens(text, start, end) else None


_GROUP_NAME_MAX = 12  # a group's name opening a line is short (mentions._COLLECTIVE_MAX)
# Words one of which every group's name holds (rules/agencies/grammar.yaml collective_patterns:
# 各乡镇, 有关部门, 县级…部门, 县区政府, 镇(乡)…中心, 22个乡镇): a cheap test, wider than they are
_GROUP_WORD = regex.compile(
    r"各|有关|相关|其他|其它|直|成员|单位|部门|级|所属|下属|机关|每|政府|党委|[（(]|\d|[一二三四五六七八九十两]个"
)


def _unit_led(text: str, start: int, end: int) -> bool:
    if not name_end_near(text, start, end) or contact_line(text, start, end):
        return False
    if unit_label_end(text, start, end) is not None:
        return True  # 宣传部门：…, 民政、国土部门：…
    start = _after_levels(text, start, end)  # 市、县区财政部门负责…: the last level's body
    stop = agency_end(text, start, end)
    name = split_alias(text[start:stop])[0] if stop is not None else ""  # 城管部门(县城防办)
    if stop is None or not looks_like_agency(name):
        if _FIELDS_FIRST.match(text, start, end):  # 宣传、教育、文化部门负责…: fields sharing
            return subject_starts(text, start, end)[:1] == [start]  # the 部门 they name last
        label = _COLLECTIVE_LABEL.match(text, start, end)  # 各乡镇：负责…, no 牵头单位：
        if not label or role_label_re().match(text, start, end):
            return _opened_by_subject(text, start, end)  # 各辖市(区)政府、镇江新区管委会…
        return is_collective(label.group())
    after = text[stop : stop + 1]
    if after in ("：", ":") or (after.isspace() and text[stop:end].strip()):
        return True  # a label: the unit, then its duties
    if _PREPOSITION.match(text, stop, end):
        return True  # 省教育厅在做好…的基础上，牵头…: the unit, then how it does its part
    return subject_starts(text, start, end)[:1] == [start]


@cache
def _article() -> regex.Pattern:
    """A regulation's article number (第五条), as rules/segment.yaml numbers it."""
    return regex.compile(numbering_pattern("article"))


def article_sentences(text: str, item: Item) -> list[tuple[int, int]]:
    """A regulation's article whose sentences each give work to units of their own ("第五条
    市粮食行政主管部门应当…。粮食行政主管部门应当会同…。工商、价格等有关部门应当…配合…"):
    the span of each such sentence (a sentence naming no unit goes with the one before); none
    unless two sentences at least do so, or when the article runs over lines."""
    if item.number is None or not _article().fullmatch(item.number.strip()):
        return []
    if "\n" in text[item.body_start : item.end].strip():
        return []  # lines under it: read a line at a time (unit_line_drafts)
    starts, at = [], item.body_start
    for stop in [*(k + 1 for k in range(item.body_start, item.end) if text[k] == "。"), item.end]:
        begin = lstrip_ws(text, at, stop)
        if begin < stop and subject_starts(text, begin, stop):
            starts.append(begin)
        at = stop
    if len(starts) < 2:
        return []
    starts[0] = lstrip_ws(text, item.body_start, item.end)
    ends = [*starts[1:], item.end]
    return [(s, rstrip_ws(text, s, e)) for s, e in zip(starts, ends, strict=True)]

