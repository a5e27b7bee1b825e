"""Tables printed without rulings, rebuilt from the alignment of OCR text boxes.

A header is a line (with up to two lines below it, for header cells wrapped in a narrow
column) whose boxes, grouped into columns by horizontal overlap, name enough columns of
``rules/segment.yaml`` (as the Excel reader finds its header). Column edges lie in the
gutters of the lines below: between two headers' texts, the widest x-range the fewest boxes
cover (a box the detector ran across a narrow gutter is cut there). A row starts at a line
with text in the number column (a lone number the detector missed is read from the image
there), or, without a number column, at every line; its cells gather its lines' boxes. A
line of one box from the first column across an edge is a heading row when rows follow it,
else the table ended above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import numpy as np

from pipeline.stages.ingest.settings import format_rules
from pipeline.stages.segment_rules import compiled, squash

_HEADER_LINES = 3  # a header cell may wrap over this many lines
_NUMBER = "number"


class Box(Protocol):
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


Line = Sequence[Box]
Reread = Callable[[tuple[int, int, int, int]], str]  # the text inside a box (x0, y0, x1, y1)


@dataclass(frozen=True)
class AlignedTable:
    """The lines before the table, its grid (header first) and the lines after it."""

    before: list[int]
    grid: list[list[str]]
    after: list[int]


def aligned_table(
    lines: Sequence[Line], line_text: Callable[[Line], str], reread: Reread | None = None
) -> AlignedTable | None:
    """The page's unruled table (lines given top to bottom, boxes by x), or None. ``reread``
    reads the number column beside a line where the detector found nothing there (a lone
    "1" it misses)."""
    for i in range(len(lines)):
        found = _header(lines, i)
        if found is None:
            continue
        depth, columns, kinds = found
        edges = _edges(columns, lines[i + depth :])
        size = max(b.y1 - b.y0 for b in columns[0])
        left = int(max(min(b.x0 for b in columns[0]) - size, 0))
        number = _Number(left, int(edges[0]), reread) if kinds[0] == _NUMBER else None
        return _table(lines, i, depth, edges, number, line_text)
    return None


@dataclass(frozen=True)
class _Number:
    """The number column's x-range and how to read it where no box was found."""

    x0: int
    x1: int
    reread: Reread | None

    def read(self, line: Line) -> str:
        if self.reread is None:
            return ""
        y0, y1 = min(b.y0 for b in line), max(b.y1 for b in line)
        pad = (y1 - y0) / 4
        return self.reread((self.x0, int(y0 - pad), self.x1, int(y1 + pad)))


def _header(lines: Sequence[Line], i: int) -> tuple[int, list[list[Box]], list[str]] | None:
    """(lines it takes, its columns' boxes, their kinds) when a header starts at line i."""
    need = max(format_rules().xlsx.header_min_columns, 2)
    best = None
    for depth in range(1, min(_HEADER_LINES, len(lines) - i) + 1):
        columns = _columns([b for line in lines[i : i + depth] for b in line])
        kinds = [_kind("".join(b.text for b in col)) for col in columns]
        named = sum(1 for k in kinds if k)
        if named >= need and len(columns) >= 3 and (best is None or named > best[0]):
            best = (named, depth, columns, kinds)
    if best is None or not _all_named_or_short(best[3], best[2]):
        return None
    return best[1], best[2], best[3]


def _all_named_or_short(kinds: list[str], columns: list[list[Box]]) -> bool:
    """A header's cells are column names or short (a 说明 of four characters at most)."""
    texts = ["".join(b.text for b in col) for col in columns]
    return all(k or len(t) <= 4 for k, t in zip(kinds, texts, strict=True))


def _kind(text: str) -> str:
    name = squash(text)
    return next((kind for pattern, kind in compiled().columns if pattern.fullmatch(name)), "")


