"""Issue 16: shapes met in the twelfth session, each a mechanism tested on text written the
way such notices print it, not copied from them."""

from __future__ import annotations

from datetime import date

from pipeline import process_text
from tests.helpers import segment_titles

# A table copied one cell a line: 序号 and 项目 span the sub-rows under them; an amount
# (总投资) stands alone on its line; a schedule cell wraps after a comma.
_SUB_ROWS = "\n\n".join([
    "2024年县政府民生实事项目责任分解表",
    "序号", "项目", "责任单位", "建设内容", "总投资", "(万元)", "2024年", "目标进度",
    "1", "改善出行条件", "县交通运输局", "实施城北大道改造工程。", "52000",
    "二季度开工,城北大道年内完成工程量的60%,", "南段年内完成工程量的40%。",
    "县城管局", "实施老城区背街小巷改造。", "800", "5月开工,年内完工。",
    "2", "提升供水能力", "县水利局", "新建城东水厂。", "23100", "8月底",
    "县自来水公司", "改造供水管网30公里。", "2600", "9月开工,年底前完成。",
    "3", "加强养老服务", "县民政局", "新建村级养老服务站12个。", "900", "年内完成",
])


def _rows() -> list[tuple[str | None, str, list[str]]]:
    result = process_text(_SUB_ROWS)
    text = result.extraction.segmentation.document.text
    return [
        (
            t.number,
            text[t.title_start : t.title_end],
            [a.mention for a in result.extraction.agencies if a.task_seq == t.seq],
        )
        for t in result.extraction.segmentation.tasks
    ]


def test_sub_rows_under_spanning_cells_are_tasks_of_their_own_units():
    """A line of units after a row's last cell opens a sub-row at the unit column: its task is
    the text after it, its number and name spanned from the row above."""
    assert _rows() == [
        ("1", "实施城北大道改造工程", ["县交通运输局"]),
        (None, "实施老城区背街小巷改造", ["县城管局"]),
        ("2", "新建城东水厂", ["县水利局"]),
        (None, "改造供水管网30公里", ["县自来水公司"]),
        ("3", "新建村级养老服务站12个", ["县民政局"]),
    ]


def test_an_amount_on_its_own_line_is_no_row_number():
    """52000 and 23100 stand where a row number could: out of step with the rows and past
    any row number, they are cells (总投资), and the rows stay 1, 2, 3."""
    numbers = [n for n, _, _ in _rows() if n is not None]
    assert numbers == ["1", "2", "3"]


def test_a_target_schedule_column_gives_due_dates_and_targets_to_its_row():
    """A 目标进度 cell (wrapped after a comma) schedules the row: its dates are the row's due
    dates and its shares are the row's targets, read across the wrapped line."""
    result = process_text(_SUB_ROWS)
    due = sorted((d.task_seq, d.due_date) for d in result.extraction.deadlines if d.due_date)
    assert (1, date(2024, 6, 30)) in due and (1, date(2024, 12, 31)) in due
    assert (3, date(2024, 8, 31)) in due and (4, date(2024, 12, 31)) in due
    shares = [(t.task_seq, t.value_min, t.unit) for t in result.extraction.targets if t.unit == "%"]
    assert shares == [(1, 60, "%"), (1, 40, "%")]


_LED_PARAGRAPHS = (
    "我镇征集为民办实事项目3项。\n"
    "聚焦“安居”。由镇建设办负责的老旧小区改造项目，改造小区5个，预计2022年9月份完成。\n"
    "聚焦“教育”。由镇教育办负责的中心小学扩建项目，新增学位300个，预计2022年8月份完成。\n"
    "聚焦“养老”。由镇民政办负责的日间照料中心建设项目，预计2022年12月份完成。\n"
)


def test_a_short_phrase_opening_a_paragraph_belongs_to_the_task_after_it():
    """Paragraphs each opened by a short phrase (聚焦“安居”。) and then a sentence led by the
    unit that does the work: the task is the paragraph, its title the opening phrase, its
    unit the sentence's subject."""
    result = process_text(_LED_PARAGRAPHS)
    titles = [title for _, title in segment_titles(result.extraction.segmentation)]
    assert titles == ["聚焦“安居”", "聚焦“教育”", "聚焦“养老”"]
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert units == [(1, "镇建设办"), (2, "镇教育办"), (3, "镇民政办")]


