"""Issue 16: shapes met in the twenty-first session, each a mechanism tested on text written
the way such notices print it (and on the notices it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import sorted_roles, titles_and_units


# A partner verb inside a unit's duties (公安部门负责会同民政部门清理…; 由X牵头，会同Y、Z研究…;
# X:会同Y研究…; 请X会同Y研议…) names units that take part; the unit the duties belong to keeps
# the task, and leads it when 会同 follows its name (X会同Y: X leads, as in a list).
# 配合/协助 are not partner verbs: the unit helped is often a superior or another task's lead.
def test_units_after_a_partner_verb_take_part():
    text = (
        "一、职责分工\n"
        "1.公安部门负责会同民政部门清理规范门楼牌的编号。\n"
        "2.人口计生部门负责提供资料,会同公安机关开展流动人口的入户调查。\n"
        "3.市发展改革委:会同市粮食局研究制订粮油组织计划。\n"
        "4.由市财政局牵头，会同市教育局、市人社局研究制定办法。\n"
        "5.市交通局负责配合市政府做好运输保障。\n"
        "6.有关建议一事,请内政部会同法务部研议可行性。\n"
        "7.市商务局，会同市发展改革委做好物资供应。\n"
    )
    assert sorted_roles(text) == [
        (1, "公安部门", "responsible"), (1, "民政部门", "participant"),
        (2, "人口计生部门", "responsible"), (2, "公安机关", "participant"),
        (3, "市发展改革委", "lead"), (3, "市粮食局", "participant"),
        (4, "市人社局", "participant"), (4, "市教育局", "participant"), (4, "市财政局", "lead"),
        (5, "市交通局", "responsible"),
        (6, "内政部", "lead"), (6, "法务部", "participant"),
        (7, "市发展改革委", "participant"), (7, "市商务局", "lead"),
    ]


# A name the grammar would run on into the work after a partner verb (会同街道和社区做好…,
# 联合体布局) is no unit: a joiner inside needs the gazetteer to know the name whole.
def test_a_partner_verb_before_words_names_no_unit():
    text = (
        "1.市民政局负责会同街道和社区做好登记工作。\n"
        "2.市卫生健康委负责制定医疗联合体布局规划。\n"
    )
    assert sorted_roles(text) == [(1, "市民政局", "responsible"), (2, "市卫生健康委", "responsible")]


def _named(text: str) -> list[str]:
    extraction = process_text(text).extraction
    return [a.mention + (a.suffix or "") for a in extraction.agencies]


# Places printed bare before the level and government the last one names ("锦江、青羊、成华区
# 政府", "江岸、江汉、武昌区人民政府", "宜良、呈贡县政府"): each names that government, in a
# subject (with a unit joined after it), a verb's list and a label list alike.
def test_bare_places_share_the_level_and_government_after_them():
    cases = {
        "(二)城区政府管理职责。锦江、青羊、成华区政府和成都高新区管委会作为属地内菜市场监管工作的"
        "责任主体,负责本辖区菜市场监管工作的组织协调。": [
            "锦江区政府", "青羊区政府", "成华区政府", "成都高新区管委会"],
        "1.加快旧城改造。(江岸、江汉、武昌区人民政府负责)": [
            "江岸区人民政府", "江汉区人民政府", "武昌区人民政府"],
        "1.推进监管。\n责任单位:宜良、呈贡县政府": ["宜良县政府", "呈贡县政府"],
        "1.秭归县、夷陵区、伍家岗区政府要加强监管。": ["秭归县政府", "夷陵区政府", "伍家岗区政府"],
    }
    for text, expected in cases.items():
        assert _named(text) == expected, text


# Words before a government that are no bare place stay out: a field list (民政、财政部门) keeps
# its own kind, and a level word (全市、各区政府) names no place.
def test_words_before_a_government_that_are_no_places():
    assert _named("1.民政、财政部门要加强监管。") == ["民政部门", "财政部门"]
    assert "全市区政府" not in _named("1.全市、各区政府要加强监管。")


# A table copied a cell a line whose columns include years (2022年 | 2025年 | 2027年: a base
# year and the years aimed at): the years are notes beside the indicator, so the header goes
# on to the unit columns and each row keeps its units; "2023年" printed over "目标进度" is one
# schedule column, not a year.
def test_year_columns_leave_the_unit_columns_read():
    header = ["序号", "指标名称", "单位", "2022年", "2025年", "2027年", "牵头单位", "责任单位"]
    rows = [
        ["1", "人均预期寿命", "岁", "78.2", "≥79.2", "≥80", "县卫健局", "县文旅广体局、县烟草局"],
        ["2", "居民健康素养水平", "%", "21.6", "≥31.5", "≥33", "县卫健局", "县疾控中心"],
    ]
    text = "主要目标责任清单\n" + "".join(f"{cell} |\n" for row in [header, *rows] for cell in row)
    assert sorted_roles(text) == [
        (1, "县卫健局", "lead"), (1, "县文旅广体局", "responsible"), (1, "县烟草局", "responsible"),
        (2, "县卫健局", "lead"), (2, "县疾控中心", "responsible"),
    ]


# An item whose first line is a title alone (no full stop) over one paragraph of clauses each
# led by its units and parted by ；: a task per clause, the title their section; lines under
# the title are read a line at a time instead.
def test_a_title_line_over_a_paragraph_of_unit_clauses():
    text = (
        "(二)强化责任意识,全力推进供热取暖保障工作\n"
        "各责任单位要切实把保障工作列入重要的议事日程。建设部门对城市的供热保障工作负总责;"
        "经委要抓好采暖锅炉用煤煤源的保障工作;财政部门要保证供热补贴按时、足额发放;"
        "气象部门要适时发布天气变化情况。\n"
    )
    assert [units for _, units in titles_and_units(text)] == [
        ["建设部门"], ["经委"], ["财政部门"], ["气象部门"]]


# A label for units and their heads (责任单位和责任人:) whose items print the head's name right
# after the unit's ("省劳动和社会保障厅秦玉德"): the unit is the agency, the person a leader.
def test_a_unit_and_its_head_printed_together():
    extraction = process_text(
        "通知\n(一)扩大再就业。\n责任单位和责任人:省劳动和社会保障厅秦玉德、省财政厅张三\n"
    ).extraction
    assert [a.mention for a in extraction.agencies] == ["省劳动和社会保障厅", "省财政厅"]
    assert [(p.name, p.role_label) for p in extraction.leaders] == [
        ("秦玉德", "责任人"), ("张三", "责任人")]


# A regulation's article whose sentences each give work to units of their own: a task per such
# sentence, under the article's number; a sentence naming no unit goes with the one before,
# and an article with one such sentence stays one task.
def test_an_article_divided_by_its_unit_sentences():
    text = (
        "第五条 市粮食行政主管部门应当加强对粮食流通行业的稽查管理。粮食行政主管部门应当会同质量"
        "技术监督部门,加强对粮食质量的检查。检查结果应当公布。\n"
        "第六条 市财政局负责安排所需经费。经费应当专款专用。\n"
    )
    assert titles_and_units(text) == [
        ("市粮食行政主管部门应当加强对粮食流通行业的稽查管理", ["市粮食行政主管部门"]),
        ("粮食行政主管部门应当会同质量技术监督部门,加强对粮食质量的检查",
         ["粮食行政主管部门", "质量技术监督部门"]),
        ("市财政局负责安排所需经费", ["市财政局"]),
    ]
    assert [t.number for t in process_text(text).extraction.segmentation.tasks] == [
        "第五条", "第五条", "第六条"]


# A date named by a holiday (2010年春节前, 国庆节前): the holiday's day that year, a lunar one
# from its table in rules/deadlines.yaml; a holiday's season (春节期间) is no due date.
def test_a_holiday_dates_a_deadline():
    from pipeline.stages.deadlines import extract_deadlines

    def dates(text: str) -> list[str]:
        return [str(d.due_date) for d in extract_deadlines(text, 0, len(text), 1, 2010)]

    assert dates("时限:2010年春节前") == ["2010-02-14"]
    assert dates("确保2012年国庆节前建成通车。") == ["2012-10-01"]
    assert dates("2024年春节前发放到位。") == ["2024-02-10"]
    assert dates("春节期间加强值班值守。") == []


# A unit named twice in one task, once with the prefix a list carries to it (牵头单位:省体育局、
# 教育厅、财政厅) and once in full (会同省财政厅): one unit, in the stronger role.
def test_a_unit_named_with_and_without_its_carried_prefix_is_one():
    text = (
        "通知\n(二)试点学校体育场馆向社会开放。省体育局会同省财政厅、教育厅安排补助。"
        "(牵头单位:省体育局、教育厅、财政厅)\n"
    )
    assert sorted_roles(text) == [
        (1, "教育厅", "lead"), (1, "省体育局", "lead"), (1, "省财政厅", "lead")]


# Fields of work listed before the kind of body they share, in either script and after a scope
# word (全市公安、住建、交通等部門立即組織…): each names its field's body, the shared kind as
# printed (部門, not 部门), the scope no part of the first name.
def test_fields_sharing_a_printed_kind_after_a_scope_word():
    extraction = process_text(
        "通知要求,全市公安、住建、交通等部門立即組織專業隊伍,全面開展道路鏟冰除雪工作。"
        "住建部門要協調指導各小區物業。綜治部門要落實社會網格化管理。"
    ).extraction
    assert [a.mention + (a.suffix or "") for a in extraction.agencies if a.task_seq == 1] == [
        "公安部門", "住建部門", "交通部門"]


# Lines each opened by a unit and what it does, the verb one of many (密切关注, 采取措施, 及时,
# 立即, 严格): a task a line, every line read.
def test_unit_lines_whose_verbs_are_many():
    text = (
        "海洋部门密切关注管辖海域风暴潮,及时发布预警信息。\n"
        "民政部门负责受灾群众的紧急转移安置。\n"
        "住房城乡建设部门采取措施,巡查、加固城市公共服务设施。\n"
        "电力部门加强电力设施检查。\n"
    )
    assert [units for _, units in titles_and_units(text)] == [
        ["海洋部门"], ["民政部门"], ["住房城乡建设部门"], ["电力部门"]]


# Units' lines over their duties, a cell a line: a unit's duties may run over a paragraph or
# two more before the next unit's line (the text after the last unit is the notice's own), and
# duties opening with 牵头 make the unit lead.
def test_unit_lines_over_duties_of_several_paragraphs():
    text = (
        "相关部门 职责分工\n国土资源局\n  负责供地许可审批。\n住建局\n"
        "牵头负责设计审批及施工许可、建设工程竣工验收。\n负责项目规划审批及竣工验收。\n"
        "气象局\n负责防雷装置的资料审查与竣工验收。\n公安局\n负责城市道路相关内容的审批。\n"
        "某公司要建一个项目,由住建局牵头进行审查。\n"
    )
    assert titles_and_units(text) == [
        ("负责供地许可审批", ["国土资源局"]),
        ("牵头负责设计审批及施工许可、建设工程竣工验收", ["住建局"]),
        ("负责防雷装置的资料审查与竣工验收", ["气象局"]),
        ("负责城市道路相关内容的审批", ["公安局"]),
    ]
    assert [str(a.role) for a in process_text(text).extraction.agencies][:2] == ["either", "lead"]


# A unit titling its duties ("(3)市公安局。" over "负责…,组织消防部门参与扑救…") owns them even
# when the duties' only role word makes another unit take part.
def test_a_titling_unit_owns_duties_that_name_a_participant():
    text = (
        "(2)市林业局。\n负责森林火灾的预防和扑救工作。\n"
        "(3)市公安局。\n负责火灾区域内的治安管理,组织消防部门参与森林火灾扑救。\n"
    )
    units = titles_and_units(text)[1][1]
    assert "市公安局" in units
