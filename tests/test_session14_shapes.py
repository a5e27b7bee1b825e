"""Issue 16 and 14: shapes met in the fourteenth session, each a mechanism tested on text
written the way such notices print it, not copied from them."""

from __future__ import annotations

from pipeline import process_text


def _rows(text: str) -> list[tuple[str | None, str, list[str], list[str]]]:
    result = process_text(text)
    extraction = result.extraction
    doc = extraction.segmentation.document.text
    return [
        (
            t.number,
            doc[t.title_start : t.title_end],
            [a.mention for a in extraction.agencies if a.task_seq == t.seq and not a.collective],
            [d.raw for d in extraction.deadlines if d.task_seq == t.seq and d.due_date],
        )
        for t in extraction.segmentation.tasks
    ]


# A web page's or Word file's table read into text: a sub-row's number cell is empty, so
# its line opens with "|"; it prints its own work, its own unit and its own date.
_EMPTY_NUMBER_CELLS = "\n".join([
    "2022年度民生实事进展情况表",
    "序号|省工作目标|县牵头单位|全面完成预计时间|",
    "1 |新增3个乡镇(街道)建有托育机构|卫生健康局|已完成|",
    "|新增托位525个|卫生健康局| 7月底|",
    "|新增普惠托位315个|卫生健康局| 7月底|",
    "2 |新改扩建公办中小学2所|教体局| 8月底|",
    "|支援山区县组建结对学校5所|教体局| 9月底|",
])


def test_a_row_with_an_empty_number_cell_printing_its_own_work_and_unit_is_a_task():
    assert _rows(_EMPTY_NUMBER_CELLS) == [
        ("1", "新增3个乡镇(街道)建有托育机构", ["卫生健康局"], []),
        (None, "新增托位525个", ["卫生健康局"], ["7月底"]),
        (None, "新增普惠托位315个", ["卫生健康局"], ["7月底"]),
        ("2", "新改扩建公办中小学2所", ["教体局"], ["8月底"]),
        (None, "支援山区县组建结对学校5所", ["教体局"], ["9月底"]),
    ]


def test_a_row_without_its_number_that_prints_only_the_rest_of_its_cells_continues():
    """The other side: the rest of a row broken across a page prints no unit of its own."""
    text = "\n".join([
        "序号|工作任务|牵头单位|完成时限|",
        "1 |推进城乡环卫一体化,建立三级环卫队伍网络,|住建局|6月底前|",
        "|完善农村垃圾收运体系。|||",
        "2 |完成农村公路危桥改造10座。|交通局|9月底前|",
    ])
    rows = _rows(text)
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[0][2] == ["住建局"]


# A progress table copied one cell a line: the 序号 and 项目 cells span sub-rows, and a
# sub-row under a unit spanning it prints its target, progress and "已完成" only.
_PROGRESS_SPANS = "\n\n".join([
    "2022年度民生实事1-9月份进展情况表",
    "序号", "项目", "省工作目标", "县", "牵头单位", "1-9月进展情况", "全面完成预计时间",
    "1", "浙有善育", "新增3个乡镇(街道)建有托育机构", "卫生健康局",
    "已全部完成(石璜镇幼托中心、仙岩镇中心幼儿园)。", "已完成",
    "新增托位525个", "卫生健康局", "已全部完成。", "已完成",
    "新增普惠托位315个", "已全部完成。", "已完成",
    "2", "浙里优学", "新改扩建公办中小学2所", "教体局", "已全部完成。", "已完成",
    "新增义务教育公办学位800个", "已全部完成。", "已完成",
    "3", "浙派工匠", "开展职业技能培训11300人次", "人力社保局", "已全部完成。", "已完成",
])


