"""How a cell's content fits a column of a table read as text: units, people, due dates,
task text, row numbers; and where a row printed with fewer cells than its header puts them
(the order of best fit, a category left out, cells a row span covers)."""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages import agency_names
from pipeline.stages.roles import unit_marks
from pipeline.stages.segment_rules import compiled, squash

Span = tuple[int, int]
Cell = tuple[Span, ...]
Row = list[Cell | None]

_ITEM_SEPARATORS = regex.compile(r"[、，,；;和及]")
_LIST_SEPARATORS = regex.compile(r"[、，,；;]")
CLAUSE_MARK = regex.compile(r"[。，,；;：:！？!?]")  # text, not a list of names
_NOT_A_NAME = regex.compile(r"[。，,；;：:！？!?\d%％]")  # clauses, numbers: no unit name
_DEADLINE_WORDS = 10  # a due-date cell holds this many characters beside its dates at most
_UNIT_CELL_MAX = 20  # a cell this short with no clause may be a unit the grammar does not know


def cell_text(text: str, cell: Cell | None) -> str:
    """The cell's text without whitespace."""
    if not cell:
        return ""
    if len(cell) == 1:  # most cells: one fragment
        return squash(text[cell[0][0] : cell[0][1]])
    return squash("".join(text[s:e] for s, e in cell))


def is_row_number(number: str) -> bool:
    number = number.strip().rstrip("*＊※")  # 1*: a row marked by a sign, the legend apart
    if not number or len(number) > 6:
        return False
    return number.isdecimal() or any(s.exact.fullmatch(number) for s in compiled().styles)


def fit(cell: str, kind: str) -> float:
    """How well a cell's text (whitespace removed) fits a column of ``kind``."""
    if not cell:
        return 0  # an empty cell fits any column
    if kind == FieldKind.NUMBER:
        return 3 if is_row_number(cell) else -3
    if status_cell(cell):  # 正常进行中: how the row's work stands
        return 2 if kind == FieldKind.NOTE else -1
    agency = _looks_like_units(cell)
    if kind == FieldKind.TASK:  # task text is rarely as short as a person's name
        return -2 if agency else (1 if len(cell) > 4 else 0.5)
    people = _people(cell)
    if kind in {FieldKind.LEAD, FieldKind.RESPONSIBLE, FieldKind.PARTICIPANT, FieldKind.EITHER}:
        if agency:
            return 2
        short = len(cell) <= _UNIT_CELL_MAX and not _NOT_A_NAME.search(cell)
        return 0 if short and not people else -2  # a unit the grammar does not know (临平新城)
    if kind == FieldKind.DEADLINE:  # a date and a few words (完成, 持续推进), no task text
        dates = compiled().deadline_cell
        if len(cell) > 20 or not dates.search(cell):
            return -1
        return 2 if len(dates.sub("", cell)) <= _DEADLINE_WORDS else -1
    if kind == FieldKind.LEADER:  # people's names: two characters or more (not 是/否), no clause
        if people:
            return 2
        person = 2 <= len(cell) <= 12 and not CLAUSE_MARK.search(cell)
        return 0.5 if person and not agency else -1
    if kind == FieldKind.NAME:  # a row's short label beside its task: no sentence
        return -0.5 if CLAUSE_MARK.search(cell) else 0
    return 0


def status_cell(cell: str) -> bool:
    """A progress table's cell stating how the work stands (正常进行中, 已完成): a note."""
    return compiled().status_cell.match(cell) is not None


@lru_cache(maxsize=4096)
def _people(cell: str) -> bool:
    """A cell of people's names only (祝振伟、陈夏林)."""
    items = [item for item in _ITEM_SEPARATORS.split(cell) if item]
    return bool(items) and all(agency_names.person_like(item) for item in items)


@lru_cache(maxsize=4096)
def _looks_like_units(cell: str) -> bool:
    """The first item names a unit, and half of the items at least (not task text opening
    with a name: "健全社区学院、社区学校和社区教学点三级网络，实现…")."""
    first = _ITEM_SEPARATORS.split(cell, maxsplit=1)[0]
    if not first or not _unit(first):
        return False
    core = cell.rstrip("".join(_SENTENCE_END))
    items = [item for item in _LIST_SEPARATORS.split(core) if item]
    units = [item for item in items if _unit(item)]
    if 2 * len(units) < len(items):
        return False
    # a sentence whose first items are names ("深挖浙江大学、北航创新研究院…等名校资源，加快
    # 构建…体系。"): most of its characters stand outside them
    return core == cell or 2 * sum(map(len, units)) >= len(core)


_SENTENCE_END = ("。", "；", ";")


