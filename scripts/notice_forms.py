"""A notice in the forms governments publish it in: a saved web page, a Word file, an Excel
list, a scan. The one home of these renderers: ``make_format_fixtures.py`` builds the test
fixtures with them and ``accuracy.py forms`` scores notices outside the repo in every form.

A notice's text (a corpus ``.txt``) is first cut into blocks (``notice_blocks``): its
paragraphs (lines), and its tables as the pipeline reads them from the text (each row's
number and its cells under their printed column names; a heading row spans the table). A
form is then drawn from the blocks as editors draw it:

- ``web_page``: a GBK page with site chrome (navigation, breadcrumbs, a script, related links
  naming 牵头单位, a footer with 网站标识码), source lines hard-wrapped between Han characters,
  tables as ``<table>`` with ``rowspan`` where equal cells run down a column and ``colspan``
  for heading rows;
- ``word``: paragraphs whose numbers (1. 一、 （一） (1) 1、) are Word's automatic numbering
  (numbering.xml, not in the run text), tables with vertical and horizontal merges, a header
  and a footer (which readers leave out);
- ``workbook``: the tables of a table notice, one sheet each, a merged title row above the
  header, equal cells merged down;
- ``scan``: the blocks rendered to PDF in a CJK serif face (render_pdfs.py), each page then
  rasterized, turned slightly and noised (``scan_pdf``), with no text layer; ``ruled=False``
  prints its tables without rulings.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "scripts"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from pipeline.records import Page, SourceDocument  # noqa: E402
from pipeline.stages.normalize import normalize  # noqa: E402
from pipeline.stages.tables import table_regions  # noqa: E402

FIXED_TIME = (2024, 1, 1, 0, 0, 0)
NUMBER_HEADER = "序号"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Table:
    """Rows of cells, the header first; ``None`` is covered by the cell to its left."""

    rows: list[list[str | None]]


Block = str | Table


def notice_blocks(text: str) -> list[Block]:
    """The notice's paragraphs (its non-empty lines) and tables, in order; their text as the
    source prints it (the table reading works on the normalized text, mapped back)."""
    doc = normalize(SourceDocument("n", "n.txt", "0" * 64, "txt", (Page(1, text),)))
    norm = doc.text
    source = _Source(doc)
    blocks: list[Block] = []
    at = 0
    for region in table_regions(doc, norm, 0, len(norm)):
        table = _table(source, region.items)
        if table is None:
            continue
        blocks += _paragraphs(source(at, region.start))
        blocks.append(table)
        at = region.end
    return blocks + _paragraphs(source(at, len(norm)))


@dataclass(frozen=True)
class _Source:
    """The source text of a span of the normalized text."""

    doc: Any

    def __call__(self, start: int, end: int) -> str:
        raw = self.doc.source.raw_text
        stop = self.doc.source_offset(end) if end < len(self.doc.text) else len(raw)
        return raw[self.doc.source_offset(start) : stop]


def _paragraphs(text: str) -> list[Block]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# A column the reading names no header for (a quota table's place column) gets the usual name
# of its kind, as the notice would print one.
_KIND_HEADERS = {
    "body": "工作任务", "lead": "牵头单位", "participant": "配合单位", "responsible": "责任单位",
    "either": "责任单位", "deadline": "完成时限", "leader": "责任领导",
}


def _header(field: Any) -> str:
    return field.label or _KIND_HEADERS.get(str(field.kind), str(field.kind))


def _table(source: _Source, items: Sequence[Any]) -> Table | None:
    """The table of a region's rows: a number column, then the columns its cells name."""
    tasks = [item for item in items if item.fields]
    if not tasks:
        return None
    labels: list[str] = []
    for item in tasks:
        for f in item.fields:
            if _header(f) not in labels:
                labels.append(_header(f))
    numbered = any(item.number for item in tasks)
    header: list[str | None] = ([NUMBER_HEADER] if numbered else []) + list(labels)
    rows: list[list[str | None]] = [header]
    for item in items:
        if not item.fields:
            heading = cell_text(source(item.start, item.end))
            rows.append([heading] + [None] * (len(header) - 1))
            continue
        cells = {label: "" for label in labels}
        for f in item.fields:
            key = _header(f)
            piece = cell_text(source(f.start, f.end))
            cells[key] = f"{cells[key]} {piece}".strip() if cells[key] else piece
        rows.append(([item.number or ""] if numbered else []) + [cells[k] for k in labels])
    return Table(rows)


