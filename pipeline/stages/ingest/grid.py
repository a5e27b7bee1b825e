"""Ruled-table geometry: pdfium's path edges → snapped, joined edges → intersections → cells
→ tables, as pdfplumber's ``find_tables()`` finds them with its default "lines" settings.

Each step is pdfplumber's algorithm (``table.py``: snap, merge and filter edges,
``edges_to_intersections``, ``intersections_to_cells``, ``cells_to_tables``), re-done on plain
tuples with the same float operations in the same order (tests compare the two on real pages).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from pdfplumber.table import TableSettings

from pipeline.stages.ingest import settings
from pipeline.stages.ingest.pdfium_raw import AnyPage, PathObject, PathReader, Point, path_objects
from pipeline.stages.ingest.settings import TableRules

Box = tuple[float, float, float, float]
_AXIS_EPS = 0.01  # pt: a segment this close to level/plumb is horizontal/vertical
# A vertical edge is (x, top, bottom, height), a horizontal one (top, x0, x1, width):
# its position on the axis it is snapped along, its extent along the other, its length.
Edge = tuple[float, float, float, float]
Meeting = tuple[set[int], set[int]]  # indices of the vertical and horizontal edges at a point


@dataclass(frozen=True)
class Row:
    cells: list[Box | None]  # one per column of the table, None where no cell starts
    bbox: Box


@dataclass(frozen=True)
class Table:
    """A table as pdfplumber's ``Table``: its cells, box and rows (cells grouped by top)."""

    cells: list[Box]
    bbox: Box
    rows: list[Row]

    @classmethod
    def of(cls, cells: list[Box]) -> Table:
        column = {x: k for k, x in enumerate(sorted({c[0] for c in cells}))}
        rows = []
        for _, group in groupby(sorted(cells, key=itemgetter(1, 0)), key=itemgetter(1)):
            row: list[Box | None] = [None] * len(column)
            for cell in group:
                row[column[cell[0]]] = cell
            rows.append(_row(row))
        return cls(cells, _bounds(cells), rows)


def _row(cells: list[Box | None]) -> Row:
    return Row(cells, _bounds([c for c in cells if c is not None]))


def _bounds(boxes: list[Box]) -> Box:
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


@cache
def table_settings() -> TableSettings:
    """pdfplumber's ``find_tables()`` defaults: the fast path and the fallback agree."""
    return TableSettings.resolve(None)


def find_tables(page: AnyPage, paths: list[PathObject] | None = None) -> tuple[list[Table], bool]:
    """Real tables (top-down) from the page's path edges, and whether the edges hold a grid
    in which no table at all was assembled (pdfplumber's own find_tables may then be asked).

    ``paths``: the page's path objects when the census already collected them.
    """
    left, bottom, right, top = page.get_mediabox()
    v_raw, h_raw = path_edges(page, top - bottom, table_settings().edge_min_length_prefilter, paths)
    rules = settings.ingest_rules().tables
    limits = (rules.min_rows, rules.min_cols, rules.ruling_min_length)
    return _tables_of_edges((left, bottom, right, top), tuple(v_raw), tuple(h_raw), limits)


def _tables_of_edges(
    mediabox: tuple[float, float, float, float],
    v_raw: tuple[Edge, ...],
    h_raw: tuple[Edge, ...],
    limits: tuple[int, int, float],
) -> tuple[list[Table], bool]:
    """The tables of a page's edges (``limits``: the table rules it reads).

    Not cached across pages on purpose: the benchmark's rendered pages repeat their ruling
    lines far more often than real notices do, and a cache would flatter its figures."""
    s = table_settings()
    left, bottom, right, top = mediabox
    height = top - bottom
    v_list, h_list = list(v_raw), list(h_raw)
    if s.snap_x_tolerance > 0 or s.snap_y_tolerance > 0:  # as merge_edges
        v_list = snap_edges(v_list, s.snap_x_tolerance)
        h_list = snap_edges(h_list, s.snap_y_tolerance)
    v_edges = join_edges(v_list, s.join_y_tolerance, s.edge_min_length, vertical=True)
    h_edges = join_edges(h_list, s.join_x_tolerance, s.edge_min_length, vertical=False)
    points = edges_to_intersections(
        v_edges, h_edges, s.intersection_x_tolerance, s.intersection_y_tolerance
    )
    found = [Table.of(group) for group in cells_to_tables(intersections_to_cells(points))]
    rules = settings.ingest_rules().tables
    page_box = (left, height - top, right, height - bottom)  # as pdfplumber's page.bbox
    tables = sorted((t for t in found if is_real_table(t, rules, page_box)), key=_table_top)
    min_rows, min_cols, _ = limits
    grid = len(h_edges) > min_rows and len(v_edges) > min_cols
    return tables, grid and not found


