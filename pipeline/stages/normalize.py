"""Normalize: clean the raw page text and keep, for every character, its source offset.

Steps, in order: drop page furniture (page numbers, running headers/footers); repair
characters one-for-one (radicals, compatibility ideographs, full-width ASCII); join lines
that a PDF wrapped inside a sentence; remove spaces next to CJK characters.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import NamedTuple

import regex

from pipeline.records import PAGE_BREAK, NormalizedDocument, SourceDocument
from pipeline.rules import Pattern, RuleModel, load_rules


class RunningLines(RuleModel):
    edge_lines: int
    min_share: float
    min_pages: int
    max_length: int


class NormalizeRules(RuleModel):
    radicals_supplement: dict[str, str]
    characters: dict[str, str]
    page_number_lines: list[Pattern]
    running_lines: RunningLines
    line_start_markers: list[str]
    line_end_markers: list[str]
    short_line_share: float
    min_wrap_width: int
    bare_page_number: Pattern


# CJK ideographs, CJK and full-width punctuation, and the curly quotes used in Chinese text.
CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
# Spaces dropped from a line: a run next to a CJK character, the rest of any other run after
# its first space. Captured, so that split() returns kept and dropped pieces alternately; each
# branch starts with a literal space, which the engine scans for fast.
_DROPPED_SPACES = regex.compile(rf"( (?:(?<=[{CJK}] ) *| *(?=[{CJK}])|(?<=  ) *))")
_WHITESPACE = regex.compile(r"\s+")
_CJK_CHAR = regex.compile(rf"[{CJK}]")
_DIGIT = regex.compile(r"\d+")
_TABLE_ROW = regex.compile(r"[|│┃].*[|│┃]")  # a table header repeated on each page stays
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # become spaces, then go with them


@dataclass(frozen=True)
class _Compiled:
    table: dict[int, str]
    repairable: re.Pattern  # any character of `table` (stdlib re: fast on large classes)
    page_number: regex.Pattern
    line_start: regex.Pattern
    line_end: regex.Pattern  # a line ending its paragraph (sentence end or the rules' markers)
    running: RunningLines
    short_line_share: float
    min_wrap_width: int
    bare_page_number: regex.Pattern


@cache
def _compiled() -> _Compiled:
    rules = load_rules("normalize.yaml", NormalizeRules)
    table = _char_table(rules)
    return _Compiled(
        table=table,
        repairable=re.compile(f"[{_char_class(table)}]"),
        page_number=regex.compile("|".join(f"(?:{p})" for p in rules.page_number_lines)),
        line_start=regex.compile("^(?:" + "|".join(rules.line_start_markers) + ")"),
        # (?r): searched from the end, where these anchored patterns match or fail at once
        line_end=regex.compile("(?r)" + "|".join(["[。！？；：!?;:]$", *rules.line_end_markers])),
        running=rules.running_lines,
        short_line_share=rules.short_line_share,
        min_wrap_width=rules.min_wrap_width,
        bare_page_number=regex.compile(rules.bare_page_number),
    )


def _char_table(rules: NormalizeRules) -> dict[int, str]:
    """One-to-one repairs: NFKC where it yields one character, plus the rules' table."""
    table: dict[int, str] = {}
    ranges = [(0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xFF10, 0xFF19)]
    ranges += [(0xFF21, 0xFF3A), (0xFF41, 0xFF5A)]
    for lo, hi in ranges:
        for code in range(lo, hi + 1):
            mapped = unicodedata.normalize("NFKC", chr(code))
            if len(mapped) == 1 and mapped != chr(code):
                table[code] = mapped
    for source, target in {**rules.radicals_supplement, **rules.characters}.items():
        table[ord(source)] = target
    table.update(dict.fromkeys(map(ord, _INVISIBLE), " "))
    return table


def _char_class(table: dict[int, str]) -> str:
    """The keys of ``table`` as a character class body of ranges."""
    ranges: list[list[int]] = []
    for code in sorted(table):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)


class _Counting:
    """0, 1, 2, … in one array: a slice of it is a run of source offsets, copied as memory
    (``array.extend(range(…))`` converts every int and costs about 15 times more)."""

    def __init__(self) -> None:
        self._numbers = array("l")

    def run(self, start: int, stop: int) -> array:
        numbers = self._numbers
        if stop > len(numbers):
            numbers = array("l", range(max(stop, 2 * len(numbers))))
            self._numbers = numbers
        return numbers[start:stop]


_COUNTING = _Counting()


