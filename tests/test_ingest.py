"""Ingest: sniffing, strict text decoding, the pdfium/pdfplumber hybrid, ruled tables, bad files."""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import (
    Table,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from pipeline.records import PAGE_BREAK, PipelineError
from pipeline.stages.ingest import cells as ingest_cells
from pipeline.stages.ingest import doc_id_for, file_sha256, ingest, sniff_format, text_quality
from pipeline.stages.ingest import grid as ingest_grid
from pipeline.stages.ingest import pdf as ingest_pdf
from pipeline.stages.ingest import pdfium_raw as ingest_raw
from pipeline.stages.ingest import quality as ingest_quality
from pipeline.stages.ingest import settings as ingest_settings
from tests.badfiles import (
    CORPUS,
    NOTICE,
    REALPDF,
    TABLE_PDF,
    make_bad_files,
    make_big_pdf,
    make_text_pdf,
)

WUHU_PDF = CORPUS / "dev" / "20_wuhu_2025_zdgz_pipetable.pdf"
GUOBANHAN_PDF = CORPUS / "dev" / "06_guobanhan_2016_38_lianghua.pdf"
RADICALS = regex.compile(r"[\u2E80-\u2FDF]")
HAN = regex.compile(r"\p{Han}")


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("bad")
    return folder, make_bad_files(folder)


def _code(path: Path, **kwargs: str) -> str | None:
    """The error code of ingesting ``path`` without OCR (scans stay ``no_text_layer``)."""
    kwargs.setdefault("ocr", "never")
    try:
        ingest(path, **kwargs)
    except PipelineError as exc:
        assert exc.stage == "ingest"
        assert exc.message
        return exc.code
    return None


# ---------------------------------------------------------------- bad inputs (issue 7)


def test_every_bad_file_gets_its_code(bad: tuple[Path, dict[str, str | None]]) -> None:
    folder, expected = bad
    assert len(expected) >= 24
    got = {name: _code(folder / name) for name in expected}
    assert got == expected


def test_error_messages_name_the_remedy(bad: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad
    messages = {}
    for name in ("encrypted.pdf", "scanned.pdf", "webpage.pdf", "undecodable.txt"):
        with pytest.raises(PipelineError) as info:
            ingest(folder / name, ocr="never")
        messages[name] = info.value.message
    assert "--password" in messages["encrypted.pdf"]
    assert "OCR" in messages["scanned.pdf"]
    assert "html" in messages["webpage.pdf"]
    assert "gb18030" in messages["undecodable.txt"]


def test_encrypted_pdf_opens_with_password(bad: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad
    doc = ingest(folder / "encrypted.pdf", password="secret")
    assert "加密的通知" in doc.pages[0].text
    with pytest.raises(PipelineError) as info:
        ingest(folder / "encrypted.pdf", password="wrong")
    assert info.value.code == "encrypted" and "wrong" in info.value.message


def test_missing_path() -> None:
    assert _code(Path("/nonexistent/notice.pdf")) == "not_found"


def test_encodings_decode_to_the_notice(bad: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad
    notice = NOTICE.read_text(encoding="utf-8").replace("\r\n", "\n")
    for name, codec in (
        ("notice_gb18030.txt", "gb18030"),
        ("notice_utf16.txt", "utf-16"),
        ("notice_utf16le_nobom.txt", "utf-16-le"),
        ("notice_utf8bom.txt", "utf-8-sig"),
    ):
        doc = ingest(folder / name)
        assert doc.encoding == codec, name
        assert doc.format == "txt"
        assert doc.raw_text == notice, name
        assert "西藏自治区人民政府办公厅" in doc.pages[0].text


def test_bomless_utf16_be_and_big5(tmp_path: Path) -> None:
    notice = NOTICE.read_text(encoding="utf-8")
    (tmp_path / "be.txt").write_bytes(notice.encode("utf-16-be"))
    assert ingest(tmp_path / "be.txt").encoding == "utf-16-be"
    trad = (CORPUS / "dev" / "14_guangzhou_2007_zdgzsx_trad.txt").read_text(encoding="utf-8")
    trad = trad.encode("big5hkscs", errors="ignore").decode("big5hkscs")
    (tmp_path / "trad.txt").write_bytes(trad.encode("big5hkscs"))
    doc = ingest(tmp_path / "trad.txt")
    assert doc.encoding == "big5hkscs"
    assert doc.raw_text == trad.replace("\r\n", "\n")


def test_gbk_read_as_utf8_is_never_silent(tmp_path: Path) -> None:
    """Latin-1 is never a candidate: GBK bytes decode as GB18030, not as '¹ØÓÚ…'."""
    (tmp_path / "gbk.txt").write_bytes("关于红军作战的原则".encode("gbk"))
    doc = ingest(tmp_path / "gbk.txt")
    assert doc.raw_text == "关于红军作战的原则"


def test_form_feeds_make_pages(tmp_path: Path) -> None:
    (tmp_path / "ff.txt").write_text("第一页\r\n1. 任务\f第二页\f", encoding="utf-8")
    doc = ingest(tmp_path / "ff.txt")
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [p.text for p in doc.pages] == ["第一页\n1. 任务", "第二页", ""]
    assert doc.raw_text == "第一页\n1. 任务" + PAGE_BREAK + "第二页" + PAGE_BREAK


def test_ids_are_stable(bad: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad
    path = folder / "notice_gb18030.txt"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    doc = ingest(str(path))
    assert file_sha256(path) == sha == doc.sha256
    assert doc.doc_id == doc_id_for(sha) == sha[:16]
    assert doc.source_path == str(path)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "pdf"),
        (b"\r\n  junk\n%PDF-1.4\n", "pdf"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf  <html lang='zh'><body>", "html"),
        ("<html><body>通知</body></html>".encode("utf-16"), "html"),
        (b"<?xml version='1.0'?><root/>", "xml"),
        (b"PK\x03\x04rest", "zip"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        ("一、总体要求\n1. 加强领导".encode(), "txt"),
        ("一、总体要求\n1. 加强领导".encode("gb18030"), "txt"),
        ("一、总体要求\n1. 加强领导".encode("utf-16-le"), "txt"),
        ("一、总体要求".encode()[:-1], "txt"),  # the head may cut a character
        (bytes(range(256)), "binary"),
    ],
)
def test_sniff_format(head: bytes, kind: str) -> None:
    assert sniff_format(head, Path("x.pdf")) == kind


def test_quality_check() -> None:
    assert text_quality("1. 加强科技创新。牵头单位：科技厅。").share == 1.0
    assert text_quality("(cid:12)(cid:13)(cid:14)").share == 0.0
    assert text_quality("¹ØÓÚºì¾ü×÷Õ½µÄÔ­Ôò").share < 0.2
    assert text_quality("\ufffd\ufffd\ufffd 第").share < 0.5
    assert text_quality("").chars == 0


def _quality_by_definition(text: str) -> tuple[int, int]:
    """(chars, good) spelt out: drop (cid:N) tokens (one bad char each) and \\s, test each char."""
    cids = len(regex.findall(r"\(cid:\d+\)", text))
    body = regex.sub(r"\s+", "", regex.sub(r"\(cid:\d+\)", "", text))
    ranges = ingest_settings.ingest_rules().quality.good_ranges
    good = sum(1 for ch in body if any(lo <= ord(ch) <= hi for lo, hi in ranges))
    return len(body) + cids, good


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "任务",
                "a",
                " ",
                "\n",
                "\u3000",
                "\xa0",
                "\x1c",
                "\x85",
                "\u2028",
                "①",
                "\ufffd",
                "\ue000",
                "\U00020000",
                "(cid:12)",
                "(cid:",
                "9)",
                "¹Ø",
            ]
        )
        | st.characters(),
        max_size=40,
    ).map("".join)
)
def test_quality_counts_as_defined(text: str) -> None:
    """The fast counts (stdlib re, no stripped copy) agree with the definition."""
    q = text_quality(text)
    assert (q.chars, q.good) == _quality_by_definition(text)


