"""Build a benchmark corpus: N PDFs made from the corpus notices, 2 to 40 pages each.

``python bench/make_corpus.py N FOLDER [--jobs J]`` renders with ``scripts/render_pdfs.py``
(``render_prose``/``render_table``, official-document layout, CJK serif font) in three
layouts taken in turn: prose notices (every corpus text), ruled tables built from the pipe
table of the Wuhu notice, and ruled tables from the numbered tasks of the prose notices.
Each document repeats its source until it reaches its page target and carries its own serial
number, so every file has different bytes (the pipeline skips duplicate content). Files
already in FOLDER are kept (rendering is the slow part); rendering is deterministic.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from render_pdfs import _split_pipe_table, render_prose, render_table  # noqa: E402

CORPUS = ROOT / "corpus"
LAYOUTS = ("prose", "table", "tasks")
CHARS_PER_PAGE = 520  # 16 pt body in a 156 × 225 mm frame (with paragraph breaks)
ROWS_PER_PAGE = {"table": 13, "tasks": 21}  # rows of a few lines each
MIN_PAGES, MAX_PAGES = 2, 40


def pages_for(k: int) -> int:
    """Page target of document k: spread over 2..40, small ones more common (like real ones)."""
    u = (k * 7919 % 1000) / 1000
    return MIN_PAGES + int((MAX_PAGES - MIN_PAGES) * u * u)


def _texts() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.txt") if "pipetable" not in p.name)


def _lines(path: Path) -> list[str]:
    return [s for line in path.read_text(encoding="utf-8").splitlines() if (s := line.strip())]


def _repeat(items: list, n: int) -> list:
    out = []
    while len(out) < n:
        out.extend(items)
    return out[:n]


def _prose(k: int, pages: int, out: Path) -> Path:
    texts = _texts()
    title, *body = _lines(texts[k % len(texts)])
    budget, taken, size = pages * CHARS_PER_PAGE, [], 0
    while size < budget:
        for line in body:
            taken.append(line)
            size += len(line)
            if size >= budget:
                break
    serial = f"（基准测试文件第{k}号）"
    return render_prose([serial, *taken], out, title=title)


def _table(k: int, pages: int, out: Path) -> Path:
    source = CORPUS / "dev" / "20_wuhu_2025_zdgz_pipetable.txt"
    before, header, rows = _split_pipe_table(_lines(source))
    rows = _repeat(rows, pages * ROWS_PER_PAGE["table"])
    serial = f"（基准测试文件第{k}号）"
    return render_table(header, rows, out, before=[*before, serial], font_size=12,
                        col_widths=(1.2, 5, 2.5, 2.5))


def _tasks(k: int, pages: int, out: Path) -> Path:
    """Numbered lines of a prose notice as a 序号 | 任务 | 责任单位 table."""
    texts = _texts()
    title, *body = _lines(texts[(k // 3) % len(texts)])
    numbered = [line for line in body if line[:1].isdigit() or line.startswith(("（", "("))]
    numbered = numbered or body
    rows = [[str(i + 1), line, "有关部门"]
            for i, line in enumerate(_repeat(numbered, pages * ROWS_PER_PAGE["tasks"]))]
    serial = f"（基准测试文件第{k}号）"
    return render_table(["序号", "任务", "责任单位"], rows, out, title=title, before=[serial],
                        merge_down=False, font_size=12, col_widths=(1, 7, 2))


RENDER = {"prose": _prose, "table": _table, "tasks": _tasks}


def name_for(k: int) -> str:
    return f"bench-{k:05d}-{LAYOUTS[k % len(LAYOUTS)]}.pdf"


def _render(k: int, folder: str) -> str:
    out = Path(folder) / name_for(k)
    if not out.exists():
        temporary = out.with_suffix(".tmp")
        RENDER[LAYOUTS[k % len(LAYOUTS)]](k, pages_for(k), temporary)
        os.replace(temporary, out)
    return str(out)


def make_corpus(n: int, folder: Path, jobs: int = 0) -> list[Path]:
    """Render documents 0..n-1 into ``folder`` (kept when already there); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    workers = jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(workers) as pool:
        done = list(pool.map(_render, range(n), [str(folder)] * n, chunksize=4))
    return [Path(p) for p in done]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    paths = make_corpus(args.n, args.folder, args.jobs)
    print(f"{len(paths)} PDFs in {args.folder}")


if __name__ == "__main__":
    main()
