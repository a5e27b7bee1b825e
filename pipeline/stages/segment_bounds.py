"""Where a notice's task list stands: past the covering letter (up to its signature date),
before the closing lines (印发, 抄送, a regulation's closing articles), and the covering
letter's list of attachments, which holds no task."""

from __future__ import annotations

import regex

from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_rules import compiled, text_lines


def task_list_bounds(text: str) -> tuple[int, int]:
    """Skip the covering letter (up to its signature date) and stop at the closing lines."""
    c = compiled()
    lines = text_lines(text, 0, len(text))
    start, previous = 0, ""
    for line_start, line_end in lines:
        line = text[line_start:line_end].strip()
        signed = c.date_line.match(line) and c.meta["issuer_line"].search(previous)
        if signed and (  # the signature closing the covering letter
            line_end < len(text) * 0.7 or c.attachment_heading.search(text, line_end)
        ):
            start = line_end + 1
            break
        previous = line or previous
    end = len(text)
    for line_start, line_end in reversed(lines):
        line = text[line_start:line_end].strip()
        if line_start <= start:
            break
        if line and not (c.closing.search(line) or c.date_line.match(line)):
            break
        end = line_start
    return start, max(start, end)


def attachment_lists(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The covering letter's attachment lists: "附件：1.…" and the numbered title lines after
    it (no 。, no assignment), which are no tasks."""
    c = compiled()
    spans = []
    for m in c.attachments.finditer(text, start, end):
        stop = text.find("\n", m.end(), end)
        stop = end if stop < 0 else stop
        while stop < end:
            line_end = text.find("\n", stop + 1, end)
            line_end = end if line_end < 0 else line_end
            line = text[stop + 1 : line_end]
            numbered = any(s.line_start.match(line) for s in c.styles)
            assigned = c.assignment.search(line) or role_label_re().search(line)
            if not numbered or not _title_line(line) or assigned:
                break
            stop = line_end
        spans.append((m.start(), stop))
    return spans


_TITLE_MAX = 40  # an attachment's title: one short line, closed by a full stop at most
_CLOSING_NOTE = regex.compile(r"。?\s*(?:[（(][^（）()]{1,4}[)）])?\s*$")  # 。(略)


def _title_line(line: str) -> bool:
    """An attachment's title: no sentence before its end ("2.重点项目资金估算表。(略)")."""
    body = line[: _CLOSING_NOTE.search(line).start()]
    return "。" not in body and len(body.strip()) <= _TITLE_MAX
