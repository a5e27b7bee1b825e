"""Word .docx: paragraphs in order with their automatic numbering as printed, tables with
vertical (vMerge) and horizontal (gridSpan) merges resolved; headers and footers left out.

python-docx opens the package; the list numbers Word draws from numbering.xml (``1.``,
``（一）``) are not in the runs' text, so they are counted here as Word counts them: per
abstract list and level, deeper levels restarting, ``%1``… in the level text replaced by each
level's counter in its format.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

import cn2an
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError
from pipeline.stages.ingest.reading import GAP, Reading, ReadPage, join_lines, table_lines

STAGE = "ingest"


def read_docx(data: bytes) -> Reading:
    """One page: the body's paragraphs and tables in order."""
    document = _open(data)
    numbering = Numbering.of(document)
    lines: list[str] = []
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(numbering.text(block))
        elif isinstance(block, Table):
            lines.extend([GAP, *table_lines(table_grid(block, numbering)), GAP])
            tables += 1
    text = join_lines(lines)
    if not text.strip():
        raise PipelineError(ErrorCode.EMPTY, "Word document holds no text", STAGE)
    return Reading((ReadPage(text, "table" if tables else "text"),))


def _open(data: bytes):  # type: ignore[no-untyped-def]
    try:
        return Document(BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ) as exc:
        raise PipelineError(
            ErrorCode.CORRUPT_FILE, f"damaged or not a Word .docx file: {exc}", STAGE
        ) from None


# ---------------------------------------------------------------- tables


def table_grid(table: Table, numbering: Numbering) -> list[list[str]]:
    """Rows of cell texts on the table's grid: a vMerge continuation repeats the cell above,
    a gridSpan leaves the columns it covers after the first empty."""
    grid: list[list[str]] = []
    for tr in table._tbl.tr_lst:
        row: list[str] = [""] * _grid_before(tr)
        for tc in tr.tc_lst:
            col = len(row)
            if tc.vMerge == "continue":
                above = grid[-1] if grid else []
                value = above[col] if col < len(above) else ""
            else:
                value = "\n".join(numbering.text(Paragraph(p, table)) for p in tc.p_lst)
            row.append(value)
            row.extend([""] * (tc.grid_span - 1))
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid]


def _grid_before(tr: etree._Element) -> int:
    found = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    return int(found.get(qn("w:val"), "0")) if found is not None else 0


# ---------------------------------------------------------------- numbering


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str
    legal: bool


@dataclass
class Numbering:
    """Word's list numbering of one document, counted paragraph by paragraph in order."""

    levels: dict[str, dict[int, _Level]]  # abstractNumId -> ilvl -> level
    nums: dict[str, str]  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]]  # numId -> ilvl -> start
    styles: dict[str, tuple[str, int] | None]  # styleId -> (numId, ilvl) through basedOn
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> Numbering:  # type: ignore[no-untyped-def]
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        levels, nums, overrides = _parse_numbering(root)
        return cls(levels, nums, overrides, _style_numbering(document))

    def text(self, paragraph: Paragraph) -> str:
        """The paragraph's text with its list number in front, as Word prints it."""
        label = self.label(paragraph._p)
        return label + paragraph.text if label else paragraph.text

    def label(self, p: etree._Element) -> str:
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract = self.nums.get(num_id)
        levels = self.levels.get(abstract or "")
        if not levels or ilvl not in levels:
            return ""
        counts = self._count(num_id, abstract or "", ilvl, levels)
        level = levels[ilvl]
        return _render(level, counts, levels) + level.suffix

    def _num_pr(self, p: etree._Element) -> tuple[str, int] | None:
        ppr = p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        style = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        inherited = self.styles.get(style) if style else None
        if num_pr is None:
            return inherited
        num_id = num_pr.numId.val if num_pr.numId is not None else None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else None
        if num_id is None:
            num_id = int(inherited[0]) if inherited else None
        if num_id is None or str(num_id) == "0":
            return None
        return str(num_id), int(ilvl if ilvl is not None else (inherited[1] if inherited else 0))

    def _count(self, num_id: str, abstract: str, ilvl: int, levels: dict[int, _Level]) -> list[int]:
        counts = self.counters.setdefault(abstract, [])
        starts = {i: lv.start for i, lv in levels.items()}
        if num_id not in self.started:
            self.started.add(num_id)
            for i, start in self.overrides.get(num_id, {}).items():
                starts[i] = start
                if i < len(counts):
                    del counts[i:]
        while len(counts) <= ilvl:
            counts.append(starts.get(len(counts), 1) - 1)
        counts[ilvl] += 1
        del counts[ilvl + 1 :]  # deeper levels restart
        return counts


