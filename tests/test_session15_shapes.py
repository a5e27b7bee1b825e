"""Issue 16: shapes met in the fifteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text


def _rows(text: str) -> list[tuple[str | None, str, list[str]]]:
    extraction = process_text(text).extraction
    doc = extraction.segmentation.document.text
    return [
        (
            t.number,
            doc[t.title_start : t.title_end],
            [a.mention for a in extraction.agencies if a.task_seq == t.seq and not a.collective],
        )
        for t in extraction.segmentation.tasks
    ]


# A scoring table copied one cell a paragraph: a cell of numbered items, then the unit cell
# of its row after them; the next row's heading cells and items; its unit cell ends the page.
_UNITS_AFTER_ITEMS = "\n\n".join([
    "考评项目", "具体内容", "责任科室",
    "强化组织领导",
    "1.传达学习有关重要会议精神,专题研究部署,2分。",
    "2.细化责任分工并督办落实,2分。",
    "机关纪委",
    "一、突出政治引领(25分)",
    "1.持续深化理论武装(8分)",
    "1.把理论学习作为干部教育培训的重要内容,2分。",
    "2.建立重要指示批示精神任务清单,2分。",
    "3.定期专题研究意识形态工作,2分。",
    "机关党委",
])


def test_a_line_of_units_after_a_cell_of_items_owns_them_when_the_list_ends_on_one():
    assert _rows(_UNITS_AFTER_ITEMS) == [
        ("1", "传达学习有关重要会议精神,专题研究部署,2分", ["机关纪委"]),
        ("2", "细化责任分工并督办落实,2分", ["机关纪委"]),
        ("1", "把理论学习作为干部教育培训的重要内容,2分", ["机关党委"]),
        ("2", "建立重要指示批示精神任务清单,2分", ["机关党委"]),
        ("3", "定期专题研究意识形态工作,2分", ["机关党委"]),
    ]


def test_a_line_of_units_restarting_the_list_heads_it_when_the_list_goes_on_after_the_last():
    """The other side: the last item ends on no unit, so each unit line heads the items after
    it ("八、… then 市卫生局 then 一、…")."""
    text = "\n".join([
        "一、推进学前教育普及。",
        "二、改善办学条件。",
        "市卫生健康委",
        "一、建设紧密型医共体。",
        "二、提升基层服务能力。",
    ])
    assert [r[2] for r in _rows(text)] == [[], [], ["市卫生健康委"], ["市卫生健康委"]]


def test_a_unit_then_a_copula_and_a_role_noun_gives_the_unit_that_role():
    """"X是…的牵头部门", "X为本项工作牵头单位": the role word stands after a copula."""
    text = "\n".join([
        "1.推进地名标准化工作。民政部门是实施地名公共服务工程的牵头部门，负责信息采集。",
        "2.建设信息平台。市发改委为牵头单位，市财政局配合。",
        "3.推进标志设置。市住建局为本项工作牵头单位。",
        "4.做好经费保障。市财政局为配合单位。",
        "5.推进改革。牵头单位为市商务局。",
    ])
    extraction = process_text(text).extraction
    assert [(a.task_seq, a.mention, a.role) for a in extraction.agencies] == [
        (1, "民政部门", "lead"),
        (2, "市发改委", "lead"),
        (2, "市财政局", "participant"),
        (3, "市住建局", "lead"),
        (4, "市财政局", "participant"),
        (5, "市商务局", "lead"),
    ]


def test_a_numbered_line_opened_by_a_department_of_a_field_and_a_colon_is_its_duty():
    text = "\n".join([
        "6、公安部门:协助做好疫点疫区封锁工作。",
        "7、林业部门:负责野生动物疫病的监测。",
        "8、交通部门:监管运输单位承运动物及其产品。",
    ])
    assert [r[2] for r in _rows(text)] == [["公安部门"], ["林业部门"], ["交通部门"]]


def test_comma_clauses_each_opened_by_units_and_their_verb_are_tasks_of_their_own():
    """News prose: one sentence divides the work clause by clause; 各自辖区 is no body."""
    text = (
        "近日，市环保局起草了整治方案。其中，磨盘山水源地由五常市政府、山河屯林业局分别牵头"
        "负责整治各自辖区内的环境问题，市环保局、市水务局配合。四方台水源地，由道里区政府负责"
        "整治水源保护区环境问题，松北区政府负责整治江北部分环境问题，市住建委、市城管局负责"
        "整治交通穿越问题。"
    )
    assert [(r[1], r[2]) for r in _rows(text)][-4:] == [
        ("磨盘山水源地由五常市政府、山河屯林业局分别牵头负责整治各自辖区内的环境问题，"
         "市环保局、市水务局配合", ["五常市政府", "山河屯林业局", "市环保局", "市水务局"]),
        ("由道里区政府负责整治水源保护区环境问题", ["道里区政府"]),
        ("松北区政府负责整治江北部分环境问题", ["松北区政府"]),
        ("市住建委、市城管局负责整治交通穿越问题", ["市住建委", "市城管局"]),
    ]


def test_a_page_opening_inside_a_list_gives_its_first_paragraph_closed_by_a_label_line():
    """A law database's second page: the first item's number stood on the page before."""
    text = "\n".join([
        "节能减排综合性工作实施方案",
        "政府机关率先垂范。建设崇尚节约的机关文化。",
        "责任单位:市机关事务局、市教育局",
        "(四十二) 抓好政府机构办公设备和设施节能。分批完成空调系统改造。",
        "责任单位:市机关事务局、市建委",
    ])
    assert _rows(text) == [
        (None, "政府机关率先垂范", ["市机关事务局", "市教育局"]),
        ("(四十二)", "抓好政府机构办公设备和设施节能", ["市机关事务局", "市建委"]),
    ]


def test_a_preamble_without_a_label_line_before_the_first_item_is_no_task():
    text = "\n".join([
        "为推进节能减排工作，现将任务分解如下。",
        "一、抓好政府机构节能。分批完成空调系统改造。",
        "责任单位:市机关事务局",
        "二、推进绿色采购。扩大采购范围。",
        "责任单位:市财政局",
    ])
    assert [r[0] for r in _rows(text)] == ["一", "二"]


def test_duty_lines_labelled_by_a_field_department_are_read_whole_not_as_a_shorter_body():
    """宣传部门：… is the department of publicity, not 宣传部 then 门；a list of fields sharing
    部门 labels its line too."""
    text = "\n".join([
        "林业绿化部门:承担林改办公室的具体工作。",
        "民政、国土部门:组织、协调、指导县际行政区域界线的认定。",
        "宣传部门:广泛开展新闻宣传。",
        "信访部门:负责林改信访事项的指导。",
    ])
    rows = _rows(text)
    assert [r[1] for r in rows] == [
        "林业绿化部门:承担林改办公室的具体工作",
        "民政、国土部门:组织、协调、指导县际行政区域界线的认定",
        "宣传部门:广泛开展新闻宣传",
        "信访部门:负责林改信访事项的指导",
    ]
    assert rows[2][2] == ["宣传部门"]


def test_sentences_saying_what_a_units_duties_include_are_its_tasks():
    """News prose: "X的职责包括…" opens each unit's part; 的 elsewhere still refuses a subject."""
    text = "通知明确了各部门的工作职责。教育局的职责包括全面掌握学生上下学情况。县公安局的职责包括定期检验车辆。交通局的职责包括合理设置公交线路。"
    assert [r[2] for r in _rows(text)] == [["教育局"], ["县公安局"], ["交通局"]]


