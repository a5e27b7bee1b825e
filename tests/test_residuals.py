"""Residual shapes of real notices, as general mechanisms on constructed examples: units a
statement makes take part in every task, zone bodies in unit lists, signed quantities."""

from __future__ import annotations

from helpers import extracted

from pipeline.stages.roles import stated_conventions


def roles(text: str) -> list[tuple[int, str, str, bool]]:
    return [(m.task_seq, m.role, m.mention, m.collective) for m in extracted(text).agencies]


# ---------------------------------------------------------------- units stated for all tasks


def test_a_group_stated_once_takes_part_in_the_tasks_from_there_on() -> None:
    text = (
        "一、总体要求\n"
        "1.深化“放管服”改革。〔责任单位：省政务服务局〕\n"
        "2.加强市场体系建设。〔责任单位：省发展改革委、省商务厅按职责分工负责。"
        "具体任务均涉及相关市（州）人民政府，不再做分工，下同。〕\n"
        "3.优化市场准入环境。〔责任单位：省市场监管局〕\n"
    )
    assert roles(text) == [
        (1, "responsible", "省政务服务局", False),
        (2, "participant", "省发展改革委", False),
        (2, "participant", "省商务厅", False),
        (2, "participant", "相关市（州）人民政府", True),
        (3, "responsible", "省市场监管局", False),
        (3, "participant", "相关市（州）人民政府", True),
    ]


def test_units_stated_as_partners_of_every_task_join_each_task() -> None:
    text = (
        "各区人民政府：\n市财政局、市审计局为各项任务的共同配合单位。\n"
        "1.推进城市更新行动（区住建局牵头）。\n2.提升公共文化服务（区文旅局牵头）。\n"
    )
    assert roles(text) == [
        (1, "lead", "区住建局", False),
        (1, "participant", "市财政局", False),
        (1, "participant", "市审计局", False),
        (2, "lead", "区文旅局", False),
        (2, "participant", "市财政局", False),
        (2, "participant", "市审计局", False),
    ]


def test_the_statement_names_its_units_and_scope() -> None:
    view = "具体任务均涉及相关市(州)人民政府,不再做分工,下同。"
    (found,) = stated_conventions(view)
    assert (found.effect, found.onward) == ("all_take_part", True)
    assert found.units is not None and view[slice(*found.units)] == "相关市(州)人民政府"


def test_a_sentence_that_asks_every_task_to_be_done_names_no_unit() -> None:
    text = (
        "各项工作均要求按时完成，各项任务均需市发改委牵头推进。\n"
        "1.推进城市更新行动（区住建局牵头）。\n"
    )
    assert roles(text) == [(1, "lead", "区住建局", False)]


# ---------------------------------------------------------------- zone bodies in lists


def test_a_zone_named_in_a_unit_list_is_a_unit() -> None:
    text = (
        "序号 主要任务 牵头单位 责任单位\n"
        "1 严守水资源开发利用控制红线。 市水利局 "
        "各县(市、区)党委和人民政府,城乡一体化示范区、高新区党工委和管委会\n"
        "2 推进综合配套改革。 市发展改革委 综合配套改革试验区管委会、市财政局\n"
    )
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "市水利局"),
        (1, "responsible", "各县(市、区)党委"),
        (1, "responsible", "人民政府"),
        (1, "responsible", "城乡一体化示范区"),
        (1, "responsible", "高新区党工委"),
        (1, "responsible", "管委会"),
        (2, "lead", "市发展改革委"),
        (2, "responsible", "综合配套改革试验区管委会"),
        (2, "responsible", "市财政局"),
    ]
