"""Build the format fixtures of tests/data/formats from corpus notices (deterministic bytes).

Run ``python scripts/make_format_fixtures.py [--scan]`` to regenerate them. Each fixture is a
corpus notice in the form governments publish it; its file name starts with the notice's
stem, so ``pipeline eval`` scores it against the notice's gold:

- ``tibet-2017-keji-yuanzang.web.html``: the 2017 notice as a saved GBK web page with site
  chrome: navigation, breadcrumbs, a script, a related-links list naming 牵头单位, a footer
  with 网站标识码 and ICP备案号.
- ``tibet-2017-keji-yuanzang.table.htm``: its tasks as an HTML table inside a layout table,
  lead cells merged over rows (rowspan), a title row over all columns (colspan), GBK with no
  charset declared.
- ``tibet-2017-keji-yuanzang.table.docx``: the same table in Word (vMerge, gridSpan).
- ``tibet-2017-keji-yuanzang.numbered.docx``: the notice as Word paragraphs whose task
  numbers are Word's automatic numbering (not in the text).
- ``tibet-2017-keji-yuanzang.list.xlsx``: the tasks as an Excel list on two sheets, a merged
  title row above the header, lead cells merged.
- ``20_wuhu_2025_zdgz_pipetable.docx``: a corpus table notice in Word, its 序号 and its
  headings numbered automatically, sections over all columns, a merged participant column.
- ``20_wuhu_2025_zdgz_pipetable.scan.pdf`` (``--scan``, not committed: noise does not
  compress; tests make it with ``scan_pdf``): the corpus PDF's pages as noisy, slightly
  rotated images without a text layer.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.records import Page, SourceDocument  # noqa: E402
from pipeline.stages.normalize import normalize  # noqa: E402
from pipeline.stages.segment import segment  # noqa: E402

OUT = ROOT / "tests" / "data" / "formats"
TIBET = ROOT / "corpus" / "tibet-2017-keji-yuanzang.txt"
WUHU = ROOT / "corpus" / "dev" / "20_wuhu_2025_zdgz_pipetable.txt"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
HEADER = ("序号", "工作任务", "牵头单位", "参加单位")


@dataclass(frozen=True)
class Task:
    number: str
    body: str
    lead: str
    participants: str


@dataclass(frozen=True)
class Notice:
    title: str
    preamble: list[str]  # lines before the first task
    tasks: list[Task]
    closing: list[str]


_LABELS = re.compile(r"牵头单位[：:](?P<lead>.*?)。?\s*参加单位[：:](?P<part>.*?)。?\s*$", re.S)
_NUMBER = re.compile(r"^(\d+)[.．]\s*")


def tibet_notice() -> Notice:
    """The 2017 notice cut into its letter, its 35 tasks (body, lead, participants), its end."""
    text = TIBET.read_text(encoding="utf-8")
    doc = normalize(SourceDocument("t", str(TIBET), "0" * 64, "txt", (Page(1, text),)))
    seg = segment(doc)
    norm = seg.document.text
    tasks = []
    for t in seg.tasks:
        chunk = norm[t.start : t.end]
        number = _NUMBER.match(chunk)
        assert number, chunk[:20]
        chunk = chunk[number.end() :]
        labels = _LABELS.search(chunk)
        assert labels, chunk[-60:]
        body = " ".join(chunk[: labels.start()].split())
        tasks.append(Task(number.group(1), body, labels["lead"].strip(), labels["part"].strip()))
    preamble = [line for line in norm[: seg.tasks[0].start].split("\n") if line.strip()]
    closing = [line for line in norm[seg.tasks[-1].end :].split("\n") if line.strip()]
    return Notice(preamble[0], preamble[1:], tasks, closing)


# ---------------------------------------------------------------- web pages


def _wrap(line: str, width: int = 37) -> str:
    """Hard-wrap source text as editors do, between two Han characters (a browser shows no
    break there; the article has none)."""
    pieces, start = [], 0
    for i in range(1, len(line)):
        if i - start >= width and _HAN.match(line[i - 1]) and _HAN.match(line[i]):
            pieces.append(line[start:i])
            start = i
    pieces.append(line[start:])
    return "\n      ".join(pieces)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _chrome_top() -> str:
    return """<div class="top"><img src="logo.png" alt="西藏自治区人民政府"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/tzgg/">通知公告</a></div>
