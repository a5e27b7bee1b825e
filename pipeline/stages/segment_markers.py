"""Item numbers in prose: where numbered items start (一、 （一） 1. （1）…), at a line's start,
after a sentence's end, or where a copy lost the line break before them; which of them
continue their style's sequence."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy
import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field, NormalizedDocument
from pipeline.stages.agency_names import unit_list
from pipeline.stages.numbers import outline_value
from pipeline.stages.roles import role_label_pattern, role_label_re
from pipeline.stages.segment_drafts import lstrip_ws, rstrip_ws
from pipeline.stages.segment_headings import UNIT_HEADING_MAX
from pipeline.stages.segment_rules import Style, compiled, number_at, number_label, text_lines
from pipeline.stages.table_cells import units_line


@dataclass(frozen=True)
class Marker:
    """A number opening an item: its style, value, where it and its text start."""

    style: Style
    value: int
    start: int
    body_start: int
    inline: bool
    label: str


def candidate_markers(
    text: str, start: int, end: int, breaks: Sequence[int] = ()
) -> list[Marker]:
    """Numbers at a line's start, after a sentence's end (inline), and at ``breaks``
    (positions where the source started a line that normalizing joined to the one before,
    or where a collapsed line lost its line breaks)."""
    found: dict[int, Marker] = {}
    styles = compiled().styles
    heads = {style.name: list(style.line_start.finditer(text, start, end)) for style in styles}
    inlines = {style.name: list(style.inline.finditer(text, start, end)) for style in styles}
    overs = {  # headings run into their first child ("…分解一、县城区办事处(一)积极…")
        style.name: _over_first_child(text, start, end, style, styles) for style in styles
    }
    broken = {  # numbers where a line break was lost
        style.name: [m for at in breaks if (m := style.exact.match(text, at, end))]
        for style in styles
    }
    for style in styles:
        matches = [(False, m) for m in heads[style.name]]
        matches += [(True, m) for m in inlines[style.name]]
        matches += [(False, m) for m in overs[style.name]]  # as sure as a line's start
        matches += [(False, m) for m in broken[style.name]]
        # headings of an outer rank: at a line's start, or a unit's heading run into its first
        # child ("…分解一、县城区办事处(一)…")
        outer = [
            h for o in styles if o.rank < style.rank
            for h in (*heads[o.name], *overs[o.name], *broken[o.name])
        ]
        matches += [(False, m) for m in _run_in_children(text, end, style, outer)]
        if style.name == "arabic":
            matches += [(False, m) for m in _bare_numbers(text, start, end)]
            # where a break was lost, a number that lost its mark too ("…政府)4完善…"): an item
            # only where it goes on from the one before (inline)
            matches += [(True, m) for at in breaks if (m := _bare_item().match(text, at, end))]
            matches += [(False, m) for m in _year_opened(text, start, end, heads[style.name])]
        for inline, m in matches:
            marker_start = m.start("value") if style.name == "arabic" else m.start()
            marker_start = _lstrip(text, marker_start if inline else m.start(), m.end())
            value = _number_value(m.group("value"))
            label = number_label(style.name, m.group(0).strip())
            candidate = Marker(style, value, marker_start, m.end(), inline, label)
            if _better(candidate, found.get(marker_start)):
                found[marker_start] = candidate
    return [found[k] for k in sorted(found)]


def _over_first_child(
    text: str, start: int, end: int, style: Style, styles: Sequence[Style]
) -> list[regex.Match]:
    """Numbers of ``style`` anywhere in a line whose words, a unit's name, run into the first
    number of the style under it: a unit's heading copied without its line break ("…职责分解
    一、县城区办事处(一)积极做好…")."""
    children = [c for c in styles if c.rank == style.rank + 1]
    if not children or style.rank > _OUTER_RANK_MAX:
        return []
    found = []
    for pair in _run_into_child(style.name).finditer(text, start, end):
        if not unit_list(pair.group("words")):
            continue  # the heading names the unit whose items follow (二、县建设局(一)…)
        firsts = (child.exact.match(text, pair.end("words"), end) for child in children)
        heading = style.exact.match(text, pair.start(), end)
        if heading and any(c and _number_value(c.group("value")) == 1 for c in firsts):
            found.append(heading)
    return found


@cache
def _run_into_child(name: str) -> regex.Pattern:
    """A number of style ``name``, words, then a number of a style one rank deeper, with no
    break between them (one search over the text instead of one a number)."""
    numbering = {n.name: n for n in compiled().rules.numbering}
    parent = numbering[name]
    inner = "|".join(
        f"(?:{n.pattern})" for n in numbering.values() if n.rank == parent.rank + 1
    )
    return regex.compile(rf"(?:{parent.pattern})(?P<words>\p{{Han}}{{2,20}})(?=(?:{inner}))")


