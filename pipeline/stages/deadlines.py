"""Deadlines: due dates of tasks (2022年10月底前, 年底前, 上半年, 三季度, 到2020年 …).

``parse_deadline`` reads a 完成时限 cell (any phrase counts: 2023年3月 → 2023-03-31,
2024—2025年 → 2025-12-31, 2023.6.30 → 2023-06-30, 每季度 → recurring, 持续推进 → ongoing).
``extract_deadlines`` searches a region; in a task body (``cell=False``) a date counts only
with a deadline marker (到…, …前, …底, 年内, “十三五”末, a completion verb after it; not
至…/于… alone, which bound a policy's validity or compare), recurring phrases only before a
reporting verb and ongoing phrases only as a clause of their own, because bodies are full of
dates and 每年 that are not deadlines.  A region is read in simplified script (traditional
notices: 長期堅持, 完成時限), and one due date is reported once per region.  Word lists are
data: rules/deadlines.yaml.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from pipeline.records import Deadline, Metadata
from pipeline.rules import RuleModel, load_rules
from pipeline.stages.agency_names import to_simplified
from pipeline.stages.numbers import YEAR_DIGITS, parse_number
from pipeline.stages.segment_rules import numbering_pattern


class DeadlineRules(RuleModel):
    prefixes: list[str]
    weak_prefixes: list[str]
    as_of_prefixes: list[str]
    done_markers: list[str]
    range_joins: list[str]
    range_start_closers: list[str]
    suffixes: list[str]
    completion_cues: list[str]
    cue_adverbs: list[str]
    report_traps: list[str]
    report_verbs: list[str]
    month_parts: dict[str, int | None]
    relative_years: dict[str, int]
    periods: dict[str, tuple[int, int]]
    holidays: dict[str, tuple[int, int] | dict[int, tuple[int, int]]]
    plan_periods: dict[str, int]
    plan_ends: list[str]
    recurring: list[str]
    recurring_cues: list[str]
    recurring_cue_window: int = 8
    stated_cues: list[str]
    work_time_words: list[str]
    work_time_nouns: list[str]
    work_time_headings: list[str]
    work_time_not: list[str]
    work_window_verbs: list[str]
    ongoing: list[str]
    labels: list[str]
    schedule_labels: list[str]
    horizon_words: list[str]
    year_block_words: tuple[str, ...] = ()


YEAR = rf"(?:(?:19|20)\d{{2}}|[{YEAR_DIGITS}]{{4}})年度?"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
BOUNDARY = "，,；;。：:！!？?\n|（）()、 "
QUOTES = '“”"「」『』'
# Numeric dates of a 完成时限 cell: 2023.12, 2023-06-30, 2023/6/30 (cells only: decimals).
NUMERIC = regex.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?P<sep>[.．/／-])\s*(?P<m>1[0-2]|0?[1-9])"
    r"(?:\s*(?P=sep)\s*(?P<d>3[01]|[12]\d|0?[1-9]))?(?![\d.])"
)
READS_AS_DEADLINE_SLACK = 2  # characters besides a phrase and its verb: 并, 全面
HEAD_LINES, HEAD_LINE_CHARS = 5, 30  # where an undated notice prints its year: 2024年…清单
HEAD_YEAR = regex.compile(r"(?:19|20)\d{2}(?=年)")
DOC_NUMBER_YEAR = regex.compile(r"[〔\[［(（]((?:19|20)\d{2})[〕\]］)）]")
YEAR_CHARS, MONTH_CHARS, DAY_CHARS = 6, 4, 4  # longest: 二〇二三年度, 十二月份, 二十一日


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Compiled:
    rules: DeadlineRules
    date: regex.Pattern[str]
    recurring: regex.Pattern[str]
    ongoing: regex.Pattern[str]
    label: regex.Pattern[str]
    anchor: regex.Pattern[str]  # a character every date holds: 年, 月, 季 …
    schedule: regex.Pattern[str]  # a label of steps read to the sentence's end: 实施进度
    horizon: regex.Pattern[str]  # a horizon word ending right before a year: 到, 力争 …
    range_start: regex.Pattern[str]  # the start of a range, read backwards from its join
    cue: regex.Pattern[str]  # a completion cue, adverbs before it allowed
    time_heading: regex.Pattern[str]  # a heading naming the time of the work: 检查整改时间
    time_clause: regex.Pattern[str]  # a clause naming it: 专项行动时间为…至…
    time_window: regex.Pattern[str]  # a window the work is done in: 于8月1日到9月30日开展
    time_words: regex.Pattern[str]  # any word a statement of the time needs
    year_block: regex.Pattern[str]  # a year labelling its block of work: 2020年任务：
    max_chars: int  # no date match is longer


@cache
def compiled() -> _Compiled:
    r = load_rules("deadlines.yaml", DeadlineRules)
    return _Compiled(
        rules=r,
        date=regex.compile(rf"(?=[{_first_chars(r)}])" + date_grammar(r), regex.VERBOSE),
        recurring=regex.compile(_alt(r.recurring)),
        ongoing=regex.compile(_alt(r.ongoing)),
        label=regex.compile(rf"(?:{_alt(r.labels)})\s*(?:[：:]|为\s*[：:]?)\s*"),  # 完成时限为…
        anchor=regex.compile(_anchor_class(r)),
        schedule=regex.compile(_alt(r.schedule_labels)),
        year_block=regex.compile(
            rf"(?P<year>(?:19|20)\d{{2}})年度?(?:{_alt(r.year_block_words)})\s*[:：]"
        ),
        horizon=regex.compile(rf"(?:{_alt(r.horizon_words)})\s*$"),
        cue=regex.compile(rf"(?:{_alt(r.cue_adverbs)}){{0,2}}(?:{_alt(r.completion_cues)})"),
        range_start=regex.compile(
            rf"(?:(?:19|20)\d{{2}}年?(?:{MONTH}(?:{DAY})?)?|{MONTH}(?:{DAY})?|1[0-2]|0?[1-9])"
            rf"(?:{_alt(r.range_start_closers)})?\s*$"
        ),
        time_heading=regex.compile(
            rf"^\s*(?:{numbering_pattern()})?\s*(?!\p{{Han}}{{0,8}}?(?:{_alt(r.work_time_not)}))"
            rf"\p{{Han}}{{0,8}}?(?:(?:{_alt(r.work_time_nouns)})(?:安排)?|{_alt(r.work_time_headings)})"
            r"[:：]?\s*$"
        ),
        time_clause=regex.compile(
            rf"{_work_time(r)}(?:为|是)[:：]?\s*(?=[^。；;\n]{{4,30}}至[^。；;\s])"
        ),
        time_window=regex.compile(
            rf"(?:于|从|自|(?=即日))(?P<window>[^。；;，,\n]{{2,24}}?(?:至|到)[^。；;，,\n]{{2,12}}?)"
            rf"(?:[，,][^。；;，,\n]{{0,{_WINDOW_GAP}}}?)?(?:{_alt(r.work_window_verbs)})"
        ),
        time_words=regex.compile(
            _alt([*r.stated_cues, *r.work_time_nouns, *r.work_time_headings, *r.range_joins])
        ),
        max_chars=_max_chars(r),
    )


_WINDOW_GAP = 12  # the words between a window and its verb after a comma (，在全县范围内部署)


def _work_time(r: DeadlineRules) -> str:
    return rf"(?:{_alt(r.work_time_words)})(?:{_alt(r.work_time_nouns)})"


# The hour a day's deadline falls at (10月3日下午6时之前): part of the date, no date of its own.
CLOCK = (
    r"(?:(?:上午|下午|晚上|中午|晚)?(?:[01]?\d|2[0-4])(?:[:：][0-5]\d|[时点](?:[0-5]?\d分|半)?))"
)
CLOCK_CHARS = 2 + 2 + 4


def date_grammar(r: DeadlineRules) -> str:
    """The date grammar (VERBOSE syntax)."""
    parts = _alt(list(r.month_parts))
    quote = "[" + regex.escape(QUOTES) + "]"
    return rf"""
        (?P<pre>{_alt(r.prefixes)})?
        (?:
          (?P<plan>{quote}?(?P<plan_name>{_alt(list(r.plan_periods))}){quote}?(?:{_alt(r.plan_ends)}))
        |
          (?P<year>{YEAR}|{_alt(list(r.relative_years))})?
          (?:
             (?P<month>{MONTH})(?:(?P<day>{DAY}){CLOCK}?)?(?P<mpart>{parts})?
           | (?P<period>{_alt(list(r.periods))})(?P<qpart>末|底)?
           | (?P<holiday>{_alt(list(r.holidays))})
           | (?P<ypart>年底|年末|年内|底|末|内)
          )
        | (?P<yonly>{YEAR}|{_alt(list(r.relative_years))})
        )
        (?P<suf>{_alt(r.suffixes)})?
    """


def _max_chars(r: DeadlineRules) -> int:
    """An upper bound of a date match's length: prefix, year, month/period/part, suffix."""
    year = max(YEAR_CHARS, *map(len, r.relative_years))
    month = MONTH_CHARS + DAY_CHARS + CLOCK_CHARS + max(map(len, r.month_parts))
    middle = max(month, 1 + max(map(len, r.periods)), len("年底"), *map(len, r.holidays))
    plan = 2 + max(map(len, r.plan_periods)) + max(map(len, r.plan_ends))
    return max(map(len, r.prefixes)) + max(year + middle, plan) + max(map(len, r.suffixes))