def test_progress_cells_after_a_unit_go_on_to_their_column_and_a_done_cell_closes_the_row():
    """A progress cell naming places is no unit: it goes on to the progress column; "已完成"
    in the deadline column is whole, so the target line after it opens a sub-row."""
    assert [r[:3] for r in _rows(_PROGRESS_SPANS)] == [
        ("1", "新增3个乡镇(街道)建有托育机构", ["卫生健康局"]),
        (None, "新增托位525个", ["卫生健康局"]),
        (None, "新增普惠托位315个", ["卫生健康局"]),
        ("2", "新改扩建公办中小学2所", ["教体局"]),
        (None, "新增义务教育公办学位800个", ["教体局"]),
        ("3", "开展职业技能培训11300人次", ["人力社保局"]),
    ]


# Duties divided line by line under a heading: each line opens with its unit, then 负责, a
# colon or a space before its duties; the heading's own paragraph leads in.
_UNIT_LINES = "\n".join([
    "一、职责分工",
    "按照政府统一领导、部门分工协作的总体要求,具体分工如下:",
    "省统计局负责普查的日常工作,并全面负责专业技术工作。",
    "省公安厅负责户口整顿工作。",
    "省财政厅负责普查经费的协调保障工作。",
    "二、工作方式",
    "领导小组实行成员单位联络员制度。",
])


def test_lines_each_led_by_a_unit_under_a_heading_are_a_task_each():
    rows = _rows(_UNIT_LINES)
    assert [(r[1], r[2]) for r in rows[:3]] == [
        ("省统计局负责普查的日常工作,并全面负责专业技术工作", ["省统计局"]),
        ("省公安厅负责户口整顿工作", ["省公安厅"]),
        ("省财政厅负责普查经费的协调保障工作", ["省财政厅"]),
    ]


def test_unit_labels_parted_by_spaces_or_colons_lead_their_lines():
    text = "\n".join([
        "三、工作分工",
        "办公室  组织、协调和管理主动公开政府信息的事宜;统一受理信息公开申请。",
        "法规处  负责规范性文件的法律审核。",
        "人教处:负责将政务公开工作列入绩效考核内容。",
    ])
    assert [r[2] for r in _rows(text)] == [["办公室"], ["法规处"], ["人教处"]]


def test_two_unit_lines_under_a_heading_are_a_division_of_duties():
    """Under a heading line, two lines each led by a unit are two tasks, when they are all its
    lines (gold 2138 and 2142: 6.5 基本生活保障 over 市民政局负责… and 市商务局负责…)."""
    text = "\n".join([
        "一、加强统筹协调",
        "省统计局负责普查的日常工作。",
        "省公安厅负责户口整顿工作。",
        "二、强化经费保障",
        "省财政厅负责普查经费的协调保障工作。",
    ])
    assert [r[0] for r in _rows(text)] == [None, None, "二"]


# A web page's table copied with each cell closed by "|" on its line, the first column's
# name broken a character a line ("序" over "号|"), a cell's text wrapped over two lines.
_BROKEN_NUMBER_NAME = "\n".join([
    "关于加快推进数据有序共享的重点任务责任分工| |||| |",
    "序", "号|", "工作任务|", "牵头单位|", "责任单位|", "完成时限| |",
    "1 |", "成立由市政府领导同志负责、有关部门参加的", "数据共享协调推进机制。|",
    "市行政审批局|", "市直相关部门|", "2021年9月底| |",
    "2 |", "指定专门处室负责政务数据共享工作。|", "市大数据中心|", "市直相关部门|",
    "2021年12月底| |",
])


def test_a_first_column_name_broken_over_lines_heads_the_table():
    rows = _rows(_BROKEN_NUMBER_NAME)
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("1", ["市行政审批局"], ["2021年9月底"]),  # 市直相关部门: collective
        ("2", ["市大数据中心"], ["2021年12月底"]),
    ]


