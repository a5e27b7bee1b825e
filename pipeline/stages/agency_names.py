"""Agency names: gazetteer, jurisdiction prefixes, collectives and the suffix grammar.

All word lists live in ``rules/agencies/*.yaml``; this module compiles them once and
answers small questions about a name or a position in a text. Matching runs on a
simplified-script copy of the text with the same length, so offsets stay valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import regex

from pipeline.rules import Pattern, RuleModel, load_rules
from pipeline.stages.chinese_script import simplified_table, to_simplified

Level = Literal["national", "provincial", "municipal", "county", "district"]
FormLevel = Literal["national", "provincial", "local", "sub"]
Kind = Literal["government", "party", "mass_org", "other"]

# ---------------------------------------------------------------- rule models


class FormRule(RuleModel):
    level: FormLevel
    name: str
    short: tuple[str, ...] = ()


class BodyRule(RuleModel):
    id: str
    kind: Kind | Literal["organ"]
    forms: tuple[FormRule, ...]


class Gazetteer(RuleModel):
    bodies: tuple[BodyRule, ...]


class EmbeddedRule(RuleModel):
    pattern: Pattern
    template: str
    kind: Kind


class PlaceGovernmentRule(RuleModel):
    pattern: Pattern
    template: str


class Grammar(RuleModel):
    level_prefixes: dict[str, Level]
    place_suffixes: dict[str, Level]
    provincial_cities: tuple[str, ...]
    provinces: tuple[str, ...]
    national_markers: tuple[str, ...]
    organs: dict[str, Kind]
    party_templates: dict[str, str]
    embedded: tuple[EmbeddedRule, ...]
    place_government: PlaceGovernmentRule
    collective_patterns: tuple[Pattern, ...]
    suffixes: dict[str, Kind]
    stop_words: tuple[str, ...]
    breaking_chars: str
    max_name_length: int
    name_openers: tuple[str, ...] = ()
    place_stop_chars: str = ""
    sub_unit_suffixes: tuple[str, ...] = ()
    sub_unit_max_length: int = 0
    not_suffixes: tuple[str, ...] = ()
    verb_openers: tuple[str, ...] = ()
    collective_lists: tuple[Pattern, ...] = ()
    place_alone: Pattern | None = None
    bare_place: Pattern | None = None
    level_word: Pattern | None = None
    kind_alternative: Pattern | None = None
    shared_place_tail: Pattern | None = None
    single_bodies: Pattern | None = None
    numbered_sections: Pattern | None = None
    short_prefecture: Pattern | None = None
    bare_kinds: tuple[str, ...] = ()
    name_joiners: str = ""
    township_collectives: Pattern | None = None
    name_chars: Pattern = r"\p{Han}{2,16}"
    surnames: str = ""
    compound_surnames: tuple[str, ...] = ()
    collective_last_words: tuple[str, ...] = ()


@cache
def gazetteer() -> Gazetteer:
    return load_rules("agencies/departments.yaml", Gazetteer)


@cache
def grammar() -> Grammar:
    return load_rules("agencies/grammar.yaml", Grammar)


# ---------------------------------------------------------------- compiled tables


@dataclass(frozen=True)
class CoreEntry:
    """A department core (official name or short form) of one form of one body."""

    body: BodyRule
    form: FormRule


@dataclass(frozen=True)
class _Tables:
    cores: dict[str, tuple[CoreEntry, ...]]
    max_core: int
    collective: tuple[regex.Pattern[str], ...]
    suffixes: tuple[str, ...]  # longest first
    stop: regex.Pattern[str]
    places: tuple[str, ...]  # province names and stems, longest first
    place_head: regex.Pattern[str]
    organs: tuple[str, ...]  # longest first
    embedded: tuple[tuple[regex.Pattern[str], EmbeddedRule], ...]
    place_government: regex.Pattern[str]
    collective_lists: regex.Pattern[str] | None
    name_chars: regex.Pattern[str]


def _place_stem(place: str, suffixes: dict[str, Level]) -> str:
    for suffix in sorted(suffixes, key=len, reverse=True):
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


@cache
def tables() -> _Tables:
    gaz, gram = gazetteer(), grammar()
    cores: dict[str, list[CoreEntry]] = {}
    for body in gaz.bodies:
        for form in body.forms:
            for core in (form.name, *form.short):
                cores.setdefault(to_simplified(core), []).append(CoreEntry(body, form))
    places = set(gram.provinces) | {_place_stem(p, gram.place_suffixes) for p in gram.provinces}
    stops = sorted(gram.stop_words, key=len, reverse=True)
    suffix_alt = "|".join(sorted(map(regex.escape, gram.place_suffixes), key=len, reverse=True))
    return _Tables(
        cores={k: tuple(v) for k, v in cores.items()},
        max_core=max(map(len, cores)),
        collective=tuple(regex.compile(p) for p in gram.collective_patterns),
        suffixes=tuple(sorted(gram.suffixes, key=len, reverse=True)),
        stop=regex.compile("|".join(map(regex.escape, stops))),
        places=tuple(sorted(places, key=len, reverse=True)),
        place_head=regex.compile(rf"\p{{Han}}{{1,6}}?(?:{suffix_alt})"),
        organs=tuple(sorted(gram.organs, key=len, reverse=True)),
        embedded=tuple((regex.compile(e.pattern), e) for e in gram.embedded),
        place_government=regex.compile(gram.place_government.pattern),
        collective_lists=(
            regex.compile("|".join(gram.collective_lists)) if gram.collective_lists else None
        ),
        name_chars=regex.compile(gram.name_chars),
    )


# ---------------------------------------------------------------- collective, alias

_ALIAS = regex.compile(r"^(?P<main>.+?)\s*[（(](?P<alias>[^（）()]+)[）)]$")


_CLAUSE_OPENERS = frozenset("对向在给经请由把将")  # words before an object, never a name's start


@lru_cache(maxsize=65536)
def is_collective(name: str) -> bool:
    """True for a group of bodies named at once (各有关部门, 市直有关单位, 各街道)."""
    simple = to_simplified(name.strip())
    if simple.endswith((")", "）")) and (kind := _kind_alternative()):
        simple = kind.sub("", simple)  # 省级主管部门（单位）: the kind printed twice
    if simple.endswith("部门") and field_stem(simple[:-2]):
        return False  # 公安部门, 县安监部门: one body named by its field
    if _FIELD_AUTHORITY.fullmatch(simple):
        return False  # 房产行政主管部门: the authority of one field
    if len(simple) > grammar().max_name_length or simple[:1] in _CLAUSE_OPENERS:
        return False  # a clause holding 各 (…对各类市场主体的登记与监管, 对各部门贯彻)
    return bool(simple) and any(p.search(simple) for p in tables().collective)


@cache
def _kind_alternative() -> regex.Pattern[str] | None:
    pattern = grammar().kind_alternative
    return regex.compile(pattern) if pattern else None


_FIELD_AUTHORITY = regex.compile(
    r"[省市区县]?(?!有关|相关|其他|其它|行业|各|上级|本级|同级|下级|职能|所属|[省市区县州乡镇]级)\p{Han}{2,6}行政主管部门"
)


@lru_cache(maxsize=65536)
def split_alias(mention: str) -> tuple[str, str | None]:
    """Split a second name in brackets: "宣传部（外宣办）" → ("宣传部", "外宣办")."""
    match = _ALIAS.match(mention.strip())
    if not match:
        return mention.strip(), None
    return match["main"].strip(), match["alias"].strip()


def collective_lists(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Collective mentions printed with list separators inside (各县、市、区政府): their
    separators do not split a list. ``text`` is simplified script (a matching view)."""
    pattern = tables().collective_lists
    if pattern is None or ("、" not in text[start:end] and "，" not in text[start:end]):
        return []
    return [m.span() for m in pattern.finditer(text, start, end)]


