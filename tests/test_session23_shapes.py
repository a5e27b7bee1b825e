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


# Items numbered with no mark (01, 02 …, a web list's own numbers) over label blocks (项目名称:,
# 项目内容:, 责任单位:, 进展与成效:): each a task titled by its name, its units under a label
# alone on its line or after a colon, and the progress reported under it no target.
_NUMBERED_BLOCKS = "\n".join(
    [
        "全县民生实事项目进展情况汇报",
        "01 项目名称:改善城乡供水条件",
        "项目内容:",
        "推进城乡供水一体化,新建农村供水管网120公里,改造老旧水厂3座,"
        "实现农村集中供水全覆盖,让群众喝上放心水、安全水、健康水。",
        "责任单位:",
        "水务局、住建局",
        "进展与成效:",
        "管网工程已完成可行性研究报告、初步设计审查、施工图审查等相关前期工作,"
        "5月10日开工,目前已铺设管网46公里,老旧水厂改造方案已报县政府审定。",
        "02 项目名称:提升基层医疗服务",
        "项目内容:",
        "加强基层医疗卫生服务体系建设,新建村卫生室15个,"
        "配齐基本医疗设备,提升乡村医生服务能力,方便群众就近看病就医。",
        "责任单位",
        "卫健局",
        "进展与成效:",
        "已建成村卫生室9个,其余6个正在进行主体施工,基本医疗设备采购合同已经签订,"
        "乡村医生培训已分两期组织开展。",
    ]
)


def test_items_numbered_without_a_mark_over_label_blocks():
    result = process_text(_NUMBERED_BLOCKS)
    assert titles(_NUMBERED_BLOCKS) == [("01", "改善城乡供水条件"), ("02", "提升基层医疗服务")]
    assert sorted_roles(_NUMBERED_BLOCKS) == [
        (1, "住建局", "responsible"),
        (1, "水务局", "responsible"),
        (2, "卫健局", "responsible"),
    ]
    assert [(t.task_seq, t.raw) for t in result.extraction.targets] == [
        (1, "新建农村供水管网120公里"),
        (1, "改造老旧水厂3座"),
        (2, "新建村卫生室15个"),
    ]
    assert result.extraction.deadlines == ()  # 5月10日开工 is reported, not due


# A title opening on a level word (全县, 本区) names no place: the units keep their printed names.
def test_a_level_word_opening_the_title_is_no_place():
    result = process_text(_NUMBERED_BLOCKS)
    assert {a.name for a in result.agencies} >= {"水利局", "住房和城乡建设局"}
