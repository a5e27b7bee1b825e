"""Resolve agency mentions to canonical bodies with a jurisdiction, level and stable id.

The jurisdiction comes from the notice (metadata jurisdiction, issuer, title): a one-character
prefix such as 市 or 区 names the matching level of that jurisdiction, an explicit place
(南沙区, 西藏自治区) names itself. Names are simplified script; mentions stay as printed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from pipeline.records import (
    Agency,
    AgencyMention,
    DocumentResult,
    Extraction,
    Metadata,
    ResolvedMention,
)
from pipeline.stages.agency_names import (
    CoreEntry,
    Level,
    grammar,
    is_collective,
    known_core,
    place_alone,
    split_alias,
    split_prefix,
    tables,
    to_simplified,
)
from pipeline.stages.roles import abbreviation_re

NATIONAL = "全国"
_LEVEL_ORDER: dict[str, int] = {
    "national": 0, "provincial": 1, "municipal": 2, "county": 3, "district": 3,
}


# ---------------------------------------------------------------- jurisdictions


@dataclass(frozen=True)
class Place:
    name: str
    level: Level


@dataclass(frozen=True)
class Jurisdiction:
    """A chain of places, highest first (辽宁省 → 鞍山市 → 立山区); empty when national."""

    places: tuple[Place, ...]
    national: bool = False

    @property
    def level(self) -> Level | None:
        return "national" if self.national else (self.places[-1].level if self.places else None)

    def at(self, level: Level) -> Jurisdiction | None:
        """The chain cut at the place of ``level`` (区 in an autonomous region: the region)."""
        for i, place in enumerate(self.places):
            if place.level == level:
                return Jurisdiction(self.places[: i + 1])
        if level == "district" and self.places and self.places[0].name.endswith("自治区"):
            return Jurisdiction(self.places[:1])
        if level == "county" and self.places and self.places[-1].level == "district":
            return Jurisdiction(self.places)
        return None

    def deepest(self, ending: str) -> Jurisdiction | None:
        """The chain cut at the deepest place whose name ends with ``ending`` (市 → 浏阳市)."""
        for i in range(len(self.places) - 1, -1, -1):
            if self.places[i].name.endswith(ending):
                return Jurisdiction(self.places[: i + 1])
        return None

    def name(self) -> str:
        """Conventional prefix: a prefecture-level city names itself without its province."""
        places = list(self.places)
        if places and places[-1].level == "county" and places[-1].name.endswith("市"):
            return places[-1].name  # a county-level city
        if (
            len(places) > 1
            and places[0].level == "provincial"
            and places[0].name not in grammar().provincial_cities
            and places[1].level == "municipal"
        ):
            places = places[1:]
        return "".join(p.name for p in places)


@cache
def _place_pattern() -> regex.Pattern[str]:
    gram = grammar()
    known = sorted(gram.provinces, key=len, reverse=True)
    suffix_alt = "|".join(sorted(map(regex.escape, gram.place_suffixes), key=len, reverse=True))
    known_alt = "|".join(map(regex.escape, known))
    return regex.compile(rf"(?:{known_alt})|\p{{Han}}{{1,6}}?(?:{suffix_alt})")


def _place_level(name: str, parent: Place | None) -> Level:
    gram = grammar()
    if name in gram.provincial_cities or name in gram.provinces:
        return "provincial"
    for suffix in sorted(gram.place_suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            level = gram.place_suffixes[suffix]
            if level == "municipal" and parent and parent.level == "municipal":
                return "county"  # a county-level city
            return level
    return "municipal"


def _province_of(stem: str) -> str:
    """A province's full name from its stem (西藏 → 西藏自治区)."""
    for province in grammar().provinces:
        if province.startswith(stem):
            return province
    return stem


