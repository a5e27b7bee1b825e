"""Issue 16: shapes met in the nineteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import titles_and_units


# Duties divided line by line: a line a group of bodies opens (县级兽医管理部门组织实施…, 各县区要…)
# among lines each led by a unit is a task of its own, not the tail of the task above it; a
# group's line opening the run (各有关部门要各司其职…) leads into the division and is none.
def test_a_group_line_among_unit_lines_is_a_task_of_its_own():
    text = "\n".join([
        "各有关部门要各司其职,密切配合,共同做好网吧管理工作。",
        "市教育局负责对全市中小学生进行宣传教育和管理工作。",
        "市财政局要保证网吧管理工作必需的正常经费。",
        "市文化局负责网吧经营场所的审批和日常监管。",
        "各县区要依照本方案建立相应的领导和工作机制。",
    ])
    found = titles_and_units(text)
    assert [title for title, _ in found] == [
        "市教育局负责对全市中小学生进行宣传教育和管理工作",
        "市财政局要保证网吧管理工作必需的正常经费",
        "市文化局负责网吧经营场所的审批和日常监管",
        "各县区要依照本方案建立相应的领导和工作机制",
    ]
    assert [units for _, units in found[:3]] == [["市教育局"], ["市财政局"], ["市文化局"]]


# Decimal section numbers, as emergency plans print them (6.4 治安, 2.6.1市民政局:…): each section
# over its units' lines is read as a heading over tasks, a sub-section naming its unit is a task,
# and a section whose clauses no unit opens (7.1 预案管理) is the plan's frame, no task.
def test_decimal_sections_over_unit_lines():
    text = "\n".join([
        "6.4 治安和交通",
        "市公安局负责维护灾区治安秩序,必要时实行交通管制。",
        "市交通局负责抢修损毁的交通设施,保证救灾物资运输。",
        "6.5 基本生活保障",
        "市民政局负责灾区救助的组织、协调工作。",
        "市商务局负责组织灾区生活必需品的市场供应。",
        "6.6 成员单位职责",
        "6.6.1市卫生局:负责灾区医疗救治和卫生防疫工作。",
        "6.6.2市财政局:负责应急资金的筹集和拨付。",
        "7.1 预案管理",
        "本预案根据实际情况适时修订。",
    ])
    assert titles_and_units(text) == [
        ("市公安局负责维护灾区治安秩序,必要时实行交通管制", ["市公安局"]),
        ("市交通局负责抢修损毁的交通设施,保证救灾物资运输", ["市交通局"]),
        ("市民政局负责灾区救助的组织、协调工作", ["市民政局"]),
        ("市商务局负责组织灾区生活必需品的市场供应", ["市商务局"]),
        ("市卫生局:负责灾区医疗救治和卫生防疫工作", ["市卫生局"]),
        ("市财政局:负责应急资金的筹集和拨付", ["市财政局"]),
    ]


# A figure opening a line (2.5万元, 1.5%) is no section number.
def test_a_figure_opening_a_line_is_no_section_number():
    text = "\n".join([
        "1.改造老旧小区。(市住建局牵头)",
        "2.5万元以下的项目由区县自行审批。",
        "2.新建公办幼儿园。(市教育局牵头)",
    ])
    assert [number for number, _ in _numbers_and_titles(text)] == ["1", "2"]


# A section heading naming a group of bodies and its duties (各乡镇人民政府救助工作职责) over
# their work: the work is a task of the group's.
def test_a_group_duties_heading_over_its_work_is_a_task():
    text = "\n".join([
        "2.5 各乡镇人民政府救助工作职责",
        "各乡镇人民政府成立应急救助机构,制定本乡镇应急救助预案。",
        "2.6 县减灾委员会成员单位救助工作职责",
        "2.6.1县民政局:负责调查核实灾区群众生活困难情况。",
        "2.6.2县交通局:负责抢修被破坏的公路和有关设施。",
    ])
    assert [title for title, _ in titles_and_units(text)] == [
        "各乡镇人民政府成立应急救助机构,制定本乡镇应急救助预案",
        "县民政局:负责调查核实灾区群众生活困难情况",
        "县交通局:负责抢修被破坏的公路和有关设施",
    ]


def _numbers_and_titles(text: str) -> list[tuple[str | None, str]]:
    extraction = process_text(text).extraction
    doc = extraction.segmentation.document.text
    return [(t.number, doc[t.title_start : t.title_end]) for t in extraction.segmentation.tasks]


# A document-sharing preview's page counters (1、 2、 …) are dropped where the file's name stands
# over its first page too ("凤台县自然灾害救助应急预案.docx"); a title over a list is no preview.
def test_a_preview_under_its_file_name_loses_its_page_counters():
    from pipeline.stages.normalize import preview_page_counters

    page = "某县防汛应急预案目录" + "总则适用范围工作原则组织体系" * 16  # a long line, cut mid-word
    text = f"某县防汛应急预案.docx\n\n1、{page}\n2、{page}续"
    spans = preview_page_counters(text)
    assert [text[s:e].strip() for s, e in spans] == ["1、", "2、"]
    listed = "工作任务\n1、加强组织领导,成立工作专班。\n2、落实经费保障,纳入年度预算。\n"
    assert preview_page_counters(listed) == []


# Sentences each led by a unit under a heading are tasks each, but one that only names units to
# their roles ("省农业厅、省工商局分别为牵头单位") states no duty: it stays with the sentence before.
def test_a_sentence_naming_roles_only_is_no_duty_of_its_own():
    text = "\n".join([
        "四、检查组组成",
        "此次检查由省食品安全委员会负责组织,共组成2个检查组。省农业厅、省工商局分别为牵头单位。"
        "各牵头单位抽调一名领导带队。具体分组如下:",
        "第一组:",
        "由省农业厅牵头,省卫生厅、省商务厅各一名同志参加,负责检查西安市。",
        "第二组:",
        "由省工商局牵头,省农业厅、省卫生厅各一名同志参加,负责检查延安市。",
    ])
    titles = [title for title, _ in titles_and_units(text)]
    assert len(titles) == 3
    assert not any(title.startswith("省农业厅、省工商局") for title in titles)


# A page that stops inside its last task: inside a unit's duty after its label ("(3)县气象局:负责
# 天气监测和预"), or inside a role label's list of units ("责任单位:市发改委、市城管执"): that task is
# left out and the analyst warned; a list its bracket closes is whole.
def test_a_last_task_cut_inside_a_label_is_left_out_with_a_warning():
    duties = "\n".join([
        "成员单位职责:(1)县民政局:负责灾民生活救助。(2)县财政局:负责救灾资金的筹集和拨付。"
        "(3)县气象局:负责天气监测和预",
    ])
    listed = "\n".join([
        "1.改造城镇老旧小区400个。(牵头单位:市住建局;责任单位:市发改委、市财政局)",
        "2.新增城镇就业5万人。(牵头单位:市人社局;责任单位:市发改委、市城管执",
    ])
    closed = "\n".join([
        "1.改造城镇老旧小区400个。(牵头单位:市住建局;责任单位:市发改委、市财政局)",
        "2.新增城镇就业5万人。〔责任单位:市人社局〕",
    ])
    for text, kept in ((duties, 2), (listed, 1), (closed, 2)):
        result = process_text(text)
        assert len(result.extraction.segmentation.tasks) == kept, text
        cut = any("stops mid-sentence" in w for w in result.extraction.segmentation.warnings)
        assert cut == (text is not closed)


# Under a heading of the division (三、职责分工), two lines led by units and one by a group of
# bodies: each line a task (gold 2125).
def test_two_unit_lines_and_a_group_line_under_a_heading_are_three_tasks():
    text = "\n".join([
        "三、职责分工",
        "市农委组织实施全市狂犬病防制工作。",
        "市动物防疫监督总站负责狂犬病防制监督执法工作。",
        "县级兽医管理部门组织实施本地狂犬病防制工作。",
    ])
    assert [title for title, _ in titles_and_units(text)] == [
        "市农委组织实施全市狂犬病防制工作",
        "市动物防疫监督总站负责狂犬病防制监督执法工作",
        "县级兽医管理部门组织实施本地狂犬病防制工作",
    ]


# A past period's figures reported (2022年前三季度,全市…同比增长6.4%; 1-6月,…完成…,与全年目标有
# 较大差距) are no targets and the period no due date (rules/traps.yaml period_report); a
# period a plan schedules (力争2023年上半年完成) stays one.
def test_a_past_periods_report_gives_no_target_and_no_due_date():
    text = "\n".join([
        "1.居民人均可支配收入增长7%。(市人社局牵头)",
        "2022年前三季度,全市城镇居民人均可支配收入39455元,同比增长6.4%。",
        "2.进口整车5000辆以上。(市商务局牵头)",
        "1-6月,口岸完成整车进口1589辆,与全年目标有较大差距。",
        "3.建成污水处理厂2座,力争2023年上半年完成。(市住建局牵头)",
    ])
    extraction = process_text(text).extraction
    assert [t.raw for t in extraction.targets] == [
        "居民人均可支配收入增长7%", "进口整车5000辆以上", "建成污水处理厂2座",
    ]
    assert [(d.task_seq, d.due_date.isoformat()) for d in extraction.deadlines] == [
        (3, "2023-06-30"),
    ]


# A trap pattern's brackets inside a character class ([（(], [^)）]) open no group: its
# alternatives each opening on the number, the trap is found by the one number scan.
def test_brackets_inside_a_class_open_no_group_of_a_trap_pattern():
    from pipeline.stages.quantity_grammar import number_led

    assert number_led("{NUM}(?=\\s*(?:[（(][^)）]{1,8}[)）])?\\s*(?:或|和))|{NUM}\\s*元")
    assert not number_led("{NUM}\\s*人(?=[^)）])|第{NUM}")


# A bracket naming what the words before it are called ((以下简称“三个责任人”)) assigns nothing,
# though it holds a role word: the unit lines around it stay a task each (gold 2249).
def test_a_bracket_giving_a_short_name_assigns_nothing():
    text = "\n".join([
        "3.应急措施。",
        "应急管理部门负责全县应急抢险救援工作。",
        "气象部门开展递进式预测预报,及时统计降雨情况。",
        "水利部门督促巡查责任人、技术责任人、行政责任人(以下简称“三个责任人”)到岗履职。",
    ])
    assert [units for _, units in titles_and_units(text)] == [
        ["应急管理部门"], ["气象部门"], ["水利部门"],
    ]


# A numbered line naming a unit and the word for its duties (县民政局职责) over a paragraph of
# them: the unit's task, as a line naming the unit alone is (gold 2204: 縣人民政府職責).
def test_a_unit_heading_naming_its_duties_over_a_paragraph_is_its_task():
    text = "\n".join([
        "(一)县人民政府职责",
        "统一领导辖区内的地质灾害防治工作。",
        "(二)县民政局职责",
        "负责灾民生活救助。",
    ])
    assert titles_and_units(text) == [
        ("统一领导辖区内的地质灾害防治工作", ["县人民政府"]),
        ("负责灾民生活救助", ["县民政局"]),
    ]
