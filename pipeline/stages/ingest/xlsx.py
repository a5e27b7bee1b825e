"""Excel .xlsx task lists: every visible sheet a page, merged cells resolved, the header row
found by its column names (segment.yaml's ``columns``); rows above it are title lines."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from typing import Any

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError
from pipeline.stages.ingest.reading import GAP, Reading, ReadPage, join_lines, table_lines
from pipeline.stages.ingest.settings import format_rules
from pipeline.stages.segment_rules import compiled, squash

STAGE = "ingest"


def read_xlsx(data: bytes) -> Reading:
    """One page per visible sheet that holds text."""
    book = _open(data)
    pages = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        text = sheet_text(sheet_grid(sheet))
        if text:
            pages.append(ReadPage(text, "table"))
    if not pages:
        raise PipelineError(ErrorCode.EMPTY, "workbook holds no text", STAGE)
    return Reading(tuple(pages))


def _open(data: bytes) -> Any:
    from openpyxl import load_workbook  # here: only workbooks need it

    try:
        return load_workbook(BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PipelineError(
            ErrorCode.CORRUPT_FILE, f"damaged or not an Excel .xlsx file: {exc}", STAGE
        ) from None


def sheet_grid(sheet: Any) -> list[list[str]]:
    """Cell texts by row; a merged range's value is repeated down its first column and its
    other columns are left empty (as tables are rendered from PDF)."""
    grid = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for r in range(top, min(merged.max_row, len(grid))):
            grid[r][left] = value
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in grid), default=0)
    return [r[:width] + [""] * (width - len(r)) for r in grid]


def sheet_text(grid: list[list[str]]) -> str:
    """Rows above the header as lines, the header and the rows below as ``cell | cell |``."""
    header = header_row(grid)
    if header is None:
        header = 0 if grid and len(grid[0]) > 1 else len(grid)
    lines = [" ".join(v for v in row if v) for row in grid[:header]]
    lines.extend([GAP, *table_lines(grid[header:])])
    return join_lines(lines)


def header_row(grid: list[list[str]]) -> int | None:
    """Index of the first row naming enough columns, else None."""
    need = format_rules().xlsx.header_min_columns
    columns = [pattern for pattern, _ in compiled().columns]
    for i, row in enumerate(grid):
        named = sum(1 for v in row if v and any(p.fullmatch(squash(v)) for p in columns))
        if named >= need:
            return i
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
