"""Issue 16: shapes met in the thirteenth session, each a mechanism tested on text written the
way such notices print it, not copied from them."""

from __future__ import annotations

from pipeline import process_text
from pipeline.stages.table_columns import cell_kind


def _rows(text: str) -> list[tuple[str | None, str, list[tuple[str, str]]]]:
    result = process_text(text)
    doc = result.extraction.segmentation.document.text
    return [
        (
            t.number,
            doc[t.title_start : t.title_end],
            [(a.mention, a.role) for a in result.extraction.agencies if a.task_seq == t.seq],
        )
        for t in result.extraction.segmentation.tasks
    ]


# Cells closed by "|", one a line; the header names no number column; a stray fragment
# ("属地党") stands between a group heading and the first row.
_STRAY = "\n".join([
    "2024年某镇森林防灭火重点任务清单 | ||||",
    "工作任务 |", "时限要求 |", "责任单位 | ||",
    "一、推动火灾防控责任落实 | ||||",
    "属地党 |",
    "1 |", "开展森林防火宣传月活动,落实行政首长负责制。 |", "3月底前 |", "林业发展岗 |",
    "2 |", "村民小组、林区农户层层签订森林防灭火责任书。 |", "4月底前 |", "林业发展岗 | |",
    "3 |", "在防火期每月至少专题研究1次森林防灭火工作。 |", "10月底前 |",
    "林业发展岗、应急管理岗 | |",
])


def test_a_stray_cell_before_the_first_row_number_is_no_category_column():
    """Every row prints its three cells after its number: the cell before the first number
    is read as a category printed before it only where that reading fits the cells better
    (a unit's name is no task, a task is no due date)."""
    assert _rows(_STRAY) == [
        ("1", "开展森林防火宣传月活动,落实行政首长负责制", [("林业发展岗", "responsible")]),
        ("2", "村民小组、林区农户层层签订森林防灭火责任书", [("林业发展岗", "responsible")]),
        ("3", "在防火期每月至少专题研究1次森林防灭火工作", [
            ("林业发展岗", "responsible"), ("应急管理岗", "responsible"),
        ]),
    ]


# A table copied one cell a line: 项目 printed once for a group, two leaders in a cell on
# two lines, two leads one a line then a list of participants, the text ending in the last
# row's cells.
_LEADERS = "\n\n".join([
    "序号", "项目", "重点工作", "牵头领导", "牵头单位", "主要参与单位",
    "一、在铸强发展引擎上大抓落实",
    "1", "厚植创新发展源动力", "建设科创大走廊核心区,推进超重力离心模拟与实验室装置建设。",
    "梅建胜", "顾国煜", "区科技局", "区发改局、区经信局",
    "2", "深挖浙江大学、北航创新研究院等名校名院资源,加快构建技术创新中心体系。",
    "顾国煜", "区科技局", "各平台、镇街",
    "3", "壮大科技创新主力军", "深化科技企业“双倍增”行动,新增国家高新技术企业500家。",
    "顾国煜", "区科技局", "各平台、镇街",
    "4", "实施“雄鹰计划”,新增“专精特新”企业35家、上市企业7家以上。",
    "姚文华", "顾斌", "区发改局", "区经信局", "区科技局、区财政局、区商务局",
])


def test_rows_under_a_category_printed_once_keep_task_leaders_and_units_apart():
    """主要参与单位 names the participants' column; a row one cell short leaves its category
    out (a sentence that opens with two names, 浙江大学、北航创新研究院, is task text, and a
    leader's name is no task); after a lead, a list of units goes on to the participants'
    column while single units one a line stay leads; the last row's cells run to the end."""
    rows = _rows(_LEADERS)
    assert [(n, title[:6]) for n, title, _ in rows] == [
        ("1", "建设科创大走"), ("2", "深挖浙江大学"), ("3", "深化科技企业"), ("4", "实施“雄鹰计"),
    ]
    assert rows[0][2] == [
        ("区科技局", "lead"), ("区发改局", "participant"), ("区经信局", "participant"),
    ]
    assert rows[1][2][0] == ("区科技局", "lead")
    assert rows[3][2] == [
        ("区发改局", "lead"), ("区经信局", "lead"), ("区科技局", "participant"),
        ("区财政局", "participant"), ("区商务局", "participant"),
    ]