_OUTER_RANK_MAX = 2  # 一、 and （一） head lists copied without breaks; deeper ranks rarely do


def _year_opened(
    text: str, start: int, end: int, heads: Sequence[regex.Match]
) -> list[regex.Match]:
    """Items opening on a year ("4、2007年科技活动周结束后，…"), which the style refuses (a page
    number before a title, "1、2021年…分解表"), taken where they go on from the item before
    at a line's start ("3、…")."""
    values = {_number_value(m.group("value")) for m in heads}
    return [
        m for m in _YEAR_OPENED.finditer(text, start, end)
        if _number_value(m.group("value")) - 1 in values
    ]


_YEAR_OPENED = regex.compile(r"(?m)^[ \t]*(?P<value>\d{1,2})\s*、(?=(?:19|20)\d{2}年)")


def _bare_numbers(text: str, start: int, end: int) -> list[regex.Match]:
    """Numbers printed with no mark before a line's title ("1优化就业创业服务", "01 项目名称:…"),
    taken where the next line opens with a role label (牵头单位:…), or, in a run counting up
    from 1, where one of the few lines under each does: a copy that lost the mark."""
    found, run, labelled_in_run = [], [], 0
    for m in _bare_number().finditer(text, start, end):
        window = text_lines(text, m.end(), min(end, m.end() + _UNDER_WINDOW))[1:]
        lines = [(s, e) for s, e in window if text[s:e].strip()][:_LABEL_LINES_UNDER]
        labelled = [role_label_re().match(text, lstrip_ws(text, s, e), e) for s, e in lines]
        if any(labelled[:1]):
            found.append(m)
        elif int(m["value"]) == len(run) + 1 and (any(labelled) or run):
            run.append(m)
            labelled_in_run += any(labelled)
    padded = all(m["value"].startswith("0") for m in run)  # 01 02 03: a list's own numbers
    if len(run) < 2 or labelled_in_run < (1 if padded else 2):
        return found
    return sorted([*found, *run], key=lambda m: m.start())


_LABEL_LINES_UNDER = 6  # an item's role label stands within this many lines under its number
_UNDER_WINDOW = 1500  # and within this many characters


@cache
def _bare_item() -> regex.Pattern:
    return regex.compile(compiled().rules.bare_item_number)


@cache
def _bare_number() -> regex.Pattern:
    return regex.compile(r"(?m)^[ \t]*" + compiled().rules.bare_item_number)


_RUN_IN_HEADING_MAX = 40  # a heading with the first item of the rank below run in after it


def _run_in_children(
    text: str, end: int, style: Style, headings: list[regex.Match]
) -> list[regex.Match]:
    """First numbers of ``style`` run into a heading line of an outer rank (``headings``:
    the numbers opening those lines), right after its words: "一、着力提升监测水平(一)增强
    监测能力1.坚持科学规划…" (a copy lost the breaks)."""
    found = []
    for heading in headings:
        stop = min(end, heading.end() + _RUN_IN_HEADING_MAX)
        line_end = text.find("\n", heading.end(), stop)
        stop = stop if line_end < 0 else line_end
        for m in style.exact.finditer(text, heading.end() + 2, stop, overlapped=True):
            if _run_in_first(text, m.start(), m):
                found.append(m)
                break
    return found


def _run_in_first(text: str, at: int, m: regex.Match) -> bool:
    """A number of its style right after a heading's words, before words of its own: the
    first (一、…(一)增强监测能力1.坚持…), or any in an excerpt whose numbering runs on across
    its headings ("(五)加快推进海绵城市建设行动 22.出台…")."""
    return _HAN.match(text, at - 1) is not None and _HAN.match(text, m.end()) is not None


_HAN = regex.compile(r"\p{Han}")


def _better(candidate: Marker, found: Marker | None) -> bool:
    """An outer style first; of one style, a marker at a line's start before an inline one."""
    if found is None or found.style.rank > candidate.style.rank:
        return True
    return found.style.rank == candidate.style.rank and found.inline and not candidate.inline


