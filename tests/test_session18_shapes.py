"""Issue 16: shapes met in the eighteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import task_units, titles_and_units


# Fields of work sharing the kind of body after 等 (区农业农村、市场监管、城管等部门): the first
# field may carry its level (区), so a five-character first item still opens the list.
def test_a_field_list_may_open_on_a_field_with_its_level():
    text = "\n".join([
        "一是要强化排查监测。区农业农村局要牵头抓总,做到排查全覆盖。",
        "二是要强化全链条监管。区农业农村、市场监管、城管、公安等部门要继续加强联合执法。",
        "三是要强化调运监管。区交通、公安等部门要密切协作配合。",
    ])
    units = task_units(text, suffixes=True)
    assert units[1] == [
        ("区农业农村", "部门"), ("市场监管", "部门"), ("城管", "部门"), ("公安", "部门"),
    ]


def _agencies(text: str) -> list[list[str]]:
    """Per task, the agencies its units resolve to."""
    result = process_text(text)
    tasks = result.extraction.segmentation.tasks
    return [[m.agency for m in result.mentions if m.mention.task_seq == t.seq] for t in tasks]


# A list item without a level takes the one before it (市规划和城市管理局、房管局 → 市房管局), but
# no prefix cuts into the known body a name ends with (规划和城市 is no place), and a place
# standing alone takes no other place's prefix (利通区党工委、青铜峡市: 青铜峡市's own government).
def test_a_shared_level_is_carried_but_never_into_a_place():
    text = "\n".join([
        "1、建设经济适用住房。责任单位:市规划和城市管理局、房管局。",
        "2、整治村庄。责任单位:利通区党工委、青铜峡市、市建设局、规划和城市管理局。",
    ])
    assert _agencies(text) == [
        ["市规划和城市管理局", "市房管局"],
        ["利通区党工委", "青铜峡市人民政府", "市建设局", "市规划和城市管理局"],
    ]


# A header of spaced column names wrapped onto the lines under it, a numbered row after them:
# one header. Spaces part the printed names, so "项目名称" is one column (not 项目 | 名称).
def test_a_spaced_header_wrapped_over_lines_is_one_header():
    text = "\n".join([
        "某县2021年1-6月民生实事项目完成情况",
        "序号 项目名称 责任单位 目标任务  1-6月 ",
        "实际完成情况",
        "任务完成率 备注",
        "1 新建城区公办幼儿园 县教育局 3所 1所 33%",
        "2 改造农村危房 县住建局 420户 380户 90% 雨季影响进度。",
        "3 新增城镇就业 县人社局 5000人 2600人 52%",
    ])
    assert titles_and_units(text) == [
        ("新建城区公办幼儿园", ["县教育局"]),
        ("改造农村危房", ["县住建局"]),
        ("新增城镇就业", ["县人社局"]),
    ]


# A header copied a cell a line pair, its last names on the next row ("任务完成率 | 备注 |"),
# the rows as wide as both rows together: the header's end, not a sub-header under its
# spanning names.
def test_a_pipe_header_wrapped_onto_the_next_row_is_one_header():
    text = "\n".join([
        "某县2021年1-6月民生实事项目完成情况 | ||||",
        "序号 | 项目名称 | 责任单位 | 目标任务 | 1-6月实际完成情况 |",
        "任务完成率 | 备注 | |",
        "1 | 新建城区公办幼儿园 | 县教育局 | 3所 | 1所 | 33% | ||",
        "2 | 改造农村危房 | 县住建局 | 420户 | 380户 | 90% | 雨季影响进度。 |",
        "3 | 新增城镇就业 | 县人社局 | 5000人 | 2600人 | 52% | ||",
    ])
    assert titles_and_units(text) == [
        ("新建城区公办幼儿园", ["县教育局"]),
        ("改造农村危房", ["县住建局"]),
        ("新增城镇就业", ["县人社局"]),
    ]
