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


def _leads(text: str) -> list[list[str]]:
    extraction = process_text(text).extraction
    return [
        [a.mention for a in extraction.agencies if a.task_seq == t.seq and a.role == "lead"]
        for t in extraction.segmentation.tasks
    ]


# A task numbered at the tasks' level (1.) titled by a heading run into its text keeps every
# bracket of its text: one task with two leads. Above that level (一、) such a heading heads
# the tasks its brackets close.
def test_a_run_in_heading_titles_one_task_at_the_tasks_level_and_heads_several_above_it():
    tasks = "\n".join([
        "1.促进充分就业。城镇新增就业3000人(县人社局牵头)。",
        "2.开展妇幼健康守护行动。完成县妇幼保健院标准化建设(县卫健局牵头)。免费检查15000人(县妇联牵头)。",
    ])
    assert _leads(tasks) == [["县人社局"], ["县卫健局", "县妇联"]]
    groups = "\n".join([
        "一、就业促进工程。城镇新增就业3000人(县人社局牵头)。",
        "二、妇幼健康工程。完成县妇幼保健院标准化建设(县卫健局牵头)。免费检查15000人(县妇联牵头)。",
    ])
    assert _leads(groups) == [["县人社局"], ["县卫健局"], ["县妇联"]]


# A table copied a cell a line: a column name no rule knows (是否省市统一进度) between known
# names does not end the header before the units' column; and a 名称 column whose cells repeat
# over the rows (*医疗卫生) is a category, the sentences beside it the tasks' titles.
def test_a_stacked_header_keeps_its_units_column_and_a_repeated_name_column_is_a_category():
    cells = [
        "序号", "民生实事名称", "项目内容", "完成率(%)", "是否省市统一进度", "牵头单位", "分管领导",
        "1", "*医疗卫生", "为全县老年人免费接种流感疫苗20000人。", "20%", "是", "县卫健局",
        "2", "*医疗卫生", "在公共场所新增配置自动体外除颤仪30台。", "80%", "否", "县卫健局",
        "3", "*教育助学", "新建公办幼儿园2所。", "50%", "是", "县教育局",
    ]
    text = "民生实事项目半年度进度表\n\n" + "\n\n".join(cells)
    assert titles_and_units(text) == [
        ("为全县老年人免费接种流感疫苗20000人", ["县卫健局"]),
        ("在公共场所新增配置自动体外除颤仪30台", ["县卫健局"]),
        ("新建公办幼儿园2所", ["县教育局"]),
    ]


# A header cell read whole that no column name matches says its kind by its ending (rules
# column_endings): 黑臭水体名称 names the rows, 整治工程牵头单位 leads, …时限 are due dates.
def test_a_header_cell_says_its_kind_by_its_ending():
    cells = [
        "序号", "黑臭水体名称", "整治工程牵头单位", "责任人", "初见成效时限", "长制久清时限", "进展情况",
        "1", "玉带河", "市城乡建设局", "张三", "2017年末", "2020年末", "完成截污纳管施工。",
        "2", "柳条沟", "市水务局", "李四", "2018年末", "2020年末", "正在进行清淤。",
        "3", "光复河", "市城乡建设局", "张三", "2017年末", "2020年末", "完成垃圾清理。",
    ]
    text = "主城区黑臭水体治理进展情况\n" + "\n".join(f"{c} |" for c in cells)
    extraction = process_text(text).extraction
    assert titles_and_units(text) == [
        ("玉带河", ["市城乡建设局"]), ("柳条沟", ["市水务局"]), ("光复河", ["市城乡建设局"]),
    ]
    assert {a.role for a in extraction.agencies} == {"lead"}
    assert [d.raw for d in extraction.deadlines if d.task_seq == 2] == ["2018年末", "2020年末"]


# A numbered line naming a unit alone over one paragraph of its duties ("一、市财政局" over
# "负责…。"): the unit's task, its role left open; a unit over several paragraphs heads them.
def test_a_numbered_unit_line_over_its_duties_assigns_them():
    text = "\n".join([
        "无偿献血领导小组成员单位职责",
        "一、市财政局",
        "负责全市无偿献血经费的落实到位,监督管理无偿献血基金的使用。",
        "二、市教育局",
        "将无偿献血知识纳入中小学教学计划,组织适龄学生参加无偿献血。",
        "三、團市委",
        "負責全市廣大青年的無償獻血宣傳工作。",
    ])
    extraction = process_text(text).extraction
    assert titles_and_units(text) == [
        ("负责全市无偿献血经费的落实到位,监督管理无偿献血基金的使用", ["市财政局"]),
        ("将无偿献血知识纳入中小学教学计划,组织适龄学生参加无偿献血", ["市教育局"]),
        ("負責全市廣大青年的無償獻血宣傳工作", ["團市委"]),
    ]
    assert {a.role for a in extraction.agencies} == {"either"}


# Lines each led by a label of fields sharing the kind of body after 等 ("教育、科技…扶贫开发
# 等部门:"), between lines led by one unit's label ("公安部门:"): a run of duty lines, each a task.
def test_a_label_of_fields_closed_by_deng_bumen_leads_its_duty_line():
    text = "\n".join([
        "教育、科技、民政、财政、扶贫开发等部门:在制订有关政策时落实同等优先原则。",
        "公安部门:依法严厉查处违法犯罪行为,保护妇女儿童的合法权益。",
        "人事部门:进一步做好培养选拔女性人才工作。",
        "五、加强组织领导",
        "(一)加强领导,齐抓共管。省人口计生委负责日常工作。",
    ])
    assert task_units(text)[:3] == [
        ["教育", "科技", "民政", "财政", "扶贫开发"], ["公安部门"], ["人事部门"],
    ]
