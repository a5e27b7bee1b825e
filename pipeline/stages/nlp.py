"""spaCy/jieba wiring: the agency gazetteer as a jieba user dictionary, an entity component,
and a Matcher for organization names the gazetteer does not hold.

Gazetteer names are matched on characters (never on jieba tokens), then attached to the Doc
with ``Doc.char_span(..., alignment_mode="expand")``, so a segmentation that glues a name to
its neighbours cannot hide it. The organization Matcher works on jieba's words and their
dictionary tags (``Token._.jieba_tag``), with the patterns of ``rules/mentions.yaml``; it
finds 市/体育事业/发展/中心 and 农业部 (tagged ``nt``) alike. Everything is built once per
process, and only when a document needs it (loading spaCy and jieba takes seconds).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import jieba
import regex
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from pipeline.stages.agency_names import agency_end, grammar, prefix_ends, tables, to_simplified

LABEL = "ORG"
COMPONENT = "agency_ruler"
ORG_COMPONENT = "organization_matcher"
ORG_SPANS = "organizations"  # doc.spans key of the Matcher's organization names
_SPANS_KEY = "agency_spans"
_MAX_PREFIX = 9
_MAX_GENERIC = 5  # longest generic place (with organ) trusted in running text


@cache
def _core_pattern() -> regex.Pattern[str]:
    """All gazetteer cores and whole-name patterns (团区委, 区委), longest first."""
    cores = sorted(tables().cores, key=len, reverse=True)
    embedded = [p.pattern.strip("^$") for p, _ in tables().embedded]
    return regex.compile("|".join([*embedded, *map(regex.escape, cores)]))


@cache
def _boundary() -> regex.Pattern[str]:
    """Where a generic place name may begin: text start, a break character or a stop word."""
    breaks = regex.escape(grammar().breaking_chars)
    words = sorted({*grammar().stop_words, *grammar().name_openers}, key=len, reverse=True)
    stops = "|".join(map(regex.escape, words))
    return regex.compile(rf"(?:^|[{breaks}\d]|{stops})$")


def _prefix_start(simple: str, start: int, end: int) -> int:
    """Start of the jurisdiction/organ prefix before a name found at ``simple[start:end]``.

    A short generic place (南沙区) counts when it begins at a boundary; otherwise the
    earliest level character or known province (区, 市, 西藏自治区) is taken. A match that
    begins with a level character (区政府) may take the place it ends (南沙区政府).
    """
    head_end = start + 1 if simple.startswith(tuple(grammar().level_prefixes), start) else start
    place_head = tables().place_head
    candidates = [
        s
        for s in range(max(0, start - _MAX_PREFIX), start)
        if not tables().stop.match(simple, s)
        and (
            start - s in prefix_ends(simple[s:end])
            or (head_end > start and place_head.fullmatch(simple, s, head_end))
        )
    ]
    for s in candidates:
        if start - s <= _MAX_GENERIC and _boundary().search(simple[max(0, s - 4) : s]):
            return s
    known = (*grammar().level_prefixes, *tables().places)
    return next((s for s in candidates if simple.startswith(known, s)), start)


def _is_word(simple: str, start: int, end: int) -> bool:
    """A bare two-character short form counts only when no Han character follows it."""
    if end - start > 2:
        return True
    following = simple[end : end + 2]
    return not following or not regex.match(r"\p{Han}", following) or bool(
        tables().stop.match(following)
    )


def find_agencies(text: str) -> list[tuple[int, int]]:
    """Character spans of gazetteer agency names in ``text`` (with their prefixes)."""
    simple = to_simplified(text)
    limit = grammar().max_name_length
    spans: list[tuple[int, int]] = []
    pos = 0
    while match := _core_pattern().search(simple, pos):
        start = max(_prefix_start(simple, match.start(), match.end()), pos)
        if start == match.start() and not _is_word(simple, start, match.end()):
            pos = match.start() + 1
            continue
        longest = agency_end(text, start, min(len(text), start + limit)) or 0
        end = max(match.end(), longest)
        spans.append((start, end))
        pos = end
    return spans


# ---------------------------------------------------------------- jieba


@cache
def load_user_dict() -> int:
    """Add every gazetteer name, short form and level-prefixed form to jieba (once)."""
    words = set(tables().cores)
    for core in tables().cores:
        words.update(p + core for p in grammar().level_prefixes)
    for word in sorted(words):
        jieba.add_word(word, freq=None, tag="nt")
    return len(words)


@cache
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word (user words included: ``nt``)."""
    import jieba.posseg

    load_user_dict()
    tagger = jieba.posseg.dt
    if not tagger.word_tag_tab:
        tagger.initialize()
    tagger.makesure_userdict_loaded()
    return tagger.word_tag_tab


