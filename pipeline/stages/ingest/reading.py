"""What a reader gives back, and the table rendering all readers share with PDF ingest.

A table is a list of rows of cells; a cell spanning rows is repeated in each row it covers
(as PDF ingest fills merged cells down), a cell spanning columns stands in its first column
and leaves the others empty. Rows are rendered as ``cell | cell |`` lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.stages.ingest.cells import cell_text, row_line


@dataclass(frozen=True)
class ReadPage:
    """One page of text and how it was obtained: text | table | ocr (with mean confidence)."""

    text: str
    method: str = "text"
    confidence: float | None = None


@dataclass(frozen=True)
class Reading:
    pages: tuple[ReadPage, ...]
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpanCell:
    """A cell as the source gives it: its text and how many rows and columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def expand(rows: Sequence[Sequence[SpanCell]]) -> list[list[str]]:
    """The table's grid: every slot filled, a rowspan repeated down, a colspan left empty."""
    grid: list[list[str | None]] = []
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1  # slot taken by a rowspan from above
            for dr in range(max(1, cell.rowspan)):
                while len(grid) <= r + dr:
                    grid.append([])
                line = grid[r + dr]
                for dc in range(max(1, cell.colspan)):
                    while len(line) <= c + dc:
                        line.append(None)
                    line[c + dc] = cell.text if dc == 0 else ""
            c += max(1, cell.colspan)
    width = max((len(line) for line in grid), default=0)
    return [[v or "" for v in line] + [""] * (width - len(line)) for line in grid]


def table_lines(grid: Sequence[Sequence[str]]) -> list[str]:
    """The grid's rows as ``cell | cell |`` lines; rows with no text are left out."""
    lines = []
    for row in grid:
        cells = [cell_text(v) for v in row]
        if any(cells):
            lines.append(row_line(cells))
    return lines


GAP = "\x00"  # a line standing for the blank line that sets a table apart from the text


def join_lines(lines: Sequence[str]) -> str:
    """Lines joined by line breaks, empty ones dropped; a ``GAP`` line (before and after a
    table, so that normalize never joins a title to a header row) becomes one blank line."""
    out: list[str] = []
    for line in lines:
        if line == GAP:
            if out and out[-1]:
                out.append("")
        elif line.strip():
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
