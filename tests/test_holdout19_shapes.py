"""Issue 16: shapes met in the batches 1041–1073 and 821/983 (indicator tables), each a
mechanism tested on text written the way such notices print it, not copied from them."""

from __future__ import annotations

from tests.helpers import normalized, roles, titles


def test_a_table_copied_a_cell_a_line_with_cells_spanning_rows():
    """An indicator table with no number column whose rows print fewer cells where a cell
    spans several rows (821 旌阳): rows are found by aligning lines to columns; a category
    printed once heads its rows; a row missing its units inherits the cell above."""
    lines = [
        "考核指标", "权重", "年度目标", "责任单位",
        "经济发展",
        "农业增加值增长率", "4", "5.5%", "县农业农村局",
        "粮食播种面积", "2",                      # target and units spanned from above
        "高标准农田建设", "2", "1.2", "县自然资源局县农业农村局",
        "民生保障",
        "城镇新增就业人数", "3", "2600", "县人社局",
        "农村危房改造", "1", "按上级下达任务完成", "县住建局",
    ]
    text = "\n".join(lines) + "\n"
    assert [t for _, t in titles(text)] == [
        "农业增加值增长率", "粮食播种面积", "高标准农田建设", "城镇新增就业人数", "农村危房改造",
    ]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "县农业农村局"), (2, "县农业农村局"), (3, "县自然资源局"), (3, "县农业农村局"),
        (4, "县人社局"), (5, "县住建局"),
    ]


def test_a_page_of_cells_one_a_line_is_never_unwrapped():
    """A copy holding a cell a line was never wrapped: a cell as long as a wrapped line
    could be is not joined to the cell under it (年终根据全省平均水平综合考核 | 区财政局)."""
    cells = ["项目", "分值", "目标任务", "监考单位", "地方公共财政收入增长率", "3",
             "年终根据全省平均水平综合考核", "区财政局", "工业投资", "1", "52", "区经信局"]
    assert normalized("\n".join(cells)).text.split("\n") == cells
    # prose wrapped as a PDF wraps it is still joined
    prose = "为加快推进全县重点工作任务落实，现将有关事项\n通知如下。"
    assert normalized(prose).text == "为加快推进全县重点工作任务落实，现将有关事项通知如下。"


def test_first_items_run_into_their_headings():
    """A copy that lost the breaks after a heading: "一、…(一)…1.…" on one line (1071 河南):
    the first number of each inner rank opens its item."""
    text = (
        "一、着力提升监测水平(一)增强监测能力1.制定全省监测台网建设规划。\n省地震局负责落实。\n"
        "2.建设烈度速报台网中心。\n省地震局负责落实。\n"
    )
    assert titles(text) == [("1", "制定全省监测台网建设规划"), ("2", "建设烈度速报台网中心")]
    # a number inside a heading's words is no item: 实施3.0版 (not the first number)
    assert [n for n, _ in titles("一、实施方案3.0版升级\n1.完成升级。\n市大数据局负责。\n")] == ["1"]


def test_level_alternatives_in_brackets_inside_a_collective_list():
    """各省辖市、县(市、区)政府: one collective mention, the list not split inside it."""
    found = roles("1.加强设施保护。\n各省辖市、县(市、区)政府和省地震局负责落实。\n2.加强宣传。\n省地震局负责落实。\n")
    assert [(seq, name, collective) for seq, _, name, collective in found] == [
        (1, "各省辖市、县(市、区)政府", True), (1, "省地震局", False), (2, "省地震局", False),
    ]


def test_a_figure_column_beside_a_name_column_is_the_target():
    """考核指标 | 目标任务 (186, ≥2%, 低于4.1): the figures are targets, the name the task."""
    from pipeline.stages.table_columns import cell_kind

    assert cell_kind("分值") == "note" and cell_kind("权重") == "note"
    text = "序号 | 考核指标 | 目标任务 | 责任单位\n1 | 全社会固定资产投资额 | 186 | 区发改局\n2 | 城镇登记失业率 | 低于4.1% | 区人社局\n"
    assert titles(text) == [("1", "全社会固定资产投资额"), ("2", "城镇登记失业率")]