def cell_text(raw: str) -> str:
    """A cell's text on one line: a line break in a narrow column ("市\\n监\\n察\\n局") joins,
    any other becomes a space."""
    pieces = [p.strip() for p in raw.replace("|", " ").split("\n") if p.strip()]
    out = pieces[0] if pieces else ""
    for before, piece in pairwise(pieces):
        out += ("" if min(len(before), len(piece)) <= 4 else " ") + piece
    return out


Span = tuple[str, int, int]  # text, rows spanned, columns spanned


def spans(rows: Sequence[Sequence[str | None]]) -> list[list[Span | None]]:
    """Each cell drawn with its spans, ``None`` where another covers it: a heading row's
    cells over the columns to their right, equal cells down a column (not the first)."""
    out: list[list[Span | None]] = [[None] * len(r) for r in rows]
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None or (r, c) in covered:
                continue
            width = 1
            while c + width < len(row) and row[c + width] is None:
                width += 1
            height = 1
            if r > 0 and c > 0 and cell and width == 1:
                while r + height < len(rows) and _runs_on(rows[r + height], c, cell):
                    covered.add((r + height, c))
                    height += 1
            out[r][c] = (cell, height, width)
    return out


def _runs_on(row: Sequence[str | None], c: int, cell: str) -> bool:
    return None not in row and c < len(row) and row[c] == cell


# ---------------------------------------------------------------- web pages


_HAN = re.compile(r"[\u4e00-\u9fff]")


def wrap_source(line: str, width: int = 37) -> str:
    """Hard-wrap source text as editors do, between two Han characters (a browser shows no
    break there; the article has none)."""
    pieces, start = [], 0
    for i in range(1, len(line)):
        if i - start >= width and _HAN.match(line[i - 1]) and _HAN.match(line[i]):
            pieces.append(line[start:i])
            start = i
    pieces.append(line[start:])
    return "\n      ".join(pieces)


def chrome_top() -> str:
    return """<div class="top"><img src="logo.png" alt="西藏自治区人民政府"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/tzgg/">通知公告</a></div>
<script type="text/javascript">var title = "牵头单位：科技厅。1.支持";
document.title = title;</script>
<style>.nav li { float: left }</style>"""


def chrome_bottom() -> str:
    return """<div class="related"><h3>相关文件</h3><ul>
<li><a href="/a/1.html">1.关于调整自治区科技创新重点任务牵头单位的通知</a></li>
<li><a href="/a/2.html">2.牵头单位：发展改革委。参加单位：财政厅。关于印发工作要点的通知</a></li>
<li><a href="/a/3.html">3.自治区人民政府办公厅关于明确牵头单位和参加单位职责的意见</a></li>
</ul></div>
<div class="bottom"><p>主办单位：西藏自治区人民政府办公厅　承办：西藏自治区信息中心</p>
<p>网站标识码：5400000001　藏ICP备05000001号　藏公网安备54010202000001号</p></div>"""