def parse_places(text: str) -> tuple[Place, ...]:
    """Places at the start of ``text``: "鞍山市立山区人民政府" → 鞍山市, 立山区."""
    text = to_simplified(text)
    places: list[Place] = []
    at = 0
    pattern = _place_pattern()
    while at < len(text):
        match = pattern.match(text, at)
        if not match or match.group() in grammar().organs or is_collective(match.group()):
            break  # 各市 of "各市、县人民政府" is no place
        if grammar().level_word and regex.match(grammar().level_word, match.group()):
            break  # 全县 of "全县“我为群众办实事”…" is none either
        parent = places[-1] if places else None
        places.append(Place(match.group(), _place_level(match.group(), parent)))
        at = match.end()
    return tuple(places)


def document_jurisdiction(meta: Metadata) -> Jurisdiction:
    """The notice's jurisdiction from its metadata, issuer or title."""
    markers = grammar().national_markers
    for text in (meta.jurisdiction, meta.issuer, meta.title):
        if not text:
            continue
        simple = to_simplified(text.strip())
        if simple in markers or any(simple.startswith(m) for m in markers if len(m) > 2):
            return Jurisdiction((), national=True)
        places = parse_places(simple)
        if places:
            return Jurisdiction(places)
    return Jurisdiction(())


def _explicit(prefix: str, doc: Jurisdiction) -> Jurisdiction | None:
    """The jurisdiction named by a printed place prefix, placed under the notice's chain."""
    places = parse_places(prefix)
    if not places:
        stem_match = [p for p in grammar().provinces if p.startswith(prefix)]
        if not stem_match:
            return None
        places = (Place(_province_of(prefix), "provincial"),)
    first = places[0]
    if first.level == "provincial":
        return Jurisdiction(places)
    above = tuple(p for p in doc.places if _LEVEL_ORDER[p.level] < _LEVEL_ORDER[first.level])
    names = [p.name for p in doc.places]
    if first.name in names:
        above = doc.places[: names.index(first.name)]
    return Jurisdiction(above + places)


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Resolved:
    name: str
    jurisdiction: str | None
    level: str | None
    kind: str
    known: bool
    short: str | None = None  # jurisdiction + printed core, kept as an alias


def agency_id(name: str) -> str:
    """Stable id of a canonical name."""
    return "ag_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def _split_organ(prefix: str) -> tuple[str, str]:
    for organ in tables().organs:
        if prefix.endswith(organ) and len(prefix) > len(organ):
            return prefix[: -len(organ)], organ
    return prefix, ""


def _entry_kind(entries: tuple[CoreEntry, ...]) -> str | None:
    return entries[0].body.kind if entries else None


def _effective_prefix(printed: str, carried: str | None, core: str) -> str:
    """Printed prefix, else the carried one (its organ only if the core is that organ's kind)."""
    if printed or not carried:
        return printed
    jpart, organ = _split_organ(to_simplified(carried))
    if not organ:
        return jpart
    entries = known_core(core)
    if entries and _entry_kind(entries) in (grammar().organs[organ], "organ"):
        return jpart + organ
    if not entries and grammar().organs[organ] == "government":
        return jpart + organ
    return jpart


def _target(jpart: str, doc: Jurisdiction) -> tuple[Jurisdiction | None, Level | None]:
    """Jurisdiction and level named by a jurisdiction prefix (empty: the notice's own)."""
    if not jpart:
        return doc, doc.level
    levels = grammar().level_prefixes
    if jpart in levels:
        found = doc.deepest(jpart) or doc.at(levels[jpart])
        return found, (found.level if found else levels[jpart])
    found = _explicit(jpart, doc)
    return found, (found.level if found else None)


def _pick_form(entries: tuple[CoreEntry, ...], level: str | None) -> CoreEntry:
    """The form that fits the level (national, provincial, local)."""
    def fits(entry: CoreEntry) -> bool:
        form = entry.form.level
        if level == "national":
            return form == "national"
        if level == "provincial":
            return form in ("provincial", "sub")
        return form in ("local", "sub") and level is not None

    return next((e for e in entries if fits(e)), entries[0])


def _form_level(entry: CoreEntry, level: str | None) -> str | None:
    form = entry.form.level
    if form == "national":
        return "national"
    if form == "provincial" and level != "provincial":
        return "provincial"
    if form == "local" and level in (None, "national", "provincial"):
        return "municipal"
    return level