def _first_chars(r: DeadlineRules) -> str:
    """A class of every character a date match can begin with (tested before the grammar,
    which is slow to try at each position): a prefix, a year, a month, a period or 年底."""
    words = (*r.prefixes, *r.relative_years, *r.periods, *r.plan_periods, *r.holidays)
    chars = {w[0] for w in words} | set("0123456789十" + YEAR_DIGITS + QUOTES) | set("年底末内")
    return "".join(sorted(map(regex.escape, chars)))


def _anchor_class(r: DeadlineRules) -> str:
    """Characters of which every date match holds at least one (a cheap pre-check)."""
    anchors = set("年月底末内")
    for word in (*r.periods, *r.relative_years, *r.plan_ends, *r.holidays):
        if not anchors & set(word):
            anchors.add(word[-1])
    return "[" + "".join(sorted(map(regex.escape, anchors))) + "]"


# ---------------------------------------------------------------- public API


def parse_deadline(raw: str, ref_year: int | None) -> tuple[date | None, str]:
    """(due_date, kind) of a 完成时限 cell: the first date in it, else recurring/ongoing."""
    found = extract_deadlines(raw, 0, len(raw), 0, ref_year, cell=True)
    dated = [d for d in found if d.kind == "by_date"]
    if dated:
        return dated[0].due_date, "by_date"
    if any(d.kind == "recurring" for d in found):
        return None, "recurring"
    return None, "ongoing"