def _parse_numbering(
    root: etree._Element | None,
) -> tuple[dict[str, dict[int, _Level]], dict[str, str], dict[str, dict[int, int]]]:
    levels: dict[str, dict[int, _Level]] = {}
    nums: dict[str, str] = {}
    overrides: dict[str, dict[int, int]] = {}
    if root is None:
        return levels, nums, overrides
    for abstract in root.iterfind(qn("w:abstractNum")):
        key = abstract.get(qn("w:abstractNumId"), "")
        levels[key] = {
            int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in abstract.iterfind(qn("w:lvl"))
        }
    for num in root.iterfind(qn("w:num")):
        num_id = num.get(qn("w:numId"), "")
        nums[num_id] = _val(num.find(qn("w:abstractNumId"))) or ""
        for over in num.iterfind(qn("w:lvlOverride")):
            start = _val(over.find(qn("w:startOverride")))
            if start is not None:
                overrides.setdefault(num_id, {})[int(over.get(qn("w:ilvl"), "0"))] = int(start)
    return levels, nums, overrides


def _level(lvl: etree._Element) -> _Level:
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(
        _val(lvl.find(qn("w:suff"))) or "tab", " "
    )
    return _Level(
        fmt=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))) or "",
        start=int(_val(lvl.find(qn("w:start"))) or 1),
        suffix=suffix,
        legal=lvl.find(qn("w:isLgl")) is not None,
    )


def _val(el: etree._Element | None) -> str | None:
    return el.get(qn("w:val")) if el is not None else None


def _style_numbering(document) -> dict[str, tuple[str, int] | None]:  # type: ignore[no-untyped-def]
    """Each paragraph style's list (numId, ilvl), inherited through basedOn."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in document.styles.element.iterfind(qn("w:style")):
        sid = style.get(qn("w:styleId"), "")
        parent = _val(style.find(qn("w:basedOn")))
        if parent:
            based[sid] = parent
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            ilvl = _val(num_pr.find(qn("w:ilvl")))
            own[sid] = (_val(num_pr.find(qn("w:numId"))), int(ilvl) if ilvl else None)
    return {sid: _inherit(sid, own, based) for sid in {*own, *based}}


def _inherit(
    sid: str, own: dict[str, tuple[str | None, int | None]], based: dict[str, str]
) -> tuple[str, int] | None:
    num_id, ilvl, seen = None, None, set()
    while sid and sid not in seen:
        seen.add(sid)
        n, i = own.get(sid, (None, None))
        num_id = num_id if num_id is not None else n
        ilvl = ilvl if ilvl is not None else i
        sid = based.get(sid, "")
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


def _render(level: _Level, counts: list[int], levels: dict[int, _Level]) -> str:
    text = level.text
    if level.fmt == "bullet":
        return text
    if level.fmt == "none":
        return ""
    for i in range(len(counts) - 1, -1, -1):  # %10 never occurs: Word has 9 levels
        fmt = "decimal" if level.legal else levels.get(i, level).fmt
        text = text.replace(f"%{i + 1}", format_number(counts[i], fmt))
    return text


def _chinese(n: int) -> str:
    return str(cn2an.an2cn(n))


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _letters(n: int, base: str) -> str:
    """Word's letters: a … z, then aa … zz (the letter repeated)."""
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + sym, n - value
    return out


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "decimalEnclosedFullstop": lambda n: f"{n}.",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "chineseLegalSimplified": lambda n: str(cn2an.an2cn(n, "up")),
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10],
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12],
    "lowerLetter": lambda n: _letters(n, "abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": lambda n: _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


def format_number(n: int, fmt: str) -> str:
    """``n`` in one of Word's number formats (decimal for a format not known here)."""
    return _FORMATS.get(fmt, str)(n)