def unwrapped_breaks(doc: NormalizedDocument, start: int, end: int) -> list[int]:
    """Positions in [start, end) where the source broke the line and the text joined it
    (a wrapped line unwrapped): "(三)省编办牵头的工作\n1.深化…" reads "…的工作1.深化…"."""
    offsets, raw = doc.source_offsets, doc.source.raw_text
    jumps = numpy.flatnonzero(numpy.diff(numpy.asarray(offsets)[start:end]) > 1) + start + 1
    text = doc.text
    laid_out = doc.source.format == "pdf"  # a PDF's or a scan's lines break at the page's width
    return [
        int(p) for p in jumps
        if text[p - 1] != "\n" and "\n" in raw[offsets[p - 1] : offsets[p]]
        and not _inside_bracket(text, p) and (not laid_out or _line_ended(text, p))
    ]


def _inside_bracket(text: str, at: int) -> bool:
    """A bracket opened on the line before ``at`` and not closed: the source broke the line
    inside it (a scan's line wrapping "(此项工作由市水务局牵" over "头)"), no line ended."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


_LINE_END_MARKS = "。；;：:！？!?）)」”"


def _line_ended(text: str, at: int) -> bool:
    """A laid-out line broken before ``at`` ended there: after a mark closing a clause, or
    before a number opening an item; not inside a sentence the page's width wrapped ("全力推
    广循环" over "经济的理念")."""
    if text[at - 1] in _LINE_END_MARKS:
        return True
    return number_at(text, at) is not None


def lost_breaks(doc: NormalizedDocument, text: str, start: int, end: int) -> list[int]:
    """In lines holding a whole text run together (rules/segment.yaml: collapsed_line), the
    positions after a space (in the source or the text) where a number follows: there the
    line breaks were lost, "… 一、加快提振市场信心 (一)全面促进消费增长。 1.把恢复…"."""
    rule, styles = compiled().rules.collapsed_line, compiled().styles
    breaks: list[int] = []
    for s, e in text_lines(text, start, end) if end > start else []:
        if e - s < rule.short_length:
            continue
        bare: set[int] = set()  # where a number that lost its mark may follow
        if e - s < rule.min_length:  # after a sentence's end and a space (perhaps removed)
            gaps = doc.gaps_between(s, e)
            spaced = [s + m.end() for m in _short_after().finditer(text[s:e])]
            at = [*spaced, *(p for p in gaps if _short_mark().fullmatch(text[p - 1]))]
        else:
            spaced = [m.end() for m in regex.finditer(r"\S\s+", text[s:e])]
            bracketed = [m.start() for m in _BRACKETED.finditer(text, s, e)]  # (二): no space
            ended, bare = _ended_breaks(text, s, e)
            at = sorted({*doc.gaps_between(s, e), *(s + k for k in spaced), *bracketed, *ended})
        numbered = [
            p for p in at
            if any(st.exact.match(text, p, e) for st in styles)
            or (p in bare and _bare_item().match(text, p, e))
        ]
        if len(numbered) >= rule.min_markers:
            breaks += numbered
    return breaks


@cache
def _short_after() -> regex.Pattern[str]:
    """A sentence's or a label's end and a space, in a shorter run-on line."""
    return regex.compile(rf"(?:{compiled().rules.collapsed_line.short_after})[ \t\u3000]+")


@cache
def _short_mark() -> regex.Pattern[str]:
    return regex.compile(compiled().rules.collapsed_line.short_after)


# A bracketed Chinese numeral, distinct enough to mark an item anywhere in a run-on line
# ("…责任部门:建工科、安全站(二)小街巷专项整治…"); the sequence check keeps only items.
_BRACKETED = regex.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]")
# A sentence's or a bracket's end, where a run-on line's next item may follow with no space
# (…。2.制订…, …物价局)3.幼儿园…); sub-points after : or ； stay inline.
_ENDED = regex.compile(r"[。)）]")


def _ended_breaks(text: str, s: int, e: int) -> tuple[list[int], set[int]]:
    """In a run-on line, the positions right after a sentence's or a bracket's end with no
    space (…。2.制订… , …下同)2.制订…) where numbers of one style follow twice or more
    (one alone may be a list inside a sentence); and of those, where a number that lost its
    mark may follow (…政府)4完善…)."""
    ended = sorted(
        m.end()
        for m in _ENDED.finditer(text, s, e)
        if m.end() < e and not text[m.end()].isspace()
    )
    by_style: dict[str, list[int]] = {}
    for at in ended:
        number = number_at(text, at, e)
        if number:
            by_style.setdefault(number[0].name, []).append(at)
    kept = [at for found in by_style.values() if len(found) >= 2 for at in found]
    return kept, set(ended) if len(by_style.get("arabic", ())) >= 2 else set()


def _lstrip(text: str, at: int, limit: int) -> int:
    while at < limit and text[at] in " \t":
        at += 1
    return at


