"""Render corpus notices as PDFs in official-document (公文) layout.

Run ``python scripts/render_pdfs.py [CORPUS_DIR]`` to regenerate every committed corpus PDF
(deterministic bytes: reportlab's invariant mode fixes dates and document IDs). The module is
also a small library: ``render_prose`` and ``render_table`` are reused by the benchmark to make
synthetic PDFs.

Layout after GB/T 9704: A4, body frame 156 × 225 mm (top 37 mm, left 28 mm), body 16 pt
(三号) in a CJK serif face with 28 pt leading, title 22 pt (二号) centred, page number
"— N —" centred under the body. Paragraphs wrap between any two CJK characters (words and
agency names split across lines and pages); reportlab's CJK wrapping, with its list of
closing punctuation extended, keeps ，。、；：）” off the start of a line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import regex
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

FONT_PATH = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
FONT_NAME = "ARPLUMing"
FONT_PACKAGE = "fonts-arphic-uming"

PAGE_W, PAGE_H = A4
MARGIN_TOP, MARGIN_BOTTOM = 37 * mm, 35 * mm
MARGIN_LEFT, MARGIN_RIGHT = 28 * mm, 26 * mm
BODY_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
LEADING_RATIO = 1.75  # 16 pt body -> 28 pt leading
TITLE_SIZE = 22.0
FOOTER_SIZE = 14.0
HEADER_SIZE = 10.5
TABLE_SIZE = 12.0
# Full-width closers reportlab's CJK wrapper lets start a line (its list is Japanese-centred).
CANNOT_START_EXTRA = "，：；！？”’》〉"
DOC_META = {"author": "notice-tasks corpus renderer", "creator": "scripts/render_pdfs.py"}

_PIPE_ROW = regex.compile(r"^\s*[^|]*\|")
_SPACED_ROW = regex.compile(r"^(\S+)\s+(.+?)\s+(\S+)$")


class FontMissingError(RuntimeError):
    """The Debian CJK serif font needed for rendering is not installed."""


def find_cjk_font() -> Path:
    """Path of AR PL UMing (a serif Ming face), or a clear error naming the Debian package."""
    if FONT_PATH.is_file():
        return FONT_PATH
    raise FontMissingError(
        f"CJK serif font not found at {FONT_PATH}; install it with "
        f"`apt-get install {FONT_PACKAGE}`"
    )


@lru_cache(maxsize=1)
def _font() -> str:
    """Register the CJK font with reportlab once; return its name."""
    for module in (rl_textsplit, rl_paragraph):  # both wrappers read their own global
        missing = "".join(c for c in CANNOT_START_EXTRA if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing  # such a closer hangs in the margin instead
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(find_cjk_font()), subfontIndex=0))
    return FONT_NAME


def _style(name: str, size: float, *, align: int = TA_LEFT, indent: float = 0.0,
           leading: float | None = None, space_after: float = 0.0) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=_font(), fontSize=size, leading=leading or size * LEADING_RATIO,
        alignment=align, firstLineIndent=indent, wordWrap="CJK", spaceAfter=space_after,
    )


def _markup(text: str) -> str:
    """Paragraph markup for plain text; "\\n" becomes a forced line break."""
    return "<br/>".join(escape(line) for line in text.split("\n"))


@dataclass(frozen=True)
class _Furniture:
    """What is drawn on every page outside the body frame."""

    running_header: str | None

    def __call__(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(_font(), FOOTER_SIZE)
        footer_y = MARGIN_BOTTOM - 7 * mm - FOOTER_SIZE * 0.8
        canvas.drawCentredString(PAGE_W / 2, footer_y, f"— {doc.page} —")
        if self.running_header:
            canvas.setFont(_font(), HEADER_SIZE)
            canvas.drawCentredString(PAGE_W / 2, PAGE_H - 22 * mm, self.running_header)
        canvas.restoreState()


def _build(out: Path, story: list[Flowable], running_header: str | None, title: str | None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, invariant=1,
        title=(title or out.stem).replace("\n", ""), **DOC_META,
    )
    furniture = _Furniture(running_header)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out


def _head(title: str | None) -> list[Flowable]:
    if title is None:
        return []
    style = _style("title", TITLE_SIZE, align=TA_CENTER, space_after=TITLE_SIZE)
    return [Paragraph(_markup(title), style)]


def _prose(paragraphs: Sequence[str], body_size: float) -> list[Flowable]:
    style = _style("body", body_size, indent=2 * body_size)
    return [Paragraph(_markup(p), style) for p in paragraphs]


def render_prose(paragraphs: list[str], out: Path, *, title: str | None = None,
                 running_header: str | None = None, body_size: float = 16) -> Path:
    """Render paragraphs as an official-layout PDF at ``out``; return ``out``."""
    return _build(out, _head(title) + _prose(paragraphs, body_size), running_header, title)


# --- tables -------------------------------------------------------------------------------

Cell = str | None  # None: covered by the cell to its left (horizontal span)


def _col_widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """Widths proportional to each column's longest cell text, clamped to 2..24 characters."""
    weights = [
        min(24, max(2, len(h), *(len(r[i] or "") for r in rows))) for i, h in enumerate(header)
    ]
    total = sum(weights)
    return [BODY_W * w / total for w in weights]


