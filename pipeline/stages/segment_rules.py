"""The rules of segment (rules/segment.yaml), compiled once, and the outline item that
segment and its table reader share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex
from pydantic import field_validator

from pipeline.catalog import FieldKind
from pipeline.records import Field
from pipeline.rules import Pattern, RuleModel, load_rules
from pipeline.stages.roles import assignment_pattern

TABLE_RANK_OFFSET = 10  # table rows rank below every prose outline level


class NumberingStyle(RuleModel):
    name: str
    rank: int
    pattern: Pattern


class ColumnRule(RuleModel):
    pattern: Pattern
    kind: FieldKind


class MetadataRules(RuleModel):
    title: Pattern
    title_max_length: int
    issuer_line: Pattern
    letterhead: Pattern
    issuer_from_title: Pattern
    issuer_label: Pattern
    doc_number: Pattern
    date_label: Pattern
    date_formats: list[Pattern]
    source_tag: Pattern
    jurisdiction: Pattern
    national_issuers: Pattern
    chinese_date: Pattern


class CollapsedLine(RuleModel):
    min_length: int
    min_markers: int
    short_length: int
    short_after: Pattern


class SegmentRules(RuleModel):
    numbering: list[NumberingStyle]
    table_number_style: str
    inline_task_after: Pattern
    bare_item_number: Pattern
    collapsed_line: CollapsedLine
    group_heading: Pattern
    content_label: Pattern
    duties_label: Pattern
    definition_heading: Pattern
    background_heading: Pattern
    columns: list[ColumnRule]
    column_endings: list[ColumnRule]
    enumerator: Pattern
    column_owner: Pattern
    cell_separators: str
    border_line: Pattern
    spanning_columns: list[FieldKind]
    spanning_headers: Pattern
    deadline_cell: Pattern
    done_cell: Pattern
    status_cell: Pattern
    target_schedule: Pattern
    figure_column: Pattern
    measure_column: Pattern
    max_cell_lines: int
    run_together_unit: Pattern
    closing_lines: list[Pattern]
    attachment_list: Pattern
    attachment_heading: Pattern
    metadata_field: Pattern
    date_line: Pattern
    metadata: MetadataRules

    @field_validator("cell_separators")
    @classmethod
    def _separator_characters(cls, value: str) -> str:
        if not value or any(ch.isspace() for ch in value):
            raise ValueError("one character or more, no whitespace")
        return value


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    line_start: regex.Pattern
    inline: regex.Pattern
    exact: regex.Pattern


@dataclass(frozen=True)
class Compiled:
    rules: SegmentRules
    styles: tuple[Style, ...]
    columns: tuple[tuple[regex.Pattern, str], ...]
    column_any: regex.Pattern
    column_endings: tuple[tuple[regex.Pattern, str], ...]
    enumerator: regex.Pattern
    column_owner: regex.Pattern
    separators: str  # the cell separators; rows are split on the first one
    cell_sep: regex.Pattern
    border: regex.Pattern
    spanning: frozenset[str]
    deadline_cell: regex.Pattern
    done_cell: regex.Pattern
    status_cell: regex.Pattern
    target_schedule: regex.Pattern
    figure_column: regex.Pattern
    measure_column: regex.Pattern
    run_together_unit: regex.Pattern
    group_heading: regex.Pattern
    content_label: regex.Pattern
    duties_label: regex.Pattern
    closing: regex.Pattern
    attachments: regex.Pattern
    attachment_heading: regex.Pattern
    metadata_field: regex.Pattern
    date_line: regex.Pattern
    assignment: regex.Pattern
    meta: dict[str, regex.Pattern]
    dates: tuple[regex.Pattern, ...]


_ENDING_AFTER = 6  # a column name known by its ending names this much before it at most


@cache
def compiled() -> Compiled:
    rules = load_rules("segment.yaml", SegmentRules)
    after = rules.inline_task_after
    styles = tuple(
        Style(
            s.name,
            s.rank,
            regex.compile(rf"(?m)^[ \t]*(?:{s.pattern})"),
            regex.compile(rf"(?<={after})[ \t]*(?:{s.pattern})"),
            regex.compile(rf"\s*(?:{s.pattern})"),
        )
        for s in rules.numbering
    )
    columns = tuple((regex.compile(c.pattern), c.kind) for c in rules.columns)
    meta = rules.metadata.model_dump()
    return Compiled(
        rules=rules,
        styles=styles,
        columns=columns,
        column_any=regex.compile("|".join(f"(?:{c.pattern})" for c in rules.columns)),
        column_owner=regex.compile(rules.column_owner),
        column_endings=tuple(
            (regex.compile(rf"\p{{Han}}{{1,{_ENDING_AFTER}}}(?:{c.pattern})"), c.kind)
            for c in rules.column_endings
        ),
        enumerator=regex.compile(rules.enumerator),
        separators=rules.cell_separators,
        cell_sep=regex.compile(f"[{regex.escape(rules.cell_separators)}]"),
        border=regex.compile(rules.border_line),
        spanning=frozenset(rules.spanning_columns),
        deadline_cell=regex.compile(rules.deadline_cell),
        done_cell=regex.compile(rules.done_cell),
        status_cell=regex.compile(rules.status_cell),
        target_schedule=regex.compile(rules.target_schedule),
        figure_column=regex.compile(rules.figure_column),
        measure_column=regex.compile(rules.measure_column),
        run_together_unit=regex.compile(rules.run_together_unit),
        group_heading=regex.compile(rules.group_heading),
        content_label=regex.compile(rules.content_label),
        duties_label=regex.compile(rules.duties_label),
        closing=regex.compile("|".join(rules.closing_lines)),
        attachments=regex.compile(rules.attachment_list, regex.MULTILINE),
        attachment_heading=regex.compile(rules.attachment_heading, regex.MULTILINE),
        metadata_field=regex.compile(rules.metadata_field),
        date_line=regex.compile(rules.date_line),
        assignment=regex.compile(assignment_pattern()),
        meta={k: regex.compile(v) for k, v in meta.items() if isinstance(v, str)},
        dates=tuple(regex.compile(p) for p in rules.metadata.date_formats),
    )


def number_at(text: str, at: int, end: int | None = None) -> tuple[Style, regex.Match[str]] | None:
    """The number opening ``text`` at ``at`` (before ``end``) in the first numbering style,
    outermost first, that reads one there, with its match; None when no style does."""
    for style in compiled().styles:
        m = style.exact.match(text, at, len(text) if end is None else end)
        if m:
            return style, m
    return None


def numbering_pattern(*names: str) -> str:
    """The patterns of the numbering styles ``names`` (all when none is named) as one
    alternation, for readers that find a number inside a larger pattern."""
    return "|".join(
        f"(?:{s.pattern})" for s in compiled().rules.numbering if not names or s.name in names
    )


class Item(NamedTuple):  # made once per table row: a NamedTuple is cheaper to make
    rank: int
    number: str | None
    start: int
    end: int
    body_start: int
    line_end: int  # end of the item's first line
    fields: tuple[Field, ...] = ()  # table rows: their cells
    from_table: bool = False


def text_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the lines in [start, end), without an empty one after a final line break."""
    spans, at = [], start
    for line in text[start:end].split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    if spans[-1][0] == end:
        spans.pop()
    return spans


def number_label(style: str, printed: str) -> str:
    """The number as printed, without the trailing 、 . 。 or , of 1. / 一、 / 1。 / 3,."""
    squashed = squash(printed)
    return squashed.rstrip("、.．。,，") if style in {"arabic", "chinese"} else squashed


def squash(text: str) -> str:
    """Without any whitespace."""
    return "".join(text.split())
