"""The readers' rules (rules/formats.yaml)."""

from __future__ import annotations

from pipeline.rules import Pattern, RuleModel, load_rules


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


class FormatRules(RuleModel):
    html: HtmlRules
    xlsx: XlsxRules
    office: OfficeRules
    ocr: OcrRules


def format_rules() -> FormatRules:
    return load_rules("formats.yaml", FormatRules)
