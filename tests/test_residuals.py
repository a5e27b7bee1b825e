"""Residual shapes of real notices, as general mechanisms on constructed examples: units a
statement makes take part in every task, zone bodies in unit lists, signed quantities."""

from __future__ import annotations

from helpers import extracted, roles

from pipeline.stages.roles import stated_conventions

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
        "各区人民政府：\n各项工作均需市财政局、市审计局配合。\n"
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


# ---------------------------------------------------------------- signed quantities


def _targets(text: str) -> list[tuple[float | None, float | None, str, str]]:
    return [(t.value_min, t.value_max, t.comparator, t.unit) for t in extracted(text).targets]


def test_a_minus_sign_after_a_word_makes_a_rate_negative() -> None:
    text = (
        "1.稳定工业生产，规模以上工业增加值增幅-1.1%，能耗控制在－2%以内。（市经信局）\n"
        "2.财政收入增长-3.5%至-1%，增速为−0.5个百分点。（市财政局）\n"
    )
    assert _targets(text) == [
        (-1.1, -1.1, "eq", "%"), (None, -2.0, "le", "%"),
        (-3.5, -1.0, "range", "%"), (-0.5, -0.5, "eq", "个百分点"),
    ]
    assert extracted(text).targets[0].raw.endswith("增幅-1.1%")  # the sign is printed in raw


def test_a_dash_between_numbers_or_before_a_count_is_no_sign() -> None:
    text = "1.新建学校15-20所，收入增长1%-2%，2021年-2022年新增就业-500人。（市教育局）\n"
    assert _targets(text) == [
        (15.0, 20.0, "range", "所"), (1.0, 2.0, "range", "%"), (500.0, 500.0, "eq", "人"),
    ]
