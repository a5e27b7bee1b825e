"""Byte-flip fuzz of the corpus PDFs, beyond the few hundred mutants the test suite runs.

    python scripts/fuzz_pdfs.py --mutants 2000 [--seed 1]

Every mutant must either process or fail with a PipelineError whose code is not `internal`;
offenders are copied to bench/out/fuzz/ for a regression test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import process_path  # noqa: E402
from pipeline.records import PipelineError  # noqa: E402
from tests.test_fuzz import mutants  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pdfs = sorted((ROOT / "corpus").rglob("*.pdf"))
    keep = ROOT / "bench" / "out" / "fuzz"
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        per_pdf = args.mutants // len(pdfs)
        for pdf in pdfs:
            for i, data in enumerate(mutants(pdf.read_bytes(), per_pdf, args.seed)):
                path = Path(tmp) / f"{pdf.stem}-{args.seed}-{i}.pdf"
                path.write_bytes(data)
                try:
                    process_path(path)
                except PipelineError as exc:
                    if exc.code != "internal":
                        continue
                    failures += 1
                    print(f"{path.name}: internal: {exc.message}")
                except Exception:
                    failures += 1
                    print(f"{path.name}: {traceback.format_exc(limit=3)}")
                else:
                    continue
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, keep / path.name)
    print(f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
