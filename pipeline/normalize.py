"""Normalize: clean the raw page text and keep, for every character, its source offset.

Steps, in order: drop page furniture (page numbers, running headers/footers); repair
characters one-for-one (radicals, compatibility ideographs, full-width ASCII); join lines
that a PDF wrapped inside a sentence; remove spaces next to CJK characters.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex
from pydantic import BaseModel

from .records import PAGE_BREAK, NormalizedDocument, SourceDocument
from .rules import load_rules


class RunningLines(BaseModel):
    edge_lines: int
    min_share: float
    min_pages: int
    max_length: int


class NormalizeRules(BaseModel):
    radicals_supplement: dict[str, str]
    characters: dict[str, str]
    page_number_lines: list[str]
    running_lines: RunningLines
    line_start_markers: list[str]
    line_end_markers: list[str]
    short_line_share: float
    min_wrap_width: int
    bare_page_number: str


# CJK ideographs, CJK and full-width punctuation, and the curly quotes used in Chinese text.
CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
_SPACE_NEAR_CJK = regex.compile(rf"(?<=[{CJK}]) +| +(?=[{CJK}])")
_SPACE_RUN = regex.compile(r" {2,}")
_ENDS_CJK = regex.compile(rf"[{CJK}]$")
_STARTS_CJK = regex.compile(rf"^[{CJK}]")
_SENTENCE_END = regex.compile(r"[。！？；：!?;:]$")
_DIGIT = regex.compile(r"\d+")
_TABLE_ROW = regex.compile(r"[|│┃].*[|│┃]")  # a table header repeated on each page stays
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # become spaces, then go with them


@dataclass(frozen=True)
class _Compiled:
    table: dict[int, str]
    page_number: regex.Pattern
    line_start: regex.Pattern
    line_end: regex.Pattern
    running: RunningLines
    short_line_share: float
    min_wrap_width: int
    bare_page_number: regex.Pattern


@cache
def _compiled() -> _Compiled:
    rules = load_rules("normalize.yaml", NormalizeRules)
    return _Compiled(
        table=_char_table(rules),
        page_number=regex.compile("|".join(f"(?:{p})" for p in rules.page_number_lines)),
        line_start=regex.compile("^(?:" + "|".join(rules.line_start_markers) + ")"),
        line_end=regex.compile("(?:" + "|".join(rules.line_end_markers) + ")"),
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


class _Builder:
    """Accumulates output text with a source offset per character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets = array("l")

    def copy(self, text: str, source_start: int) -> None:
        self.parts.append(text)
        self.offsets.extend(range(source_start, source_start + len(text)))

    def insert(self, text: str, source_at: int) -> None:
        self.parts.append(text)
        self.offsets.extend([source_at] * len(text))

    def build(self, end: int) -> tuple[str, array]:
        self.offsets.append(end)
        return "".join(self.parts), self.offsets


@dataclass(frozen=True)
class _Line:
    text: str  # characters repaired, same length as the source line
    start: int  # offset of the line in SourceDocument.raw_text
    page: int
    full_width: int = 0  # typical length of a full line on this page


def normalize(doc: SourceDocument) -> NormalizedDocument:
    lines = _content_lines(doc)
    builder = _Builder()
    previous: _Line | None = None
    blank = False
    for line in lines:
        if not line.text.strip():
            blank = True
            continue
        if previous is not None:
            _join(builder, previous, line, blank_between=blank)
        _copy_line(builder, line)
        previous, blank = line, False
    text, offsets = builder.build(len(doc.raw_text))
    return NormalizedDocument(source=doc, text=text, source_offsets=offsets)