def _unit(item: str) -> bool:
    item = item.strip(unit_marks()) or item  # 区农业农村委*: the mark names its role
    main, _alias = agency_names.split_alias(item)  # 市商务局（市粮食和物资储备局）
    return any(
        agency_names.looks_like_agency(name) or agency_names.is_collective(name)
        for name in (item, main)
    )


def placement(fit: list[list[float]], k: int, n: int) -> list[int]:
    """The columns, in order, that give ``k`` cells the best total fit."""
    best = [[0.0] * (n + 1) for _ in range(k + 1)]
    for i in range(k - 1, -1, -1):
        best[i][n - (k - i) + 1 :] = [float("-inf")] * (k - i)
        for j in range(n - (k - i), -1, -1):
            best[i][j] = max(fit[i][j] + best[i + 1][j + 1], best[i][j + 1])
    placed, j = [], 0
    for i in range(k):
        while fit[i][j] + best[i + 1][j + 1] < best[i][j]:
            j += 1
        placed.append(j)
        j += 1
    return placed


_CATEGORY_KINDS = frozenset({FieldKind.TASK, FieldKind.NAME, FieldKind.NOTE})


def category_left_out(text: str, cells: list[Cell], kinds: list[str]) -> bool:
    """A numbered row one cell short of a header whose number is followed by a category or
    name column and the task column (目标 | 任务内容, 项目名称 | 项目内容): the category, printed
    in the first row of its group only, is the cell left out."""
    return (
        len(cells) == len(kinds) - 1
        and len(kinds) >= 3
        and kinds[0] == FieldKind.NUMBER
        and kinds[1] in _CATEGORY_KINDS
        and kinds[2] == FieldKind.TASK
        and is_row_number(cell_text(text, cells[0]))
    )


def spanned_columns(text: str, cells: list[Cell], kinds: list[str]) -> set[int] | None:
    """The columns a sub-row leaves to the row above when a copy prints its empty cells at
    the row's end ("新增…。 | 白石镇…验收材料… | 已完成 | | |" under "1 | 农村人居环境整治提升
    工程 | 推广…。 | … | 已完成 | 县专班"): the number column, the unit columns, then the first
    of two task columns (a project's name over its lines), as many as the row left empty;
    None when the row opens with a number or those do not account for every empty cell."""
    if not cells[0] or is_row_number(cell_text(text, cells[0])) or not all(cells):
        return None
    wanted = len(kinds) - len(cells)
    order = [k for k, kind in enumerate(kinds) if kind == FieldKind.NUMBER]
    order += [k for k, kind in enumerate(kinds) if kind in AGENCY_FIELDS]
    tasks = [k for k, kind in enumerate(kinds) if kind in (FieldKind.TASK, FieldKind.NAME)]
    order += tasks[:1] if len(tasks) > 1 else []
    task = kinds.index(FieldKind.TASK) if FieldKind.TASK in kinds else 0
    order += [k for k in range(task) if kinds[k] == FieldKind.NOTE]  # 项目 beside the task
    if len(order) < wanted or FieldKind.NUMBER not in kinds:
        return None
    first = set(order[:wanted])  # of the readings spanning as many of these, the one whose
    readings = [first, *(set(c) for c in combinations(order, wanted) if set(c) != first)]
    return max(readings, key=lambda spanned: _spanned_fit(text, cells, kinds, spanned))


def _spanned_fit(text: str, cells: list[Cell], kinds: list[str], spanned: set[int]) -> float:
    """How well the printed cells fit the columns left when ``spanned`` are covered (the
    first reading wins a tie: 新增托位525个 | 卫生健康局 under 项目 spanned, not the units)."""
    free = [k for k in range(len(kinds)) if k not in spanned]
    return sum(fit(cell_text(text, cell), kinds[k]) for cell, k in zip(cells, free, strict=False))


_LATER_UNITS = 0.001


def prefer_later_units(fits: list[list[float]], kinds: list[str]) -> None:
    """Of two unit columns cells of units fit alike, the later, when a row prints several such
    cells and fewer than the unit columns: the first is spanned from the row above (总牵头单位
    over 分项牵头单位, printed on its group's first row). A lone unit cell stays where it is
    first fitted (a blank cell after it is the later column's)."""
    units = [j for j, kind in enumerate(kinds) if kind in AGENCY_FIELDS]
    placed = sum(1 for row in fits if any(row[j] > 0 for j in units))
    if placed < 2 or placed >= len(units):
        return
    for j, kind in enumerate(kinds):
        if kind in AGENCY_FIELDS:
            for row in fits:
                row[j] += _LATER_UNITS * j if row[j] > 0 else 0
