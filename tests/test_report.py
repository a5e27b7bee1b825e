"""The HTML review report: spans at the right characters, escaping, and a real browser check."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import CORPUS, ROOT

from pipeline.analysis.report import Span, build_report, page_name, render_text
from pipeline.batch.run import run_batch
from pipeline.schema import TABLES

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TIBET_SOURCES = ("corpus/tibet-2017-keji-yuanzang.pdf", "corpus/tibet-2017-keji-yuanzang.txt")
HOSTILE = "<script>alert(1)</script>"
SPECIALS = "&<>\"'"
VOID = {"meta", "img", "input", "br", "link", "hr"}
SPAN_TABLES = ("tasks", "task_agencies", "targets", "deadlines", "leaders", "rejected_numbers")


# ---------------------------------------------------------------- parsing the pages


class SpanParser(HTMLParser):
    """Text of every ``data-span`` element (fragments joined), the tag nesting and rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.pieces: dict[str, list[str]] = defaultdict(list)
        self.info: dict[str, dict[str, str]] = {}
        self.in_text = False
        self.text: list[str] = []
        self.scripts = 0
        self.task_rows = 0
        self.in_tasks = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        sid = a.get("data-span")
        if tag not in VOID:
            self.stack.append((tag, sid))
        if tag == "pre" and a.get("id") == "text":
            self.in_text = True
        if tag == "script":
            self.scripts += 1
        if tag == "table" and a.get("id") == "tasks":
            self.in_tasks = True
        if tag == "tr" and self.in_tasks and "data-goto" in a:
            self.task_rows += 1
        if sid and "data-start" in a:
            self.info[sid] = a

    def handle_endtag(self, tag: str) -> None:
        open_tag, _ = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if tag == "pre":
            self.in_text = False
        if tag == "table":
            self.in_tasks = False

    def handle_data(self, data: str) -> None:
        if not self.in_text:
            return
        self.text.append(data)
        for sid in {sid for _, sid in self.stack if sid}:
            self.pieces[sid].append(data)

    def span_text(self, sid: str) -> str:
        return "".join(self.pieces[sid])


def parse(path: Path) -> SpanParser:
    parser = SpanParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    assert not parser.stack, f"unclosed tags in {path.name}: {parser.stack}"
    return parser


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-out")
    summary = run_batch([CORPUS], out)
    assert not summary.errors
    return out