def reads_as_deadline(raw: str) -> bool:
    """Whether a short text is a deadline phrase as a whole, give or take a completion or
    reporting verb (12月底前, 9月投入使用, 2023.12, 持续推进, 每季度报送): so a table read one
    cell per line can tell a 完成时限 cell from one more unit of the cell above (县住建局)."""
    view = to_simplified(raw.strip()).rstrip("。；;，,")
    found = _scan(view, 0, len(view), 0, None, cell=True) if view else []
    if not found:
        return False
    covered = {i for d in found for i in range(d.char_start, d.char_end)}
    rest = "".join(ch for i, ch in enumerate(view) if i not in covered)
    rules = compiled().rules
    for word in sorted((*rules.completion_cues, *rules.recurring_cues), key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) <= READS_AS_DEADLINE_SLACK


def extract_deadlines(
    text: str, start: int, end: int, task_seq: int, ref_year: int | None, *, cell: bool = False
) -> list[Deadline]:
    """Deadlines in ``text[start:end]`` (a task body, or a deadline cell with ``cell=True``)."""
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return []
    view = to_simplified(text[start:end])  # same length: offsets hold
    if cell:
        found = _scan(view, 0, len(view), task_seq, ref_year, cell=True)
    else:
        found = _scan_body(view, 0, len(view), task_seq, ref_year)
    out: list[Deadline] = []
    seen: set[date] = set()
    for d in sorted(found, key=lambda d: d.char_start):
        if d.due_date is not None and d.due_date in seen:
            continue  # 年底前完成…，确保今年完成…: one due date, said twice
        if d.due_date is not None:
            seen.add(d.due_date)
        s, e = d.char_start + start, d.char_end + start
        out.append(Deadline(task_seq, text[s:e], d.due_date, d.kind, s, e))
    return out


