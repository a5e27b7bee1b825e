"""Targets: the quantities a task commits to (培养800名…, 增长6.2%左右, 不少于10位, 15－20名).

Grammar, per number token in the region::

    [period …] [subject] [comparator | verb] NUMBER [range] [多/余] UNIT[/UNIT] [qualifier] [object]

A magnitude before a counted noun takes the noun's counting word as unit (25万贫困户 → 万户);
a quantity after a joiner (…12所学校和30个专业, 分别增长8%和10%) is a sibling of the one
before it and a 分别 subject is shared out among siblings; a starting level (从10.23年提高到…)
is refused.
Units, comparators, verbs and periods are data (rules/quantities.yaml); numbers that are
never targets (names, plan periods, ordinals, dates, ages …) are data too (rules/traps.yaml)
and come back as ``RejectedNumber`` records with the trap's name as reason.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import regex

from pipeline.records import RejectedNumber, Target
from pipeline.stages.agency_names import units_closing
from pipeline.stages.numbers import DIGITS, parse_cn_range, parse_number
from pipeline.stages.quantity_grammar import (
    BOUND_KINDS,
    CN_BIG,
    FROM_REACH,
    HAN,
    LIST_MARKER,
    OBJECT_START,
    TOKEN,
    QuantityRules,
    TrapRules,
    grammar,
)
from pipeline.stages.quantity_traps import overlapping, trap_at, trap_spans, traps_in

__all__ = [
    "TOKEN",
    "QuantityRules",
    "TrapRules",
    "distinct_targets",
    "extract_targets",
    "grammar",
    "trap_spans",
]

# ---------------------------------------------------------------- parse pieces


@dataclass(frozen=True)
class _Unit:
    printed: str
    base: str
    factor: float
    end: int
    inner: str | None  # 多/余 comparator
    per: str = ""  # a denominator as printed (/亩), part of ``printed``


@dataclass(frozen=True)
class _Number:
    start: int
    end: int  # end of the last numeral (range included)
    low: float
    high: float
    is_range: bool
    unit: _Unit
    percent_word: bool


@dataclass(frozen=True)
class _Pre:
    comparators: tuple[str, ...]
    change: str  # change verbs as printed, kept in the object
    subject: str | None
    subject_start: int
    clause_start: int
    period: str | None
    approx: bool


def _read_unit(text: str, pos: int, end: int, magnitude: str = "") -> _Unit | None:
    """Unit at ``pos``: a base unit, or a magnitude + base unit; 多/余 may sit inside."""
    g = grammar()
    inner, pos = _inner(text, pos, end, None)
    b = g.base_unit.match(text, pos, end)
    if b:
        return _make_unit(magnitude, b.group(), b.end(), inner, _per(text, b.end(), end))
    for mag in g.magnitudes_longest_first:
        if not text.startswith(mag, pos, end):
            continue
        inner2, after = _inner(text, pos + len(mag), end, inner)
        b = g.base_unit.match(text, after, end)
        if b:
            per = _per(text, b.end(), end)
            return _make_unit(magnitude + mag, b.group(), b.end(), inner2, per)
    return None


def _per(text: str, pos: int, end: int) -> str:
    """A denominator right after a unit (/人, /亩, ／万元), else ""."""
    g = grammar()
    if pos >= end or text[pos] not in g.first_chars["per"]:
        return ""
    m = g.per.match(text, pos, end)
    return m.group() if m else ""


def _counted_unit(text: str, number: int, pos: int, end: int, magnitude: str) -> _Unit | None:
    """[多] magnitude [多] NOUN: the counting word of the noun's head is the unit
    (25万贫困户 → 万户, 110万贫困人口 → 万人); a bare magnitude counts the noun right before
    the number (贫困人口减少1109万).  None without a magnitude or a known head."""
    g = grammar()
    if not magnitude and (pos >= end or text[pos] not in g.first_chars["magnitude"]):
        return None
    inner, pos = _inner(text, pos, end, None)
    if not magnitude:
        m = g.magnitude.match(text, pos, end)
        if m is None:
            return None
        magnitude, pos = m.group(), m.end()
        inner, pos = _inner(text, pos, end, inner)
    if HAN.match(text, pos, end) and not g.post.match(text, pos, end):
        unit = _head_after(text, pos, end)
    else:
        unit = _head_before(text, number)
    return None if unit is None else _make_unit(magnitude, unit, pos, inner)


def _counting_word(head: regex.Match[str]) -> str:
    return grammar().counted_units[int((head.lastgroup or "c0")[1:])]


def _head_after(text: str, pos: int, end: int) -> str | None:
    g = grammar()
    head = g.counted.search(text, pos, min(end, pos + g.rules.counted_noun_window))
    if head is None or any(c in g.segment_stops for c in text[pos : head.start()]):
        return None
    return _counting_word(head)


def _head_before(text: str, number: int) -> str | None:
    """The counted noun ending just before the number, only verbs between."""
    g = grammar()
    floor = clause_start(
        text, number, max(0, number - 2 * g.rules.counted_noun_window), g.last_narrow_boundary
    )
    heads = list(g.counted.finditer(text, floor, number, overlapped=False))
    if not heads or not g.pre_words.fullmatch(text, heads[-1].end(), number):
        return None
    return _counting_word(heads[-1])


def _inner(text: str, pos: int, end: int, current: str | None) -> tuple[str | None, int]:
    m = grammar().inner.match(text, pos, end)
    return (grammar().rules.inner_qualifiers[m.group()], m.end()) if m else (current, pos)


def _make_unit(magnitude: str, base: str, end: int, inner: str | None, per: str = "") -> _Unit:
    factor = 1.0
    if magnitude:
        factor = grammar().rules.magnitudes.get(magnitude) or parse_number("1" + magnitude) or 1.0
    return _Unit(magnitude + base + per, base, factor, end + len(per), inner, per)


def _value(token: str) -> tuple[float | None, str]:
    """(value, magnitude kept for the unit): 一千二百万 → (1200, 万)."""
    if token.startswith("百分之"):
        return parse_number(token), ""
    if not token[0].isdigit():
        for big in CN_BIG:
            rest = token[: -len(big)]
            if token.endswith(big) and rest:
                value = parse_number(rest)
                if value is not None:
                    return value, big
    return parse_number(token), ""


def _read_number(text: str, m: regex.Match[str], end: int, signed: bool = True) -> _Number | None:
    """[SIGN] NUMBER [UNIT | magnitude] [SEP [SIGN] NUMBER] UNIT at a token match."""
    token = m.group()
    pct_word = token.startswith("百分之")
    cn_range = parse_cn_range(token)
    low, mag = (cn_range[0], "") if cn_range else _value(token)
    if low is None:
        return None
    unit1 = _Unit("%", "%", 1.0, m.end(), None) if pct_word else _read_unit(text, m.end(), end, mag)
    if cn_range:
        return None if unit1 is None else _Number(m.start(), m.end(), *cn_range, True, unit1, False)
    sign = _sign(text, m.start()) if signed else 1
    low, start = sign * low, m.start() - (sign < 0)
    mag1 = "" if unit1 or mag else _magnitude_at(text, m.end(), end)
    after = unit1.end if unit1 else m.end() + len(mag1)
    n = _read_range(text, after, end, low, unit1, mag1, signed)
    if n is None and unit1 is None and (token[0].isdigit() or token[0] in DIGITS):
        unit1 = _counted_unit(text, m.start(), m.end(), end, mag)  # not 百万农户, 万名
    if n is None and unit1 is not None:
        n = _Number(start, m.end(), low, low, False, unit1, pct_word)
    if n is None:
        return None
    if n.low < 0 and grammar().unit_kind[n.unit.base] not in grammar().rules.signed_kinds:
        return _read_number(text, m, end, signed=False)  # a dash, not a sign: 2020年-2022年
    return _replace_start(n, start)


def _sign(text: str, at: int) -> int:
    """-1 when a minus sign stands right before ``at`` after a word (增幅-1.1%), else 1."""
    g = grammar()
    if at < 1 or text[at - 1] not in g.rules.negative_signs:
        return 1
    return -1 if at < 2 or g.negative_after.match(text, at - 2) else 1


def _magnitude_at(text: str, pos: int, end: int) -> str:
    """A bare magnitude after a number (1000万 in 1000万至2000万元)."""
    m = grammar().magnitude.match(text, pos, end)
    return m.group() if m else ""


def _read_range(
    text: str, pos: int, end: int, low: float, unit1: _Unit | None, mag1: str, signed: bool
) -> _Number | None:
    g = grammar()
    sep = g.range_sep.match(text, pos, end)
    if not sep:
        return None
    at = sep.end()
    sign = -1 if signed and at < end and text[at] in g.rules.negative_signs else 1
    m2 = TOKEN.match(text, at + (sign < 0), end)
    if not m2:
        return None
    high, mag = _value(m2.group())
    high = None if high is None else sign * high
    if high is None or high <= low:
        return None
    if m2.group().startswith("百分之"):
        unit2: _Unit | None = _Unit("%", "%", 1.0, m2.end(), None)
    else:
        unit2 = _read_unit(text, m2.end(), end, mag)
    if unit2 is None or (unit1 is not None and unit1.printed != unit2.printed):
        return None
    if mag1 and not unit2.printed.startswith(mag1):
        return None
    return _Number(0, m2.end(), low, high, True, unit2, False)


def _replace_start(n: _Number, start: int) -> _Number:
    return _Number(start, n.end, n.low, n.high, n.is_range, n.unit, n.percent_word)


# ---------------------------------------------------------------- context


def clause_start(text: str, pos: int, floor: int, last_stop: regex.Pattern[str]) -> int:
    """Just after the last stop character in [floor, pos), else floor."""
    m = last_stop.search(text, floor, pos) if pos > floor else None
    return m.end() if m else floor


def _read_pre(text: str, start: int, floor: int, region_start: int) -> _Pre:
    """Comparators and verbs right before the number, the subject, the period."""
    g = grammar()
    clause = clause_start(text, start, floor, g.last_narrow_boundary)
    marker = LIST_MARKER.match(text, clause, start)
    clause = marker.end() if marker else clause
    wide = clause_start(text, start, region_start, g.last_boundary)
    words, cut = [], start
    while cut > clause:
        m = g.pre_strip.search(text, clause, cut)
        if not m:
            break
        words.append(m.group().strip())
        cut = m.start()
    comparators = tuple(w for w in words if w in g.rules.pre_comparators)
    comparators += tuple(_near_comparators(text, max(clause, cut - 6), cut))
    change = "".join(reversed([w for w in words if w in g.rules.change_verbs]))
    subject, subject_start = _subject(text[clause:cut], clause)
    subject = ((subject or "") + change) or None
    found = g.periods.search(text, wide, start)
    period = found.group() if found else None
    approx = any(w in text[wide:start] for w in g.rules.clause_approx)
    return _Pre(comparators, change, subject, subject_start, clause, period, approx)


def _near_comparators(text: str, start: int, end: int) -> list[str]:
    """Bounds a short verb away from the number (至少建成3个): two-character words only."""
    window = text[start:end]
    found = [w for w in grammar().near_comparators if w in window]
    return [w for w in found if not any(w != o and w in o for o in found)]  # 不少于, not 少于


def _subject(span: str, offset: int) -> tuple[str | None, int]:
    """Clean a subject: no period, time words, leading verbs; after the last 的/等."""
    g = grammar()
    text = g.periods.sub("", span).strip()
    base = g.from_base.search(text)
    text = text[: base.start()] if base else text
    lead = len(span) - len(span.lstrip())
    changed = True
    while changed and text:
        changed = False
        for pattern in (g.time_prefix, g.subject_prefix):
            m = pattern.match(text)
            if m and m.end() > 0:
                text, lead, changed = text[m.end() :], lead + m.end(), True
    for word in g.rules.subject_cut_after:
        after = text[text.rfind(word) + len(word) :] if word in text else ""
        if after.strip(" \u3000、，,"):  # “充电驿站”1440个: a name closing on the number is it
            text = after
    text = text.strip(" \u3000、，,")
    if len(text) > g.rules.max_subject_chars:
        text = text[-g.rules.max_subject_chars :]
    return (text or None), offset + lead


def _read_object(text: str, pos: int, end: int) -> tuple[str | None, int]:
    """The noun phrase after the unit, up to a clause end or a stop word; 、 joins nouns."""
    g = grammar()
    limit = min(end, pos + g.rules.max_object_chars)
    i = object_end(text, pos, limit)
    obj = _without_units(_unclosed_tail(text[pos:i].rstrip("、")))
    if not obj or not OBJECT_START.match(obj) or _opens_clause(text, pos, i, end):
        return None, pos
    return obj, pos + len(obj)


def _without_units(obj: str) -> str:
    """An object less the bracket of unit names closing its clause (扶贫新村(市扶贫开发办))."""
    at = units_closing(obj, 0, len(obj))
    return obj if at is None else obj[:at]


def _unclosed_tail(obj: str) -> str:
    """An object without the closing bracket of a bracket opened before it ((含1家…项目))."""
    while obj and obj[-1] in ")）" and not any(c in obj for c in "(（"):
        obj = obj[:-1]
    return obj


def _opens_clause(text: str, pos: int, stop: int, end: int) -> bool:
    """A clause opener then a quantity (启动54万户…): the text after the unit is a new clause."""
    g = grammar()
    opener = g.clause_opener.match(text, pos, stop)
    m = TOKEN.match(text, opener.end(), stop) if opener else None
    if m is None or m.group() in g.trap_rules.indefinite_one:
        return False
    return _read_number(text, m, end) is not None


def object_end(text: str, pos: int, limit: int) -> int:
    """The first boundary, stop word (even one running past ``limit``), or joiner (、 和 及)
    before another number with a unit, in [pos, limit); else ``limit``."""
    g = grammar()
    reach = limit + g.longest_stop_word - 1
    while True:
        m = g.object_stop.search(text, pos, reach)
        if m is None or m.start() >= limit:
            return limit
        i, word = m.start(), m.group()
        if word not in g.joiners or _quantity_follows(text, m.end(), limit):
            return i
        pos = m.end()


def _quantity_follows(text: str, pos: int, limit: int) -> bool:
    """A number with a unit after a joiner, in the segment it opens (和30个专业,
    和农村实用人才100名)."""
    return grammar().number_unit.search(_segment(text, pos, limit)) is not None


def _segment(text: str, pos: int, end: int) -> str:
    i = pos
    stops = grammar().segment_stops
    while i < end and text[i] not in stops:
        i += 1
    return text[pos:i]


def _comparator(n: _Number, pre: _Pre, post: str | None) -> str:
    r = grammar().rules
    if n.is_range:
        return "range"
    pre_kinds = [r.pre_comparators[w] for w in pre.comparators]
    bounds = [k for k in [*pre_kinds, post, n.unit.inner] if k in BOUND_KINDS]
    if bounds:
        return bounds[0]
    if "approx" in (*pre_kinds, post) or pre.approx:
        return "approx"
    return "eq"


# ---------------------------------------------------------------- traps


# ---------------------------------------------------------------- extraction


def extract_targets(
    text: str,
    start: int,
    end: int,
    task_seq: int,
    traps: list[tuple[int, int, str]] | None = None,
) -> tuple[list[Target], list[RejectedNumber]]:
    """Targets in ``text[start:end]`` and the numbers refused on the way.

    ``traps`` (from ``trap_spans(text)``) saves scanning the traps once per region.
    """
    start, end = max(0, start), min(len(text), end)
    targets: list[Target] = []
    rejected: list[RejectedNumber] = []
    tokens = TOKEN.finditer(text, start, end)  # one scan: no token, no work
    first = next(tokens, None)
    if first is None:
        return targets, rejected
    traps = traps_in(text, start, end) if traps is None else overlapping(traps, start, end)
    consumed = start
    joined: list[bool] = []  # per target: a sibling of the one before (…8%和10%)
    for m in itertools.chain((first,), tokens):
        if m.start() < consumed:
            continue
        after = _after_joiner(text, targets[-1].char_end, m.start()) if targets else None
        outcome = _one(text, m, start, end, consumed, traps, task_seq, targets, after)
        if isinstance(outcome, Target):
            targets.append(outcome)
            joined.append(after is not None)
            consumed = max(m.end(), outcome.char_end)
        elif outcome is not None:
            rejected.append(outcome)
    return (_distribute(targets, joined) if any(joined) else targets), rejected


def distinct_targets(targets: list[Target]) -> list[Target]:
    """A task's targets, each stated once: a later one with the value, unit, comparator,
    object and period of an earlier one restates it (a task's title cell and its target
    cell: 全市生产总值增长8%左右 twice)."""
    seen: set[tuple] = set()
    out = []
    for t in targets:
        said = t.raw.rsplit(t.object, 1)[-1] if t.object else t.raw  # 开工400套 | 建成400套
        key = (t.value_min, t.value_max, t.unit, t.comparator, t.object, t.period, said)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _after_joiner(text: str, pos: int, number: int) -> int | None:
    """Where the text after a joiner starts, when only a joiner (and a comparator) stands
    between the previous target and this number; else None."""
    g = grammar()
    while pos < number and text[pos].isspace():
        pos += 1
    if pos >= number or text[pos] not in g.first_chars["joiner"]:
        return None
    m = g.joiner_split.match(text, pos, number)
    if m is None:
        return None
    rest = text[m.end() : number].strip()
    return m.end() if rest == "" or rest in g.rules.pre_comparators else None


def _distribute(targets: list[Target], joined: list[bool]) -> list[Target]:
    """Each run of siblings sharing a subject with 分别 takes the subject's parts in order."""
    out, i = list(targets), 0
    while i < len(out):
        j = i + 1
        while j < len(out) and joined[j]:
            j += 1
        if j - i > 1:
            out[i:j] = _pair_subject(_share_bound(out[i:j]))
        i = j
    return out