def test_a_table_cell_wrapped_over_lines_titles_its_task_whole():
    """Cells one a line closed by a bare "|": the task name wraps over two lines."""
    text = "\n".join([
        "序号", "|", "任务名称", "|", "任务要求及举措", "|", "责任部门", "|", "完成时间节点", "|",
        "1", "|", "完成2022年度", "乡村振兴示范村建设", "|",
        "完成1个乡村振兴示范村建设,如期完成建设任务。", "|", "区农业农村委", "|", "10月底", "|",
        "2", "|", "开展市级", "美丽乡村示范村创建", "|",
        "按市级部署开展美丽乡村示范村创建工作。", "|", "区农业农村委", "|", "12月底", "|",
    ])
    assert [r[1].replace("\n", "") for r in _rows(text)] == [
        "完成2022年度乡村振兴示范村建设", "开展市级美丽乡村示范村创建",
    ]


# The convention stated once in a header cell: a mark after a unit names the lead, the other
# units take part (in their own column too).
_MARKED = "\n".join([
    "序号|任务名称|责任部门(加*号为牵头部门,其余为参与部门)|责任街镇|完成时间节点|",
    "1|开展美丽乡村示范村创建|区农业农村委*|浦江镇、马桥镇|12月底|",
    "2|推进农民相对集中居住|区农业农村委*、区规划资源局、区房管局|梅陇镇|12月底|",
    "3|加强农房建设管理|区建管委*、区农业农村委|颛桥镇|12月底|",
])


def test_a_marked_unit_leads_and_the_others_take_part_where_the_notice_says_so():
    result = process_text(_MARKED)
    roles = [
        [(a.mention, a.role) for a in result.extraction.agencies if a.task_seq == t.seq]
        for t in result.extraction.segmentation.tasks
    ]
    assert roles[1] == [
        ("区农业农村委", "lead"), ("区规划资源局", "participant"), ("区房管局", "participant"),
        ("梅陇镇", "participant"),
    ]
    assert roles[2][0] == ("区建管委", "lead")


def test_a_mark_without_the_statement_decides_no_role():
    """Without the statement the marked list reads as printed: no unit of it is made a
    participant for want of a mark."""
    result = process_text(_MARKED.replace("(加*号为牵头部门,其余为参与部门)", ""))
    second = [(a.mention, a.role) for a in result.extraction.agencies if a.task_seq == 2]
    assert ("区规划资源局", "participant") not in second
    assert ("区农业农村委", "lead") in second


# A document-sharing site's text preview: a page a line, each opened by its page number, a
# page break cutting a unit's name ("市" | "2、财政局"); the items run on after "如下:", one
# marked "3,".
_PREVIEW = (
    "1、某市人民政府关于2023年重点办好城乡建设和改善人民生活方面实事的通知各区人民政府,"
    "市政府各部门:市政府决定,2023年重点办好实事。现就有关事项通知如下:1 .实现城镇新增就业"
    "35万人以上,创设城乡公益性岗位3.7万个以上。(责任单位:市人力资源社会保障局、市农业农村局、"
    "市财政局)2.实施节能保暖工程640万平方米以上;改造城镇老旧小区400个以上,积极引导居民参与,"
    "共同推进加装电梯等工作。(责任单位:市住房城乡建设局、市发展改革委、市\n"
    "2、财政局)3,开工新建改扩建中小学和幼儿园30所,推动续建完工50所。(责任单位:市教育局、"
    "市财政局)4.完善提升居家社区养老服务中心45处,建设养老服务站600处。(责任单位:市民政局)"
)


def test_a_preview_s_page_numbers_are_dropped_and_a_name_they_cut_reads_whole():
    rows = _rows(_PREVIEW)
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert rows[1][2] == ["市住房城乡建设局", "市发展改革委", "市财政局"]


def test_a_line_opened_by_1_that_ends_its_sentence_is_no_preview_page():
    from pipeline.stages.normalize import preview_page_counters

    listed = "1、加强组织领导,成立工作专班。\n2、落实经费保障,纳入年度预算。\n"
    assert preview_page_counters(listed) == []
    assert preview_page_counters(_PREVIEW)[0] == (0, 2)


