"""Chinese script for matching: a simplified-script copy of a text with the same length, read
through zhconv's character table (names, labels and column names are matched in it)."""

from __future__ import annotations

import importlib.util
import json
from functools import cache, lru_cache
from pathlib import Path

import regex

__all__ = ["is_punctuation", "simplified_table", "to_simplified"]

_DOCUMENT_LENGTH = 2000  # longer texts are whole documents, converted once (cached)


def to_simplified(text: str) -> str:
    """Simplified-script copy of ``text`` with the same length (for matching only).

    Character by character through zhconv's traditional → simplified table: phrase-level
    conversions would change lengths, and names are matched character by character anyway.
    """
    if len(text) > _DOCUMENT_LENGTH:  # a whole text: segment, extract and diagnose share it
        return _document_view(text)
    return _converted(text)


@lru_cache(maxsize=4)
def _document_view(text: str) -> str:
    return _converted(text)


def _converted(text: str) -> str:
    if _traditional().isdisjoint(text):
        return text  # most notices hold no traditional character: skip the per-character table
    return text.translate(simplified_table())


@cache
def _traditional() -> frozenset[str]:
    """The characters that ``to_simplified`` changes."""
    return frozenset(map(chr, simplified_table()))


@cache
def simplified_table() -> dict[int, str]:
    tables = _zhconv_tables()
    table = {**tables["zh2Hans"], **tables["zh2CN"]}  # as zhconv.getdict("zh-cn")
    return {
        ord(k): v
        for k, v in table.items()
        if len(k) == 1 and len(v) == 1 and k != v and not is_punctuation(k)
    }


def _zhconv_tables() -> dict[str, dict[str, str]]:
    """zhconv's conversion tables, read from its data file: importing zhconv itself loads
    pkg_resources, a fifth of a second of every worker's start-up."""
    spec = importlib.util.find_spec("zhconv")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("zhconv is not installed")
    data = Path(spec.submodule_search_locations[0]) / "zhcdict.json"
    return json.loads(data.read_bytes())


def is_punctuation(char: str) -> bool:
    return not regex.match(r"\p{Han}", char)