def test_one_sentence_whose_comma_clauses_each_open_on_units_doing_their_part():
    text = "其中，文旅部门重点排查公共娱乐场所，商务部门重点排查商场、宾馆，文物部门重点排查博物馆等场所。"
    assert [r[2] for r in _rows(text)] == [["文旅部门"], ["商务部门"], ["文物部门"]]


def test_a_unit_heading_naming_its_duties_and_tasks_owns_the_items_under_it():
    text = "\n".join([
        "(七)卫生部门职责、任务",
        "1.加强对学校食堂的监督管理。",
        "2.依法对食堂从业人员进行定期体检。",
        "(八)工商部门职责、任务",
        "1.加大对校园周边无照经营摊点的打击力度。",
    ])
    assert [r[2] for r in _rows(text)] == [["卫生部门"], ["卫生部门"], ["工商部门"]]


# A web page's table read into text: the category cells span their rows, so a row printing
# only its own cells is printed left-aligned and padded with empty cells at its end.
_PADDED_ROWS = "\n".join([
    "| 工作目标 | 工作内容 | 工作措施 | 责任单位 | 完成时限 |",
    "| 一、加大突出问题治理力度 | (一)强化源头治理 | 1.加强农用地土壤污染源头防控。 | 县生态环境分局 | 2025年11月底前 |",
    "| 2.持续开展农药科学施用增效行动。 | 县农业农村局 | 2025年11月底前 | ||",
    "| (二)严控农兽药残留超标 | 3.深入开展药物残留攻坚治理。 | 县农业农村局 | 2025年11月底前 | |",
])


