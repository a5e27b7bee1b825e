"""The rules of ``rules/ingest.yaml`` and their loader.

Imported by the rules check of the CLI's parent process: it must not import the PDF parsers.
Modules of the stage call ``settings.ingest_rules()`` through this module, so that a test can
swap the rules in one place.
"""

from __future__ import annotations

from pipeline.rules import Pattern, RuleModel, load_rules

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


class HtmlRules(RuleModel):
    drop_tags: list[str]
    chrome_words: Pattern
    footer_text: Pattern
    footer_max_chars: int
    link_density: float
    link_blocks: list[str]
    layout_cell_chars: int


class XlsxRules(RuleModel):
    header_min_columns: int


class OfficeRules(RuleModel):
    commands: list[str]
    timeout_seconds: float
    convert_to: dict[str, str]


class OcrRules(RuleModel):
    render_scale: float
    min_box_confidence: float
    line_overlap: float
    reread_min_ink: int


class FormatRules(RuleModel):
    html: HtmlRules
    xlsx: XlsxRules
    office: OfficeRules
    ocr: OcrRules


def format_rules() -> FormatRules:
    """The readers' rules (``rules/formats.yaml``: web pages, Word, Excel, office, OCR)."""
    return load_rules("formats.yaml", FormatRules)
