"""Make every bad (and awkward but good) input of issue 7 in a folder, offline, in about a second.

``make_bad_files(folder)`` returns {file name: expected ingest error code, or None when the
file must be read}. The CJK PDFs made here use reportlab's built-in ``STSong-Light`` CID font
(referenced, not embedded), so no font file is needed at test time; the real pitfall PDFs are
copied from ``tests/data/realpdf/``. ``make_table_pdf`` (run once, output committed as
``tests/data/ingest_table_merged.pdf``) is the only generator that needs a font file.

Also made, outside the mapping: ``LOOP_DIR`` (a folder holding a symlink to itself's parent),
for the batch's folder walk.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
REALPDF = DATA / "realpdf"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NOTICE = CORPUS / "tibet-2017-keji-yuanzang.txt"
TABLE_PDF = DATA / "ingest_table_merged.pdf"
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
LOOP_DIR = "loopdir"
CID_FONT = "STSong-Light"

NO_TASKS = """关于做好2024年度安全生产工作的通知

各区人民政府，市政府各部门：
为切实做好全年安全生产工作，现就有关事项通知如下。各地各部门要高度重视，
压实责任，加强隐患排查治理，确保全市安全生产形势持续稳定。

市人民政府办公厅
2024年1月5日
"""


def _cid_canvas(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return canvas.Canvas(str(path), **kwargs)


def make_text_pdf(path: Path, pages: list[list[str]], **kwargs: object) -> Path:
    """A simple CJK PDF: one list of lines per page (an empty list makes a blank page)."""
    c = _cid_canvas(path, **kwargs)
    for lines in pages:
        c.setFont(CID_FONT, 12)
        for i, line in enumerate(lines):
            c.drawString(72, 770 - 18 * i, line)
        c.showPage()
    c.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """An image-only page: a picture of 'text' (dark bars), no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    rng = random.Random(3)
    for row in range(40, 760, 30):
        draw.rectangle((50, row, 50 + rng.randint(300, 500), row + 14), fill=30)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 0, 0, width=595, height=842)
    c.showPage()
    c.save()
    return path


def make_big_pdf(path: Path, n_pages: int = 500) -> Path:
    """A long notice: one numbered task per page."""
    pages = [
        [f"{i}. 推进第{i}项重点工作，确保按期完成。", "牵头单位：市发展改革委。", f"— {i} —"]
        for i in range(1, n_pages + 1)
    ]
    return make_text_pdf(path, pages)


