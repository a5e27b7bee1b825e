"""Scans: a page image read by OCR (rapidocr-onnxruntime, the optional ``ocr`` extra, whose
Chinese PP-OCR models ship inside its wheel: nothing is downloaded).

Text boxes are put in reading order after the page's skew (measured on the boxes) is taken
out; a ruled table is rebuilt from its ruling lines (found by morphology on the deskewed
image): boxes fall into its cells, a cell whose lower ruling is missing spans the rows
below (its text repeated in each, as PDF ingest renders merged cells), one whose right
ruling is missing spans the columns to its right. The page keeps the boxes' mean confidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from itertools import pairwise
from statistics import median
from typing import Any

import numpy as np

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError
from pipeline.stages.agency_names import agency_end
from pipeline.stages.ingest.reading import GAP, ReadPage, join_lines, table_lines
from pipeline.stages.ingest.settings import OcrRules, format_rules

STAGE = "ingest"
_LIST_MARK = "、"  # between the names of a list of units
_RULING_MARGIN = 6  # pixels kept clear of a cell's rulings
_INK_LEVEL = 128  # grey below this is ink
INSTALL_HINT = 'install the OCR extra: pip install "notice-tasks[ocr]" (or -e ".[ocr]")'


def available() -> bool:
    """True when the OCR extra is installed."""
    return find_spec("rapidocr_onnxruntime") is not None


@cache
def ocr_engine() -> Any:
    if not available():
        raise PipelineError(ErrorCode.CONVERTER_MISSING, f"a scanned page: {INSTALL_HINT}", STAGE)
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def ocr_pdf_page(page: Any) -> ReadPage:
    """A pypdfium2 page rendered and read by OCR."""
    rules = format_rules().ocr
    image = page.render(scale=rules.render_scale, grayscale=True).to_numpy()
    if image.ndim == 3:
        image = image[:, :, 0]
    return ocr_image(image)


def ocr_image(gray: np.ndarray) -> ReadPage:
    """The text of a grayscale page image, in reading order, tables as ``cell | cell |``."""
    rules = format_rules().ocr
    found, _ = ocr_engine()(gray)
    boxes = [_box(q, t, c) for q, t, c in found or () if float(c) >= rules.min_box_confidence]
    if not boxes:
        return ReadPage("", "ocr", 0.0)
    angle = _skew(boxes)
    centre = (gray.shape[1] / 2, gray.shape[0] / 2)
    boxes = [b.rotated(-angle, centre) for b in boxes]
    deskewed = _rotate_image(gray, angle)
    grid = _ruled_grid(deskewed, rules)
    text = _page_text(boxes, grid, rules, deskewed)
    confidence = sum(b.conf * len(b.text) for b in boxes) / sum(len(b.text) for b in boxes)
    return ReadPage(text, "ocr", round(confidence, 4))


# ---------------------------------------------------------------- boxes


@dataclass(frozen=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    conf: float
    quad: tuple[tuple[float, float], ...]

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def rotated(self, degrees: float, centre: tuple[float, float]) -> _Box:
        quad = tuple(_rotate_point(p, degrees, centre) for p in self.quad)
        return _from_quad(quad, self.text, self.conf)


def _box(quad: Any, text: str, conf: Any) -> _Box:
    return _from_quad(tuple((float(x), float(y)) for x, y in quad), text, float(conf))


def _from_quad(quad: tuple[tuple[float, float], ...], text: str, conf: float) -> _Box:
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return _Box(min(xs), min(ys), max(xs), max(ys), text, conf, quad)


def _rotate_point(
    p: tuple[float, float], degrees: float, centre: tuple[float, float]
) -> tuple[float, float]:
    rad = math.radians(degrees)
    dx, dy = p[0] - centre[0], p[1] - centre[1]
    return (
        centre[0] + dx * math.cos(rad) - dy * math.sin(rad),
        centre[1] + dx * math.sin(rad) + dy * math.cos(rad),
    )


def _skew(boxes: list[_Box]) -> float:
    """The page's rotation in degrees (image coordinates), from the long boxes' top edges."""
    angles = []
    for b in boxes:
        (ax, ay), (bx, by) = b.quad[0], b.quad[1]
        if bx - ax > 3 * max(b.height, 1.0) * 0.5 and len(b.text) >= 4:
            angles.append(math.degrees(math.atan2(by - ay, bx - ax)))
    return median(angles) if angles else 0.0


def _rotate_image(gray: np.ndarray, degrees: float) -> np.ndarray:
    if abs(degrees) < 0.05:
        return gray
    import cv2  # installed with rapidocr

    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), borderValue=255)


# ---------------------------------------------------------------- lines


def _lines(boxes: list[_Box], rules: OcrRules) -> list[list[_Box]]:
    """Boxes grouped into lines (centres within a share of the line height), each by x."""
    lines: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        if lines:
            last = lines[-1]
            height = median(x.height for x in last)
            if abs(b.cy - sum(x.cy for x in last) / len(last)) <= rules.line_overlap * height:
                last.append(b)
                continue
        lines.append([b])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _line_text(line: list[_Box]) -> str:
    out = line[0].text
    for before, box in pairwise(line):
        gap = box.x0 - before.x1
        out += (" " if gap > 0.8 * box.height else "") + box.text
    return out


def _page_text(boxes: list[_Box], grid: _Grid | None, rules: OcrRules, image: np.ndarray) -> str:
    if grid is None:
        return join_lines([_line_text(line) for line in _lines(boxes, rules)])
    inside = [b for b in boxes if grid.holds(b.cx, b.cy)]
    outside = [b for b in boxes if not grid.holds(b.cx, b.cy)]
    above = [line for line in _lines(outside, rules) if line[0].cy < grid.ys[0]]
    below = [line for line in _lines(outside, rules) if line[0].cy >= grid.ys[0]]
    lines = [_line_text(line) for line in above]
    lines += [GAP, *table_lines(grid.cells_text(inside, rules, image)), GAP]
    lines += [_line_text(line) for line in below]
    return join_lines(lines)


# ---------------------------------------------------------------- ruled tables


@dataclass(frozen=True)
class _Grid:
    """A ruled table: its ruling positions and which cell boundaries are drawn."""

    xs: list[float]
    ys: list[float]
    h_drawn: np.ndarray  # (rows - 1, cols): the ruling under row r at column c is drawn
    v_drawn: np.ndarray  # (rows, cols - 1): the ruling right of column c at row r is drawn

    def holds(self, x: float, y: float) -> bool:
        return self.xs[0] < x < self.xs[-1] and self.ys[0] < y < self.ys[-1]

    def cells_text(self, boxes: list[_Box], rules: OcrRules, image: np.ndarray) -> list[list[str]]:
        """Cell texts on the grid: a merged region's boxes read together, its text in its
        first column, repeated down the rows it spans (other columns left empty). A region
        with ink but no box (a lone "1" the detector misses) is read alone."""
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        region = self._regions(rows, cols)
        parts: dict[int, list[_Box]] = {}
        for b in boxes:
            r = min(max(int(np.searchsorted(self.ys, b.cy)) - 1, 0), rows - 1)
            c = min(max(int(np.searchsorted(self.xs, b.cx)) - 1, 0), cols - 1)
            parts.setdefault(region[r][c], []).append(b)
        right: dict[int, float] = {}
        for r in range(rows):
            for c in range(cols):
                k = region[r][c]
                right[k] = max(right.get(k, 0.0), self.xs[c + 1])
        texts = {k: split_units(_cell_lines(_lines(v, rules), right[k])) for k, v in parts.items()}
        for k, box in self._bounds(region).items():
            if k not in parts:
                texts[k] = _reread(image, box, rules)
        grid = [[""] * cols for _ in range(rows)]
        for r in range(rows):
            for c in range(cols):
                k = region[r][c]
                if c == 0 or region[r][c - 1] != k:
                    grid[r][c] = texts.get(k, "")
        return grid

    def _bounds(self, region: list[list[int]]) -> dict[int, tuple[int, int, int, int]]:
        """Each region's box (x0, y0, x1, y1) in pixels."""
        out: dict[int, tuple[int, int, int, int]] = {}
        for r, row in enumerate(region):
            for c, k in enumerate(row):
                x0, y0, x1, y1 = self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1]
                old = out.get(k, (x0, y0, x1, y1))
                out[k] = (
                    int(min(old[0], x0)), int(min(old[1], y0)),
                    int(max(old[2], x1)), int(max(old[3], y1)),
                )
        return out

    def _regions(self, rows: int, cols: int) -> list[list[int]]:
        """Each atomic cell's merged region (cells joined where no ruling is drawn)."""
        parent = list(range(rows * cols))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for r in range(rows):
            for c in range(cols):
                if c + 1 < cols and not self.v_drawn[r, c]:
                    parent[find(r * cols + c + 1)] = find(r * cols + c)
                if r + 1 < rows and not self.h_drawn[r, c]:
                    parent[find((r + 1) * cols + c)] = find(r * cols + c)
        return [[find(r * cols + c) for c in range(cols)] for r in range(rows)]