def test_quality_counts_on_a_real_page() -> None:
    page = ingest(TABLE_PDF).pages[0].text
    q = text_quality(page + "\u2028\x1c(cid:7)")  # \x1c is no \s for regex: a bad char
    assert (q.chars, q.good) == _quality_by_definition(page + "\u2028\x1c(cid:7)")
    assert q.chars - q.good == 2


# ---------------------------------------------------------------- real PDFs


def test_real_chrome_radicals_pdf_reads_without_radicals() -> None:
    doc = ingest(REALPDF / "chrome_xinhua_2023_buzzwords_page.pdf")
    text = doc.raw_text
    assert len(doc.pages) == 2
    assert not RADICALS.search(text)  # pdfplumber gives 14% radicals here
    assert "来源：人民日报" in text
    assert "新质生产力" in text


def test_real_fake_bold_duplicates_are_gone() -> None:
    doc = ingest(REALPDF / "pitfall_duplicate_chars_fake_bold.pdf")
    text = doc.raw_text
    assert "项目描述：负责四川省甘孜州丹巴磨子电站" in text
    assert "项项目目" not in text and "描描述述" not in text


def test_real_gbk_simple_font_is_decoded_by_pdfium() -> None:
    doc = ingest(REALPDF / "pitfall_gbk_font_mojibake_xiaobiaosong.pdf")
    compact = regex.sub(r"\s+", "", doc.raw_text)
    assert "关于红军作战的原则" in compact
    assert "对国防问题的意见" in compact
    assert not regex.search(r"[\u00A0-\u00FF]", doc.raw_text)  # no '¹ØÓÚ' mojibake
    assert "\r" not in doc.raw_text