_UNIT_LINES = (
    "一、完成城区学校布局调整。\n"
    "二、新建乡镇幼儿园8所。\n"
    "县卫健局\n"
    "一、开展孕产妇健康管理。\n"
    "二、新生儿疾病筛查率达到95%以上。\n"
    "县民政局\n"
    "一、新建村级养老服务站10个。\n"
)


def test_a_line_of_units_before_a_restarted_list_heads_its_items():
    """A line naming only a unit, after which the numbering starts again at 一: the unit owns
    the items under it (its role left open), as a numbered heading "三、县卫健局" would; the
    items before it stay without a unit."""
    result = process_text(_UNIT_LINES)
    units = [(a.task_seq, a.mention, str(a.role)) for a in result.extraction.agencies]
    assert units == [
        (3, "县卫健局", "responsible"), (4, "县卫健局", "responsible"), (5, "县民政局", "responsible"),
    ]
    assert len(result.extraction.segmentation.tasks) == 5


def test_a_line_of_units_the_list_goes_on_after_closes_the_item_before_it():
    """The same line with the numbering going on after it (三、 after 二、) is no heading."""
    text = _UNIT_LINES.replace("一、开展孕产妇", "三、开展孕产妇").replace("二、新生儿", "四、新生儿")
    result = process_text(text)
    sections = {t.section for t in result.extraction.segmentation.tasks}
    assert not any(s and "县卫健局" in s for s in sections)


def test_a_label_line_closing_a_list_assigns_every_item_of_it():
    """One 责任单位 line after the last of items that name no units (农民增收 targets) owns
    them all; 管委 standing alone after 各县区政府、 is every 县区's (a collective), while a
    named zone's 管委 (玉东新区管委) is one body."""
    text = (
        "1、人均家庭经营收入3030元左右，增长11%。\n"
        "2、人均工资性收入1660元左右，增长5%。\n"
        "责任单位：各县区政府、管委，市直相关部门等。\n"
    )
    found = {(a.task_seq, a.mention, a.collective) for a in process_text(text).extraction.agencies}
    assert (1, "管委", True) in found and (2, "管委", True) in found
    named = process_text("1、建设卫生室。\n配合单位：各县(市、区)人民政府、玉东新区管委\n")
    assert [(a.mention, a.collective) for a in named.extraction.agencies][-1] == (
        "玉东新区管委", False,
    )


def test_a_unit_that_sends_people_to_lead_a_group_leads_it():
    """由市经贸委1名县级领导带队: the unit leads (带队), the people it sends are no part of its
    name; 由市发改委分管领导牵头 likewise."""
    text = (
        "(一)电力安全督查组。由市经贸委1名县级领导带队，2名专业人员参加。\n"
        "(二)农机安全督查组。由市发改委分管领导牵头，市财政局配合。\n"
    )
    found = [(a.task_seq, a.mention, str(a.role)) for a in process_text(text).extraction.agencies]
    assert found == [(1, "市经贸委", "lead"), (2, "市发改委", "lead"), (2, "市财政局", "participant")]


def test_columns_named_for_a_plan_s_content_and_its_chapters():
    """方案内容 (规划内容, 文件条款) is the task column and 章节 a label printed once for its
    rows, in a table copied a cell a line."""
    text = "\n".join([
        "任务分解表", "序号", "章节", "方案内容", "牵头部门",
        "1", "1.便利市场准入", "严格落实市场准入负面清单制度。", "市发改委",
        "2", "推行企业开办全程网办。", "市市场监管局",
    ])
    result = process_text(text)
    titles = [title for _, title in segment_titles(result.extraction.segmentation)]
    assert titles == ["严格落实市场准入负面清单制度", "推行企业开办全程网办"]
    leads = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert leads == [(1, "市发改委"), (2, "市市场监管局")]


