"""Normalize: clean the raw page text and keep, for every character, its source offset.

Steps, in order: fold characters to the forms the rules read (one mapping built from
rules/normalize.yaml: NFKC on chosen blocks, what NFKC misses, folds in context; ⑴ → （1）
gives each of its three characters the source offset of ⑴); drop page furniture (page
numbers, running headers/footers); join lines that a PDF wrapped inside a sentence; remove
spaces next to CJK characters.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex
from pydantic import field_validator

from pipeline.records import PAGE_BREAK, NormalizedDocument, SourceDocument
from pipeline.rules import Pattern, RuleModel, load_rules


class RunningLines(RuleModel):
    edge_lines: int
    min_share: float
    min_pages: int
    max_length: int


class ContextFold(RuleModel):
    pattern: Pattern  # group `at` (else the whole match) is folded by `fold`
    fold: dict[str, str]

    @field_validator("fold")
    @classmethod
    def _one_to_one(cls, fold: dict[str, str]) -> dict[str, str]:
        if any(len(k) != 1 or len(v) != 1 for k, v in fold.items()):
            raise ValueError("in_context folds map one character to one")
        return fold


class CellPage(RuleModel):
    share: float  # more lines than this share shorter than min_wrap_width: cells one a line
    wrap_share: float  # there a line this share of the longest line's length may be wrapped
    min_width: int  # and never one shorter than this (a line as long as a cell)


class NormalizeRules(RuleModel):
    nfkc: list[tuple[int, int]]
    nfkc_punctuation: dict[str, str]
    radicals_supplement: dict[str, str]
    characters: dict[str, str]
    in_context: list[ContextFold]
    page_number_lines: list[Pattern]
    running_lines: RunningLines
    line_start_markers: list[str]
    line_end_markers: list[str]
    closing_separators: Pattern
    short_line_share: float
    min_wrap_width: int
    cell_page: CellPage
    bare_page_number: Pattern
    ruby_gloss: Pattern
    lost_characters: Pattern
    label_gap: Pattern

    @field_validator("radicals_supplement", "characters")
    @classmethod
    def _same_length(cls, table: dict[str, str]) -> dict[str, str]:
        if any(len(k) != len(v) or not k for k, v in table.items()):
            raise ValueError("a key of n characters maps to a value of n characters")
        return table


# CJK ideographs, CJK and full-width punctuation, and the curly quotes used in Chinese text.
CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
# Spaces dropped from a line: a run next to a CJK character, the rest of any other run after
# its first space. Captured, so that split() returns kept and dropped pieces alternately; each
# branch starts with a literal space, which the engine scans for fast.
_DROPPED_SPACES = regex.compile(rf"( (?:(?<=[{CJK}] ) *| *(?=[{CJK}])|(?<=  ) *))")
_WHITESPACE = regex.compile(r"\s+")
_COLUMN_GAP = r"(?:[ \u3000]{2,}|\t)"
_SPACED_COLUMNS = regex.compile(rf"\S{_COLUMN_GAP}\S.*\S{_COLUMN_GAP}\S")  # three columns or more
_CJK_CHAR = regex.compile(rf"[{CJK}]")
_DIGIT = regex.compile(r"\d+")
_TABLE_ROW = regex.compile(r"[|│┃].*[|│┃]")  # a table header repeated on each page stays
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # become spaces, then go with them


@dataclass(frozen=True)
class _InContext:
    pattern: regex.Pattern
    group: str | int  # the part of a match that is folded
    table: dict[int, int]


@dataclass(frozen=True)
class _Compiled:
    table: dict[int, str]
    repairable: re.Pattern  # any character of `table` (stdlib re: fast on large classes)
    expanding: re.Pattern  # any character `table` folds to several (⑴ → （1）)
    in_context: tuple[_InContext, ...]
    page_number: regex.Pattern
    line_start: regex.Pattern
    line_end: regex.Pattern  # a line ending its paragraph (sentence end or the rules' markers)
    closing_separators: regex.Pattern  # a line of cell separators only: joins the line before
    running: RunningLines
    short_line_share: float
    min_wrap_width: int
    cell_page: CellPage
    bare_page_number: regex.Pattern
    ruby_gloss: regex.Pattern
    lost_characters: regex.Pattern
    label_gap: regex.Pattern


@cache
def _compiled() -> _Compiled:
    rules = load_rules("normalize.yaml", NormalizeRules)
    table = _char_table(rules)
    expanding = {code: to for code, to in table.items() if len(to) != 1}
    return _Compiled(
        table=table,
        repairable=re.compile(f"[{_char_class(table)}]"),
        expanding=re.compile(f"[{_char_class(expanding)}]" if expanding else "(?!)"),
        in_context=tuple(_in_context(regex.compile(c.pattern), c.fold) for c in rules.in_context),
        page_number=regex.compile("|".join(f"(?:{p})" for p in rules.page_number_lines)),
        line_start=regex.compile("^(?:" + "|".join(rules.line_start_markers) + ")"),
        # (?r): searched from the end, where these anchored patterns match or fail at once
        closing_separators=regex.compile(rules.closing_separators),
        line_end=regex.compile("(?r)" + "|".join(["[。！？；：!?;:]$", *rules.line_end_markers])),
        running=rules.running_lines,
        short_line_share=rules.short_line_share,
        min_wrap_width=rules.min_wrap_width,
        cell_page=rules.cell_page,
        bare_page_number=regex.compile(rules.bare_page_number),
        ruby_gloss=regex.compile(f"({rules.ruby_gloss})"),
        label_gap=regex.compile(rules.label_gap),
        lost_characters=regex.compile(f"(?m)({rules.lost_characters})"),
    )


def _in_context(pattern: regex.Pattern, fold: dict[str, str]) -> _InContext:
    group = "at" if "at" in pattern.groupindex else 0
    return _InContext(pattern, group, {ord(k): ord(v) for k, v in fold.items()})


def _char_table(rules: NormalizeRules) -> dict[int, str]:
    """The folding table: NFKC on the rules' blocks (its ASCII punctuation written the rules'
    way), then the rules' own tables, which win; invisible characters become spaces."""
    table: dict[int, str] = {}
    punctuation = str.maketrans(rules.nfkc_punctuation)
    for lo, hi in rules.nfkc:
        for code in range(lo, hi + 1):
            mapped = unicodedata.normalize("NFKC", chr(code))
            if mapped != chr(code) and not any(unicodedata.combining(c) for c in mapped):
                table[code] = mapped.translate(punctuation)
    for sources, targets in {**rules.radicals_supplement, **rules.characters}.items():
        table.update(zip(map(ord, sources), targets, strict=True))
    table.update(dict.fromkeys(map(ord, _INVISIBLE), " "))
    return table