def test_real_cid_font_is_unreadable_text() -> None:
    with pytest.raises(PipelineError) as info:
        ingest(REALPDF / "pitfall_cid_no_tounicode_weibo_export.pdf", ocr="never")
    assert info.value.code == "unreadable_text"
    assert "OCR" in info.value.message


def test_real_scan_has_no_text_layer() -> None:
    with pytest.raises(PipelineError) as info:
        ingest(REALPDF / "pitfall_scanned_book_page_no_text.pdf", ocr="never")
    assert info.value.code == "no_text_layer"
    assert "8 pages" in info.value.message


# ---------------------------------------------------------------- generated PDFs


def test_pages_kept_separate_including_empty_ones(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "mixed.pdf", [["第一页 1. 任务"], [], ["第三页 2. 任务"]])
    doc = ingest(path)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.pages[0].text.strip() == "第一页 1. 任务"
    assert doc.pages[1].text == ""
    assert doc.pages[2].text.strip() == "第三页 2. 任务"
    assert doc.format == "pdf" and doc.encoding is None


def test_big_pdf_needs_no_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text pages go through pdfium only: pdfplumber must not even be opened."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfplumber opened on a plain text PDF")

    monkeypatch.setattr(ingest_pdf.pdfplumber, "open", refuse)
    doc = ingest(make_big_pdf(tmp_path / "big.pdf", n_pages=500))
    assert len(doc.pages) == 500
    assert doc.pages[499].text.startswith("500. 推进第500项重点工作")
    assert "牵头单位：市发展改革委。" in doc.pages[0].text


TABLE_ROWS_PAGE1 = [
    "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |",
    "1 | 推进科技创新平台建设，新建省级重点实验室3个以上。 | 市科技局 | 市发展改革委、市财政局"
    " | 2024年底前 |",
    # 牵头单位 merged over tasks 1–2: pdfplumber gives None, the row inherits 市科技局
    "2 | 实施高层次人才引进计划，引进领军人才15－20名。 | 市科技局 | 市人社局 | 2024年底前 |",
    "3 | 完善科技金融服务体系，设立科技成果转化基金。 | 市金融办 | 市财政局 | 2024年底前 |",
]


@pytest.fixture
def no_plumber(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ruled tables must be read from pdfium alone: pdfplumber.open fails."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfplumber opened on the pdfium table fast path")

    monkeypatch.setattr(ingest_pdf.pdfplumber, "open", refuse)