def test_participant_columns_named_with_a_qualifier():
    names = ["主要参与单位", "主要配合单位", "参与部门", "主要参加单位", "协助部门"]
    assert {h: cell_kind(h) for h in names} == dict.fromkeys(names, "participant")
    assert cell_kind("主要责任单位") == "responsible"


def test_a_towns_offices_named_posts_are_units_but_verbs_in_gang_are_none():
    """A town's offices after its reform (林业发展岗) are units; 到岗, 上岗 end no name."""
    from pipeline.stages.agency_names import looks_like_agency

    assert looks_like_agency("林业发展岗") and looks_like_agency("应急管理岗")
    assert not any(looks_like_agency(w) for w in ("转业士官按时到岗", "持证上岗", "人员在岗"))


def test_duty_clauses_parted_by_colons_an_ocr_read_for_semicolons():
    """A scan's OCR reads many a ； as ：: in a run of duty clauses already parted by ；, a
    colon before the next subject parts them too; 分别负责 assigns as 负责 does."""
    text = (
        "四、主要任务\n（一）加强领导。市发改委对全市节能工作总负责。\n"
        "（二）明确分工，责任到人。市发改委负责提出全市节能规划：市经贸委负责全市工业节能："
        "市规划局、市建设局负责建筑节能；市交通局负责交通领域节能；"
        "市教育局、市卫生局分别负责教育、卫生系统节能：市旅游局负责旅游行业节能。\n"
    )
    titles = [title for _, title, _ in _rows(text)]
    assert titles[-6:] == [
        "市发改委负责提出全市节能规划", "市经贸委负责全市工业节能", "市规划局、市建设局负责建筑节能",
        "市交通局负责交通领域节能", "市教育局、市卫生局分别负责教育、卫生系统节能",
        "市旅游局负责旅游行业节能",
    ]


_DUTIES = "\n".join([
    "(八)县经济局主要工作任务:",
    "1、认真贯彻实施文件精神和要求,鼓励和引导淘汰落后产能。",
    "2、2010年底前全面完成两家企业机立窑生产线的淘汰工作。",
    "(九)县公安局主要工作任务:",
    "1、依法整治尾气排放年检不合格的机动车辆。",
    "2、依法整治运输车辆的扬尘污染。",
    "协助单位:交通局、县城管监察大队。",
    "(十)县农牧局主要工作任务:",
    "依据沼气工程实施方案,全面推广沼气应用。",
])


def test_headings_naming_a_units_duties_give_it_the_items_under_them():
    """"(九)县公安局主要工作任务:" names a unit and its duties: the items under it are its
    tasks (a closing 协助单位 line adds participants to each, no folding into one task; the
    units in the order the text names them), the paragraph under such a heading with no items
    is one; "2、2010年底前…" opens an item."""
    assert _rows(_DUTIES) == [
        ("1", "认真贯彻实施文件精神和要求,鼓励和引导淘汰落后产能", [("县经济局", "responsible")]),
        ("2", "2010年底前全面完成两家企业机立窑生产线的淘汰工作", [("县经济局", "responsible")]),
        ("1", "依法整治尾气排放年检不合格的机动车辆", [
            ("县公安局", "responsible"), ("交通局", "participant"), ("县城管监察大队", "participant"),
        ]),
        ("2", "依法整治运输车辆的扬尘污染", [
            ("县公安局", "responsible"), ("交通局", "participant"), ("县城管监察大队", "participant"),
        ]),
        (None, "依据沼气工程实施方案,全面推广沼气应用", [("县农牧局", "responsible")]),
    ]


def test_a_regulations_articles_are_tasks_of_the_units_that_open_them():
    """第十三条 … 第十五条 number a regulation's duties: each article a task, its subject the
    unit (no 第十三条 in the name)."""
    text = (
        "第十三条 省委宣传部负责大力宣传安全生产的方针、政策。\n"
        "第十四条 省编委办负责研究新形势下安全生产监管体制。\n"
        "第十五条 省法制办负责组织起草安全生产配套法规、规章草案。\n"
    )
    assert _rows(text) == [
        ("第十三条", "省委宣传部负责大力宣传安全生产的方针、政策", [("省委宣传部", "responsible")]),
        ("第十四条", "省编委办负责研究新形势下安全生产监管体制", [("省编委办", "responsible")]),
        ("第十五条", "省法制办负责组织起草安全生产配套法规、规章草案", [("省法制办", "responsible")]),
    ]