def test_a_line_opened_by_an_amount_opens_no_row_of_a_spaced_table():
    """A PDF copy runs a column of amounts into the text under a header of spaced names: a
    line opened by 3000 or 1544383.2 is no row, and the numbered items around it are read
    as prose with their own titles."""
    text = (
        "(一) 城乡居民养老保险项目\n760000 570000\n为参保人员缴费补助。(自治区人社厅)\n"
        "2019 年目标任务 牵头单位 备注\n"
        "(二) 农村住房保险项目\n12000 9000\n3000 为全区农户提供住房保险。(自治区应急厅)\n"
    )
    result = process_text(text)
    numbers = [t.number for t in result.extraction.segmentation.tasks]
    assert numbers == ["(一)", "(二)"]


def test_years_counted_before_nei_are_a_time_frame_not_this_year_nor_a_target():
    """两年内，全市各区县均建成…: the clause gives itself two years; 年内 after 两 is no due date
    of the notice's year and 两年内 is no target; a bare 年内 still is this year's end."""
    text = (
        "2009年民生工作分工\n"
        "1.实施医疗救助。两年内，全市各区县均建成救助中心5个。（市民政局）\n"
        "2.年内建成养老院3所。（市民政局）\n"
    )
    result = process_text(text)
    assert [(d.task_seq, d.due_date) for d in result.extraction.deadlines] == [
        (2, date(2009, 12, 31))
    ]
    assert [t.raw for t in result.extraction.targets if t.task_seq == 1] == [
        "全市各区县均建成救助中心5个"
    ]


def test_a_heading_naming_a_unit_over_one_paragraph_makes_that_paragraph_its_task():
    """三、省委政法委 over one unnumbered paragraph: the paragraph is the unit's task (its role
    left open), as the numbered items under 五、省发改委 are that unit's."""
    text = (
        "三、省委政法委\n深入开展平安乡村创建活动，提高建设水平。\n"
        "四、省发改委\n(一)安排建设资金12亿元。\n(二)建设通村公路1.2万公里。\n"
    )
    result = process_text(text)
    doc = result.extraction.segmentation.document.text
    tasks = result.extraction.segmentation.tasks
    first = tasks[0]
    assert doc[first.title_start : first.title_end] == "深入开展平安乡村创建活动，提高建设水平"
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert units == [(1, "省委政法委"), (2, "省发改委"), (3, "省发改委")]


def test_a_heading_of_other_words_over_one_paragraph_stays_a_heading():
    """一、各县区民生工程实施进度综合排名 over a paragraph of rankings names no units: no task."""
    text = (
        "一、各县区民生工程实施进度综合排名\n第一名金寨县；第二名霍邱县。\n"
        "二、部分项目进展情况\n1、农村道路畅通工程，牵头部门：市交通局。\n"
    )
    tasks = process_text(text).extraction.segmentation.tasks
    assert [t.number for t in tasks] == ["1"]


_OPENED_CATEGORY = "\n".join([
    "附件：科技创新目标任务分解表",
    "| 目标", "| 任务内容", "| 牵头部门", "| 配合部门", "| 前三年目标任务", "| 五年目标任务", "|",
    "1", "| 综合指标", "| 研发经费支出占生产总值比重(%)", "| 市科技局", "| 市统计局", "| 1.8%",
    "| 2.2%", "|",
    "2", "| 拥有发明专利件数", "| 市知识产权局", "| 高新区", "| 30%", "| 42%", "|",
    "3", "| 一、企业创新能力提升工程", "| 开发工业新产品个数", "| 市工信委", "| 市科技局",
    "| 22%", "| 32%", "|",
])


def test_a_header_opened_by_an_empty_cell_and_a_category_left_out_of_its_rows():
    """Cells a line, each opened by "|": the number column's name printed empty, a category
    column (目标) printed only in the row that opens its group. Rows one cell short leave the
    category out; each row's title is its detail (任务内容), the year-target columns its
    targets."""
    result = process_text(_OPENED_CATEGORY)
    assert segment_titles(result.extraction.segmentation) == [
        ("1", "研发经费支出占生产总值比重(%)"),
        ("2", "拥有发明专利件数"),
        ("3", "开发工业新产品个数"),
    ]
    leads = [(a.task_seq, a.mention) for a in result.extraction.agencies if str(a.role) == "lead"]
    assert leads == [(1, "市科技局"), (2, "市知识产权局"), (3, "市工信委")]
    shares = [(t.task_seq, t.value_min) for t in result.extraction.targets]
    assert shares == [(1, 1.8), (1, 2.2), (2, 30), (2, 42), (3, 22), (3, 32)]


