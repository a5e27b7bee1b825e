"""Notices printed with compatibility characters give what their plain spelling gives, and
every value still points at the characters as printed."""

from __future__ import annotations

from datetime import date

from pipeline.records import Extraction
from tests.helpers import extracted


def _found(ex: Extraction) -> dict[str, list[tuple]]:
    text = ex.segmentation.document.text
    return {
        "tasks": [
            (t.number, t.section, text[t.title_start : t.title_end]) for t in ex.segmentation.tasks
        ],
        "agencies": [(a.task_seq, a.role, a.mention) for a in ex.agencies],
        "targets": [(t.task_seq, t.raw, t.value_min, t.unit) for t in ex.targets],
        "deadlines": [(d.task_seq, d.raw, d.due_date) for d in ex.deadlines],
    }


def _printed(ex: Extraction, start: int, end: int) -> str:
    doc = ex.segmentation.document
    return doc.source.raw_text[doc.source_offsets[start] : doc.source_offsets[end - 1] + 1]


PLAIN = (
    "一、重点任务\n"
    "1.推进重点项目建设，新建标准厂房12万平方米。（市发改委牵头，市财政局、市住建局配合）\n"
    "2.加快数字政府建设，2023年10月底前完成。（市数据局牵头）"
)


def test_small_forms_and_full_width_digits_give_the_plain_notice_s_values():
    printed = (
        "一﹑重点任务\n"
        "1﹒推进重点项目建设﹐新建标准厂房１２万平方米。（市发改委牵头﹐市财政局﹑市住建局配合）\n"
        "２﹒加快数字政府建设，２０２３年１０月底前完成。（市数据局牵头）"
    )
    got, want = _found(extracted(printed)), _found(extracted(PLAIN))
    assert got == want
    assert [a[2] for a in got["agencies"]] == ["市发改委", "市财政局", "市住建局", "市数据局"]
    assert got["targets"] == [(1, "新建标准厂房12万平方米", 12.0, "万平方米")]


def test_parenthesized_numerals_are_numbering_and_spans_point_at_them():
    ex = extracted(
        "㈠加强组织领导\n⑴建立工作机制。（市发改委牵头，市财政局配合）\n⑵完善考核办法。（市委组织部牵头）\n"
        "㈡强化保障\n⑴落实资金。（市财政局牵头）"
    )
    plain = extracted(
        "（一）加强组织领导\n（1）建立工作机制。（市发改委牵头，市财政局配合）\n（2）完善考核办法。（市委组织部牵头）\n"
        "（二）强化保障\n（1）落实资金。（市财政局牵头）"
    )
    assert _found(ex) == _found(plain)
    assert [(t.number, t.section) for t in ex.segmentation.tasks] == [
        ("（1）", "（一）加强组织领导"),
        ("（2）", "（一）加强组织领导"),
        ("（1）", "（二）强化保障"),
    ]
    assert [_printed(ex, t.start, t.start + 3) for t in ex.segmentation.tasks] == ["⑴", "⑵", "⑴"]
    assert [_printed(ex, a.char_start, a.char_end) for a in ex.agencies] == [
        "市发改委",
        "市财政局",
        "市委组织部",
        "市财政局",
    ]


def test_full_stop_numerals_and_other_colons_give_numbered_tasks_with_leads():
    ex = extracted("⒈建立工作机制。\n牵头单位︰市发改委\n⒉完善考核办法。\n牵头单位∶市委组织部")
    assert [t.number for t in ex.segmentation.tasks] == ["1", "2"]
    assert [(a.task_seq, a.role, a.mention) for a in ex.agencies] == [
        (1, "lead", "市发改委"),
        (2, "lead", "市委组织部"),
    ]


def test_drawn_circled_numbers_are_the_circled_level():
    ex = extracted("一、重点任务\n❶建立工作机制。（市科技局牵头）\n❷完善考核办法。（市财政局牵头）")
    assert [(t.number, t.section) for t in ex.segmentation.tasks] == [
        ("①", "一、重点任务"),
        ("②", "一、重点任务"),
    ]


def test_years_with_a_letter_for_zero_give_deadlines():
    ex = extracted(
        "1.建立工作机制，二O二三年十月底前出台方案。（市发改委牵头）\n"
        "2.完善考核办法，2O24年6月底前完成。（市委组织部牵头）\n"
        "3.落实资金，二○二三年十二月底前到位。（市财政局牵头）"
    )
    assert [(d.task_seq, d.due_date) for d in ex.deadlines] == [
        (1, date(2023, 10, 31)),
        (2, date(2024, 6, 30)),
        (3, date(2023, 12, 31)),
    ]
    first = ex.deadlines[0]
    assert _printed(ex, first.char_start, first.char_end) == "二O二三年十月底前"


def test_ocr_dots_between_agencies_separate_them():
    ex = extracted("1.建立工作机制。（市发改委牵头，市财政局丶市人社局丶市住建局配合）")
    assert [(a.role, a.mention) for a in ex.agencies] == [
        ("lead", "市发改委"),
        ("participant", "市财政局"),
        ("participant", "市人社局"),
        ("participant", "市住建局"),
    ]


def test_radicals_in_agency_names_are_read_as_ideographs_and_printed_as_they_were():
    # ⼯ U+2F2F, ⽂ U+2F42, ⼴ U+2F34 (Kangxi radicals), ⺠ U+2EA0 (CJK Radicals Supplement)
    ex = extracted("1.推进⼯作。\n责任单位：市⽂化⼴电旅游局、市⺠政局")
    assert [a.mention for a in ex.agencies] == ["市文化广电旅游局", "市民政局"]
    assert [_printed(ex, a.char_start, a.char_end) for a in ex.agencies] == [
        "市⽂化⼴电旅游局",
        "市⺠政局",
    ]
    text = ex.segmentation.document.text
    assert "推进工作" in text