def _jname(jur: Jurisdiction | None, level: str | None, jpart: str) -> str:
    if jur is not None and jur.places:
        if level is not None and jur.level != level:
            cut = jur.at(level)  # type: ignore[arg-type]
            if cut is not None:
                return cut.name()
            return jpart
        return jur.name()
    return jpart


def _national_form(entries: tuple[CoreEntry, ...], doc: Jurisdiction) -> CoreEntry | None:
    """The national form meant by a core: a national-only name, or any body in a central notice."""
    nationals = [e for e in entries if e.form.level == "national"]
    if nationals and (doc.national or len(nationals) == len(entries)):
        return nationals[0]
    if doc.national:
        for entry in entries:
            national = next((f for f in entry.body.forms if f.level == "national"), None)
            if national:
                return CoreEntry(entry.body, national)
    return None


def _national(entry: CoreEntry) -> Resolved:
    kind = entry.body.kind if entry.body.kind != "organ" else "government"
    return Resolved(entry.form.name, NATIONAL, "national", kind, True)


def _party_name(jname: str, organ: str, name: str) -> str:
    if not jname:
        return organ + name
    templates = grammar().party_templates
    ending = next((e for e in templates if e and jname.endswith(e)), "")
    return templates[ending].format(j=jname, name=name)


def _known(core: str, organ: str, jpart: str, doc: Jurisdiction) -> Resolved | None:
    entries = known_core(core)
    if not entries:
        return None
    national = _national_form(entries, doc) if not jpart else None
    if national:
        return _national(national)
    jur, level = _target(jpart, doc)
    subs = tuple(e for e in entries if e.form.level != "national") or entries
    entry = _pick_form(subs, level)
    form_level = _form_level(entry, level)
    if form_level == "national":
        return _national(entry)
    jname = _jname(jur, form_level, jpart)
    organ_kind = grammar().organs.get(organ)
    kind = entry.body.kind if entry.body.kind != "organ" else (organ_kind or "government")
    if kind == "party" and organ_kind != "government":
        name = _party_name(jname, organ, entry.form.name)
    elif organ_kind == "government" and not entry.form.name.startswith("人民政府"):
        name = jname + "人民政府" + entry.form.name
    else:
        name = jname + entry.form.name
    real = jname if jur is not None and jur.places else None
    short = jname + organ + core if jname else None
    return Resolved(name, real, form_level, kind, True, short=short)


def _embedded(simple: str, doc: Jurisdiction) -> Resolved | None:
    gram = grammar()
    for rule in gram.embedded:
        match = regex.fullmatch(rule.pattern, simple)
        if match:
            jur, level = _target(match["level"], doc)
            jname = _jname(jur, level, match["level"])
            return Resolved(rule.template.format(j=jname), jname, level, rule.kind, True)
    match = tables().place_government.fullmatch(simple)
    if match:
        jur, level = _target(match["place"], doc)
        jname = jur.name() if jur and jur.places else match["place"]
        name = gram.place_government.template.format(place=jname)
        return Resolved(name, jname, level, "government", True)
    return None


def _unknown(core: str, jpart: str, organ: str, doc: Jurisdiction) -> Resolved:
    """A body outside the gazetteer: normalized by the suffix grammar, known = False."""
    kind = next((k for s, k in grammar().suffixes.items() if core.endswith(s)), "other")
    for i, place in enumerate(doc.places):  # 立山经济开发区 in a 立山区 notice
        stem = place.name[:-1] if len(place.name) > 2 else place.name
        if not jpart and core.startswith(stem):
            above = Jurisdiction(doc.places[:i])
            jname = above.name() if above.places else ""
            return Resolved(jname + core, jname or None, place.level, kind, False)
    if not jpart:  # an unprefixed body belongs to the notice's own jurisdiction
        jname = doc.name() if doc.places else ""
        return Resolved(jname + core, jname or None, doc.level, kind, False)
    jur, level = _target(jpart, doc)
    jname = _jname(jur, level, jpart)
    return Resolved(jname + organ + core, jname or None, level, kind, False)


