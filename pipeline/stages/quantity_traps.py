"""Traps: numbers that are never targets (rules/traps.yaml), found once a document on its
simplified script, then looked up by span as each number is read."""

from __future__ import annotations

import bisect

import regex

from pipeline.stages.agency_names import to_simplified
from pipeline.stages.quantity_grammar import grammar

MAX_TRAP_LENGTH = 200  # longer than any trap match (quoted names are capped at 80)


def trap_spans(text: str) -> list[tuple[int, int, str]]:
    """Every trap match of a whole document, sorted: compute once, pass to extract_targets."""
    return sorted(traps_in(text, 0, len(text)))


def traps_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The traps' matches, on the simplified script (same length: 4項目標 is 4项目标)."""
    text = to_simplified(text)
    g = grammar()
    spans: list[tuple[int, int, str]] = []
    near: list[int] | None = None  # where some number-led trap may match
    for name, pattern in g.traps:
        if name in g.number_led and g.number_traps is not None:
            if near is None:
                found = g.number_traps.finditer(text, start, end, overlapped=True)
                near = sorted({m.start() for m in found})
            spans += _anchored(text, pattern, near, end, name)
            continue
        found = pattern.finditer(text, start, end)
        spans.extend((m.start(), m.end(), name) for m in found if m.end() > m.start())
    return spans


def _anchored(
    text: str, pattern: regex.Pattern[str], near: list[int], end: int, name: str
) -> list[tuple[int, int, str]]:
    """What ``pattern.finditer`` finds, tried only at ``near``: non-overlapping, earliest
    first (one scan for all number-led traps costs what one of them did)."""
    spans: list[tuple[int, int, str]] = []
    taken = -1
    for at in near:
        if at < taken:
            continue
        m = pattern.match(text, at, end)
        if m and m.end() > m.start():
            spans.append((m.start(), m.end(), name))
            taken = m.end()
    return spans


def overlapping(
    spans: list[tuple[int, int, str]], start: int, end: int
) -> list[tuple[int, int, str]]:
    """Spans (sorted by start) that overlap [start, end)."""
    first = bisect.bisect_left(spans, (start - MAX_TRAP_LENGTH,))
    last = bisect.bisect_left(spans, (end,))
    return [s for s in spans[first:last] if s[1] > start]


def trap_at(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The name of a trap span overlapping [start, end), or None."""
    for s, e, name in spans:
        if s < end and start < e:
            return name
    return None