def _fold_pages(doc: SourceDocument, rules: _Compiled) -> list[tuple[str, array | None]]:
    """Each page folded, with the source offset of each folded character and of the end, or
    None when every character folded to one (character i comes from page start + i)."""
    folded, at = [], 0
    for page in doc.pages:
        folded.append(_fold(page.text, at, rules))
        at += len(page.text) + len(PAGE_BREAK)
    texts = _fold_in_context([text for text, _ in folded], rules.in_context)
    return [(text, offsets) for text, (_, offsets) in zip(texts, folded, strict=True)]


def _fold(text: str, base: int, rules: _Compiled) -> tuple[str, array | None]:
    if not rules.repairable.search(text):  # translate() is slow even when nothing maps
        return text, None
    if not rules.expanding.search(text):
        return text.translate(rules.table), None
    return _expand(text, base, rules)


def _expand(text: str, base: int, rules: _Compiled) -> tuple[str, array]:
    """Folding where some characters become several: each of those gets its source's offset."""
    parts: list[str] = []
    offsets = array("l")
    at = 0
    for match in rules.expanding.finditer(text):
        start = match.start()
        parts.append(text[at:start].translate(rules.table))
        offsets.extend(_COUNTING.run(base + at, base + start))
        folded = rules.table[ord(text[start])]
        parts.append(folded)
        offsets.extend(array("l", [base + start]) * len(folded))
        at = start + 1
    parts.append(text[at:].translate(rules.table))
    offsets.extend(_COUNTING.run(base + at, base + len(text) + 1))
    return "".join(parts), offsets


def _fold_in_context(pages: list[str], rules: tuple[_InContext, ...]) -> list[str]:
    """The pages with the folds in context (one to one), searched for in the whole document
    at once: a search per page costs more than the search itself (most find nothing)."""
    whole = PAGE_BREAK.join(pages)
    folded = whole
    for rule in rules:
        folded = _fold_matches(folded, rule)
    if folded is whole:
        return pages
    out, start = [], 0
    for page in pages:
        out.append(folded[start : start + len(page)])
        start += len(page) + len(PAGE_BREAK)
    return out


