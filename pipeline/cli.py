"""The ``notice-tasks`` command: run, eval, summary, graph, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import PIPELINE_VERSION

try:  # typer vendors click since 0.2x; its own exceptions are the ones raised
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer with click installed apart
    from click import exceptions as click_errors  # type: ignore[no-redef]

app = typer.Typer(
    help="Turn Chinese government task-division notices into analyst-ready Parquet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out_console = Console()
err_console = Console(stderr=True)

DEFAULT_MAX_SIZE_MB = 20.0  # = pipeline.identity.DEFAULT_MAX_SIZE (not imported: startup time)
Output = Annotated[Path, typer.Option("--output", "-o", help="Output folder (Parquet datasets).")]


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (searched recursively).")],
    output: Output = Path("output"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).")] = 0,
    force: Annotated[bool, typer.Option(help="Redo documents already in the output.")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    ocr: Annotated[
        str, typer.Option(help="OCR of PDF pages: auto (pages without text), always, never.")
    ] = "auto",
    timeout: Annotated[
        float, typer.Option(help="Seconds per document before it fails with `timeout` (0: none).")
    ] = 120.0,
    max_size: Annotated[
        float, typer.Option(help="MB per input file; larger ones fail with `too_large` (0: none).")
    ] = DEFAULT_MAX_SIZE_MB,
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

    Exit 0: all done; 1: some files failed (see OUT/errors); 2: the run could not start or a
    write failed (the next run finishes the job).
    """
    from pipeline.batch.inputs import UsageError, check_options, check_paths
    from pipeline.rules import RulesError, check_rules

    limit = int(max_size * (1 << 20)) if max_size else None
    try:
        check_options(executor, jobs, timeout, max_size)
        check_paths(paths)
        if output.exists() and not output.is_dir():
            raise UsageError(f"--output {output} is a file, not a folder")
        if ocr not in ("auto", "always", "never"):
            raise UsageError(f"--ocr {ocr}: choose auto, always or never")
        check_rules()  # a broken rule file stops the run before any document
    except (UsageError, RulesError) as exc:
        _fail(str(exc))
    _run(paths, output, jobs=jobs, force=force, password=password, ocr=ocr, timeout=timeout,
         max_size=limit, executor=executor, scheduler=scheduler, part_docs=part_size,
         debug=debug, quiet=quiet)


def _run(paths: list[Path], output: Path, *, debug: bool, quiet: bool, **options: Any) -> None:
    import traceback

    from pipeline.batch.layout import committed_parts

    if options["executor"] == "local" and not committed_parts(output):
        from pipeline.batch.executors import start_fork_server

        start_fork_server()  # a first run: all is to do, so workers warm up while we start

    from pipeline.batch.inputs import UsageError
    from pipeline.batch.run import BatchWriteError, Callbacks, run_batch
    from pipeline.batch.write import OutputLockedError

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
            summary = run_batch(paths, output, callbacks=callbacks, **options)
        except (OutputLockedError, UsageError) as exc:
            _fail(str(exc))
        except BatchWriteError as exc:  # nothing lost silently: say what is on disk
            _print_summary(exc.summary, output)
            _fail(f"{exc}; {exc.summary.lost} finished file(s) not written: run again to "
                  "finish the job")
        except Exception as exc:  # the batch itself cannot go on (OUT unwritable, disk full …)
            if debug:
                err_console.print(traceback.format_exc(), markup=False, highlight=False)
            _fail(f"{output}: {type(exc).__name__}: {exc}")
    if summary.stale_lock:
        err_console.print(f"note: took over the lock of a run that is gone ({summary.stale_lock})",
                          markup=False, highlight=False)
    for reason, n in sorted(summary.redone.items()):
        err_console.print(f"note: {n} document(s) done again: written with {reason}"
                          if reason != "--force" else f"note: {n} document(s) redone (--force)",
                          markup=False, highlight=False)
    _print_summary(summary, output)
    raise typer.Exit(1 if summary.errors else 0)


def _fail(message: str) -> NoReturn:
    """A usage or start-up error: one line on stderr, exit 2."""
    err_console.print(f"notice-tasks: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _print_summary(summary, output: Path) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"notice-tasks {PIPELINE_VERSION} → {output}", show_header=False)
    for name, value in [
        ("documents", summary.documents),
        ("skipped (unchanged)", summary.skipped),
        ("skipped (same content)", len(summary.duplicates)),
        ("tasks", summary.tasks),
        ("agency mentions", summary.agencies),
        ("  of which collective", summary.collective),
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
    """Score an output folder against gold annotations (precision, recall, F1).

    Exit 2 when there is nothing to score: no gold folder, no gold file, a malformed one, or
    no output document with a gold file."""
    from pipeline.analysis.evaluate import evaluate
    from pipeline.analysis.gold import GoldError
    from pipeline.analysis.scoreboard import render_report, report_json

    _require_output(output)
    if json_file is not None and json_file.is_dir():
        _fail(f"--json {json_file} is a folder, not a file")
    try:
        report = evaluate(output, gold)
    except GoldError as exc:
        _fail(str(exc))
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
    _require_output(output)
    folder = _dest_folder(dest or output / "graph", "--dest")
    from pipeline.analysis.network import write_graph

    for path in write_graph(output, folder):
        out_console.print(str(path))


@app.command()
def report(
    output: Annotated[Path, typer.Argument(help="An output folder.")],
    dest: Annotated[Path | None, typer.Option("--output", "-o", help="Default: OUT/report")] = None,
) -> None:
    """Static HTML review report: highlighted text per document, errors, charts."""
    _require_output(output)
    folder = _dest_folder(dest or output / "report", "--output")
    from pipeline.analysis.report import build_report

    pages = build_report(output, folder)
    out_console.print(f"{len(pages)} pages → {pages[0]}", highlight=False)


def _require_output(output: Path) -> None:
    if not (output / "documents").is_dir():
        _fail(f"{output}: not an output folder (no documents/ inside)")


def _dest_folder(dest: Path, option: str) -> Path:
    """A folder to write into: refused (one line, exit 2) when it is a file or cannot be made."""
    if dest.exists() and not dest.is_dir():
        _fail(f"{option} {dest} is a file, not a folder")
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{option} {dest}: {exc.strerror or exc}")
    return dest


def main() -> None:
    """The console script: a usage error is one line on stderr and exit 2."""
    try:
        code = app(standalone_mode=False)
    except click_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "notice-tasks"
        err_console.print(f"{command}: {exc.format_message()} (see --help)", markup=False,
                          highlight=False, soft_wrap=True)
        sys.exit(2)
    except click_errors.ClickException as exc:
        err_console.print(f"notice-tasks: {exc.format_message()}", markup=False, highlight=False,
                          soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
