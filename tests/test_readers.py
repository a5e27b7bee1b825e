"""Issue 14: notices as published (web pages, Word, Excel) read into the text PDF ingest gives.

The fixtures in tests/data/formats are corpus notices rebuilt by
scripts/make_format_fixtures.py; each is scored against its notice's gold.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from pipeline.analysis.evaluate import evaluate
from pipeline.batch.write import document_tables, ensure_tables, write_part
from pipeline.catalog import ErrorCode
from pipeline.records import Page, PipelineError, SourceDocument
from pipeline.stages.chain import process_source
from pipeline.stages.ingest import ocr
from pipeline.stages.ingest.docx import format_number, read_docx
from pipeline.stages.ingest.html import decode_html, read_html
from pipeline.stages.ingest.ocr import available as ocr_available
from pipeline.stages.ingest.ocr import ocr_pdf_page
from pipeline.stages.ingest.office import convert, converter
from pipeline.stages.ingest.reading import Reading, SpanCell, expand
from pipeline.stages.ingest.xlsx import read_xlsx
from tests.conftest import GOLD

FORMATS = Path(__file__).parent / "data" / "formats"
READERS = {".html": read_html, ".htm": read_html, ".docx": read_docx, ".xlsx": read_xlsx}
FIXTURES = sorted(p.name for p in FORMATS.iterdir() if p.suffix in READERS)


def _fixtures_script():  # type: ignore[no-untyped-def]
    path = Path(__file__).parent.parent / "scripts" / "make_format_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_format_fixtures", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FIXTURES_SCRIPT = _fixtures_script()


def read(name: str) -> str:
    path = FORMATS / name
    return "\f".join(p.text for p in READERS[path.suffix](path.read_bytes()).pages)


def scores(name: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = FORMATS / name
    return score_reading(READERS[path.suffix](path.read_bytes()), tmp_path, name)


def score_reading(reading: Reading, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    """The metrics of a reading of ``name`` (its stem names the gold) against its gold."""
    sha = hashlib.sha256("\f".join(p.text for p in reading.pages).encode()).hexdigest()
    pages = tuple(Page(i, p.text) for i, p in enumerate(reading.pages, 1))
    result = process_source(SourceDocument(sha[:16], name, sha, Path(name).suffix[1:], pages))
    ensure_tables(tmp_path)
    for table, data in document_tables(result).items():
        write_part(tmp_path, table, data, "part")
    (doc,) = [d for d in evaluate(tmp_path, GOLD).documents if d.source_path]
    return doc.metrics


def test_every_form_is_a_fixture():
    assert FIXTURES == [
        "20_wuhu_2025_zdgz_pipetable.docx",
        "tibet-2017-keji-yuanzang.list.xlsx",
        "tibet-2017-keji-yuanzang.numbered.docx",
        "tibet-2017-keji-yuanzang.table.docx",
        "tibet-2017-keji-yuanzang.table.htm",
        "tibet-2017-keji-yuanzang.web.html",
    ]


@pytest.mark.parametrize("name", FIXTURES)
def test_each_form_scores_against_its_gold(name, tmp_path):
    m = scores(name, tmp_path)
    assert m.tasks.f1 >= 0.97, name
    assert m.agencies.f1 >= 0.95 and m.leads.f1 >= 0.95, name
    assert m.targets.f1 >= 0.90, name


# ---------------------------------------------------------------- web pages


def test_web_page_keeps_the_article_and_drops_the_site():
    text = read("tibet-2017-keji-yuanzang.web.html")
    assert text.startswith(
        "西藏自治区人民政府办公厅关于印发“十三五”科技援藏规划任务分工方案的通知\n"
    )
    assert "1.支持建设西藏生态安全研究联合重点实验室。" in text
    assert text.endswith("西藏自治区人民政府办公厅秘书处2017年6月9日印发")
    for chrome in (
        "首页",
        "当前位置",
        "document.title",
        "float: left",
        "相关文件",
        "关于调整自治区科技创新重点任务牵头单位的通知",
        "网站标识码",
        "ICP备",
        "主办单位",
    ):
        assert chrome not in text, chrome


def test_source_line_breaks_inside_chinese_text_vanish():
    page = (
        "<html><body><p>建立数\n   据共享 and\nmore</p><p>市财政局&nbsp;市科技局</p></body></html>"
    )
    assert read_html(page.encode()).pages[0].text == "建立数据共享 and more\n市财政局 市科技局"


def test_a_list_of_links_naming_lead_units_gives_no_task(tmp_path):
    page = (
        "<html><body><div><p>一、重点工作</p><p>1.推进改革。牵头单位：市发改委。</p></div>"
        "<ul><li><a href='a'>2.牵头单位：市财政局。参加单位：市科技局。</a></li></ul></body></html>"
    )
    assert (
        read_html(page.encode("utf-8")).pages[0].text
        == "一、重点工作\n1.推进改革。牵头单位：市发改委。"
    )


def test_declared_charset_and_undeclared_gbk_are_both_decoded():
    page = "<html><head><meta charset='gbk'></head><body><p>牵头单位：科技厅</p></body></html>"
    assert decode_html(page.encode("gbk")) == (page, "gbk".replace("gbk", "gb18030"))
    bare = "<html><body><p>牵头单位：科技厅。参加单位：教育厅。</p></body></html>"
    assert decode_html(bare.encode("gbk"))[0] == bare
    # a page saved as UTF-8 that still declares GB2312 is UTF-8
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")


def test_html_table_spans_rows_and_columns():
    text = read("tibet-2017-keji-yuanzang.table.htm")
    lines = text.splitlines()
    title = lines.index("“十三五”科技援藏规划任务分工方案 | | | |")
    assert lines[title + 1] == "序号 | 工作任务 | 牵头单位 | 参加单位 |"
    row = {line.split(" | ")[0]: line.split(" | ") for line in lines[title + 2 :]}
    # tasks 3 to 9 share one lead cell spanning seven rows: each row has it
    assert [row[str(n)][2] for n in range(3, 10)] == ["科技厅"] * 7
    assert row["2"][2] == "环境保护厅"
    assert "首页" not in text  # the layout table's menu is a list of links


def test_expand_repeats_row_spans_and_leaves_column_spans_empty():
    rows = [
        [SpanCell("序号"), SpanCell("任务"), SpanCell("牵头", rowspan=1, colspan=2)],
        [SpanCell("1"), SpanCell("甲"), SpanCell("科技厅", rowspan=2), SpanCell("教育厅")],
        [SpanCell("2"), SpanCell("乙"), SpanCell("财政厅")],
    ]
    assert expand(rows) == [
        ["序号", "任务", "牵头", ""],
        ["1", "甲", "科技厅", "教育厅"],
        ["2", "乙", "科技厅", "财政厅"],
    ]


def test_a_page_of_site_chrome_only_is_empty():
    page = "<html><body><ul class='nav'><li><a href='/'>首页</a></li></ul><script>x=1</script></body></html>"
    with pytest.raises(PipelineError) as err:
        read_html(page.encode())
    assert err.value.code == ErrorCode.EMPTY


# ---------------------------------------------------------------- Word


def test_word_numbering_is_printed_and_headers_are_left_out():
    text = read("tibet-2017-keji-yuanzang.numbered.docx")
    lines = text.splitlines()
    numbered = [line for line in lines if line[:1].isdigit() and "." in line[:3]]
    assert [line.split(".")[0] for line in numbered] == [str(n) for n in range(1, 36)]
    assert "1.支持建设西藏生态安全研究联合重点实验室。" in lines[lines.index(numbered[0])]
    assert "页眉" not in text and "页脚" not in text


def test_word_numbering_in_table_cells_and_chinese_headings():
    lines = read("20_wuhu_2025_zdgz_pipetable.docx").splitlines()
    assert "一、市政府重点工作任务" in lines
    assert "序号 | 目标与任务 | 牵头责任单位 | 责任单位 |" in lines
    assert "一、主要预期目标 | | | |" in lines  # a row merged over all columns
    assert "(1) | 地区生产总值增长6%以上。 | 市发展改革委 | 各县市区政府、 开发区管委会 |" in lines
    # the participant cell is merged down rows (1) to (7): each row repeats it
    assert sum(line.endswith("| 各县市区政府、 开发区管委会 |") for line in lines) == 7


def test_word_vertical_merge_repeats_the_lead():
    lines = read("tibet-2017-keji-yuanzang.table.docx").splitlines()
    assert lines[lines.index("序号 | 工作任务 | 牵头单位 | 参加单位 |") - 1].startswith(
        "“十三五”科技援藏规划任务分工方案 |"
    )
    row = {line.split(" | ")[0]: line.split(" | ") for line in lines if " | " in line}
    assert [row[str(n)][2] for n in range(3, 10)] == ["科技厅"] * 7


@pytest.mark.parametrize(
    ("n", "fmt", "printed"),
    [
        (3, "decimal", "3"),
        (12, "chineseCounting", "十二"),
        (4, "decimalEnclosedCircle", "④"),
        (2, "ideographTraditional", "乙"),
        (14, "upperRoman", "XIV"),
        (28, "lowerLetter", "bb"),
    ],
)
def test_word_number_formats(n, fmt, printed):
    assert format_number(n, fmt) == printed


def test_a_damaged_word_file_is_a_named_error():
    with pytest.raises(PipelineError) as err:
        read_docx(b"PK\x03\x04 not really a zip")
    assert err.value.code == ErrorCode.CORRUPT_FILE


# ---------------------------------------------------------------- Excel


def test_excel_sheets_are_pages_title_rows_are_lines():
    pages = read("tibet-2017-keji-yuanzang.list.xlsx").split("\f")
    assert len(pages) == 2  # the hidden third sheet is not read
    first = pages[0].splitlines()
    assert first[:3] == [
        "“十三五”科技援藏规划任务分工方案",
        "",
        "序号 | 工作任务 | 牵头单位 | 参加单位 |",
    ]
    assert pages[1].splitlines()[0] == "“十三五”科技援藏规划任务分工方案（续）"
    row = {line.split(" | ")[0]: line.split(" | ") for line in first if " | " in line}
    assert [row[str(n)][2] for n in range(3, 10)] == ["科技厅"] * 7
    assert "隐藏" not in "\f".join(pages)


def test_a_damaged_workbook_is_a_named_error():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("xl/workbook.xml", "<not-a-workbook/>")
    with pytest.raises(PipelineError) as err:
        read_xlsx(data.getvalue())
    assert err.value.code == ErrorCode.CORRUPT_FILE


# ---------------------------------------------------------------- legacy office files

needs_soffice = pytest.mark.skipif(converter() is None, reason="LibreOffice is not installed")


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "legacy"),
    [("tibet-2017-keji-yuanzang.table.docx", "doc"), ("tibet-2017-keji-yuanzang.list.xlsx", "xls")],
)
def test_legacy_office_files_are_converted_and_score(name, legacy, tmp_path):
    program = converter()
    assert program
    source = tmp_path / name
    source.write_bytes((FORMATS / name).read_bytes())
    subprocess.run(
        [
            program,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
            "--convert-to",
            legacy,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    old = source.with_suffix(f".{legacy}").read_bytes()
    assert old.startswith(b"\xd0\xcf\x11\xe0")  # an OLE file, as Word 97 and Excel 97 write
    data, ext = convert(old, f".{legacy}")
    reading = READERS[f".{ext}"](data)
    m = score_reading(reading, tmp_path / "out", f"{source.stem}.{legacy}")
    assert m.tasks.f1 >= 0.97 and m.leads.f1 >= 0.95 and m.agencies.f1 >= 0.95


def test_without_libreoffice_a_legacy_file_names_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PipelineError) as err:
        convert(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".doc")
    assert err.value.code == ErrorCode.CONVERTER_MISSING
    assert "LibreOffice" in err.value.message and "soffice" in err.value.message


# ---------------------------------------------------------------- scans


@pytest.mark.skipif(not ocr_available(), reason='the OCR extra is not installed (".[ocr]")')
@pytest.mark.slow
def test_a_scanned_table_notice_is_read_by_ocr(tmp_path):
    import pypdfium2 as pdfium

    scan = FIXTURES_SCRIPT.scan_pdf(GOLD.parent / "dev" / "20_wuhu_2025_zdgz_pipetable.pdf")
    pdf = pdfium.PdfDocument(scan)
    assert all(not page.get_textpage().get_text_range().strip() for page in pdf)
    pages = tuple(ocr_pdf_page(page) for page in pdf)
    assert all(p.method == "ocr" and p.confidence > 0.9 for p in pages)
    lines = pages[0].text.splitlines()
    assert "序号 | 目标与任务 | 牵头责任单位 | 责任单位 |" in lines
    # the participant cell spans rows (1) to (7) in the scan: each row repeats it
    assert sum(line.startswith("(") and "开发区管委会 |" in line for line in lines) == 7
    m = score_reading(Reading(pages), tmp_path, "20_wuhu_2025_zdgz_pipetable.scan.pdf")
    assert m.tasks.f1 >= 0.97, m
    assert m.leads.f1 >= 0.95, m
    assert m.targets.f1 >= 0.90, m
    assert m.agencies.f1 >= 0.95, m  # names OCR ran together in a cell line set apart


@pytest.mark.parametrize(
    ("cell", "listed"),
    [
        ("市发展改革委市生态环境局", "市发展改革委、市生态环境局"),
        ("市财政局市工业和信息化局各县市区政府", "市财政局、市工业和信息化局、各县市区政府"),
        ("市委宣传部市文明办", "市委宣传部、市文明办"),
        ("市发展改革委 市商务局", "市发展改革委 市商务局"),  # apart already
        ("各县市区政府、开发区管委会", "各县市区政府、开发区管委会"),
        ("市场监管局", "市场监管局"),  # 市场 is no name of its own
        ("地区生产总值增长6%以上。", "地区生产总值增长6%以上。"),
    ],
)
def test_unit_names_ocr_ran_together_in_a_cell_are_listed_apart(cell, listed):
    assert ocr.split_units(cell) == listed


def test_without_the_ocr_extra_a_scan_names_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    ocr.ocr_engine.cache_clear()
    try:
        with pytest.raises(PipelineError) as err:
            ocr.ocr_image(np.full((50, 50), 255, dtype=np.uint8))
    finally:
        ocr.ocr_engine.cache_clear()
    assert err.value.code == ErrorCode.CONVERTER_MISSING
    assert "notice-tasks[ocr]" in err.value.message


# ---------------------------------------------------------------- through `run`


def test_run_reads_every_form_and_names_its_format(tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from pipeline.cli import app

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in FIXTURES:
        (inputs / name).write_bytes((FORMATS / name).read_bytes())
    (inputs / "archive.docx").write_bytes(_zip({"a.txt": "not a Word file"}))
    result = CliRunner().invoke(app, ["run", str(inputs), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1, result.output  # archive.docx failed, the rest written
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    formats = dict(zip(docs.source_path.map(lambda p: Path(p).name), docs.format, strict=True))
    assert formats == {
        "20_wuhu_2025_zdgz_pipetable.docx": "docx",
        "tibet-2017-keji-yuanzang.list.xlsx": "xlsx",
        "tibet-2017-keji-yuanzang.numbered.docx": "docx",
        "tibet-2017-keji-yuanzang.table.docx": "docx",
        "tibet-2017-keji-yuanzang.table.htm": "html",
        "tibet-2017-keji-yuanzang.web.html": "html",
    }
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert list(errors.error) == [ErrorCode.UNSUPPORTED_FORMAT]
    for doc in evaluate(tmp_path / "out", GOLD).documents:
        if doc.source_path:
            assert doc.metrics.tasks.f1 >= 0.97 and doc.metrics.leads.f1 >= 0.95, doc.source_path


def _zip(files: dict[str, str]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return data.getvalue()
