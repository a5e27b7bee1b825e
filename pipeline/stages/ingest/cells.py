"""Cell filling: pdfium's characters placed in the cells of found tables (or in the text
before, between and after them), merged cells filled down, tables rendered as
``cell | cell |`` rows; and the same rendering from pdfplumber's own characters."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import regex

from pipeline.stages.ingest.grid import Box
from pipeline.stages.ingest.pdfium_raw import clean_pdfium
from pipeline.stages.ingest.settings import TableRules


@dataclass(frozen=True)
class Chars:
    """pdfium's page text with character centres (x, top-based y) for the table fill.

    ``points`` lists (index, x, y) in text order; a character not listed goes where the one
    before it went: a space or line break, or the rest of a word lying in one region of the
    tables' grid (then the word's first character stands for it).
    """

    text: str
    points: list[tuple[int, float, float]]


@dataclass(frozen=True)
class Cuts:
    """The coordinates a ``Locator`` compares points with, and its tables' extents."""

    ys: list[float]
    band_xs: list[list[float]]
    bands: list[tuple[float, float]]  # (top, bottom) of each table


EDGE_EPS = 1e-6  # pt: a point this close to a coordinate ``locate`` tests is located alone


def open_region(x: float, y: float, cuts: Cuts) -> Box:
    """The open box (x0, x1, y0, y1) of the grid ``cuts`` holding the point, as
    ``Locator.region`` draws it (a margin of ``EDGE_EPS`` inside the cuts)."""
    ys = cuts.ys
    j = bisect.bisect_left(ys, y)
    xs = cuts.band_xs[j]
    i = bisect.bisect_left(xs, x)
    return (xs[i - 1] + EDGE_EPS, xs[i] - EDGE_EPS, ys[j - 1] + EDGE_EPS, ys[j] - EDGE_EPS)


def render_tables(
    tables: list[Any], chars: Chars, rules: TableRules, locator: Locator | None = None
) -> str | None:
    """Tables (sorted top-down) filled with pdfium's characters, rows as ``cell | cell |``.

    ``locator``: the tables' ``Locator`` when the caller has built it.
    """
    while tables:  # a frame or shading box holding free text is no table: drop, refill
        groups, cells = fill(tables, chars, locator or Locator.of(tables))
        kept = [t for t, c in zip(tables, cells, strict=True) if filled(c, rules)]
        if len(kept) == len(tables):
            break
        tables, locator = kept, None
    if not tables:
        return None
    blocks = [_clean_block("".join(groups[0]))]
    for k, table in enumerate(tables):
        blocks.extend(row_line(row) for row in merge_down(table, cells[k]) if any(row))
        blocks.append(_clean_block("".join(groups[k + 1])))
    return "\n".join(b for b in blocks if b)


Cells = list[list[str | None]]
Where = tuple[int, int, int] | int  # (table, row, column) of a cell, or a text group


def fill(tables: list[Any], chars: Chars, locator: Locator) -> tuple[list[list[str]], list[Cells]]:
    """Distribute pdfium's characters over table cells and the text groups between tables.

    A character without a point goes where the one before it went; runs of characters
    going to the same place are moved as one slice of the text.
    """
    cells: list[Cells] = [
        [["" if c is not None else None for c in row.cells] for row in t.rows] for t in tables
    ]
    groups: list[list[str]] = [[] for _ in range(len(tables) + 1)]
    text = chars.text
    where: Where = 0
    start = 0
    # the region of the last point: most characters fall in the same one as the one before
    x0 = x1 = y0 = y1 = 0.0
    for i, x, y in chars.points:
        if x0 < x < x1 and y0 < y < y1:
            continue
        here, (x0, x1, y0, y1) = locator.region(x, y)
        if here != where:
            _put(groups, cells, where, text[start:i])
            where, start = here, i
    _put(groups, cells, where, text[start:])
    return groups, cells


def _put(groups: list[list[str]], cells: list[Cells], where: Where, piece: str) -> None:
    if not piece:
        return
    if isinstance(where, int):
        groups[where].append(piece)
    else:
        k, r, c = where
        cells[k][r][c] = (cells[k][r][c] or "") + piece


