"""Diagnose: say why a notice that looks like a task list yields no task, or no agency.

A plain check after extract: when the text shows numbering, role markers or a table header
but segment found no task, or when tasks were found and no unit read while the tasks name
agencies or carry role labels, the document gets a warning that says which and what was seen,
so that an analyst knows what to check. Nothing here changes the results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipeline.catalog import FieldKind
from pipeline.records import Extraction, TaskSegment
from pipeline.stages import agency_names as names
from pipeline.stages.mentions import clause_names
from pipeline.stages.roles import role_label_re, role_rules
from pipeline.stages.segment_rules import compiled as segment_rules

_HEADER_REACH = 60  # characters after 序号 where the other column names of a header stand
_EXAMPLES = 3  # names quoted in a warning


def diagnose(extraction: Extraction) -> tuple[str, ...]:
    """Warnings for a notice whose text promises more than was extracted from it."""
    seg = extraction.segmentation
    view = names.to_simplified(seg.document.text)
    if not seg.tasks:
        seen = _joined(_layout_signs(view))
        if not seen:
            return ()
        return (f"no task found, though the text has {seen} — check the notice's layout",)
    if not extraction.agencies:
        seen = _joined(_agency_signs(view, seg.tasks))
        if seen:
            return (
                f"{_count(len(seg.tasks), 'task')} found but no agency, though {seen} — "
                "check how the notice assigns its tasks",
            )
        return ()
    return _unread_labels(view, extraction)


def _layout_signs(view: str) -> list[str]:
    signs = []
    numbered = _numbered_lines(view)
    if numbered >= 2:
        signs.append(f"{numbered} numbered lines")
    signs += _label_signs(view)
    header = _table_header(view)
    if header:
        signs.append(f"a table header ({'、'.join(header)})")
    assigned = _assigned_names(view, 0, len(view))
    if assigned:
        signs.append(f"sentences that assign work to {assigned}")
    return signs


def _assigned_names(view: str, start: int, end: int) -> str:
    """Agencies that clauses of the text assign work to ("市教育局要…"), as "N agencies (…)"."""
    found = [view[s:e] for s, e in clause_names(view, start, end)]
    if not found:
        return ""
    distinct = list(dict.fromkeys(found))
    examples = "、".join(distinct[:_EXAMPLES]) + ("…" if len(distinct) > _EXAMPLES else "")
    return f"{_count(len(found), 'agency')} ({examples})"


def _agency_signs(view: str, tasks: Iterable[TaskSegment]) -> list[str]:
    found = [view[s:e] for t in tasks for s, e in clause_names(view, t.start, t.end)]
    signs = [f"the text has {sign}" for sign in _label_signs(view)]
    if found:
        distinct = list(dict.fromkeys(found))
        examples = "、".join(distinct[:_EXAMPLES]) + ("…" if len(distinct) > _EXAMPLES else "")
        signs.append(f"its tasks name {_count(len(found), 'agency')} ({examples})")
    return signs


def _unread_labels(view: str, extraction: Extraction) -> tuple[str, ...]:
    """Tasks that carry an agency role label (责任单位：…) but gave no unit."""
    with_units = {a.task_seq for a in extraction.agencies}
    unread = [
        t for t in extraction.segmentation.tasks
        if t.seq not in with_units and _agency_labels(view, t.start, t.end)
    ]
    if not unread:
        return ()
    seqs = ", ".join(str(t.seq) for t in unread[:10]) + ("…" if len(unread) > 10 else "")
    found = {label for t in unread for label in _agency_labels(view, t.start, t.end)}
    labels = "、".join(sorted(found))
    one = len(unread) == 1
    return (
        f"{'task' if one else 'tasks'} {seqs} {'has' if one else 'have'} role labels ({labels}) "
        f"but no agency was read from {'it' if one else 'them'} — check the unit lists",
    )


def _numbered_lines(view: str) -> int:
    starts = {m.start() for s in segment_rules().styles for m in s.line_start.finditer(view)}
    return len(starts)


def _label_signs(view: str) -> list[str]:
    labels = Counter(m.group("label") for m in role_label_re().finditer(view))
    signs = []
    if labels:
        shown = "、".join(label for label, _ in labels.most_common(_EXAMPLES))
        signs.append(f"{_count(labels.total(), 'role label')} ({shown})")
    brackets = len(segment_rules().assignment.findall(view))
    if brackets:
        signs.append(f"{_count(brackets, 'assignment')} in brackets")
    return signs


def _agency_labels(view: str, start: int, end: int) -> set[str]:
    leader = {r.pattern for r in role_rules().labels if r.role == FieldKind.LEADER}
    return {
        m.group("label") for m in role_label_re().finditer(view, start, end)
        if m.group("label") not in leader
    }


def _table_header(view: str) -> list[str]:
    """Column names of a table header: a run of cells that are each a known column name
    (a line each, or split by |), or 序号 followed closely by other column names (a table
    run together on one line)."""
    columns = segment_rules().columns
    run: list[tuple[str, str]] = []  # (cell, kind) of the current run of header cells
    for cell in _cells(view):
        kind = next((k for p, k in columns if p.fullmatch(cell)), None)
        if kind is None:
            if _is_header(run):
                break
            run = []
        else:
            run.append((cell, kind))
    if _is_header(run):
        return [cell for cell, _ in run]
    return _run_together_header(view)


def _cells(view: str) -> Iterable[str]:
    separators = segment_rules().cell_sep
    for line in view.split("\n"):
        for cell in separators.split(line):
            cell = "".join(cell.split())
            if cell:
                yield cell


def _is_header(run: list[tuple[str, str]]) -> bool:
    kinds = {kind for _, kind in run}
    return len(kinds) >= 2 and bool(kinds - {FieldKind.TASK, FieldKind.NOTE, FieldKind.NAME})


def _run_together_header(view: str) -> list[str]:
    columns = segment_rules().columns
    numbers = [p for p, kind in columns if kind == FieldKind.NUMBER]
    others = [p for p, kind in columns if kind not in {FieldKind.NUMBER, FieldKind.TASK}]
    for pattern in numbers:
        for m in pattern.finditer(view):
            reach = view[m.end() : m.end() + _HEADER_REACH]
            seen = [o.group() for p in others for o in [p.search(reach)] if o]
            if seen:
                return [m.group(), *seen]
    return []


def _joined(signs: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(signs) <= 1:
        return "".join(signs)
    return ", ".join(signs[:-1]) + " and " + signs[-1]


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"
