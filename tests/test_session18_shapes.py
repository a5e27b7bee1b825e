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


# A progress table copied a cell a line with no number column: a cell stating how the work
# stands (正常进行中) is its row's note, never the next row's title (rules status_cell).
def test_a_status_cell_closes_its_row_in_a_cell_a_line_table():
    cells = [
        "项目名称", "项目内容", "责任单位", "进展情况",
        "经济社会发展主要预期目标", "地区生产总值增长6.5%以上", "区发改局、各街道", "正常进行中",
        "全社会研发经费支出增长15%", "区科技局、各街道", "正常进行中",
        "财政收入与经济增长基本同步", "区财政局、各街道", "正常进行中",
        "有效投资确保完成市下达目标任务", "区发改局、各街道", "序时推进",
    ]
    text = "2020第三季度重点任务目标执行情况\n\n" + "\n\n".join(cells)
    assert [title for title, _ in titles_and_units(text)][1:] == [
        "全社会研发经费支出增长15%", "财政收入与经济增长基本同步", "有效投资确保完成市下达目标任务",
    ]


# A table drawn with box characters whose rows gave no task is said, not passed in silence;
# a drawn table that was read is not doubted.
def test_a_drawn_table_that_gave_no_task_is_warned_of():
    unread = "\n".join([
        "(二)市献血办负责协调献血预约工作。",
        "各地预约献血任务如下:",
        "┌─────────────┬─────────────┬─────────────┐",
        "│ 单 位 │ 预约总数(人次) │ 志愿者队伍 │",
        "├──────┬──────┼─────────────┼─────────────┤",
        "│ 市 │ 市本级 │ 4500 │ 1000 │",
        "│ ├────────┼─────────────┼─────────────┤",
        "│ │ 鹿城区 │ 4500 │ 800 │",
        "│ 区 ├────────┼─────────────┼─────────────┤",
        "│ │ 龙湾区 │ 3100 │ 500 │",
        "└──────┴────────┴─────────────┴─────────────┘",
    ])
    warnings = process_text(unread).warnings
    assert any("gave no task" in w for w in warnings), warnings
    read = "\n".join([
        "┌──┬────────────┬────────┐",
        "│序号│ 工作任务 │ 责任单位 │",
        "├──┼────────────┼────────┤",
        "│ 1 │新建公办幼儿园2所 │ 县教育局 │",
        "├──┼────────────┼────────┤",
        "│ 2 │改造农村危房300户 │ 县住建局 │",
        "├──┼────────────┼────────┤",
        "│ 3 │新增城镇就业5000人 │ 县人社局 │",
        "└──┴────────────┴────────┘",
    ])
    result = process_text(read)
    assert len(result.extraction.segmentation.tasks) == 3
    assert not any("gave no task" in w for w in result.warnings)


# A numbered heading over paragraphs that each say who does their work in a sentence of
# their own ("食品安全。由X牵头,会同Y…"): a task a paragraph, its lead and participants read.
def test_paragraphs_each_attributed_under_a_heading_are_tasks():
    text = "\n".join([
        "(十)公共卫生。",
        "食品安全。由市食品安全办牵头,会同市卫生局等有关部门执行食品安全保障方案。",
        "卫生防疫。由市卫生局牵头,会同市药品监督局等有关部门执行应急体系建设方案。",
        "动物疫情防控。由市农业局牵头,会同有关部门执行重大动物疫情应急预案。",
    ])
    assert _leads(text) == [["市食品安全办"], ["市卫生局"], ["市农业局"]]


# Groups named on their numbered line, their leaders, duties and units on label lines under
# it: the task is titled by its duties (主要职责:), its units read from 责任单位:, the leaders
# (people) no agencies.
def test_a_group_named_over_its_duties_label_is_titled_by_its_duties():
    text = "\n".join([
        "一、总指挥部",
        "牵头领导:陈利众",
        "主要职责:负责综合协调各工作组督促落实各项工作任务。",
        "责任单位:办公室、政法委、社会发展局",
        "二、宣传舆情组",
        "牵头领导:张志华",
        "主要职责:负责疫情防控工作的宣传报道和舆论引导。",
        "责任单位:组织部、宣传部、公安局",
    ])
    assert titles_and_units(text) == [
        ("负责综合协调各工作组督促落实各项工作任务", ["办公室", "政法委", "社会发展局"]),
        ("负责疫情防控工作的宣传报道和舆论引导", ["组织部", "宣传部", "公安局"]),
    ]


# A task holding four sentences or more each led by a unit of its own is said: each may be
# a task (the duties of several units read as one).
def test_a_task_holding_several_units_sentences_is_warned_of():
    text = "\n".join([
        "(一)加强组织领导。省政府成立领导小组,负责日常工作。",
        "(二)明确工作职责。各有关部门要各司其职。民政部门会同财政部门负责计划安排。"
        "住房和城乡建设部门负责技术指导。财政部门负责资金拨付。国土资源部门配合做好选址。",
    ])
    warnings = process_text(text).warnings
    assert any("each may be a task" in w for w in warnings), warnings


# A preposition or a conjunction before a unit is no part of its name (根据市脱贫办…).
def test_a_preposition_before_a_unit_is_no_part_of_its_name():
    text = "1.强化对标补短。根据市脱贫办安排,各镇乡要按照年度计划推进脱贫工作。"
    assert not any("根据" in unit for units in task_units(text) for unit in units)
