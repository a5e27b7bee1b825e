"""OCR pages a second beside bare pypdfium2 text extraction, on the same pages.

    python bench/ocr.py [PDF ...]      (default: the PDFs of corpus/ and corpus/dev/)

``bench/bench.py`` reports the same OCR figure (``ocr_pages``) beside its other stages.

Every page is rendered and read by OCR as a scan would be (``--ocr always``), so the figure is
the cost of a scanned page; pages with a text layer never pay it under ``--ocr auto``.
Needs the OCR extra: ``pip install -e ".[ocr]"``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import pypdfium2 as pdfium  # noqa: E402

from pipeline.stages.ingest.ocr import available, ocr_pdf_page  # noqa: E402


def ocr_pages(paths: list[Path], limit: int | None = None) -> tuple[int, float, float]:
    """(pages, seconds of bare pypdfium2 text, seconds of OCR) over the pages of ``paths``
    (the first ``limit`` of them); the OCR engine loads outside the clock."""
    pages, bare, ocr = 0, 0.0, 0.0
    ocr_pdf_page(pdfium.PdfDocument(paths[0])[0])
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            if limit is not None and pages >= limit:
                return pages, bare, ocr
            clock = time.perf_counter()
            page.get_textpage().get_text_bounded()
            bare += time.perf_counter() - clock
            clock = time.perf_counter()
            ocr_pdf_page(page)
            ocr += time.perf_counter() - clock
            pages += 1
    return pages, bare, ocr


def main() -> None:
    if not available():
        sys.exit('the OCR extra is not installed: pip install -e ".[ocr]"')
    root = HERE.parent / "corpus"
    paths = [Path(p) for p in sys.argv[1:]] or sorted(root.rglob("*.pdf"))
    pages, bare, ocr = ocr_pages(paths)
    print(f"{pages} pages from {len(paths)} PDFs")
    print(f"bare pypdfium2 text   {pages / bare:10.1f} pages/s")
    print(f"OCR (render + read)   {pages / ocr:10.2f} pages/s  ({ocr / pages:.2f} s a page)")


if __name__ == "__main__":
    main()
