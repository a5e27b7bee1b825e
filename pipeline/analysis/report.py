"""Static HTML review report over a pipeline output folder.

``build_report(OUT, DEST)`` writes ``index.html`` (documents with counts, errors, warnings),
one ``doc-<doc_id>.html`` per document (its normalized text with every extracted span
highlighted, beside its task table; a text longer than ``PAGE_CHARS`` is split at line
breaks over ``doc-<doc_id>-<n>.html`` pages, each with the tasks it shows) and
``summary.html`` (charts). Tables are read through ``pipeline.analysis.output``. Pages
inline their CSS and JS (``pipeline/templates/``), so the report works from file:// and
offline.

Everything taken from a notice is untrusted: it is always passed through ``html.escape``.
The highlighted text is built from sorted span boundaries (never by string replacement), so
overlapping and crossing spans render as correctly nested elements; a span cut by another
becomes several fragments that share its ``data-span`` id.
"""

from __future__ import annotations

import hashlib
import html
import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from pipeline import PIPELINE_VERSION
from pipeline.analysis.output import read_rows
from pipeline.catalog import Role

TABLE_NAMES = ("documents", "tasks", "task_agencies", "targets", "deadlines", "leaders",
               "rejected_numbers", "errors")
CHART_DIR = "charts"
PAGE_CHARS = 200_000  # characters of text per document page
SAFE_ID = regex.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Opening order for spans sharing start and end: the task outermost, rejected numbers inmost.
KIND_ORDER = {"task": 0, "target": 1, "deadline": 2, "agency": 3, "leader": 4, "rejected": 5}
# Legend: css role class → label. Roles come from the schema's closed vocabularies.
LEGEND = (
    ("task", "任务 task"),
    (Role.LEAD, "牵头 lead"),
    (Role.RESPONSIBLE, "责任 responsible"),
    (Role.PARTICIPANT, "参加/配合 participant"),
    ("collective", "集体 collective"),
    ("target", "指标 target"),
    ("deadline", "时限 deadline"),
    ("leader", "责任领导 leader"),
    ("rejected", "排除的数字 rejected number"),
)
PARTICIPANT_ROLES = (Role.RESPONSIBLE, Role.PARTICIPANT)

Row = dict[str, Any]


def esc(value: object) -> str:
    """Escaped text of a value (empty for None/NaN)."""
    return html.escape(_text(value), quote=True)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _warnings(doc: Row) -> list[str]:
    """A document's warnings (Parquet lists arrive as arrays, or None)."""
    value = doc.get("warnings")
    return [] if value is None else [str(w) for w in value]


def _page_methods(doc: Row) -> list[str]:
    """Parquet lists arrive as arrays, lists or None."""
    value = doc.get("page_methods")
    return [] if value is None else [str(m) for m in value]


def provenance(doc: Row) -> str:
    """How the document's text was obtained: "2 pages text, 1 page OCR (mean confidence 0.97)"."""
    methods = _page_methods(doc)
    if not methods:
        return ""
    names = {"text": "text layer", "table": "tables rebuilt", "ocr": "OCR"}
    parts = [f"{methods.count(m)} page{'s' * (methods.count(m) != 1)} {names.get(m, m)}"
             for m in dict.fromkeys(methods)]
    confidence = doc.get("ocr_confidence")
    if confidence is not None and not (isinstance(confidence, float) and math.isnan(confidence)):
        parts.append(f"mean OCR confidence {float(confidence):.2f}")
    return ", ".join(parts)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Output:
    """The rows of an output folder, as plain dicts with None for nulls."""

    tables: dict[str, list[Row]]

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def by_doc(self, table: str) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = defaultdict(list)
        for row in self.rows(table):
            grouped[row["doc_id"]].append(row)
        return grouped


def read_output(out_dir: Path) -> Output:
    """Read the tables the report needs (missing tables are empty)."""
    return Output({name: read_rows(Path(out_dir), name) for name in TABLE_NAMES})


# ---------------------------------------------------------------- spans


@dataclass(frozen=True)
class Span:
    """One highlighted range of ``documents.text``."""

    sid: str
    start: int
    end: int
    kind: str  # task, agency, target, deadline, leader, rejected
    role: str  # css role class: task, lead, responsible, participant, collective, ...
    task_id: str
    title: str  # tooltip

    @property
    def tag(self) -> str:
        return "span" if self.kind == "task" else "mark"


