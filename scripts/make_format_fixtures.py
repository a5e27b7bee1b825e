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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from notice_forms import (  # noqa: E402
    FIXED_TIME,
    add_list,
    chrome_bottom,
    chrome_top,
    fixed_zip,
    grid_span,
    html_page,
    new_docx,
    number_paragraph,
    save_docx,
    scan_pdf,
    set_cell,
    vmerge,
    wrap_source,
)

from pipeline.records import Page, SourceDocument  # noqa: E402
from pipeline.stages.normalize import normalize  # noqa: E402
from pipeline.stages.segment import segment  # noqa: E402

OUT = ROOT / "tests" / "data" / "formats"
TIBET = ROOT / "corpus" / "tibet-2017-keji-yuanzang.txt"
WUHU = ROOT / "corpus" / "dev" / "20_wuhu_2025_zdgz_pipetable.txt"
AUTHOR = "scripts/make_format_fixtures.py"
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


def web_page(notice: Notice) -> bytes:
    paragraphs = [f"<p>{escape(wrap_source(line))}</p>" for line in notice.preamble]
    for t in notice.tasks:
        paragraphs.append(f"<p>&nbsp;&nbsp;{t.number}.{escape(wrap_source(t.body))}</p>")
        paragraphs.append(
            f"<p>牵头单位：{escape(t.lead)}。<br>参加单位：{escape(t.participants)}。</p>"
        )
    paragraphs += [f"<p>{escape(line)}</p>" for line in notice.closing]
    body = f"""{chrome_top()}
<div class="article"><h1>{escape(notice.title)}</h1>
<div class="info">发布日期：2017-06-14　来源：自治区人民政府办公厅
<a href="javascript:print()">【打印】</a></div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(paragraphs)}
</div></div>
{chrome_bottom()}"""
    return html_page(notice.title, body, "gb2312").encode("gb18030")


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
{chrome_bottom()}"""
    return html_page(notice.title, body, None).encode("gb18030")


# ---------------------------------------------------------------- Word


def tibet_table_docx(notice: Notice) -> bytes:
    doc = new_docx(AUTHOR)
    doc.add_paragraph(notice.title)
    for line in notice.preamble[:-2]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=2 + len(notice.tasks), cols=4)
    grid_span(table.rows[0], notice.preamble[-2])
    for cell, name in zip(table.rows[1].cells, HEADER, strict=True):
        set_cell(cell, name)
    for r, (t, span) in enumerate(zip(notice.tasks, _lead_runs(notice.tasks), strict=True), 2):
        cells = table.rows[r].cells
        set_cell(cells[0], t.number)
        set_cell(cells[1], t.body)
        set_cell(cells[3], t.participants)
        if span:
            set_cell(cells[2], t.lead)
        if span != 1:
            vmerge(cells[2], "restart" if span else "continue")
    return save_docx(doc)


def tibet_numbered_docx(notice: Notice) -> bytes:
    doc = new_docx(AUTHOR)
    nid = add_list(doc, 50, [("decimal", "%1.")])
    doc.add_paragraph(notice.title)
    for line in notice.preamble:
        doc.add_paragraph(line)
    for t in notice.tasks:
        number_paragraph(doc.add_paragraph(t.body), nid)
        doc.add_paragraph(f"牵头单位：{t.lead}。")
        doc.add_paragraph(f"参加单位：{t.participants}。")
    for line in notice.closing:
        doc.add_paragraph(line)
    return save_docx(doc)


_ROW = re.compile(r"\s*\|\s*")


def wuhu_docx() -> bytes:
    """The Wuhu notice's pipe table as a Word table: its (N) numbers and 一、 headings drawn
    by Word's numbering, section rows over all columns, equal participant cells merged."""
    lines = WUHU.read_text(encoding="utf-8").splitlines()
    doc = new_docx(AUTHOR)
    heads = add_list(doc, 60, [("chineseCounting", "%1、")])
    numbers = add_list(doc, 61, [("decimal", "(%1)")])
    header_at = next(i for i, line in enumerate(lines) if line.startswith("序号"))
    for line in lines[:header_at]:
        if line.startswith("一、"):
            number_paragraph(doc.add_paragraph(line.removeprefix("一、")), heads)
        else:
            doc.add_paragraph(line)
    rows = [
        _ROW.split(line.strip().rstrip("|").strip()) for line in lines[header_at:] if "|" in line
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    previous_part = None
    for row, cells in zip(table.rows, rows, strict=True):
        if len([c for c in cells if c]) == 1 and cells[0]:
            grid_span(row, cells[0])
            previous_part = None
            continue
        cells = [*cells, "", "", "", ""][:4]
        for k in (1, 2):
            set_cell(row.cells[k], cells[k])
        number = re.fullmatch(r"\((\d+)\)", cells[0])
        if number:
            number_paragraph(row.cells[0].paragraphs[0], numbers)
        else:
            set_cell(row.cells[0], cells[0])
        part = cells[3]
        if part and part == previous_part:
            vmerge(row.cells[3], "continue")
        else:
            set_cell(row.cells[3], part)
            if part:
                vmerge(row.cells[3], "restart")
        previous_part = part or None
    return save_docx(doc)


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
    return fixed_zip(buffer.getvalue())


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
