"""Numeral parsing for number tokens (never whole sentences).

``parse_number`` reads Arabic numerals (full-width digits, decimals, thousands separators,
a trailing magnitude such as 1.2万 or 2.18万亿), Chinese numerals (一千二百, 两, 十五, 三千五,
一万零五百, year-style 二〇一七) and 百分之X.  Two adjacent digits without a unit (两三, 一两,
三五) are an approximate range, not a number: ``parse_number`` returns None for them and
``parse_cn_range`` reads them (cn2an's known trap reads 两三 as 23).
"""

from __future__ import annotations

from decimal import Decimal

import regex

DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
ZEROS = frozenset("〇○零")
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
YEAR_DIGITS = "〇○零一二三四五六七八九"  # digits of a year written in Chinese: 二〇二三
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = regex.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(.*)")
_PERCENT_PREFIX = "百分之"
_CN_RANGE = regex.compile(r"([一二两三四五六七八九])([二两三四五六七八九])([十百千万亿]?)")


def parse_number(token: str) -> float | None:
    """The value of one number token, or None if it is not a single number."""
    token = token.strip().translate(_FULLWIDTH)
    if not token:
        return None
    if token.startswith(_PERCENT_PREFIX):
        token = token[len(_PERCENT_PREFIX) :]
        if not token:
            return None
    m = _ARABIC.fullmatch(token)
    if m:
        return _arabic(m.group(1), m.group(2))
    return _chinese(token)


def outline_value(token: str) -> int | None:
    """The value of an outline number as printed: 12, 十二, ⑫ (None if it is none)."""
    if token in CIRCLED:
        return CIRCLED.index(token) + 1
    value = parse_number(token)
    return None if value is None else int(value)


def parse_cn_range(token: str) -> tuple[float, float] | None:
    """Approximate ranges written as two adjacent digits: 两三 → (2, 3), 三五十 → (30, 50)."""
    m = _CN_RANGE.fullmatch(token)
    if not m:
        return None
    low, high = DIGITS[m.group(1)], DIGITS[m.group(2)]
    if high <= low:
        return None
    scale = (SMALL_UNITS | BIG_UNITS).get(m.group(3), 1) if m.group(3) else 1
    return float(low * scale), float(high * scale)


def _arabic(digits: str, magnitude: str) -> float | None:
    value = Decimal(digits.replace(",", ""))
    if not magnitude:
        return float(value)
    scale = _chinese(magnitude, bare_units=True)
    return None if scale is None else float(value * Decimal(int(scale)))


def _chinese(token: str, *, bare_units: bool = False) -> float | None:
    """Chinese numerals; ``bare_units`` accepts a magnitude alone (万 → 10000)."""
    if any(ch not in CN_NUMERAL_CHARS and ch != "点" for ch in token):
        return None
    if "点" in token:
        return _chinese_decimal(token)
    if all(ch in DIGITS for ch in token):
        return _digit_string(token)
    if not bare_units and not (token[0] in DIGITS or token[0] in "十拾"):
        return None  # 万众, 千人, 百万: a magnitude without a digit is part of a word
    value = _with_big_units(token)
    return None if value is None else float(value)


def _digit_string(token: str) -> float | None:
    """一 → 1; 二〇一七 → 2017 (year style); 两三 → None (an approximate range)."""
    if len(token) == 1:
        return float(DIGITS[token])
    if len(token) == 2 and not (set(token) & ZEROS):
        return None
    if set(token) & set("两兩"):
        return None
    return float("".join(str(DIGITS[ch]) for ch in token))


def _chinese_decimal(token: str) -> float | None:
    whole, _, frac = token.partition("点")
    if not frac or not all(ch in DIGITS for ch in frac):
        return None
    base = _chinese(whole) if whole else None
    if base is None:
        return None
    return float(f"{int(base)}.{''.join(str(DIGITS[ch]) for ch in frac)}")


def _with_big_units(token: str) -> int | None:
    """Split on the last 亿, then the last 万: left × unit + right."""
    for unit_chars, scale in (("亿億", 10**8), ("万萬", 10**4)):
        pos = max(token.rfind(ch) for ch in unit_chars)
        if pos < 0:
            continue
        left, right = token[:pos], token[pos + 1 :]
        high = _with_big_units(left) if left else 1
        if not high:
            return None
        if len(right) == 1 and right in DIGITS and right not in ZEROS:
            return high * scale + DIGITS[right] * scale // 10  # 一万二 → 12000
        low = _with_big_units(right) if right else 0
        if low is None or low >= scale:
            return None
        return high * scale + low
    return _section(token)


def _section(token: str) -> int | None:
    """A number below 10^4 written with 十百千 (零 allowed)."""
    if not token:
        return 0
    total, current, last_unit, saw_zero = 0, None, None, False
    for ch in token:
        if ch in ZEROS:
            saw_zero, current = True, None if current is None else current
            continue
        if ch in DIGITS:
            if current is not None:
                return None  # two digits in a row: 两三, 十三五
            current = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None
            total += (1 if current is None else current) * unit
            current, last_unit, saw_zero = None, unit, False
        else:
            return None
    if current is not None:
        abbreviated = not saw_zero and last_unit is not None and last_unit >= 100
        total += current * (last_unit // 10 if abbreviated and last_unit else 1)  # 三千五
    return total
