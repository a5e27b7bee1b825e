"""Milliseconds a page for each stage, in one process, against bare pypdfium2 on the same pages.

    python bench/stages.py [--inputs DIR] [--n 60]

Takes the first N PDFs (a fixed shuffle) of a benchmark corpus made by ``bench/bench.py`` and
times, document by document: bare pypdfium2 text extraction, then ingest, normalize,
segment, extract, resolve and the Arrow tables. No profiler: these are the numbers to
compare before and after a change (cProfile inflates ctypes-heavy code such as ingest).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench import bare_pdfium  # noqa: E402
from pipeline.batch.run import warm_up  # noqa: E402
from pipeline.batch.write import document_tables  # noqa: E402
from pipeline.records import DocumentResult  # noqa: E402
from pipeline.stages.extract import extract  # noqa: E402
from pipeline.stages.ingest import ingest  # noqa: E402
from pipeline.stages.normalize import normalize  # noqa: E402
from pipeline.stages.resolve import resolve  # noqa: E402
from pipeline.stages.segment import segment  # noqa: E402


def time_stages(paths: list[Path]) -> tuple[int, dict[str, float]]:
    seconds = dict.fromkeys(
        ["pdfium", "ingest", "normalize", "segment", "extract", "resolve", "tables"], 0.0
    )
    pages = 0
    for path in paths:
        clock = time.perf_counter()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            seconds[stage] += now - clock
            clock = now

        pages += bare_pdfium([str(path)])
        lap("pdfium")
        source = ingest(path)
        lap("ingest")
        normalized = normalize(source)
        lap("normalize")
        segmentation = segment(normalized)
        lap("segment")
        extraction = extract(segmentation)
        lap("extract")
        resolved = resolve(extraction)
        lap("resolve")
        document_tables(
            DocumentResult(resolved.extraction, resolved.mentions, resolved.agencies, ())
        )
        lap("tables")
    return pages, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path("/tmp/notice-tasks-bench/work/inputs-200")  # bench.py --n 200
    parser.add_argument("--inputs", type=Path, default=default)
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args()
    paths = sorted(args.inputs.glob("*.pdf"))
    random.Random(1).shuffle(paths)
    warm_up()
    pages, seconds = time_stages(paths[: args.n])
    pipeline = sum(v for k, v in seconds.items() if k != "pdfium")
    print(f"{pages} pages")
    for stage, value in seconds.items():
        print(f"{stage:10} {value:7.2f} s {1000 * value / pages:6.2f} ms a page")
    print(f"pipeline   {pipeline:7.2f} s {1000 * pipeline / pages:6.2f} ms a page; "
          f"pdfium / pipeline = {seconds['pdfium'] / pipeline:.3f}")


if __name__ == "__main__":
    main()