@lru_cache(maxsize=65536)
def person_like(piece: str) -> bool:
    """A person's name (spaces ignored: 沈  昱): 2 or 3 characters opening with a surname, 3
    or 4 opening with a compound one (grammar.yaml), and no agency."""
    simple = "".join(to_simplified(piece).split())
    if not 2 <= len(simple) <= _PERSON_MAX or not tables().name_chars.fullmatch(simple):
        return False
    g = grammar()
    if simple[:2] in g.compound_surnames:
        surname = len(simple) >= 3
    else:
        surname = simple[0] in g.surnames and len(simple) <= _PERSON_MAX - 1
    return surname and not looks_like_agency(simple)


_PERSON_MAX = 4


def name_like(piece: str) -> bool:
    """A piece that can be a name the grammar does not know: name characters only, no stop
    word, not a collective (for a name standing between names in a list)."""
    simple = to_simplified(piece.strip())
    return (
        bool(tables().name_chars.fullmatch(simple))
        and not tables().stop.search(simple)
        and not is_collective(simple)
    )


# ---------------------------------------------------------------- prefixes


def known_core(core: str) -> tuple[CoreEntry, ...]:
    """Gazetteer entries whose official name or short form is ``core``."""
    return tables().cores.get(to_simplified(core), ())


def _jurisdiction_ends(simple: str) -> list[int]:
    """Possible ends of a jurisdiction prefix at the start of ``simple`` (shortest first)."""
    gram, tab = grammar(), tables()
    ends: set[int] = set()
    for prefix in gram.level_prefixes:
        if simple.startswith(prefix):
            ends.add(len(prefix))
    for place in tab.places:
        if simple.startswith(place):
            ends.add(len(place))
    for size in range(2, min(len(simple), 9) + 1):
        head = tab.place_head.fullmatch(simple, 0, size)
        if head and not any(c in gram.place_stop_chars for c in simple[: size - 1]):
            ends.add(size)
    return sorted(ends)


