"""Targets: the phrase table, every gold target of the corpus, every gold not_target, traps,
and properties (no input raises; every span is inside the region and equals its raw)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import regex
import yaml
from conftest import fitted_gold_paths
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.records import Target
from pipeline.stages.agency_names import to_simplified
from pipeline.stages.normalize import preview_page_counters
from pipeline.stages.numbers import parse_number
from pipeline.stages.quantities import TOKEN, distinct_targets, extract_targets, trap_spans
from pipeline.stages.quantity_grammar import grammar
from tests.helpers import normalized

ROOT = Path(__file__).resolve().parent.parent
GOLD = fitted_gold_paths()
PHRASES = yaml.safe_load((ROOT / "tests" / "data" / "quantity_phrases.yaml").read_text("utf-8"))

# ---------------------------------------------------------------- corpus helpers (shared)

_HAN = regex.compile(r"\p{Han}")


def light_normalize(raw: str) -> str:
    """What the normalizer does to the corpus texts, enough for these tests: spaces go
    unless they separate two Han characters (table cells) or two ASCII words."""

    def keep(m: regex.Match[str]) -> str:
        a = raw[m.start() - 1] if m.start() else ""
        b = raw[m.end()] if m.end() < len(raw) else ""
        both_han = bool(_HAN.match(a) and _HAN.match(b)) if a and b else False
        both_ascii = a.isascii() and b.isascii() and a.isalnum() and b.isalnum()
        return " " if both_han or both_ascii else ""

    return regex.sub(r"[ \t\u3000]+", keep, raw.lstrip("\ufeff"))


@dataclass(frozen=True)
class GoldDoc:
    name: str
    gold: dict[str, Any]
    text: str
    regions: tuple[tuple[int, int], ...]  # per gold task, [start, end) in text


_RUBY_GLOSS = regex.compile(
    yaml.safe_load((ROOT / "rules" / "normalize.yaml").read_text("utf-8"))["ruby_gloss"]
)


@cache
def gold_doc(path: Path) -> GoldDoc:
    gold = json.loads(path.read_text("utf-8"))
    source = ROOT / "corpus" / gold["source_file"]
    if not source.exists():
        source = ROOT / "corpus" / "dev" / gold["source_file"]
    # the mirrors' pinyin glosses go, as normalize drops them (gold is written without them)
    text = _RUBY_GLOSS.sub("", light_normalize(source.read_text("utf-8")))
    for start, stop in reversed(preview_page_counters(text)):  # as normalize drops them
        text = text[:start] + text[stop:]
    squeezed, index = _squeeze(text)
    starts, pos = [], 0
    for task in gold["tasks"]:
        found = squeezed.find(regex.sub(r"\s+", "", task["title"]), pos)
        assert found >= 0, f"{path.name}: title of task {task['seq']} not found"
        starts.append(index[found])
        pos = found + 1
    ends = [*starts[1:], len(text)]
    return GoldDoc(path.stem, gold, text, tuple(zip(starts, ends, strict=True)))


def _squeeze(text: str) -> tuple[str, list[int]]:
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in keep), keep


def _gold_ids() -> list[str]:
    return [p.stem for p in GOLD]


# ---------------------------------------------------------------- phrase table


def _approx(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9)


def _matches(t: Target, want: dict[str, Any]) -> bool:
    keys = ("comparator", "unit", "period", "object", "kind", "unit_base")
    same = all(getattr(t, k) == want[k] for k in keys if k in want)
    values = ("value_min", "value_max", "value_min_base", "value_max_base")
    return same and all(_approx(getattr(t, k), want[k]) for k in values if k in want)


def test_phrase_table_is_large() -> None:
    assert len(PHRASES) >= 150


@pytest.mark.parametrize("case", PHRASES, ids=[c["phrase"][:24] for c in PHRASES])
def test_phrase(case: dict[str, Any]) -> None:
    text = case["phrase"]
    targets, rejected = extract_targets(text, 0, len(text), 1)
    wanted = case["targets"]
    assert len(targets) == len(wanted), [(t.raw, t.value_min, t.unit) for t in targets]
    for t, want in zip(targets, wanted, strict=True):
        assert _matches(t, want), (t, want)
    if "rejected" in case:
        assert case["rejected"] in {r.reason for r in rejected}, rejected


# ---------------------------------------------------------------- gold corpus


def _gold_matches(t: Target, g: dict[str, Any]) -> bool:
    return (
        t.unit == g["unit"]
        and _approx(t.value_min, g["value_min"])
        and _approx(t.value_max, g["value_max"])
        and t.comparator == g["comparator"]
        and t.period == g["period"]
    )


def _object_ok(t: Target, g: dict[str, Any]) -> bool:
    """Objects agree when one contains the other (the gold's extent varies by notice)."""
    if g["object"] is None:
        return t.object is None
    return t.object is not None and (t.object in g["object"] or g["object"] in t.object)


@pytest.mark.parametrize("path", GOLD, ids=_gold_ids())
def test_gold_targets_reproduced(path: Path) -> None:
    doc = gold_doc(path)
    for task, (start, end) in zip(doc.gold["tasks"], doc.regions, strict=True):
        targets, _ = extract_targets(doc.text, start, end, task["seq"])
        left = list(targets)
        for g in task.get("targets", []):
            hit = next((t for t in left if _gold_matches(t, g)), None)
            assert hit is not None, (doc.name, task["seq"], g["raw"], [t.raw for t in targets])
            assert _object_ok(hit, g), (hit.object, g["object"])
            g_start = doc.text.find(g["raw"], start)
            assert g_start >= 0 and hit.char_start < g_start + len(g["raw"])
            assert g_start < hit.char_end, (hit.raw, g["raw"])
            left.remove(hit)
        optional = task.get("optional_quantities", [])
        extra = [t.raw for t in left if not any(q in t.raw or t.raw in q for q in optional)]
        assert extra == [], (doc.name, task["seq"], extra)


def test_gold_has_targets() -> None:
    total = sum(len(t.get("targets", [])) for p in GOLD for t in gold_doc(p).gold["tasks"])
    assert total >= 40


def _value_tokens(text: str, t: Target) -> list[tuple[int, int]]:
    """Spans of the number tokens inside a target's raw that carry its value."""
    out = []
    for m in TOKEN.finditer(text, t.char_start, t.char_end):
        value = parse_number(m.group())
        if value is not None and any(_approx(value, v) for v in (t.value_min, t.value_max)):
            out.append((m.start(), m.end()))
    return out


@pytest.mark.parametrize("path", GOLD, ids=_gold_ids())
def test_gold_not_targets_never_targets(path: Path) -> None:
    doc = gold_doc(path)
    spans = [
        (m.start(), m.end())
        for nt in doc.gold["not_targets"]
        for m in regex.finditer(regex.escape(nt), doc.text)
    ]
    for task, (start, end) in zip(doc.gold["tasks"], doc.regions, strict=True):
        targets, _ = extract_targets(doc.text, start, end, task["seq"])
        for t in targets:
            for s, e in _value_tokens(doc.text, t):
                assert not any(a < e and s < b for a, b in spans), (doc.name, t.raw)


@pytest.mark.parametrize("path", GOLD, ids=_gold_ids())
def test_gold_not_target_strings_alone(path: Path) -> None:
    for nt in gold_doc(path).gold["not_targets"]:
        targets, _ = extract_targets(nt, 0, len(nt), 1)
        assert targets == [], (nt, targets)


def test_whole_tibet_notice_traps_recorded() -> None:
    doc = gold_doc(ROOT / "corpus" / "gold" / "tibet-2017-keji-yuanzang.json")
    targets, rejected = extract_targets(doc.text, 0, len(doc.text), 0)
    reasons = {r.reason for r in rejected}
    assert {"quoted_name", "ordinal", "enumerator", "vague_amount", "since_years"} <= reasons
    assert {"n_da_label", "year", "date", "list_marker"} <= reasons
    for m in regex.finditer("十三五|千人计划|第二次|一江两河|一是|一批|一定额度", doc.text):
        assert any(r.char_start < m.end() and m.start() < r.char_end for r in rejected), m
    assert len(targets) == 8, [t.raw for t in targets]
    for r in rejected:
        assert doc.text[r.char_start : r.char_end] == r.raw


def test_region_bounds_respected() -> None:
    text = "培养800名人才，建设5个基地。"
    cut = text.index("，")
    targets, _ = extract_targets(text, 0, cut, 1)
    assert [(t.value_min, t.object) for t in targets] == [(800, "人才")]
    targets, _ = extract_targets(text, cut, len(text), 1)
    assert [(t.value_min, t.object) for t in targets] == [(5, "基地")]
    assert extract_targets(text, 5, 5, 1) == ([], [])


def test_a_task_states_each_target_once() -> None:
    """A title cell and a target cell restating one target give it once; equal values of
    different things stay."""
    text = "全市生产总值增长8%左右。\n全市生产总值增长8%左右,外贸出口增长12%,实际利用外资增长12%。"
    cut = text.index("\n")
    found = extract_targets(text, 0, cut, 1)[0] + extract_targets(text, cut, len(text), 1)[0]
    assert len(found) == 4
    kept = distinct_targets(found)
    assert [(t.value_min, t.object) for t in kept] == [
        (8, "全市生产总值增长"),
        (12, "外贸出口增长"),
        (12, "实际利用外资增长"),
    ]
    assert kept[0].char_start == 0  # the first statement keeps its span


def test_object_inherited_for_elliptical_amount() -> None:
    text = "中央财政安排1000亿元专项奖补资金,重点用于职工分流安置,2016年安排500亿元"
    targets, rejected = extract_targets(text, 0, len(text), 5)
    assert [(t.value_min, t.unit, t.object) for t in targets] == [
        (1000, "亿元", "专项奖补资金"),
        (500, "亿元", "专项奖补资金"),
    ]
    assert ("2016", "year") in {(r.raw, r.reason) for r in rejected}


def test_base_values() -> None:
    text = "新增学位1.2万个，安排财政赤字2.18万亿元，城镇新增就业1000万人以上"
    targets, _ = extract_targets(text, 0, len(text), 1)
    got = [(t.value_min_base, t.value_max_base, t.unit_base) for t in targets]
    assert got == [(12000, 12000, "个"), (2.18e12, 2.18e12, "元"), (1e7, None, "人")]


# ---------------------------------------------------------------- properties

KINDS = {"count", "percent", "money", "duration", "area", "length", "weight", "other"}
_ALPHABET = st.sampled_from(
    list(
        "0123456789.,%％万亿千百十一二两三四五六七八九零〇第每年名个项人元亩—－-~至到以上下内左右约近不少于超过“”《》（）()、，。；：增长提高到达每批"
    )
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.data())
def test_arbitrary_text_never_raises_and_spans_hold(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    targets, rejected = extract_targets(text, start, end, 1)
    for r in [*targets, *rejected]:
        assert start <= r.char_start < r.char_end <= end
        assert text[r.char_start : r.char_end] == r.raw
    for t in targets:
        assert t.comparator in {"eq", "ge", "gt", "le", "lt", "range", "approx"}
        assert t.kind in KINDS


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_never_raises(text: str) -> None:
    targets, rejected = extract_targets(text, 0, len(text), 1)
    for r in [*targets, *rejected]:
        assert text[r.char_start : r.char_end] == r.raw


def test_clause_start_search_equals_character_walk() -> None:
    """The right-to-left search for a clause start finds what walking back one character at
    a time finds, at every position of a gold notice (both boundary sets)."""
    from pipeline.stages.quantities import clause_start, grammar

    g = grammar()
    text = gold_doc(GOLD[0]).text
    for stops, pattern in (
        (g.boundaries, g.last_boundary),
        (g.narrow_boundaries, g.last_narrow_boundary),
    ):
        for pos in range(0, len(text), 7):
            floor = max(0, pos - 60)
            i = pos
            while i > floor and text[i - 1] not in stops:
                i -= 1
            assert clause_start(text, pos, floor, pattern) == i


def test_object_ends_at_stop_word_running_past_limit() -> None:
    """A stop word that starts inside the object window ends the object even if it runs past
    the window; 、 ends it only before another number with a unit."""
    from pipeline.stages.quantities import object_end

    assert object_end("人才参加培训", 0, 3) == 2  # 参加 starts at 2, ends past 3
    assert object_end("企业、高校，", 0, 6) == 5  # 、 without a number: goes on to ，
    assert object_end("企业、5个高校", 0, 7) == 2


def test_number_led_traps_found_in_one_scan_are_what_a_scan_per_trap_finds() -> None:
    """Traps opening with a number are tried only where the one combined scan finds some
    may match (a speed-up): every notice of the corpus gives the spans a scan per trap gives."""
    led = grammar().number_led
    assert {"own_items", "level_label", "session", "threshold_qualifier", "date", "time"} <= led
    assert not led & {"quoted_name", "list_marker", "year"}
    for path in sorted((ROOT / "corpus").glob("**/*.txt")):
        text = normalized(path.read_text(encoding="utf-8")).text
        simple = to_simplified(text)  # traps match the simplified script (4項目標 is 4项目标)
        per_trap = sorted(
            (m.start(), m.end(), name)
            for name, pattern in grammar().traps
            for m in pattern.finditer(simple)
            if m.end() > m.start()
        )
        assert trap_spans(text) == per_trap, path.name