def test_a_row_padded_at_its_end_is_read_from_the_right_and_its_detail_is_its_title():
    assert _rows(_PADDED_ROWS) == [
        ("1", "加强农用地土壤污染源头防控", ["县生态环境分局"]),
        ("2", "持续开展农药科学施用增效行动", ["县农业农村局"]),
        ("3", "深入开展药物残留攻坚治理", ["县农业农村局"]),
    ]


def test_a_row_without_its_label_cell_printing_its_own_units_is_a_task_of_its_own():
    """No number column: a row's label (工作要点) is printed for some rows only."""
    text = "\n".join([
        "| 工作要点 | 工作任务 | 牵头单位 | 参与单位 |",
        "| 打造产业旗舰。 | 全面实施“5115”工程,加大政策引导。 | 市发改委 | 市工商局 |",
        "| 巩固和发展公有制经济,加快完善服务体系。 | 市企业发展促进局 | 市工商联 | |",
    ])
    assert [r[2] for r in _rows(text)] == [["市发改委", "市工商局"], ["市企业发展促进局", "市工商联"]]


def test_a_header_copied_a_cell_a_line_may_hold_one_name_the_rules_lack():
    """健身项目 is no column the rules name; the five others are: it is read as a note."""
    text = "\n".join([
        "序号", "| 建设地址", "| 健身", "项目", "| 责任单位", "| 完成", "时间", "| 建设内容", "|",
        "1", "| 中心体育场", "| 篮球场", "| 嘉发集团", "| 2009年", "| 对现有篮球场实施亮化工程", "|",
        "2", "| 体育公园", "| 篮球场", "| 嘉发集团", "| 2010年2月", "| 建设4个标准灯光篮球场", "|",
    ])
    assert _rows(text) == [
        ("1", "对现有篮球场实施亮化工程", ["嘉发集团"]),
        ("2", "建设4个标准灯光篮球场", ["嘉发集团"]),
    ]


def test_units_closed_by_by_their_functions_take_part_whatever_the_wording():
    """按职能分工负责, 按照职责分工负责, 按各自职责负责: one rule pattern."""
    text = "\n".join([
        "(一)实施全民健身活动品牌工程。打造品牌赛事。(省体育局、省文明办等部门按职能分工负责)",
        "(二)实施全民健身信息工程。建设全民健身网站。(省体育局、省通信管理局按照职责分工负责)",
        "(三)加大财政投入。(省财政厅、省体育局按各自职责负责)",
    ])
    assert [r[2] for r in _rows(text)] == [
        ["省体育局", "省文明办"], ["省体育局", "省通信管理局"], ["省财政厅", "省体育局"],
    ]


def test_figures_run_together_in_a_table_are_a_warning():
    text = "\n".join([
        "单位名称 签约项目总投资(亿元) 实际利用外资(万美元) 实际到位内资(亿元)",
        "小店区 150250080.081.6",
        "迎泽区 150210059.060.4",
        "尖草坪区 170230057.458.9",
        "高新区 220300080.0 81.9",
    ])
    assert any("3 runs of figures with nothing between them (小店区150250080.081.6)" in w
               for w in process_text(text).warnings)