def test_an_item_titled_by_a_unit_alone_is_that_units():
    """"(二十一)市公安局。负责…": the title names the unit whose duties follow."""
    text = (
        "(二十一)市公安局。负责城乡户籍制度改革调研。\n"
        "(二十二)市教育局。负责城乡教育均衡发展调研。\n"
        "(二十三)市卫生局。负责城乡医疗卫生服务调研。\n"
    )
    assert [units for _, _, units in _rows(text)] == [
        [("市公安局", "responsible")], [("市教育局", "responsible")], [("市卫生局", "responsible")],
    ]


def test_departments_named_by_their_field_are_units_departments_by_their_part_are_not():
    """市财政部门, 公安部门 name one body each (gold 1582, 1624); 有关部门, 行业主管部门,
    市政府各部门 name kinds of bodies; a clause's subject may go on with 按…分别负责."""
    from pipeline.stages.agency_names import is_collective, looks_like_agency

    assert all(looks_like_agency(n) for n in ("市财政部门", "公安部门", "区疾控部门"))
    assert all(is_collective(n) for n in ("有关部门", "行业主管部门", "市政府各部门", "建设单位"))
    text = (
        "(二)市有关部门工作责任。\n按照职能分工,市劳动和社会保障部门负责制订年度工作目标;"
        "市财政部门负责市级补助资金的筹集;市农业局、市林业局按归口原则分别负责困难企业职工参保;"
        "市监察部门负责对补助资金使用情况的跟踪监管。\n"
    )
    owners = [units for _, _, units in _rows(text)]
    assert owners[-4:] == [
        [("市劳动和社会保障部门", "responsible")], [("市财政部门", "responsible")],
        [("市农业局", "responsible"), ("市林业局", "responsible")],
        [("市监察部门", "responsible")],
    ]


def test_a_place_quota_with_a_unit_column_gives_each_row_its_unit():
    """县(市、区) | 碳强度下降目标 | 节能目标 | 责任部门: each place's row is its task, the unit
    cell owns it, the figures are its targets."""
    text = (
        "附件\n各县(市、区)碳强度下降目标分解表\n"
        "县(市、区) | 碳强度下降目标 | 节能目标 | 责任部门 |\n"
        "通川区 | 19% | 17% | 通川区人民政府 |\n万源市 | 16% | 14% | 万源市人民政府 |\n"
        "达 县 | 18% | 16% | 达县人民政府 |\n"
    )
    result = process_text(text)
    assert _rows(text) == [
        (None, "通川区", [("通川区人民政府", "responsible")]),
        (None, "万源市", [("万源市人民政府", "responsible")]),
        (None, "达县", [("达县人民政府", "responsible")]),
    ]
    assert [t.raw for t in result.extraction.targets][:2] == ["19%", "17%"]


def test_a_unit_joined_as_a_partner_in_a_unit_cell_takes_part():
    """"各辖市(区)公路管理部门,联合公安交管部门" in a unit cell: 联合 is no part of the name,
    and the unit it joins takes part."""
    text = (
        "序号 | 工作任务 | 牵头单位 | 责任单位 |\n"
        "1 | 开展普通国省道平面交叉口交通环境专项整治行动。 | 市公路处 | 各辖市(区)公路管理部门,联合公安交管部门 |\n"
        "2 | 加强农村公路危桥改造。 | 市公路处 | 各辖市(区)公路管理部门 |\n"
    )
    assert ("公安交管部门", "participant") in _rows(text)[0][2]


def test_a_label_naming_the_text_after_it_is_no_title():
    """"(一)任务要求。2007年所有…": the title is the text after the label; under a heading line
    "二、开展…工作" the label line below it is no part of the title."""
    text = (
        "一、开展机动车环保定期检测工作\n"
        "(一)任务要求。2007年所有进行年检的车辆实施尾气排放检测,并进入档案。\n"
        "牵头单位:县公安局;责任单位:县环保局、县交通局。\n"
        "(二)任务要求。县政府负责落实检测专项经费,检测率要大于80%。\n"
        "牵头单位:县人民政府;责任单位:县公安局。\n"
        "二、开展“绿色饭店”创建工作\n"
        "任务要求。全县三星级以上的宾馆全面开展“绿色饭店”创建工作。\n"
        "牵头单位:县旅游局;责任单位:县环保局、县林业局。\n"
    )
    assert [(n, t) for n, t, _ in _rows(text)] == [
        ("(一)", "2007年所有进行年检的车辆实施尾气排放检测,并进入档案"),
        ("(二)", "县政府负责落实检测专项经费,检测率要大于80%"),
        ("二", "开展“绿色饭店”创建工作"),
    ]


