"""A table cell that prints a figure only ("3000", "3.4", "1.8%") in a column of the row's
work: the row's target. Its unit is the one printed with it, else the one the column's header
or the row's title names in brackets at its end (降幅目标(%), 拥有发明专利(件)), else none.
"""

from __future__ import annotations

import regex

from pipeline.records import Field, Target

_FIGURE = regex.compile(r"\s*(?P<value>\d+(?:[.．]\d+)?)\s*(?P<percent>[%％])?\s*")
_BRACKET_UNIT = regex.compile(
    r"[（(]\s*(?P<unit>[%％‰]|(?![含其包])\p{Han}{1,3}(?:/\p{Han}{1,2})?"
    r"|[A-Za-z][A-Za-z0-9²³]{0,3}(?:/\p{Han}{1,2})?)\s*[)）]\s*$"  # m3/万元: a unit in letters
)


_FIGURE_ONLY = regex.compile(
    r"[<>≤≥＜＞]?\s*\d+(?:[.．]\d+)?\s*(?:[%％‰]|个百分点)?\s*(?:以上|以下|左右|以内)?"
)


_LEVEL_OPENING = regex.compile(r"(?:不?[低高少多]于|不超过|达到|控制在|[<>≤≥＜＞])")


def level_only(cell: str) -> bool:
    """A cell that prints a level only: a figure, perhaps with its comparison (≥75%, 12%以上),
    or a level set against a standard (低于CJJ92-2002《…》的指标), no work to do."""
    return bool(_FIGURE_ONLY.fullmatch(cell) or _LEVEL_OPENING.match(cell))


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
