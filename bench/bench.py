"""Benchmark: the pipeline against bare text extraction, on the same pages.

    python bench/bench.py --n 200 [--corpus DIR] [--work DIR] [--json FILE] [--profile]

Builds (or reuses) N PDFs with ``bench/make_corpus.py``, then measures, each in a fresh
process whose whole process tree is sampled for memory:

1. ``pdfplumber``: bare ``page.extract_text()`` over every page (one process);
2. ``pipeline_1``: ``notice-tasks run --jobs 1`` into an empty output folder;
3. ``pipeline_all``: ``notice-tasks run --jobs 0`` (all cores) into another empty folder;
4. ``pdfium``: bare pypdfium2 ``get_text_range()`` over every page (one process);
5. ``rerun``: ``notice-tasks run --jobs 0`` again over the unchanged files;
6. ``ocr``: the first ``--ocr-pages`` pages rendered and read by OCR, as scanned pages are
   (``bench/ocr.py``; one process; skipped without the OCR extra).

Prints pages per second, the ratios (2)/(1), (3)/(2), (2)/(4), rerun/(3), peak RSS (largest
process and whole tree) and writes it all to JSON. ``--profile`` adds a cProfile of the
pipeline in one process over the first 40 documents, summed by module.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from make_corpus import make_corpus  # noqa: E402

from pipeline.stages.ingest.ocr import available as ocr_available  # noqa: E402

CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]
STAGES = ("pdfplumber", "pipeline_1", "pipeline_all", "pdfium", "rerun", "ocr")
OCR_PAGES = 8  # OCR takes seconds a page: a sample of pages, not the whole corpus


# ---------------------------------------------------------------- bare extraction (in a child)


def _bare_pdfplumber(paths: list[str]) -> int:
    import pdfplumber

    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def bare_pdfium(paths: list[str]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for path in paths:
        doc = pdfium.PdfDocument(path)
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return pages


def _child(stage: str, list_file: str, limit: int) -> None:
    paths = Path(list_file).read_text().splitlines()
    if stage == "ocr":
        from ocr import ocr_pages

        pages, _, seconds = ocr_pages([Path(p) for p in paths], limit)
        print(json.dumps({"pages": pages, "seconds": seconds}))
        return
    started = time.perf_counter()
    pages = (_bare_pdfplumber if stage == "pdfplumber" else bare_pdfium)(paths)
    print(json.dumps({"pages": pages, "seconds": time.perf_counter() - started}))


# ---------------------------------------------------------------- measuring a process tree


RSS_EVERY = 0.2  # s: RSS is cheap to read (/proc/PID/statm)
PSS_EVERY = 2.0  # s: PSS walks every page table (~10 ms a process): rarely, not to slow the run
TREE_EVERY = 1.0  # s: listing the process tree scans /proc


def measure(args: list[str]) -> dict:
    """Wall time and peak memory (largest process, whole tree) of a command and its children.

    The sampler itself stays below 5 % of one core, so that it does not eat into the run.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    root = psutil.Process(proc.pid)
    peak_one = peak_tree = peak_pss = 0
    tree: list[psutil.Process] = [root]
    tree_at = 0.0
    pss_at = started - PSS_EVERY + 0.5  # the first PSS sample half a second in
    while proc.poll() is None:
        now = time.perf_counter()
        if now - tree_at >= TREE_EVERY:
            tree, tree_at = [root, *_children(root)], now
        rss = _sum_memory(tree, lambda p: p.memory_info().rss)
        if rss:
            peak_one, peak_tree = max(peak_one, *rss), max(peak_tree, sum(rss))
        if now - pss_at >= PSS_EVERY:  # shared pages counted once across the tree
            pss = _sum_memory(tree, lambda p: getattr(p.memory_full_info(), "pss", 0))
            peak_pss, pss_at = max(peak_pss, sum(pss)), now
        time.sleep(RSS_EVERY)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{args[:4]} … failed ({proc.returncode}): {stderr[-2000:]}")
    mb = 1 << 20
    return {"wall_seconds": round(wall, 3), "peak_rss_mb": round(peak_one / mb, 1),
            "peak_tree_rss_mb": round(peak_tree / mb, 1),
            "peak_tree_pss_mb": round(peak_pss / mb, 1), "stdout": stdout, "stderr": stderr}


def _sum_memory(tree: list[psutil.Process], read: Callable[[psutil.Process], int]) -> list[int]:
    values = []
    for process in tree:
        with contextlib.suppress(psutil.Error):
            values.append(read(process))
    return values


def _children(root: psutil.Process) -> list[psutil.Process]:
    try:
        return root.children(recursive=True)
    except psutil.Error:
        return []


def run_stage(stage: str, inputs: Path, list_file: Path, work: Path,
              ocr_limit: int = OCR_PAGES) -> dict:
    if stage in ("pdfplumber", "pdfium", "ocr"):
        child = [sys.executable, __file__, "--child", stage, str(list_file), str(ocr_limit)]
        result = measure(child)
        inner = json.loads(result.pop("stdout").strip().splitlines()[-1])
        result.pop("stderr")
        return {**result, "seconds": round(inner["seconds"], 3), "pages": inner["pages"]}
    out = work / ("out-1" if stage == "pipeline_1" else "out-all")
    if stage != "rerun":
        shutil.rmtree(out, ignore_errors=True)
    jobs = "1" if stage == "pipeline_1" else "0"
    result = measure([*CLI, "run", str(inputs), "-o", str(out), "--jobs", jobs, "-q"])
    errors = [line for line in result.pop("stderr").splitlines() if line.startswith("error ")]
    result.pop("stdout")
    return {**result, "seconds": result["wall_seconds"], "errors": len(errors)}