def test_rows_of_places_and_their_figures_are_each_place_s_task():
    """A quota table whose header names no known column: rows opened by a place (a name
    spaced out, 城 厢, or with a note, 港区 (含浮桥)) with figures only are the places' tasks;
    the totals (合计, 全市) are none."""
    text = (
        "2019年度能源消耗强度目标分解表\n"
        "地区 | 单位增加值能耗降幅(%) |\n"
        "全市 | 3.4 |\n"
        "港区 (含浮桥) | 3.4 |\n"
        "城 厢 镇 | 3.5 |\n"
        "沙溪镇 | 3.2 |\n"
        "合计 | 3.4 |\n"
    )
    result = process_text(text)
    units = [(a.task_seq, "".join(a.mention.split())) for a in result.extraction.agencies]
    assert units == [(1, "港区"), (2, "城厢镇"), (3, "沙溪镇")]
    assert len(result.extraction.segmentation.tasks) == 3


def test_header_names_of_groups_owners_and_compound_contents():
    """督查组牵头单位 is a lead column (its owner named before it), 分组 and 小项 label rows,
    具体项目及实施内容 and 任务名称 hold the task, 涉及部门 and 主体责任单位 the units; the
    progress of a quarter (2023年10-12月份进展情况) and the plan for the next are notes."""
    from pipeline.stages.table_columns import cell_kind

    names = (
        "督查组牵头单位", "分组", "小项", "具体项目及实施内容", "涉及部门", "任务名称", "指标要求",
        "目标类型", "主体责任单位", "配合责任单位", "工作评价", "2023年10-12月份进展情况",
        "2024年1-3月份进度安排",
    )
    assert {h: cell_kind(h) for h in names} == {
        "督查组牵头单位": "lead", "分组": "name", "小项": "name",
        "具体项目及实施内容": "task", "涉及部门": "responsible", "任务名称": "task",
        "指标要求": "task", "目标类型": "note", "主体责任单位": "responsible",
        "配合责任单位": "participant", "工作评价": "note", "2023年10-12月份进展情况": "note",
        "2024年1-3月份进度安排": "note",
    }


def test_question_marks_standing_for_a_lost_indent_do_not_hide_the_item_number():
    """A copy that lost the indent before each item prints question marks there ("???(一)…"):
    they are dropped (offsets kept), the numbers open their items, and a title stops before
    the label lines under it."""
    text = (
        "三、分组情况\n"
        "???(一)第一检查督导组；\n责任领导：胡小波\n责任单位：派出所、供电所\n检查范围：加油站。\n"
        "???(二)第二检查督导组；\n责任领导：艾进\n责任单位：工业办、城建办\n检查范围：工地。\n"
    )
    result = process_text(text)
    doc = result.extraction.segmentation.document.text
    tasks = result.extraction.segmentation.tasks
    assert segment_titles(result.extraction.segmentation) == [
        ("(一)", "第一检查督导组；"), ("(二)", "第二检查督导组；"),
    ]
    assert doc[tasks[0].start - 3 : tasks[0].start] != "???"
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert units == [(1, "派出所"), (1, "供电所"), (2, "工业办"), (2, "城建办")]


def test_points_closed_by_brackets_that_assign_with_role_words():
    """A run-on paragraph whose points each close with a bracket naming units and their roles
    (市农业局负责，市工商局配合): a task per point, as with brackets of names alone."""
    text = (
        "现就重点工作安排如下：加强农产品监管，加大抽检力度（市农业局负责，市工商局配合）。"
        "严格投入品监管，实施备案制度（市农业局牵头，市质监局配合）。"
        "推进标准化基地建设（市农业局、市水产局分别负责）。"
    )
    result = process_text(text)
    titles = [title for _, title in segment_titles(result.extraction.segmentation)]
    assert titles[0].startswith("加强农产品监管") and len(titles) == 3
    found = {(a.task_seq, a.mention, str(a.role)) for a in result.extraction.agencies}
    assert {(2, "市农业局", "lead"), (2, "市质监局", "participant")} <= found


