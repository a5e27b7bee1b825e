"""Imported once by the workers' fork server: every worker starts warm.

Forked workers share these pages with the server (copy-on-write), so the rules, jieba's
dictionary and the spaCy pipeline cost their load time and memory once per run.
"""

import sys

from pipeline.batch.run import warm_up
from pipeline.stages.ingest import pdf  # noqa: F401  (pdfplumber and pdfium, imported once for all workers)

try:  # `run` checks the rules before it starts the fork server: this is not expected to fail
    warm_up()
except Exception as exc:  # said once; the workers still start and each document names its failure
    print(f"notice-tasks: warm-up failed: {type(exc).__name__}: {exc}", file=sys.stderr)