def _agency_title(row: Row) -> str:
    parts = [row["role"], _text(row.get("role_label"))]
    name = row.get("agency") or ("collective" if row.get("collective") else "unresolved")
    known = "" if row.get("known") or row.get("collective") else " (not in gazetteer)"
    return f"{' · '.join(p for p in parts if p)}: {name}{known}"


def _target_title(row: Row) -> str:
    value = _text(row.get("value_min"))
    if row.get("value_max") not in (None, row.get("value_min")):
        value += f"–{_text(row.get('value_max'))}"
    extra = [_text(row.get(k)) for k in ("object", "period") if row.get(k)]
    return f"target {row['kind']} {row['comparator']} {value} {row['unit']} " + " · ".join(extra)


def _span_rows(doc: dict[str, list[Row]]) -> Iterable[tuple[str, str, Row, str]]:
    """(kind, role, row, tooltip) for every extracted value of one document."""
    for row in doc.get("tasks", []):
        yield "task", "task", row, f"task {_text(row.get('number')) or row['seq']}"
    for row in doc.get("task_agencies", []):
        role = "collective" if row.get("collective") else row["role"]
        yield "agency", role, row, _agency_title(row)
    for row in doc.get("targets", []):
        yield "target", "target", row, _target_title(row)
    for row in doc.get("deadlines", []):
        due = _text(row.get("due_date"))
        yield "deadline", "deadline", row, f"deadline {row['kind']} {due}".rstrip()
    for row in doc.get("leaders", []):
        yield "leader", "leader", row, f"leader {_text(row.get('role_label'))}".rstrip()
    for row in doc.get("rejected_numbers", []):
        yield "rejected", "rejected", row, f"rejected number: {row['reason']}"


def document_spans(doc: dict[str, list[Row]], text_length: int) -> tuple[list[Span], int]:
    """Spans of one document (rows by table), and how many rows had an impossible span."""
    spans: list[Span] = []
    bad = 0
    for kind, role, row, title in _span_rows(doc):
        start, end = int(row["char_start"]), int(row["char_end"])
        if not 0 <= start < end <= text_length:
            bad += 1
            continue
        spans.append(Span(f"s{len(spans)}", start, end, kind, role, row["task_id"], title))
    return spans, bad


def _nest_key(span: Span) -> tuple[int, int, int, int]:
    """Outer spans first: ends later, starts earlier, kind order."""
    return -span.end, span.start, KIND_ORDER.get(span.kind, 9), int(span.sid[1:])


def _open_tag(span: Span, first: bool, task_seq: dict[str, int]) -> str:
    attrs = [f'data-span="{span.sid}"']
    if span.kind == "task":
        parity = "odd" if task_seq.get(span.task_id, 0) % 2 else "even"
        attrs.insert(0, f'class="task {parity}"')
        attrs.append(f'data-task="{esc(span.task_id)}"')
    else:
        attrs.insert(0, f'class="k-{span.kind} r-{span.role}"')
        attrs.append(f'title="{esc(span.title)}"')
    if first:
        attrs.append(f'id="{span.sid}" data-start="{span.start}" data-end="{span.end}"')
    else:
        attrs.append('data-cont="1"')
    return f"<{span.tag} {' '.join(attrs)}>"


def render_text(text: str, spans: Sequence[Span], task_seq: dict[str, int] | None = None) -> str:
    """``text`` escaped, with every span wrapped in properly nested elements.

    The open elements are kept ordered outer → inner (see ``_nest_key``), so spans ending at
    a boundary are always on top. When a new span must go below an open one (they cross),
    the open ones above it are closed and reopened as continuation fragments.
    """
    task_seq = task_seq or {}
    starts: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        starts[span.start].append(span)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    for here, upto in zip(bounds, [*bounds[1:], len(text)], strict=True):
        while stack and stack[-1].end == here:
            out.append(f"</{stack.pop().tag}>")
        new = sorted(starts.get(here, ()), key=_nest_key)
        if new:
            cut = min((i for i, s in enumerate(stack) if _nest_key(new[0]) < _nest_key(s)),
                      default=len(stack))
            reopen = stack[cut:]
            out.extend(f"</{s.tag}>" for s in reversed(reopen))
            del stack[cut:]
            for span in sorted([*reopen, *new], key=_nest_key):
                out.append(_open_tag(span, span.start == here, task_seq))
                stack.append(span)
        out.append(html.escape(text[here:upto], quote=True))
    out.extend(f"</{s.tag}>" for s in reversed(stack))
    return "".join(out)