def _scan_body(
    text: str, start: int, end: int, task_seq: int, ref_year: int | None
) -> list[Deadline]:
    """Labelled parts (完成时限：…) read as cells, the rest strictly."""
    c = compiled()
    out: list[Deadline] = []
    pos = start
    for m in c.label.finditer(text, start, end):
        out += _scan(text, pos, m.start(), task_seq, ref_year, cell=False)
        stop = m.end()
        ends = "。\n|" if c.schedule.match(m.group(0)) else "。；;\n|"  # a schedule's steps
        while stop < end and text[stop] not in ends:
            stop += 1
        out += _scan(text, m.end(), stop, task_seq, ref_year, cell=True)
        pos = stop
    out += _scan(text, pos, end, task_seq, ref_year, cell=False)
    return out


def _scan(
    text: str, start: int, end: int, task_seq: int, ref_year: int | None, *, cell: bool
) -> list[Deadline]:
    if start >= end:
        return []
    out = _dates(text, start, end, task_seq, ref_year, cell=cell)
    taken = [(d.char_start, d.char_end) for d in out]
    for kind, found in (
        ("recurring", _recurring(text, start, end, cell)),
        ("ongoing", _ongoing(text, start, end, cell)),
    ):
        for s, e in found:
            if all(e <= a or s >= b for a, b in taken):
                out.append(Deadline(task_seq, text[s:e], None, kind, s, e))
                taken.append((s, e))
    return out


# ---------------------------------------------------------------- dates


def _dates(
    text: str, start: int, end: int, task_seq: int, ref_year: int | None, *, cell: bool
) -> list[Deadline]:
    out: list[Deadline] = []
    for m in date_matches(text, start, end):
        opens = _range_start(text, m, start) if cell else None
        if not _plausible(text, m, start, end, cell, ranged=opens is not None):
            continue
        due = _due_date(m, _range_year(text, m, start) or _block_year(text, m, start) or ref_year)
        if due is _INVALID or (not cell and _as_of(text, m, end, due, ref_year)):
            continue
        at = m.start() if opens is None else opens
        out = [d for d in out if d.char_end <= at]  # a range's start gives way to its end
        out.append(Deadline(task_seq, text[at : m.end()], due, "by_date", at, m.end()))
    if cell and not out:
        out = _numeric_dates(text, start, end, task_seq)
    return out


def _as_of(
    text: str, m: regex.Match[str], end: int, due: date | None, ref_year: int | None
) -> bool:
    """截至2019年12月底，全市完成…: a state as of a date no later than the notice's year is
    reported, not due (截至2025年底 in a 2023 notice, 截至…前, 截至…完成 still are due)."""
    rules = compiled().rules
    if m.group("pre") not in rules.as_of_prefixes or m.group("suf") or due is None:
        return False
    if _cued(text, m.end(), end):
        return False
    return ref_year is not None and due.year <= ref_year