def test_a_figure_alone_in_a_cell_of_the_row_s_work_is_its_target():
    """Bare figures in a table's target columns are the row's targets, in the unit the
    column's header (降幅目标(%)) or the row's title (拥有发明专利(件)) names in brackets; a
    bracket that notes what a place holds (含浮桥) is no unit."""
    text = (
        "能源消耗强度目标分解表\n地区 | 单位增加值能耗降幅目标(%) |\n全市 | 3.4 |\n"
        "港区 (含浮桥) | 3.5 |\n城厢镇 | 3.2 |\n沙溪镇 | 3.0 |\n"
    )
    found = [(t.task_seq, t.value_min, t.unit) for t in process_text(text).extraction.targets]
    assert found == [(1, 3.5, "%"), (2, 3.2, "%"), (3, 3, "%")]
    cells = "\n".join([
        "附件：目标任务分解表", "| 目标", "| 任务内容", "| 牵头部门", "| 前三年目标任务", "| 五年目标任务", "|",
        "1", "| 综合指标", "| 拥有发明专利(件)", "| 市知识产权局", "| 3000", "| 4200", "|",
        "2", "| 培养技能型人才(千人)", "| 市人社局", "| 20", "| 30", "|",
        "3", "| 培育高新技术企业(家)", "| 市科技局", "| 74", "| 80", "|",
    ])
    found = [(t.task_seq, t.value_min, t.unit) for t in process_text(cells).extraction.targets]
    assert found == [
        (1, 3000, "件"), (1, 4200, "件"), (2, 20, "千人"), (2, 30, "千人"), (3, 74, "家"), (3, 80, "家"),
    ]


def test_a_window_or_a_date_stated_once_before_the_tasks_is_each_task_s():
    """A heading naming the work's time over a line of dates (检查整改时间 / 2021年3月7日-3月10日),
    or a sentence that says by when all the work is due (要于4月20日前对…督促检查), states the
    due date of every task that prints none; a 成文日期 line states nothing."""
    window = (
        "•成文日期：2021-02-22\n一、检查整改时间\n2021年3月7日-3月10日\n二、分组情况\n"
        "(一)第一检查组。责任单位：派出所\n(二)第二检查组。责任单位：供电所\n"
    )
    due = [(d.task_seq, d.due_date) for d in process_text(window).extraction.deadlines]
    assert due == [(1, date(2021, 3, 10)), (2, date(2021, 3, 10))]
    said = (
        "2012年4月5日\n市政府十五个督查组，要于4月20日前对各区县开展检查情况进行督促检查，"
        "并将督查情况于4月25日前报市政府。\n"
        "1.第一组。牵头单位：市安监局\n2.第二组。牵头单位：市规划局\n"
    )
    due = [(d.task_seq, d.due_date) for d in process_text(said).extraction.deadlines]
    assert due == [(1, date(2012, 4, 20)), (2, date(2012, 4, 20))]


def test_a_project_name_printed_once_over_its_numbered_contents():
    """序号 | 项目名称 | 项目内容 | 进展情况 | 牵头单位: the project's name printed in its first
    row only, the rows after it one cell short, their content numbered on (2.…): each row's
    content is its task under the name, its progress a note."""
    text = (
        "序号 | 项 目 名 称 | 项 目 内 容 | 进展情况 | 牵头单位 |\n"
        "1 | 城市空间开发利用项目 | 1.完成10处以上城市退红线区域的移交和改造; "
        "| 确定今年移交和改造的退红线区域 | 建设局 |\n"
        "2 | 2.完成公路桥梁桥下空间利用规划方案,先行实施5个以上桥下空间开发改造。 "
        "| 完成规划方案初稿编撰并开展3座桥梁桥下空间改造前期工作 | 交通运输局 |\n"
        "3 | “一老一小”暖心关爱项目 | 1.新增社区老年食堂3家; | 社区食堂施工推进中 | 民政局 |\n"
        "4 | 2.新增认知障碍照护专区2个、照护床位50张。 | 已建成专区1个 | 民政局 |\n"
    )
    result = process_text(text)
    titles = [title for _, title in segment_titles(result.extraction.segmentation)]
    assert [t.lstrip("1234.") for t in titles] == [
        "完成10处以上城市退红线区域的移交和改造;",
        "完成公路桥梁桥下空间利用规划方案,先行实施5个以上桥下空间开发改造",
        "新增社区老年食堂3家;",
        "新增认知障碍照护专区2个、照护床位50张",
    ]