def _table_top(table: Table) -> float:
    return table.bbox[1]


def is_real_table(table: Any, rules: TableRules, page_box: tuple[float, ...]) -> bool:
    """Enough rows and columns, and on the page (clip and shading boxes reach far off it)."""
    x0, top, x1, bottom = table.bbox
    px0, ptop, px1, pbottom = page_box
    margin = rules.ruling_min_length
    on_page = x0 >= px0 - margin and top >= ptop - margin
    on_page = on_page and x1 <= px1 + margin and bottom <= pbottom + margin
    rows = table.rows
    return (
        on_page
        and len(rows) >= rules.min_rows
        and max(len(r.cells) for r in rows) >= rules.min_cols
    )


def path_edges(
    page: AnyPage,
    height: float,
    min_length: float,
    paths: list[PathObject] | None = None,
) -> tuple[list[Edge], list[Edge]]:
    """Vertical and horizontal straight segments of every path object, as pdfplumber's edges.

    Like pdfplumber's rect/line/curve edges: every side of a rectangle, filled or stroked,
    in top-down coordinates (top = page height - y); Bézier segments are skipped.
    """
    if paths is None:
        paths = path_objects(page)
    v_edges: list[Edge] = []
    h_edges: list[Edge] = []
    reader = PathReader()
    for obj, ctm in paths:
        for (x0, y0), (x1, y1) in reader.segments(obj, ctm):
            if abs(x0 - x1) <= _AXIS_EPS and abs(y0 - y1) >= min_length:
                top, bottom = _ordered(height - y0, height - y1)
                v_edges.append(((x0 + x1) / 2, top, bottom, bottom - top))
            elif abs(y0 - y1) <= _AXIS_EPS and abs(x0 - x1) >= min_length:
                left, right = _ordered(x0, x1)
                h_edges.append((height - (y0 + y1) / 2, left, right, right - left))
    return v_edges, h_edges


def _ordered(a: float, b: float) -> tuple[float, float]:
    """``sorted((a, b))`` without building a list (the same pair, NaN included)."""
    return (b, a) if b < a else (a, b)


def snap_edges(edges: list[Edge], tolerance: float) -> list[Edge]:
    """pdfplumber's ``snap_objects``: positions chaining within ``tolerance`` form a cluster
    whose edges move to its mean position; clusters in position order, edges in input order."""
    cluster_of: dict[float, int] = {}
    n, last = -1, 0.0
    for value in sorted({e[0] for e in edges}):
        if n < 0 or value > last + tolerance:
            n += 1
        cluster_of[value], last = n, value
    clusters: list[list[Edge]] = [[] for _ in range(n + 1)]
    for e in edges:
        clusters[cluster_of[e[0]]].append(e)
    snapped: list[Edge] = []
    for cluster in clusters:
        mean = sum(e[0] for e in cluster) / len(cluster)
        snapped.extend((pos + (mean - pos), lo, hi, n) for pos, lo, hi, n in cluster)
    return snapped