def _share_bound(group: list[Target]) -> list[Target]:
    """分别下降24%、25%以上: a bound after the last of distributed siblings bounds them all."""
    last = group[-1]
    lead = group[0].object or ""
    if last.comparator not in BOUND_KINDS or not grammar().distributive.search(lead):
        return group
    if any(t.comparator != "eq" or t.unit != last.unit for t in group[:-1]):
        return group
    upper = last.comparator in ("le", "lt")
    return [
        replace(
            t,
            comparator=last.comparator,
            value_min=None if upper else t.value_min,
            value_max=t.value_max if upper else None,
            value_min_base=None if upper else t.value_min_base,
            value_max_base=t.value_max_base if upper else None,
        )
        for t in group[:-1]
    ] + [last]


def _pair_subject(group: list[Target]) -> list[Target]:
    g = grammar()
    lead = group[0].object
    if not lead or any(t.object != lead for t in group[1:]):
        return group
    m = g.distributive.search(lead)
    if m is None:
        return group
    parts = [p for p in g.joiner_split.split(lead[: m.start()]) if p]
    if len(parts) != len(group):
        return group
    rest = lead[m.end() :]
    return [replace(t, object=p + rest) for t, p in zip(group, _share_head(parts), strict=True)]


def _share_head(parts: list[str]) -> list[str]:
    """城镇 / 农村居民人均可支配收入 → 城镇居民人均可支配收入 / 农村居民人均可支配收入: short
    parts of one length share what follows that length in the last part."""
    sizes = {len(p) for p in parts[:-1]}
    size = sizes.pop() if len(sizes) == 1 else 0
    if not 0 < size <= grammar().rules.shared_head_max_chars or len(parts[-1]) < size + 2:
        return parts
    head = parts[-1][size:]
    return [p + head for p in parts[:-1]] + parts[-1:]


