"""Issue 16: shapes of the tenth holdout batch (601–632), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from pipeline.stages.agency_names import looks_like_agency
from tests.helpers import extracted, roles, segmented, titles

# 613 亳州: a page's excerpt of a table, its header left out; one cell a line, each closed
# by "|"; a heading in the row that opens its group; units and people one a line in a cell.
_HEADERLESS = "\n|\n".join([
    "1", "一、主要预期目标", "农村居民人均可支配收入与全省同步增长。", "法规科", "潘秀峰",
    "2024年底前", "5555309",
    "2", "粮食产量100亿斤以上。", "市农技中心", "卢伯瑛", "2024年底前", "5555097",
    "3", "二、加快新型工业化进程", "农产品加工业产值增长15%以上。", "产业科\n市畜牧中心", "",
    "2024年底前", "5555309\n5125676",
]) + "\n|\n"


def test_a_table_without_its_header_is_read_by_what_its_cells_hold():
    assert titles(_HEADERLESS) == [
        ("1", "农村居民人均可支配收入与全省同步增长"), ("2", "粮食产量100亿斤以上"),
        ("3", "农产品加工业产值增长15%以上"),
    ]
    seg = segmented(_HEADERLESS)
    assert [t.section for t in seg.tasks] == [
        "一、主要预期目标", "一、主要预期目标", "二、加快新型工业化进程",
    ]
    assert roles(_HEADERLESS) == [
        (1, "responsible", "法规科", False), (2, "responsible", "市农技中心", False),
        (3, "responsible", "产业科", False), (3, "responsible", "市畜牧中心", False),
    ]
    ex = extracted(_HEADERLESS)
    assert [d.raw for d in ex.deadlines] == ["2024年底前"] * 3
    assert not [t for t in ex.targets if "555" in t.raw]  # telephone numbers are no targets


def test_numbered_rows_without_a_header_need_three_rows_and_a_unit_column():
    two = "\n|\n".join(["1", "推进农业现代化。", "产业科", "2", "做好土壤普查。", "法规科"])
    assert titles(two + "\n|\n") == []
    no_units = "\n|\n".join(["1", "推进农业现代化。", "2", "做好土壤普查。", "3", "加快发展。"])
    assert roles(no_units + "\n|\n") == []


def test_a_sites_numbered_metadata_fields_are_no_tasks():
    """601 北京: the portal prints its metadata as a numbered list ("1. [主题分类] …");
    the notice's own items, numbered from 1 again, are the tasks."""
    text = (
        "  1. [主题分类] 综合政务/电子政务\n  2. [发文机构] 北京市政务公开领导小组\n"
        "  3. [联合发文单位]\n  4. [成文日期] 2016-06-08\n\n"
        "北京市政务公开工作重点任务分工\n  一、推进行政权力运行全流程公开\n"
        "  1.积极推进本市行政程序立法进程。\n  牵头单位:市政府法制办\n  完成时限:2018年底\n"
        "  2.加大行政决策过程的公开力度。\n  牵头单位:市政府办公厅\n  完成时限:2018年底前\n"
    )
    assert titles(text) == [("1", "积极推进本市行政程序立法进程"), ("2", "加大行政决策过程的公开力度")]
    one = "1.[重点任务]加强组织领导，各单位要明确责任。（市政府办公室牵头）\n2.推进公开。\n"
    assert [n for n, _ in titles(one)] == ["1", "2"]  # a bracketed title in a task is kept


def test_the_next_step_of_the_same_work_is_a_target_of_its_own():
    """603 赵县: "…项目开工400套，建成400套": the second count names no object, the clause
    goes on with the next step of the same project; both are targets, not one."""
    text = "1.棚户区改造工程。东晏头棚户区城中村改造项目开工400套，建成400套。(责任单位:县住建局)\n"
    assert [t.raw for t in extracted(text).targets] == [
        "东晏头棚户区城中村改造项目开工400套", "建成400套",
    ]
    other = "1.新建学校10所，改造20个。(责任单位:县教育局)\n"  # another unit: no object
    assert [t.raw for t in extracted(other).targets] == ["新建学校10所"]


def test_sets_and_classrooms_are_counted():
    """602 河北 (1000组以上), 611 济宁 (400口教室)."""
    text = "1.新增设智能回收箱1000组以上，完成400口教室护眼灯改造施工。(责任单位:市城管局)\n"
    assert [(t.value_min, t.unit) for t in extracted(text).targets] == [(1000, "组"), (400, "口")]


def test_a_bureaus_sections_and_public_institutions_are_units():
    assert all(map(looks_like_agency, ("法规科", "产业科", "文物股", "县图书馆", "市博物馆")))
    assert not looks_like_agency("推进县文化馆")