_BULLET_VALUE = 1  # a bullet has no number: each reads as the first, repeated


def _number_value(token: str) -> int:
    value = outline_value(token)
    if value is None and len(token) == 1 and not token.isalnum():
        return _BULLET_VALUE
    return value or 0


_SKIP_MAX = 20  # an item number at a line's start may skip this many numbers ahead


def accepted_markers(
    candidates: list[Marker], unit_led: frozenset[int] = frozenset()
) -> list[Marker]:
    """Keep markers that continue their style's sequence (or start or restart it at a line,
    or skip ahead at a line: an excerpt keeps the numbers of the list it is cut from, "5.…\n
    7.…\n18.…"; or repeat the last at a line, a slip). ``unit_led``: the candidates whose
    item opens on a unit; an inline run of them from 1 on is a list of duties of its own
    ("成员单位主要职责是:(1)发改局负责…。(2)规划分局负责…。(3)经贸局…")."""
    last: dict[str, int] = {}
    restarted: set[str] = set()  # styles whose numbers the last heading restarted
    accepted = []
    opens = _opens_inline_run(candidates)
    duties = _unit_led_runs(candidates, unit_led)
    for k, marker in enumerate(candidates):
        name, previous = marker.style.name, last.get(marker.style.name)
        follows = previous is not None and marker.value == previous + 1
        inline = marker.inline and not (k == 0 and opens) and k not in duties
        starts = not inline and (
            previous is None
            or marker.value == 1
            or (name in restarted and marker.value <= _RESTART_MAX)  # its 1 lost
        )
        skips = not marker.inline and previous is not None and (
            previous <= marker.value <= previous + _SKIP_MAX
        )  # a number printed twice at a line's start (3、…\n3、…) is a slip: its item stands
        if follows or starts or skips:
            accepted.append(marker)
            last[name] = marker.value
            restarted = {n for n in last if _rank(candidates, n) > marker.style.rank}
            restarted.discard(name)  # a heading restarts the numbers under it (二、 then 2、)
    return accepted




_RESTART_MAX = 2  # under a new heading, a list may open on its second item (its first lost)


def _rank(candidates: list[Marker], name: str) -> int:
    return next(m.style.rank for m in candidates if m.style.name == name)


_RUN_MIN = 3  # inline numbers in sequence, this many at least, make a list of their own


def _unit_led_runs(candidates: list[Marker], unit_led: frozenset[int]) -> set[int]:
    """The inline candidates of runs numbered from 1 in sequence, _RUN_MIN at least, most of
    them opening on a unit (规划、国土分局负责: fields sharing a unit's kind may open one)."""
    found: set[int] = set()
    runs: list[list[int]] = []
    for k, marker in enumerate(candidates):
        if not marker.inline:
            continue
        last = candidates[runs[-1][-1]] if runs else None
        if last and marker.style.name == last.style.name and marker.value == last.value + 1:
            runs[-1].append(k)
        elif marker.value == 1:
            runs.append([k])
    for run in runs:
        led = sum(k in unit_led for k in run)
        if len(run) >= _RUN_MIN and run[0] in unit_led and led >= _LED_SHARE * len(run):
            found.update(run)
    return found


_LED_SHARE = 2 / 3


def _opens_inline_run(candidates: list[Marker]) -> bool:
    """Whether the first marker is inline and opens a run of its style's numbers in sequence
    ("[接上页]5.城镇体系规划。…6.基础设施…。7.…": a scan's page run onto one line, its first
    number after no sentence's end); a run after another marker is that item's points."""
    if not candidates or not candidates[0].inline:
        return False
    first = candidates[0]
    value, count = first.value, 1
    for other in candidates[1:]:
        if other.style.name == first.style.name and other.value == value + 1:
            value, count = other.value, count + 1
            if count >= _RUN_MIN:
                return True
    return False


def unit_heading_line(text: str, marker: Marker, following: Marker) -> tuple[int, int] | None:
    """The line ending ``marker``'s item that names only units, when the list restarts after
    it (八、… then 市卫生局 then 一、…): the heading of the items after it, as a line "三、省委
    政法委" heads them; None otherwise (a closing line of units, the list going on after it)."""
    if not _restarts(marker, following):
        return None
    found = _last_units_line(text, marker.body_start, following.start)
    if found is None:  # "市劳动和社会保障局" then its remit, "负责农民工工资的清欠工作。"
        remit = _remit_line(text, marker.body_start, following.start)
        found = remit and _last_units_line(text, marker.body_start, remit[0])
    return found


