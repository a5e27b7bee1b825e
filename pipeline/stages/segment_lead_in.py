"""What stands before a notice's first numbered task and is a task too: lines each led by
the unit whose duties they state, a page opening inside an item, its last paragraph closed by
its own role-label line, and clauses each led by their units."""

from __future__ import annotations

from dataclasses import replace

import regex

from pipeline.records import TaskSegment
from pipeline.stages.agency_names import is_collective
from pipeline.stages.mentions import agency_opens
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_clauses import unit_line_drafts
from pipeline.stages.segment_drafts import Draft, draft, lstrip_ws, rstrip_ws
from pipeline.stages.segment_fallbacks import quoted_drafts, subject_tasks
from pipeline.stages.segment_rules import compiled, text_lines


def lead_in_tasks(
    view: str, start: int, tasks: list[TaskSegment]
) -> tuple[list[TaskSegment], str | None]:
    """The tasks before the first numbered one, then the others renumbered; and, where they
    were read from sentences or quotes rather than lines, a warning saying so."""
    if not tasks:
        return tasks, None
    end = tasks[0].start
    lead_in, read_from = unit_line_drafts(view, start, end) or _labelled_paragraph(
        view, start, end
    ), None
    if not lead_in:
        lead_in, read_from = _subject_clauses(view, start, end), "sentences led by their units"
    if not lead_in:  # “…”(市水利局) before a table of more
        lead_in, read_from = quoted_drafts(view, start, end), "quotes each closed by its unit"
    if not lead_in:
        return tasks, None
    renumbered = [TaskSegment(i, *d) for i, d in enumerate(lead_in, 1)] + [
        replace(t, seq=t.seq + len(lead_in)) for t in tasks
    ]
    if read_from is None:
        return renumbered, None
    return renumbered, (
        f"{len(lead_in)} tasks before the first numbered one read from {read_from} — check "
        "the task boundaries"
    )


def _subject_clauses(view: str, start: int, end: int) -> list[Draft]:
    """A page opening on duties divided clause by clause, each led by its units ("省发展计划
    部门会同有关部门负责…；省财政厅负责…；省水行政主管部门负责…。"), before the first
    numbered item: a task a clause."""
    first = _past_exhortation(view, lstrip_ws(view, start, end), end)
    if not agency_opens(view, first, end):
        return []  # the page does not open on a unit: decided before reading any clause
    if compiled().meta["doc_number"].search(view, start, end) or _LETTER_WORDS.search(
        view, start, end
    ):
        return []  # a document number, a notice's name: the covering letter, no duties
    found = subject_tasks(view, start, end)
    if not found or found[0].start != first:
        return []  # a preamble, a title: the page does not open on the duties
    covered = sum(t.end - t.start for t in found)
    if covered < _COVERED_SHARE * (rstrip_ws(view, start, end) - found[0].start):
        return []  # a covering letter naming a few units, not a page of duties
    return [draft(view, None, None, t.start, t.end, t.title_start, ()) for t in found]


def _past_exhortation(view: str, at: int, end: int) -> int:
    """Past a first sentence addressed to every unit at once ("各级各部门要按分工负责…。"),
    which opens a division of duties and assigns none."""
    stop = view.find("。", at, end)
    if stop < 0 or "\n" in view[at:stop] or not is_collective(_subject_words(view, at, stop)):
        return at
    return lstrip_ws(view, stop + 1, end)


def _subject_words(view: str, start: int, end: int) -> str:
    m = _EXHORTED.match(view, start, end)
    return m.group("group") if m else ""


_EXHORTED = regex.compile(r"(?P<group>各[^，,。；;：:]{1,10}?)(?:要|应|必须|务必)")


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
    return [
        draft(view, None, None, para_start, rstrip_ws(view, label_start, label_end), para_start, ())
    ]


_PARAGRAPH_LINES = 2  # the paragraph and its label line
_COVERED_SHARE = 0.8  # of the text before the first item, in the clauses led by units
_LETTER_WORDS = regex.compile("通知|函")