# ---------------------------------------------------------------- pages


@cache
def _asset(name: str) -> str:
    return (resources.files("pipeline") / "templates" / name).read_text(encoding="utf-8")


def _page(title: str, header: str, body: str, *, script: bool = False,
          body_class: str = "") -> str:
    js = f"<script>\n{_asset('report.js')}</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>\n{_asset('report.css')}</style>\n</head>\n"
        f'<body class="{body_class}">\n<header class="top">{header}</header>\n{body}\n'
        f"{js}</body>\n</html>\n"
    )


def _table(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]], *,
           empty: str, attrs: str = "", row_attrs: Sequence[str] | None = None) -> str:
    """An HTML table; ``columns`` are (escaped label, css class), cells are already HTML."""
    if not rows:
        return f'<p class="empty">{esc(empty)}</p>'
    head = "".join(f'<th class="{cls}">{label}</th>' for label, cls in columns)
    body = []
    for i, row in enumerate(rows):
        extra = f" {row_attrs[i]}" if row_attrs else ""
        cells = "".join(f'<td class="{cls}">{cell}</td>'
                        for (_, cls), cell in zip(columns, row, strict=True))
        body.append(f"<tr{extra}>{cells}</tr>")
    return (f'<table class="grid"{attrs}><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def page_name(doc_id: str, page: int = 1) -> str:
    """File name of a document's page (doc ids are hex; anything else is hashed)."""
    safe = doc_id if SAFE_ID.match(doc_id) else hashlib.sha256(doc_id.encode()).hexdigest()[:16]
    return f"doc-{safe}.html" if page == 1 else f"doc-{safe}-{page}.html"


def text_windows(text: str, size: int = PAGE_CHARS) -> list[tuple[int, int]]:
    """Consecutive ranges of at most ``size`` characters covering ``text``, cut after a line
    break when there is one in the second half of the range."""
    windows, start = [], 0
    while start < len(text) or not windows:
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        windows.append((start, end))
        start = end
    return windows


def window_rows(rows: dict[str, list[Row]], start: int, end: int) -> dict[str, list[Row]]:
    """The rows whose span meets ``[start, end)``, with spans clipped to it and made relative."""
    return {
        table: [
            {**r, "char_start": max(start, r["char_start"]) - start,
             "char_end": min(end, r["char_end"]) - start}
            for r in table_rows
            if r["char_start"] < end and r["char_end"] > start
        ]
        for table, table_rows in rows.items()
    }


def _doc_title(doc: Row) -> str:
    return _text(doc.get("title")) or Path(_text(doc["source_path"])).name


@dataclass(frozen=True)
class DocCounts:
    tasks: int
    mentions: int
    agencies: int
    targets: int
    deadlines: int
    rejected: int
    leaders: int


def _counts(rows: dict[str, list[Row]]) -> DocCounts:
    mentions = rows.get("task_agencies", [])
    return DocCounts(
        tasks=len(rows.get("tasks", [])),
        mentions=len(mentions),
        agencies=len({r["agency_id"] for r in mentions if r.get("agency_id")}),
        targets=len(rows.get("targets", [])),
        deadlines=len(rows.get("deadlines", [])),
        rejected=len(rows.get("rejected_numbers", [])),
        leaders=len(rows.get("leaders", [])),
    )


def _chip(span: Span, label: str, extra_class: str = "") -> str:
    cls = f"chip r-{span.role} {extra_class}".strip()
    return (f'<a class="{cls}" href="#{span.sid}" data-goto="{span.sid}" '
            f'title="{esc(span.title)}">{esc(label)}</a>')


def _chips(group: Iterable[Span], text: str, known: dict[tuple[str, int], bool]) -> str:
    """Links to spans, labelled by their text; unresolved agencies are marked."""
    return "".join(
        _chip(s, text[s.start:s.end], "" if known.get((s.task_id, s.start), True) else "unknown")
        for s in group
    )


def _task_rows(doc: dict[str, list[Row]], spans: list[Span], text: str) -> tuple[list, list]:
    """Cells and row attributes of the task table."""
    by_task: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for span in spans:
        by_task[span.task_id][span.kind].append(span)
    known = {(r["task_id"], int(r["char_start"])): bool(r.get("known") or r.get("collective"))
             for r in doc.get("task_agencies", [])}
    rows, attrs = [], []
    for task in sorted(doc.get("tasks", []), key=lambda r: int(r["seq"])):
        own = by_task[task["task_id"]]
        agencies = sorted(own["agency"], key=lambda s: s.start)

        def chips(group: Iterable[Span]) -> str:
            return _chips(group, text, known)

        lead = [s for s in agencies if s.role == Role.LEAD]
        others = [s for s in agencies if s.role != Role.LEAD]
        people = sorted(own["leader"], key=lambda s: s.start)
        rows.append([
            esc(_text(task.get("number")) or f"#{task['seq']}"),
            esc(task["title"]),
            chips(lead) + chips(people),
            chips(others),
            chips(sorted(own["target"], key=lambda s: s.start)),
            chips(sorted(own["deadline"], key=lambda s: s.start)),
        ])
        goto = own["task"][0].sid if own["task"] else ""
        attrs.append(f'id="row-{esc(task["task_id"])}" data-goto="{goto}" '
                     f'title="{esc(task.get("section"))}"')
    return rows, attrs


def _legend() -> str:
    boxes = "".join(
        f'<label><input type="checkbox" checked data-toggle="{role}">'
        f'<span class="sw r-{role}"></span>{esc(label)}</label>'
        for role, label in LEGEND
    )
    return f'<div class="legend" aria-label="legend">{boxes}</div>'


def _doc_header(doc: Row, counts: DocCounts, nav: str) -> str:
    facts = [
        ("文号", doc.get("doc_number")), ("发文单位", doc.get("issuer")),
        ("地区", doc.get("jurisdiction")), ("日期", doc.get("publish_date")),
        ("来源", doc.get("source_path")), ("页数", doc.get("n_pages")),
    ]
    meta = "".join(f"<span>{esc(k)}: {esc(v)}</span>" for k, v in facts if _text(v))
    tally = (f"<span>{counts.tasks} tasks</span><span>{counts.mentions} agency mentions</span>"
             f"<span>{counts.targets} targets</span><span>{counts.deadlines} deadlines</span>"
             f"<span>{counts.rejected} rejected numbers</span>")
    return (f'<nav class="crumbs">{nav}</nav><h1>{esc(_doc_title(doc))}</h1>'
            f'<div class="meta">{meta}</div><div class="meta">{tally}</div>')


def render_document(doc: Row, rows: dict[str, list[Row]], nav: str = "") -> str:
    """The page of one document: highlighted text beside its task table."""
    text = _text(doc["text"])
    spans, bad = document_spans(rows, len(text))
    seqs = {r["task_id"]: int(r["seq"]) for r in rows.get("tasks", [])}
    counts = _counts(rows)
    notes = [esc(w) for w in _warnings(doc)]
    if bad:
        notes.append(f"{bad} row(s) with a span outside the text were not highlighted")
    warn = "".join(f'<div class="meta"><span class="badge warn">warning</span> {n}</div>'
                   for n in notes)
    if provenance(doc):
        warn = f'<div class="meta">read from: {esc(provenance(doc))}</div>' + warn
    task_cells, row_attrs = _task_rows(rows, spans, text)
    columns = [("No.", "no"), ("任务 title", "title"), ("牵头 lead", "lead"),
               ("参加/责任 participants", "parts"), ("指标 targets", "targets"),
               ("时限 deadlines", "deadlines")]
    tasks_html = _table(columns, task_cells, empty="no tasks found", attrs=' id="tasks"',
                        row_attrs=row_attrs)
    body = (
        f"{_legend()}\n<div class=\"doc-layout\">\n"
        f'<section class="pane" aria-label="text"><h2>正文 normalized text '
        f'({len(text)} characters, {len(spans)} spans)</h2>'
        f'<pre id="text">{render_text(text, spans, seqs)}</pre></section>\n'
        f'<section class="pane" aria-label="tasks"><h2>任务 {counts.tasks} tasks</h2>'
        f"{tasks_html}</section>\n</div>"
    )
    return _page(_doc_title(doc), _doc_header(doc, counts, nav) + warn, body, script=True,
                 body_class="doc")


def _nav(index: int, docs: list[Row]) -> str:
    links = ['<a href="index.html">← index</a>', '<a href="summary.html">summary</a>']
    if index > 0:
        links.append(f'<a href="{page_name(docs[index - 1]["doc_id"])}">‹ previous</a>')
    if index + 1 < len(docs):
        links.append(f'<a href="{page_name(docs[index + 1]["doc_id"])}">next ›</a>')
    return " · ".join(links)


def _pager(doc_id: str, page: int, windows: list[tuple[int, int]]) -> str:
    """Links to the text pages of a long document (empty for a one-page document)."""
    if len(windows) < 2:
        return ""
    links = [
        f"<b>{n}</b>" if n == page else f'<a href="{page_name(doc_id, n)}">{n}</a>'
        for n in range(1, len(windows) + 1)
    ]
    start, end = windows[page - 1]
    return (f' · text page {page} of {len(windows)} (characters {start}–{end}): '
            + " ".join(links))


def render_document_pages(doc: Row, rows: dict[str, list[Row]], nav: str = "",
                          size: int = PAGE_CHARS) -> list[tuple[str, str]]:
    """(file name, page) of every text page of one document."""
    text = _text(doc["text"])
    windows = text_windows(text, size)
    if len(windows) == 1:
        return [(page_name(doc["doc_id"]), render_document(doc, rows, nav))]
    return [
        (page_name(doc["doc_id"], n),
         render_document({**doc, "text": text[a:b]}, window_rows(rows, a, b),
                         nav + _pager(doc["doc_id"], n, windows)))
        for n, (a, b) in enumerate(windows, 1)
    ]


def render_index(output: Output, out_dir: Path) -> str:
    """Documents with their counts, then the errors and warnings tables."""
    docs = _sorted_docs(output)
    grouped = {name: output.by_doc(name) for name in TABLE_NAMES[1:-1]}
    rows, row_attrs = [], []
    for doc in docs:
        counts = _counts({name: grouped[name].get(doc["doc_id"], []) for name in grouped})
        n_warn = len(_warnings(doc))
        rows.append([
            f'<a href="{page_name(doc["doc_id"])}">{esc(_doc_title(doc))}</a>',
            esc(doc["source_path"]),
            esc(doc.get("format")) + (" · OCR" if "ocr" in _page_methods(doc) else ""),
            *(str(v) for v in (doc.get("n_pages"), counts.tasks, counts.mentions,
                               counts.agencies, counts.targets, counts.deadlines,
                               counts.rejected)),
            f'<span class="badge warn">{n_warn}</span>' if n_warn else "0",
        ])
        row_attrs.append('class="warn"' if n_warn or not counts.tasks else "")
    num = "num"
    columns = [("document", ""), ("source", ""), ("format", ""), ("pages", num),
               ("tasks", num), ("agency mentions", num), ("agencies", num), ("targets", num),
               ("deadlines", num), ("rejected numbers", num), ("warnings", num)]
    errors = [[esc(e["source_path"]), esc(e["stage"]), f'<span class="badge bad">'
               f'{esc(e["error"])}</span>', esc(e["message"])]
              for e in sorted(output.rows("errors"), key=lambda e: _text(e["source_path"]))]
    warnings = [[f'<a href="{page_name(d["doc_id"])}">{esc(d["source_path"])}</a>', esc(w)]
                for d in docs for w in _warnings(d)]
    error_columns = [("file", ""), ("stage", ""), ("error", ""), ("message", "")]
    body = (
        f'<main class="page"><section class="card"><h2>Documents ({len(docs)})</h2>'
        f'{_table(columns, rows, empty="no documents", row_attrs=row_attrs)}</section>'
        f'<section class="card"><h2>Errors ({len(errors)})</h2>'
        f'{_table(error_columns, errors, empty="no errors")}</section>'
        f'<section class="card"><h2>Warnings ({len(warnings)})</h2>'
        f'{_table([("document", ""), ("warning", "")], warnings, empty="no warnings")}'
        "</section></main>"
    )
    header = (f'<nav class="crumbs"><a href="summary.html">summary &amp; charts</a></nav>'
              f"<h1>notice-tasks review report</h1><div class=\"meta\"><span>{esc(out_dir)}"
              f"</span><span>pipeline {esc(PIPELINE_VERSION)}</span>"
              f"<span>{len(docs)} documents</span><span>{len(errors)} errors</span></div>")
    return _page("notice-tasks report", header, body)


def render_summary(output: Output, charts: Sequence[tuple[str, str]],
                   problems: Sequence[str] = ()) -> str:
    """Charts (relative image paths with captions) and the targets-by-kind counts."""
    figures = "".join(
        f'<figure><img src="{esc(src)}" alt="{esc(caption)}" loading="lazy">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
        for src, caption in charts
    )
    kinds: dict[str, int] = defaultdict(int)
    for row in output.rows("targets"):
        kinds[row["kind"]] += 1
    kind_rows = [[esc(k), str(n)] for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])]
    failed = "".join(f'<p><span class="badge bad">chart failed</span> {esc(p)}</p>'
                     for p in problems)
    body = (
        f'<main class="page"><section class="card charts"><h2>Charts</h2>{failed}{figures}'
        "</section>"
        f'<section class="card"><h2>Targets by kind</h2>'
        f'{_table([("kind", ""), ("targets", "num")], kind_rows, empty="no targets")}'
        "</section></main>"
    )
    header = ('<nav class="crumbs"><a href="index.html">← index</a></nav>'
              "<h1>Summary</h1>")
    return _page("notice-tasks summary", header, body)