def html_page(title: str, body: str, charset: str | None) -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>{meta}<title>{escape(title)}_西藏自治区人民政府</title></head>
<body>
{body}
</body></html>
"""


def html_table(rows: Sequence[Sequence[str | None]]) -> str:
    lines = []
    for row in spans(rows):
        cells = []
        for cell in row:
            if cell is None:
                continue
            text, height, width = cell
            attrs = (f' rowspan="{height}"' if height > 1 else "") + (
                f' colspan="{width}"' if width > 1 else ""
            )
            cells.append(f"<td{attrs}>{escape(text)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n' + "\n".join(lines) + "\n</table>"


def web_page(blocks: Sequence[Block]) -> bytes:
    """The notice as a saved GBK web page, its article inside the site's chrome."""
    title = _title(blocks)
    parts = [
        html_table(b.rows) if isinstance(b, Table) else f"<p>{escape(wrap_source(b))}</p>"
        for b in blocks
        if b is not title  # the page's heading
    ]
    body = f"""{chrome_top()}
<div class="article"><h1>{escape(title)}</h1>
<div class="info">发布日期：2024-01-01　来源：人民政府办公厅
<a href="javascript:print()">【打印】</a></div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(parts)}
</div></div>
{chrome_bottom()}"""
    return html_page(title, body, "gbk").encode("gb18030")


def _title(blocks: Sequence[Block]) -> str:
    return next((b for b in blocks if isinstance(b, str)), "通知")


# ---------------------------------------------------------------- Word


def new_docx(author: str = "scripts/notice_forms.py"):  # type: ignore[no-untyped-def]
    """A Word document with a header and a footer that name units (readers leave them out)."""
    from docx import Document

    doc = Document()
    doc.core_properties.author = author
    section = doc.sections[0]
    section.header.paragraphs[0].text = "西藏自治区人民政府办公厅文件 牵头单位：页眉"
    section.footer.paragraphs[0].text = "— 1 — 参加单位：页脚"
    return doc


_NUMBERING = f"""<w:abstractNum xmlns:w="{W[1:-1]}"
 w:abstractNumId="{{aid}}"><w:multiLevelType w:val="multilevel"/>{{levels}}</w:abstractNum>"""
_LEVEL = """<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>
<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>"""
_NUM = f"""<w:num xmlns:w="{W[1:-1]}"
 w:numId="{{nid}}"><w:abstractNumId w:val="{{aid}}"/>{{override}}</w:num>"""
_OVERRIDE = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'


def add_list(doc, nid: int, levels: Sequence[tuple[str, str]], *,  # type: ignore[no-untyped-def]
             aid: int | None = None, start: int | None = None) -> int:
    """A list (numId ``nid``) in numbering.xml; with ``aid`` an instance of that abstract
    list, else a new abstract list (id 100 + ``nid``) of (numFmt, lvlText) levels; its
    first level starting at ``start`` when given. Returns ``nid``."""
    from lxml import etree

    numbering = doc.part.numbering_part.element
    if aid is None:
        aid = 100 + nid
        lvl = "".join(_LEVEL.format(ilvl=i, fmt=f, text=t) for i, (f, t) in enumerate(levels))
        abstract = etree.fromstring(_NUMBERING.format(aid=aid, levels=lvl))
        numbering.find(f"{W}num").addprevious(abstract)
    override = _OVERRIDE.format(start=start) if start is not None else ""
    numbering.append(etree.fromstring(_NUM.format(nid=nid, aid=aid, override=override)))
    return nid


def number_paragraph(paragraph, nid: int, ilvl: int = 0) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = nid


