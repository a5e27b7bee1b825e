"""The ``notice-tasks`` command: run, eval, summary, graph, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import PIPELINE_VERSION

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
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).")] = 0,
    force: Annotated[bool, typer.Option(help="Redo documents already in the output.")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds per document before it fails with `timeout` (0: none).")
    ] = 120.0,
    executor: Annotated[
        str, typer.Option(help="local (worker processes), dask (dask.distributed) or inline.")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: start a LocalCluster).")
    ] = None,
    part_size: Annotated[
        int, typer.Option(help="Documents per Parquet part file.", min=1)
    ] = 256,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Process notices into OUT/<table>/*.parquet.

    Exit 0: all done; 1: some files failed (see OUT/errors); 2: the run could not start.
    """
    import traceback

    from pipeline.batch.layout import committed_parts

    if executor == "local" and not committed_parts(output):
        from pipeline.batch.executors import start_fork_server

        start_fork_server()  # a first run: all is to do, so workers warm up while we start

    from pipeline.batch.run import EXECUTORS, Callbacks, run_batch
    from pipeline.batch.write import OutputLockedError

    if executor not in EXECUTORS:
        err_console.print(f"--executor must be one of {', '.join(EXECUTORS)}", highlight=False)
        raise typer.Exit(2)
    progress = Progress(
        TextColumn("[bold]notice-tasks"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet or not err_console.is_terminal,
    )

    def line(kind: str, path: str, text: str) -> None:
        one_line = " ".join(text.split())
        progress.console.print(f"{kind} {path}: {one_line}", markup=False, highlight=False,
                               soft_wrap=True)

    def on_error(error, trace: str | None) -> None:  # type: ignore[no-untyped-def]
        line("error", error.source_path, f"{error.error}: {error.message}")
        if debug and trace:
            progress.console.print(trace, markup=False, highlight=False, soft_wrap=True)

    with progress:
        bar = progress.add_task("run", total=None)
        callbacks = Callbacks(
            total=lambda n: progress.update(bar, total=n),
            progress=lambda _path: progress.advance(bar, 1),
            error=on_error,
            warning=lambda path, warning: line("warning", path, warning),
        )
        try:
            summary = run_batch(
                paths, output, jobs=jobs, force=force, password=password, timeout=timeout,
                executor=executor, scheduler=scheduler, part_docs=part_size, callbacks=callbacks,
            )
        except OutputLockedError as exc:
            err_console.print(f"notice-tasks: {exc}", markup=False, highlight=False)
            raise typer.Exit(2) from None
        except Exception as exc:  # the batch itself cannot go on (OUT unwritable, disk full …)
            if debug:
                err_console.print(traceback.format_exc(), markup=False, highlight=False)
            err_console.print(f"notice-tasks: {output}: {type(exc).__name__}: {exc}",
                              markup=False, highlight=False)
            raise typer.Exit(2) from None
    if summary.stale_lock:
        err_console.print(f"note: took over the lock of a run that is gone ({summary.stale_lock})",
                          markup=False, highlight=False)
    _print_summary(summary, output)
    raise typer.Exit(1 if summary.errors else 0)


def _print_summary(summary, output: Path) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"notice-tasks {PIPELINE_VERSION} → {output}", show_header=False)
    for name, value in [
        ("documents", summary.documents),
        ("skipped (unchanged)", summary.skipped),
        ("skipped (same content)", len(summary.duplicates)),
        ("tasks", summary.tasks),
        ("agency mentions", summary.agencies),
        ("targets", summary.targets),
        ("deadlines", summary.deadlines),
        ("warnings", summary.warnings),
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
    from pipeline.analysis.evaluate import evaluate, render_report, report_json

    _require_output(output)
    report = evaluate(output, gold)
    out_console.print(render_report(report))
    if json_file:
        json_file.write_text(json.dumps(report_json(report), ensure_ascii=False, indent=2), "utf-8")


@app.command()
def summary(output: Annotated[Path, typer.Argument(help="An output folder.")]) -> None:
    """Top lead agencies, busiest participants and collective mentions."""
    from pipeline.analysis.network import summary_tables

    _require_output(output)
    for table in summary_tables(output):
        out_console.print(table)


@app.command()
def graph(
    output: Annotated[Path, typer.Argument(help="An output folder.")],
    dest: Annotated[Path | None, typer.Option("--dest", "-d", help="Default: OUT/graph")] = None,
) -> None:
    """Lead → participant network: edges.csv, graph.graphml and two PNG charts."""
    from pipeline.analysis.network import write_graph

    _require_output(output)
    for path in write_graph(output, dest or output / "graph"):
        out_console.print(str(path))


@app.command()
def report(
    output: Annotated[Path, typer.Argument(help="An output folder.")],
    dest: Annotated[Path | None, typer.Option("--output", "-o", help="Default: OUT/report")] = None,
) -> None:
    """Static HTML review report: highlighted text per document, errors, charts."""
    from pipeline.analysis.report import build_report

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