def filled(cells: Cells, rules: TableRules) -> bool:
    """At least ``min_rows`` rows with text in ``min_cols`` cells."""
    full = sum(1 for row in cells if sum(1 for c in row if c and c.strip()) >= rules.min_cols)
    return full >= rules.min_rows


@dataclass(frozen=True)
class Grid:
    """A found table's cells indexed by row top, for point lookups in O(log rows)."""

    bbox: tuple[float, float, float, float]
    row_tops: list[float]
    rows: list[list[tuple[int, tuple[float, float, float, float]]]]
    tallest: float

    @classmethod
    def of(cls, table: Any) -> Grid:
        rows = [[(c, b) for c, b in enumerate(row.cells) if b is not None] for row in table.rows]
        heights = [b[3] - b[1] for row in rows for _, b in row]
        return cls(table.bbox, [r.bbox[1] for r in table.rows], rows, max(heights, default=0))

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point; merged cells belong to their top row."""
        r = bisect.bisect_right(self.row_tops, y) - 1
        while r >= 0 and self.row_tops[r] >= y - self.tallest:
            for c, (x0, top, x1, bottom) in self.rows[r]:
                if x0 <= x <= x1 and top <= y <= bottom:
                    return r, c
            r -= 1
        return None


def locate(grids: list[Grid], tops: list[float], centre: tuple[float, float]) -> Where:
    """(table, row, column) of the cell holding a point, else the text group it falls in."""
    x, y = centre
    for k, grid in enumerate(grids):
        x0, top, x1, bottom = grid.bbox
        if x0 <= x <= x1 and top <= y <= bottom:
            hit = grid.cell_at(x, y)
            if hit is not None:
                return k, *hit
    return bisect.bisect_right(tops, y)


@dataclass(frozen=True)
class Locator:
    """``locate`` for a page of points, in O(log n) a point.

    ``locate`` compares a point's y with a fixed set of coordinates (cell, row and table
    edges; row tops plus the tallest cell) and, within a band between two consecutive ones,
    its x with the side edges of the cells and tables spanning that band only: between two
    consecutive such coordinates its answer cannot change, so it is computed once per such
    region and remembered. Points on or within ``EDGE_EPS`` of a coordinate (or not
    finite) are located one by one.
    """

    grids: list[Grid]
    tops: list[float]
    xs: list[float]  # every x coordinate, sorted, between -inf and +inf sentinels
    ys: list[float]  # the same for y
    band_xs: list[list[float]]  # for the band below ys[j], the x coordinates that count there
    memo: dict[Box, Where]  # by open region

    @classmethod
    def of(cls, tables: list[Any]) -> Locator:
        grids = [Grid.of(t) for t in tables]
        tops = [t.bbox[1] for t in tables]
        boxes = [g.bbox for g in grids] + [b for g in grids for row in g.rows for _, b in row]
        ys: set[float] = set(tops)
        for grid in grids:
            ys.update(grid.row_tops)
            ys.update(t + grid.tallest for t in grid.row_tops)
        ys.update(v for _, top, _, bottom in boxes for v in (top, bottom))
        inf = float("inf")
        y_cuts = [-inf, *sorted(ys), inf]
        in_band: list[set[float]] = [set() for _ in y_cuts]
        for x0, top, x1, bottom in boxes:  # a box spans the bands from its top to its bottom
            first, last = bisect.bisect_right(y_cuts, top), bisect.bisect_left(y_cuts, bottom)
            for band in in_band[first : last + 1]:
                band.add(x0)
                band.add(x1)
        band_xs = [[-inf, *sorted(xs), inf] for xs in in_band]
        x_cuts = [-inf, *sorted({x for x0, _, x1, _ in boxes for x in (x0, x1)}), inf]
        return cls(grids, tops, x_cuts, y_cuts, band_xs, {})

    def region(self, x: float, y: float) -> tuple[Where, Box]:
        """Where the point is, and the open box (x0, x1, y0, y1) around it in which every
        point is at the same place (an empty box when the point is near a coordinate)."""
        box = open_region(x, y, self.cuts)
        if not (box[0] < x < box[1] and box[2] < y < box[3]):
            return locate(self.grids, self.tops, (x, y)), _NO_BOX
        where = self.memo.get(box)
        if where is None:
            where = self.memo[box] = locate(self.grids, self.tops, (x, y))
        return where, box

    def at(self, x: float, y: float) -> Where:
        return self.region(x, y)[0]

    @cached_property
    def cuts(self) -> Cuts:
        return Cuts(self.ys, self.band_xs, [(g.bbox[1], g.bbox[3]) for g in self.grids])


_NO_BOX: Box = (0.0, 0.0, 0.0, 0.0)


_BLANK_LINES = regex.compile(r"\n[ \t\u3000]*(?=\n)")


def _clean_block(text: str) -> str:
    return _BLANK_LINES.sub("", clean_pdfium(text)).strip("\n")


# ---------------------------------------------------------------- from pdfplumber's chars


def tables_text_plumber(page: Any, tables: list[Any], rules: TableRules) -> str | None:
    """The same rendering from pdfplumber's own characters (rotated pages, odd text maps)."""
    values = [t.extract() for t in tables]
    kept = [(t, v) for t, v in zip(tables, values, strict=True) if filled(v, rules)]
    if not kept:
        return None
    tables = [t for t, _ in kept]
    boxes = [t.bbox for t in tables]
    tops = [b[1] for b in boxes]

    def group(ch: dict[str, Any]) -> int:
        """-1 inside a table; else how many tables start above the char (text after them)."""
        if _inside_any(ch, boxes):
            return -1
        return bisect.bisect_right(tops, (ch["top"] + ch["bottom"]) / 2)

    def text_of(k: int) -> str:
        sub = page.filter(lambda o: o.get("object_type") != "char" or group(o) == k)
        return (sub.extract_text() or "").strip("\n")

    blocks = [text_of(0)]
    for k, (table, cells) in enumerate(kept, start=1):
        blocks.extend(row_line(row) for row in merge_down(table, cells) if any(row))
        blocks.append(text_of(k))
    return "\n".join(b for b in blocks if b)


