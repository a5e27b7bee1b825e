"""Number tokens: Arabic, full-width, magnitudes, Chinese numerals and their traps."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.numbers import parse_cn_range, parse_number

CASES = [
    ("800", 800),
    ("1.2万", 12000),
    ("3千", 3000),
    ("2.18万亿", 2.18e12),
    ("1,200", 1200),
    ("１２００", 1200),
    ("６．５", 6.5),
    ("0.5", 0.5),
    ("一千二百", 1200),
    ("两", 2),
    ("兩", 2),
    ("十", 10),
    ("十五", 15),
    ("二十", 20),
    ("一百一十", 110),
    ("两百", 200),
    ("三千五", 3500),
    ("一万二", 12000),
    ("一千零五", 1005),
    ("一万零五百", 10500),
    ("一亿零五百万", 105000000),
    ("十万", 100000),
    ("百分之六", 6),
    ("百分之六点五", 6.5),
    ("百分之15", 15),
    ("六点五", 6.5),
    ("二〇一七", 2017),
    ("二○○七", 2007),
    ("零", 0),
    ("壹仟贰佰", 1200),
    ("萬", None),
]


@pytest.mark.parametrize(("token", "value"), CASES)
def test_parse_number(token: str, value: float | None) -> None:
    got = parse_number(token)
    assert got == pytest.approx(value) if value is not None else got is None


@pytest.mark.parametrize(
    "token",
    ["", "两三", "一两", "三五", "十三五", "万众", "千人", "百万", "第二", "1.", "abc", "百分之"],
)
def test_not_a_single_number(token: str) -> None:
    assert parse_number(token) is None


@pytest.mark.parametrize(
    ("token", "expected"),
    [("两三", (2, 3)), ("一两", (1, 2)), ("三五", (3, 5)), ("七八", (7, 8)), ("二三十", (20, 30))],
)
def test_adjacent_digits_are_ranges(token: str, expected: tuple[int, int]) -> None:
    assert parse_cn_range(token) == expected


def test_descending_digits_are_no_range() -> None:
    assert parse_cn_range("三二") is None
    assert parse_cn_range("十五") is None


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**9))
def test_every_integer_in_chinese_parses_back(n: int) -> None:
    assert parse_number(cn2an.an2cn(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9))
def test_every_integer_in_formal_chinese_parses_back(n: int) -> None:
    assert parse_number(cn2an.an2cn(n, "up")) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9))
def test_every_integer_in_arabic_parses_back(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9), st.integers(2, 9))
def test_digit_before_units(d: int, unit_index: int) -> None:
    """A digit (两 as 2) before 百, 千, 万 and 亿: 两千 = 2000, 七亿 = 7 × 10^8."""
    unit = ["百", "千", "万", "亿"][unit_index % 4]
    scale = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}[unit]
    assert parse_number(f"两{unit}") == 2 * scale
    assert parse_number(f"{cn2an.an2cn(d)}{unit}") == d * scale


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_never_raises(token: str) -> None:
    parse_number(token)
    parse_cn_range(token)
