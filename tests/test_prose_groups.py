"""Prose shapes of real notices: unit lists before a verb that run over ，, a unit named twice
in one task, counted places and street offices, group attributions after unnumbered items,
and numbered headings that are the task they head."""

from __future__ import annotations

from helpers import extracted, roles, segmented

from pipeline.stages import agency_names as an
from pipeline.stages.resolve import parse_places, resolve

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


# ---------------------------------------------------------------- groups and headings


def _tasks(text: str) -> list[tuple[str | None, str, list[tuple[str, str]]]]:
    ex = extracted(text)
    return [
        (
            t.number,
            ex.segmentation.document.text[t.title_start : t.title_end],
            [(m.role, m.mention) for m in ex.agencies if m.task_seq == t.seq],
        )
        for t in ex.segmentation.tasks
    ]


def test_paragraphs_attributed_in_groups_under_a_heading_are_tasks() -> None:
    text = (
        "上述项目由区绿化市容局牵头负责。\n"
        "五、加强社区公共服务设施建设。改建标准化菜市场4家；新建小区健身点15个。\n"
        "改建标准化菜市场4家。项目具体实施进度为：第三季度完成3家。\n"
        "在6家标准化菜市场建设猪肉流通安全信息追溯系统。项目具体实施进度为：第四季度验收。\n"
        "上述项目由区商务委牵头负责。\n"
        "新建小区健身点15个。项目具体实施进度为：第四季度验收开放。\n"
        "以上工作由区体育局牵头负责。\n"
    )
    assert _tasks(text) == [
        (None, "改建标准化菜市场4家", [("lead", "区商务委")]),
        (None, "在6家标准化菜市场建设猪肉流通安全信息追溯系统", [("lead", "区商务委")]),
        (None, "新建小区健身点15个", [("lead", "区体育局")]),
    ]
    assert segmented(text).tasks[0].section == "五、加强社区公共服务设施建设"


def test_a_group_attribution_after_numbered_items_leaves_them_tasks() -> None:
    text = (
        "1.改建标准化菜市场4家。\n"
        "2.新建小区健身点15个。\n"
        "上述项目由区商务委牵头负责。\n"
    )
    assert _tasks(text) == [
        ("1", "改建标准化菜市场4家", [("lead", "区商务委")]),
        ("2", "新建小区健身点15个", [("lead", "区商务委")]),
    ]


def test_a_numbered_line_over_its_one_assigned_paragraph_titles_that_task() -> None:
    text = (
        "一、继续加大财政对工业的扶持力度\n"
        "每年统筹安排资金支持重大工业项目建设。（牵头单位：自治区财政厅、工业和信息化厅；"
        "配合单位：各市人民政府）\n"
        "二、支持工业科技创新\n"
        "对关键核心技术攻关项目给予资助。（牵头单位：自治区科技厅）\n"
    )
    assert _tasks(text) == [
        ("一", "继续加大财政对工业的扶持力度", [
            ("lead", "自治区财政厅"), ("lead", "工业和信息化厅"), ("participant", "各市人民政府"),
        ]),
        ("二", "支持工业科技创新", [("lead", "自治区科技厅")]),
    ]


def test_a_numbered_line_over_several_assigned_paragraphs_stays_a_heading() -> None:
    text = (
        "一、支持工业科技创新\n"
        "对关键核心技术攻关项目给予资助。（市科技局牵头）\n"
        "支持工业互联网平台建设。（市工信局牵头）\n"
        "二、继续加大财政扶持力度\n"
        "统筹安排资金支持重大工业项目建设。（市财政局牵头）\n"
    )
    assert [(n, t) for n, t, _ in _tasks(text)] == [
        (None, "对关键核心技术攻关项目给予资助"),
        (None, "支持工业互联网平台建设"),
        (None, "统筹安排资金支持重大工业项目建设"),
    ]


def test_the_addressee_line_is_no_title_and_ge_shi_no_place() -> None:
    text = (
        "各市、县人民政府，自治区人民政府各组成部门、各直属机构：\n"
        "1.支持工业科技创新。（牵头单位：自治区财政厅、产业园区改革发展办公室）\n"
    )
    assert segmented(text).metadata.title is None
    assert resolve(extracted(text)).agencies[1].name == "产业园区改革发展办公室"
    assert parse_places("各市、县人民政府") == ()
    assert [p.name for p in parse_places("鞍山市立山区人民政府")] == ["鞍山市", "立山区"]