def _inside_any(ch: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


# ---------------------------------------------------------------- rows


def merge_down(table: Any, values: Cells) -> list[list[str]]:
    """Cell texts per row; a cell covered by a vertically merged cell inherits its value."""
    rows = table.rows
    for r in range(1, len(values)):
        row_top = rows[r].bbox[1]
        for c, cell in enumerate(values[r]):
            if cell is not None or c >= len(rows[r].cells):
                continue
            above = _covering_cell_above(rows, r, c, row_top)
            if above is not None:
                values[r][c] = values[above][c]
    return [[cell_text(v) for v in row] for row in values]


def _covering_cell_above(rows: list[Any], r: int, c: int, row_top: float) -> int | None:
    for up in range(r - 1, -1, -1):
        cells = rows[up].cells
        if c < len(cells) and cells[c] is not None:
            return up if cells[c][3] > row_top + 1 else None
    return None


def cell_text(value: str | None) -> str:
    """A cell's lines joined (no space across a CJK line break); "|" made full-width."""
    if not value:
        return ""
    lines = [ln for ln in map(str.strip, value.splitlines()) if ln]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += line if _joins_tight(out[-1], line[0]) else " " + line
    return out.replace("|", "｜")


_TIGHT = regex.compile(r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF]")


def _joins_tight(left: str, right: str) -> bool:
    """No space across a line break when either side is CJK (ideograph or CJK punctuation)."""
    return _tight(left) or _tight(right)


@cache
def _tight(ch: str) -> bool:
    """One character is CJK (remembered: a cell line break asks it of a few thousand)."""
    return bool(_TIGHT.match(ch))


def row_line(cells: list[str]) -> str:
    return " ".join(f"{c} |" if c else "|" for c in cells)