def _range_start(text: str, m: regex.Match[str], start: int) -> int | None:
    """Where the range ending with ``m`` begins (2024—2025年, 2023年至2025年, 6-12月), if it
    is one."""
    c = compiled()
    pre = m.group("pre")
    if pre in c.rules.range_joins:
        join = m.start()
    elif m.start() > start and text[m.start() - 1] in c.rules.range_joins:
        join = m.start() - 1
    else:
        return None
    found = c.range_start.search(text, max(start, join - 16), join)
    return None if found is None else found.start()


def _range_year(text: str, m: regex.Match[str], start: int) -> int | None:
    """The year a range's start prints, for its end that prints none ("2021年3月7日-3月10日",
    "2021年3月7日至3月10日前"): the end falls in it, not in the notice's year."""
    if m.group("year") or m.group("yonly"):
        return None
    opens = _range_start(text, m, start)
    year = None if opens is None else HEAD_YEAR.match(text, opens)
    return int(year.group()) if year else None


def _block_year(text: str, m: regex.Match[str], start: int) -> int | None:
    """The year of the last block label before a date printing none, within its text
    ("2020年任务：一是4月底前完成…" → 2020)."""
    if m.group("year") or m.group("yonly"):
        return None
    labels = list(compiled().year_block.finditer(text, start, m.start()))
    return int(labels[-1]["year"]) if labels else None


def _numeric_dates(text: str, start: int, end: int, task_seq: int) -> list[Deadline]:
    """2023.12 → 2023-12-31, 2023-06-30 → 2023-06-30 (a cell's numeric dates)."""
    out = []
    for m in NUMERIC.finditer(text, start, end):
        year, month = int(m["y"]), int(m["m"])
        try:
            due = date(year, month, int(m["d"]) if m["d"] else calendar.monthrange(year, month)[1])
        except ValueError:
            continue
        out.append(Deadline(task_seq, m.group(), due, "by_date", m.start(), m.end()))
    return out


_INVALID = date.min