def join_edges(
    edges: list[Edge], tolerance: float, min_length: float, *, vertical: bool
) -> list[Edge]:
    """pdfplumber's ``merge_edges`` after snapping, then ``filter_edges``: edges on one line
    that overlap or come within ``tolerance`` become one; those at least ``min_length`` long
    are kept, lines in position order."""
    joined: list[Edge] = []
    for pos, group in groupby(sorted(edges, key=itemgetter(0)), key=itemgetter(0)):
        first, *rest = sorted(group, key=itemgetter(1))
        _, lo, hi, length = first
        for e in rest:
            if e[1] > hi + tolerance:
                joined.append((pos, lo, hi, length))
                _, lo, hi, length = e
            elif e[2] > hi:  # pdfplumber's resize_object: a height grows, a width is redone
                length = length + (e[2] - hi) if vertical else e[2] - lo
                hi = e[2]
        joined.append((pos, lo, hi, length))
    return [e for e in joined if e[3] >= min_length]


def edges_to_intersections(
    v_edges: list[Edge], h_edges: list[Edge], x_tolerance: float, y_tolerance: float
) -> dict[Point, Meeting]:
    """pdfplumber's ``edges_to_intersections``, with edges named by their index."""
    points: dict[Point, Meeting] = {}
    order = sorted(range(len(h_edges)), key=lambda k: h_edges[k][0])
    ys = [h_edges[k][0] for k in order]
    for vi, (x, top, bottom, _) in enumerate(v_edges):
        # only horizontals near the vertical's span (a margin far wider than rounding)
        first = bisect.bisect_left(ys, top - y_tolerance - 1)
        end = bisect.bisect_right(ys, bottom + y_tolerance + 1)
        for hi in order[first:end]:
            y, x0, x1, _ = h_edges[hi]
            if (
                top <= y + y_tolerance
                and bottom >= y - y_tolerance
                and x >= x0 - x_tolerance
                and x <= x1 + x_tolerance
            ):
                v_set, h_set = points.setdefault((x, y), (set(), set()))
                v_set.add(vi)
                h_set.add(hi)
    return points


def intersections_to_cells(points: dict[Point, Meeting]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``, same cells in the same order, without its
    quadratic scans: the points below/right of a point come from its column/row lists."""
    order = sorted(points)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    place: dict[Point, tuple[int, int]] = {}  # index in its column, in its row
    for pt in order:  # sorted by (x, top): columns run down, rows run right
        column = columns.setdefault(pt[0], [])
        row = rows.setdefault(pt[1], [])
        place[pt] = (len(column), len(row))
        column.append(pt)
        row.append(pt)

    # Points in a column differ in top only, points in a row in x only: pdfplumber's
    # edge_connects then reduces to "share a vertical / a horizontal edge".
    def smallest_cell(pt: Point) -> Box | None:
        in_column, in_row = place[pt]
        v_pt, h_pt = points[pt]
        right = rows[pt[1]][in_row + 1 :]
        for below_pt in columns[pt[0]][in_column + 1 :]:
            v_below, h_below = points[below_pt]
            if v_pt.isdisjoint(v_below):
                continue
            for right_pt in right:
                v_right, h_right = points[right_pt]
                if h_pt.isdisjoint(h_right):
                    continue
                corner = (right_pt[0], below_pt[1])
                meeting = points.get(corner)
                if (
                    meeting is not None
                    and not meeting[0].isdisjoint(v_right)
                    and not meeting[1].isdisjoint(h_below)
                ):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [cell for pt in order[:-1] if (cell := smallest_cell(pt)) is not None]


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``: cells sharing corners, transitively, form a table
    (its repeated passes compute exactly these groups); tables of one cell are dropped."""
    corners = [((x0, top), (x0, bottom), (x1, top), (x1, bottom)) for x0, top, x1, bottom in cells]
    at_corner: dict[Point, list[int]] = {}
    for i, four in enumerate(corners):
        for corner in four:
            at_corner.setdefault(corner, []).append(i)
    seen = [False] * len(cells)
    tables: list[list[Box]] = []
    for first in range(len(cells)):
        if seen[first]:
            continue
        seen[first] = True
        todo, table = [first], []
        while todo:
            i = todo.pop()
            table.append(cells[i])
            for corner in corners[i]:
                for j in at_corner.pop(corner, ()):  # a corner's cells are all seen at once
                    if not seen[j]:
                        seen[j] = True
                        todo.append(j)
        tables.append(table)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