def test_an_excerpts_numbering_runs_on_after_a_heading_run_into_its_first_item():
    """A PDF copy runs the heading into its first item and each item into the next after its
    closing bracket ("(五)…行动 22.出台…(牵头单位:X;协办单位:Y) 23.编制…"): the items keep
    the numbers of the list the excerpt is cut from."""
    text = (
        "(五)加快推进海绵城市建设行动 22.出台《海绵城市试点详细规划》.2017 年5月底前,"
        "编制完成规划. (牵头单位:市规划国土委宝安管理局;协办单位:区发改局、区住建局) "
        "23.编制年度海绵城市建设计划.每年3月底前,制定年度建设计划. (牵头单位:区环保水务局;"
        "协办单位:区发改局、区城管局) 24.加强海绵城市建设项目审批和技术把关.对列入年度建设计划"
        "的项目严格把关. (牵头单位:区环保水务局;协办单位:区住建局)\n"
    )
    rows = _rows(text)
    assert [n for n, _, _ in rows] == ["22", "23", "24"]
    assert [u for u in rows[1][2] if u[1] == "lead"] == [("区环保水务局", "lead")]


_BOX = "\n".join([
    "┌─┬──┬─────┬──────┬──────────┬─────┬─────┐",
    "│技│序号│ 项目 │ 考核内容 │ 考核评分标准 │ 责任单位 │ 配合单位 │",
    "│ ├──┼─────┼──────┼──────────┼─────┼─────┤",
    "│术│ 9 │工业用水重复利用率│ ≥75% │查看最近两年资料,每低5%扣1分。│ 市经委 │ 市城管局 │",
    "│考├──┼─────┼──────┼──────────┼─────┼─────┤",
    "│ │ 10 │节水型企业覆盖率│ ≥15% │查看上一年资料,达到15%得3分。│ 市经委 │ 市教育局 │",
    "│核├──┼─────┼──────┼──────────┼─────┼─────┤",
    "│ │ 11 │城市供水管网漏损率│低于国家标准的指标│查看最近两年资料,达到标准得6分。│ 市城管局 │鄞州区政府│",
    "└─┴──┴─────┴──────┴──────────┴─────┴─────┘",
])


def test_a_box_tables_rules_carry_a_spanning_cells_characters():
    """A category printed a character a line down the first column (技/术/考/核) stands on the
    rule lines too ("│考├──┼"): they are still rules; a task cell holding a figure only
    (考核内容 "≥75%") leaves the row's title to its name (项目)."""
    assert [(n, t) for n, t, _ in _rows(_BOX)] == [
        ("9", "工业用水重复利用率"), ("10", "节水型企业覆盖率"), ("11", "城市供水管网漏损率"),
    ]


def test_two_names_printed_together_in_a_cell_are_read_apart():
    """"城关街道办事处县域工业集中区": the longest reading is no name; the first name ends
    where the rest reads as one ("设在市发改委" is no place and a unit)."""
    from pipeline.stages.unit_lists import _names_in_piece

    run = "城关街道办事处县域工业集中区"
    assert [run[s:e] for s, e in _names_in_piece(run, 0, len(run))] == ["城关街道办事处", "县域工业集中区"]


def test_bracketed_items_in_a_text_run_onto_one_line_need_no_space_before_them():
    """A copy that ran a whole notice onto one line, a bracketed numeral right after the last
    unit of the item before ("…责任部门:建工科、安全站(二)小街巷…"): each opens its item."""
    head = "局机关各科室、各企事业单位:为做好市创建全国文明城市工作,现制定工作实施方案。" * 10
    text = (
        head + "实施专项整治工作(一)建筑施工场地专项整治:要求施工企业文明施工。牵头领导:阮斌副局长"
        "责任部门:安全站、质监站(二)小街巷专项整治:对路面坑洼开展专项整治。牵头领导:王元灿副局长"
        "责任部门:城建科、市政管理处(三)园林绿化:做好街道旁树木修剪工作。牵头领导:张明贵副局长"
        "责任部门:园林局\n"
    )
    assert [n for n, _, _ in _rows(text)] == ["(一)", "(二)", "(三)"]


