"""What stands before a notice's first numbered task and is a task too: lines each led by
the unit whose duties they state, and a page opening inside an item, its last paragraph
closed by its own role-label line."""

from __future__ import annotations

from dataclasses import replace

from pipeline.records import TaskSegment
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_clauses import unit_line_drafts
from pipeline.stages.segment_drafts import Draft, draft, lstrip_ws, rstrip_ws
from pipeline.stages.segment_rules import text_lines


def lead_in_tasks(view: str, start: int, tasks: list[TaskSegment]) -> list[TaskSegment]:
    """The tasks before the first numbered one, then the others renumbered."""
    if not tasks:
        return tasks
    lead_in = unit_line_drafts(view, start, tasks[0].start) or _labelled_paragraph(
        view, start, tasks[0].start
    )
    if not lead_in:
        return tasks
    return [TaskSegment(i, *d) for i, d in enumerate(lead_in, 1)] + [
        replace(t, seq=t.seq + len(lead_in)) for t in tasks
    ]


def _labelled_paragraph(view: str, start: int, end: int) -> list[Draft]:
    """A page opening inside a list (a law database's second page, a continuation): the
    item whose number stood on the page before, a paragraph of sentences, then its own
    role-label line ("责任单位：…"), right before the first numbered task."""
    lines = [(s, e) for s, e in text_lines(view, start, end) if rstrip_ws(view, s, e) > s]
    if len(lines) < _PARAGRAPH_LINES:
        return []
    (para_start, para_end), (label_start, label_end) = lines[-2], lines[-1]
    para_start = lstrip_ws(view, para_start, para_end)
    label_start = lstrip_ws(view, label_start, label_end)
    if not role_label_re().match(view, label_start, label_end):
        return []
    if "。" not in view[para_start:para_end] or role_label_re().search(view, para_start, para_end):
        return []
    return [draft(view, None, None, para_start, rstrip_ws(view, label_start, label_end),
                  para_start, ())]


_PARAGRAPH_LINES = 2  # the paragraph and its label line
