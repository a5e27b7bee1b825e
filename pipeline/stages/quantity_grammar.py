"""The target grammar compiled from rules/quantities.yaml and rules/traps.yaml (used by
pipeline/stages/quantities.py): rule models, number tokens and the compiled patterns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.rules import Pattern, RuleModel, load_rules
from pipeline.stages.numbers import CN_NUMERAL_CHARS

# ---------------------------------------------------------------- rules


class QuantityRules(RuleModel):
    units: dict[str, list[str]]
    unit_lookalikes: list[str]
    magnitudes: dict[str, float]
    range_separators: list[str]
    negative_signs: list[str]
    negative_after: Pattern
    signed_kinds: list[str]
    inner_qualifiers: dict[str, str]
    post_qualifiers: dict[str, str]
    pre_comparators: dict[str, str]
    clause_approx: list[str]
    change_verbs: list[str]
    level_verbs: list[str]
    self_describing_units: list[str]
    periods: list[str]
    subject_prefixes: list[str]
    subject_markers: Pattern
    subject_cut_after: list[str]
    object_stop_words: list[str]
    clause_boundaries: Pattern
    subject_boundaries: Pattern
    per_separators: list[str]
    per_times: list[str]
    counted_nouns: dict[str, Pattern]
    counted_noun_window: int
    joiners: list[str]
    distributive_words: list[str]
    shared_head_max_chars: int
    from_words: list[str]
    to_words: list[str]
    max_subject_chars: int = 30
    max_object_chars: int = 80


class TrapPattern(RuleModel):
    name: str
    pattern: Pattern
    context: bool = False  # where or when: a target's phrase after it begins past it


class TrapRules(RuleModel):
    patterns: list[TrapPattern]
    structural_objects: list[str]
    structural_tails: list[str]
    enumeration_cues: list[str]
    indefinite_one: list[str]


D = "[0-9０-９]"  # the digits parse_number reads (not every Unicode digit)
AR = rf"(?<!{D}|\.|{D},){D}+(?:,{D}{{3}})*(?:\.{D}+)?(?!{D})"
CN_RUN = f"[{CN_NUMERAL_CHARS}]+(?:点[〇○零一二三四五六七八九]+)?"
NUM = f"(?:{AR}|{CN_RUN})"
FROM_REACH = 14  # characters from a from-word (从) to the starting level it opens
TOKEN = regex.compile(f"百分之(?:{AR}|{CN_RUN})|{AR}|{CN_RUN}")
LIST_MARKER = regex.compile(
    r"\s*(?:[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[）)]|\d{1,3}\s*[.．、](?!\d)|[一二三四五六七八九十]+、)"
)
OBJECT_START = regex.compile(r"[\p{Han}\d“\"《（(A-Za-z]")
HAN = regex.compile(r"\p{Han}+")
BOUND_KINDS = ("ge", "gt", "le", "lt")
CN_BIG = ("万亿", "亿", "万", "萬", "億")


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    rules: QuantityRules
    traps: tuple[tuple[str, regex.Pattern[str]], ...]
    number_led: frozenset[str]  # traps whose every match opens with a number token
    number_traps: regex.Pattern[str] | None  # where some number-led trap may match
    context_traps: frozenset[str]  # traps a target's phrase never runs back over
    trap_rules: TrapRules
    unit_kind: dict[str, str]
    base_unit: regex.Pattern[str]
    magnitude: regex.Pattern[str]
    range_sep: regex.Pattern[str]
    negative_after: regex.Pattern[str]  # what may stand before a minus sign
    inner: regex.Pattern[str]
    post: regex.Pattern[str]
    pre_strip: regex.Pattern[str]
    periods: regex.Pattern[str]
    subject_prefix: regex.Pattern[str]
    clause_opener: regex.Pattern[str]  # subject prefixes, not anchored
    time_prefix: regex.Pattern[str]
    number_unit: regex.Pattern[str]
    per: regex.Pattern[str]  # /亩 after a unit
    counted: regex.Pattern[str]  # one named group per counted-noun unit
    counted_units: tuple[str, ...]
    joiners: frozenset[str]
    first_chars: dict[str, frozenset[str]]  # cheap pre-checks: per, magnitude, joiner
    joiner_split: regex.Pattern[str]
    distributive: regex.Pattern[str]
    pre_words: regex.Pattern[str]  # verbs and comparators only (fullmatch)
    from_word: regex.Pattern[str]  # 从 before a number, at the end of a window
    from_base: regex.Pattern[str]  # 从 + a number, in a subject
    to_level: regex.Pattern[str]  # 提高到, 增加至 after a starting level
    boundaries: frozenset[str]
    narrow_boundaries: frozenset[str]
    # hoisted per-call work
    magnitudes_longest_first: tuple[str, ...]
    object_stop: regex.Pattern[str]  # what may end an object: boundary, 、 or a stop word
    longest_stop_word: int
    segment_stops: frozenset[str]  # what ends a noun after 、
    structural: frozenset[str]  # structural objects with their optional tails (九个方面工作)
    enumeration_cues: tuple[str, ...]
    near_comparators: tuple[str, ...]
    last_boundary: regex.Pattern[str]  # searched right to left
    last_narrow_boundary: regex.Pattern[str]


def _last_of(chars: str) -> regex.Pattern[str]:
    """The last of ``chars`` before ``endpos`` (a right-to-left search)."""
    return regex.compile(f"[{regex.escape(chars, special_only=False)}]", regex.REVERSE)


_NUMBER_PLACEHOLDERS = ("{NUM}", "{AR}", "{CN}")
_DIGIT_FIRST = "\\d"  # an alternative opening with a bare digit (\d{4}-\d{2}-\d{2})


def number_led(pattern: str) -> bool:
    """Whether every top-level alternative of a trap pattern opens with a number placeholder
    or a bare digit."""
    return all(
        alt.startswith((*_NUMBER_PLACEHOLDERS, _DIGIT_FIRST)) for alt in _alternatives(pattern)
    )


def _number_traps(patterns: list[str], r: QuantityRules) -> regex.Pattern[str] | None:
    """One pattern finding where any number-led trap may match: the number read once, then
    what follows it in each trap ("2项牵头工作", "三级医院"), instead of a scan per trap."""
    after: dict[str, list[str]] = {"{AR}": [], "{CN}": []}
    whole: list[str] = []  # alternatives opening with a bare digit, tried as they are
    for pattern in patterns:
        for alt in _alternatives(pattern):
            if alt.startswith(_DIGIT_FIRST):
                whole.append(f"(?:{_trap_regex(alt, r).pattern})")
                continue
            head = next(p for p in _NUMBER_PLACEHOLDERS if alt.startswith(p))
            rest = _trap_regex(alt[len(head) :], r).pattern
            for key in after if head == "{NUM}" else [head]:
                after[key].append(f"(?:{rest})")
    if not patterns:
        return None
    return regex.compile(
        "|".join(
            [
                f"{AR}(?:{'|'.join(after['{AR}']) or '(?!)'})",
                f"{CN_RUN}(?:{'|'.join(after['{CN}']) or '(?!)'})",
                *whole,
            ]
        )
    )


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (``|`` outside groups and classes)."""
    parts, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(pattern):
        char = pattern[k]
        if char == "\\":
            k += 2
            continue
        if in_class:  # brackets inside a class ([（(], [^)）]) open and close nothing
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:k])
            start = k + 1
        k += 1
    return [*parts, pattern[start:]]


