"""Text quality: how much of a text is made of characters a Chinese notice is written in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.stages.ingest import settings

_CID = regex.compile(r"\(cid:\d+\)")
# Unicode White_Space (what the regex module's \s matches), spelt out for the stdlib ``re``
# classes below: ``re`` scans these single-character classes about ten times faster.
_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_CHAR = re.compile(f"[{re.escape(_WHITESPACE)}]")


@dataclass(frozen=True)
class Quality:
    chars: int  # non-space characters, a (cid:N) token counting one
    good: int

    @property
    def share(self) -> float:
        return self.good / self.chars if self.chars else 1.0


@cache
def _bad_char() -> re.Pattern[str]:
    """One character that is neither whitespace nor in a good range."""
    ranges = settings.ingest_rules().quality.good_ranges
    parts = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)
    return re.compile(f"[^{parts}{re.escape(_WHITESPACE)}]")


def text_quality(text: str) -> Quality:
    """How much of a page text is made of characters a Chinese notice is written in.

    Counts, without building the text stripped of whitespace: a page of clean text has
    few bad characters, so finding those is cheap.
    """
    cids = 0
    if "(cid:" in text:
        cids = len(_CID.findall(text))
        text = _CID.sub("", text)
    chars = len(text) - len(_SPACE_CHAR.findall(text))
    return Quality(chars=chars + cids, good=chars - len(_bad_char().findall(text)))


def usable(q: Quality) -> bool:
    return q.share >= settings.ingest_rules().quality.min_good_share


# ---------------------------------------------------------------- decoded text files


_BAD_CHAR = regex.compile(r"[\p{Cc}\p{Co}\p{Cn}\p{Cs}\uFFFD]")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def bad_share(text: str) -> float:
    """Share of control, private-use, unassigned, surrogate and replacement characters."""
    if not text:
        return 0.0
    bad = sum(1 for m in _BAD_CHAR.finditer(text) if m.group() not in _ALLOWED_CONTROLS)
    return bad / len(text)
