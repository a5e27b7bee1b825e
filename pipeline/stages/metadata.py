"""A notice's metadata: title, issuer, 文号, publish date, jurisdiction."""

from __future__ import annotations

from datetime import date
from functools import cache
from itertools import pairwise

import regex

from pipeline.records import Metadata
from pipeline.stages.numbers import outline_value
from pipeline.stages.segment_rules import compiled

# ---------------------------------------------------------------- metadata


def extract_metadata(text: str) -> Metadata:
    c = compiled()
    head = text[:3000]
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    title = _title(lines)
    issuer = _issuer(lines, title)
    doc_number = c.meta["doc_number"].search(head)
    return Metadata(
        title=title,
        issuer=issuer,
        doc_number=head[doc_number.start("prefix") : doc_number.end()] if doc_number else None,
        publish_date=_publish_date(text, lines),
        jurisdiction=_jurisdiction(issuer),
    )


def _title(lines: list[str]) -> str | None:
    c = compiled()
    for i, line in enumerate(lines[:12]):
        if c.meta["title"].match(line):
            previous = lines[i - 1] if i else ""
            if line[:2] in {"关于", "關于"} and c.meta["issuer_line"].search(previous):
                return previous + line
            return line
    first = lines[0] if lines else ""
    if first.endswith((":", "：")) and not c.meta["issuer_from_title"].match(first):
        return None  # the addressees ("各市、县人民政府，…各直属机构："), never the title
    if first and "。" not in first and len(first) <= c.rules.metadata.title_max_length:
        return c.meta["source_tag"].sub("", first) or None
    return None


def _issuer(lines: list[str], title: str | None) -> str | None:
    c = compiled()
    for line in lines[:5]:
        m = c.meta["letterhead"].match(line)
        if m:
            return m.group("issuer")
    for line in lines[:12]:
        m = c.meta["issuer_label"].search(line)
        if m:
            return m.group("issuer")
    if title:
        m = c.meta["issuer_from_title"].match(title)
        if m:
            return m.group("issuer")
    return _signatory(lines)


def _signatory(lines: list[str]) -> str | None:
    """The body signing the covering letter: the line above its date (某某市人民政府办公室)."""
    c = compiled()
    for above, line in pairwise(lines):
        if c.date_line.match(line) and c.meta["issuer_line"].search(above) and len(above) <= 30:
            return above
    return None


def _publish_date(text: str, lines: list[str]) -> date | None:
    c = compiled()
    labelled = c.meta["date_label"].search(text[:3000])
    if labelled:
        return _parse_date(labelled.group("date"))
    for line in lines:
        if c.date_line.match(line):
            return _parse_date(line)
    for line in lines[:5]:
        parsed = _parse_date(line)
        if parsed:
            return parsed
    closing = _closing_date().search(text, max(0, len(text) - _CLOSING_REACH))
    return _parse_date(closing.group(1)) if closing else None


_CLOSING_REACH = 40  # a signature date run on after the last sentence (…责任。 二〇〇八年九月八日)


@cache
def _closing_date() -> regex.Pattern[str]:
    """The date line's date ending the text, though a copy ran it onto the last line."""
    inner = compiled().date_line.pattern.removeprefix("^").removesuffix("$")
    return regex.compile(rf"(?<=[。；;\s]){inner}\s*$")


def _parse_date(raw: str) -> date | None:
    raw = _chinese_date_digits(raw)
    raw = regex.sub(r"[./]", "-", raw) if regex.match(r"\d{4}[./]", raw) else raw
    for pattern in compiled().dates:
        m = pattern.search(raw)
        if m:
            try:
                return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
    return None


def _chinese_date_digits(raw: str) -> str:
    """二○○七年四月四日 → 2007年4月4日."""
    m = compiled().meta["chinese_date"].fullmatch(raw)
    if not m:
        return raw
    year, month, day = (outline_value(m.group(i)) or 0 for i in (1, 2, 3))
    return f"{year}年{month}月{day}日"


def _jurisdiction(issuer: str | None) -> str | None:
    if not issuer:
        return None
    c = compiled()
    if c.meta["national_issuers"].match(issuer):
        return "全国"
    m = c.meta["jurisdiction"].match(issuer)
    return m.group("place") if m else None