def _reject(text: str, s: int, e: int, reason: str, task_seq: int) -> RejectedNumber:
    return RejectedNumber(task_seq, text[s:e], reason, s, e)


def _one(
    text: str,
    m: regex.Match[str],
    start: int,
    end: int,
    floor: int,
    traps: list[tuple[int, int, str]],
    task_seq: int,
    previous: list[Target],
    after_joiner: int | None,
) -> Target | RejectedNumber | None:
    """A target at one number token, a rejection, or None (a numeral inside a word)."""
    trap = trap_at(traps, m.start(), m.end())
    if trap:
        return _reject(text, m.start(), m.end(), trap, task_seq)
    n = _read_number(text, m, end)
    if n is None:
        is_arabic = m.group()[0].isdigit()
        return _reject(text, m.start(), m.end(), "no_unit", task_seq) if is_arabic else None
    trap = trap_at(traps, n.start, n.unit.end)
    if trap:
        return _reject(text, n.start, n.unit.end, trap, task_seq)
    sibling = previous[-1] if after_joiner is not None else None
    floor = floor if after_joiner is None else after_joiner
    context = grammar().context_traps  # 两侧500米范围内需要整治的村庄共59个: the target's
    floor = max([floor, *(e for s, e, name in traps  # phrase begins past where it stands
                          if name in context and floor <= s and e <= n.start)])
    return _build(text, n, start, end, floor, task_seq, previous, sibling)