@lru_cache(maxsize=65536)
def resolve_name(name: str, doc: Jurisdiction, carried: str | None = None) -> Resolved:
    """Canonical body of one printed name (alias already removed)."""
    simple = to_simplified("".join(name.split()))
    if simple.endswith("等") and len(simple) > 2:
        simple = simple[:-1]
    if not carried and place_alone(simple):
        simple += "政府"  # 岳麓区 among units: its government
    whole = _embedded(simple, doc) if not carried else None
    if whole and not known_core(simple):
        return whole
    printed, core = split_prefix(simple)
    prefix = _effective_prefix(printed, carried, core)
    jpart, organ = _split_organ(prefix)
    if organ and not jpart and prefix in grammar().level_prefixes:
        jpart, organ = prefix, ""
    if organ and grammar().organs[organ] == "government" and core in grammar().organs:
        found = _embedded(jpart + organ + core, doc) or _embedded(jpart + core, doc)
        if found:
            return found
    known = _known(core, organ, jpart, doc)
    if known:
        return known
    embedded = _embedded(prefix + core, doc)
    return embedded or _unknown(core, jpart, organ, doc)


# ---------------------------------------------------------------- documents


@dataclass
class _AgencyBuilder:
    resolved: Resolved
    aliases: set[str]

    def build(self) -> Agency:
        r = self.resolved
        aliases = tuple(sorted(a for a in self.aliases if a and a != r.name))
        return Agency(agency_id(r.name), r.name, r.jurisdiction, r.level, r.kind, aliases, r.known)


def _resolve_mention(mention: AgencyMention, doc: Jurisdiction) -> Resolved | None:
    if mention.collective or is_collective(mention.mention):
        return None
    main, _ = split_alias("".join(mention.mention.split()))
    return resolve_name(main + (mention.suffix or ""), doc, mention.prefix)


def _aliases(mention: AgencyMention, resolved: Resolved) -> Iterable[str]:
    main, alias = split_alias("".join(mention.mention.split()))
    yield to_simplified(main)
    if resolved.short:
        yield resolved.short
    for extra in (alias, mention.alias):
        if extra:
            yield to_simplified(extra)


_ABBREVIATION_MAX = 40  # the longest bracket giving an abbreviation: （以下简称“…”）


def _abbreviated(extraction: Extraction, doc: Jurisdiction) -> dict[str, Resolved]:
    """The bodies the notice names once with the abbreviation it uses for them after
    ("市人民政府办公室（以下简称市政府办）"): abbreviation → the body, for a mention of the
    abbreviation the gazetteer does not know. Read right after each mention."""
    text = extraction.segmentation.document.text
    named: dict[str, Resolved] = {}
    for mention in extraction.agencies:
        after = text[mention.char_end : mention.char_end + _ABBREVIATION_MAX]
        m = None if mention.collective else abbreviation_re().match(to_simplified(after))
        resolved = _resolve_mention(mention, doc) if m else None
        if m and resolved is not None:
            named.setdefault(m["abbr"], resolved)
    return named


def resolve(extraction: Extraction) -> DocumentResult:
    """Resolve every agency mention of a notice to a canonical body."""
    doc = document_jurisdiction(extraction.segmentation.metadata)
    builders: dict[str, _AgencyBuilder] = {}
    mentions: list[ResolvedMention] = []
    warnings: list[str] = []
    named = _abbreviated(extraction, doc)
    for mention in extraction.agencies:
        resolved = _resolve_mention(mention, doc)
        if resolved is not None and not resolved.known:
            resolved = named.get(to_simplified("".join(mention.mention.split())), resolved)
        if resolved is None:
            mentions.append(ResolvedMention(mention, None, None, False))
            continue
        builder = builders.setdefault(resolved.name, _AgencyBuilder(resolved, set()))
        builder.aliases.update(_aliases(mention, resolved))
        ident = agency_id(resolved.name)
        mentions.append(ResolvedMention(mention, resolved.name, ident, resolved.known))
        if not resolved.known:
            warnings.append(f"unknown agency: {mention.mention} → {resolved.name}")
    agencies = tuple(b.build() for b in builders.values())
    return DocumentResult(extraction, tuple(mentions), agencies, tuple(dict.fromkeys(warnings)))