def test_points_closed_by_brackets_begin_with_the_line_after_a_copys_note():
    """A page of points each closed by the bracket of its units, the first opening the line
    after the copy's note ([接上页]) and holding several sentences: it is a point too."""
    text = (
        "[接上页] 适时调整保障性住房准入标准。完善保障性住房管理办法。(市住房保障房屋管理局牵头) "
        "推进旧区改造。完成5000万平方米旧住房综合改造。(市建设交通委牵头) "
        "加大幼儿园、中小学建设力度。(市教委牵头) "
        "切实提高教育质量,深化实施素质教育。(市教委牵头)\n"
    )
    rows = _rows(text)
    assert [title for _, title, _ in rows] == [
        "适时调整保障性住房准入标准", "推进旧区改造", "加大幼儿园、中小学建设力度",
        "切实提高教育质量,深化实施素质教育",
    ]
    assert rows[0][2] == [("市住房保障房屋管理局", "lead")]


def test_a_clause_holding_ge_is_no_group_of_units():
    """各 makes a group's name (各有关部门), not a clause that holds it: "对各部门贯彻…",
    "市工商局依法组织对…各类市场主体的登记与监管,参与…" name no unit."""
    from pipeline.stages.agency_names import is_collective

    assert is_collective("各有关部门") and is_collective("各县(市、区)")
    assert not is_collective("对各部门贯彻")
    assert not is_collective("市工商局依法组织对客运出租汽车行业各类市场主体的登记与监管")
    text = (
        "(八)市工商局依法组织对客运出租汽车行业各类市场主体的登记与监管,参与打击非法营运行为。\n"
        "(九)市物价局负责调整营运价格。\n"
    )
    assert all(len(unit) <= 12 for _, _, units in _rows(text) for unit, _ in units)


def test_places_printed_as_columns_share_each_indicator():
    """A header of places (地区 | 单位 | 海安县 | 如皋市 | …) over rows each of an indicator,
    its unit and a figure per place, copied a cell a line: each indicator is a task of every
    place, its figure the target in that unit (one target where every place has the same)."""
    text = "\n\n".join([
        "2011年节水型社会建设目标任务分解表", "地  区", "单 位", "海安县", "如皋市", "如东县",
        "开发区", "一、综合考核指标", "单位地区生产总值用水量", "m3/万元", "123", "123", "123",
        "123", "二、第三产业及生活用水指标", "人均生活综合用水量", "升/人日", "240", "230",
        "240", "240",
    ])
    result = process_text(text)
    rows = _rows(text)
    assert [title for _, title, _ in rows] == ["单位地区生产总值用水量", "人均生活综合用水量"]
    assert [u for u, _ in rows[0][2]] == ["海安县", "如皋市", "如东县", "开发区"]
    assert [(t.value_min, t.unit) for t in result.extraction.targets] == [
        (123, "m3/万元"), (240, "升/人日"), (230, "升/人日"),
    ]


_PROGRESS = "\n".join([
    "序号 | 项目 | 省工作目标 | 嵊州 牵头单位 | 1-6月进展情况 | 全面完成 预计时间 |",
    "1 | 浙有善育 | 新增3个乡镇(街道)建有托育机构 | 卫生健康局 | 已全部完成。 | 已完成 |",
    "新增托位525个 | 卫生健康局 | 新增托位336个。 | 7月底 | ||",
    "新增普惠托位315个 | 卫生健康局 | 新增普惠托位220个。 | 7月底 | ||",
    "2 | 浙里优学 | 新改扩建公办中小学2所 | 教体局 | 教学楼完成外墙脚手架拆除。 | 8月底 |",
    "新增义务教育公办学位800个 | 教体局 | 可新增教室16个。 | 8月底 | ||",
])


def test_a_progress_tables_sub_rows_leave_the_project_column_to_the_row_above():
    """"嵊州 牵头单位" is the county's lead column beside the province's target, "全面完成 预计
    时间" a due date; a sub-row printing its target, unit, progress and date (empty cells at
    its end) leaves 序号 and 项目 to the row above, not the units."""
    rows = _rows(_PROGRESS)
    assert [(title, units) for _, title, units in rows] == [
        ("新增3个乡镇(街道)建有托育机构", [("卫生健康局", "lead")]),
        ("新增托位525个", [("卫生健康局", "lead")]),
        ("新增普惠托位315个", [("卫生健康局", "lead")]),
        ("新改扩建公办中小学2所", [("教体局", "lead")]),
        ("新增义务教育公办学位800个", [("教体局", "lead")]),
    ]