def test_a_role_label_a_copy_broke_over_two_lines_is_read_whole():
    """A PDF copy breaks 牵头单位 after its first character (牵\\n头单位：…): the line break is a
    wrap, the label whole, though a short label opening its own line (检查范围：) keeps its."""
    text = (
        "22.加强双语科普资源创作。制作科普宣传片。牵\n头单位：新闻出版广电局。参加单位：科协。\n"
        "23.开展科普阅读行动。牵头单位：科协。参加单位：文化厅。\n"
    )
    leads = [(a.task_seq, a.mention) for a in process_text(text).extraction.agencies
             if str(a.role) == "lead"]
    assert leads == [(1, "新闻出版广电局"), (2, "科协")]


def test_points_counted_in_prose_keep_their_count_and_lose_their_bracket_in_the_title():
    """一是…（责任单位：市教育局）；二是…: each point is a task numbered 一是, its title the work
    without the bracket that assigns it."""
    text = (
        "涉及我市的任务有3个，分别为：一是维修改造中小学校13所（责任单位：市教育局）；"
        "二是简化临时外出备案流程（责任单位：市医保局）；三是维修改造农村公路380公里（责任单位：市交通局）。"
    )
    result = process_text(text)
    assert segment_titles(result.extraction.segmentation) == [
        ("一是", "维修改造中小学校13所"),
        ("二是", "简化临时外出备案流程"),
        ("三是", "维修改造农村公路380公里"),
    ]


def test_a_run_of_items_that_only_name_places_is_a_ranking_not_tasks():
    """一、综合排名：1、金寨县；2、裕安区；3、霍山县 over 二、1、技能培训提升，牵头单位：…: the
    ranking's items name places only; the tasks are the items of work."""
    text = (
        "一、各县区综合排名\n1、金寨县；2、裕安区；3、霍山县；4、金安区。\n"
        "二、部分项目进展情况\n1、技能培训提升，牵头单位：市退役军人局。\n"
        "2、养老服务和智慧养老，牵头单位：市民政局。\n"
    )
    tasks = process_text(text).extraction.segmentation.tasks
    assert [(t.seq, t.number) for t in tasks] == [(1, "1"), (2, "2")]
    assert all(t.section and "进展" in t.section for t in tasks)


def _quota_figures(text: str) -> list[tuple[int, str, float, str]]:
    result = process_text(text)
    places = {a.task_seq: "".join(a.mention.split()) for a in result.extraction.agencies}
    return [(t.task_seq, places[t.task_seq], t.value_min, t.unit) for t in result.extraction.targets]


def test_a_quota_run_onto_one_line_and_the_unit_stated_above_it():
    """A quota table a copy ran onto one line, rows parted by an empty cell: each place's row;
    one unit stated above the table (单位：万亩) is every figure's; two (万亩、万株) name no
    column's own, so no figure is read as a target."""
    table = (
        "| 县(市、区) | 总 面 积 | 成片造林 |  | 合  计 | 15.5 | 10 |  | 宝 应 县 | 2.2 | 1.5 |"
        "  | 高 邮 市 | 4 | 2.5 |  | 江 都 市 | 3 | 2 |\n"
    )
    one = _quota_figures("扬州市2010年造林任务分解表\n单位:万亩\n" + table)
    assert one == [
        (1, "宝应县", 2.2, "万亩"), (1, "宝应县", 1.5, "万亩"), (2, "高邮市", 4, "万亩"),
        (2, "高邮市", 2.5, "万亩"), (3, "江都市", 3, "万亩"), (3, "江都市", 2, "万亩"),
    ]
    assert _quota_figures("扬州市2010年造林任务分解表\n单位:万亩、万株\n" + table) == []