def test_a_dotted_date_is_no_run_of_figures():
    text = "\n".join(["1.新建绿地。2006.11.30", "2.改造游园。2006.10.1", "3.建设广场。2006.12.31"])
    assert not any("run together" in w for w in process_text(text).warnings)


def test_a_body_of_every_level_a_bracket_names_is_collective():
    text = "\n".join([
        "(二)消毒灭源。镇(乡)人民政府负责本辖区内的消毒灭源工作。",
        "(三)疫情监测。市动物疾病预防控制中心全面负责城区疫情监测,镇(乡)畜牧兽医技术服务中心协助做好样品采集。",
    ])
    extraction = process_text(text).extraction
    assert [(a.mention, a.collective) for a in extraction.agencies] == [
        ("镇(乡)人民政府", True),
        ("市动物疾病预防控制中心", False),
        ("镇(乡)畜牧兽医技术服务中心", True),
    ]


def test_duty_lines_of_a_body_every_level_shares_are_read_from_the_levels_last_body():
    """"市、县区财政部门负责…": the line is a unit's duty line; its printed name is the last
    level's (县区财政部门)."""
    text = "\n".join([
        "市、县发改委负责本辖区廉租住房建设的立项审批工作。",
        "市、县国土资源管理部门负责廉租住房建设用地的审核工作。",
        "市、县区财政部门负责廉租住房资金筹措和监管工作。",
        "第六条 保障对象的基本条件为:",
    ])
    assert [r[2] for r in _rows(text)][:3] == [["县发改委"], ["县国土资源管理部门"], ["县区财政部门"]]


def test_under_a_heading_a_paragraph_of_sentences_each_led_by_a_unit_gives_a_task_each():
    text = "\n".join([
        "二、扎实认真做好旅游环境保障",
        "各相关部门要各司其职,确保节日期间各项工作顺利开展。文旅局要规范旅游经营单位经营行为。"
        "市场监管局要加强景区的市场管理。交警大队要加强交通疏导。公安局要抓好治安管理。",
        "三、加强值班值守",
        "各单位要严格执行值班制度。",
    ])
    assert [r[2] for r in _rows(text)] == [["文旅局"], ["市场监管局"], ["交警大队"], ["公安局"],
                                           []]


def test_a_unit_named_then_its_duties_word_and_a_colon_opens_its_item():
    text = "\n".join([
        "(九)工商部门职责:依法确认市场主体经营资格。",
        "(十)城管部门职责:负责对乱停乱放车辆管理。",
        "(十一)质监部门的主要职责:负责出租汽车计价器调校。",
    ])
    assert [r[2] for r in _rows(text)] == [["工商部门"], ["城管部门"], ["质监部门"]]


def test_an_article_heading_naming_a_unit_and_its_duties_gives_that_unit_its_items():
    """第十二條 (traditional 條): the numbering cut off the heading is any style of
    rules/segment.yaml; 监察机关 is an organ named by its function; 行政机关 is none named."""
    text = "\n".join([
        "第十二條 監察機關職責",
        "(一)負責對行政監察對象實施監察;",
        "(二)督促有關職能部門開展交通事故施救工作;",
        "第十三條 財政部門職責",
        "負責籌措道路交通安全工作經費。",
        "第十四條 行政機關職責",
        "(一)依法履行監督管理職責;",
    ])
    extraction = process_text(text).extraction
    rows = [(a.task_seq, a.mention, a.collective) for a in extraction.agencies]
    assert rows[:3] == [(1, "監察機關", False), (2, "監察機關", False), (3, "財政部門", False)]
    assert all(collective for _, mention, collective in rows if mention == "行政機關")


def test_a_verb_opening_words_that_end_on_a_suffix_makes_no_unit_before_a_trailing_verb():
    """"明确农牧区公安派出所参与…": the words after 明确 are the work, so the item's subject
    (公安部门要…) names its unit."""
    text = "\n".join([
        "34、公安部门要创新农牧区交通管理警务机制,明确农牧区公安派出所参与道路交通安全工作的职责。",
        "35、交通部门要大力发展农牧区客运交通。",
    ])
    assert [r[2] for r in _rows(text)] == [["公安部门"], ["交通部门"]]


