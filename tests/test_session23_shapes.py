"""Issue 16: shapes met in the twenty-third session, each a mechanism tested on text written
the way such notices print it (and on the notices it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import sorted_roles, titles

# An item whose numbered sub-points are its own fields, each a labelled line (责任领导, 责任单位,
# 配合单位, 完成时限), as 实事 breakdowns print them: the item is one task and the points are its
# lines, not tasks of their own.
_FIELD_POINTS = "\n".join(
    [
        "某县2020年民生实事任务分解方案",
        "一、新建城乡公交站点200个",
        "(一)责任领导:张三",
        "(二)责任单位:县交通局",
        "(三)配合单位:县财政局、县住建局",
        "(四)工作内容:新建公交站点200个,年底前全部投入使用。",
        "(五)完成时限:2020年底前",
        "二、改造老旧小区30个",
        "(一)责任领导:李四",
        "(二)责任单位:县住建局",
        "(三)完成时限:2020年10月底前",
    ]
)


def test_labelled_sub_points_are_their_items_fields():
    assert titles(_FIELD_POINTS) == [("一", "新建城乡公交站点200个"), ("二", "改造老旧小区30个")]
    assert sorted_roles(_FIELD_POINTS) == [
        (1, "县交通局", "responsible"),
        (1, "县住建局", "participant"),
        (1, "县财政局", "participant"),
        (2, "县住建局", "responsible"),
    ]
    deadlines = process_text(_FIELD_POINTS).extraction.deadlines
    assert {(d.task_seq, str(d.due_date)) for d in deadlines} == {
        (1, "2020-12-31"),
        (2, "2020-10-31"),
    }


# Sub-points that open on a role label but go on to a paragraph of duties are tasks of their
# own (a duties list), not the fields of the heading over them.
def test_labelled_duty_paragraphs_stay_tasks():
    text = "\n".join(
        [
            "一、职责分工",
            "(一)牵头单位:市发展改革委。负责统筹推进全市项目建设,制定年度计划,"
            "协调解决项目推进中的重大问题,定期通报各地进展情况。",
            "(二)配合单位:市财政局。负责落实项目资金,加强资金监管,"
            "按月拨付工程进度款,确保专款专用。",
        ]
    )
    assert len(titles(text)) == 2