# ---------------------------------------------------------------- spaCy


@Language.component(COMPONENT)
def agency_ruler(doc: Doc) -> Doc:
    """Set agency names as ``Doc.ents`` (label ORG), matched on characters."""
    spans = find_agencies(doc.text)
    doc.user_data[_SPANS_KEY] = spans
    ents = [doc.char_span(s, e, label=LABEL, alignment_mode="expand") for s, e in spans]
    doc.ents = filter_spans([ent for ent in ents if ent is not None])
    return doc


class OrganizationMatcher:
    """Tag each word with jieba's dictionary tag, then match organization names with the
    patterns of ``rules/mentions.yaml`` into ``doc.spans[ORG_SPANS]``."""

    def __init__(self, language: Language) -> None:
        from pipeline.stages.mentions import mention_rules  # it owns the rules, imports us

        org = mention_rules().organization
        self.head = regex.compile(f"(?:{org.head})$")
        self.refused = frozenset(org.refused_tags)
        self.matcher = Matcher(language.vocab)
        place = {"_": {"place": True}, "OP": "?"}  # 市, 省, or a word jieba tags ns
        tagged = [place, {"_": {"jieba_tag": {"IN": list(org.tags)}}}]
        named = [
            {"_": {"name_word": True}, "OP": f"{{0,{org.max_words - 1}}}"},
            {"_": {"org_head": True}},
        ]
        self.matcher.add(LABEL, [tagged, named], greedy="LONGEST")
        self.places = frozenset(grammar().level_prefixes)

    def __call__(self, doc: Doc) -> Doc:
        tags = word_tags()
        for token in doc:
            tag = tags.get(token.text)
            token._.jieba_tag = tag
            han = bool(regex.fullmatch(r"\p{Han}+", token.text))
            token._.name_word = han and tag not in self.refused
            token._.org_head = han and bool(self.head.search(token.text))
            token._.place = token.text in self.places or tag == "ns"
        doc.spans[ORG_SPANS] = list(self.matcher(doc, as_spans=True))
        return doc


for _attr in ("jieba_tag", "name_word", "org_head", "place"):
    if not Token.has_extension(_attr):
        Token.set_extension(_attr, default=None)


@Language.factory(ORG_COMPONENT)
def organization_matcher(nlp: Language, name: str) -> OrganizationMatcher:
    return OrganizationMatcher(nlp)


@cache
def nlp() -> Language:
    """A blank Chinese pipeline (jieba segmenter) with the agency component and the
    organization Matcher, built once."""
    load_user_dict()
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.add_pipe(COMPONENT)
    pipeline.add_pipe(ORG_COMPONENT)
    return pipeline


def agency_entities(text: str) -> list[tuple[int, int, str]]:
    """Agency names in ``text`` as (char_start, char_end, "ORG"), exact character spans."""
    doc = nlp()(text)
    return [(s, e, LABEL) for s, e in doc.user_data.get(_SPANS_KEY, [])]


class Word(NamedTuple):
    start: int
    end: int
    tag: str | None  # jieba's dictionary tag, None for a word it does not know


class Analysis(NamedTuple):
    """One text through the pipeline: its words and the organization names found in it
    (gazetteer names and Matcher names), all as character offsets."""

    words: list[Word]
    organizations: list[tuple[int, int]]


def analyse(text: str) -> Analysis:
    doc = nlp()(text)
    words = [Word(t.idx, t.idx + len(t.text), t._.jieba_tag) for t in doc]
    organizations = {*doc.user_data.get(_SPANS_KEY, [])}
    organizations.update((s.start_char, s.end_char) for s in doc.spans[ORG_SPANS])
    return Analysis(words, sorted(organizations))