@pytest.fixture(scope="session")
def report_dir(corpus_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("report")
    build_report(corpus_out, dest)
    return dest


@pytest.fixture(scope="session")
def documents(corpus_out: Path) -> pd.DataFrame:
    return pd.read_parquet(corpus_out / "documents")


def _doc(documents: pd.DataFrame, source: str) -> pd.Series:
    return documents[documents["source_path"].str.endswith(source)].iloc[0]


def _write_output(out: Path, tables: dict[str, list[dict]]) -> Path:
    """A hand-made output folder: every table, with the given rows."""
    for name, schema in TABLES.items():
        (out / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(tables.get(name, []), schema=schema),
                       out / name / "part.parquet")
    return out


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A notice whose text, title, mention, warning and error carry markup and specials."""
    text = (f"通知 {HOSTILE} {SPECIALS}\n1.加强<b>协调</b>工作{SPECIALS}，2025年底前完成10个。"
            f"牵头单位：{HOSTILE}科技厅\n")
    key = {"doc_id": "d0c1d", "task_id": "d0c1d-0001"}
    task_start = text.index("1.")
    mention_start = text.index(HOSTILE, task_start)
    target_start = text.index("2025")
    deadline_end = text.index("前") + 1

    def at(start: int, end: int) -> dict:
        return {"char_start": start, "char_end": end}

    tables = {
        "documents": [{
            "doc_id": "d0c1d", "source_path": f"x/{HOSTILE}.txt", "sha256": "0" * 64,
            "format": "txt", "title": f"{HOSTILE}{SPECIALS}", "n_pages": 1, "n_tasks": 1,
            "text": text, "warnings": [f"<img src=x onerror=alert(2)>{SPECIALS}"],
            "schema_version": "1.0", "pipeline_version": "test",
        }],
        "tasks": [{**key, "seq": 1, "number": "1", "section": HOSTILE,
                   "title": f"加强<b>协调</b>工作{SPECIALS}", "text": text[task_start:-1],
                   "page_start": 1, "page_end": 1, **at(task_start, len(text) - 1)}],
        "task_agencies": [{**key, "role": "lead", "role_label": "牵头单位", "position": 1,
                           "mention": text[mention_start:-1], "agency": HOSTILE,
                           "agency_id": "ag_x", "collective": False, "known": False, "page": 1,
                           **at(mention_start, len(text) - 1)}],
        # crossing spans: the target 底前完成10个 starts inside the deadline 2025年底前.
        "targets": [{**key, "kind": "count", "value_min": 10.0, "value_max": 10.0,
                     "comparator": "eq", "unit": "个", "raw": text[target_start + 5:
                                                                  text.index("个") + 1],
                     "page": 1, **at(target_start + 5, text.index("个") + 1)}],
        "deadlines": [{**key, "raw": text[target_start:deadline_end], "kind": "by_date",
                       "page": 1, **at(target_start, deadline_end)}],
        "rejected_numbers": [{**key, "raw": SPECIALS[:2], "reason": "test",
                              **at(text.index(SPECIALS, task_start),
                                   text.index(SPECIALS, task_start) + 2)}],
        "errors": [{"source_path": f"bad/{HOSTILE}.pdf", "sha256": None, "stage": "ingest",
                    "error": "corrupt_pdf", "message": f"{HOSTILE}{SPECIALS}"}],
    }
    out = _write_output(tmp_path_factory.mktemp("hostile-out"), tables)
    dest = tmp_path_factory.mktemp("hostile-report")
    build_report(out, dest, charts=False)
    return dest, text


# ---------------------------------------------------------------- render_text


def _spans(*ranges: tuple[int, int, str]) -> list[Span]:
    return [Span(f"s{i}", a, b, kind, kind, "t-0001", kind) for i, (a, b, kind) in
            enumerate(ranges)]


def _parse_fragment(markup: str) -> SpanParser:
    parser = SpanParser()
    parser.feed(f'<pre id="text">{markup}</pre>')
    parser.close()
    assert not parser.stack
    return parser


@pytest.mark.parametrize(
    "ranges",
    [
        [(0, 12, "task"), (3, 6, "target")],                    # nested
        [(0, 12, "task"), (2, 7, "target"), (5, 10, "deadline")],  # crossing
        [(2, 7, "target"), (2, 7, "rejected"), (2, 7, "agency")],  # identical ranges
        [(0, 4, "agency"), (4, 8, "agency"), (0, 8, "task")],    # adjacent inside one
        [(1, 9, "deadline"), (3, 5, "target"), (4, 11, "agency"), (0, 12, "task")],
    ],
)
def test_render_text_nests_overlapping_spans(ranges: list[tuple[int, int, str]]) -> None:
    text = "0123456789AB"
    spans = _spans(*ranges)
    parser = _parse_fragment(render_text(text, spans))
    assert "".join(parser.text) == text
    for span in spans:
        assert parser.span_text(span.sid) == text[span.start:span.end]


def test_render_text_crossing_spans_are_split_into_fragments() -> None:
    spans = _spans((2, 7, "target"), (5, 10, "deadline"))
    markup = render_text("0123456789", spans)
    assert markup.count('data-span="s1"') == 1
    assert markup.count('data-span="s0"') + markup.count('data-span="s1"') == 3
    assert markup.count('id="s0"') == markup.count('id="s1"') == 1  # ids stay unique


# ---------------------------------------------------------------- corpus report


def test_every_span_is_at_its_characters(report_dir: Path, corpus_out: Path,
                                         documents: pd.DataFrame) -> None:
    counts = defaultdict(int)
    for name in SPAN_TABLES:
        for doc_id, n in pd.read_parquet(corpus_out / name).groupby("doc_id").size().items():
            counts[doc_id] += n
    for doc in documents.itertuples():
        parser = parse(report_dir / page_name(doc.doc_id))
        assert "".join(parser.text) == doc.text
        assert len(parser.info) == counts[doc.doc_id], doc.source_path
        for sid, attrs in parser.info.items():
            start, end = int(attrs["data-start"]), int(attrs["data-end"])
            assert parser.span_text(sid) == doc.text[start:end], (doc.source_path, sid)


@pytest.mark.parametrize("source", TIBET_SOURCES)
def test_tibet_page_has_35_tasks_and_the_800_target(report_dir: Path, documents: pd.DataFrame,
                                                     source: str) -> None:
    doc = _doc(documents, source)
    parser = parse(report_dir / page_name(doc.doc_id))
    assert parser.task_rows == 35
    kinds = defaultdict(list)
    for sid, attrs in parser.info.items():
        kinds[attrs["class"]].append(parser.span_text(sid))
    assert any("800名" in t for t in kinds["k-target r-target"])
    assert len(kinds["k-agency r-lead"]) == 35
    assert "十三五" in kinds["k-rejected r-rejected"]  # the plan-period trap is shown, rejected
    assert not any("十三五" in t for t in kinds["k-target r-target"])


def test_index_lists_documents_with_counts(report_dir: Path, documents: pd.DataFrame,
                                           corpus_out: Path) -> None:
    index = (report_dir / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(doc-[0-9a-f]+\.html)"', index)
    assert sorted(set(links)) == sorted(page_name(d) for d in documents["doc_id"])
    assert all((report_dir / link).is_file() for link in links)
    tibet = _doc(documents, TIBET_SOURCES[0])
    row = re.search(rf'href="{page_name(tibet.doc_id)}".*?</tr>', index).group(0)
    cells = re.findall(r'<td class="num">(\d+)</td>', row)
    n_targets = (pd.read_parquet(corpus_out / "targets")["doc_id"] == tibet.doc_id).sum()
    assert cells[:2] == ["13", "35"] and int(cells[4]) == n_targets  # pages, tasks, targets
    assert "no errors" in index and "unknown agency" in index  # the corpus's warnings


def test_summary_page_shows_the_charts(report_dir: Path) -> None:
    summary = (report_dir / "summary.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', summary)
    assert images == ["charts/tasks_per_lead.png", "charts/network.png",
                      "charts/targets_by_kind.png"]
    assert all((report_dir / src).stat().st_size > 1000 for src in images)
    assert "chart failed" not in summary


def test_cli_report_writes_the_default_folder(corpus_out: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = tmp_path / "out"
    shutil.copytree(corpus_out, out)
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report" / "index.html").is_file()
    assert CliRunner().invoke(app, ["report", str(tmp_path / "nothing")]).exit_code == 2


# ---------------------------------------------------------------- escaping


def test_notice_content_is_escaped(hostile_report: tuple[Path, str]) -> None:
    dest, text = hostile_report
    for page in (dest / "index.html", dest / page_name("d0c1d"), dest / "summary.html"):
        markup = page.read_text(encoding="utf-8")
        assert HOSTILE not in markup and "<img src=x" not in markup and "<b>" not in markup
        assert markup.count("<script>") == (1 if page.name.startswith("doc-") else 0)
    markup = (dest / page_name("d0c1d")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&amp;&lt;&gt;&quot;&#x27;" in markup
    parser = parse(dest / page_name("d0c1d"))
    assert "".join(parser.text) == text
    assert len(parser.info) == 5
    for sid, attrs in parser.info.items():
        assert parser.span_text(sid) == text[int(attrs["data-start"]):int(attrs["data-end"])]
    lead = next(s for s, a in parser.info.items() if "r-lead" in a["class"])
    assert parser.span_text(lead) == f"{HOSTILE}科技厅"
    index = (dest / "index.html").read_text(encoding="utf-8")
    assert "corrupt_pdf" in index and "bad/&lt;script&gt;" in index


# ---------------------------------------------------------------- real browser


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip playwright not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed (/usr/bin/chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, path: Path):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems


IN_PANE = """([id, whole]) => {
  const el = document.getElementById(id), pane = el.closest('.pane');
  const r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
  return whole ? r.top >= p.top && r.bottom <= p.bottom : r.bottom > p.top && r.top < p.bottom;
}"""


@pytest.mark.browser
def test_tibet_page_in_chromium(browser, report_dir: Path, corpus_out: Path,  # type: ignore[no-untyped-def]
                                documents: pd.DataFrame) -> None:
    doc = _doc(documents, TIBET_SOURCES[0])
    targets = pd.read_parquet(corpus_out / "targets")
    target = targets[(targets["doc_id"] == doc.doc_id) & targets["raw"].str.contains("800名")]
    task_id = target["task_id"].iloc[0]
    page, problems = _open(browser, report_dir / page_name(doc.doc_id))
    assert page.locator("#tasks tbody tr").count() == 35
    mark = page.locator("#text mark.r-target", has_text="800名")
    assert mark.count() == 1
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"

    row = page.locator(f"#row-{task_id}")
    task_span = row.get_attribute("data-goto")
    assert not page.evaluate(IN_PANE, [task_span, False])  # task 30 starts below the fold
    row.locator("td.title").click()
    page.wait_for_function(IN_PANE, arg=[task_span, False], timeout=5000)
    assert "flash" in (page.locator(f"#{task_span}").get_attribute("class") or "")
    assert "active" in (row.get_attribute("class") or "")

    mark.scroll_into_view_if_needed()
    page.locator("#tasks tbody tr").first.locator("td.title").click()  # back to the top
    page.wait_for_function(f"() => !({IN_PANE})(['{mark.get_attribute('id')}', false])",
                           timeout=5000)
    row.locator("a.chip.r-target").click()  # a chip goes to its own span
    page.wait_for_function(IN_PANE, arg=[mark.get_attribute("id"), True], timeout=5000)
    page.wait_for_timeout(400)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-tibet-2017.png"))
    assert problems == []


@pytest.mark.browser
def test_index_summary_and_hostile_page_in_chromium(browser, report_dir: Path,  # type: ignore[no-untyped-def]
                                                    hostile_report: tuple[Path, str]) -> None:
    for path, charts in ((report_dir / "index.html", 0), (report_dir / "summary.html", 3)):
        page, problems = _open(browser, path)
        for image in page.locator("img").all():  # charts load lazily: bring each into view
            image.scroll_into_view_if_needed()
        page.wait_for_function("() => [...document.images].every(i => i.complete)",
                               timeout=10000)
        widths = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
        assert len(widths) == charts and all(w > 100 for w in widths), (path.name, widths)
        assert problems == [], (path.name, problems)
        page.close()
    page, problems = _open(browser, hostile_report[0] / page_name("d0c1d"))
    assert HOSTILE in page.locator("#text").inner_text()
    page.locator("#tasks tbody tr").first.click()
    assert page.evaluate("() => document.querySelectorAll('img, script:not(:first-of-type)')"
                         ".length") == 0
    assert problems == []


def test_provenance_says_how_the_text_was_obtained() -> None:
    from pipeline.analysis.report import provenance

    row = {"page_methods": ["text", "text", "ocr"], "ocr_confidence": 0.9731}
    assert provenance(row) == "2 pages text layer, 1 page OCR, mean OCR confidence 0.97"
    assert provenance({"page_methods": ["table"], "ocr_confidence": None}) == "1 page tables rebuilt"
    assert provenance({"page_methods": None}) == ""
