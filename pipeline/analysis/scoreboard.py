"""The scores of ``notice-tasks eval`` for people (a rich table) and for programs (JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pipeline.analysis.evaluate import SCORES, EvalReport, Metrics, Score


def report_json(report: EvalReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "total": _metrics_json(report.total),
        "documents": [
            {
                "doc": s.doc,
                "source_path": s.source_path,
                "doc_id": s.doc_id,
                "missing": s.missing,
                "error": s.error,
                "metrics": _metrics_json(s.metrics),
                "notes": list(s.notes),
            }
            for s in report.documents
        ],
        "unscored": list(report.unscored),
        "missing": list(report.missing),
    }


def _metrics_json(m: Metrics) -> dict[str, Any]:
    out: dict[str, Any] = {name: _score_json(getattr(m, name)) for name in SCORES}
    out["targets_matched"] = m.targets.tp
    out["targets_comparator_ok"] = m.targets_comparator_ok
    out["targets_period_ok"] = m.targets_period_ok
    out["targets_attrs_ok"] = m.targets_attrs_ok
    out["traps"] = m.n_traps
    out["trap_raws"] = list(m.traps)
    return out


def _score_json(s: Score) -> dict[str, Any]:
    return {
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
    }


_HEADERS = ("tasks", "agencies", "any role", "leads", "targets", "deadlines", "collective")
_SHORT = ("task", "agcy", "any", "lead", "tgt", "date", "coll")


def render_report(report: EvalReport) -> RenderableType:
    """Per-document F1 table with a micro-averaged total row, then P/R/F1 of the totals.

    F1 with 2 decimals; "—": nothing to score (no item on either side, or unscored by the
    gold); c+p: matched targets with comparator and period right / matched targets."""
    docs = Table(title="F1 per document", box=box.SIMPLE_HEAVY, padding=(0, 0))
    docs.add_column("document", overflow="fold", min_width=22)
    for h in (*_SHORT, "c+p", "trap"):
        docs.add_column(h, justify="right", no_wrap=True)
    for s in report.documents:
        name = f"{s.doc} (missing)" if s.missing else Path(s.source_path or "").name
        docs.add_row(name, *_f1_cells(s.metrics))
    docs.add_section()
    docs.add_row(Text("TOTAL", style="bold"), *_f1_cells(report.total))
    totals = Table(title="Totals (micro-averaged)", box=box.SIMPLE)
    for h in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        totals.add_column(h, justify="left" if h == "measure" else "right")
    for h, name in zip(_HEADERS, SCORES, strict=True):
        s = getattr(report.total, name)
        totals.add_row(
            h,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp),
            str(s.fp),
            str(s.fn),
        )
    parts: list[RenderableType] = [docs, totals]
    if report.unscored:
        parts.append(Text("unscored (no gold): " + ", ".join(report.unscored), style="yellow"))
    if report.missing:
        parts.append(Text("missing (no output): " + ", ".join(report.missing), style="red"))
    return Group(*parts)


def _f1_cells(m: Metrics) -> list[Text]:
    cells = [_f1_cell(getattr(m, name)) for name in SCORES]
    cells.append(
        Text(
            f"{m.targets_attrs_ok}/{m.targets.tp}",
            style="green" if m.targets_attrs_ok == m.targets.tp else "red",
        )
    )
    cells.append(Text(str(m.n_traps), style="green" if not m.traps else "bold red"))
    return cells


def _f1_cell(s: Score) -> Text:
    if s.empty:
        return Text("—", style="dim")
    style = "green" if s.f1 == 1.0 else "yellow" if s.f1 >= 0.95 else "red"
    return Text(f"{s.f1:.2f}", style=style)
