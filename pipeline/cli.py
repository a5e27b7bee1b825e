"""The ``notice-tasks`` command: run, eval, summary, graph, report."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import PIPELINE_VERSION

app = typer.Typer(
    help="Turn Chinese government task-division notices into analyst-ready Parquet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out_console = Console()
err_console = Console(stderr=True)

Output = Annotated[Path, typer.Option("--output", "-o", help="Output folder (Parquet datasets).")]


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (searched recursively).")],
    output: Output = Path("output"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).")] = 1,
    force: Annotated[bool, typer.Option(help="Redo documents already in the output.")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Process notices into OUT/<table>/*.parquet. Exit 1 when any document failed."""
    from .run import run_batch

    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    progress = Progress(
        TextColumn("[bold]notice-tasks"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet or not err_console.is_terminal,
    )
    with progress:
        bar = progress.add_task("run", total=None)
        summary = run_batch(
            paths,
            output,
            jobs=workers,
            force=force,
            password=password,
            on_total=lambda n: progress.update(bar, total=n),
            on_progress=lambda _path, n: progress.advance(bar, n),
        )
    for error in summary.errors:
        err_console.print(f"[red]error[/red] {error.source_path}: {error.error}: {error.message}",
                          markup=True, highlight=False, soft_wrap=True)
    for path, warning in summary.warnings:
        err_console.print(f"[yellow]warning[/yellow] {path}: {warning}", highlight=False,
                          soft_wrap=True)
    _print_summary(summary, output)
    raise typer.Exit(1 if summary.errors else 0)


def _print_summary(summary, output: Path) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"notice-tasks {PIPELINE_VERSION} → {output}", show_header=False)
    for name, value in [
        ("documents", summary.documents),
        ("skipped (unchanged)", summary.skipped),
        ("tasks", summary.tasks),
        ("agency mentions", summary.agencies),
        ("targets", summary.targets),
        ("deadlines", summary.deadlines),
        ("errors", len(summary.errors)),
    ]:
        table.add_row(name, str(value))
    out_console.print(table)


@app.command("eval")
def evaluate_command(
    output: Annotated[Path, typer.Argument(help="An output folder written by `run`.")],
    gold: Annotated[Path, typer.Option(help="Folder of gold JSON files.")] = Path("corpus/gold"),
    json_file: Annotated[Path | None, typer.Option("--json", help="Also write JSON here.")] = None,
) -> None:
    """Score an output folder against gold annotations (precision, recall, F1)."""
    from .evaluate import evaluate, render_report, report_json

    _require_output(output)
    report = evaluate(output, gold)
    out_console.print(render_report(report))
    if json_file:
        json_file.write_text(json.dumps(report_json(report), ensure_ascii=False, indent=2), "utf-8")


@app.command()
def summary(output: Annotated[Path, typer.Argument(help="An output folder.")]) -> None:
    """Top lead agencies, busiest participants and collective mentions."""
    from .network import summary_tables

    _require_output(output)
    for table in summary_tables(output):
        out_console.print(table)


@app.command()
def graph(
    output: Annotated[Path, typer.Argument(help="An output folder.")],
    dest: Annotated[Path | None, typer.Option("--dest", "-d", help="Default: OUT/graph")] = None,
) -> None:
    """Lead → participant network: edges.csv, graph.graphml and two PNG charts."""
    from .network import write_graph

    _require_output(output)
    for path in write_graph(output, dest or output / "graph"):
        out_console.print(str(path))


@app.command()
def report(
    output: Annotated[Path, typer.Argument(help="An output folder.")],
    dest: Annotated[Path | None, typer.Option("--output", "-o", help="Default: OUT/report")] = None,
) -> None:
    """Static HTML review report: highlighted text per document, errors, charts."""
    from .report import build_report

    _require_output(output)
    pages = build_report(output, dest or output / "report")
    out_console.print(f"{len(pages)} pages → {pages[0]}", highlight=False)


def _require_output(output: Path) -> None:
    if not (output / "documents").is_dir():
        err_console.print(f"{output}: not an output folder (no documents/ inside)")
        raise typer.Exit(2)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
