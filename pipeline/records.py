"""Typed records that flow through the stages, one direction only.

ingest → SourceDocument → normalize → NormalizedDocument → segment → Segmentation
→ extract → Extraction → resolve → DocumentResult → write.

Every span is a pair of offsets into ``NormalizedDocument.text`` (the text stored in the
``documents`` table), so ``text[char_start:char_end]`` is always the value's mention or raw.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# ---------------------------------------------------------------- ingest


@dataclass(frozen=True)
class Page:
    """One page of source text as extracted (1-based page number), and how its text was
    obtained: "text" (a text layer or markup), "table" (with table rows rebuilt from cells),
    "ocr" (with the mean confidence of its text boxes)."""

    number: int
    text: str
    method: str = "text"
    confidence: float | None = None


@dataclass(frozen=True)
class SourceDocument:
    """A file read into pages of raw text; nothing cleaned yet."""

    doc_id: str
    source_path: str
    sha256: str
    format: str  # "pdf" | "txt" | ...
    pages: tuple[Page, ...]
    encoding: str | None = None
    warnings: tuple[str, ...] = ()

    @cached_property
    def raw_text(self) -> str:
        """Pages joined by form feeds; source offsets index this string."""
        return PAGE_BREAK.join(p.text for p in self.pages)

    @cached_property
    def page_starts(self) -> list[int]:
        """Offset in ``raw_text`` where each page begins."""
        starts, at = [], 0
        for page in self.pages:
            starts.append(at)
            at += len(page.text) + len(PAGE_BREAK)
        return starts


PAGE_BREAK = "\f"


class PipelineError(Exception):
    """A document-level failure with a short, stable error code (see docs/SCHEMA.md)."""

    def __init__(self, code: str, message: str, stage: str = "ingest") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.stage = stage


# ---------------------------------------------------------------- normalize


@dataclass(frozen=True)
class NormalizedDocument:
    """Cleaned text plus, for every character, its offset in ``source.raw_text``."""

    source: SourceDocument
    text: str
    source_offsets: array  # array('l'), len(text) + 1 (the last one is the end)

    def source_offset(self, char_index: int) -> int:
        return self.source_offsets[char_index]

    def gap_before(self, char_index: int) -> bool:
        """True when whitespace of the source was removed just before ``char_index``."""
        if char_index <= 0 or char_index >= len(self.text):
            return False
        previous, current = self.source_offsets[char_index - 1], self.source_offsets[char_index]
        between = self.source.raw_text[previous + 1 : current]
        return current - previous > 1 and between.strip() == "" and "\n" not in between

    @cached_property
    def gaps(self) -> list[int]:
        """Every position where ``gap_before`` holds, sorted (tested only where the source
        offsets jump)."""
        import numpy  # here: the records stay light to import

        offsets = numpy.asarray(self.source_offsets)[: len(self.text)]
        jumps = numpy.flatnonzero(numpy.diff(offsets) > 1) + 1  # offsets[i] - offsets[i-1] > 1
        return [i for i in jumps.tolist() if self.gap_before(i)]

    def gaps_between(self, start: int, end: int) -> list[int]:
        """The ``gaps`` strictly between ``start`` and ``end``."""
        gaps = self.gaps
        return gaps[bisect.bisect_right(gaps, start) : bisect.bisect_left(gaps, end)]

    def page_at(self, char_index: int) -> int:
        """1-based page number of the character at ``char_index``."""
        pos = self.source_offsets[min(char_index, len(self.text))]
        index = bisect.bisect_right(self.source.page_starts, pos) - 1
        return self.source.pages[max(0, index)].number


# ---------------------------------------------------------------- segment


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Field:
    """A labelled part of a task: its body, or a table cell whose column has a meaning.

    ``kind`` is one of: body | lead | responsible | participant | either | leader | deadline.
    ``label`` is the column header or label as printed (e.g. 牵头单位), if any.
    """

    kind: str
    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True)
class TaskSegment:
    seq: int
    number: str | None
    section: str | None
    start: int  # whole task, number included
    end: int
    fields: tuple[Field, ...]  # at least one "body" field
    title_start: int = 0
    title_end: int = 0


@dataclass(frozen=True)
class FigureCell:
    """A table cell printing a row's figure under a year or an aim (2025年: ≥79.2), with the
    measure its row prints (单位: 岁), if any: the row's target, read in extract."""

    start: int
    end: int
    column: str  # the column's header as printed
    measure: Span | None = None


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    publish_date: date | None = None
    attachment_title: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True)
class Segmentation:
    document: NormalizedDocument
    metadata: Metadata
    tasks: tuple[TaskSegment, ...]
    warnings: tuple[str, ...] = ()
    figures: tuple[FigureCell, ...] = ()  # table cells of figure columns (see FigureCell)


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class AgencyMention:
    """One unit named in a task, as printed.

    ``role``: lead | responsible | participant.  ``prefix`` is a shared prefix carried
    over from an earlier name in the same list (区党委组织部、宣传部 → 区党委), which the
    resolver prepends; ``suffix`` the kind of body a list of fields shares with its last name
    (民政、国土部门 → 部门 of 民政), which the resolver appends; ``alias`` is a second name in
    brackets (宣传部（外宣办） → 外宣办).
    """

    task_seq: int
    role: str
    role_label: str | None
    position: int
    mention: str
    char_start: int
    char_end: int
    collective: bool = False
    prefix: str | None = None
    alias: str | None = None
    suffix: str | None = None


@dataclass(frozen=True)
class Leader:
    """A person named as responsible (责任领导, 牵头负责领导) — never an agency."""

    task_seq: int
    role_label: str | None
    name: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Target:
    task_seq: int
    kind: str  # count | percent | money | duration | area | length | weight | other
    value_min: float | None
    value_max: float | None
    comparator: str  # eq | ge | gt | le | lt | range | approx
    unit: str
    object: str | None
    period: str | None
    raw: str
    char_start: int
    char_end: int
    value_min_base: float | None = None
    value_max_base: float | None = None
    unit_base: str | None = None


@dataclass(frozen=True)
class Deadline:
    task_seq: int
    raw: str
    due_date: date | None
    kind: str  # by_date | ongoing | recurring
    char_start: int
    char_end: int


@dataclass(frozen=True)
class RejectedNumber:
    """A number the target grammar saw and refused, with the trap rule that refused it."""

    task_seq: int
    raw: str
    reason: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Extraction:
    segmentation: Segmentation
    agencies: tuple[AgencyMention, ...]
    targets: tuple[Target, ...]
    deadlines: tuple[Deadline, ...]
    leaders: tuple[Leader, ...] = ()
    rejected: tuple[RejectedNumber, ...] = ()


# ---------------------------------------------------------------- resolve


@dataclass(frozen=True)
class Agency:
    """A body in the agencies table."""

    agency_id: str
    name: str
    jurisdiction: str | None
    level: str | None  # national | provincial | municipal | county | district
    kind: str  # government | party | mass_org | other
    aliases: tuple[str, ...] = ()
    known: bool = True


@dataclass(frozen=True)
class ResolvedMention:
    mention: AgencyMention
    agency: str | None  # normalized name; None for collective mentions
    agency_id: str | None
    known: bool


@dataclass(frozen=True)
class DocumentResult:
    """Everything the writer needs for one document."""

    extraction: Extraction
    mentions: tuple[ResolvedMention, ...]
    agencies: tuple[Agency, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def document(self) -> NormalizedDocument:
        return self.extraction.segmentation.document


@dataclass(frozen=True)
class ErrorRecord:
    source_path: str
    sha256: str | None
    stage: str
    error: str
    message: str