# ---------------------------------------------------------------- profile


def profile(paths: list[Path], work: Path) -> dict:
    """cProfile of the whole pipeline in this process; own time summed by module."""
    from pipeline.batch.run import run_batch, warm_up

    warm_up()
    out = work / "out-profile"
    shutil.rmtree(out, ignore_errors=True)
    profiler = cProfile.Profile()
    profiler.enable()
    run_batch(paths, out, executor="inline")
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_module[_module(filename)] += tottime
    total = sum(by_module.values())
    top = sorted(by_module.items(), key=lambda kv: -kv[1])[:15]
    stats.sort_stats("cumulative").dump_stats(str(work / "pipeline.prof"))
    return {"total_seconds": round(total, 3),
            "by_module": {k: round(v, 3) for k, v in top}}


def _module(filename: str) -> str:
    parts = Path(filename).parts
    for anchor in ("pipeline", "site-packages"):
        if anchor in parts:
            rest = parts[parts.index(anchor) + 1 :]
            return "/".join(rest[:1] if anchor == "site-packages" else (anchor, *rest[:1]))
    return "builtins" if filename.startswith("~") else filename


# ---------------------------------------------------------------- main


def machine() -> dict:
    freq = psutil.cpu_freq()
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "mhz": round(freq.max or freq.current) if freq else None,
        "memory_gb": round(psutil.virtual_memory().total / (1 << 30), 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description="notice-tasks benchmark")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/notice-tasks-bench/corpus"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/notice-tasks-bench/work"))
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--ocr-pages", type=int, default=OCR_PAGES,
                        help="pages read by OCR for the ocr stage")
    args = parser.parse_args()

    paths = make_corpus(args.n, args.corpus)
    inputs = args.work / f"inputs-{args.n}"  # exactly these N files, as links
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir(parents=True)
    for path in paths:
        (inputs / path.name).symlink_to(path.resolve())
    list_file = args.work / f"inputs-{args.n}.txt"
    list_file.write_text("\n".join(str(p) for p in paths))

    report: dict = {"n_documents": args.n, "pages": count_pages(paths), "machine": machine(),
                    "stages": {}}
    for stage in args.stages.split(","):
        if stage == "ocr" and not ocr_available():
            print("… ocr skipped: the OCR extra is not installed", file=sys.stderr)
            continue
        print(f"… {stage}", file=sys.stderr, flush=True)
        report["stages"][stage] = run_stage(stage, inputs, list_file, args.work, args.ocr_pages)
    _ratios(report)
    if args.profile:
        report["profile"] = profile(paths[:40], args.work)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    _print(report)


def count_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        doc = pdfium.PdfDocument(str(path))
        total += len(doc)
        doc.close()
    return total


def _ratios(report: dict) -> None:
    stages = report["stages"]
    pages = report["pages"]
    for stage in stages.values():
        read = stage.get("pages", pages)  # the ocr stage reads a sample of the pages
        if read:
            stage["pages_per_second"] = round(read / stage["seconds"], 2)
    speed = {k: v.get("pages_per_second") for k, v in stages.items()}
    ratios = {
        "pipeline_1/pdfplumber": ("pipeline_1", "pdfplumber", 3.0),
        "pipeline_all/pipeline_1": ("pipeline_all", "pipeline_1", 1.7),
        "pipeline_1/pdfium": ("pipeline_1", "pdfium", 0.25),
    }
    report["ratios"] = {
        name: {"value": round(speed[a] / speed[b], 3), "target": target}
        for name, (a, b, target) in ratios.items()
        if speed.get(a) and speed.get(b)
    }
    if "rerun" in stages and "pipeline_all" in stages:
        share = stages["rerun"]["seconds"] / stages["pipeline_all"]["seconds"]
        report["ratios"]["rerun/pipeline_all"] = {"value": round(share, 3), "target": 0.05}


def _print(report: dict) -> None:
    print(f"{report['n_documents']} documents, {report['pages']} pages; {report['machine']}")
    print(f"{'stage':14} {'seconds':>9} {'pages/s':>9} {'max RSS MB':>11} {'tree RSS MB':>12} "
          f"{'tree PSS MB':>12}")
    for name, s in report["stages"].items():
        print(f"{name:14} {s['seconds']:9.2f} {s.get('pages_per_second', 0):9.2f} "
              f"{s['peak_rss_mb']:11.1f} {s['peak_tree_rss_mb']:12.1f} "
              f"{s['peak_tree_pss_mb']:12.1f}")
    for name, r in report["ratios"].items():
        low = name.startswith("rerun")
        better = r["value"] <= r["target"] if low else r["value"] >= r["target"]
        print(f"{name:26} {r['value']:8.3f}  (target {r['target']}) {'ok' if better else 'MISSED'}")
    if "profile" in report:
        print(f"profile (own time by module, of {report['profile']['total_seconds']} s):")
        for module, seconds in report["profile"]["by_module"].items():
            print(f"  {module:40} {seconds:8.3f}")


if __name__ == "__main__":
    main()