def test_a_progress_table_copied_a_cell_a_line_with_a_person_and_a_section_column():
    """负责人 names a person's column (no unit); a task that opens with a verb and ends on a
    suffix (建成启用区级老年活动中心) is no unit; 协同部门 labels participants."""
    assert cell_kind("负责人") == "leader" and cell_kind("联系人") == "leader"
    from pipeline.stages.agency_names import looks_like_agency

    assert not looks_like_agency("建成启用区级老年活动中心") and looks_like_agency("市建设局")
    text = (
        "(一)省监察委员会牵头的工作\n强化行政监察,建立健全惩治和预防腐败体系。\n"
        "协同部门:省政府办公厅、发展改革委、教育厅。\n"
    )
    units = [u for _, _, found in _rows(text) for u in found]
    assert ("省政府办公厅", "participant") in units


def test_a_task_column_named_with_the_residents_it_serves():
    """Shanghai's 实事项目 tables name the task column 项目内容及居民受益面."""
    assert cell_kind("项目内容及居民受益面") == "task" and cell_kind("3月目标") == "note"


def test_a_page_run_onto_one_line_opens_its_list_with_an_inline_number():
    """A scan's page read onto one line, no space anywhere ("[接上页]5.城镇体系规划。…完成。6.
    基础设施…"): a run of numbers in sequence opens the list though its first follows no
    sentence's end; a run after another item's number stays that item's points."""
    text = (
        "[接上页]5.城镇体系规划。提出城镇布局方案。由市城规局牵头,有关部门参与,7月1日完成。"
        "6.基础设施建设规划。提出基础设施恢复重建方案。由市交通局负责,7月1日完成。"
        "7.市场服务体系规划。提出服务网点布局方案。由市商务局负责,7月1日完成。\n"
    )
    assert [n for n, _, _ in _rows(text)] == ["5", "6", "7"]
    points = "(十八)加快节能降耗。(1)修订条例。(2)建立审查制度。(3)出台规划。(处负责)\n(十九)加强监管。\n"
    assert [n for n, _, _ in _rows(points)] == ["(十八)", "(十九)"]


def test_a_unit_name_printed_with_spaces_between_its_characters_is_one_name():
    """"市 城 市 管 理 局" in a unit cell: one name, not 市城市 and 管理局."""
    text = (
        "序号 | 主要工作内容 | 完成时间 | 牵头单位 | 参与单位 |\n"
        "1 | 到2020年底,全市城镇生活垃圾总量实现零增长。 | 2020年 | 市 城 市 管 理 局 | 市发改委 |\n"
        "2 | 开展“限塑令”专项整治。 | 2018年 | 市发改委 | 市商务局 |\n"
    )
    assert _rows(text)[0][2] == [("市城市管理局", "lead"), ("市发改委", "participant")]


def test_two_lead_columns_the_first_spanned_over_its_group():
    """总牵头单位 and 分项牵头单位: a row that leaves the first to the row above (printed on the
    group's first row only) puts its lead in the second, its list of units among the
    participants."""
    text = (
        "序号 | 主要工作内容 | 完成时间 | 总牵头单位 | 分项牵头单位 | 参与单位 |\n"
        "1 | 到2020年底,全市城镇生活垃圾总量实现零增长。 | 2020年 | 市城市管理局 | 市城市管理局 | 市发改委 |\n"
        "2 | 开展“限塑令”专项整治。 | 2018年 | 市发改委 | 市商务局、市市场监管局 | |\n"
        "3 | 开展净菜进城试点。 | 2018年 | 市市场监管局 | 市供销社 | |\n"
    )
    rows = _rows(text)
    assert ("市商务局", "participant") in rows[1][2] and ("市发改委", "lead") in rows[1][2]
    assert ("市城市管理局", "lead") in rows[1][2]


def test_a_verb_before_a_place_names_no_government():
    """"研究制定盘锦市落实…的实施办法": a verb and a place, no government standing alone."""
    from pipeline.stages.agency_names import place_alone

    assert place_alone("盘锦市") and not place_alone("研究制定盘锦市")


def test_a_bureaus_traffic_management_bureau_is_one_unit():
    """市公安局公安交通管理局 names the traffic police under the public security bureau: one
    unit, not two."""
    text = (
        "十一、配备100辆急救摩托车。\n完成时限:11月底\n主要责任单位:市卫生局\n"
        "协办单位:市公安局公安交通管理局\n"
        "十二、推进义务教育均衡发展。\n完成时限:11月底\n主要责任单位:市教委\n"
    )
    assert ("市公安局公安交通管理局", "participant") in _rows(text)[0][2]