@pytest.fixture
def plumber_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths pdfplumber.open is called with (it still works)."""
    opened: list[str] = []
    real_open: Callable[..., Any] = pdfplumber.open

    def spy(path: object, *args: object, **kwargs: object) -> Any:
        opened.append(Path(str(path)).name)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(ingest_pdf.pdfplumber, "open", spy)
    return opened


def test_ruled_table_rows_with_merged_cells(no_plumber: None) -> None:
    doc = ingest(TABLE_PDF)
    assert len(doc.pages) == 2
    lines = doc.pages[0].text.split("\n")
    start = lines.index(TABLE_ROWS_PAGE1[0])
    assert lines[start : start + 4] == TABLE_ROWS_PAGE1
    # text above the table comes first, once; a 3-row merge (tasks 5–7) fills every row
    assert "".join(lines[:start]).startswith("关于印发2024年科技创新重点任务分工方案的通知")
    assert doc.raw_text.count("现将重点任务分工如下") == 1
    assert all(" | 市工业和信息化局 | " in line for line in lines[start + 5 : start + 8])
    # page 2: the repeated header, the last rows, then the closing text once, at the end
    page2 = doc.pages[1].text.split("\n")
    assert page2[0] == TABLE_ROWS_PAGE1[0]
    assert page2[1].startswith("18 | 深化产学研合作")
    assert page2[-1] == "各单位要加强协调配合，确保各项任务按时完成。"
    assert doc.raw_text.count("各单位要加强协调配合") == 1
    lines = [ln for p in doc.pages for ln in p.text.split("\n")]
    rows = [ln for ln in lines if regex.match(r"\d+ \| ", ln)]
    assert [int(r.split(" | ")[0]) for r in rows] == list(range(1, 22))
    assert all(r.count(" |") == 5 for r in rows)


def test_table_rendering_from_pdfplumber_chars_matches() -> None:
    """The fallback (rotated pages, odd text maps) renders the same rows from pdfplumber."""
    with pdfplumber.open(TABLE_PDF) as pdf:
        text = ingest_pdf.tables_text(ingest_pdf.dedupe_chars(pdf.pages[0]), None)
    assert text is not None
    lines = text.split("\n")
    start = lines.index(TABLE_ROWS_PAGE1[0])
    assert lines[start : start + 4] == TABLE_ROWS_PAGE1


def test_cell_text_joins_lines() -> None:
    assert ingest_cells.cell_text("市发展改革委、市\n财政局") == "市发展改革委、市财政局"
    assert ingest_cells.cell_text("GDP growth\nrate 5%") == "GDP growth rate 5%"
    assert ingest_cells.cell_text("a|b") == "a｜b"
    assert ingest_cells.cell_text(None) == ""
    assert ingest_cells.row_line(["1", "", "市科技局"]) == "1 | | 市科技局 |"


# ---------------------------------------------------------------- table fast path (issue 6 §5)


def _plumber_geometry_texts(path: Path) -> list[str | None]:
    """Page texts as read before the fast path: pdfplumber's find_tables, pdfium's chars."""
    doc = pdfium.PdfDocument(path)
    texts: list[str | None] = []
    with pdfplumber.open(path) as pdf:
        for index, plumber_page in enumerate(pdf.pages):
            page = doc[index]
            textpage = page.get_textpage()
            chars = ingest_pdf.pdfium_chars(page, textpage, textpage.get_text_range())
            texts.append(ingest_pdf.tables_text(plumber_page, chars))
    doc.close()
    return texts


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF, GUOBANHAN_PDF], ids=lambda p: p.stem)
def test_fast_path_reads_the_rows_pdfplumber_geometry_read(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _plumber_geometry_texts(path)
    assert any(before)
    monkeypatch.setattr(ingest_pdf.pdfplumber, "open", None)  # any use fails
    doc = ingest(path)
    for page, text in zip(doc.pages, before, strict=True):
        if text is not None:
            assert page.text == text, f"page {page.number}"


WUHU_MERGED = "各县市区政府、开发区管委会"


def test_fast_path_wuhu_pipe_table_with_merged_cells(no_plumber: None) -> None:
    doc = ingest(WUHU_PDF)
    page1, page2 = (p.text.split("\n") for p in doc.pages)
    header = "序号 | 目标与任务 | 牵头责任单位 | 责任单位 |"
    start = page1.index(header)
    assert page1[:start] == [
        "芜湖市政府重要通知!",
        "芜湖市人民政府",
        "关于2025年重点工作及责任分解的通知",
        "一、市政府重点工作任务",
    ]
    assert page1[start + 1] == "一、主要预期目标 | | | |"
    # 责任单位 is one cell merged over targets (1)-(7): every row inherits it
    targets = [ln for ln in page1 if regex.match(r"\(\d\) \| ", ln)]
    assert len(targets) == 7
    assert all(ln.endswith(f" | {WUHU_MERGED} |") for ln in targets)
    assert targets[1] == f"(2) | 固定资产投资增长6%左右。 | 市发展改革委 | {WUHU_MERGED} |"
    assert page1[-1] == "— 1 —"
    # page 2: the repeated header, rows (8)-(9), the page number once, last
    assert page2[0] == header
    assert page2[1].startswith("(8) | 统筹衔接消费券发放与消费品以旧换新行动")
    assert page2[2] == (
        "(9) | 把促消费和惠民生结合起来,实施提振消费专项行动,设立消费促进基金,"
        f"加大对困难群众的支持力度。 | 市发展改革委市商务局 | 市财政局 {WUHU_MERGED} |"
    )
    assert page2[3:] == ["— 2 —"]


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF, GUOBANHAN_PDF], ids=lambda p: p.stem)
def test_pdfium_edges_give_pdfplumbers_tables(path: Path) -> None:
    doc = pdfium.PdfDocument(path)
    found = 0
    with pdfplumber.open(path) as pdf:
        for index, plumber_page in enumerate(pdf.pages):
            tables, missed = ingest_grid.find_tables(doc[index])
            expected = sorted(plumber_page.find_tables(), key=lambda t: t.bbox[1])
            assert len(tables) == len(expected)
            assert not missed
            found += len(tables)
            for got, want in zip(tables, expected, strict=True):
                assert got.bbox == pytest.approx(want.bbox, abs=0.5)
                assert len(got.cells) == len(want.cells)
                assert [len(r.cells) for r in got.rows] == [len(r.cells) for r in want.rows]
    doc.close()
    assert found >= 1


def _plumber_edge(edge: tuple[float, float, float, float], vertical: bool) -> dict[str, Any]:
    """pdfplumber's edge dict for one of the fast path's edge tuples."""
    pos, lo, hi, length = edge
    if vertical:
        box = {"x0": pos, "x1": pos, "top": lo, "bottom": hi, "width": 0.0, "height": length}
    else:
        box = {"x0": lo, "x1": hi, "top": pos, "bottom": pos, "width": length, "height": 0.0}
    return {
        "object_type": "path_edge",
        "orientation": "v" if vertical else "h",
        "doctop": box["top"],
        **box,
    }


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF, GUOBANHAN_PDF], ids=lambda p: p.stem)
def test_table_geometry_is_pdfplumbers_step_by_step(path: Path) -> None:
    """Snap, join, intersections, cells and tables on tuples: exactly pdfplumber's values."""
    tested = 0
    with pdfium.PdfDocument(path) as doc:
        for index in range(len(doc)):
            page = doc[index]
            _, bottom, _, top = page.get_mediabox()
            v_raw, h_raw = ingest_grid.path_edges(page, top - bottom, 1)
            raw = [_plumber_edge(e, True) for e in v_raw] + [_plumber_edge(e, False) for e in h_raw]
            want = filter_edges(merge_edges(raw, 3, 3, 3, 3), min_length=3)
            v_edges = ingest_grid.join_edges(ingest_grid.snap_edges(v_raw, 3), 3, 3, vertical=True)
            h_edges = ingest_grid.join_edges(ingest_grid.snap_edges(h_raw, 3), 3, 3, vertical=False)
            got = [_plumber_edge(e, False) for e in h_edges]
            got += [_plumber_edge(e, True) for e in v_edges]
            assert [_edge_key(e) for e in got] == [_edge_key(e) for e in want]
            points = edges_to_intersections(want, 3, 3)
            mine = ingest_grid.edges_to_intersections(v_edges, h_edges, 3, 3)
            assert sorted(mine) == sorted(points)
            cells = ingest_grid.intersections_to_cells(mine)
            assert cells == intersections_to_cells(points)
            tables = ingest_grid.cells_to_tables(cells)
            assert [sorted(t) for t in tables] == [sorted(t) for t in cells_to_tables(cells)]
            for cells_of_table in tables:
                mine_table = ingest_grid.Table.of(cells_of_table)
                theirs = Table(None, cells_of_table)  # type: ignore[arg-type]
                assert mine_table.bbox == theirs.bbox
                assert [(r.cells, r.bbox) for r in mine_table.rows] == [
                    (r.cells, r.bbox) for r in theirs.rows
                ]
                tested += 1
    assert tested >= 1


