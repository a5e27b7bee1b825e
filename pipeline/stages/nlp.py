"""spaCy/jieba wiring: the agency gazetteer as a jieba user dictionary and an entity component.

Names are matched on characters (never on jieba tokens), then attached to the Doc with
``Doc.char_span(..., alignment_mode="expand")``, so a segmentation that glues a name to its
neighbours cannot hide it. Everything is built once per process.
"""

from __future__ import annotations

from functools import cache

import jieba
import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.stages.agency_names import agency_end, grammar, prefix_ends, tables, to_simplified

LABEL = "ORG"
COMPONENT = "agency_ruler"
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


# ---------------------------------------------------------------- spaCy


@Language.component(COMPONENT)
def agency_ruler(doc: Doc) -> Doc:
    """Set agency names as ``Doc.ents`` (label ORG), matched on characters."""
    spans = find_agencies(doc.text)
    doc.user_data[_SPANS_KEY] = spans
    ents = [doc.char_span(s, e, label=LABEL, alignment_mode="expand") for s, e in spans]
    doc.ents = filter_spans([ent for ent in ents if ent is not None])
    return doc


@cache
def nlp() -> Language:
    """A blank Chinese pipeline (jieba segmenter) with the agency component, built once."""
    load_user_dict()
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.add_pipe(COMPONENT)
    return pipeline


def agency_entities(text: str) -> list[tuple[int, int, str]]:
    """Agency names in ``text`` as (char_start, char_end, "ORG"), exact character spans."""
    doc = nlp()(text)
    return [(s, e, LABEL) for s, e in doc.user_data.get(_SPANS_KEY, [])]