def test_a_quota_copied_a_cell_a_line_each_opened_by_a_separator():
    """地区 over "| 2011年 | 2012年 | 五年任务", then 北京 over "| 500 | 1750 | 2250": each place's
    figures are its targets, one a column, a figure repeated in two columns kept twice."""
    lines = [
        "附件6：定向行走训练任务分配表", "地区", "| 2011年", "| 2012年", "| 五年任务", "|",
        "北京", "| 500", "| 500", "| 1000", "|", "天津", "| 300", "| 400", "| 700", "|",
        "河北", "| 900", "| 1000", "| 1900", "|",
    ]
    assert _quota_figures("\n".join(lines)) == [
        (1, "北京", 500, ""), (1, "北京", 500, ""), (1, "北京", 1000, ""),
        (2, "天津", 300, ""), (2, "天津", 400, ""), (2, "天津", 700, ""),
        (3, "河北", 900, ""), (3, "河北", 1000, ""), (3, "河北", 1900, ""),
    ]


def test_a_quota_copied_a_row_a_line_with_its_columns_spaced():
    """责任单位 外贸出口目标 实到外资目标 over 万州区 1900 300 (a copy may join the place and its
    first figure): each district's figures, in the unit the line above states (金额单位:万美元)."""
    text = (
        "各区县人民政府：\n现将2002年各区县外经贸目标任务分解下达给你们，请认真组织实施，确保完成。\n"
        "2002年外经贸目标任务分解表\n金额单位:万美元\n责任单位 外贸出口目标 实到外资目标\n"
        "万州区 1900 300\n渝北区 2000 1000\n黔江区 150 100\n巴南区 7500 800\n"
    )
    assert _quota_figures(text) == [
        (1, "万州区", 1900, "万美元"), (1, "万州区", 300, "万美元"),
        (2, "渝北区", 2000, "万美元"), (2, "渝北区", 1000, "万美元"),
        (3, "黔江区", 150, "万美元"), (3, "黔江区", 100, "万美元"),
        (4, "巴南区", 7500, "万美元"), (4, "巴南区", 800, "万美元"),
    ]


def test_a_column_of_duties_beside_the_units_and_a_list_of_citations_after_it():
    """序号 涉及部门 职责分工: the duties are each row's task, the department its unit; the
    相关依据 listed after the table (1.《…》) cite documents and are no tasks."""
    text = "\n".join([
        "中小学校食品安全管理", "序号 涉及部门 职责分工",
        "1", "市教育局", "负责校园食品安全管理工作。指导监督学校落实食品安全主体责任，建立健全"
        "食品安全相关管理制度，加强食品安全教育和日常管理。",
        "2", "市市场监督管理局", "负责学校集中用餐食品安全的监督管理。依法查处涉及学校的食品安全违法"
        "行为，建立学校食堂食品安全信用档案，及时向教育部门通报学校食品安全相关信息。",
        "3", "市卫生健康委", "负责组织开展校园食品安全风险监测。指导学校开展食源性疾病防控的知识"
        "教育，依法开展学校食品安全应急处置和相关疫情防控处置工作。",
        "", "相关依据:", "", "1.《学校食品安全与营养健康管理规定》(教育部令第45号)",
        "2.《校园食品安全守护行动实施方案》",
    ])
    result = process_text(text)
    assert [title for _, title in segment_titles(result.extraction.segmentation)] == [
        "负责校园食品安全管理工作", "负责学校集中用餐食品安全的监督管理", "负责组织开展校园食品安全风险监测",
    ]
    assert [(a.task_seq, a.mention) for a in result.extraction.agencies] == [
        (1, "市教育局"), (2, "市市场监督管理局"), (3, "市卫生健康委"),
    ]


def test_a_star_before_a_unit_marks_it_as_the_lead():
    """*区城管局 in a unit cell, as 区城管局*: the starred unit leads, the others take part."""
    text = "1.建设无违章河道6500公里。责任单位：*区城管局、区农业农村局\n2.新增停车位10万个。责任单位：*区住建局\n"
    found = [(a.task_seq, a.mention, str(a.role)) for a in process_text(text).extraction.agencies]
    assert found[0] == (1, "区城管局", "lead") and found[-1] == (2, "区住建局", "lead")