def _edge_key(edge: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("orientation", "x0", "x1", "top", "bottom", "width", "height")
    return tuple(edge[k] for k in keys)


def test_snap_and_join_keep_pdfplumbers_float_arithmetic() -> None:
    """Means of clusters and grown lengths, computed in pdfplumber's order."""
    v_raw = [(0.1, 0.0, 10.0, 10.0), (0.2, 12.0, 20.0, 8.0), (0.3, 0.0, 5.0, 5.0), (9.0, 0, 4, 4)]
    raw = [_plumber_edge(e, True) for e in v_raw]
    want = filter_edges(merge_edges(raw, 3, 3, 3, 3), min_length=3)
    got = ingest_grid.join_edges(ingest_grid.snap_edges(v_raw, 3), 3, 3, vertical=True)
    assert [_edge_key(e) for e in want] == [_edge_key(_plumber_edge(e, True)) for e in got]
    assert got[0][0] == 0.1 + ((0.1 + 0.2 + 0.3) / 3 - 0.1)  # not the plain mean
    assert got[0][1:] == (0.0, 20.0, 10.0 + (20.0 - 10.0))
    assert len(got) == 2 and got[1][0] == 9.0


def test_pdfplumber_is_the_fallback_for_rotated_and_unreadable_pages(
    tmp_path: Path, plumber_opens: list[str]
) -> None:
    rotated = pdfium.PdfDocument(TABLE_PDF)
    rotated[0].set_rotation(90)
    rotated.save(tmp_path / "rotated.pdf")
    rotated.close()
    doc = ingest(tmp_path / "rotated.pdf")
    assert plumber_opens == ["rotated.pdf"]  # page 1 rotated; page 2 on the fast path
    assert "| 序号 |" in doc.pages[0].text
    assert doc.pages[1].text.startswith(TABLE_ROWS_PAGE1[0])
    # (cid:N) text fails the quality check: pdfplumber is asked, then the document fails
    with pytest.raises(PipelineError):
        ingest(REALPDF / "pitfall_cid_no_tounicode_weibo_export.pdf", ocr="never")
    assert plumber_opens[1:] == ["pitfall_cid_no_tounicode_weibo_export.pdf"]
    pdfminer = [
        logger
        for name, logger in logging.Logger.manager.loggerDict.items()
        if name.startswith("pdfminer.") and isinstance(logger, logging.Logger)
    ]
    assert pdfminer and all(logger.disabled for logger in pdfminer)


def test_grid_without_a_table_asks_pdfplumber_per_rule(
    plumber_opens: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose ruling lines form a grid in which no table was assembled."""
    path = REALPDF / "pitfall_gbk_font_mojibake_xiaobiaosong.pdf"
    with pdfium.PdfDocument(path) as doc:
        tables, missed = ingest_grid.find_tables(doc[0])
    assert tables == [] and missed
    first = ingest(path).raw_text
    assert plumber_opens == [path.name]
    rules = ingest_settings.ingest_rules()
    off = rules.model_copy(
        update={"tables": rules.tables.model_copy(update={"plumber_when_grid_missed": False})}
    )
    monkeypatch.setattr(ingest_settings, "ingest_rules", lambda: off)
    assert ingest(path).raw_text == first  # pdfplumber found no table there either
    assert plumber_opens == [path.name]


# ---------------------------------------------------------------- per-character work (issue 6 §5)


def _points_to_try(locator: Any, centres: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Character centres, every coordinate the lookup tests (exactly, and a hair either
    side), points between them, and non-finite ones."""
    xs, ys = locator.xs[1:-1], locator.ys[1:-1]
    near = (0.0, 1e-9, -1e-9, 1e-4, -1e-4)
    pts = list(centres)
    pts += [(x + d, y) for x in xs for y in ys for d in near]
    pts += [(x, y + d) for x in xs for y in ys for d in near]
    mids_x = [(a + b) / 2 for a, b in itertools.pairwise(xs)] + [xs[0] - 5, xs[-1] + 5]
    mids_y = [(a + b) / 2 for a, b in itertools.pairwise(ys)] + [ys[0] - 5, ys[-1] + 5]
    pts += [(x, y) for x in mids_x for y in mids_y]
    nan, inf = float("nan"), float("inf")
    return [*pts, (nan, ys[0]), (xs[0], nan), (inf, ys[0]), (xs[0], -inf)]


def _first_page_tables_and_chars(path: Path):  # type: ignore[no-untyped-def]
    """The fast path's tables and pdfium characters of a PDF's first page."""
    with pdfium.PdfDocument(path) as doc:
        page = doc[0]
        tables, _ = ingest_grid.find_tables(page)
        textpage = page.get_textpage()
        chars = ingest_pdf.pdfium_chars(page, textpage, textpage.get_text_range())
        textpage.close()
    return tables, chars


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF], ids=lambda p: p.stem)
def test_region_lookup_places_every_point_as_locate_does(path: Path) -> None:
    tables, chars = _first_page_tables_and_chars(path)
    assert tables and chars is not None
    locator = ingest_cells.Locator.of(tables)
    centres = [(x, y) for _, x, y in chars.points]
    points = _points_to_try(locator, centres)
    assert len(points) > 1000
    got = [locator.at(x, y) for x, y in points]
    assert got == [ingest_cells.locate(locator.grids, locator.tops, pt) for pt in points]
    inside = {w for w in got if isinstance(w, tuple)}
    assert len(inside) > 20  # many cells met
    assert locator.memo  # regions were remembered


