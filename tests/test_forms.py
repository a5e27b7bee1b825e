"""Issue 14 on notices outside the repo: any notice rendered in the forms governments publish
it in (scripts/notice_forms.py), scored by ``scripts/accuracy.py forms``; scans read by OCR in
the worker pool and on Dask."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.analysis.evaluate import evaluate
from pipeline.cli import app
from pipeline.stages.ingest.docx import read_docx
from pipeline.stages.ingest.html import read_html
from pipeline.stages.ingest.ocr import available as ocr_available
from pipeline.stages.ingest.xlsx import read_xlsx
from tests.conftest import GOLD

ROOT = Path(__file__).parent.parent
DEV = ROOT / "corpus" / "dev"
WUHU = "20_wuhu_2025_zdgz_pipetable"
LISHAN = "02_lishan_2023_zdgz"
FONT = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # scripts/render_pdfs.py draws with it
needs_scan = pytest.mark.skipif(
    not ocr_available() or not FONT.is_file(),
    reason="a scan needs the OCR extra and fonts-arphic-uming (apt-get) to be drawn and read",
)


def _script(name: str):  # type: ignore[no-untyped-def]
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


FORMS = _script("notice_forms")
ACCURACY = _script("accuracy")


def blocks(stem: str) -> list:
    return FORMS.notice_blocks((DEV / f"{stem}.txt").read_text(encoding="utf-8"))


def text_of(reading) -> str:  # type: ignore[no-untyped-def]
    return "\f".join(p.text for p in reading.pages)


# ---------------------------------------------------------------- rendering


def test_a_table_notice_is_cut_into_its_lines_and_its_table():
    wuhu = blocks(WUHU)
    assert wuhu[:4] == ["芜湖市政府重要通知!", "芜湖市人民政府", "关于2025年重点工作及责任分解的通知",
                        "一、市政府重点工作任务"]
    (table,) = [b for b in wuhu if isinstance(b, FORMS.Table)]
    assert table.rows[0] == ["序号", "目标与任务", "牵头责任单位", "责任单位"]
    assert table.rows[1] == ["一、主要预期目标", None, None, None]  # a heading row
    # cells as the source prints them: the space between two units is kept
    assert ["(7)", "单位GDP能耗和主要污染物减排完成省下达指标。", "市发展改革委 市生态环境局",
            "各县市区政府、 开发区管委会"] in table.rows


def test_web_page_merges_equal_cells_down_and_reads_back():
    page = FORMS.web_page(blocks(WUHU))
    html = page.decode("gb18030")
    assert 'charset=gbk' in html and "网站标识码" in html
    assert '<td rowspan="7">各县市区政府、 开发区管委会</td>' in html
    assert '<td colspan="4">一、主要预期目标</td>' in html
    lines = text_of(read_html(page)).splitlines()
    assert sum(line.endswith("| 各县市区政府、 开发区管委会 |") for line in lines) == 7  # rows (1) to (7)
    assert "网站标识码" not in "\n".join(lines)


def test_word_numbers_are_word_numbering_not_text():
    data = FORMS.word(blocks(LISHAN))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "努力实现地区生产总值增长6.2%左右。" in xml and "1.努力实现" not in xml
    lines = text_of(read_docx(data)).splitlines()
    assert "1.努力实现地区生产总值增长6.2%左右。" in lines
    assert "一、经济社会发展的主要预期目标" in lines
    source = (DEV / f"{LISHAN}.txt").read_text(encoding="utf-8")
    numbered = [m.group(0) for m in re.finditer(r"(?m)^(?:\d+\.|[一二三四五六七八九十]+、)", source)]
    read = [m.group(0) for m in re.finditer(r"(?m)^(?:\d+\.|[一二三四五六七八九十]+、)",
                                            "\n".join(lines))]
    assert read == numbered  # every number printed as in the source, restarts included


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        ("（三）推进改革", (3, "chineseCounting", "（%1）", 3)),
        ("(12)建设", (12, "decimal", "(%1)", 4)),
        ("十一、民生", (11, "chineseCounting", "%1、", 3)),
        ("2.深化", (2, "decimal", "%1.", 2)),
        ("1.5亿元", None),
        ("2023年", None),
        ("1.", None),  # a number alone is no item
    ],
)
def test_printed_numbers(paragraph, found):
    assert FORMS.printed_number(paragraph) == found


def test_workbook_holds_the_tables_of_a_table_notice_only():
    assert FORMS.workbook(blocks(LISHAN)) is None
    lines = text_of(read_xlsx(FORMS.workbook(blocks(WUHU)))).splitlines()
    assert lines[0] == "芜湖市政府重要通知!"
    assert "序号 | 目标与任务 | 牵头责任单位 | 责任单位 |" in lines
    assert sum(line.endswith("| 各县市区政府、 开发区管委会 |") for line in lines) == 7  # rows (1) to (7)


# ---------------------------------------------------------------- the scorer


@pytest.mark.slow
def test_each_form_scores_what_the_text_scores(tmp_path, capsys):
    folder = tmp_path / "notices"  # a flat folder: each notice beside its gold
    folder.mkdir()
    for stem in (WUHU, LISHAN):
        shutil.copy(DEV / f"{stem}.txt", folder)
        shutil.copy(GOLD / f"{stem}.json", folder)
    table = ACCURACY.forms(folder, ["html", "docx", "xlsx"], None, None)
    assert table["xlsx"][LISHAN] is None  # no table: not drawn
    for form in ("html", "docx", "xlsx"):
        for stem in (WUHU, LISHAN) if form != "xlsx" else (WUHU,):
            got, text = table[form][stem], table["txt"][stem]
            for measure in ACCURACY.FORM_MEASURES:
                assert got[measure] == text[measure], (form, stem, measure)
    printed = capsys.readouterr().out
    assert f"| {WUHU} | docx | 1.000 | 1.000 | 1.000 | 1.000 |  |" in printed
    assert "| xlsx | 1 | 1.000 | 1.000 | 1.000 | 1.000 |" in printed


# ---------------------------------------------------------------- OCR in the pool and on Dask


@needs_scan
@pytest.mark.slow
@pytest.mark.parametrize("executor", ["local", "dask"])
def test_run_reads_a_scan_in_worker_processes_and_on_dask(executor, tmp_path):
    if executor == "dask":
        pytest.importorskip("distributed")
    inputs = tmp_path / "in"
    inputs.mkdir()
    scan = FORMS.scan_pdf(DEV / f"{WUHU}.pdf")
    (inputs / f"{WUHU}.scan.pdf").write_bytes(scan)
    out = tmp_path / "out"
    args = ["run", str(inputs), "-o", str(out), "-j", "2", "--executor", executor, "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    docs = pd.read_parquet(out / "documents")
    assert list(docs.page_methods.map(list)) == [["ocr", "ocr"]]
    assert docs.ocr_confidence[0] > 0.9
    (doc,) = [d for d in evaluate(out, GOLD).documents if d.source_path]
    assert doc.metrics.tasks.f1 >= 0.97 and doc.metrics.leads.f1 >= 0.95


@needs_scan
@pytest.mark.slow
def test_a_lone_row_number_the_detector_misses_is_read_from_its_cell():
    import pypdfium2 as pdfium

    from pipeline.stages.ingest.ocr import ocr_pdf_page

    scan = FORMS.scan(blocks("41_huoshan_2025_kfq_zrqd_cells"))
    lines = ocr_pdf_page(pdfium.PdfDocument(scan)[0]).text.splitlines()
    header = lines.index("序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限 |")
    assert [line.split(" | ")[0] for line in lines[header + 1 : header + 4]] == ["1", "2", "3"]


@needs_scan
@pytest.mark.slow
def test_a_scan_in_traditional_script_keeps_its_characters_and_paragraphs():
    import pypdfium2 as pdfium

    from pipeline.stages.ingest.ocr import ocr_pdf_page

    scan = FORMS.scan(blocks("14_guangzhou_2007_zdgzsx_trad"))
    lines = ocr_pdf_page(pdfium.PdfDocument(scan)[0]).text.splitlines()
    # 責 繼 壯 屬 are outside rapidocr's own PP-OCRv4 dictionary (it printed "（任單位：")
    assert any(line.startswith("3.進一步") and line.endswith("（責任單位：市科技局）")
               for line in lines)
    first = next(line for line in lines if line.startswith("1."))
    # the task's printed lines are one paragraph, its roles at its end
    assert first.startswith("1.繼續壯大汽車") and first.endswith("配合單位：市科技局）")
    assert any("各直屬機構" in line for line in lines)


@needs_scan
@pytest.mark.slow
def test_a_table_printed_without_rulings_is_rebuilt_from_the_alignment_of_its_text():
    import pypdfium2 as pdfium

    from pipeline.stages.ingest.ocr import ocr_pdf_page

    scan = FORMS.scan(blocks("41_huoshan_2025_kfq_zrqd_cells"), ruled=False)
    lines = ocr_pdf_page(pdfium.PdfDocument(scan)[0]).text.splitlines()
    header = lines.index("序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限 |")
    rows = [line.split(" | ") for line in lines[header + 1 : header + 4]]
    assert rows[0][0] == "1" and rows[0][2:] == ["叶林", "招商工作部、安商工作部", "全年 |"]
    assert rows[0][1].endswith("全力服务重大项目落地见效。")  # its wrapped lines joined
    assert [r[3] for r in rows[1:]] == ["改革办", "规划建设局"]
