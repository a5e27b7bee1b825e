"""Prose shapes of real notices: unit lists before a verb that run over ，, a unit named twice
in one task, counted places and street offices, group attributions after unnumbered items,
and numbered headings that are the task they head."""

from __future__ import annotations

from helpers import extracted

from pipeline.stages import agency_names as an


def roles(text: str) -> list[tuple[int, str, str, bool]]:
    return [(m.task_seq, m.role, m.mention, m.collective) for m in extracted(text).agencies]


# ---------------------------------------------------------------- lists over ，


def test_a_list_before_its_verb_runs_back_over_commas() -> None:
    text = (
        "1.继续实施种粮农民直接补贴，确保补贴总金额高于上年。"
        "由市财政局、农业局，各县（市）、区人民政府负责落实。\n"
        "2.加强项目谋划储备。（区发改局牵头，区财政局、区水务局等部门，区国投公司、各街道办事处配合）"
    )
    assert roles(text) == [
        (1, "responsible", "市财政局", False),
        (1, "responsible", "农业局", False),
        (1, "responsible", "各县（市）", True),
        (1, "responsible", "区人民政府", True),
        (2, "lead", "区发改局", False),
        (2, "participant", "区财政局", False),
        (2, "participant", "区水务局", False),
        (2, "participant", "区国投公司", False),
        (2, "participant", "各街道办事处", True),
    ]


def test_a_list_never_runs_back_over_prose_or_another_verb() -> None:
    text = (
        "1.完善养老服务体系，市民政局负责。\n"
        "2.推进老旧小区改造（市住建局牵头，市财政局，市自然资源局配合）。"
    )
    assert roles(text) == [
        (1, "responsible", "市民政局", False),
        (2, "lead", "市住建局", False),
        (2, "participant", "市财政局", False),
        (2, "participant", "市自然资源局", False),
    ]


# ---------------------------------------------------------------- one unit once


def test_a_unit_named_in_several_brackets_of_one_task_is_one_unit() -> None:
    text = (
        "11.推动城市圈联动发展(省发改委、交通厅、武汉城市圈9市等)。"
        "加快推进航运中心建设(省发改委、交通厅、武汉铁路局)。"
        "支持副中心城市建设(省发改委牵头，建设厅配合)。"
    )
    found = extracted(text).agencies
    assert [(m.role, m.mention, m.collective) for m in found] == [
        ("lead", "省发改委", False),
        ("responsible", "交通厅", False),
        ("responsible", "武汉城市圈9市", True),
        ("responsible", "武汉铁路局", False),
        ("participant", "建设厅", False),
    ]
    assert [m.position for m in found] == [1, 2, 3, 4, 5]


def test_counted_places_and_related_towns_are_groups_street_offices_are_units() -> None:
    assert an.is_collective("武汉城市圈9市")
    assert an.is_collective("全省17个市州")
    assert an.is_collective("相关镇街区")
    assert not an.is_collective("第二街道")
    assert an.looks_like_agency("东城街道")
    text = "1.推进物流中心建设。\n责任单位：科技局、相关镇街区；配合单位：交通局、东城街道。"
    assert roles(text) == [
        (1, "responsible", "科技局", False),
        (1, "responsible", "相关镇街区", True),
        (1, "participant", "交通局", False),
        (1, "participant", "东城街道", False),
    ]