def test_a_longer_suffix_holds_a_verb_that_ends_no_name():
    """开办 is a verb, yet 政务公开办 is an office (its suffix 公开办 holds the verb)."""
    text = "\n".join([
        "一、做好市长信箱办理工作。",
        "牵头单位:市政府效能办(市政务公开办)。",
        "二、做好政府信息公开工作。",
        "牵头单位:市政务公开办、市法制办。",
    ])
    assert [r[2] for r in _rows(text)] == [["市政府效能办(市政务公开办)"], ["市政务公开办", "市法制办"]]


def test_a_unit_line_then_its_remit_heads_the_restarted_list():
    """"市劳动和社会保障局" (one name holding 和), then "负责…工作。", then (一)(二)…"""
    text = "\n".join([
        "(三)对于在建的政府投资项目,建设资金必须按工程进度及时到位。",
        "市劳动和社会保障局",
        "负责农民工工资的清欠和防欠工作。",
        "(一)制定实施企业欠薪报告预警机制。",
        "(二)建立企业劳动保障诚信制度。",
        "市建设局",
        "(一)在工地设立农民工维权公告牌制度。",
    ])
    assert [r[2] for r in _rows(text)] == [[], ["市劳动和社会保障局"], ["市劳动和社会保障局"],
                                           ["市建设局"]]


def test_a_unit_whose_own_words_say_it_leads_is_the_lead():
    """"市民政局：负责牵头处理…", "综合执法局要继续牵头做好…": no role label, a lead all the same."""
    text = "\n".join([
        "(3)市财政局:负责保障应急工作所需的工作经费。",
        "(4)市民政局:负责牵头处理突发事件中死亡人员的遗体处理事宜。",
        "(5)市卫生局:负责组织应急医疗卫生救援。",
    ])
    extraction = process_text(text).extraction
    assert [(a.mention, a.role) for a in extraction.agencies] == [
        ("市财政局", "responsible"), ("市民政局", "lead"), ("市卫生局", "responsible"),
    ]


def test_items_of_what_a_heading_defines_naming_no_unit_are_no_tasks():
    text = "\n".join([
        "二、联席会议协调对象",
        "(一)列入市重点工程年度计划项目;",
        "(二)其它需要协调的重大项目。",
        "三、联席会议成员单位职责",
        "(一)市府办:负责组织召集联席会议。",
        "(二)市财政局:负责财政性资金安排的审查。",
    ])
    assert [r[2] for r in _rows(text)] == [["市府办"], ["市财政局"]]


def test_units_named_for_several_levels_at_once_are_a_warning():
    text = "\n".join([
        "市、县发改委负责本辖区廉租住房建设的立项审批工作。",
        "市、县区财政部门负责廉租住房资金筹措和监管工作。",
        "市、县区民政部门负责保障对象的审查工作。",
    ])
    warnings = process_text(text).warnings
    assert any("3 units named for several levels at once (市、县发改委)" in w for w in warnings)


def test_a_list_of_places_is_no_unit_named_for_several_levels():
    text = "1.推进老旧小区改造。(责任单位:天心区、岳麓区、开福区)\n2.推进棚户区改造。(责任单位:雨花区、望城区)"
    assert not any("several levels" in w for w in process_text(text).warnings)


def test_paragraphs_each_closed_by_a_role_label_are_tasks_and_a_photo_caption_numbers_them():
    text = "\n".join([
        "近日,县文明城市创建指挥部督查组深入全县部分创建点位进行专项督查。",
        "图①:九龙大道两侧公交车站台没有创建公益广告。责任单位:县交通局。",
        "图②:湖中路建筑工地围墙广告画面破损。责任单位:县住建局。",
        "图③:东方广场内流动摊点占道经营。责任单位:县城管局。",
    ])
    assert _rows(text) == [
        ("①", "九龙大道两侧公交车站台没有创建公益广告", ["县交通局"]),
        ("②", "湖中路建筑工地围墙广告画面破损", ["县住建局"]),
        ("③", "东方广场内流动摊点占道经营", ["县城管局"]),
    ]


