"""The rules of ``rules/ingest.yaml`` and their loader.

Imported by the rules check of the CLI's parent process: it must not import the PDF parsers.
Modules of the stage call ``settings.ingest_rules()`` through this module, so that a test can
swap the rules in one place.
"""

from __future__ import annotations

from pipeline.rules import RuleModel, load_rules

STAGE = "ingest"


class TextRules(RuleModel):
    extensions: list[str]
    encodings: list[str]
    min_common_share: float
    max_bad_share: float


class PdfRules(RuleModel):
    eof_tail_bytes: int
    max_unreadable_share: float
    outline_min_paths: int


class QualityRules(RuleModel):
    min_good_share: float
    good_ranges: list[tuple[int, int]]


class TableRules(RuleModel):
    ruling_max_thickness: float
    ruling_min_length: float
    min_score: int
    grid_min_segments: int
    min_rows: int
    min_cols: int
    plumber_when_grid_missed: bool


class IngestRules(RuleModel):
    text: TextRules
    pdf: PdfRules
    quality: QualityRules
    tables: TableRules


def ingest_rules() -> IngestRules:
    """The ingest rules (loaded once: ``load_rules`` caches them)."""
    return load_rules("ingest.yaml", IngestRules)