def test_column_names_of_a_progress_table_with_people_and_related_units():
    from pipeline.stages.table_columns import cell_kind

    assert cell_kind("相关单位") == "participant"
    assert cell_kind("区政府办协管责任人") == "leader"  # an office's person, no unit
    assert cell_kind("任务要求及举措") == "task"
    assert cell_kind("完成时间节点") == "deadline"
    assert cell_kind("责任街镇") == "responsible"


def test_a_unit_whose_bracket_names_it_lead_for_a_part_of_the_work_leads():
    text = "\n".join([
        "序号|目标任务|牵头单位|相关单位|",
        "1|地区生产总值增长9.5%|区发改局|区统计局(数据统计评估牵头单位),区财政局|",
        "2|财政收入增长15%|区财政局|区国税局、区地税局|",
    ])
    result = process_text(text)
    first = [(a.mention, a.role) for a in result.extraction.agencies if a.task_seq == 1]
    assert first == [("区发改局", "lead"), ("区统计局", "lead"), ("区财政局", "participant")]


def test_an_adverb_between_the_unit_and_its_verb_keeps_the_role():
    text = "二、工作要求\n(一)基地建设工作由县农业局具体负责,制定实施方案。\n(二)宣传工作由县委宣传部具体牵头,各乡镇配合。\n"
    result = process_text(text)
    assert [(a.mention, a.role) for a in result.extraction.agencies if not a.collective] == [
        ("县农业局", "responsible"), ("县委宣传部", "lead"),
    ]


# A news report quoting a division: each paragraph opens with its topic, then sentences each
# saying who does their part (由X牵头, Y负责…).
_ATTRIBUTED = "\n".join([
    "中医药重点任务分工方案印发",
    "在健全服务体系方面,分工方案明确,由国家发展改革委、国家卫生健康委分别负责,建成以国家中医医学中心为龙头的服务体系。由国家卫生健康委牵头,支持中医医院牵头组建医疗联合体。",
    "在发挥独特作用方面,分工方案明确,由国家中医药管理局牵头,科技部负责,加快循证医学中心建设。由国家中医药管理局牵头,国家卫生健康委负责,加强中医优势专科建设。",
])


def test_each_attributed_sentence_of_a_paragraph_is_a_task_from_its_attribution():
    rows = _rows(_ATTRIBUTED)
    opening = ["由国家发展改革委、", "由国家卫生健康委牵头", "由国家中医药管理局牵头,科技部", "由国家中医药管理局牵头,国家"]
    assert len(rows) == len(opening)
    assert all(r[1].startswith(o) for r, o in zip(rows, opening, strict=True))
    assert "支持中医医院" not in rows[1][2]  # a task's verb opens no unit's name


def test_points_counted_in_a_paragraph_stay_points_though_each_is_attributed():
    text = (
        "某县部署四项行动。\n一是“知了行动”。重点针对道路交通违法行为。由县交警大队牵头,县交通运输局参加,"
        "实施打击。二是“清场行动”。重点针对采石场。由县安监局牵头,县国土局参加,下达整改指令。"
        "三是“同创行动”。由县消防大队牵头,县中小企业局参加,完善安全生产工作基础。\n"
    )
    assert [r[0] for r in _rows(text)] == ["一是", "二是", "三是"]


def test_duties_run_together_on_one_line_each_opened_by_a_unit_label_are_tasks():
    text = (
        "[接上页] 省公安厅:调派警力维护火灾现场秩序和灾区治安;组织指导省公安消防总队配合做好抢险"
        "救灾工作。 省民政厅:负责指导灾民的生活救济工作。 省交通厅:落实森林防火专用车辆的优惠政策,"
        "保障扑火救灾运输畅通。 省卫生厅:负责组织做好灾区卫生防疫工作。\n"
    )
    rows = _rows(text)
    assert [r[2][:1] for r in rows] == [["省公安厅"], ["省民政厅"], ["省交通厅"], ["省卫生厅"]]