def test_fill_moves_runs_as_the_per_character_fill_did() -> None:
    """Runs of characters moved as slices: the same cells and groups as one by one."""
    tables, chars = _first_page_tables_and_chars(TABLE_PDF)
    assert chars is not None
    groups, cells = ingest_cells.fill(tables, chars, ingest_cells.Locator.of(tables))
    grids = [ingest_cells.Grid.of(t) for t in tables]
    tops = [t.bbox[1] for t in tables]
    want_groups: list[list[str]] = [[] for _ in range(len(tables) + 1)]
    want_cells = [[["" if c else None for c in row.cells] for row in t.rows] for t in tables]
    where: Any = 0
    centres = {i: (x, y) for i, x, y in chars.points}
    assert len(centres) > 500
    for i, ch in enumerate(chars.text):
        if i in centres:
            where = ingest_cells.locate(grids, tops, centres[i])
        if isinstance(where, int):
            want_groups[where].append(ch)
        else:
            k, r, c = where
            want_cells[k][r][c] = (want_cells[k][r][c] or "") + ch
    assert ["".join(g) for g in groups] == ["".join(g) for g in want_groups]
    assert cells == want_cells
    assert cells[0][1][2] == "市科技局\r\n" and cells[0][2][2] is None  # merged down
    assert cells[0][1][3] == "市发展改革委、市\r\n财政局\r\n"


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF, GUOBANHAN_PDF], ids=lambda p: p.stem)
def test_words_placed_whole_fill_as_every_character_placed(path: Path) -> None:
    """A word whose pdfium rectangles lie in one region of the grid is placed by its first
    character: the same cells and text groups as with every character's box."""
    whole = 0
    with pdfium.PdfDocument(path) as doc:
        for index in range(len(doc)):
            page = doc[index]
            tables, _ = ingest_grid.find_tables(page)
            if not tables:
                continue
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            locator = ingest_cells.Locator.of(tables)
            by_word = ingest_pdf.pdfium_chars(page, textpage, text, locator.cuts)
            by_char = ingest_pdf.pdfium_chars(page, textpage, text)
            textpage.close()
            assert len(by_word.points) < len(by_char.points)
            assert {p[0] for p in by_word.points} <= {p[0] for p in by_char.points}
            assert ingest_cells.fill(tables, by_word, locator) == ingest_cells.fill(
                tables, by_char, ingest_cells.Locator.of(tables)
            )
            whole += len(by_char.points) - len(by_word.points)
    assert whole > 100  # character boxes not asked for