def _horizontal_spans(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, int, int]]:
    """(row, first_col, last_col) for each run of None cells after a real cell."""
    spans = []
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            end = c
            while end + 1 < len(row) and row[end + 1] is None:
                end += 1
            if end > c:
                spans.append((r, c, end))
            c = end + 1
    return spans


def _vertical_spans(rows: Sequence[Sequence[Cell]], col: int) -> list[tuple[int, int]]:
    """(first_row, last_row) for runs of identical non-empty text down column ``col``."""
    spans, r = [], 0
    while r < len(rows):
        text, end = rows[r][col], r
        covered = col + 1 < len(rows[r]) and rows[r][col + 1] is None
        if text and not covered:
            while end + 1 < len(rows) and rows[end + 1][col] == text and not (
                col + 1 < len(rows[end + 1]) and rows[end + 1][col + 1] is None
            ):
                end += 1
        if end > r:
            spans.append((r, end))
        r = end + 1
    return spans


def _table(header: Sequence[str], rows: Sequence[Sequence[Cell]], *, merge_down: bool,
           merge_columns: Sequence[int], font_size: float,
           col_widths: Sequence[float] | None) -> Table:
    n = len(header)
    if any(len(r) != n for r in rows):
        raise ValueError(f"every row needs {n} cells")
    head_style = _style("th", font_size, align=TA_CENTER, leading=font_size * 1.4)
    cell_style = _style("td", font_size, leading=font_size * 1.4)
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        # a closer hanging past the text edge keeps its midpoint inside the cell
        ("RIGHTPADDING", (0, 0), (-1, -1), font_size / 2 + 1),
    ]
    cells: list[list[str]] = [[c or "" for c in r] for r in rows]
    for r, c0, c1 in _horizontal_spans(rows):
        commands.append(("SPAN", (c0, r + 1), (c1, r + 1)))
    if merge_down:
        for col in (c % n for c in merge_columns):
            for r0, r1 in _vertical_spans(rows, col):
                commands.append(("SPAN", (col, r0 + 1), (col, r1 + 1)))
                for r in range(r0 + 1, r1 + 1):
                    cells[r][col] = ""
    data = [[Paragraph(_markup(h), head_style) for h in header]]
    data += [[Paragraph(_markup(c), cell_style) for c in r] for r in cells]
    fractions = col_widths or [w / BODY_W for w in _col_widths(header, rows)]
    widths = [BODY_W * f / sum(fractions) for f in fractions]
    # No splitInRow: with repeatRows it draws an empty row fragment (reportlab 5.1).
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))


def render_table(header: list[str], rows: list[list[str | None]], out: Path, *,
                 title: str | None = None, before: Sequence[str] = (), merge_down: bool = True,
                 running_header: str | None = None, merge_columns: Sequence[int] = (-1,),
                 font_size: float = TABLE_SIZE, col_widths: Sequence[float] | None = None,
                 body_size: float = 16) -> Path:
    """Render optional title and prose, then a ruled table with a repeated header row.

    A ``None`` cell is covered by the cell to its left (horizontal SPAN). With ``merge_down``,
    identical non-empty cells running down a column of ``merge_columns`` (default: the last)
    become one vertically merged cell. ``col_widths`` are relative weights.
    """
    table = _table(header, rows, merge_down=merge_down, merge_columns=merge_columns,
                   font_size=font_size, col_widths=col_widths)
    story = [*_head(title), *_prose(before, body_size), Spacer(1, body_size / 2), table]
    return _build(out, story, running_header, title)