def test_a_line_of_units_closed_by_a_colon_before_the_first_item_heads_it():
    text = "\n".join([
        "市交通运输局:",
        "(1)狠抓重点项目建设。力争今年新增高速公路通车里程160公里以上。",
        "(2)提升运输服务水平。新投运公交车165辆。",
        "南溪区:",
        "(1)改善教育医疗条件。计划投资5.3亿元。",
    ])
    assert [r[2] for r in _rows(text)] == [["市交通运输局"], ["市交通运输局"], ["南溪区"]]


def test_a_units_heading_run_into_its_first_item_is_a_heading_wherever_it_stands():
    """A copy that lost every line break: "…职责分解一、县城区办事处(一)积极…。二、县建设局(一)…"."""
    text = (
        "xx县创建省级园林县城责任单位职责分解一、县城区办事处(一)积极做好辖区立体绿化。"
        "(二)积极开展全民义务植树活动。二、县建设局(一)加强绿化建设。(二)完善城市绿地系统规划。"
    )
    assert [(r[0], r[2]) for r in _rows(text)] == [
        ("(一)", ["县城区办事处"]), ("(二)", ["县城区办事处"]),
        ("(一)", ["县建设局"]), ("(二)", ["县建设局"]),
    ]


def test_a_unit_cell_holding_its_own_role_labels_is_read_by_them():
    text = "\n".join([
        "| 项 目", "| 内 容", "| 责任单位", "|",
        "1", "| 加强环境信访工作", "| 重点解决群众信访问题。", "| 责任单位:环保局配合单位:城管执法局、信访局", "|",
        "2", "| 加强环境安全", "| 全面清查取水口。", "| 责任单位:环保局;配合单位:水务局", "|",
    ])
    extraction = process_text(text).extraction
    assert [(a.task_seq, a.mention, a.role) for a in extraction.agencies] == [
        (1, "环保局", "responsible"), (1, "城管执法局", "participant"), (1, "信访局", "participant"),
        (2, "环保局", "responsible"), (2, "水务局", "participant"),
    ]


def test_a_unit_that_assists_opens_a_clause_of_its_own():
    text = "安监局负责烟花爆竹的日常监管;公安局负责烟花爆竹的运输安全;消防大队负责对仓库进行消防检查;城管局协助安监局设置固定零售摊点,维持销售秩序;工商局负责发放临时营业执照。"
    assert [r[2][:1] for r in _rows(text)] == [["安监局"], ["公安局"], ["消防大队"], ["城管局"], ["工商局"]]


def test_rows_each_closed_by_an_empty_cell_keep_their_empty_cells_in_their_columns():
    """A table copied a cell a line, each cell closed by "|", each row by one more: a row
    whose 配合部门 is empty keeps its deadline and its lead where they stand."""
    text = "\n".join([
        "工作目标任务", "|", "完成时间", "|", "牵头部门", "|", "配合部门", "|", "|",
        "收集基础数据资料统计。", "|", "9月底前", "|", "地震局", "|", "发改委", "|", "|",
        "新增监测手段和宏观观测点。", "|", "年内", "|", "地震局", "|", "|", "|",
        "出台地震监测设施保护暂行办法。", "|", "年内", "|", "法制办", "|", "地震局、规划局", "|", "|",
    ])
    extraction = process_text(text).extraction
    rows = [(a.task_seq, a.mention, a.role) for a in extraction.agencies]
    assert (2, "地震局", "lead") in rows and not any(seq == 2 and m == "年内" for seq, m, _ in rows)
    assert [(d.task_seq, d.raw) for d in extraction.deadlines][1] == (2, "年内")


def test_units_after_要求_are_the_subjects_of_their_work():
    """News of a meeting: "要求农牧部门…。要求卫生部门…。" each names the unit it asks."""
    text = "记者获悉,市政府进一步部署防控工作。要求农牧部门进一步加大免疫工作力度。要求卫生部门负责人间疫情的测报和防治。要求财政部门落实防治所需经费。"
    assert [r[2] for r in _rows(text)] == [["农牧部门"], ["卫生部门"], ["财政部门"]]