def _remit_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The item's last line when it states a unit's remit in one sentence (负责…。)."""
    lines = [s for s in text_lines(text, start, end) if text[slice(*s)].strip()]
    if len(lines) < 3:
        return None
    line = text[slice(*lines[-1])].strip()
    return lines[-1] if _REMIT.match(line) and line.count("。") <= 1 else None


_REMIT = regex.compile(r"(?:主要|具体)?(?:负责|承担)\p{Han}")


def _restarts(marker: Marker, following: Marker) -> bool:
    return following.value == 1 and marker.value >= 2 and following.style.rank <= marker.style.rank


def closing_unit_lines(
    text: str, markers: Sequence[Marker], end: int
) -> list[tuple[int, int] | None]:
    """Per marker, the line of units that closes its group of items, where a table's unit
    cell was printed after the numbered items of its row (1.… 2.… 3.… then 机关纪委, the list
    restarting): the list's last item closes on such a line too, so none of these lines
    heads the items after it. All None where the notice is not printed so."""
    owned: list[tuple[int, int] | None] = [None] * len(markers)
    if len(markers) < 2:
        return owned
    ends = [*(m.start for m in markers[1:]), end]
    last = _last_units_line(text, markers[-1].body_start, end)
    if last is None:
        return owned  # decided before reading any other item
    lines: dict[int, tuple[int, int] | None] = {len(markers) - 1: last}
    for i, (m, f) in enumerate(itertools.pairwise(markers)):
        if _restarts(m, f):
            lines[i] = _last_units_line(text, m.body_start, ends[i])
    closers = [i for i in range(len(markers) - 1) if lines.get(i)]
    if not closers:
        return owned
    begin = 0
    for close in [*closers, len(markers) - 1]:
        style = markers[close].style.name
        group = [i for i in range(begin, close + 1) if markers[i].style.name == style]
        first = max((i for i in group if markers[i].value == 1), default=begin)
        group = [i for i in group if i >= first]
        if not role_label_re().search(text, markers[group[0]].start, ends[close]):
            for i in group:
                owned[i] = lines[close]
        begin = close + 1
    return owned


def _last_units_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The item's last line, when it is not its first and names only units."""
    spans = text_lines(text, start, end)
    lines = [s for s in spans if text[slice(*s)].strip()]
    if len(lines) < 2:
        return None  # the item's own first line
    return units_heading(text, *lines[-1]) or labelled_heading(text, *lines[-1])


def labelled_heading(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The line [start, end) when it names what the items under it concern and then, in
    brackets, their units by a role label ("胖东来时代广场(责任单位:魏都区,市消防支队)" over
    the problems found there): its span."""
    start, end = lstrip_ws(text, start, end), rstrip_ws(text, start, end)
    return (start, end) if _labelled_heading().fullmatch(text, start, end) else None


@cache
def _labelled_heading() -> regex.Pattern[str]:
    return regex.compile(
        rf"[^。；;，,：:\n（()）]{{2,{UNIT_HEADING_MAX}}}[（(]\s*(?:{role_label_pattern()})"
        r"[^（）()\n]{2,80}[)）]"
    )


def units_heading(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The line [start, end) when it names only units, perhaps closed by a colon
    ("南溪区：" over its items): its span without the colon."""
    while end > start and text[end - 1] in "：: \t":
        end -= 1
    line = text[start:end].strip()
    if not line or len(line) > UNIT_HEADING_MAX or role_label_re().search(line):
        return None
    named = units_line(text, (start, end)) or unit_list("".join(line.split()))
    return (start, end) if named else None  # 市劳动和社会保障局: one name holding 和



def heads_restart(text: str, marker: Marker, following: Marker | None) -> bool:
    """An item 1 of one short line followed by another item 1 of its style heads that list,
    a column of numbered headings flattened beside a column of numbered items
    ("1.持续深化理论武装(8分)" then "1.把学习…")."""
    if following is None or marker.value != 1 or following.value != 1:
        return False
    if following.style.name != marker.style.name:
        return False
    line = text[marker.body_start : following.start].strip()
    return len(line) <= _HEADING_LINE_MAX and "\n" not in line and "。" not in line


def closed_by(
    text: str, marker: Marker, end: int, units: tuple[int, int] | None
) -> tuple[Field, ...]:
    """An item closed by its group's line of units: its body, and those units."""
    if units is None:
        return ()
    start = lstrip_ws(text, marker.body_start, end)
    body = Field(FieldKind.BODY, start, rstrip_ws(text, start, end))
    return (body, Field(FieldKind.EITHER, *units))


_HEADING_LINE_MAX = 30  # a numbered heading line over a restarted list is short