def render_blocks(blocks: Sequence[str | tuple[list[str], list[list[Cell]]]], out: Path, *,
                  title: str | None = None, body_size: float = 16,
                  font_size: float = TABLE_SIZE) -> Path:
    """Render a title, then paragraphs and tables (header, rows) in their order; equal cells
    running down any column but the first are merged."""
    story = _head(title)
    for block in blocks:
        if isinstance(block, str):
            story += _prose([block], body_size)
            continue
        header, rows = block
        table = _table(header, rows, merge_down=True, merge_columns=range(1, len(header)),
                       font_size=font_size, col_widths=None)
        story += [Spacer(1, body_size / 2), table, Spacer(1, body_size / 2)]
    return _build(out, story, None, title)


# --- the corpus -------------------------------------------------------------------------------

def _lines(path: Path) -> list[str]:
    """Non-empty source lines with stray trailing spaces stripped."""
    return [s for line in path.read_text(encoding="utf-8").splitlines() if (s := line.rstrip())]


def _pipe_cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.strip().split("|")]
    return cells[:-1] if cells and cells[-1] == "" else cells


def _heading_row(cells: list[str]) -> list[Cell]:
    """A row whose last cell is empty is a heading: its trailing empty cells are spanned."""
    if cells[-1]:
        return list(cells)
    last = max(i for i, c in enumerate(cells) if c) if any(cells) else 0
    return [c if i <= last else None for i, c in enumerate(cells)]


Split = tuple[list[str], list[str], list[list[Cell]]]  # text before, header, rows


def _split_pipe_table(lines: list[str]) -> Split:
    start = next(i for i, line in enumerate(lines) if _PIPE_ROW.match(line))
    header = _pipe_cells(lines[start])
    rows = [_heading_row(_pipe_cells(line)) for line in lines[start + 1:]]
    return lines[:start], header, rows


def _split_spaced_table(lines: list[str], first: str) -> Split:
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    parsed = [_SPACED_ROW.match(line) for line in lines[start:]]
    if not all(parsed):
        raise ValueError("table row without three space-separated columns")
    header, *rows = [list(m.groups()) for m in parsed if m]
    return lines[:start], header, rows


def _tibet(corpus: Path) -> Path:
    title, *body = _lines(corpus / "tibet-2017-keji-yuanzang.txt")
    return render_prose(body, corpus / "tibet-2017-keji-yuanzang.pdf", title=title)


def _lishan(corpus: Path) -> Path:
    head, *body = _lines(corpus / "dev" / "02_lishan_2023_zdgz.txt")
    return render_prose(body, corpus / "dev" / "02_lishan_2023_zdgz.pdf", title=head,
                        running_header="立山区政府2023年重点工作任务分解和责任分工方案")


def _wuhu(corpus: Path) -> Path:
    source = corpus / "dev" / "20_wuhu_2025_zdgz_pipetable.txt"
    before, header, rows = _split_pipe_table(_lines(source))
    return render_table(header, rows, source.with_suffix(".pdf"),
                        before=before, font_size=14, col_widths=(1.2, 5, 2.5, 2.5))


def _guobanhan(corpus: Path) -> Path:
    title, *rest = _lines(corpus / "dev" / "06_guobanhan_2016_38_lianghua.txt")
    before, header, rows = _split_spaced_table(rest, "序号")
    return render_table(header, list(rows), corpus / "dev" / "06_guobanhan_2016_38_lianghua.pdf",
                        title=title, before=before, font_size=14, col_widths=(1, 6, 2.4))


CORPUS_RENDERERS: tuple[Callable[[Path], Path], ...] = (_tibet, _lishan, _wuhu, _guobanhan)


def render_corpus(corpus_dir: Path) -> list[Path]:
    """(Re)write every corpus PDF under ``corpus_dir``; return their paths."""
    return [render(Path(corpus_dir)) for render in CORPUS_RENDERERS]


def main(argv: Sequence[str] = ()) -> int:
    corpus = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "corpus"
    try:
        written = render_corpus(corpus)
    except FontMissingError as err:
        print(err, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
