"""A table copied one cell a line, with no number column, whose rows print fewer cells where a
cell spans several rows (printed once, on the first of them) — an indicator table:

    项 目 / 分值 / 目标任务 / 监考单位
    宏观调控                      (a category over its rows: a group heading)
    地区生产总值增长率 / 3 / 年终根据全省平均水平综合考核 / 区发改局区统计局
    社会消费品零售总额增长率 / 3  (target and units spanned from the row above)
    全社会固定资产投资额 / 3 / 186 / 区发改委区统计局

With no row number to open a row, rows are found by aligning the lines to the columns: each
line goes to a column after the one before it in the same row, or opens a new row in the
row's title column (a title is never a bare figure nor a list of units); a column a row skips
is a cell spanned from above (the row inherits it); a short line may head a group of rows.
The alignment chosen is the one whose lines fit their columns best (units in unit columns,
dates in date columns) with the fewest spanned cells.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_rules import compiled, squash
from pipeline.stages.table_cells import GROUP_LINE_MAX, Lines
from pipeline.stages.table_columns import cell_kind
from pipeline.stages.table_fit import fit, is_row_number, status_cell
from pipeline.stages.table_lines import line_fit, stripped
from pipeline.stages.table_rows import Row

_UNITS = AGENCY_FIELDS | {FieldKind.GRADER}
_TEXT = frozenset({FieldKind.TASK, FieldKind.NAME})
_FIGURE = regex.compile(r"[<>≤≥＜＞]?[\d.．%％\-－~～—]+|[-—－/]")  # 186, 18.4, 4.1%, -
_SPANNED = -0.6  # a cell a row leaves to the spanning cell above
_SPANNED_NAME = -0.3  # a category's cell, printed on its group's first row only
_REPEATED = 1.0  # a line printed again fits the column of its first copy
_MORE_LEADS = -0.25  # units one a line go on to the participants' column after the first lead
_GROUP = -0.3  # a line heading a group of rows
_WRAPPED = -0.5  # a cell wrapped over one more line
_TITLE = 0.5  # a line of text opening a row
_NUMBER = 1.0  # a row number opening its row
_DUE = regex.compile(r"\d|底|前|长期|持续|常态")  # a due date's cell, never a title (not 年度计划)
_LATER = -0.01  # of two columns a line fits alike, the earlier (cells span from the right)
_PROSE_LINE = 40  # a line this long with a full stop: prose after the table
_ROWS_MIN = 3  # rows a believable reading finds
_UNIT_SHARE = 0.5  # of its rows, this share at least prints a unit
_NONE = float("-inf")


def merged_rows(
    text: str, lines: Lines, at: int, kinds: list[str]
) -> tuple[list[Row], int] | None:
    """The rows after a header (which ends before line ``at``) and the line after the table;
    None when no alignment reads as rows of units. With a number column each row opens with
    its number (numbers may skip: an excerpt keeps its list's numbers)."""
    if not any(kind in _UNITS for kind in kinds):
        return None
    if AGENCY_FIELDS & set(kinds):  # a grader (评分部门, a bare 单位) beside unit columns
        kinds = [FieldKind.NOTE if k == FieldKind.GRADER else k for k in kinds]  # is a note
    number = kinds.index(FieldKind.NUMBER) if FieldKind.NUMBER in kinds else None
    first = next((i for i, kind in enumerate(kinds) if kind in _TEXT), None)
    task = next((i for i, kind in enumerate(kinds) if kind == FieldKind.TASK), None)
    if first is None or (number is not None and number > first):
        return None
    stop = _numbered_stop(text, lines, at, len(kinds)) if number is not None else None
    stop = stop if stop is not None else _table_stop(text, lines, at)
    kept = _without_headers(text, lines[at:stop], kinds)
    if kept and kept[-1] != lines[stop - 1]:  # another table's header after a heading
        stop = lines.index(kept[-1], at) + 1
    every = [stripped(text, span) for span in kept]
    every = [(s, e) for s, e in every if e > s]  # blank lines between cells
    labelled = [_labelled(squash(text[s:e])) for s, e in every]
    spans = [span for span, aside in zip(every, labelled, strict=True) if not aside]
    pieces = [squash(text[s:e]).rstrip(_CELL_END) for s, e in spans]
    # the row's title: the first text column, or one after a category column printed once
    # for its group (事项分类 | 事项名称, 工作要点 | 具体要求): the reading that fits best
    texts = [i for i, kind in enumerate(kinds) if kind in _TEXT]
    readings = [
        found for title in dict.fromkeys([first, task if task is not None else first, *texts])
        if (found := _aligned_rows(text, every, labelled, pieces, kinds, title, number))
    ]
    if not readings:
        return None
    return max(readings, key=lambda found: found[1])[0], stop


def _aligned_rows(
    text: str,
    every: Lines,
    labelled: list[bool],
    pieces: list[str],
    kinds: list[str],
    title: int,
    number: int | None,
) -> tuple[list[Row], float] | None:
    """The rows of the best alignment with ``title`` as the row's title column, and its
    score; None when it reads no rows of units."""
    found = _best_path(pieces, kinds, title, number)
    if found is None:
        return None
    path, score = found
    rows = _moved_to_task(_rows(every, labelled, path, len(kinds), title), kinds, title)
    printed = [row for row in rows if sum(cell is not None and cell != () for cell in row) > 1]
    units = [i for i, kind in enumerate(kinds) if kind in _UNITS]
    named = [row for row in printed if any(row[i] for i in units)]
    spanned = [row for row in printed if not any(row[i] for i in units)
               and any(row[i] is None for i in units)]  # units spanned from the row above
    if len(printed) < _ROWS_MIN or not named:
        return None
    if len(named) + len(spanned) < _UNIT_SHARE * len(printed):
        return None
    return rows, score


def _without_headers(text: str, lines: Lines, kinds: list[str]) -> Lines:
    """The lines less the header printed again at a page break: column names from the first
    one's on, a name broken over two lines ("完成" over "时间") read joined. A header after
    an outline heading ("二、第二部分") opens another table: the lines end before them."""
    kept: Lines = []
    k = 0
    while k < len(lines):
        if cell_kind(text[slice(*lines[k])]) != kinds[0]:
            kept.append(lines[k])
            k += 1
            continue
        if kept and _outline_heading(text, kept[-1]):
            return kept[:-1]
        k += 1
        while k < len(lines):
            line = text[slice(*lines[k])]
            after = text[slice(*lines[k + 1])] if k + 1 < len(lines) else ""
            kind = cell_kind(line)
            joined = cell_kind(line + after) if after else None
            if joined is not None and (kind is None or cell_kind(after) is None):
                k += 2  # "完成" over "时间": 完成时间
            elif kind is not None:
                k += 1
            else:
                break
    return kept


def _outline_heading(text: str, span: tuple[int, int]) -> bool:
    """A line opening with a number of the notice's outer outline (一、, 第一部分)."""
    line = text[slice(*span)].strip()
    outer = [s for s in compiled().styles if s.rank <= _OUTER_RANK]
    return any(s.line_start.match(line) for s in outer)


def _moved_to_task(rows: list[Row], kinds: list[str], title: int) -> list[Row]:
    """Rows printing one text cell under a name column (项目) and a task column (具体内容)
    that no row fills: the text is the task's (the alignment cannot tell two text columns
    apart, and puts the text in the first)."""
    tasks = [i for i, kind in enumerate(kinds) if kind == FieldKind.TASK]
    if kinds[title] != FieldKind.NAME or not tasks:
        return rows
    if any(row[i] for row in rows for i in tasks):
        return rows
    for row in rows:
        row[tasks[0]], row[title] = row[title], None
    return rows


def row_fit(text: str, rows: list[Row], kinds: list[str]) -> tuple[int, int]:
    """How well rows' cells fit their columns (a reading's score, to choose one): the cells
    that fit (unit cells naming units, titles that are no units, no figures, no dates) less
    those that do not, and the misfits alone (rows without their number or their units
    count as misfits too)."""
    fits = misfits = 0
    number = kinds.index(FieldKind.NUMBER) if FieldKind.NUMBER in kinds else None
    units = [c for c, k in enumerate(kinds) if k in _UNITS]
    for row in rows:
        printed = [cell for cell in row[: len(kinds)] if cell]
        if len(printed) > 1 and number is not None and not _cell(row, number):
            misfits += 1  # a numbered table's row with no number: a row misread in two
        if len(printed) > 1 and not any(_cell(row, c, spanned=True) for c in units):
            misfits += 1  # a row naming no unit where its units stand
        titled = False  # the row's first text cell is its title
        for c, cell in enumerate(row[: len(kinds)]):
            if not cell or (kinds[c] not in _UNITS and kinds[c] not in _TEXT):
                continue
            piece = squash("".join(text[s:e] for s, e in cell))
            if kinds[c] in _TEXT and titled:  # text after the title: no unit, no person
                misfits += _named(piece)
                continue
            if kinds[c] in _UNITS:
                good = line_fit(piece, FieldKind.LEAD) > 0
            else:
                good, titled = _fit(piece, kinds[c], True) > 0, True
            fits, misfits = fits + good, misfits + (not good)
    return fits - misfits, misfits


def _named(piece: str) -> bool:
    """A cell of units or people only, where task text belongs (顾国煜 under 重点工作)."""
    return line_fit(piece, FieldKind.LEAD) > 0 or fit(piece, FieldKind.LEADER) >= 2


def _cell(row: Row, c: int, *, spanned: bool = False) -> bool:
    """The row prints cell ``c``, or (``spanned``) the cell above spans it (None): a sub-row
    under a spanning number or unit cell."""
    return c < len(row) and (bool(row[c]) or (spanned and row[c] is None))


def _table_stop(text: str, lines: Lines, at: int) -> int:
    """The line after a table read from line ``at``: a closing line (印发, 抄送), a heading
    of the notice's outline, or a line of prose ends it."""
    c = compiled()
    for k in range(at, len(lines)):
        line = text[slice(*lines[k])].strip()
        if c.closing.search(line) or any(s.line_start.match(line) for s in c.styles):
            return k
        if len(line) > _PROSE_LINE and "。" in line and not _units_follow(text, lines, k):
            return k  # prose, not a task's cell (its units on the line after it)
    return len(lines)


def _units_follow(text: str, lines: Lines, k: int) -> bool:
    """Whether the next line holding text names units."""
    for span in lines[k + 1 :]:
        line = squash(text[slice(*span)])
        if line:
            return line_fit(line.rstrip(_CELL_END), FieldKind.LEAD) > 0
    return False


def _numbered_stop(text: str, lines: Lines, at: int, width: int) -> int | None:
    """The end of a table whose rows open with their numbers: the last number's row reaches
    as many lines as a row and a cell wrapped may take, or a closing line ends it first."""
    c = compiled()
    reach = width + c.rules.max_cell_lines
    last, since = None, 0  # the last number's line, the lines since it (units one a line,
    for k in range(at, len(lines)):  # blank lines: none)
        line = text[slice(*lines[k])].strip()
        if c.closing.search(line) or (last is not None and since > reach):
            break
        if is_row_number(line):
            last, since = k, 0
        elif line and line_fit(squash(line), FieldKind.LEAD) <= 0:
            since += 1
    if last is None:
        return None
    end, cells = last + 1, 1
    while end < len(lines) and cells < width:
        line = text[slice(*lines[end])].strip()
        heading = any(s.line_start.match(line) for s in c.styles)
        if c.closing.search(line) or (heading and cells > 1):  # a cell may open with 二、
            break
        end += 1
        cells += bool(line)  # blank lines between cells hold none
    return end


@lru_cache(maxsize=8192)
def _fit(piece: str, kind: str, is_title: bool) -> float:
    if kind == FieldKind.NUMBER:
        return _NUMBER if is_row_number(piece) else _NONE
    if is_title:  # a title is no bare figure, no list of units, no due date
        figure = _FIGURE.fullmatch(piece)
        units = line_fit(piece, FieldKind.LEAD) > 0
        due = fit(piece, FieldKind.DEADLINE) > 0 and _DUE.search(piece)
        return _NONE if figure or units or due or status_cell(piece) else _TITLE
    return line_fit(piece, FieldKind.RESPONSIBLE if kind == FieldKind.GRADER else kind)


def _best_path(
    pieces: list[str], kinds: list[str], title: int, number: int | None = None
) -> tuple[list[tuple[int, bool]], float] | None:
    """For each line its column (-1: a group heading) and whether it opens a row: the
    alignment of best score, and the score. With a number column, rows open with their
    number. A line printed again (全县17家乡镇卫生院 in two rows) goes, on a second pass, to
    the column the first reading put its first copy in."""
    found = _aligned_path(pieces, kinds, title, number, {})
    if found is None:
        return None
    seen: dict[str, int] = {}
    again: dict[int, int] = {}
    for j, (piece, (c, _)) in enumerate(zip(pieces, found[0], strict=True)):
        if piece in seen and c != seen[piece] and seen[piece] >= 0:
            again[j] = seen[piece]
        seen.setdefault(piece, c)
    return _aligned_path(pieces, kinds, title, number, again) if again else found


def _aligned_path(
    pieces: list[str],
    kinds: list[str],
    title: int,
    number: int | None,
    again: dict[int, int],
) -> tuple[list[tuple[int, bool]], float] | None:
    m = len(kinds)
    openers = range(title + 1) if number is None else (number,)
    states = [(-1, True), *((c, True) for c in openers), *((c, False) for c in range(m))]
    moves = _moves(states, kinds, title)
    units = [line_fit(piece, FieldKind.LEAD) > 0 for piece in pieces]
    best: list[dict[tuple[int, bool], float]] = []
    back: list[dict[tuple[int, bool], tuple[int, bool] | None]] = []
    for j, piece in enumerate(pieces):
        fits = {c: _fit(piece, kinds[c], c == title) for c in range(m)}
        if j in again and fits[again[j]] != _NONE:
            fits[again[j]] += _REPEATED
        short = len(piece) <= GROUP_LINE_MAX and not _FIGURE.fullmatch(piece)
        fits[-1] = _GROUP if short and not units[j] else _NONE
        scores = dict.fromkeys(states, _NONE)
        links: dict[tuple[int, bool], tuple[int, bool] | None] = dict.fromkeys(states)
        if j == 0:
            for state in states:
                if state[1] and fits[state[0]] != _NONE:
                    scores[state] = fits[state[0]] + _opening(state[0], kinds)
        else:
            joined = units[j - 1] and units[j]  # units one a line, no cell wrapped
            for prior, score in best[-1].items():
                if score == _NONE:
                    continue
                for state, cost, wraps in moves[prior]:
                    fit = fits[state[0]]
                    if fit == _NONE:
                        continue
                    if wraps and not (joined and kinds[state[0]] in _UNITS):
                        cost += _WRAPPED
                    if score + cost + fit > scores[state]:
                        scores[state], links[state] = score + cost + fit, prior
        best.append(scores)
        back.append(links)
    if not best:
        return None
    end = max(states, key=lambda state: best[-1][state] + _closing(state[0], kinds))
    score = best[-1][end] + _closing(end[0], kinds)
    if score == _NONE:
        return None
    path = [end]
    for j in range(len(pieces) - 1, 0, -1):
        link = back[j][path[-1]]
        if link is None:
            return None
        path.append(link)
    return path[::-1], score


_OUTER_RANK = 1  # 一、 and 第一章: the outline a table stands in
_CELL_END = "。；;，,"  # a cell's closing mark: no part of what it holds
_LABEL_OPENS = 4  # a labelled line opens with its label, a level or owner before it (省牵头单位)


def _labelled(piece: str) -> bool:
    found = role_label_re().search(piece, 0, _LABEL_OPENS + 12)
    return found is not None and found.start() <= _LABEL_OPENS


def _spanned(kinds: list[str], start: int, stop: int) -> float:
    """Columns [start, stop) a row leaves to the cells spanning them from above: a category
    (a name column printed once for its group) most often."""
    return sum(
        _SPANNED_NAME if kinds[c] == FieldKind.NAME else _SPANNED for c in range(start, stop)
    )


def _opening(c: int, kinds: list[str]) -> float:
    """A row opening in column ``c``: the columns before it spanned."""
    return 0.0 if c < 0 else _spanned(kinds, 0, c)


def _closing(p: int, kinds: list[str]) -> float:
    """A row ending in column ``p``: the columns after it spanned."""
    return 0.0 if p < 0 else _spanned(kinds, p + 1, len(kinds))


_Move = tuple[tuple[int, bool], float, bool]  # the state moved to, its cost, a cell wrapped


def _moves(
    states: list[tuple[int, bool]], kinds: list[str], title: int
) -> dict[tuple[int, bool], list[_Move]]:
    """From each state, the states a next line may take and what the move costs; a line
    staying in its cell costs a wrap unless units stand one a line (told per line)."""
    moves: dict[tuple[int, bool], list[_Move]] = {}
    for prior in states:
        moves[prior] = []
        for state in states:
            (p, _), (c, opens) = prior, state
            if opens:  # a new row (or a group heading) after the row of ``p``
                moves[prior].append((state, _closing(p, kinds) + _opening(c, kinds), False))
            elif p < 0 or c < p or p < title < c:
                continue  # along a row only, never past its title
            elif c > p:
                moves[prior].append((state, _spanned(kinds, p + 1, c) + _LATER * c, False))
            elif c == title:  # a title wrapped over one more line
                moves[prior].append((state, _WRAPPED - _TITLE, False))
            else:  # more lines of the cell: most rows have one lead, the others take part
                more = kinds[c] == FieldKind.LEAD and FieldKind.PARTICIPANT in kinds[c + 1 :]
                moves[prior].append((state, _MORE_LEADS if more else 0.0, True))
    return moves


def _rows(
    spans: Lines, labelled: list[bool], path: list[tuple[int, bool]], width: int, title: int
) -> list[Row]:
    """Rows of cells from the alignment: a cell a row skips is not printed (None); a line
    opening with a role label (省牵头单位:省农业农村厅), left out of the alignment, is read
    with its row's title, as the text of the task."""
    rows: list[Row] = []
    steps = iter(path)
    for span, aside in zip(spans, labelled, strict=True):
        if aside:
            if rows:
                rows[-1][title] = (*(rows[-1][title] or ()), span)
            continue
        c, opens = next(steps)
        if c < 0:
            rows.append([(span,), *[()] * (width - 1)])
            continue
        if opens:
            rows.append([None] * width)
        row = rows[-1]
        row[c] = (*(row[c] or ()), span)
    return rows
