"""Checks on the committed corpus PDFs (no font needed) and on the renderer (font needed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pdfplumber
import pypdfium2 as pdfium
import pytest
import regex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCRIPT = ROOT / "scripts" / "render_pdfs.py"
TIBET = CORPUS / "tibet-2017-keji-yuanzang.pdf"
LISHAN = CORPUS / "dev" / "02_lishan_2023_zdgz.pdf"
WUHU = CORPUS / "dev" / "20_wuhu_2025_zdgz_pipetable.pdf"
GUOBANHAN = CORPUS / "dev" / "06_guobanhan_2016_38_lianghua.pdf"
ALL_PDFS = (TIBET, LISHAN, WUHU, GUOBANHAN)
LISHAN_HEADER = "立山区政府2023年重点工作任务分解和责任分工方案"
WUHU_HEADER = ["序号", "目标与任务", "牵头责任单位", "责任单位"]
SPACE = regex.compile(r"\s+")
FONT = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
needs_font = pytest.mark.skipif(not FONT.is_file(), reason="fonts-arphic-uming not installed")


def squash(text: str | None) -> str:
    return SPACE.sub("", text or "")


@cache
def page_texts(pdf: Path) -> tuple[str, ...]:
    with pdfplumber.open(pdf) as doc:
        return tuple(page.extract_text() for page in doc.pages)


@cache
def page_tables(pdf: Path) -> tuple[tuple[list[list[str | None]], ...], ...]:
    with pdfplumber.open(pdf) as doc:
        return tuple(tuple(t.extract() for t in page.find_tables()) for page in doc.pages)


def body_lines(pdf: Path, page: int) -> list[str]:
    """Lines of one page without the footer and the running header."""
    lines = page_texts(pdf)[page].split("\n")
    return [ln for ln in lines[:-1] if ln != LISHAN_HEADER]


def source_lines(name: str) -> list[str]:
    path = CORPUS / name
    return [s for ln in path.read_text(encoding="utf-8").splitlines() if (s := ln.rstrip())]


def load_renderer() -> ModuleType:
    """scripts/render_pdfs.py as a module (scripts/ is not a package)."""
    pytest.importorskip("reportlab")
    if "render_pdfs" not in sys.modules:
        spec = importlib.util.spec_from_file_location("render_pdfs", SCRIPT)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["render_pdfs"] = module  # dataclasses look their module up while loading
        spec.loader.exec_module(module)
    return sys.modules["render_pdfs"]


# --- committed PDFs ---------------------------------------------------------------------------

def test_page_counts() -> None:
    counts = {p.name: len(page_texts(p)) for p in ALL_PDFS}
    assert counts[TIBET.name] >= 8
    assert counts[LISHAN.name] >= 2
    assert counts[WUHU.name] == 2
    assert counts[GUOBANHAN.name] == 2


@pytest.mark.parametrize("pdf", ALL_PDFS, ids=lambda p: p.stem)
def test_footer_on_every_page_both_extractors(pdf: Path) -> None:
    for n, text in enumerate(page_texts(pdf), start=1):
        assert text.split("\n")[-1] == f"— {n} —"
    doc = pdfium.PdfDocument(pdf)
    try:
        assert len(doc) == len(page_texts(pdf))
        for n in range(len(doc)):
            text = doc[n].get_textpage().get_text_range()
            assert f"— {n + 1} —" in text
            assert len(squash(text)) > 20
    finally:
        doc.close()


@pytest.mark.parametrize(
    ("pdf", "source"),
    [(TIBET, "tibet-2017-keji-yuanzang.txt"), (LISHAN, "dev/02_lishan_2023_zdgz.txt")],
    ids=["tibet", "lishan"],
)
def test_prose_text_is_complete(pdf: Path, source: str) -> None:
    body = "".join(squash("".join(body_lines(pdf, i))) for i in range(len(page_texts(pdf))))
    assert body == squash("".join(source_lines(source)))


def test_tibet_wraps_agency_names_across_lines() -> None:
    gold = json.loads((CORPUS / "gold" / "tibet-2017-keji-yuanzang.json").read_text("utf-8"))
    names = {n for t in gold["tasks"] for n in [*t["lead"], *t["participants"]] if len(n) > 2}
    text = "\n".join(page_texts(TIBET))
    split = {n for n in names if any(f"{n[:i]}\n{n[i:]}" in text for i in range(1, len(n)))}
    assert split, "no agency name is split across a line break"


def test_tibet_task_runs_across_a_page_break() -> None:
    lines = source_lines("tibet-2017-keji-yuanzang.txt")
    tasks_from = next(i for i, ln in enumerate(lines) if "如下分工方案" in ln)
    crossing = []
    for k in range(len(page_texts(TIBET)) - 1):
        joint = squash(body_lines(TIBET, k)[-1] + body_lines(TIBET, k + 1)[0])
        hits = [i for i, ln in enumerate(lines) if joint in squash(ln)]
        crossing += [i for i in hits if i > tasks_from]
    assert crossing, "no task paragraph continues on the next page"


def test_lishan_running_header_on_every_page() -> None:
    texts = page_texts(LISHAN)
    assert len(texts) >= 2
    assert all(t.split("\n")[0] == LISHAN_HEADER for t in texts)


def test_wuhu_table_crosses_page_with_repeated_header() -> None:
    tables = page_tables(WUHU)
    assert [len(t) for t in tables] == [1, 1]
    first, second = tables[0][0], tables[1][0]
    assert first[0] == WUHU_HEADER and second[0] == WUHU_HEADER
    assert second[1][0] == "(8)"  # a task row starts the second page
    assert first[-1][:2] == ["1", "大力提振消费。"]  # its heading is on the first page


def test_wuhu_table_matches_source_with_merged_cells() -> None:
    rows = [r for page in page_tables(WUHU) for r in page[0][1:]]
    src = [ln for ln in source_lines("dev/20_wuhu_2025_zdgz_pipetable.txt") if "|" in ln][1:]
    assert len(rows) == len(src) == 13
    for row, line in zip(rows, src, strict=True):
        cells = [c.strip() for c in line.split("|")][:4]
        got = [squash(c) for c in row]
        expected = [squash(c) for c in cells]
        # covered cells come back as None: spanned headings and the merged 责任单位 run
        assert [g for g, c in zip(got, row, strict=True) if c is not None] == [
            e for e, c in zip(expected, row, strict=True) if c is not None
        ]
    by_number = {r[0]: r for r in rows}
    assert squash(by_number["(1)"][3]) == "各县市区政府、开发区管委会"
    assert all(by_number[f"({n})"][3] is None for n in range(2, 8))  # vertically merged
    assert by_number["一、主要预期目标"][1:] == [None, None, None]  # horizontal span
    assert by_number["1"][2:] == [None, None]
    assert any("\n" in (c or "") for r in rows for c in r)  # multi-line cells


def test_guobanhan_table_and_merged_lead() -> None:
    (table,) = [t for page in page_tables(GUOBANHAN) for t in page]
    assert [squash(c) for c in table[0]] == ["序号", "工作任务", "牵头负责部门"]
    assert [r[0] for r in table[1:]] == [str(n) for n in range(1, 10)]
    assert [r[2] for r in table[3:6]] == ["财政部", None, None]  # rows 3-5 merged
    assert squash(table[2][2]) == "人力资源社会保障部"


# --- the renderer (needs the font) ------------------------------------------------------------

def test_missing_font_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = load_renderer()
    monkeypatch.setattr(renderer, "FONT_PATH", Path("/nonexistent/uming.ttc"))
    with pytest.raises(renderer.FontMissingError, match="apt-get install fonts-arphic-uming"):
        renderer.find_cjk_font()


@needs_font
def test_render_corpus_reproduces_committed_bytes(tmp_path: Path) -> None:
    renderer = load_renderer()
    for name in ("tibet-2017-keji-yuanzang.txt", *(f"dev/{p.stem}.txt" for p in ALL_PDFS[1:])):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    written = renderer.render_corpus(tmp_path)
    assert [p.relative_to(tmp_path) for p in written] == [p.relative_to(CORPUS) for p in ALL_PDFS]
    for path in written:
        assert path.read_bytes() == (CORPUS / path.relative_to(tmp_path)).read_bytes()


@needs_font
def test_render_table_merges_and_spans(tmp_path: Path) -> None:
    renderer = load_renderer()
    rows = [["一、标题", None, None], ["1", "任务甲", "甲局"], ["2", "任务乙", "甲局"],
            ["3", "任务丙", "乙局"]]
    out = renderer.render_table(["序号", "任务", "单位"], rows, tmp_path / "t.pdf", title="表")
    with pdfplumber.open(out) as doc:
        (table,) = doc.pages[0].find_tables()
        got = table.extract()
    assert got[1] == ["一、标题", None, None]
    assert [r[2] for r in got[2:]] == ["甲局", None, "乙局"]


@needs_font
def test_render_prose_many_pages_deterministic(tmp_path: Path) -> None:
    renderer = load_renderer()
    paragraphs = ["牵头单位：科技厅。参加单位：" + "、".join(["工业和信息化厅"] * 30)] * 20
    a = renderer.render_prose(paragraphs, tmp_path / "a.pdf", title="测试", running_header="页眉")
    b = renderer.render_prose(paragraphs, tmp_path / "b.pdf", title="测试", running_header="页眉")
    assert a.read_bytes() == b.read_bytes()
    with pdfplumber.open(a) as doc:
        assert len(doc.pages) >= 5
        assert all(p.extract_text().startswith("页眉\n") for p in doc.pages)