def _fold_matches(text: str, rule: _InContext) -> str:
    """``text`` with the rule's characters folded where its pattern finds them."""
    spans = [m.span(rule.group) for m in rule.pattern.finditer(text)]
    if not spans:
        return text
    pieces, at = [], 0
    for start, stop in spans:
        pieces += [text[at:start], text[start:stop].translate(rule.table)]
        at = stop
    pieces.append(text[at:])
    return "".join(pieces)


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

    def copy(self, line: _Line, start: int, stop: int) -> None:
        """Characters ``start:stop`` of ``line``."""
        self.parts.append(line.text[start:stop])
        if line.offsets is None:
            self.offsets.extend(_COUNTING.run(line.start + start, line.start + stop))
        else:
            self.offsets.extend(line.offsets[start:stop])

    def insert(self, char: str, source_at: int) -> None:
        self.parts.append(char)
        self.offsets.append(source_at)

    def build(self, end: int) -> tuple[str, array]:
        self.offsets.append(end)
        return "".join(self.parts), self.offsets


class _Line(NamedTuple):
    text: str  # characters folded
    start: int  # offset of the line in SourceDocument.raw_text
    wrap_width: float = 0  # a line shorter than this ends its paragraph (a PDF wraps full lines)
    # the source offset of each character and of the end, when folding changed the length
    # (else character i comes from start + i)
    offsets: array | None = None

    def source_at(self, index: int) -> int:
        return self.start + index if self.offsets is None else self.offsets[index]


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
    lines = _content_lines(doc)
    closing = not _opens_cells(lines)
    empty_cells = _empty_cells(lines)
    wrapped = _wrapped_cells(lines) if closing else set()
    for index, line in enumerate(lines):
        body = line.text.strip()
        if not body and index not in empty_cells:
            blank = True
            continue
        joined = index in wrapped and not blank  # a cell's words wrapped onto this line
        if previous is not None and not joined:  # ("开工" over "时间|"): one cell, no break
            _join(builder, previous, line, blank_between=blank, closing=closing)
        lead = len(line.text) - len(line.text.lstrip())
        builder.copy(line, lead, lead + len(body))
        previous, blank = line, False
    text, offsets = _drop_spaces(*builder.build(len(doc.raw_text)))
    text, offsets = _dropped(text, offsets, _compiled().ruby_gloss)
    text, offsets = _dropped(text, offsets, _compiled().lost_characters)
    text, offsets = _dropped_spans(text, offsets, preview_page_counters(text))
    return NormalizedDocument(source=doc, text=text, source_offsets=offsets)


_PREVIEW_PAGE_MIN = 200  # a document-sharing site's preview prints a page a line, this long
_SENTENCE_ENDS = "。；;！？!?：:"


def preview_page_counters(text: str) -> list[tuple[int, int]]:
    """The page counters a document-sharing site's text preview prints, each page run onto
    one line opened by its number ("1、甘肃省…", "\n2、财政局、…"): the spans to drop (a
    counter with the line break before it, so a word the page break cut reads whole). Only
    where the text opens with "1、", the counters run on 2、3、… and every page before one is
    a long line broken off inside its sentence; else none. The file's name or the document's
    title may stand before the first page ("凤台县自然灾害救助应急预案.docx")."""
    first = _first_preview_page(text)
    if first is None:
        return []
    spans = [(first, first + 2)]
    at, page = first, 2
    while (found := text.find(f"\n{page}、", at)) >= 0:
        line = text[text.rfind("\n", 0, found) + 1 : found]
        if len(line) < _PREVIEW_PAGE_MIN or line.rstrip()[-1:] in _SENTENCE_ENDS:
            return []
        spans.append((found, found + 2 + len(str(page))))
        at, page = found + 1, page + 1
    return spans if len(spans) > 1 else []


_PREVIEW_TITLE_MAX = 80  # a file's name or a title over a preview's first page is short


def _first_preview_page(text: str) -> int | None:
    """Where a preview's first page counter ("1、") stands: the text's start, or a line's
    start under at most two short lines (its file name, its title)."""
    if text.startswith("1、"):
        return 0
    at = text.find("\n1、")
    if at < 0:
        return None
    head = [line for line in text[:at].split("\n") if line.strip()]
    if len(head) > 2 or any(len(line) > _PREVIEW_TITLE_MAX for line in head):
        return None
    return at + 1