def _trap_regex(pattern: str, r: QuantityRules) -> regex.Pattern[str]:
    """A trap pattern with its placeholders filled: {NUM} {CN} {AR} numbers, {MAG} a
    magnitude, {COUNT} a count unit (rules/quantities.yaml)."""
    fills = {"{NUM}": NUM, "{CN}": CN_RUN, "{AR}": AR, "{MAG}": _alt(list(r.magnitudes)),
             "{COUNT}": _alt(r.units.get("count", []))}
    for key, value in fills.items():
        pattern = pattern.replace(key, value)
    return regex.compile(pattern)


@cache
def grammar() -> _Grammar:
    """Rules compiled once."""
    r = load_rules("quantities.yaml", QuantityRules)
    t = load_rules("traps.yaml", TrapRules)
    unit_kind = {u: kind for kind, units in r.units.items() for u in units}
    traps = tuple((p.name, _trap_regex(p.pattern, r)) for p in t.patterns)
    base = f"(?!{_alt(r.unit_lookalikes)})(?:{_alt(list(unit_kind))})"
    mag = _alt(list(r.magnitudes))
    inner = _alt(list(r.inner_qualifiers))
    pre_words = [*r.pre_comparators, *r.level_verbs, *r.change_verbs]
    counted_units = tuple(r.counted_nouns)
    word_joiners = [j for j in r.joiners if len(j) > 1 or j not in r.clause_boundaries + "、"]
    return _Grammar(
        rules=r,
        traps=traps,
        number_led=frozenset(p.name for p in t.patterns if number_led(p.pattern)),
        number_traps=_number_traps([p.pattern for p in t.patterns if number_led(p.pattern)], r),
        context_traps=frozenset(p.name for p in t.patterns if p.context),
        trap_rules=t,
        unit_kind=unit_kind,
        base_unit=regex.compile(base),
        magnitude=regex.compile(_alt(list(r.magnitudes))),
        range_sep=regex.compile(rf"\s*(?:{_alt(r.range_separators)})\s*"),
        negative_after=regex.compile(r.negative_after),
        inner=regex.compile(_alt(list(r.inner_qualifiers))),
        post=regex.compile(_alt(list(r.post_qualifiers))),
        pre_strip=regex.compile(rf"(?:{_alt(pre_words)})\s*$"),
        periods=regex.compile(_alt(r.periods)),
        subject_prefix=regex.compile(
            rf"^(?:{_alt(r.subject_prefixes + r.joiners)}|{r.subject_markers})"
        ),
        clause_opener=regex.compile(rf"(?:{_alt(r.subject_prefixes)})+"),
        time_prefix=regex.compile(
            r"^(?:到|至|截至|截止|在|于)?(?:(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末|前|内|以前)*)"
        ),
        number_unit=regex.compile(
            rf"{NUM}\s*(?:{inner})?(?:{mag})?(?:{inner})?(?:{base})|{AR}(?:{inner})?(?:{mag})(?=\p{{Han}})"
        ),
        per=regex.compile(
            rf"(?:{_alt(r.per_separators)})(?:(?:{mag})?(?:{base})|(?:{_alt(r.per_times)}))"
        ),
        counted=regex.compile(
            "|".join(f"(?P<c{i}>{r.counted_nouns[u]})" for i, u in enumerate(counted_units))
        ),
        counted_units=counted_units,
        joiners=frozenset(r.joiners),
        first_chars={
            "per": frozenset(w[0] for w in r.per_separators),
            "magnitude": frozenset(w[0] for w in [*r.magnitudes, *r.inner_qualifiers]),
            "joiner": frozenset(w[0] for w in r.joiners),
        },
        joiner_split=regex.compile(_alt(r.joiners)),
        distributive=regex.compile(_alt(r.distributive_words)),
        pre_words=regex.compile(rf"(?:{_alt(pre_words)})*"),
        # 从 before a number, a period (每人每月) or sibling numbers (574元、) between
        from_word=regex.compile(
            rf"(?:{_alt(r.from_words)})(?:\p{{Han}}|{NUM}|[.、])"
            rf"{{0,{FROM_REACH - 1}}}$"
        ),
        from_base=regex.compile(rf"(?:{_alt(r.from_words)})\p{{Han}}{{0,3}}?{NUM}"),
        # after the number: sibling numbers (、271元) and 分别 may come before 提高到
        to_level=regex.compile(
            rf"(?:[{''.join(w for w in r.joiners if len(w) == 1)}]{NUM}\p{{Han}}{{0,3}}?)*"
            rf"(?:{_alt(r.distributive_words)})?"
            rf"(?:(?:{_alt(r.change_verbs)})?(?:{_alt(r.to_words)})|{_alt(r.level_verbs)})"
        ),
        boundaries=frozenset(r.clause_boundaries),
        narrow_boundaries=frozenset(r.clause_boundaries + r.subject_boundaries),
        magnitudes_longest_first=tuple(sorted(r.magnitudes, key=len, reverse=True)),
        object_stop=regex.compile(
            f"[{regex.escape(r.clause_boundaries + '、', special_only=False)}]"
            f"|{_alt(r.object_stop_words + word_joiners)}"
        ),
        longest_stop_word=max(map(len, r.object_stop_words + word_joiners)),
        segment_stops=frozenset(r.clause_boundaries + "、"),
        structural=frozenset(
            w + tail for w in t.structural_objects for tail in ("", *t.structural_tails)
        ),
        enumeration_cues=tuple(t.enumeration_cues),
        near_comparators=tuple(w for w in r.pre_comparators if len(w) >= 2),
        last_boundary=_last_of(r.clause_boundaries),
        last_narrow_boundary=_last_of(r.clause_boundaries + r.subject_boundaries),
    )