def test_rows_numbered_in_a_column_the_header_does_not_name():
    """工作任务 | 具体要求 | 责任科室 | 完成时限 over headings (一、 （一）) and rows opened by a
    bare number (1102/1103 淮南): the number opens the row, the headings head the rows, a
    number skipped (4, 6) still opens its row; cell a line, with or without "|"."""
    plain = [
        "工作任务", "具体要求", "责任科室", "完成时限",
        "一、抓好主动公开", "(一)聚焦中心工作",
        "1", "公开产业体系建设的政策举措和进展成效。", "办公室", "持续推进",
        "2", "深化民生领域信息公开,回应群众关切。", "社会救助科、相关业务科室", "6月底前",
        "(二)聚焦公众参与",
        "4", "重大政策文件应通过听证座谈等方式扩大公众参与。", "法规科", "持续推进",
    ]
    for text in ("\n".join(plain) + "\n", "\n".join(f"{c} |" for c in plain) + "\n"):
        assert titles(text) == [
            ("1", "公开产业体系建设的政策举措和进展成效"),
            ("2", "深化民生领域信息公开,回应群众关切"),
            ("4", "重大政策文件应通过听证座谈等方式扩大公众参与"),
        ]
        assert [(seq, name, c) for seq, _, name, c in roles(text)] == [
            (1, "办公室", False), (2, "社会救助科", False), (2, "相关业务科室", True),
            (3, "法规科", False),
        ]


def test_lines_under_a_heading_each_closing_with_their_units_are_tasks():
    """"一、考核指标设置情况" over lines "指标:增长8%(…),责任单位为区经信局;" (1113): the
    heading names no unit, each line names its own after its text (a label joined by 为)."""
    text = (
        "一、考核指标设置情况\n"
        "规模以上工业增加值:增长8%(依据区人代会目标设置),责任单位为区经信局;\n"
        "高新技术企业数:新增10家以上,责任单位为区科技局;\n"
        "服务业增加值:增长8%(牵头单位:区发改委)\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "区经信局"), (2, "responsible", "区科技局"), (3, "lead", "区发改委"),
    ]
    # a heading line naming the units assigns its lines together: no split
    together = "一、考核指标(责任单位:区发改委)\n增长8%,责任单位为区经信局;\n新增10家,责任单位为区科技局;\n"
    assert len(titles(together)) == 1


def test_a_progress_table_numbered_as_an_excerpt_with_cells_left_out():
    """Rows keeping the county list's numbers (6, 52, 53), an empty last cell the copy left
    out, a stray figure line and units one a line (1151 怀远): rows by aligning the lines
    to the columns, each opened by its number."""
    lines = [
        "序号", "目标任务", "牵头责任单位", "计划完成时间", "目前完成情况", "是否达到序时进度",
        "6", "农村常住居民人均可支配收入与经济增长同步。", "经管站", "2023年底", "三季度增幅7.4%",
        "52", "建成高标准农田8.3万亩。", "农田建设管理股", "2023年底", "正在施工中,整体进度70%。",
        "53", "加强农产品品牌建设,完成认证10个。", "农业股", "乡村产业发展股", "2023年底",
        "完成认证10个。",
        "54", "持续开展农资打假专项治理行动。", "农业执法大队", "2023年底", "查处违法行为31起。",
    ]
    text = "\n".join(lines) + "\n"
    assert [n for n, _ in titles(text)] == ["6", "52", "53", "54"]
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "经管站"), (2, "lead", "农田建设管理股"), (3, "lead", "农业股"),
        (3, "lead", "乡村产业发展股"), (4, "lead", "农业执法大队"),
    ]


def test_a_run_together_table_from_a_continued_page():
    """"序号工作任务责任单位21树立…。X、Y牵头;Z配合;各州(市)党委和政府落实22根据…" (1131 云南,
    an e-paper page continued from the one before): rows start at 21, each ending on the
    verb after its units."""
    text = (
        "重点任务分工清单\n(上接第三版)\n序号工作任务责任单位21树立婚育新风。构建新型婚育文化。"
        "省委宣传部、省妇联牵头;省总工会配合;各州(市)党委和政府落实22实行特别扶助制度动态调整机制。"
        "省财政厅牵头;省卫生健康委配合;各州(市)党委和政府落实23依申请给予医疗救助。"
        "省医保局牵头;省民政厅配合;各州(市)党委和政府落实\n"
    )
    assert [n for n, _ in titles(text)] == ["21", "22", "23"]
    assert [(seq, role, name) for seq, role, name, c in roles(text) if not c] == [
        (1, "lead", "省委宣传部"), (1, "lead", "省妇联"), (1, "participant", "省总工会"),
        (2, "lead", "省财政厅"), (2, "participant", "省卫生健康委"),
        (3, "lead", "省医保局"), (3, "participant", "省民政厅"),
    ]