def _organ_ends(simple: str, at: int) -> list[int]:
    return [at + len(o) for o in tables().organs if simple.startswith(o, at)]


@lru_cache(maxsize=65536)
def prefix_ends(simple: str) -> tuple[int, ...]:
    """Ends of every jurisdiction (+ organ) prefix at the start of ``simple``."""
    ends: set[int] = set()
    for j_end in _jurisdiction_ends(simple):
        ends.add(j_end)
        ends.update(_organ_ends(simple, j_end))
    return tuple(sorted(ends))


def _core_at(simple: str, at: int, stop: int) -> int:
    """End of the longest gazetteer core starting at ``at`` (0 if none)."""
    cores = tables().cores
    for size in range(min(tables().max_core, stop - at), 0, -1):
        if simple[at : at + size] in cores:
            return at + size
    return 0


def _embedded_end(simple: str) -> int:
    """Whole-name patterns (团区委, 区政府, 南沙区政府) matched as a prefix of ``simple``."""
    tab = tables()
    best = 0
    for size in range(2, min(len(simple), 14) + 1):
        head = simple[:size]
        if any(p.fullmatch(head) for p, _ in tab.embedded) or _place_government(head):
            best = size
    return best


def _place_government(head: str) -> bool:
    """南沙区政府: a named place's government (the place holds no agency words)."""
    match = tables().place_government.fullmatch(head)
    stops = grammar().place_stop_chars
    return bool(match) and not any(c in stops for c in match["place"])


@lru_cache(maxsize=65536)
def split_prefix(name: str) -> tuple[str, str]:
    """Jurisdiction/organ prefix and core: "区党委组织部" → ("区党委", "组织部")."""
    simple = to_simplified(name)
    if simple in tables().cores:
        return "", name
    ends = [e for e in prefix_ends(simple) if e < len(simple)]
    for end in ends:  # shortest prefix whose rest is a gazetteer core
        if simple[end:] in tables().cores:
            return name[:end], name[end:]
    for end in ends:  # a named place with a government: 南沙区政府 → 南沙区 + 政府
        if simple[end:] in grammar().organs and grammar().organs[simple[end:]] == "government":
            return name[:end], name[end:]
    core_at = next((i for i in range(1, len(simple) - 1) if simple[i:] in tables().cores), 0)
    for end in reversed(ends):  # else the longest prefix leaving a plausible name
        if core_at and end > core_at:
            continue  # 规划和城市管理局: no prefix may cut into the known core it ends with
        if _suffix_end(simple[end:]) == len(simple) - end and len(simple) - end >= 2:
            return name[:end], name[end:]
    for end in ends:  # a body named by its field: 县交通运输 → 县 + 交通运输
        if field_stem(simple[end:]):
            return name[:end], name[end:]
    return "", name