def make_table_pdf(path: Path = TABLE_PDF, font: str = UMING) -> Path:
    """A ruled task table in uming (embedded subset): merged cells, a page break inside.

    Column 牵头单位 is merged over tasks 1–2 and 5–7 of every block of seven; the table runs
    onto page 2 with its header repeated. Text above and below the table.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("UMing", font, subfontIndex=0))
    st = ParagraphStyle("body", fontName="UMing", fontSize=14, leading=22, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="UMing", fontSize=11, leading=15, wordWrap="CJK")
    rows = [["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]]
    tasks = [
        ("推进科技创新平台建设，新建省级重点实验室3个以上。", "市科技局", "市发展改革委、市财政局"),
        ("实施高层次人才引进计划，引进领军人才15－20名。", "", "市人社局"),
        ("完善科技金融服务体系，设立科技成果转化基金。", "市金融办", "市财政局"),
        ("深化产学研合作，支持企业与高校共建研发中心。", "市教育局", "各县区人民政府"),
        ("加快高新技术企业培育，净增高新技术企业50家。", "市工业和信息化局", "市税务局"),
        ("推动知识产权质押融资，全年融资额不低于10亿元。", "", "市市场监管局"),
        ("优化创新创业环境，建设众创空间5个。", "", "团市委"),
    ]
    for i, (task, lead, resp) in enumerate(tasks * 3, start=1):
        rows.append(
            [
                str(i),
                Paragraph(task, cell),
                Paragraph(lead, cell),
                Paragraph(resp, cell),
                Paragraph("2024年底前", cell),
            ]
        )
    spans = [("SPAN", (2, r), (2, r + 1)) for r in range(1, len(rows) - 1, 7)]
    spans += [("SPAN", (2, r), (2, r + 2)) for r in range(5, len(rows) - 2, 7)]
    table = Table(rows, colWidths=[36, 200, 80, 100, 60], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, "black"),
                ("FONTNAME", (0, 0), (-1, -1), "UMing"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *spans,
            ]
        )
    )
    story = [
        Paragraph("关于印发2024年科技创新重点任务分工方案的通知", st),
        Paragraph("各县区人民政府，市直各单位：现将重点任务分工如下，请认真抓好落实。", st),
        Spacer(1, 8),
        table,
        Spacer(1, 8),
        Paragraph("各单位要加强协调配合，确保各项任务按时完成。", st),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=60, bottomMargin=60).build(story)
    return path


def _notice_text() -> str:
    return NOTICE.read_text(encoding="utf-8")


def make_bad_files(folder: Path) -> dict[str, str | None]:
    """Create each issue-7 input in ``folder``; return name → expected error code (None: good)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes | str, code: str | None) -> None:
        target = folder / name
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
        expected[name] = code

    notice = _notice_text()
    put("empty.pdf", b"", "empty")
    put("empty.txt", b"", "empty")
    put("blank_lines.txt", "\n \n\t\n", "empty")
    good = make_text_pdf(folder / "good_small.pdf", [["1. 加强科技创新。牵头单位：科技厅。"]])
    expected["good_small.pdf"] = None
    data = good.read_bytes()
    put("truncated.pdf", data[: len(data) // 2], "corrupt_pdf")
    put("random_bytes.pdf", random.Random(7).randbytes(20_000), "corrupt_pdf")
    put(
        "webpage.pdf",
        "<!DOCTYPE html>\n<html><head><title>通知</title></head><body>"
        "<p>关于印发任务分工方案的通知</p></body></html>\n",
        "not_pdf",
    )
    put("picture.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200), "not_pdf")
    put("notes.docx", b"PK\x03\x04" + bytes(200), "corrupt_file")  # a zip cut short
    make_text_pdf(folder / "encrypted.pdf", [["加密的通知 1. 任务"]], encrypt="secret")
    expected["encrypted.pdf"] = "encrypted"
    make_scanned_pdf(folder / "scanned.pdf")
    expected["scanned.pdf"] = "no_text_layer"
    for name, code in (
        ("pitfall_cid_no_tounicode_weibo_export.pdf", "unreadable_text"),
        ("pitfall_gbk_font_mojibake_xiaobiaosong.pdf", None),  # pdfium decodes it
        ("pitfall_scanned_book_page_no_text.pdf", "no_text_layer"),
    ):
        shutil.copyfile(REALPDF / name, folder / name)
        expected[name] = code
    put("notice_gb18030.txt", notice.encode("gb18030"), None)
    put("notice_utf16.txt", notice.encode("utf-16"), None)  # with BOM
    put("notice_utf16le_nobom.txt", notice.encode("utf-16-le"), None)
    put("notice_utf8bom.txt", notice.encode("utf-8-sig"), None)
    put("undecodable.txt", random.Random(11).randbytes(4000), "encoding")
    put("no_tasks.txt", NO_TASKS, None)
    make_big_pdf(folder / "big_500_pages.pdf")
    expected["big_500_pages.pdf"] = None
    (folder / "a_folder.pdf").mkdir(exist_ok=True)
    expected["a_folder.pdf"] = "unreadable"
    _symlink(folder / "loop_a.pdf", "loop_b.pdf")
    _symlink(folder / "loop_b.pdf", "loop_a.pdf")
    expected["loop_a.pdf"] = expected["loop_b.pdf"] = "unreadable"
    _symlink(folder / "dangling.pdf", "no_such_target.pdf")
    expected["dangling.pdf"] = "not_found"
    if os.geteuid() != 0:  # root reads anything
        locked = folder / "locked.txt"
        locked.write_text("1. 任务", encoding="utf-8")
        locked.chmod(0)
        expected["locked.txt"] = "unreadable"
    (folder / LOOP_DIR).mkdir(exist_ok=True)
    _symlink(folder / LOOP_DIR / "parent", "..")
    return expected


def _symlink(link: Path, target: str) -> None:
    if link.is_symlink():
        link.unlink()
    link.symlink_to(target)


if __name__ == "__main__":
    print(make_table_pdf())