def date_matches(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """The non-empty matches of ``date.finditer(text, start, end)``, tried only near anchors.

    Every match holds an anchor character within its first ``max_chars``, so the next
    match starts at most ``max_chars - 1`` before the next anchor; the grammar has no
    look-around, so a window of ``max_chars`` after that anchor reads the same.
    """
    c = compiled()
    pos = start
    while pos < end:
        anchor = c.anchor.search(text, pos, end)
        if anchor is None:
            return
        at = anchor.start()
        m = c.date.search(text, max(pos, at - c.max_chars + 1), min(end, at + c.max_chars))
        if m is None or m.start() > at:
            pos = at + 1  # no match starts at or before this anchor
        else:
            yield m  # never empty: every branch of the grammar reads a character
            pos = m.end()


_COUNTING = "一二两三四五六七八九十几数多"  # numerals counting years before 年内


def _plausible(
    text: str, m: regex.Match[str], start: int, end: int, cell: bool, *, ranged: bool = False
) -> bool:
    """Reject fragments; in a body, demand a deadline marker."""
    g = m.groupdict()
    if not (g["year"] or g["yonly"] or g["month"] or g["period"] or g["ypart"] or g["plan"]):
        return False
    if g["ypart"] in ("底", "末", "内") and not g["year"]:
        return False  # a bare 底/内 is no date
    before = text[m.start() - 1] if m.start() > start else ""
    if not ranged and before and (before.isdigit() or before in "-－—–~～"):
        return False  # the second year of a range (2010-2020年) or part of a number
    if before and before in _COUNTING and text.startswith("年", m.start()):
        return False  # 两年内, 三年内: a span of years counted, not this year
    if m.end() < end and text[m.end()].isdigit():
        return False
    rules = compiled().rules
    if text.endswith(tuple(rules.done_markers), start, m.start() + len(g["pre"] or "")):
        return False  # 已于2014年5月30日通车: the date work was done, not due
    if cell:
        return True
    if rules.relative_years.get(g["year"] or g["yonly"] or "", 0) < 0:
        return False  # 去年末城镇登记失业率为4.02%: a year behind reports work done
    reported = text.startswith(tuple(rules.report_verbs), m.end(), end)
    if reported or _fronted_report(text, m.end(), end):
        return False  # 并于9月10日前报迎检办: the date of a report, not the task's
    pre = g["pre"] if g["pre"] not in rules.weak_prefixes else None
    marked = pre or g["suf"] or g["qpart"] or g["ypart"] or g["plan"]
    marked = marked or g["mpart"] in ("底", "末", "下旬", "中旬", "上旬")
    return bool(marked or _cued(text, m.end(), end) or _bracketed_after_work(text, m, start, end))


def _bracketed_after_work(text: str, m: regex.Match[str], start: int, end: int) -> bool:
    """A date alone in brackets after the work it closes ("…确保试点项目按期完成竣工验收
    (2015年5月)"): its due date. A bracket opening the text dates nothing."""
    opens, closes = m.start() - 1, m.end()
    return (
        bool(m.group("month"))  # a year alone in brackets is a title's or a plan's: 规划(2015年)
        and start < opens
        and closes < end
        and text[opens] in "（("
        and text[closes] in "）)"
        and bool(_WORK_BEFORE.search(text, max(start, opens - 2), opens))
    )


_WORK_BEFORE = regex.compile(r"\p{Han}{2}")  # the work's last words before the bracket


_FRONTED = regex.compile(r"[将把][^，,。；;\n]{1,30}?(?:报送|上报|报告|报至|报给)")


def _fronted_report(text: str, at: int, end: int) -> bool:
    """A date whose clause fronts what is reported before its verb (于12月20日前将完成情况
    报送区政府): the date of a report, as a verb right after the date would make it."""
    return _FRONTED.match(text, at, end) is not None


def _cued(text: str, at: int, end: int) -> bool:
    """A completion cue right after the date, or after an adverb (2009年上半年全部建成)."""
    return compiled().cue.match(text, at, end) is not None


def _due_date(m: regex.Match[str], ref_year: int | None) -> date | None:
    g = m.groupdict()
    rules = compiled().rules
    if g["plan"]:
        return date(rules.plan_periods[g["plan_name"]], 12, 31)
    year = _year(g["year"] or g["yonly"], ref_year)
    if year is None:
        return None
    try:
        if g["month"]:
            month = int(parse_number(g["month"].rstrip("份").rstrip("月")) or 0)
            if g["day"]:
                return date(year, month, _day_of(year, month, g["day"]))
            day = rules.month_parts.get(g["mpart"] or "底")
            return date(year, month, day or calendar.monthrange(year, month)[1])
        if g["period"]:
            month, day = rules.periods[g["period"]]
            return date(year, month, day)
        if g["holiday"]:
            return _holiday(rules.holidays[g["holiday"]], year)
        return date(year, 12, 31)
    except (ValueError, TypeError):
        return _INVALID


def _day_of(year: int, month: int, printed: str) -> int:
    """The day a date prints, a day past its month's end (9月31日, 2月30日: a slip) read as
    that end; a day no month has stays invalid."""
    day = int(parse_number(printed[:-1]) or 0)
    if 1 <= month <= 12 and 28 < day <= 31:
        return min(day, calendar.monthrange(year, month)[1])
    return day


def _holiday(day: tuple[int, int] | dict[int, tuple[int, int]], year: int) -> date | None:
    """The date of a holiday in ``year``: its fixed day, or its day in the table of a lunar
    one (None for a year the table does not hold)."""
    month_day = day.get(year) if isinstance(day, dict) else day
    return None if month_day is None else date(year, *month_day)


def _year(token: str | None, ref_year: int | None) -> int | None:
    if token is None:
        return ref_year
    rules = compiled().rules
    if token in rules.relative_years:
        return None if ref_year is None else ref_year + rules.relative_years[token]
    value = parse_number(token.removesuffix("度").removesuffix("年"))
    return None if value is None else int(value)


# ---------------------------------------------------------------- recurring, ongoing


def _recurring(text: str, start: int, end: int, cell: bool) -> list[tuple[int, int]]:
    c = compiled()
    out = []
    for m in c.recurring.finditer(text, start, end):
        window = text[m.end() : min(end, m.end() + c.rules.recurring_cue_window)]
        if cell or any(cue in window for cue in c.rules.recurring_cues):
            out.append((m.start(), m.end()))
    return out


def _ongoing(text: str, start: int, end: int, cell: bool) -> list[tuple[int, int]]:
    out = []
    for m in compiled().ongoing.finditer(text, start, end):
        alone = (m.start() == start or text[m.start() - 1] in BOUNDARY) and (
            m.end() == end or text[m.end()] in BOUNDARY
        )
        if cell or alone:
            out.append((m.start(), m.end()))
    return out


# ---------------------------------------------------------------- the notice's year


def is_reported(trap: str) -> bool:
    """Whether a trap of rules/traps.yaml marks a report of the work, where no date falls due
    (rules/deadlines.yaml report_traps)."""
    return trap in compiled().rules.report_traps


def reference_year(meta: Metadata, text: str) -> int | None:
    """The year a date without one (年底前, 6月底前) falls in: the notice's publish date, else
    the year of its title, of its 文号 (〔2021〕), of a short line at its head (a heading
    such as 2024年…清单 above an undated table), or of the latest 文号 the text cites (a
    notice carrying out 昆政发〔2016〕13号 is of 2016 or later)."""
    if meta.publish_date:
        return meta.publish_date.year
    found = HEAD_YEAR.search(meta.title or "") or DOC_NUMBER_YEAR.search(meta.doc_number or "")
    if found:
        return int(found.group(1) if found.re is DOC_NUMBER_YEAR else found.group(0))
    lines = [line.strip() for line in text[:2000].split("\n") if line.strip()][:HEAD_LINES]
    for line in lines:
        found = HEAD_YEAR.search(line, 0, HEAD_LINE_CHARS)
        if found and not {"。", "《"} & set(line[: found.start()]):
            return int(found.group(0))  # not a year of a document cited: 根据《2016年…》
    cited = [int(m.group(1)) for m in DOC_NUMBER_YEAR.finditer(text)]
    return max(cited) if cited else None


# A year the text names as a time, not as a horizon or a due date: 2018年，我们继续…
_NAMED_YEAR = regex.compile(
    r"(?<![\d.．/／\-—–－~～])((?:19|20)\d{2})年(?![\d\-—–－~～至到])"
    r"(?!(?:度)?(?:[上下]半年|[一二三四1-4]季度|\d{1,2}月)?(?:\d{1,2}[日号])?(?:年?[底末])?(?:之?前|以前|[底末]))"
)
_HORIZON_REACH = 4  # characters before a year where a horizon word (到, 力争, 预计…) stands


def text_year(text: str) -> int | None:
    """For a notice that prints no date, title year or 文号: the year its text names most
    often as a time, the latest of a tie ("从2016年开始…2018年，我们继续…" → 2018), not one
    it aims at (到2020年, 力争2020年, 2019年底前), one inside a title cited (《2016年…》) or
    one standing alone in a cell (a 完成时限). A guess, which ``diagnose`` reports."""
    horizon = compiled().horizon
    years: Counter[int] = Counter()
    for m in _NAMED_YEAR.finditer(text):
        before = text[max(0, m.start() - _HORIZON_REACH) : m.start()]
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start : end if end >= 0 else len(text)]
        cited = text.count("《", start, m.start()) > text.count("》", start, m.start())
        if horizon.search(before) or cited or line.strip(" |│") == m.group(0):
            continue
        years[int(m.group(1))] += 1
    return max(years, key=lambda y: (years[y], y)) if years else None