<script type="text/javascript">var title = "牵头单位：科技厅。1.支持";
document.title = title;</script>
<style>.nav li { float: left }</style>"""


def _chrome_bottom() -> str:
    return """<div class="related"><h3>相关文件</h3><ul>
<li><a href="/a/1.html">1.关于调整自治区科技创新重点任务牵头单位的通知</a></li>
<li><a href="/a/2.html">2.牵头单位：发展改革委。参加单位：财政厅。关于印发工作要点的通知</a></li>
<li><a href="/a/3.html">3.自治区人民政府办公厅关于明确牵头单位和参加单位职责的意见</a></li>
</ul></div>
<div class="bottom"><p>主办单位：西藏自治区人民政府办公厅　承办：西藏自治区信息中心</p>
<p>网站标识码：5400000001　藏ICP备05000001号　藏公网安备54010202000001号</p></div>"""


def _page(title: str, body: str, charset: str | None) -> str:
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


def web_page(notice: Notice) -> bytes:
    paragraphs = [f"<p>{escape(_wrap(line))}</p>" for line in notice.preamble]
    for t in notice.tasks:
        paragraphs.append(f"<p>&nbsp;&nbsp;{t.number}.{escape(_wrap(t.body))}</p>")
        paragraphs.append(
            f"<p>牵头单位：{escape(t.lead)}。<br>参加单位：{escape(t.participants)}。</p>"
        )
    paragraphs += [f"<p>{escape(line)}</p>" for line in notice.closing]
    body = f"""{_chrome_top()}
<div class="article"><h1>{escape(notice.title)}</h1>
<div class="info">发布日期：2017-06-14　来源：自治区人民政府办公厅
<a href="javascript:print()">【打印】</a></div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(paragraphs)}
</div></div>
{_chrome_bottom()}"""
    return _page(notice.title, body, "gb2312").encode("gb18030")


def _lead_runs(tasks: Sequence[Task]) -> list[int]:
    """For each task, how many rows its lead cell spans (0: covered by the cell above)."""
    spans = [0] * len(tasks)
    i = 0
    while i < len(tasks):
        j = i
        while j + 1 < len(tasks) and tasks[j + 1].lead == tasks[i].lead:
            j += 1
        spans[i] = j - i + 1
        i = j + 1
    return spans


def table_page(notice: Notice) -> bytes:
    rows = [f'<tr><td colspan="4" align="center"><b>{escape(notice.preamble[-2])}</b></td></tr>']
    rows.append("<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>")
    for t, span in zip(notice.tasks, _lead_runs(notice.tasks), strict=True):
        lead = (
            f'<td rowspan="{span}">{escape(t.lead)}</td>'
            if span > 1
            else (f"<td>{escape(t.lead)}</td>" if span else "")
        )
        rows.append(
            f"<tr><td>{t.number}</td><td><p>{escape(t.body)}</p></td>{lead}"
            f"<td>{escape(t.participants)}</td></tr>"
        )
    letter = "".join(f"<p>{escape(line)}</p>" for line in notice.preamble[:-2])
    body = f"""<table width="100%"><tr><td class="left">