@contextmanager
def _first_page_boxes(path: Path) -> Iterator[tuple[Any, str, Any]]:
    """The first page's table locator, pdfium text and character boxes."""
    with pdfium.PdfDocument(path) as doc:
        page = doc[0]
        tables, _ = ingest_grid.find_tables(page)
        textpage = page.get_textpage()
        _, bottom, _, top = page.get_mediabox()
        try:
            yield (ingest_cells.Locator.of(tables), textpage.get_text_range(),
                   ingest_pdf.CharBoxes(textpage.raw, top - bottom))
        finally:
            textpage.close()


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF], ids=lambda p: p.stem)
def test_a_word_point_stands_for_every_centre_of_the_word(path: Path) -> None:
    """Each word placed whole has every character centre located where its point is."""
    with _first_page_boxes(path) as (locator, text, boxes):
        placed = crossing = 0
        for word in ingest_pdf.WORD.finditer(text):
            start, end = word.span()
            point = boxes.word_point(start, end, locator.cuts)
            centres = boxes.centres(text, start, end)
            if point is None:
                crossing += 1
                continue
            assert {locator.at(x, y) for _, x, y in centres} == {locator.at(*point)}
            regions = {ingest_cells.open_region(x, y, locator.cuts) for _, x, y in centres}
            crossing += len(regions) > 1  # placed whole across cuts: outside the tables
            placed += 1
    assert placed > 30 and crossing > 0


def test_words_above_and_below_tables_are_placed_whole() -> None:
    """A title line above the table crosses columns' x coordinates, yet lies in no table."""
    with _first_page_boxes(WUHU_PDF) as (locator, text, boxes):
        start = text.index("芜湖市人民政府")
        end = start + len("芜湖市人民政府")
        centres = boxes.centres(text, start, end)
        xs = [x for _, x, _ in centres]
        assert any(min(xs) < cut < max(xs) for cut in locator.xs[1:-1])  # crosses a column
        point = boxes.word_point(start, end, locator.cuts)
        assert point is not None and locator.at(*point) == 0  # the text before the table
        assert {locator.at(x, y) for _, x, y in centres} == {0}
        # with every x cut in every band, the table's vertical extent alone places it
        global_xs = [locator.xs] * len(locator.ys)
        bands = locator.cuts.bands
        assert boxes.word_point(start, end, ingest_cells.Cuts(locator.ys, global_xs, bands))
        everywhere = ingest_cells.Cuts(locator.ys, global_xs, [(-1e9, 1e9)])
        assert boxes.word_point(start, end, everywhere) is None


def test_open_region_is_the_locators_box() -> None:
    inf = float("inf")
    ys = [-inf, 5.0, inf]
    band_xs = [[-inf, inf], [-inf, 10.0, inf], [-inf, 10.0, 20.0, inf]]  # a cut at 20 below y 5
    cuts = ingest_cells.Cuts(ys, band_xs, [])
    eps = ingest_cells.EDGE_EPS
    assert ingest_cells.open_region(11.0, 6.0, cuts) == (10 + eps, 20 - eps, 5 + eps, inf)
    assert ingest_cells.open_region(25.0, 1.0, cuts) == (10 + eps, inf, -inf, 5 - eps)
    assert ingest_cells.open_region(-3.0, 1.0, cuts) == (-inf, 10 - eps, -inf, 5 - eps)
    locator = ingest_cells.Locator([], [], [-inf, 10.0, 20.0, inf], ys, band_xs, {})
    assert locator.region(11.0, 6.0)[1] == (10 + eps, 20 - eps, 5 + eps, inf)