_CLAUSE = regex.compile(r"[^。；;，,\n]+")


def stated_deadline(text: str, start: int, end: int, ref_year: int | None) -> Deadline | None:
    """The one due date the text before the tasks (``text[start:end]``) states for all of
    them ("…并于5月20日前将问题整改完成"), or None: a clause with a cue of ``stated_cues``,
    no reporting verb, and one date."""
    rules = compiled().rules
    found: list[Deadline] = []
    view = to_simplified(text[start:end])
    if not compiled().time_words.search(view):
        return None  # no cue, time noun or window's join: decided before reading any clause
    for m in _CLAUSE.finditer(view):
        clause = m.group(0)
        if not any(cue in clause for cue in rules.stated_cues):
            continue
        if any(cue in clause for cue in rules.recurring_cues):
            continue
        dated = extract_deadlines(text, start + m.start(), start + m.end(), 0, ref_year)
        found += [d for d in dated if d.due_date is not None]
    found += _time_headed(text, view, start, ref_year)
    return found[0] if len({d.due_date for d in found}) == 1 else None  # said once, or repeated


_TIME_LINE_MAX = 30  # the line of dates under such a heading is short


def _time_headed(text: str, view: str, start: int, ref_year: int | None) -> list[Deadline]:
    """The time of all the work, read as a cell, its window's end the due date: the dates of a
    short line under a heading that names it ("一、检查整改时间" over "2021年3月7日-3月10日"),
    of the rest of a clause that names it ("专项行动时间为2016年12月1日至2017年2月28日"), or
    of a window the work is done in ("于8月1日到9月30日开展…专项行动"). ``view`` is the
    simplified copy of the text from ``start`` on."""
    rules = compiled()
    found: list[Deadline] = []
    previous = ""
    at = start
    lines = zip(text[start : start + len(view)].split("\n"), view.split("\n"), strict=True)
    for line, simple in lines:
        headed = rules.time_heading.search(previous)
        if headed and 0 < len(line.strip()) <= _TIME_LINE_MAX:
            found += _dated_cell(text, at, at + len(line), ref_year)
        for m in rules.time_clause.finditer(simple):
            clause = _CLAUSE.match(line, m.end())
            if clause and len(clause.group()) <= _TIME_LINE_MAX:
                found += _dated_cell(text, at + m.end(), at + clause.end(), ref_year)
        for m in rules.time_window.finditer(simple):
            found += _dated_cell(text, at + m.start("window"), at + m.end("window"), ref_year)
        previous = simple if simple.strip() else previous
        at += len(line) + 1
    return found


def dated_lines(text: str, ref_year: int | None) -> list[Deadline]:
    """Lines that print a due date only, closed by a colon, over the items after them ("到2015年
    底:" over "1.完成6万个村庄的综合整治。"): each line's date, read as a cell."""
    found = []
    view = to_simplified(text)
    for colon in _LINE_CLOSING_COLON.finditer(view):  # few lines close on a colon: look back
        line_start = view.rfind("\n", 0, colon.start()) + 1
        m = _DATED_LINE.fullmatch(view, line_start, colon.start())
        if m:
            dated = _dated_cell(text, m.start("date"), m.end("date"), ref_year)
            found += dated[:1] if len(dated) == 1 else []
    return found


_LINE_CLOSING_COLON = regex.compile(r"[：:](?=[ \t]*(?:\n|$))")
_DATED_LINE = regex.compile(r"[ \t]*(?P<date>(?:到|至|于|在)?[^\n：:，,。]{3,14}?)")


def _dated_cell(text: str, start: int, end: int, ref_year: int | None) -> list[Deadline]:
    dated = extract_deadlines(text, start, end, 0, ref_year, cell=True)
    return [d for d in dated if d.due_date is not None]