def test_paragraphs_each_saying_somewhere_who_does_their_work_are_tasks():
    text = "\n".join([
        "7月6日,市创城办督查组对我市部分道路及小区进行督查。",
        "督查发现,在建工地围挡广告有破损的现象,该项整治由市住建局负责。",
        "华声小区的责任单位是市人社局,该小区的垃圾桶无分类标识。",
        "京泰路上,车辆随意停放阻挡盲道,应由市交警支队负责整治。",
    ])
    assert [r[2] for r in _rows(text)] == [["市住建局"], ["市人社局"], ["市交警支队"]]


def test_an_item_run_together_on_one_line_divides_its_units_duties_after_full_stops():
    body = "统一领导和指导全镇防汛抗旱工作的组织、协调、监督、指导和救灾等日常工作。" * 14
    text = (
        "三、组织指挥体系及职责镇政府成立防汛抗旱指挥部," + body
        + "民政办:组织救灾捐赠;储备救灾物资。派出所:参与灾区紧急救援;维护灾区社会治安。"
        + "财政所:安排自然灾害救济支出预算。城建办:指导灾区基础设施的抢险和恢复。"
    )
    assert [r[2] for r in _rows(text)] == [["民政办"], ["派出所"], ["财政所"], ["城建办"]]


def test_a_header_run_together_in_a_notice_read_without_a_table_is_a_warning():
    text = "\n".join([
        "贵州省落实《保障农民工工资支付条例》工作任务清单",
        "责任内容具体任务及措施牵头单位责任单位工作要求",
        "1.市、县人民政府对本行政区域内保障农民工工资支付工作负责。",
        "2.乡镇人民政府负责本辖区拖欠农民工工资的排查、调处。",
    ])
    assert any("a table header run together (责任内容具体任务及措施牵头单位责任单位工作要求)" in w
               for w in process_text(text).warnings)


def test_a_place_column_printed_once_over_its_figures_carries_its_name_as_label():
    """Found by the fuzz test: a quota whose columns are places (海安县 | 如皋市 | …) gives each
    row its places as owners; each owner points into the header, so it carries its label."""
    places = ["海安县", "如皋市", "如东县", "海门市"]
    text = "\n\n".join([
        "2011年节水型社会建设目标任务分解表", "地  区", "单 位", *places,
        "单位地区生产总值用水量", "m3/万元", *["123"] * 4,
        "工业用水重复利用率", "%", *["66"] * 4,
        "人均生活综合用水量", "升/人日", *["240"] * 4,
    ])
    tasks = process_text(text).extraction.segmentation.tasks
    outside = [f for t in tasks for f in t.fields if f.start < t.start]
    assert tasks and outside and all(f.label in places for f in outside)


def test_fields_sharing_the_kind_of_their_last_name_carry_it_as_a_shared_suffix():
    """民政、国土部门 prints 民政 without its 部门: the row carries 部门 (schema 1.4), the
    resolver names 民政部门; a field list opening a clause is its subject too."""
    from pipeline import to_dataframes

    text = "\n".join([
        "1.做好边界争议调解工作。(责任单位:民政、国土部门)",
        "2.做好运输安全检查。(责任单位:县交通运输、安监、运管等部门)",
        "3.保障市场供应。商务、粮食、农业部门组织好生活必需品的市场供应。",
    ])
    result = process_text(text)
    rows = [(a.task_seq, a.mention, a.suffix) for a in result.extraction.agencies]
    assert rows == [
        (1, "民政", "部门"), (1, "国土部门", None),
        (2, "县交通运输", "部门"), (2, "安监", "部门"), (2, "运管", "部门"),
        (3, "商务", "部门"), (3, "粮食", "部门"), (3, "农业部门", None),
    ]
    assert [m.agency for m in result.mentions][:2] == ["民政部门", "国土部门"]
    frame = to_dataframes(result)["task_agencies"]
    assert frame["shared_suffix"].iloc[0] == "部门" and frame["shared_suffix"].isna().iloc[1]
