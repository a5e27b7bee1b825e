"""Diagnose: say why a notice that looks like a task list yields no task, or no agency.

A plain check after extract: when the text shows numbering, role markers or a table header
but segment found no task, when tasks were found and no unit read (saying what the tasks
name), when tasks carry role labels that gave no unit, when many tasks name no agency among
tasks that do, when role labels, brackets or lines of units stand outside every task,
when most tasks are titled by a figure alone, or when dates without a year had to be read
in a year guessed from the text, the document gets a warning that says which and what was
seen, so that an analyst knows what to check. Nothing here changes the results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from pipeline.catalog import FieldKind
from pipeline.records import Extraction, TaskSegment
from pipeline.stages import agency_names as names
from pipeline.stages.deadlines import reference_year, text_year
from pipeline.stages.mentions import agency_opens, clause_names
from pipeline.stages.roles import role_label_re, role_rules
from pipeline.stages.segment_clauses import LEVELS_LISTED
from pipeline.stages.segment_rules import compiled as segment_rules
from pipeline.stages.table_spaced import header_names

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
    if not extraction.agencies:  # a task list that names no unit at all is always doubtful
        seen = _joined(_agency_signs(view, seg.tasks))
        return (
            f"{_count(len(seg.tasks), 'task')} found but no agency"
            + (f", though {seen}" if seen else "")
            + " — check how the notice assigns its tasks",
        )
    unread = _unread_labels(view, extraction)
    return (
        *_figure_titles(view, seg.tasks),
        *_unread_header(view, seg.tasks),
        *_unread_drawn_table(view, seg.tasks),
        *_units_sentences(view, seg.tasks),
        *_run_together_figures(view),
        *_levels_shared(view, extraction),
        *unread,
        *_outside_tasks(view, seg.tasks),
        *(() if unread else _bare_tasks(extraction)),
        *_undated_notice(extraction),
    )


_YEAR_PRINTED = regex.compile(r"(?:19|20)\d{2}|[〇零一二三四五六七八九○Ｏ]{4}")


def _undated_notice(extraction: Extraction) -> tuple[str, ...]:
    """Dates printed without a year (6月底前) in a notice that prints no date of its own:
    read in the year its text names most, or left without a due date."""
    seg = extraction.segmentation
    yearless = [d for d in extraction.deadlines if not _YEAR_PRINTED.search(d.raw)]
    if not yearless or reference_year(seg.metadata, seg.document.text) is not None:
        return ()
    guess = text_year(seg.document.text)
    if guess is None:
        return (
            f"{_count(len(yearless), 'deadline')} without a year ({yearless[0].raw}) left "
            "undated: the notice prints no date and its text names no year",
        )
    return (
        f"{_count(len(yearless), 'deadline')} without a year ({yearless[0].raw}) read in "
        f"{guess}, the year the text names most: the notice prints no date — check it",
    )


_FIGURE_TITLE = regex.compile(r"[\d.,，%％\s]+")


def _figure_titles(view: str, tasks: tuple[TaskSegment, ...]) -> tuple[str, ...]:
    """Tasks titled by a figure alone (2242.6): a table read with its columns shifted, the
    row's name or place taken for a unit and its figure for the work."""
    titles = [view[t.title_start : t.title_end] for t in tasks]
    figures = [t for t in titles if t.strip() and _FIGURE_TITLE.fullmatch(t)]
    if len(figures) < 2 or 2 * len(figures) < len(titles):
        return ()
    return (
        f"{len(figures)} of {len(titles)} tasks are titled by a figure alone ({figures[0]}) — "
        "check how the table's columns were read",
    )