class _Builder:
    """Accumulates output text with a source offset per character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets = array("l")

    def copy(self, text: str, source_start: int) -> None:
        self.parts.append(text)
        self.offsets.extend(_COUNTING.run(source_start, source_start + len(text)))

    def insert(self, char: str, source_at: int) -> None:
        self.parts.append(char)
        self.offsets.append(source_at)

    def build(self, end: int) -> tuple[str, array]:
        self.offsets.append(end)
        return "".join(self.parts), self.offsets


class _Line(NamedTuple):
    text: str  # characters repaired, same length as the source line
    start: int  # offset of the line in SourceDocument.raw_text
    full_width: int = 0  # typical length of a full line on this page


@dataclass(frozen=True)
class _Running:
    """Masked running lines, with the first and last characters any of them can have."""

    masks: frozenset[str]
    firsts: frozenset[str]
    lasts: frozenset[str]

    def holds(self, stripped: str) -> bool:
        # A mask keeps a stripped line's first and last characters ("#" for a digit): check
        # those before masking the line (most lines fail there).
        return (
            _masks_to(stripped[0], self.firsts)
            and _masks_to(stripped[-1], self.lasts)
            and _mask(stripped) in self.masks
        )


def normalize(doc: SourceDocument) -> NormalizedDocument:
    builder = _Builder()
    previous: _Line | None = None
    blank = False
    for line in _content_lines(doc):
        body = line.text.strip()
        if not body:
            blank = True
            continue
        if previous is not None:
            _join(builder, previous, line, blank_between=blank)
        builder.copy(body, line.start + len(line.text) - len(line.text.lstrip()))
        previous, blank = line, False
    text, offsets = _drop_spaces(*builder.build(len(doc.raw_text)))
    return NormalizedDocument(source=doc, text=text, source_offsets=offsets)


def _content_lines(doc: SourceDocument) -> list[_Line]:
    """All lines of all pages, characters repaired, page furniture dropped."""
    rules = _compiled()
    pages = _page_lines(doc, rules)
    running = _running_lines(pages, rules.running)
    kept = []
    for page_lines in pages:
        edges = _edge_lines(page_lines, rules.running.edge_lines) if len(pages) > 1 else set()
        for index, line in enumerate(page_lines):
            bare = index in edges and rules.bare_page_number.match(line.text)
            if not bare and not _is_furniture(line.text, running, rules.page_number):
                kept.append(line)
    return kept


def _page_lines(doc: SourceDocument, rules: _Compiled) -> list[list[_Line]]:
    """Each page's lines, characters repaired (same length, so offsets hold)."""
    pages: list[list[_Line]] = []
    at = 0
    for page in doc.pages:
        text = page.text
        if rules.repairable.search(text):  # translate() is slow even when nothing maps
            text = text.translate(rules.table)
        raw_lines = text.replace("\r", " ").split("\n")
        width = _typical_width(raw_lines)
        page_lines, line_at = [], at
        for raw in raw_lines:
            page_lines.append(_Line(raw, line_at, width))
            line_at += len(raw) + 1
        pages.append(page_lines)
        at += len(page.text) + len(PAGE_BREAK)
    return pages


def _edge_lines(page_lines: list[_Line], n: int) -> set[int]:
    content = [i for i, line in enumerate(page_lines) if line.text.strip()]
    return set(content[:n] + content[-n:])


def _typical_width(lines: list[str]) -> int:
    """The 75th-percentile length of the page's prose lines (table rows left out)."""
    prose = [s for line in lines if (s := line.strip()) and not _TABLE_ROW.search(s)]
    lengths = sorted(map(len, prose))
    return lengths[(len(lengths) * 3) // 4] if lengths else 0


def _is_furniture(text: str, running: _Running, page_number: regex.Pattern) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    return bool(page_number.match(stripped)) or running.holds(stripped)


def _mask(line: str) -> str:
    return _DIGIT.sub("#", _WHITESPACE.sub("", line))


def _masks_to(char: str, masked: frozenset[str]) -> bool:
    """Whether ``char`` masked (a digit becomes "#") is one of ``masked``."""
    return char in masked or ("#" in masked and bool(_DIGIT.match(char)))


def _running_lines(pages: list[list[_Line]], rule: RunningLines) -> _Running:
    """Lines repeated at the top or bottom of most pages: running headers and footers."""
    masks = _running_masks(pages, rule)
    return _Running(masks, frozenset(m[0] for m in masks), frozenset(m[-1] for m in masks))


def _running_masks(pages: list[list[_Line]], rule: RunningLines) -> frozenset[str]:
    if len(pages) < rule.min_pages:
        return frozenset()
    counts: Counter[str] = Counter()
    for page_lines in pages:
        content = [line.text for line in page_lines if line.text.strip()]
        edges = content[: rule.edge_lines] + content[-rule.edge_lines :]
        short = [t for t in edges if len(t.strip()) <= rule.max_length]
        counts.update({_mask(t) for t in short if not _TABLE_ROW.search(t)})
    need = max(2, rule.min_share * len(pages))
    return frozenset(masked for masked, n in counts.items() if n >= need and masked)


def _drop_spaces(text: str, offsets: array) -> tuple[str, array]:
    """``text`` without the dropped spaces, in one pass over the whole text: lines are
    stripped and joined by a line break, nothing, or a space between two non-CJK characters,
    so every space run and its neighbours lie inside one line."""
    pieces = _DROPPED_SPACES.split(text)  # kept, dropped, kept, …, kept
    if len(pieces) == 1:
        return text, offsets
    bounds = list(accumulate(map(len, pieces), initial=0))
    kept = array("l")
    for start, stop in zip(bounds[::2], bounds[1::2], strict=True):
        kept.extend(offsets[start:stop])
    kept.append(offsets[-1])  # the end
    return "".join(pieces[::2]), kept


def _join(builder: _Builder, previous: _Line, line: _Line, *, blank_between: bool) -> None:
    """Separator between two content lines: nothing (a wrap), a space, or a line break."""
    before, after = previous.text.rstrip(), line.text.lstrip()
    at = previous.start + len(before)
    rules = _compiled()
    width = len(before.strip())
    short = width < max(rules.min_wrap_width, rules.short_line_share * previous.full_width)
    if _is_break(before, after, blank_between=blank_between or short):
        builder.insert("\n", at)
    elif not (_CJK_CHAR.match(before, len(before) - 1) or _CJK_CHAR.match(after)):
        builder.insert(" ", at)


def _is_break(before: str, after: str, *, blank_between: bool) -> bool:
    rules = _compiled()
    if blank_between or rules.line_end.search(before):
        return True
    return bool(rules.line_start.match(after))