# ---------------------------------------------------------------- suffix grammar


def _window(simple: str) -> int:
    """Length of the stretch that may hold one name: up to a break, digit or stop word."""
    gram, tab = grammar(), tables()
    limit = min(len(simple), gram.max_name_length)
    for i in range(limit):
        char = simple[i]
        if char in gram.breaking_chars or char.isdigit() or char.isspace():
            return i
        if i > 0 and tab.stop.match(simple, i) and not _joins_fields(simple, i):
            return i
    return limit


def _joins_fields(simple: str, at: int) -> bool:
    """A joiner inside one name, between two fields of its work (规划与国土资源局): the
    words before it end no name (市教育局与市财政局 is two)."""
    return simple[at] in grammar().name_joiners and _suffix_end(simple[:at]) == 0


def _suffix_end(simple: str) -> int:
    """End of the longest name in ``simple`` ending in a suffix (0 if none)."""
    suffixes, words = tables().suffixes, grammar().not_suffixes
    for end in range(len(simple), 1, -1):
        longest = max(
            (len(s) for s in suffixes if simple.endswith(s, 0, end) and end > len(s)), default=0
        )  # a longer suffix holds the word (公开办 holds 开办)
        if longest and not any(simple.endswith(w, 0, end) and len(w) >= longest for w in words):
            return end
    return 0


def may_end_name(char: str) -> bool:
    """Whether a name can end with ``char`` (the last character of a suffix, a known name or
    a place): a cheap test before asking where names end."""
    return to_simplified(char) in _name_last_chars()


@cache
def _name_last_chars() -> frozenset[str]:
    t, g = tables(), grammar()
    words = [*t.suffixes, *t.cores, *g.place_suffixes, *g.organs, *g.level_prefixes]
    return frozenset(word[-1] for word in words if word)


def name_end_near(text: str, start: int, end: int) -> bool:
    """Whether a character a name or a group of bodies can end with (局, 部门, 单位, in either
    script) stands on ``start``'s line within a name's reach: a fast test before the grammar
    reads where names end."""
    stop = min(end, start + grammar().max_name_length)
    return _name_end_near().match(text, start, stop) is not None


@cache
def _name_end_near() -> regex.Pattern[str]:
    simple = _name_last_chars() | {word[-1] for word in grammar().collective_last_words}
    chars = simple | {chr(k) for k, v in simplified_table().items() if v in simple}
    return regex.compile(f"[^\\n]*?[{regex.escape(''.join(sorted(chars)))}]")


_UNCLOSED = regex.compile(r"[（(][^）)]*$")


def name_ends_at(view: str, at: int) -> bool:
    """Whether a unit name ends at ``at`` (a bracket after it is its alias: 秘书处(组织人事处))."""
    if at < 2 or not may_end_name(view[at - 1]):
        return False
    return any(agency_end(view, at - size, at) == at for size in range(2, min(at, 16) + 1))


def agency_end(text: str, start: int, end: int) -> int | None:
    """End of the longest agency name that begins at ``text[start]`` within ``[start, end)``.

    Gazetteer names (with any jurisdiction/organ prefix) win; else the suffix grammar on a
    plausible name. A name never runs into the words after it.
    """
    if start >= end or start >= len(text):
        return None
    head = text[start : min(end, start + grammar().max_name_length + 8)]  # + a stop word
    length = _name_length(to_simplified(head))
    if length is None:
        return None
    name = text[start : start + length]
    opened = _UNCLOSED.search(name)
    if opened:  # a name never runs into a bracket it does not close: 市安委办(安全办)
        if opened.start() < 2:
            return None
        length, name = opened.start(), name[: opened.start()]
    if length >= _RUN_TOGETHER_MIN and not known_name(name):
        run = known_sequence(name)  # 中央农办农业部财政部: known names, the 、 lost (OCR)
        if run:
            return start + run[0]
    joins = any(char in BODY_JOINERS for char in name)  # decided before any lookup
    joined = _two_bodies(to_simplified(name)) if joins and not known_name(name) else None
    if joined:  # 文化行政部门和公安部门: two bodies a joiner links, no one name
        return start + joined
    return start + length + _alias_length(text, start + length, end)