def test_an_item_opened_by_a_unit_and_a_colon_is_that_unit_s_duty():
    """(一)发改委：每季度…提供…: the unit naming the item before a colon owns it; a place the
    work looks at (相逢川菜馆：垃圾桶未盖) is no unit."""
    text = (
        "一、明确有关部门的涉税信息交流职责\n"
        "(一)发改委：每季度终了后20日内向税务部门提供重点建设项目计划。\n"
        "(二)教育局：每季度终了后20日内向税务部门提供办学情况。\n"
        "(三)相逢川菜馆：垃圾桶未盖，无健康证。\n"
    )
    found = [(a.task_seq, a.mention) for a in process_text(text).extraction.agencies]
    assert found == [(1, "发改委"), (2, "教育局")]


def test_lines_each_opened_by_a_district_and_a_colon_are_its_tasks():
    """二、区县政府专项任务 over "玄武区：实施…街道2个…" lines: each line is the district's task,
    its figures its targets (as lines opened by a place and its share are)."""
    text = (
        "二、区县政府专项任务\n玄武区：实施PCO服务模式街道2个，达到市级考核验收要求。\n"
        "江宁区：新增无害化卫生户厕10000座。\n高淳县：新增无害化卫生户厕15000座。\n"
        "三、市相关部门任务\n1、认真履行本部门工作职责。\n"
    )
    result = process_text(text)
    units = [(a.task_seq, a.mention, str(a.role)) for a in result.extraction.agencies]
    assert units[:3] == [
        (1, "玄武区", "either"), (2, "江宁区", "either"), (3, "高淳县", "either"),
    ]
    assert [t.value_min for t in result.extraction.targets if t.task_seq == 2] == [10000]


def test_a_signature_date_run_on_after_the_last_sentence_dates_the_notice():
    """A copy that ran the whole notice onto one line ends with its date (…的责任。 二OO八年九月八日):
    it is the notice's date, and a yearless 10月20日前 falls in 2008."""
    text = (
        "(一)城区废品收购站清理 牵头单位:河东区 主要任务:在10月20日前将城区的废品收购站清理到选定地段。"
        " (二)学校周边卫生管理 牵头单位:市教育局 主要任务:加强学校周边环境整治。 二OO八年九月八日"
    )
    result = process_text(text)
    assert result.extraction.segmentation.metadata.publish_date == date(2008, 9, 8)
    assert [(d.task_seq, d.due_date) for d in result.extraction.deadlines] == [(1, date(2008, 10, 20))]


def test_an_item_dividing_duties_among_units_clause_by_clause():
    """(二)明确分工，责任到人。市发改委负责…；市经贸委负责…；市规划局、市建设局负责…: a task per
    clause under the item, each its units'; an item whose sentences run on is left whole."""
    text = (
        "四、主要任务\n(一)加强领导，统筹协调。各级政府要建立健全能源工作领导和协调机制。\n"
        "(二)明确分工，责任到人。市发改委负责提出全市节能规划；市经贸委负责全市工业节能；"
        "市规划局、市建设局负责建筑节能；市旅游局负责宾馆、旅游行业节能。\n"
    )
    result = process_text(text)
    tasks = result.extraction.segmentation.tasks
    assert [title for _, title in segment_titles(result.extraction.segmentation)][1:] == [
        "市发改委负责提出全市节能规划", "市经贸委负责全市工业节能", "市规划局、市建设局负责建筑节能",
        "市旅游局负责宾馆、旅游行业节能",
    ]
    assert all(t.section and "明确分工" in t.section for t in tasks[1:])
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert (4, "市规划局") in units and (4, "市建设局") in units and (2, "市发改委") in units


def test_a_header_run_together_reads_every_name_to_its_end():
    """A progress table's header copied without its spaces: every name is read, the next
    quarter's plan (2024年1-3月份进度安排) whole though a quarter's progress (…月份进度) is a
    shorter name that opens it, and 工作评价 one name, not a second task column 工作."""
    from pipeline.stages.table_spaced import header_prefix

    kinds, rest = header_prefix(
        "序号2023年重点工作任务牵头领导牵头责任单位主体责任单位配合责任单位工作评价"
        "2023年10-12月份进展情况2024年1-3月份进度安排备注"
    )
    assert rest == ""
    assert [str(k) for k in kinds] == [
        "number", "task", "leader", "lead", "responsible", "participant",
        "note", "note", "note", "note",  # 工作评价 one name (not 工作 | 评价), progress, plan, 备注
    ]