@pytest.mark.parametrize(
    "path",
    [TABLE_PDF, WUHU_PDF, *sorted(REALPDF.glob("*.pdf"))[:6]],
    ids=lambda p: p.stem,
)
def test_raw_pages_read_what_pypdfium2s_objects_read(path: Path) -> None:
    with pdfium.PdfDocument(path) as doc:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            raw = ingest_raw.RawPage(doc, index)
            raw_text = ingest_raw.RawTextPage(raw)
            assert raw_text.get_text_range() == textpage.get_text_range()
            assert raw_text.count_chars() == textpage.count_chars()
            assert raw.get_mediabox() == page.get_mediabox()
            assert raw.get_rotation() == page.get_rotation()
            raw_text.close()
            raw.close()
            textpage.close()
        with pytest.raises(pdfium.PdfiumError):
            ingest_raw.RawPage(doc, len(doc))


def test_clean_pdfium_line_breaks_and_hyphen_marks() -> None:
    assert ingest_raw.clean_pdfium("a\r\nb\rc\fd\ne\ufffef\r\r\n") == "a\nb\nc\nd\nef\n\n"


def test_bare_pdfium_calls_match_the_checked_ones() -> None:
    with pdfium.PdfDocument(TABLE_PDF) as doc:
        page = doc[0]
        textpage = page.get_textpage()
        boxes = []
        for fn in (pdfium_c.FPDFText_GetCharBox, ingest_raw.char_box):
            values = [ctypes.c_double() for _ in range(4)]
            refs = [ctypes.byref(v) for v in values]
            boxes.append(
                [(fn(textpage.raw, i, *refs), *(v.value for v in values)) for i in range(50)]
            )
        textpage.close()
        census, paths = ingest_pdf.page_census(page)
        address = [(ctypes.cast(o, ctypes.c_void_p).value, m) for o, m in paths]
        assert address == [
            (ctypes.cast(o, ctypes.c_void_p).value, m) for o, m in ingest_raw.path_objects(page)
        ]
        assert len(paths) == census.paths
    assert boxes[0] == boxes[1] and boxes[0][10][0] == 1
    with pdfium.PdfDocument(TABLE_PDF) as doc:
        textpage = doc[0].get_textpage()
        rects = []
        for count, get in (
            (pdfium_c.FPDFText_CountRects, pdfium_c.FPDFText_GetRect),
            (ingest_raw.count_rects, ingest_raw.get_rect),
        ):
            values = [ctypes.c_double() for _ in range(4)]
            refs = [ctypes.byref(v) for v in values]
            n = count(textpage.raw, 0, 60)
            rects.append(
                [(get(textpage.raw, k, *refs), *(v.value for v in values)) for k in range(n)]
            )
        textpage.close()
    assert rects[0] == rects[1] and len(rects[0]) > 1


def test_census_scores_a_table_page_and_not_a_prose_page(tmp_path: Path) -> None:
    min_score = ingest_settings.ingest_rules().tables.min_score
    with pdfium.PdfDocument(TABLE_PDF) as doc:
        census, paths = ingest_pdf.page_census(doc[0])
    assert census.table_score >= min_score and len(paths) == census.paths > 0
    with pdfium.PdfDocument(make_text_pdf(tmp_path / "p.pdf", [["1. 推进工作"]])) as doc:
        census, paths = ingest_pdf.page_census(doc[0])
    assert (census.table_score, census.paths, census.images, paths) == (0, 0, 0, [])


@pytest.mark.parametrize("path", [TABLE_PDF, WUHU_PDF, GUOBANHAN_PDF], ids=lambda p: p.stem)
def test_table_text_quality_shortcut_agrees_with_counting(path: Path) -> None:
    doc = pdfium.PdfDocument(path)
    try:
        scans = []
        for index in range(len(doc)):
            page = ingest_raw.RawPage(doc, index)
            try:
                scans.append(ingest_pdf.scan_page(page))
            finally:
                page.close()
    finally:
        doc.close()
    tabled = [s for s in scans if s.tabled is not None]
    assert tabled and all(s.pristine for s in tabled)  # clean pages: the shortcut is taken
    for scan in tabled:
        assert scan.tabled is not None
        counted = ingest_quality.usable(text_quality(scan.tabled))
        assert ingest_pdf.tabled_usable(scan.tabled, scan) is counted is True
        # trap: cell pieces joined into "(cid:N)" tokens are counted again, and fail
        cids = scan.tabled + "(cid:7)" * len(scan.tabled)
        assert ingest_pdf.tabled_usable(cids, replace(scan, tabled=cids)) is False