BODY_JOINERS = "和及与"  # joiners between two bodies (文化行政部门和公安部门), or inside one name


def _two_bodies(simple: str) -> int | None:
    """Where the first of two bodies a joiner links ends, when a name read whole is two
    (文化行政部门和公安部门); None for one name holding a joiner (人力资源和社会保障局)."""
    for at, char in enumerate(simple):
        if char not in BODY_JOINERS or at < 2 or not simple.endswith(_KINDS, 0, at):
            continue
        if looks_like_agency(simple[:at]) and looks_like_agency(simple[at + 1 :]):
            return at
    return None


_KINDS = ("部门", "局", "委", "办", "厅", "政府")  # a body's name ends on these before a joiner


@lru_cache(maxsize=65536)
def _name_length(simple: str) -> int | None:
    """Length of the agency name that opens ``simple`` (at most max_name_length long)."""
    window = _window(simple)
    if window == 0 or tables().stop.match(simple):
        return None
    simple = simple[:window]
    best = max(
        _core_at(simple, 0, window),
        _embedded_end(simple),
        *(_core_at(simple, p, window) for p in prefix_ends(simple) if p < window),
    )
    field = _field_department(simple, window)
    if best and simple.startswith(_FIELD_DEPARTMENT, best - 1):
        return best + 1  # 宣传部 + 门: 宣传部门, the department of a field, not 宣传部
    if best and best >= field:
        return _sub_unit_end(simple, _office_end(simple, best, window))
    if field:
        return field
    grammar_end = _suffix_end(simple)
    if grammar_end and looks_like_agency(simple[:grammar_end]):
        return grammar_end
    return None


_FIELD_DEPARTMENT = "部门"


def _field_department(simple: str, window: int) -> int:
    """A field's department (公安部门, 交通运输部门: the body of that field, whatever its
    name there): its length, else 0; not 公安部 + 门."""
    at = simple.find(_FIELD_DEPARTMENT, 2, window)
    if at < 0 or not field_stem(simple[:at]):
        return 0
    return at + len(_FIELD_DEPARTMENT)


def _office_end(simple: str, best: int, window: int) -> int:
    """A jurisdiction and organ followed by an office are one body: 省委改革办, 市政府金融办
    (not 省委 + 改革办); the office holds no jurisdiction of its own (市委市政府 is two)."""
    if best >= window or best not in _organ_prefix_ends(simple):
        return best
    rest = simple[best:window]
    if _own_jurisdiction(rest) or rest.startswith(tables().organs):
        return best + _joint_office(rest)
    length = _name_length(rest) or _bare_office(rest)
    return best + length if length else best


_BARE_OFFICE_MIN = 3  # an office word that is a body after an organ: 办公室, 督查室


def _bare_office(rest: str) -> int:
    """An office word alone after an organ (县政府督查室): its length, else 0."""
    words = [w for w in tables().suffixes if len(w) >= _BARE_OFFICE_MIN and rest.startswith(w)]
    return max(map(len, words), default=0)


def _joint_office(rest: str) -> int:
    """After a first organ (县委), a second of the same place with an office after it
    (县政府督查室): the office of both, one body, and its length; else 0 (市委市政府 is two)."""
    organs = _organ_prefix_ends(rest)
    length = _name_length(rest) if organs else None
    if not length or length <= max(organs) or _own_jurisdiction(rest[max(organs) :]):
        return 0
    return length