def _reread(image: np.ndarray, box: tuple[int, int, int, int], rules: OcrRules) -> str:
    """The text of a cell the detector found nothing in: its ink (inside the rulings),
    cropped with a margin and recognised as one line; "" for a blank cell."""
    x0, y0, x1, y1 = box
    m = _RULING_MARGIN
    inner = image[y0 + m : y1 - m, x0 + m : x1 - m]
    ys, xs = np.nonzero(inner < _INK_LEVEL)
    if len(ys) < rules.reread_min_ink:
        return ""
    pad = m + 2
    top, left = max(ys.min() - pad, 0), max(xs.min() - pad, 0)
    crop = inner[top : ys.max() + pad + 1, left : xs.max() + pad + 1]
    found, _ = ocr_engine()(crop, use_det=False, use_cls=False, use_rec=True)
    text, conf = (found or [["", 0.0]])[0][:2]
    return str(text).strip() if float(conf) >= rules.min_box_confidence else ""


def split_units(cell: str) -> str:
    """A cell's unit names that OCR ran together, listed apart: where one name ends and the
    next begins at once (by the agency grammar), a "、" between them. OCR reads the narrow
    space between two names as none and drops a "、" ending a line of the cell:
    "市财政局市商务局" -> "市财政局、市商务局"."""
    out, at, i, n = [], 0, 0, len(cell)
    while i < n:
        end = agency_end(cell, i, n)
        if not end or end <= i:
            i += 1
            continue
        out.append(cell[at:end])
        at = i = end
        if end < n and agency_end(cell, end, n):
            out.append(_LIST_MARK)
    out.append(cell[at:])
    return "".join(out)