def _build(
    text: str,
    n: _Number,
    start: int,
    end: int,
    floor: int,
    task_seq: int,
    previous: list[Target],
    sibling: Target | None,
) -> Target | RejectedNumber:
    g = grammar()
    pre = _read_pre(text, n.start, floor, start)
    q = g.post.match(text, n.unit.end, end)
    post = g.rules.post_qualifiers[q.group()] if q else None
    tail = q.end() if q else n.unit.end
    kind = g.unit_kind[n.unit.base]
    # after a bound only a count names its object (5个以上工业招商项目; 3个工作日内办结: a verb)
    no_object = kind == "percent" or (q is not None and kind != "count")
    obj, obj_end = (None, tail) if no_object else _read_object(text, tail, end)
    if obj is None:
        obj = pre.subject or (sibling.object if sibling else None) or _next_step(text, n, previous)
    else:
        tail = obj_end
    reason = _refusal(text, n, pre, obj, kind, start)
    if reason:
        return _reject(text, n.start, n.unit.end, reason, task_seq)
    if obj is None:
        obj = next((p.object for p in reversed(previous) if p.unit == n.unit.printed), None)
    comparator = _comparator(n, pre, post)
    low, high = _bounds(n, comparator)
    raw_start = _raw_start(text, n, pre, obj_from_pre=obj == pre.subject)
    f = n.unit.factor
    return Target(
        task_seq=task_seq,
        kind=kind,
        value_min=low,
        value_max=high,
        comparator=comparator,
        unit=n.unit.printed,
        object=obj,
        period=pre.period or (sibling.period if sibling else None),
        raw=text[raw_start:tail],
        char_start=raw_start,
        char_end=tail,
        value_min_base=None if low is None else _round(low * f),
        value_max_base=None if high is None else _round(high * f),
        unit_base=("%" if n.unit.base == "％" else n.unit.base) + n.unit.per,
    )