def test_a_unit_named_after_its_part_and_a_standing_work_group():
    """"整改措施:由包片单位县文广局督促…" (1152 平利): the words naming the unit's part are
    no part of its name; a joint work group (…联合执法工作组) is a unit."""
    text = (
        "1、河滨南路有住户在行道树晾晒衣物。\n整改措施:由包片单位县文广局督促住户移走。\n"
        "2、人行道多处水果摊贩流动经营。\n整改措施:由市容环境综合整治联合执法工作组负责整治。\n"
    )
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "县文广局"), (2, "市容环境综合整治联合执法工作组"),
    ]


def test_a_pipe_table_with_its_header_wrapped_and_rows_of_one_cell():
    """"工作任务 | 具体要求" over "| 责任单位 |" (1181 台山): one header; a category printed on
    its group's first row only; a row of one numbered cell ("8.…。 |") takes the units of
    the row above (a spanning cell)."""
    text = (
        "工作任务 | 具体要求\n| 责任单位 |\n"
        "一、做好财政信息公开。 | 7.推进部门预算、决算公开。 | 市财政局牵头,市直各部门落实 |\n"
        "8.深化地方政府债务信息公开。 |\n"
        "9.加大惠民惠农资金发放信息公开力度。 | 市民政局、市农业农村局 |\n"
    )
    assert titles(text) == [
        ("7", "推进部门预算、决算公开"), ("8", "深化地方政府债务信息公开"),
        ("9", "加大惠民惠农资金发放信息公开力度"),
    ]
    named = [(seq, role, name) for seq, role, name, c in roles(text) if not c]
    assert named == [
        (1, "lead", "市财政局"), (2, "lead", "市财政局"),
        (3, "responsible", "市民政局"), (3, "responsible", "市农业农村局"),
    ]


def test_a_number_printed_twice_keeps_both_items():
    """"3、…\\n3、…" (1171 通山): the second 3 is a slip, its item a task of its own; a
    closing paragraph run on after the last task's bracket does not undo the reading."""
    text = (
        "一、主次干道\n1、沿河路-拦杆破损\n(责任单位:住建局)\n2、沿河路-乱搭乱建\n(责任单位:城市管理执法局)\n"
        "3、通羊大道-线缆垮塌\n(责任单位:视讯公司)\n3、九宫大道-路面坑洼\n(责任单位:住建局)\n"
        "二、公交车\n1、公交车-未设置公益广告(责任单位:交通运输局)各单位要迅速整改。\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2", "3", "3", "1"]
    assert [name for _, _, name, _ in roles(text)] == [
        "住建局", "城市管理执法局", "视讯公司", "住建局", "交通运输局",
    ]


def test_assignments_in_one_sentence_start_at_the_clause_naming_a_role():
    """"…环境整治由王光玲牵头,九重镇落实;…" (1172 淅川): people lead, units carry out; each
    task starts at its part's first clause naming a role, not at the unit's clause."""
    text = (
        "会议决定:九重区域环境整治由王光玲牵头,九重镇落实;香花区域环境整治由王培理牵头,香花镇落实;"
        "干渠绿化由顾理牵头,林业局落实。\n"
    )
    assert [t for _, t in titles(text)] == [
        "九重区域环境整治由王光玲牵头,九重镇落实;", "香花区域环境整治由王培理牵头,香花镇落实;",
        "干渠绿化由顾理牵头,林业局落实",
    ]


def test_bulleted_items_with_who_answers_and_who_oversees():
    """"● …。\\n(主体责任:X,监督责任:Y)" (1233 咸宁): a bullet opens an item; 主体责任 names who
    answers for it, 监督责任 who oversees it (a participant)."""
    text = (
        "● 白茶市场存在空闲摊位乱堆乱放。\n(主体责任:白茶村委会,监督责任:市工商局)\n"
        "● 明珠广场烧烤街地面油垢较厚。\n(主体责任:咸安区永安办事处,监督责任:咸安区食药监局)\n"
    )
    assert [t for _, t in titles(text)] == ["白茶市场存在空闲摊位乱堆乱放", "明珠广场烧烤街地面油垢较厚"]
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "白茶村委会"), (1, "participant", "市工商局"),
        (2, "responsible", "咸安区永安办事处"), (2, "participant", "咸安区食药监局"),
    ]