def _own_jurisdiction(rest: str) -> bool:
    """Whether a name after an organ names its own jurisdiction: a level (市委市政府), a
    province, or a place's government (县政府南沙区政府); a word that merely ends in a place
    suffix does not (县政府园区发展服务中心 is one body)."""
    gram, tab = grammar(), tables()
    if rest.startswith(tuple(gram.level_prefixes)) or rest.startswith(tab.places):
        return True
    return _embedded_end(rest) > 0


def _organ_prefix_ends(simple: str) -> set[int]:
    return {e for j in _jurisdiction_ends(simple) for e in _organ_ends(simple, j)}


_BRACKETED = regex.compile(r"[（(](?P<inner>[^（）()]{2,24})[）)]")


def _sub_unit_end(simple: str, known_end: int) -> int:
    """Extend a known body by a unit of its own (市公安局 + 交警支队)."""
    gram = grammar()
    stop = min(len(simple), known_end + gram.sub_unit_max_length)
    for end in range(stop, known_end + 1, -1):
        if any(simple.endswith(s, known_end, end) for s in gram.sub_unit_suffixes):
            return end
    return known_end


def _alias_length(text: str, at: int, end: int) -> int:
    """Length of a bracketed second name right after a name: 宣传部（外宣办）."""
    match = _BRACKETED.match(text, at, end)
    if match and looks_like_agency(match["inner"]):
        return match.end() - at
    return 0


def generic_name(core: str, *, bare: bool = False) -> bool:
    """A name made of agency endings only, naming a kind of body and no body of its own
    (街道办事处, 开发区管委会), unlike 伏羲山管委会; or, standing alone (``bare``: no place
    before it), a short form of such a kind (管委: rules/agencies/grammar.yaml bare_kinds)."""
    simple = to_simplified(core)
    if bare and simple in grammar().bare_kinds:
        return True
    while simple:
        suffix = next((s for s in tables().suffixes if simple.endswith(s)), None)
        if suffix is None:
            return False
        simple = simple[: -len(suffix)]
    return bool(core)


@lru_cache(maxsize=65536)
def looks_like_agency(name: str) -> bool:
    """A plausible single body: known to the gazetteer, or a clean name with an agency suffix."""
    name = name.strip()
    simple = to_simplified(name)
    if not simple or is_collective(simple):
        return False
    if _known_whole(simple) or (len(simple) <= _SECTION_MAX and numbered_section(simple)):
        return True
    if len(simple) < 3 or _window(simple) != len(simple) or _stopped(simple):
        return False
    if simple.startswith(grammar().verb_openers):
        return False  # 建成启用区级老年活动中心: a task's words ending on a suffix
    return _suffix_end(simple) == len(simple) or _field_department(simple, len(simple)) == len(
        simple
    )


_SECTION_MAX = 3  # 五科, 十二处


def numbered_section(simple: str) -> bool:
    """A bureau's section known by its number (五科, 三处: rules/agencies/grammar.yaml)."""
    pattern = _numbered_sections()
    return bool(pattern and pattern.fullmatch(simple))


@cache
def _numbered_sections() -> regex.Pattern[str] | None:
    pattern = grammar().numbered_sections
    return regex.compile(pattern) if pattern else None


def _stopped(simple: str) -> bool:
    """A stop word inside, other than a joiner of two fields of one name (规划与国土资源局)."""
    return any(not _joins_fields(simple, m.start()) for m in tables().stop.finditer(simple))


_LIST_ITEMS = regex.compile(r"[、，,]")
_CLOSING_BRACKET = regex.compile(r"[（(](?P<inner>[^（）()\n]{2,60})[)）]$")


def unit_list(text: str) -> bool:
    """Text that is only unit names, 、 or ， between them (a bracket after a sentence)."""
    items = [item for item in _LIST_ITEMS.split(text) if item]
    return bool(items) and all(map(looks_like_agency, items))


def units_closing(text: str, start: int, end: int) -> int | None:
    """Where a bracket of unit names alone that ends ``text[start:end]`` opens
    (…扶贫新村(市扶贫开发办、市以工代赈办)), or None."""
    m = _CLOSING_BRACKET.search(text, start, end)
    return m.start() if m and unit_list(m["inner"]) else None