def _dropped_spans(text: str, offsets: array, spans: list[tuple[int, int]]) -> tuple[str, array]:
    """``text`` without ``spans`` (sorted, apart), offsets kept."""
    if not spans:
        return text, offsets
    pieces, kept, at = [], array("l"), 0
    for start, stop in spans:
        pieces.append(text[at:start])
        kept.extend(offsets[at:start])
        at = stop
    pieces.append(text[at:])
    kept.extend(offsets[at:])
    return "".join(pieces), kept


def _empty_cells(lines: list[_Line]) -> set[int]:
    """Lines of spaces only that stand as empty cells among cells parted by empty lines (a
    table copied a cell a line: "市发改委\n\n \n\n上半年…"): each stays an empty line, so
    a row keeps as many lines as it has cells."""
    found = set()
    for k in range(2, len(lines) - 2):
        if not lines[k].text or lines[k].text.strip():
            continue
        if lines[k - 1].text or lines[k + 1].text:
            continue  # the empty lines around it must be truly empty
        cells = [lines[k - 2].text.strip(), lines[k + 2].text.strip()]
        if all(0 < len(cell) <= _CELL_MAX for cell in cells):
            found.add(k)
    return found


_CELL_MAX = 60  # the cells around an empty one are short lines, not paragraphs


def _wrapped_cells(lines: list[_Line]) -> set[int]:
    """In a table copied a cell a line, each cell closed by a separator ("序号|", or "|" on
    the line after), the lines that go on a cell whose first words the line before holds,
    a few characters unclosed ("开工" over "时间" over "|"): their indexes."""
    texts = [line.text.strip() for line in lines]
    closed = [bool(t) and t[-1] in _CLOSING_CHARS for t in texts]
    if sum(closed) < _CLOSED_CELLS_MIN:
        return set()  # decided before any pattern runs
    separators = _compiled().closing_separators
    found = set()
    for k in range(1, len(texts) - 1):
        before, here = texts[k - 1], texts[k]
        if not before or not here or closed[k - 1] or len(before) > _WRAPPED_CELL_MAX:
            continue
        if not (_CJK_CHAR.match(before[-1]) and _CJK_CHAR.match(here[0])):
            continue
        if closed[k] or (k + 1 < len(texts) and separators.fullmatch(texts[k + 1])):
            found.add(k)
    return found


_CLOSED_CELLS_MIN = 10  # cells closed by a separator: a table copied a cell a line
_CLOSING_CHARS = "|│┃"  # what closing_separators (rules) end on
_WRAPPED_CELL_MAX = 2  # the first words of a wrapped cell (a name a line is longer: 市农技中心)


def _opens_cells(lines: list[_Line]) -> bool:
    """Whether a line opens a cell with a separator ("| 重点工作"): there a line of
    separators only closes a row, not the cell on the line before it."""
    separators = _compiled().closing_separators
    for line in lines:
        m = separators.match(line.text.lstrip())
        if m and line.text.strip()[m.end() :].strip():
            return True
    return False


def _content_lines(doc: SourceDocument) -> list[_Line]:
    """All lines of all pages, characters repaired, page furniture dropped."""
    rules = _compiled()
    pages = _page_lines(doc, rules)
    running = _running_lines(pages, rules.running)
    kept = []
    for page_lines in pages:
        edges = _edge_lines(page_lines, rules.running.edge_lines) if len(pages) > 1 else set()
        for index, line in enumerate(page_lines):
            edge = index in edges
            bare = edge and rules.bare_page_number.match(line.text)
            edge = edge and not rules.line_start.match(line.text.strip())  # labels, items
            if not bare and not _is_furniture(line.text, running, rules.page_number, edge=edge):
                kept.append(line)
    return kept


def _page_lines(doc: SourceDocument, rules: _Compiled) -> list[list[_Line]]:
    """Each page's lines, characters folded, each line knowing its source offsets."""
    pages: list[list[_Line]] = []
    at = 0
    for page, (text, offsets) in zip(doc.pages, _fold_pages(doc, rules), strict=True):
        raw_lines = text.replace("\r", " ").split("\n")
        width = _wrap_width(raw_lines)
        page_lines, line_at = [], 0
        for raw in raw_lines:
            stop = line_at + len(raw)
            if offsets is None:
                page_lines.append(_Line(raw, at + line_at, width))
            else:
                page_lines.append(_Line(raw, offsets[line_at], width, offsets[line_at : stop + 1]))
            line_at = stop + 1
        pages.append(page_lines)
        at += len(page.text) + len(PAGE_BREAK)
    return pages