_NEXT_STEP = regex.compile(r"[，,]\p{Han}{1,4}")  # "开工400套，建成400套": a verb between


def _next_step(text: str, n: _Number, previous: list[Target]) -> str | None:
    """The object of the count just before, in the clause before, in the same unit: the
    clause goes on with the next step of the same work ("…项目开工400套，建成400套")."""
    if not previous or previous[-1].unit != n.unit.printed:
        return None
    last = previous[-1]
    gap = text[last.char_end : n.start]
    return last.object if _NEXT_STEP.fullmatch(gap) and "其中" not in gap else None


def _refusal(
    text: str, n: _Number, pre: _Pre, obj: str | None, kind: str, start: int
) -> str | None:
    g = grammar()
    token = text[n.start : n.end]
    if token in g.trap_rules.indefinite_one and not (pre.comparators or pre.period or n.is_range):
        return "indefinite_one"
    if obj in g.structural:
        return "structural_object"
    before = text[max(start, n.start - 4) : n.start]
    if before.endswith(g.enumeration_cues):
        return "enumeration"
    if kind == "count" and obj is None and n.unit.base not in g.rules.self_describing_units:
        return "no_object"
    if g.to_level.match(text, n.unit.end) and g.from_word.search(
        text, max(start, n.start - FROM_REACH), n.start
    ):
        return "from_base"
    return None


def _bounds(n: _Number, comparator: str) -> tuple[float | None, float | None]:
    if comparator in ("ge", "gt"):
        return n.low, None
    if comparator in ("le", "lt"):
        return None, n.high
    return n.low, n.high


def _raw_start(text: str, n: _Number, pre: _Pre, *, obj_from_pre: bool) -> int:
    g = grammar()
    s = pre.clause_start
    if n.start - s > g.rules.max_subject_chars:
        s = pre.subject_start if obj_from_pre else n.start
    while s < n.start and (text[s].isspace() or text[s] in g.narrow_boundaries or text[s] in "(（"):
        s += 1
    return s


def _round(value: float) -> float:
    return float(f"{value:.12g}")