# ---------------------------------------------------------------- charts


def draw_targets_by_kind(output: Output, dest: Path) -> Path:
    """Bar chart of targets per kind → ``dest/targets_by_kind.png``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pipeline.analysis.network import cjk_font

    font = cjk_font()
    kinds: dict[str, int] = defaultdict(int)
    for row in output.rows("targets"):
        kinds[row["kind"]] += 1
    ranked = sorted(kinds.items(), key=lambda kv: (kv[1], kv[0]))
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * max(1, len(ranked))))
    bars = ax.barh([k for k, _ in ranked], [n for _, n in ranked], color="#2f9e44")
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("指标数 targets", fontproperties=font)
    ax.set_title("各类指标数 Targets by kind", fontproperties=font)
    ax.spines[["top", "right"]].set_visible(False)
    path = dest / "targets_by_kind.png"
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


CAPTIONS = (
    ("tasks_per_lead.png", "各牵头单位的任务数 Tasks per lead agency"),
    ("network.png", "牵头单位 → 参与单位 Collaboration network (edge: shared tasks)"),
    ("targets_by_kind.png", "各类指标数 Targets by kind"),
)


def _charts(out_dir: Path, output: Output, dest: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Draw the charts into ``dest/charts``: (image path, caption) pairs and problems.

    A chart that fails to draw is reported on the summary page instead of failing the report.
    """
    from pipeline.analysis.network import write_graph

    folder = dest / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    problems = []
    for draw in (lambda: write_graph(out_dir, folder),
                 lambda: [draw_targets_by_kind(output, folder)]):
        try:
            written.update(p.name for p in draw())
        except Exception as exc:  # a chart is not worth losing the whole report
            problems.append(f"{type(exc).__name__}: {exc}")
            warnings.warn(f"chart failed: {problems[-1]}", stacklevel=2)
    charts = [(f"{CHART_DIR}/{name}", caption) for name, caption in CAPTIONS if name in written]
    return charts, problems


# ---------------------------------------------------------------- entry point


def _sorted_docs(output: Output) -> list[Row]:
    return sorted(output.rows("documents"), key=lambda d: (_text(d["source_path"]), d["doc_id"]))


def build_report(out_dir: Path, dest: Path, *, charts: bool = True) -> list[Path]:
    """Write the report for the output folder ``out_dir`` into ``dest``; return the pages."""
    out_dir, dest = Path(out_dir), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    output = read_output(out_dir)
    docs = _sorted_docs(output)
    grouped = {name: output.by_doc(name) for name in TABLE_NAMES[1:-1]}
    pages = []
    for i, doc in enumerate(docs):
        rows = {name: grouped[name].get(doc["doc_id"], []) for name in grouped}
        for name, page in render_document_pages(doc, rows, _nav(i, docs)):
            pages.append(_write(dest / name, page))
    pages.insert(0, _write(dest / "index.html", render_index(output, out_dir)))
    chart_list, problems = _charts(out_dir, output, dest) if charts else ([], [])
    summary = render_summary(output, chart_list, problems)
    pages.insert(1, _write(dest / "summary.html", summary))
    return pages


def _write(path: Path, page: str) -> Path:
    path.write_text(page, encoding="utf-8")
    return path