def test_a_collective_s_duty_line_is_a_task_in_a_run_of_unit_lines_but_a_role_label_is_not():
    text = "\n".join([
        "三、责任分工",
        "各乡镇:负责结合绿化造林等工作调整种植结构,每个乡镇要有2-3个示范点。",
        "区统计局:负责将调减的面积落实到统计数据中。",
        "区自然资源和规划分局:负责为各乡镇下达造林绿化任务。",
        "区农业农村局:负责统筹协调农业结构调整工作。",
    ])
    rows = _rows(text)
    assert [r[2] for r in rows] == [[], ["区统计局"], ["区自然资源和规划分局"], ["区农业农村局"]]
    labelled = "\n".join([
        "28.加快农村公路提档升级。", "牵头单位:市交通运输局", "配合单位:市农业农村局、市财政局。",
        "34.开工建设机场航站楼改扩建工程。", "牵头单位:市交通运输局", "实施单位:临沂国际机场集团",
    ])
    assert [r[0] for r in _rows(labelled)] == ["28", "34"]


def test_a_unit_cell_whose_first_name_carries_a_mark_reads_as_units():
    from pipeline.stages.table_fit import fit

    assert fit("区农业农村委*、区发改委、区交通委、区水务局等", "lead") > 0
    assert fit("★区发改委、区统计局", "lead") > 0


def test_a_table_whose_tasks_are_titled_by_figures_alone_is_flagged():
    text = "\n".join([
        "2020年各乡镇农业结构调整分阶段汇总任务表",
        "序号 | 乡镇 | 分阶段任务(亩) | 合计 | 备注 |",
        "1 | 满城镇 | 2242.6 | 2260.7 | |",
        "2 | 神星镇 | 2478.4 | 2478.4 | |",
        "3 | 大册营镇 | 457.5 | 939.8 | |",
    ])
    warnings = [w for w in process_text(text).warnings if "titled by a figure" in w]
    assert warnings == [
        "3 of 3 tasks are titled by a figure alone (2242.6) — check how the table's columns "
        "were read"
    ]
    named = text.replace("分阶段任务(亩)", "工作任务").replace("2242.6", "调减2242.6亩")
    assert not [w for w in process_text(named).warnings if "titled by a figure" in w]


def test_a_list_titled_by_its_unit_gives_that_unit_every_task_that_names_none():
    text = "\n".join([
        "2023年度各部门履行职能目标任务分解表(林业局)",
        "重点工作目标",
        "1.制订茶叶品牌建设发展规划,做好名茶评选工作。",
        "2.做好建设林地审批工作。",
        "3.深化林权制度改革,由县自然资源局配合开展林权抵押登记。",
    ])
    units = [r[2] for r in _rows(text)]
    assert units[:2] == [["林业局"], ["林业局"]]
    assert "林业局" not in units[2]  # a task naming its own unit keeps it


def test_an_issuer_s_title_names_no_owner():
    text = "\n".join([
        "某市人民政府办公室关于印发2023年重点工作任务分解表的通知",
        "1.推进城乡环卫一体化。",
        "2.完成农村公路危桥改造。",
    ])
    assert [r[2] for r in _rows(text)] == [[], []]


def test_unit_lines_opened_by_a_dash_or_by_the_unit_and_a_preposition():
    text = "\n".join([
        "三、各成员单位主要职责",
        "--省教育厅在做好布局调整规划的基础上,牵头组织编制工程规划。",
        "--省发展改革委将工程纳入全省国民经济和社会发展规划。",
        "--省财政厅将工程所需资金纳入年度财政预算。",
    ])
    rows = _rows(text)
    assert [r[1][:5] for r in rows] == ["省教育厅在", "省发展改革", "省财政厅将"]
    assert [r[2] for r in rows] == [["省教育厅"], ["省发展改革委"], ["省财政厅"]]