<ul class="menu"><li><a href="/">首页</a></li>
<li><a href="/zwgk/">政务公开</a></li></ul></td>
<td><h2>{escape(notice.title)}</h2>{letter}
<table border="1" cellspacing="0">
{chr(10).join(rows)}
</table></td></tr></table>
{_chrome_bottom()}"""
    return _page(notice.title, body, None).encode("gb18030")


# ---------------------------------------------------------------- Word


def _docx_document():  # type: ignore[no-untyped-def]
    from docx import Document

    doc = Document()
    doc.core_properties.author = "scripts/make_format_fixtures.py"
    section = doc.sections[0]
    section.header.paragraphs[0].text = "西藏自治区人民政府办公厅文件 牵头单位：页眉"
    section.footer.paragraphs[0].text = "— 1 — 参加单位：页脚"
    return doc


_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>"""
_LEVEL = """<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>
<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>"""


def _add_list(doc, nid: int, levels: Sequence[tuple[str, str]]) -> int:  # type: ignore[no-untyped-def]
    """A list definition (numFmt, lvlText per level) in numbering.xml; its numId."""
    from lxml import etree

    numbering = doc.part.numbering_part.element
    aid = 100 + nid
    lvl = "".join(_LEVEL.format(ilvl=i, fmt=f, text=t) for i, (f, t) in enumerate(levels))
    abstract = etree.fromstring(_NUMBERING.format(aid=aid, levels=lvl))
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    first_num.addprevious(abstract)
    numbering.append(etree.fromstring(_NUM.format(nid=nid, aid=aid)))
    return nid


def _numbered(paragraph, nid: int, ilvl: int = 0) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = nid