def test_a_numbered_table_a_cell_a_line_with_a_category_and_units_one_a_line():
    """序号 | 事项分类 | 事项名称 | 项目内容 | 牵头单位 | 协同单位 (1212 金东): a category printed on
    its group's first row only, units one a line; the first unit leads, the others take part."""
    lines = [
        "序号", "事项分类", "事项名称", "项目内容", "牵头单位", "协同单位",
        "1", "打造区域教育高地", "新建一批中小学校", "实施新建中小学校5家。", "区教体局", "东孝街道",
        "区发改局", "区资规分局",
        "2", "中小学校清廉阳光厨房建设", "对28所中小学校食堂安装数字化验收平台。", "区教体局", "/",
        "3", "医心为民工程", "新建村卫生室", "新建村卫生室80家。", "区卫健局", "各乡镇(街道)",
    ]
    text = "\n".join(lines) + "\n"
    assert [t for _, t in titles(text)] == [
        "新建一批中小学校", "中小学校清廉阳光厨房建设", "新建村卫生室",
    ]
    assert [(seq, role, name) for seq, role, name, c in roles(text) if not c] == [
        (1, "lead", "区教体局"), (1, "participant", "东孝街道"), (1, "participant", "区发改局"),
        (1, "participant", "区资规分局"), (2, "lead", "区教体局"), (3, "lead", "区卫健局"),
    ]


def test_a_task_division_column_and_a_category_printed_once():
    """工作要点 | 具体要求 | 任务分工 (1273 山东教育厅): 任务分工 names each row's units, 工作要点
    is a category printed once for its rows; a row's text opening with a verb before 省委
    (聚焦省委、省政府重点工作) names no unit."""
    from pipeline.stages.table_columns import cell_kind

    assert [cell_kind(c) for c in ("工作要点", "任务分工", "指标任务", "下步计划")] == [
        "task", "responsible", "task", "note",
    ]
    lines = [
        "工作要点", "具体要求", "任务分工",
        "教育高质量发展", "聚焦省委、省政府重点工作任务,强化改革举措的公开和解读。", "办公室,各处室",
        "教育民生", "做好高校毕业生就业创业补贴等信息公开。", "学生处,各高等学校",
        "推进义务教育学校加大入学政策宣传、解读力度。", "基教处,各市教育局",
    ]
    text = "\n".join(lines) + "\n"
    assert [t for _, t in titles(text)] == [
        "聚焦省委、省政府重点工作任务,强化改革举措的公开和解读",
        "做好高校毕业生就业创业补贴等信息公开", "推进义务教育学校加大入学政策宣传、解读力度",
    ]
    assert [(seq, name) for seq, _, name, c in roles(text) if not c] == [
        (1, "办公室"), (2, "学生处"), (3, "基教处"),
    ]


def test_a_ministry_s_departments_and_parts_of_the_work_each_led():
    """"〔规章由政策法规司牵头、规范性文件由制发司牵头,信息中心配合〕" (1271 民政部): a
    ministry's 司 are units; the words naming a part of the work before 由 are no name;
    数据提供单位 take part (1261 成都)."""
    text = (
        "1.规范部门规章公开工作。〔规章由政策法规司牵头、规范性文件由办公厅牵头,信息中心配合〕\n"
        "2.地区生产总值增长6.5%左右。(牵头单位:市发改委;数据提供单位:市统计局)\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "政策法规司"), (1, "lead", "办公厅"), (1, "participant", "信息中心"),
        (2, "lead", "市发改委"), (2, "participant", "市统计局"),
    ]


def test_units_closed_by_a_role_verb_and_a_quarter_s_target_column():
    """A unit cell "市发改委牵头落实" / "X、Y、Z分别牵头落实" (1201 潍坊): the units lead; a
    column of what a quarter should reach (一季度目标, 1191 柯桥) is a note beside 工作任务."""
    from pipeline.stages.table_columns import cell_kind

    assert [cell_kind(c) for c in ("一季度目标", "上半年目标", "年度目标")] == ["note", "note", "task"]
    text = (
        "序号 | 工作任务 | 责任单位 | 一季度目标\n"
        "1 | 加强财政政策信息公开 | 市财政局牵头落实 | 互派人员到位,集体备课,集中教研,专家入校指导 |\n"
        "2 | 加强金融政策信息公开 | 市金融办、潍坊银监分局分别牵头落实 | 公布政策 |\n"
    )
    assert [t for _, t in titles(text)] == ["加强财政政策信息公开", "加强金融政策信息公开"]
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "市财政局"), (2, "lead", "市金融办"), (2, "lead", "潍坊银监分局"),
    ]
