"""Web pages saved from government sites: the article, not the site around it.

Bytes are decoded by their BOM, as UTF-8, by the declared charset, else as PDF ingest decodes
text files. lxml parses the page (html5lib when lxml cannot); site chrome is dropped
(scripts, navigation, breadcrumbs, lists of links, the footer with 网站标识码 or ICP备案号),
then the rest is read in document order: blocks as lines, data tables as ``cell | cell |``
rows with rowspan repeated down and colspan left empty (as PDF ingest renders tables).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import lxml.etree
import lxml.html
import regex

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError
from pipeline.stages.ingest.reading import (
    GAP,
    Reading,
    ReadPage,
    SpanCell,
    expand,
    join_lines,
    table_lines,
)
from pipeline.stages.ingest.settings import HtmlRules, format_rules
from pipeline.stages.ingest.sniff import bom_codec, decode_text, strict_decode

STAGE = "ingest"

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "section",
        "article",
        "main",
        "center",
        "pre",
        "blockquote",
        "hr",
        "address",
        "figure",
        "figcaption",
        "title",
    ]
)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_CJK = r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF]"
_NEWLINE_RUN = regex.compile(rf"(?<={_CJK})\s*\n\s*(?={_CJK})")
_WORD_SPLIT = re.compile(r"[\s_-]+")


def read_html(data: bytes) -> Reading:
    """One page of article text from the bytes of a web page."""
    text, codec = decode_html(data)
    rules = format_rules().html
    body = _body(text)
    strip_chrome(body, rules)
    has_table, lines = _render(body, rules)
    page = join_lines(lines)
    if not page.strip():
        raise PipelineError(ErrorCode.EMPTY, "web page holds no article text", STAGE)
    return Reading((ReadPage(page, "table" if has_table else "text"),), codec)


# ---------------------------------------------------------------- decoding


def decode_html(data: bytes) -> tuple[str, str]:
    """Text and codec: BOM, then strict UTF-8, then the declared charset, then a guess."""
    bom = bom_codec(data)
    if bom:
        text = strict_decode(data, bom)
        if text is not None:
            return text, bom
    text = strict_decode(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    declared = _declared(data)
    if declared:
        text = strict_decode(data, declared)
        if text is not None:
            return text, declared
    return decode_text(data)


def _declared(data: bytes) -> str | None:
    found = _CHARSET.search(data[:4096])
    if not found:
        return None
    name = found.group(1).decode("ascii", "ignore").lower()
    return _ALIASES.get(name, name)


# ---------------------------------------------------------------- parsing


def _body(text: str) -> lxml.html.HtmlElement:
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        root = _html5lib(text)
    body = root.find("body")
    if body is None or not (body.text_content() or "").strip():
        body = _html5lib(text).find("body")
    if body is None:
        raise PipelineError(ErrorCode.CORRUPT_FILE, "web page has no body", STAGE)
    return body


def _html5lib(text: str) -> lxml.html.HtmlElement:
    import html5lib  # broken markup only: pure Python, slower

    tree = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    return lxml.html.document_fromstring(lxml.etree.tostring(root, encoding="unicode"))


# ---------------------------------------------------------------- site chrome


def strip_chrome(body: lxml.html.HtmlElement, rules: HtmlRules) -> None:
    """Drop what belongs to the site rather than the article, in place."""
    for el in list(body.iter(*rules.drop_tags)):
        _drop(el)
    for el in list(body.iter(lxml.etree.Comment)):
        _drop(el)
    total = _chars(body)
    for el in _outermost(body, lambda e: _is_chrome(e, rules, total)):
        _drop(el)
    for el in _footer_blocks(body, rules):
        _drop(el)
    for el in _outermost(body, lambda e: _link_list(e, rules)):
        _drop(el)


def _drop(el: lxml.etree._Element) -> None:
    if el.getparent() is not None:
        if isinstance(el, lxml.html.HtmlElement):
            el.drop_tree()  # keeps the tail text
        else:
            _drop_keep_tail(el)


def _drop_keep_tail(el: lxml.etree._Element) -> None:
    parent = el.getparent()
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def _outermost(body: lxml.html.HtmlElement, test) -> Iterator[lxml.html.HtmlElement]:  # type: ignore[no-untyped-def]
    """Elements passing ``test``, none inside another one found."""
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if test(el):
            yield el
            continue
        stack.extend(reversed(el))


def _is_chrome(el: lxml.html.HtmlElement, rules: HtmlRules, total: int) -> bool:
    words = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if not words.strip() or not any(
        _chrome_words(rules.chrome_words).match(w) for w in _WORD_SPLIT.split(words) if w
    ):
        return False
    return _chars(el) * 2 < total  # never the element holding most of the page


@cache
def _chrome_words(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.I)


def _footer_blocks(body: lxml.html.HtmlElement, rules: HtmlRules) -> list[lxml.html.HtmlElement]:
    marker = _chrome_words(rules.footer_text)
    found = []
    for el in body.iter():
        if not isinstance(el.tag, str) or not marker.search(el.text or ""):
            continue
        while (
            el.getparent() is not None
            and el.getparent() is not body
            and _chars(el.getparent()) <= rules.footer_max_chars
        ):
            el = el.getparent()
        found.append(el)
    return found


def _link_list(el: lxml.html.HtmlElement, rules: HtmlRules) -> bool:
    if el.tag not in rules.link_blocks:
        return False
    links = [a for a in el.iter("a")]
    if not links:
        return False
    total = _chars(el)
    linked = sum(_chars(a) for a in links)
    return total > 0 and linked >= rules.link_density * total


def _chars(el: lxml.html.HtmlElement) -> int:
    return sum(1 for ch in el.text_content() if not ch.isspace())


# ---------------------------------------------------------------- rendering


def _render(body: lxml.html.HtmlElement, rules: HtmlRules) -> tuple[bool, list[str]]:
    """Lines of the page in order, and whether a data table was among them."""
    pieces: list[str] = []
    tables = _emit(body, pieces, rules)
    return tables > 0, _lines(pieces, keep_gaps=True)


def _lines(pieces: list[str], *, keep_gaps: bool = False) -> list[str]:
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return [line for line in lines if line and (keep_gaps or line != GAP)]


def _emit(el: lxml.html.HtmlElement, out: list[str], rules: HtmlRules) -> int:
    """Append ``el``'s text to ``out`` (blocks between line breaks); data tables rendered.
    Returns how many data tables were rendered."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        out.append("\n")
        return 0
    if tag == "table" and _is_data_table(el, rules):
        out.append("\n".join(["", GAP, *table_lines(_grid(el, rules)), GAP, ""]))
        return 1
    block = tag in _BLOCKS
    if block:
        out.append("\n")
    tables = 0
    if tag == "pre":  # its line breaks are line breaks
        out.append(el.text_content() or "")
    else:
        if tag and el.text:
            out.append(_inline(el.text))
        for child in el:
            tables += _emit(child, out, rules)
            if child.tail:
                out.append(_inline(child.tail))
    if block:
        out.append("\n")
    return tables


