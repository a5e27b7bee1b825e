"""Gold annotations (one JSON file per notice, format: ``corpus/gold/README.md``) and the
normalization under which output and gold strings are compared (NFKC, whitespace removed).

``load_gold`` refuses what cannot be scored: no gold folder, no gold file in it, a file that
is not valid JSON or misses a key, each with a ``GoldError`` naming the path and the reason.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_NUMBER_LABEL = re.compile(r"[\W_]+")


class GoldError(ValueError):
    """Nothing to score against: the message names the gold folder or file and the reason."""


# ---------------------------------------------------------------- normalization


def norm(s: str | None) -> str:
    """NFKC with all whitespace (and zero-width format characters) removed."""
    if not s:
        return ""
    return "".join(c for c in unicodedata.normalize("NFKC", s) if _kept(c))


def _kept(c: str) -> bool:
    return not c.isspace() and unicodedata.category(c) != "Cf"


def norm_with_map(text: str) -> tuple[str, list[int]]:
    """``norm(text)`` plus, for each of its characters, the index of its source character."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if _kept(c):
                chars.append(c)
                index.append(i)
    return "".join(chars), index


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``text`` whose normalized form equals ``norm(needle)`` (overlaps allowed)."""
    ntext, index = norm_with_map(text)
    return [(index[a], index[b - 1] + 1) for a, b in occurrences(ntext, norm(needle))]


def occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans, at = [], haystack.find(needle) if needle else -1
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = haystack.find(needle, at + 1)
    return spans


def number_label(number: str | None) -> str:
    return _NUMBER_LABEL.sub("", norm(number))


def norm_opt(s: str | None) -> str | None:
    return norm(s) or None


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)



# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldTarget:
    value_min: float | None
    value_max: float | None
    comparator: str
    unit: str
    period: str | None
    raw: str


@dataclass(frozen=True)
class GoldTask:
    seq: int
    number: str | None
    title: str
    lead: tuple[str, ...]
    participants: tuple[str, ...]
    either: tuple[str, ...]
    collective: tuple[str, ...] | None  # None: unscored
    targets: tuple[GoldTarget, ...]
    deadlines: tuple[str, ...] | None  # ISO dates; None: unscored
    optional: tuple[str, ...]


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    tasks: tuple[GoldTask, ...]
    not_targets: tuple[str, ...]

    @property
    def scores_collective(self) -> bool:
        return any(t.collective is not None for t in self.tasks)

    @property
    def scores_deadlines(self) -> bool:
        return any(t.deadlines is not None for t in self.tasks)


def load_gold(gold_dir: Path) -> dict[str, GoldDocument]:
    """Every ``*.json`` gold file of ``gold_dir``, by its ``doc``."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: no such gold folder (--gold)")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldError(f"{gold_dir}: no gold files (*.json) in the gold folder")
    docs = (_gold_document(p) for p in files)
    return {d.doc: d for d in docs}


def _gold_document(path: Path) -> GoldDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        tasks = tuple(_gold_task(t) for t in sorted(data.get("tasks", []), key=lambda t: t["seq"]))
        return GoldDocument(data.get("doc") or path.stem, tasks, tuple(data.get("not_targets", [])))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON: {exc}") from None
    except KeyError as exc:
        raise GoldError(f"{path}: a task has no {exc} key") from None
    except (AttributeError, TypeError, ValueError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not a gold file: {type(exc).__name__}: {exc}") from None


def _gold_task(t: dict[str, Any]) -> GoldTask:
    deadlines = t.get("deadlines")
    return GoldTask(
        seq=t["seq"],
        number=t.get("number"),
        title=t.get("title") or "",
        lead=_names(t, "lead"),
        participants=_names(t, "participants"),
        either=_names(t, "either"),
        collective=_names(t, "collective") if "collective" in t else None,
        targets=tuple(_gold_target(g) for g in t.get("targets") or ()),
        deadlines=None
        if deadlines is None
        else tuple(d["due_date"] for d in deadlines if d.get("due_date")),
        optional=tuple(norm(q) for q in t.get("optional_quantities") or () if norm(q)),
    )


def _names(t: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(norm(n) for n in t.get(key) or ())


def target_fields(r: dict[str, Any]) -> dict[str, Any]:
    """The fields a target is scored on, normalized alike for gold and output rows."""
    return {
        "value_min": r.get("value_min"),
        "value_max": r.get("value_max"),
        "comparator": (r.get("comparator") or "").strip().lower(),
        "unit": norm(r.get("unit")),
        "period": norm_opt(r.get("period")),
        "raw": r.get("raw") or "",
    }


def _gold_target(g: dict[str, Any]) -> GoldTarget:
    return GoldTarget(**target_fields(g))