def test_a_scan_s_lines_wrapped_inside_a_bracket_or_a_sentence_end_no_heading_line():
    """A page read by OCR breaks its lines at the page's width: a break inside "(此项工作
    由市水务局牵" / "头)" or inside a sentence after a run-in heading ends no line."""
    from pipeline import SourceDocument, process_source
    from pipeline.records import Page

    lines = [
        "(三)继续实施湖泊连通工程及两江四岸江滩建设。加快推进大东湖生态水网构建工程,启动九峰渠连通工程(此项工作由市水务局牵",
        "头)。加快“汉阳六湖”连通生态景观建设(此项工作由市水务局、汉阳区人民政府负责)。实施面源污染控制工程,进行生态修复,",
        "完成汉江流通巷至汉水一桥段防洪及环境综合整治工程(此项工作由市水务局牵头)。(四)大力推进节水型社会建设。全力推广循环",
        "经济的理念,实施三金潭污水处理厂尾水再生回用示范工程(此项工作由市城管局负责)。鼓励企业进行节水技术改造。",
    ]
    page = Page(1, "\n".join(lines), "ocr", 0.99)
    result = process_source(SourceDocument("scan", "scan.pdf", "0" * 64, "pdf", (page,)))
    text = result.extraction.segmentation.document.text
    titles = [text[t.title_start : t.title_end] for t in result.extraction.segmentation.tasks]
    assert [t[:6] for t in titles] == ["加快推进大东", "加快“汉阳六", "实施面源污染", "全力推广循环"]
    assert titles[3].startswith("全力推广循环经济的理念")


def test_unit_lines_opening_a_page_before_its_first_heading_are_tasks():
    text = "\n".join([
        "市城管执法局:要加大对城区露天烧烤、垃圾焚烧等违法行为的查处力度。",
        "市环保局:要认真履行对城区空气质量改善工作的统一监督管理职能。",
        "市公安局:要做好旧机动车辆报废淘汰工作。",
        "三、工作任务",
        "1、山东海龙股份有限公司、潍坊第二热电有限公司等2家企业要抓紧实施脱硫治理工程建设。",
        "2、潍坊凤凰纸业有限公司要严格执行排放标准。",
    ])
    rows = _rows(text)
    assert [r[0] for r in rows] == [None, None, None, "1", "2"]
    assert [r[2] for r in rows[:3]] == [["市城管执法局"], ["市环保局"], ["市公安局"]]
    assert rows[3][2] == ["山东海龙股份有限公司", "潍坊第二热电有限公司"]  # X、Y等2家企业要…


def test_lines_that_only_name_units_divide_no_duties():
    from pipeline.stages.segment_clauses import unit_lines

    names = "市发改委\n市财政局\n市教育局\n"
    assert unit_lines(names, 0, len(names)) == []
    duties = "市发改委:负责立项。\n市财政局:负责资金。\n市教育局:负责建设。\n"
    assert len(unit_lines(duties, 0, len(duties))) == 3


def test_a_heading_s_line_bounds_no_title_that_opens_below_it():
    """Found by the fuzz test: a bullet whose units close the lines under it; the task read
    from the line below keeps its own title (the heading's line end is before it)."""
    text = (
        "● 市内各营业网点电子滚动屏幕无巩固“创卫”成果宣传标语。\n"
        "(主体责任:各营业网点,监督责任:● 市内各营业网点电子滚动屏幕无宣传标语。\n"
        "(主体责任:各营业网点,监督责任:移动、联通、电信公司)\n"
        "● 白茶市场存在空闲摊位乱堆乱放现象。\n(主体责任:白茶村委会,监督责任:市工商局)\n"
        "● 星悦公馆背后建筑工地大量建筑垃圾堆积。\n(主体责任:星悦公馆,监督责任:市住建委)\n"
    )
    tasks = process_text(text).extraction.segmentation.tasks
    assert tasks
    assert all(t.start <= t.title_start <= t.title_end <= t.end for t in tasks)
