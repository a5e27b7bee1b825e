"""A table cell that prints a figure only ("3000", "3.4", "1.8%") in a column of the row's
work: the row's target. Its unit is the one printed with it, else the one the column's header
or the row's title names in brackets at its end (降幅目标(%), 拥有发明专利(件)), else none.
"""

from __future__ import annotations

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Field, FigureCell, Span, Target
from pipeline.stages.segment_rules import compiled

_FIGURE = regex.compile(r"\s*(?P<value>\d+(?:[.．]\d+)?)\s*(?P<percent>[%％])?\s*")
_BRACKET_UNIT = regex.compile(
    r"[（(]\s*(?P<unit>[%％‰]|(?![含其包])\p{Han}{1,3}(?:/\p{Han}{1,2})?"
    r"|[A-Za-z][A-Za-z0-9²³]{0,3}(?:/\p{Han}{1,2})?)\s*[)）]\s*$"  # m3/万元: a unit in letters
)


# a level printed alone: its comparison, figure, measure and bound (≥75%, 12%以上, 3个百分点)
_LEVEL = regex.compile(
    r"(?P<sign>[<>≤≥＜＞])?\s*(?P<value>\d+(?:[.．]\d+)?)\s*(?P<percent>[%％‰]|个百分点)?\s*"
    r"(?P<bound>以上|以下|左右|以内)?"
)
_LEVEL_OPENING = regex.compile(r"(?:不?[低高少多]于|不超过|达到|控制在|[<>≤≥＜＞])")


def level_only(cell: str) -> bool:
    """A cell that prints a level only: a figure, perhaps with its comparison (≥75%, 12%以上),
    or a level set against a standard (低于CJJ92-2002《…》的指标), no work to do."""
    return bool(_LEVEL.fullmatch(cell) or _LEVEL_OPENING.match(cell))


def figure_target(text: str, field: Field, title: str, task_seq: int) -> Target | None:
    """The target a figure-only cell sets, or None when the cell holds more than a figure."""
    m = _FIGURE.fullmatch(text, field.start, field.end)
    if m is None:
        return None
    unit = "%" if m["percent"] else _bracket_unit(field.label) or _bracket_unit(title)
    value = float(m["value"].replace("．", "."))
    value = int(value) if value.is_integer() else value
    return Target(
        task_seq=task_seq,
        kind="percent" if unit == "%" else "count",
        value_min=value,
        value_max=value,
        comparator="eq",
        unit=unit,
        object=_object(title, field.label),
        period=None,
        raw=text[m.start("value") : m.end("percent") if m["percent"] else m.end("value")],
        char_start=m.start("value"),
        char_end=m.end("percent") if m["percent"] else m.end("value"),
        value_min_base=value,
        value_max_base=value,
        unit_base=unit or None,
    )


def _bracket_unit(name: str | None) -> str:
    """The unit a name gives in brackets at its end (降幅目标(%) → %), or ""."""
    m = _BRACKET_UNIT.search(name or "")
    if m is None:
        return ""
    return "%" if m["unit"] == "％" else m["unit"]


def _object(title: str, column: str | None) -> str | None:
    """What the figure counts: the row's title, and the column's name when it has one
    (北京 2012年: one year's quota of several)."""
    column = (column or "").strip()
    return " ".join(part for part in (title, column) if part) or None


# ---------------------------------------------------------------- figure columns

_BARE_YEAR = regex.compile(r"(?P<year>\d{4})年(?:度|底|末)?")
_SIGNS = {"≥": "ge", ">": "gt", "＞": "gt", "≤": "le", "<": "lt", "＜": "lt"}
_BOUNDS = {"以上": "ge", "以下": "le", "以内": "le", "左右": "approx"}
_MEASURE_MAX = 8  # a measure cell is short (岁, %, 亿元, /10万, 万元/人)
_NOT_MEASURE = regex.compile(r"\d(?!0*万)")  # a figure in it, but a rate's base (/10万)


def figure_columns(headers: list[str], kinds: list[str]) -> tuple[list[int], int | None]:
    """The note columns printing each row's figure for a year or as its aim (rules/segment.yaml
    `figure_column`), without the base year (the earliest of several bare years), and the
    row's measure column (单位), if any."""
    rules = compiled()
    notes = [i for i, kind in enumerate(kinds) if kind == FieldKind.NOTE and i < len(headers)]
    figures = [i for i in notes if rules.figure_column.search(headers[i])]
    years = {i: int(m["year"]) for i in figures if (m := _BARE_YEAR.fullmatch(headers[i]))}
    if len(years) >= 2:
        figures.remove(min(years, key=years.__getitem__))
    measures = [i for i in notes if rules.measure_column.search(headers[i])]
    return figures, measures[0] if measures else None


def figure_cell(
    cell: list[tuple[int, int]] | None, column: str, measure: list[tuple[int, int]] | None
) -> FigureCell | None:
    """The figure cell of a row (None for an empty cell), with its row's measure cell."""
    if not cell:
        return None
    unit = Span(measure[0][0], measure[-1][1]) if measure else None
    return FigureCell(cell[0][0], cell[-1][1], column, unit)


def column_target(text: str, cell: FigureCell, title: str, task_seq: int) -> Target | None:
    """The target a figure column's cell sets (≥79.2 under 2025年 in 岁), or None when the
    cell prints more than a level (持续改善, 较2022年下降3%) or no measure is known."""
    printed = text[cell.start : cell.end]
    m = _LEVEL.fullmatch(text, cell.end - len(printed.lstrip()), cell.end)
    if m is None or not m["value"]:
        return None
    comparator = _SIGNS.get(m["sign"] or "") or _BOUNDS.get(m["bound"] or "", "eq")
    value = float(m["value"].replace("．", "."))
    value = int(value) if value.is_integer() else value
    unit = _measure(text, cell, m["percent"]) or _bracket_unit(cell.column) or _bracket_unit(title)
    if not unit:
        return None  # a figure in no known measure: a row read out of its columns, perhaps
    low = None if comparator in ("le", "lt") else value
    high = None if comparator in ("ge", "gt") else value
    end = m.end() - len(m.group()) + len(m.group().rstrip())
    return Target(
        task_seq=task_seq,
        kind="percent" if unit == "%" else "count",
        value_min=low,
        value_max=high,
        comparator=comparator,
        unit=unit,
        object=_object(title, cell.column),
        period=None,
        raw=text[m.start() : end],
        char_start=m.start(),
        char_end=end,
        value_min_base=low,
        value_max_base=high,
        unit_base=unit or None,
    )


def _measure(text: str, cell: FigureCell, percent: str | None) -> str:
    if percent:
        return "%" if percent in "%％" else percent
    if cell.measure is None:
        return ""
    measure = text[cell.measure.start : cell.measure.end].strip()
    if not measure or len(measure) > _MEASURE_MAX or _NOT_MEASURE.search(measure):
        return ""
    return "%" if measure == "％" else measure