def single_body(name: str, collective: str) -> bool:
    """A zone's body (经济开发区管委会) after a collective of townships (各乡镇人民政府、): the
    one body of the county, since townships hold no zones; after 各县市区政府、 it is one of
    every 县市区's, as 街道办事处 after 各镇 is one of every 镇's."""
    g = grammar()
    return bool(
        g.single_bodies
        and g.township_collectives
        and regex.search(g.single_bodies, to_simplified(name))
        and regex.match(g.township_collectives, to_simplified(collective))
    )


def place_alone(simple: str) -> bool:
    """A named place standing alone for its government (岳麓区), not a level (全市)."""
    pattern = grammar().place_alone
    return bool(
        pattern
        and regex.fullmatch(pattern, simple)
        and not any(c in grammar().place_stop_chars for c in simple)
        and simple not in grammar().level_prefixes
        and not simple.startswith(grammar().verb_openers)  # 研究制定盘锦市: a verb, a place
    )


def bare_place(simple: str) -> bool:
    """A place printed without its level (锦江 of "锦江、青羊区政府"), no body's name."""
    pattern = grammar().bare_place
    return bool(pattern and regex.fullmatch(pattern, simple)) and not looks_like_agency(simple)


def shared_place_tail(simple: str) -> str | None:
    """The level and government a place's government shares with bare places listed before
    it (区人民政府 of 武昌区人民政府), or None."""
    pattern = grammar().shared_place_tail
    m = regex.fullmatch(pattern, simple) if pattern else None
    return m.group("kind") if m else None


def shares_government(place: str, closing: str) -> bool:
    """A place listed before the government it shares with the name closing the list:
    standing alone (秭归县 before 伍家岗区政府), or printed bare when the closing name's level
    is shared too (锦江 before 成华区政府)."""
    return place_alone(place) or (shared_place_tail(closing) is not None and bare_place(place))


_STEM_ENDINGS = "局委厅办"  # 安监 + 局: a body named by its field alone (县安监、运管等部门)


def field_stem(name: str) -> bool:
    """A body named by its field alone, a jurisdiction maybe before it, as a list closed by
    部门 prints it (县交通运输、安监等部门): the field and one ending make a known body."""
    simple = to_simplified(name)
    ends = [e for e in prefix_ends(simple) if e < len(simple)]
    stems = [simple, *(simple[e:] for e in ends)]
    return any(
        len(stem) >= 2 and any(known_core(stem + end) for end in _STEM_ENDINGS) for stem in stems
    )


def known_name(name: str) -> bool:
    """A name the gazetteer knows (with any jurisdiction prefix), or a place's government."""
    return _known_whole(to_simplified(name.strip()))


@lru_cache(maxsize=8192)
def known_sequence(name: str) -> tuple[int, ...]:
    """Where ``name`` splits into two or more names the gazetteer knows, printed together
    with the 、 between them lost (an OCR line: 中央农办农业部财政部): the ends of the
    names, or () when it does not split so."""
    simple = to_simplified(name)
    n = len(simple)
    longest = tables().max_core + _PREFIX_REACH
    ends: dict[int, tuple[int, ...] | None] = {n: ()}
    for i in range(n - 1, -1, -1):
        ends[i] = None
        for j in range(min(n, i + longest), i + 1, -1):
            rest = ends.get(j)
            if rest is not None and _known_whole(simple[i:j]):
                ends[i] = (j, *rest)
                break
    found = ends[0]
    return found if found is not None and len(found) >= 2 else ()


_PREFIX_REACH = 6  # characters a jurisdiction prefix may add to a known core
_RUN_TOGETHER_MIN = 5  # shortest text that may hold two known names run together


def _known_whole(simple: str) -> bool:
    if simple in tables().cores or _embedded_end(simple) == len(simple) or place_alone(simple):
        return True
    stop = tables().stop  # 设在市发改委: no place is named by a verb (设在 + 市)
    return any(
        simple[p:] in tables().cores and not stop.search(simple, 0, p)
        for p in prefix_ends(simple)
        if p < len(simple)
    )