def set_cell(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    cell.paragraphs[0].text = text


def vmerge(cell, how: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if how == "restart":
        merge.set(qn("w:val"), "restart")
    tcpr.append(merge)


def grid_span(row, text: str) -> None:  # type: ignore[no-untyped-def]
    """The row's cells merged into one (gridSpan) holding ``text``."""
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text


# A printed number opening a paragraph: "（一）" "(1)", or "1." "一、" "1、".
_N = r"(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})"
_BRACKETED = re.compile(rf"(?P<open>[（(]){_N}(?P<close>[）)])")
_MARKED = re.compile(rf"(?P<open>){_N}(?P<close>[.．](?!\d)|、)")


def printed_number(paragraph: str) -> tuple[int, str, str, int] | None:
    """(number, Word numFmt, lvlText, length) of the number opening ``paragraph``."""
    import cn2an

    m = _BRACKETED.match(paragraph) or _MARKED.match(paragraph)
    if not m or m.end() == len(paragraph):
        return None
    digits = m["n"].isdecimal()
    n = int(m["n"]) if digits else int(cn2an.cn2an(m["n"], "normal"))
    fmt = "decimal" if digits else "chineseCounting"
    return n, fmt, f"{m['open']}%1{m['close']}", m.end()


@dataclass
class _Lists:
    """Word lists for printed numbers: one abstract list a style, a new instance restarting
    at the number wherever a style's numbers do not run on."""

    doc: Any
    styles: dict[tuple[str, str], tuple[int, int, int]]  # (fmt, text) -> aid, last n, numId
    next_id: int = 50

    def add(self, text: str) -> None:
        found = printed_number(text)
        if found is None:
            self.doc.add_paragraph(text)
            return
        n, fmt, level, length = found
        key = (fmt, level)
        aid, last, nid = self.styles.get(key, (None, None, None))
        if nid is None or n != last + 1:
            self.next_id += 1
            nid = add_list(self.doc, self.next_id, [key], aid=aid, start=None if n == 1 else n)
            aid = aid or 100 + nid
        self.styles[key] = (aid, n, nid)
        number_paragraph(self.doc.add_paragraph(text[length:]), nid)


def word_table(doc, rows: Sequence[Sequence[str | None]]) -> None:  # type: ignore[no-untyped-def]
    """A Word table of ``rows``, spans merged (vMerge down, gridSpan across)."""
    grid = spans(rows)
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            text, height, width = cell
            target = table.cell(r, c)
            if height > 1 or width > 1:
                target = target.merge(table.cell(r + height - 1, c + width - 1))
            target.text = text


def word(blocks: Sequence[Block]) -> bytes:
    """The notice as a .docx: numbered paragraphs as Word lists, tables as Word tables."""
    doc = new_docx()
    lists = _Lists(doc, {})
    for block in blocks:
        if isinstance(block, Table):
            word_table(doc, block.rows)
        else:
            lists.add(block)
    return save_docx(doc)


def save_docx(doc) -> bytes:  # type: ignore[no-untyped-def]
    stamp = dt.datetime(*FIXED_TIME)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.last_printed = stamp
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue())


# ---------------------------------------------------------------- Excel


def workbook(blocks: Sequence[Block]) -> bytes | None:
    """The notice's tables as an Excel list (a sheet each, the title merged above the
    header, equal cells merged down); None for a notice without a table."""
    from openpyxl import Workbook

    tables = [b for b in blocks if isinstance(b, Table)]
    if not tables:
        return None
    book = Workbook()
    for k, table in enumerate(tables):
        sheet = book.active if k == 0 else book.create_sheet()
        sheet.title = f"任务分解{k + 1}"
        width = max(len(r) for r in table.rows)
        sheet.append([_title(blocks)])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.append([])
        for r, row in enumerate(spans(table.rows), 3):
            for c, cell in enumerate(row, 1):
                if cell is None:
                    continue
                text, height, across = cell
                sheet.cell(r, c, text)
                if height > 1 or across > 1:
                    sheet.merge_cells(start_row=r, start_column=c,
                                      end_row=r + height - 1, end_column=c + across - 1)
    book.properties.creator = "scripts/notice_forms.py"
    book.properties.created = book.properties.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


# ---------------------------------------------------------------- deterministic zips

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times and document dates (byte-identical runs)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _STAMP.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", blob)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, blob)
    return out.getvalue()


# ---------------------------------------------------------------- scans


def scan_pdf(pdf: Path | bytes, *, scale: float = 2.0, degrees: float = 0.8,
             noise: float = 20.0) -> bytes:
    """Each page of ``pdf`` as a scan: rendered to gray, turned by ``degrees``, with Gaussian
    noise of ``noise`` grey levels (seeded by page), saved as JPEG images in a PDF."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    images = []
    for i, page in enumerate(pdfium.PdfDocument(pdf)):
        image = page.render(scale=scale).to_pil().convert("L")
        image = image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
        pixels = np.asarray(image).astype(np.int16)
        pixels = pixels + np.random.default_rng(i).normal(0, noise, pixels.shape)
        images.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    out = io.BytesIO()
    images[0].save(
        out, "PDF", save_all=True, append_images=images[1:], quality=50, resolution=72 * scale
    )
    return out.getvalue()


def scan(blocks: Sequence[Block], *, ruled: bool = True) -> bytes:
    """The notice printed (render_pdfs.py: official layout, CJK serif) and scanned; without
    ``ruled`` its tables are printed with no rulings (columns by alignment alone)."""
    from render_pdfs import render_blocks

    title = _title(blocks)
    pieces: list[str | tuple[list[str], list[list[str | None]]]] = []
    for b in blocks:
        if isinstance(b, Table):
            pieces.append(([h or "" for h in b.rows[0]], b.rows[1:]))
        elif b is not title:
            pieces.append(b)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = render_blocks(pieces, Path(tmp) / "notice.pdf", title=title, ruled=ruled)
        return scan_pdf(pdf)


# ---------------------------------------------------------------- tables copied as text

FLAT_SHAPES = ("cells", "pipes", "spaced", "box")
_BOX_WIDTH = 12  # characters a box column holds before its cell wraps


def flat_text(blocks: Sequence[Block], shape: str) -> bytes | None:
    """The notice as a text file whose tables are copied as text, in one of the shapes a copy
    from a web page, a Word file or a viewer gives: ``cells`` one cell a line, each closed by
    " |"; ``pipes`` one row a line, "|" between cells; ``spaced`` one row a line, columns
    parted by spaces; ``box`` box-drawing rulings, cells wrapped in their columns. Notices
    without a table are not drawn (None)."""
    if not any(isinstance(b, Table) for b in blocks):
        return None
    draw = {"cells": _cells_lines, "pipes": _pipe_lines, "spaced": _spaced_lines,
            "box": _box_lines}[shape]
    lines: list[str] = []
    for b in blocks:
        lines += draw(b.rows) if isinstance(b, Table) else [b]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _printed(row: Sequence[str | None]) -> list[str]:
    return [c for c in row if c is not None]


def _cells_lines(rows: Sequence[Sequence[str | None]]) -> list[str]:
    return [f"{cell} |" if cell else "|" for row in rows for cell in _printed(row)]


def _pipe_lines(rows: Sequence[Sequence[str | None]]) -> list[str]:
    return ["| " + " | ".join(_printed(row)) + " |" for row in rows]


def _spaced_lines(rows: Sequence[Sequence[str | None]]) -> list[str]:
    return ["    ".join(c or "　" for c in _printed(row)) for row in rows]


def _box_lines(rows: Sequence[Sequence[str | None]]) -> list[str]:
    n = len(rows[0])
    widths = [
        min(_BOX_WIDTH, max([len(r[c] or "") for r in rows if None not in r] + [2]))
        for c in range(n)
    ]
    full = sum(widths) + n - 1

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * w for w in widths) + right

    out = [rule("┌", "┬", "┐")]
    for k, row in enumerate(rows):
        if k:
            out.append(rule("├", "┼", "┤"))
        if None in row:  # a heading row spans the table
            out += ["│" + piece.ljust(full, "　") + "│" for piece in _wrapped(row[0] or "", full)]
            continue
        pieces = [_wrapped(cell or "", w) for cell, w in zip(row, widths, strict=True)]
        for i in range(max(map(len, pieces))):
            cells = [(p[i] if i < len(p) else "").ljust(w, "　") for p, w in zip(pieces, widths,
                                                                             strict=True)]
            out.append("│" + "│".join(cells) + "│")
    out.append(rule("└", "┴", "┘"))
    return out


def _wrapped(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]