def _content_lines(doc: SourceDocument) -> list[_Line]:
    """All lines of all pages, characters repaired, page furniture dropped."""
    rules = _compiled()
    pages: list[list[_Line]] = []
    at = 0
    for page in doc.pages:
        text = page.text.translate(rules.table).replace("\r", " ")  # same length
        page_lines, line_at = [], at
        raw_lines = text.split("\n")
        width = _typical_width(raw_lines)
        for raw in raw_lines:
            page_lines.append(_Line(raw, line_at, page.number, width))
            line_at += len(raw) + 1
        pages.append(page_lines)
        at += len(page.text) + len(PAGE_BREAK)
    furniture = _running_lines(pages, rules.running)
    kept = []
    for page_lines in pages:
        edges = _edge_lines(page_lines, rules.running.edge_lines) if len(pages) > 1 else set()
        for index, line in enumerate(page_lines):
            bare = index in edges and rules.bare_page_number.match(line.text)
            if not bare and not _is_furniture(line.text, furniture, rules.page_number):
                kept.append(line)
    return kept


def _edge_lines(page_lines: list[_Line], n: int) -> set[int]:
    content = [i for i, line in enumerate(page_lines) if line.text.strip()]
    return set(content[:n] + content[-n:])


def _typical_width(lines: list[str]) -> int:
    """The 75th-percentile length of the page's prose lines (table rows left out)."""
    prose = [line.strip() for line in lines if line.strip() and not _TABLE_ROW.search(line)]
    lengths = sorted(map(len, prose))
    return lengths[(len(lengths) * 3) // 4] if lengths else 0


def _is_furniture(text: str, running: set[str], page_number: regex.Pattern) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    return bool(page_number.match(stripped)) or _mask(stripped) in running


def _mask(line: str) -> str:
    return _DIGIT.sub("#", regex.sub(r"\s+", "", line))


def _running_lines(pages: list[list[_Line]], rule: RunningLines) -> set[str]:
    """Lines repeated at the top or bottom of most pages: running headers and footers."""
    if len(pages) < rule.min_pages:
        return set()
    counts: Counter[str] = Counter()
    for page_lines in pages:
        content = [line.text for line in page_lines if line.text.strip()]
        edges = content[: rule.edge_lines] + content[-rule.edge_lines :]
        short = [t for t in edges if len(t.strip()) <= rule.max_length]
        counts.update({_mask(t) for t in short if not _TABLE_ROW.search(t)})
    need = max(2, rule.min_share * len(pages))
    return {masked for masked, n in counts.items() if n >= need}


def _copy_line(builder: _Builder, line: _Line) -> None:
    """Copy a line without its edge spaces and without spaces next to CJK characters."""
    body = line.text.strip()
    start = line.start + len(line.text) - len(line.text.lstrip())
    keep_from = 0
    for space_start, space_end, keep_one in _removable_spaces(body):
        builder.copy(body[keep_from:space_start], start + keep_from)
        if keep_one:
            builder.insert(" ", start + space_start)
        keep_from = space_end
    builder.copy(body[keep_from:], start + keep_from)


def _removable_spaces(body: str) -> list[tuple[int, int, bool]]:
    """(start, end, keep_one_space) for space runs to drop or shrink."""
    spans = [(m.start(), m.end(), False) for m in _SPACE_NEAR_CJK.finditer(body)]
    near_cjk = {s for s, _, _ in spans}
    runs = _SPACE_RUN.finditer(body)
    spans += [(m.start(), m.end(), True) for m in runs if m.start() not in near_cjk]
    return sorted(spans)


def _join(builder: _Builder, previous: _Line, line: _Line, *, blank_between: bool) -> None:
    """Separator between two content lines: nothing (a wrap), a space, or a line break."""
    before, after = previous.text.rstrip(), line.text.lstrip()
    at = previous.start + len(before)
    rules = _compiled()
    width = len(before.strip())
    short = width < max(rules.min_wrap_width, rules.short_line_share * previous.full_width)
    if _is_break(before, after, blank_between=blank_between or short):
        builder.insert("\n", at)
    elif not (_ENDS_CJK.search(before) or _STARTS_CJK.match(after)):
        builder.insert(" ", at)


def _is_break(before: str, after: str, *, blank_between: bool) -> bool:
    rules = _compiled()
    if blank_between or _SENTENCE_END.search(before) or rules.line_end.search(before):
        return True
    return bool(rules.line_start.match(after))