def _columns(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped by overlapping x-ranges, left to right (each group top to bottom)."""
    groups: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: b.x0):
        if groups and b.x0 < max(x.x1 for x in groups[-1]):
            groups[-1].append(b)
        else:
            groups.append([b])
    return [sorted(g, key=lambda b: b.y0) for g in groups]


def _edges(columns: list[list[Box]], body: Sequence[Line]) -> list[float]:
    """The x of each edge between two columns: between the two headers' texts, the middle
    of the widest run of x that the fewest body boxes cover (a gutter; a box the detector
    ran across it is outvoted by the rows that keep it)."""
    spans = np.array([(b.x0, b.x1) for line in body for b in line] or [(0.0, 0.0)])
    edges = []
    for left, right in pairwise(columns):
        a, z = int(max(b.x1 for b in left)), int(min(b.x0 for b in right))
        xs = np.arange(a, max(z, a + 1))
        counts = ((spans[:, :1] <= xs) & (xs < spans[:, 1:])).sum(axis=0)
        edges.append(float(_widest_run(xs, counts == counts.min())))
    return edges


def _widest_run(xs: np.ndarray, flags: np.ndarray) -> float:
    """The middle x of the longest run of True in ``flags``."""
    best, at, start = 0, float(xs[0]), None
    for i, flag in enumerate([*flags.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start > best:
                best, at = i - start, float((xs[start] + xs[i - 1]) / 2)
            start = None
    return at


def _column_of(box: Box, edges: list[float]) -> int | None:
    """The column holding the box, or None when it crosses an edge."""
    cols = {sum(1 for e in edges if x > e) for x in (box.x0 + 2, box.x1 - 2)}
    return cols.pop() if len(cols) == 1 else None


def _table(
    lines: Sequence[Line], top: int, depth: int, edges: list[float], number: _Number | None,
    line_text: Callable[[Line], str],
) -> AlignedTable:
    width = len(edges) + 1
    grid = [_header_cells(lines[top : top + depth], edges, width)]
    numbered = number is not None
    pending: list[int] = []  # lines crossing an edge, not yet known to be in the table
    row: list[list[str]] | None = None
    end = top + depth
    for k in range(top + depth, len(lines)):
        placed = [(_column_of(b, edges), b) for b in _split(lines[k], edges)]
        if any(c is None for c, _ in placed):
            pending.append(k)
            continue
        starts = not numbered or any(c == 0 for c, _ in placed)
        if not starts and number is not None:
            found = number.read(lines[k])
            if found.strip().rstrip(".、．").isdigit():
                placed.append((0, _Text(found.strip())))
                starts = True
        if not starts and row is None:
            break
        if starts:
            grid += [[line_text(lines[j])] + [""] * (width - 1) for j in pending]
            pending = []
            row = [[] for _ in range(width)]
            grid.append(row)  # type: ignore[arg-type]
        elif pending:
            break
        for c, b in placed:
            row[c].append(b.text)  # type: ignore[index]
        end = k + 1
    cells = [[r if isinstance(r, str) else "".join(r) for r in line] for line in grid]
    return AlignedTable(list(range(top)), cells, list(range(end, len(lines))))


@dataclass(frozen=True)
class _Text:
    """A number read from the number column without a box."""

    text: str
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0


def _split(line: Line, edges: list[float]) -> Line:
    """A line's boxes, one the detector ran across a narrow gutter cut at the column edges
    (its characters spread evenly over its width). A line of one box from the first column
    is left whole: a heading across the table, or text after it."""
    if len(line) == 1 and line[0].x0 < edges[0]:
        return line
    out: list[Box] = []
    for b in line:
        cuts = [e for e in edges if b.x0 + 2 < e < b.x1 - 2]
        if not cuts or len(b.text) < 2:
            out.append(b)
            continue
        per = (b.x1 - b.x0) / len(b.text)
        bounds = [b.x0, *cuts, b.x1]
        at = 0
        for x0, x1 in pairwise(bounds):
            end = len(b.text) if x1 == b.x1 else round((x1 - b.x0) / per)
            if end > at:
                out.append(_Text(b.text[at:end], x0, b.y0, x1, b.y1))
            at = max(at, end)
    return out


def _header_cells(lines: Sequence[Line], edges: list[float], width: int) -> list[str]:
    cells = [""] * width
    for line in lines:
        for b in line:
            c = _column_of(b, edges)
            cells[c if c is not None else 0] += b.text
    return cells