def _inline(text: str) -> str:
    """Source line breaks between two CJK characters vanish; other whitespace is a space."""
    return _NEWLINE_RUN.sub("", text).replace("\n", " ")


def _text_of(cell: lxml.html.HtmlElement, rules: HtmlRules) -> str:
    pieces: list[str] = []
    _emit(cell, pieces, rules)
    return "\n".join(_lines(pieces))


def _rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's own rows (not those of a nested table)."""
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    for up in el.iterancestors("table"):
        return up
    return None


def _cells(tr: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [c for c in tr if c.tag in ("td", "th")]


def _is_data_table(table: lxml.html.HtmlElement, rules: HtmlRules) -> bool:
    """Rows of at least two cells, no nested table, no cell long enough to be a page column."""
    if table.find(".//table") is not None:
        return False
    rows = _rows(table)
    widths = [len(_cells(tr)) for tr in rows]
    if len(rows) < 2 or max(widths, default=0) < 2:
        return False
    return all(_chars(c) <= rules.layout_cell_chars for tr in rows for c in _cells(tr))


def _grid(table: lxml.html.HtmlElement, rules: HtmlRules) -> list[list[str]]:
    rows = [
        [SpanCell(_text_of(c, rules), _span(c, "rowspan"), _span(c, "colspan")) for c in _cells(tr)]
        for tr in _rows(table)
    ]
    return expand(rows)


def _span(cell: lxml.html.HtmlElement, name: str) -> int:
    digits = re.match(r"\s*(\d+)", cell.get(name, "") or "")
    return min(max(int(digits.group(1)), 1), 1000) if digits else 1