# A figure of two decimals or more, or of twelve digits or more, with nothing between its
# parts: a table's figures copied without the spaces between their columns (150250080.081.6).
_GLUED_FIGURES = regex.compile(r"(?<![\d.])\d[\d.]*\.\d+\.\d[\d.]*|(?<![\d.])\d{12,}")
_ROW_NAME = regex.compile(r"\p{Han}{0,6}\s?$")  # quoted before the figures
_GLUED_LINES_MIN = 3
_DOTTED_DATE = regex.compile(r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?")  # 2006.11.30


def _run_together_figures(view: str) -> tuple[str, ...]:
    """Figures run together (150250080.081.6): a table read from them gives wrong targets."""
    found = _glued_figures(view)
    if not found:
        return ()
    return (
        f"{len(found)} runs of figures with nothing between them ({found[0]}) — the table's "
        "columns lost the spaces between them; check its figures and rows",
    )


def _glued_figures(view: str) -> list[str]:
    """The figures run together, each with its row's name before it; none under three."""
    found = [
        _row_name(view, m.start()) + m.group()
        for m in _GLUED_FIGURES.finditer(view)
        if not _DOTTED_DATE.fullmatch(m.group()) and not _section_number(view, m)
    ]
    return found if len(found) >= _GLUED_LINES_MIN else []


def _section_number(view: str, m: regex.Match[str]) -> bool:
    """A section's number before its words (5.2.2.3市民政局应…, 2.6.1 县救灾办), no figures."""
    return bool(_SECTION_NUMBER.fullmatch(m.group())) and bool(_WORDS_AFTER.match(view, m.end()))


_SECTION_NUMBER = regex.compile(r"\d{1,2}(?:\.\d{1,2}){2,}")
_WORDS_AFTER = regex.compile(r"[ \t\u3000]*\p{Han}")


def _row_name(view: str, at: int) -> str:
    m = _ROW_NAME.search(view, max(0, at - _ROW_NAME_REACH), at)
    return m.group() if m else ""


_ROW_NAME_REACH = 8
_HEADER_LINE = regex.compile(  # a short line naming a unit column, no clause in it
    r"^[^：:，,。；;\n]{0,12}(?:牵头|责任|配合|参与|协办)(?:单位|部门)[^：:，,。；;\n]{0,24}$",
    regex.M,
)
_HEADER_LINE_MAX = 40


def _unread_header(view: str, tasks: Iterable[TaskSegment]) -> tuple[str, ...]:
    """A short line of column names run together ("责任内容具体任务及措施牵头单位责任单位工作
    要求") in a notice read with no table: its rows' cells were read as prose."""
    if any(f.kind != FieldKind.BODY for t in tasks for f in t.fields):
        return ()  # a table was read
    for m in _HEADER_LINE.finditer(view):
        line = "".join(m.group().split())
        if len(line) <= _HEADER_LINE_MAX and _names_run_together(line):
            return (
                f"a table header run together ({line}) was not read as a table — its rows' "
                "units and columns may be wrong; check them",
            )
    return ()


_HEADER_NAMES_MIN = 3


def _unread_drawn_table(view: str, tasks: Iterable[TaskSegment]) -> tuple[str, ...]:
    """Lines drawn as a table's rows (│ 鹿城区 │ 4500 │ 800 │), three or more in a run, of
    which no task was read: the table's rows were lost."""
    starts = [at for t in tasks for at in (t.title_start, *(f.start for f in t.fields))]
    for start, end, rows in _drawn_runs(view):
        if rows >= _DRAWN_ROWS_MIN and not any(start <= at < end for at in starts):
            line = view.count("\n", 0, start) + 1
            return (
                f"a table drawn over {rows} lines (from line {line}) gave no task — its rows "
                "were not read; check them",
            )
    return ()


_DRAWN_ROWS_MIN = 3


def _units_sentences(view: str, tasks: Iterable[TaskSegment]) -> tuple[str, ...]:
    """Tasks holding several sentences each led by a unit of its own ("民政部门会同…负责…。
    住房和城乡建设系统各部门负责…。财政部门…"): the duties of several units read as one."""
    crowded = [t for t in tasks if _unit_led_sentences(view, t) >= _UNIT_SENTENCES_MIN]
    if not crowded:
        return ()
    seqs = ", ".join(str(t.seq) for t in crowded[:_EXAMPLES])
    return (
        f"{_count(len(crowded), 'task')} ({seqs}) each hold {_UNIT_SENTENCES_MIN} sentences or "
        "more led by units of their own — each may be a task; check the task boundaries",
    )


_UNIT_SENTENCES_MIN = 4
_SENTENCE_END = regex.compile(r"[。；;]\s*")


def _unit_led_sentences(view: str, task: TaskSegment) -> int:
    ends = _SENTENCE_END.finditer(view, task.title_start, task.end)
    starts = [task.title_start, *(m.end() for m in ends)]
    if len(starts) < _UNIT_SENTENCES_MIN:
        return 0  # too few sentences: decided before reading any unit
    led = 0
    for at in starts:  # a unit's last character near the start before the unit reading
        if at < task.end and names.name_end_near(view, at, task.end):
            led += agency_opens(view, at, task.end)
    return led


_DRAWN_ROW = regex.compile(r"(?m)^[^\n]*[│┃|][^\n│┃|]*\p{Han}[^\n│┃|]*[│┃|][^\n]*\d[^\n]*$")


def _drawn_runs(view: str) -> list[tuple[int, int, int]]:
    """Runs of lines holding cells between drawn separators, a figure among them (drawn
    and blank lines between them go on with the run): start, end, rows."""
    runs: list[tuple[int, int, int]] = []
    if "│" not in view and "┃" not in view and "|" not in view:
        return runs  # nothing drawn: decided before the scan
    start = end = rows = 0
    for m in _DRAWN_ROW.finditer(view):
        if _FIELD_CELL.search(m.group()):
            continue  # | 发布机构: | 玄武区人民政府 |: a page's metadata, no table of tasks
        between = view[end : m.start()].split("\n")
        if rows and all(not line.strip() or _RULING.search(line) for line in between):
            end, rows = m.end(), rows + 1
            continue
        if rows:
            runs.append((start, end, rows))
        start, end, rows = m.start(), m.end(), 1
    if rows:
        runs.append((start, end, rows))
    return runs


_FIELD_CELL = regex.compile(r"[:：]\s*[│┃|]")
_RULING = regex.compile(r"[│┃|├┤┼─━┌┐└┘┬┴]")  # a drawn line between rows (│ 区 ├──┼──┤)


def _names_run_together(line: str) -> bool:
    """Three column names or more run together from somewhere in the line (words the rules
    do not know may open it: 责任内容…), as the spaced-table reader reads a header."""
    return any(len(header_names(line[at:])) >= _HEADER_NAMES_MIN for at in range(len(line)))


_LEVELS_BEFORE = regex.compile(rf"(?<!\p{{Han}}){LEVELS_LISTED}$")


def _levels_shared(view: str, extraction: Extraction) -> tuple[str, ...]:
    """Units named for several levels at once ("市、县区财政部门"): read as the last level's
    body only; the other levels' bodies are not rows of their own."""
    shared = [
        (a, levels)
        for a in extraction.agencies
        if (levels := _LEVELS_BEFORE.search(view, max(0, a.char_start - 6), a.char_start))
    ]
    if not shared:
        return ()
    first, levels = shared[0]
    return (
        f"{_count(len(shared), 'unit')} named for several levels at once "
        f"({levels.group()}{first.mention}) read as the last level's body only — check them",
    )


_BARE_SHARE = 0.25  # tasks naming no agency, of all: past this share a notice is doubtful
_OUTSIDE_MIN = 2  # assignments standing outside every task that make a notice doubtful


def _bare_tasks(extraction: Extraction) -> tuple[str, ...]:
    """Tasks that name no agency among tasks that do: the reading may have cut a task from
    its units (a sub-row, a wrapped cell, a heading taken for a task)."""
    tasks = extraction.segmentation.tasks
    with_units = {a.task_seq for a in extraction.agencies}
    bare = [t.seq for t in tasks if t.seq not in with_units]
    if len(bare) < 2 or len(bare) < _BARE_SHARE * len(tasks):
        return ()
    seqs = ", ".join(map(str, bare[:10])) + ("…" if len(bare) > 10 else "")
    return (
        f"{len(bare)} of {len(tasks)} tasks name no agency (tasks {seqs}) — check how those "
        "tasks are assigned",
    )


def _outside_tasks(view: str, tasks: Iterable[TaskSegment]) -> tuple[str, ...]:
    """Role labels and assignment brackets after the first task that no task holds (and
    brackets closing lines before it): rows or
    items the reading left out, or task boundaries drawn wrong."""
    spans = sorted((t.start, t.end) for t in tasks)
    if not spans:
        return ()
    first, last = spans[0][0], max(e for _, e in spans)
    marks = [m.start() for m in role_label_re().finditer(view, first, last)]
    marks += [m.start() for m in segment_rules().assignment.finditer(view, first, last)]
    marks += _closing_brackets_before(view, first)  # items before the first task, left out
    # after the last task only lines of units count (a table's rows left out), not the
    # closing's words nor the signature (the last lines)
    signature = _last_lines_start(view, _SIGNATURE_LINES)
    headings = _headings(tasks)  # 三、省委政法委 heads its tasks: no unit left out
    marks += [at for at in _unit_lines(view, first, headings) if at < last or at < signature]
    outside = [at for at in marks if not any(s <= at < e for s, e in spans)]
    if len(outside) < _OUTSIDE_MIN:
        return ()
    return (
        f"{_count(len(outside), 'assignment')} (role labels, brackets or lines of units) "
        "stand outside every task — check the task boundaries",
    )


def _closing_brackets_before(view: str, first: int) -> list[int]:
    """Assignment brackets closing lines before the first task ("…。(市法制局牵头)"): items of
    a list the reading did not take."""
    found = []
    for m in segment_rules().assignment.finditer(view, 0, first):
        line_start = view.rfind("\n", 0, m.start()) + 1
        line_end = view.find("\n", m.end(), first)
        after = view[m.end() : first if line_end < 0 else line_end]
        sentence = len(view[line_start : m.start()].strip()) >= _ITEM_TEXT_MIN  # no header note
        if sentence and not after.strip(" \t。；;"):
            found.append(m.start())
    return found


_ITEM_TEXT_MIN = 10  # an item's text before its bracket, longer than a column's name


_SIGNATURE_LINES = 3  # the issuer and date closing a notice stand in its last lines


def _last_lines_start(view: str, count: int) -> int:
    """Where the last ``count`` non-empty lines of the text begin."""
    at = len(view.rstrip())
    for _ in range(count):
        at = view.rfind("\n", 0, at)
        if at < 0:
            return 0
        while at > 0 and view[at - 1] == "\n":
            at -= 1
    return at


def _headings(tasks: Iterable[TaskSegment]) -> frozenset[str]:
    """The headings over the tasks, whitespace removed."""
    return frozenset(
        "".join(part.split()) for t in tasks if t.section for part in t.section.split(" / ")
    )


def _unit_lines(view: str, start: int, headings: frozenset[str] = frozenset()) -> list[int]:
    """Where lines after ``start`` that are only unit names begin (a table's unit cells), but
    for the ``headings`` of tasks."""
    found, at = [], view.rfind("\n", 0, start) + 1
    for line in view[at:].split("\n"):
        plain = "".join(line.split())
        if len(plain) >= 2 and plain not in headings and names.unit_list(plain):
            found.append(at)
        at += len(line) + 1
    return found


def _layout_signs(view: str) -> list[str]:
    signs = []
    numbered = _numbered_lines(view)
    if numbered >= 2:
        signs.append(f"{numbered} numbered lines")
    inline = _inline_numbers(view)
    if len(inline) >= _INLINE_NUMBERS_MIN:
        signs.append(f"numbers inside its lines ({''.join(inline[:_EXAMPLES])}…)")
    signs += _label_signs(view)
    header = _table_header(view)
    if header:
        signs.append(f"a table header ({'、'.join(header)})")
    glued = _glued_figures(view)
    if glued:
        signs.append(f"{len(glued)} runs of figures with nothing between them ({glued[0]})")
    assigned = _assigned_names(view, 0, len(view))
    if assigned:
        signs.append(f"sentences that assign work to {assigned}")
    return signs


_INLINE_NUMBER = regex.compile(r"(?<=[^\d\s])\d{1,2}、(?=\p{Han})")
_INLINE_NUMBERS_MIN = 3  # item numbers run into lines ("…时限1、成立…3、保证…"), this many


def _inline_numbers(view: str) -> list[str]:
    """Item numbers printed inside lines, not opening them: a text run together that the
    reading may not have parted."""
    return [m.group() for m in _INLINE_NUMBER.finditer(view)]


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
        t
        for t in extraction.segmentation.tasks
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
        m.group("label")
        for m in role_label_re().finditer(view, start, end)
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
    """ "a", "a and b", "a, b and c"."""
    if len(signs) <= 1:
        return "".join(signs)
    return ", ".join(signs[:-1]) + " and " + signs[-1]


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"
