"""Imported once by the workers' fork server: every worker starts warm.

Forked workers share these pages with the server (copy-on-write), so the rules, jieba's
dictionary and the spaCy pipeline cost their load time and memory once per run.
"""

import contextlib

from pipeline.batch.run import warm_up
from pipeline.stages.ingest import pdf  # noqa: F401  (pdfplumber and pdfium, imported once for all workers)

with contextlib.suppress(Exception):  # a broken rules file is reported per document instead
    warm_up()