def _set_cell(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    cell.paragraphs[0].text = text


def _vmerge(cell, how: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if how == "restart":
        merge.set(qn("w:val"), "restart")
    tcpr.append(merge)


def _grid_span(row, text: str) -> None:  # type: ignore[no-untyped-def]
    """The row's cells merged into one (gridSpan) holding ``text``."""
    first = row.cells[0]
    merged = first.merge(row.cells[-1])
    merged.text = text


def tibet_table_docx(notice: Notice) -> bytes:
    doc = _docx_document()
    doc.add_paragraph(notice.title)
    for line in notice.preamble[:-2]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=2 + len(notice.tasks), cols=4)
    _grid_span(table.rows[0], notice.preamble[-2])
    for cell, name in zip(table.rows[1].cells, HEADER, strict=True):
        _set_cell(cell, name)
    for r, (t, span) in enumerate(zip(notice.tasks, _lead_runs(notice.tasks), strict=True), 2):
        cells = table.rows[r].cells
        _set_cell(cells[0], t.number)
        _set_cell(cells[1], t.body)
        _set_cell(cells[3], t.participants)
        if span:
            _set_cell(cells[2], t.lead)
        if span != 1:
            _vmerge(cells[2], "restart" if span else "continue")
    return _save_docx(doc)


def tibet_numbered_docx(notice: Notice) -> bytes:
    doc = _docx_document()
    nid = _add_list(doc, 50, [("decimal", "%1.")])
    doc.add_paragraph(notice.title)
    for line in notice.preamble:
        doc.add_paragraph(line)
    for t in notice.tasks:
        _numbered(doc.add_paragraph(t.body), nid)
        doc.add_paragraph(f"牵头单位：{t.lead}。")
        doc.add_paragraph(f"参加单位：{t.participants}。")
    for line in notice.closing:
        doc.add_paragraph(line)
    return _save_docx(doc)


_ROW = re.compile(r"\s*\|\s*")


def wuhu_docx() -> bytes:
    """The Wuhu notice's pipe table as a Word table: its (N) numbers and 一、 headings drawn
    by Word's numbering, section rows over all columns, equal participant cells merged."""
    lines = WUHU.read_text(encoding="utf-8").splitlines()
    doc = _docx_document()
    heads = _add_list(doc, 60, [("chineseCounting", "%1、")])
    numbers = _add_list(doc, 61, [("decimal", "(%1)")])
    header_at = next(i for i, line in enumerate(lines) if line.startswith("序号"))
    for line in lines[:header_at]:
        if line.startswith("一、"):
            _numbered(doc.add_paragraph(line.removeprefix("一、")), heads)
        else:
            doc.add_paragraph(line)
    rows = [
        _ROW.split(line.strip().rstrip("|").strip()) for line in lines[header_at:] if "|" in line
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    previous_part = None
    for row, cells in zip(table.rows, rows, strict=True):
        if len([c for c in cells if c]) == 1 and cells[0]:
            _grid_span(row, cells[0])
            previous_part = None
            continue
        cells = [*cells, "", "", "", ""][:4]
        for k in (1, 2):
            _set_cell(row.cells[k], cells[k])
        number = re.fullmatch(r"\((\d+)\)", cells[0])
        if number:
            _numbered(row.cells[0].paragraphs[0], numbers)
        else:
            _set_cell(row.cells[0], cells[0])
        part = cells[3]
        if part and part == previous_part:
            _vmerge(row.cells[3], "continue")
        else:
            _set_cell(row.cells[3], part)
            if part:
                _vmerge(row.cells[3], "restart")
        previous_part = part or None
    return _save_docx(doc)


def _save_docx(doc) -> bytes:  # type: ignore[no-untyped-def]
    import datetime as dt

    stamp = dt.datetime(*FIXED_TIME)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.last_printed = stamp
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue())


# ---------------------------------------------------------------- Excel


def tibet_xlsx(notice: Notice) -> bytes:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheets = [book.active, book.create_sheet()]
    halves = [notice.tasks[:20], notice.tasks[20:]]
    for k, (sheet, tasks) in enumerate(zip(sheets, halves, strict=True)):
        sheet.title = f"分工方案{k + 1}"
        sheet.append([notice.preamble[-2] + ("（续）" if k else "")])
        sheet.merge_cells("A1:D1")
        sheet.append([])
        sheet.append(list(HEADER))
        first = sheet.max_row + 1
        for t in tasks:
            sheet.append([int(t.number), t.body, t.lead, t.participants])
        row = first
        for span in _lead_runs(tasks):
            if span > 1:
                sheet.merge_cells(
                    start_row=row, start_column=3, end_row=row + span - 1, end_column=3
                )
            row += span
    hidden = book.create_sheet("备注")
    hidden.append(["牵头单位", "参加单位"])
    hidden.append(["99.隐藏的工作表不读", "科技厅"])
    hidden.sheet_state = "hidden"
    book.properties.creator = "scripts/make_format_fixtures.py"
    book.properties.created = book.properties.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


# ---------------------------------------------------------------- deterministic zips

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def _fixed_zip(data: bytes) -> bytes:
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


def scan_pdf(pdf: Path, *, scale: float = 2.0, degrees: float = 0.8, noise: float = 20.0) -> bytes:
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


# ---------------------------------------------------------------- main


def build(names: Iterable[str] | None = None) -> dict[str, bytes]:
    notice = tibet_notice()
    makers = {
        "tibet-2017-keji-yuanzang.web.html": lambda: web_page(notice),
        "tibet-2017-keji-yuanzang.table.htm": lambda: table_page(notice),
        "tibet-2017-keji-yuanzang.table.docx": lambda: tibet_table_docx(notice),
        "tibet-2017-keji-yuanzang.numbered.docx": lambda: tibet_numbered_docx(notice),
        "tibet-2017-keji-yuanzang.list.xlsx": lambda: tibet_xlsx(notice),
        "20_wuhu_2025_zdgz_pipetable.docx": wuhu_docx,
    }
    wanted = set(names) if names else set(makers)
    return {name: make() for name, make in makers.items() if name in wanted}


def main(argv: Sequence[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    if "--scan" in argv:
        name = "20_wuhu_2025_zdgz_pipetable.scan.pdf"
        (OUT / name).write_bytes(
            scan_pdf(ROOT / "corpus" / "dev" / "20_wuhu_2025_zdgz_pipetable.pdf")
        )
        print(f"{name} written")


if __name__ == "__main__":
    main(sys.argv[1:])