def _edge_lines(page_lines: list[_Line], n: int) -> set[int]:
    content = [i for i, line in enumerate(page_lines) if line.text.strip()]
    return set(content[:n] + content[-n:])


def _wrap_width(lines: list[str]) -> float:
    """The length under which a line of the page ends its paragraph: a share of the page's
    typical (75th percentile) prose line, table rows left out. On a page of cells one a line
    (most lines shorter than min_wrap_width, no sentence ending them) only lines nearly as
    long as its longest were wrapped: a copy of a table gives a cell a line, never wrapped."""
    prose = [s for line in lines if (s := line.strip()) and not _TABLE_ROW.search(s)]
    lengths = sorted(map(len, prose))
    rules = _compiled()
    if not lengths:
        return rules.min_wrap_width
    cells = sum(len(s) < rules.min_wrap_width and not rules.line_end.search(s) for s in prose)
    if cells > rules.cell_page.share * len(lengths):
        return max(rules.cell_page.min_width, rules.cell_page.wrap_share * lengths[-1])
    typical = lengths[(len(lengths) * 3) // 4]
    return max(rules.min_wrap_width, rules.short_line_share * typical)


def _is_furniture(
    text: str, running: _Running, page_number: regex.Pattern, *, edge: bool
) -> bool:
    """A page number anywhere; a running header or footer only at a page's top or bottom
    (a label line repeated under every task, "牵头责任单位：县卫健委", is text elsewhere)."""
    stripped = text.strip()
    if not stripped:
        return False
    return bool(page_number.match(stripped)) or (edge and running.holds(stripped))


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
    so every space run and its neighbours lie inside one line. The space ending a unit's
    label at a line's start stays, one (rules label_gap)."""
    labels = {m.end() for m in _compiled().label_gap.finditer(text)}
    spans = [m.span(1) for m in _DROPPED_SPACES.finditer(text)]
    kept = [(s + (s in labels), e) for s, e in spans]  # a label's space stays, one
    return _dropped_spans(text, offsets, [(s, e) for s, e in kept if e > s])


def _dropped(text: str, offsets: array, dropped: regex.Pattern) -> tuple[str, array]:
    """``text`` without the matches of ``dropped`` (one captured group), offsets kept."""
    return _dropped_spans(text, offsets, [m.span(1) for m in dropped.finditer(text)])


def _join(
    builder: _Builder, previous: _Line, line: _Line, *, blank_between: bool, closing: bool
) -> None:
    """Separator between two content lines: nothing (a wrap), a space, or a line break."""
    before, after = previous.text.rstrip(), line.text.lstrip()
    at = previous.source_at(len(before))
    short = len(before.strip()) < previous.wrap_width
    if _is_break(before, after, blank_between=blank_between or short, closing=closing):
        builder.insert("\n", at)
    elif not (_CJK_CHAR.match(before, len(before) - 1) or _CJK_CHAR.match(after)):
        builder.insert(" ", at)


def _single_spaced_row(line: str) -> bool:
    """A row of cells parted by single spaces ("1 增加公办幼儿园学位 个 2295 1095 47.7% 区教育局"):
    five cells or more, words not letters (a letter-spaced line, "工 作 任 务", is no row)."""
    cells = line.split()
    if len(cells) < _ROW_CELLS_MIN or not _CJK_CHAR.search(line):
        return False
    return sum(map(len, cells)) >= _CELL_CHARS_MIN * len(cells)


_ROW_CELLS_MIN = 5
_CELL_CHARS_MIN = 2  # mean characters a cell


def _is_break(before: str, after: str, *, blank_between: bool, closing: bool = True) -> bool:
    rules = _compiled()
    if closing and rules.closing_separators.fullmatch(after.strip()):
        return False  # "序号" over "|": the separator closes the cell
    if blank_between or rules.line_end.search(before):
        return True
    if _SPACED_COLUMNS.search(before) or _single_spaced_row(before) or _single_spaced_row(after):
        return True  # a row of columns parted by spaces ("序号    事项    责任单位") is a line
    return bool(rules.line_start.match(after))