def _cell_lines(lines: list[list[_Box]], right: float) -> str:
    """A cell's lines: one that stops short of the cell's right ruling ended there (a list of
    units, one a line) and is followed by a space; one that reaches it wrapped (no space)."""
    out = _line_text(lines[0]) if lines else ""
    for before, line in pairwise(lines):
        last = before[-1]
        out += (" " if last.x1 < right - 1.5 * last.height else "") + _line_text(line)
    return out


def _ruled_grid(gray: np.ndarray, rules: OcrRules) -> _Grid | None:
    """The page's ruled table (the rulings of the largest grid), or None."""
    import cv2

    h, w = gray.shape
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 25, 10), 1))
    )
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 40, 10)))
    )
    ys = _positions(horizontal.sum(axis=1) / 255, w // 25)
    xs = _positions(vertical.sum(axis=0) / 255, h // 40)
    if len(ys) < 3 or len(xs) < 3:
        return None
    return _Grid(xs, ys, _drawn_h(horizontal, xs, ys), _drawn_v(vertical, xs, ys))


def _positions(profile: np.ndarray, min_length: int) -> list[float]:
    """Centres of the runs of rows (or columns) holding a ruling at least ``min_length``."""
    on = profile >= min_length
    positions, start = [], None
    for i, flag in enumerate([*on.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            positions.append((start + i - 1) / 2)
            start = None
    return positions


def _covered(line: np.ndarray) -> bool:
    return bool(line.size) and float((line > 0).mean()) >= 0.6


def _drawn_h(mask: np.ndarray, xs: list[float], ys: list[float]) -> np.ndarray:
    out = np.ones((len(ys) - 2, len(xs) - 1), dtype=bool)
    for r, y in enumerate(ys[1:-1]):
        band = mask[max(int(y) - 3, 0) : int(y) + 4].max(axis=0)
        for c in range(len(xs) - 1):
            out[r, c] = _covered(band[int(xs[c]) + 4 : int(xs[c + 1]) - 4])
    return out


def _drawn_v(mask: np.ndarray, xs: list[float], ys: list[float]) -> np.ndarray:
    out = np.ones((len(ys) - 1, len(xs) - 2), dtype=bool)
    for c, x in enumerate(xs[1:-1]):
        band = mask[:, max(int(x) - 3, 0) : int(x) + 4].max(axis=1)
        for r in range(len(ys) - 1):
            out[r, c] = _covered(band[int(ys[r]) + 4 : int(ys[r + 1]) - 4])
    return out
