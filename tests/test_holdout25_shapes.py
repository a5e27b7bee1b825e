"""Issue 16: shapes met in the tenth session's batches and the run-together tables 1163/44,
each a mechanism tested on text written the way such notices print it, not copied from them."""

from __future__ import annotations

from tests.helpers import extracted, normalized, roles, segmented, titles

_RUN_TOGETHER = (
    "附件:某县2019年重点项目推进责任分解表序号工作任务第一责任单位主要责任单位"
    "一、交通建设1建成县城至高铁站连接线。县交通运输局县发改局、县财政局、城投公司"
    "2完成国道改造15公里。县交通运输局县公安局—3—二、民生保障"
    "3新建幼儿园2所。县教育局各乡(镇)人民政府、开发区管委会\n"
)


def test_a_table_run_together_after_its_title_with_headings_between_rows():
    """A copy from a document viewer runs a whole table into one line after its title (1163
    嘉兴): the header is found inside the line, an outline heading before a row number heads
    the rows after it, a page mark (—3—) where the page broke is no part of a row."""
    assert titles(_RUN_TOGETHER) == [
        ("1", "建成县城至高铁站连接线"), ("2", "完成国道改造15公里"), ("3", "新建幼儿园2所"),
    ]
    sections = [t.section for t in segmented(_RUN_TOGETHER).tasks]
    assert sections[0] is not None and sections[0].endswith("一、交通建设")
    assert sections[2] is not None and sections[2].endswith("二、民生保障")


def test_units_run_together_read_from_the_row_end_with_names_the_pattern_does_not_know():
    """The first unit column (第一责任单位, a lead) takes the first name; names listed after
    a 、 count whatever their first character (城投公司, 开发区管委会)."""
    assert [(seq, role, name) for seq, role, name, _ in roles(_RUN_TOGETHER)] == [
        (1, "lead", "县交通运输局"), (1, "responsible", "县发改局"),
        (1, "responsible", "县财政局"), (1, "responsible", "城投公司"),
        (2, "lead", "县交通运输局"), (2, "responsible", "县公安局"),
        (3, "lead", "县教育局"), (3, "responsible", "各乡(镇)人民政府"),
        (3, "responsible", "开发区管委会"),
    ]


def test_two_leads_run_together_in_the_first_unit_column():
    """Two names run together before the next column's list both lead (市发改委市经信委 |
    市统计局、国网某供电公司)."""
    text = (
        "序号主要任务牵头单位配合单位1单位GDP能耗下降3%。市发改委市经信委市统计局、国网某供电公司"
        "2新增就业1万人。市人社局市财政局\n"
    )
    found = [(seq, role, name) for seq, role, name, _ in roles(text)]
    assert found[:2] == [(1, "lead", "市发改委"), (1, "lead", "市经信委")]
    assert (1, "participant", "国网某供电公司") in found


def test_units_joined_by_huitong_rank_the_first_as_lead():
    """X会同Y…落实: the unit before 会同 leads, those after take part (1305 湖州), in a
    bracket and in prose; a role printed on a name still wins."""
    text = (
        "(1)新增就业岗位5000个。(县人社局会同有关部门和各乡镇组织落实)\n"
        "(2)由县民政局会同县财政局负责研究养老服务补贴办法。\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "县人社局"), (1, "participant", "有关部门"), (1, "participant", "各乡镇"),
        (2, "lead", "县民政局"), (2, "participant", "县财政局"),
    ]
    # no 会同: the units stay responsible (either role)
    assert {role for _, role, _, _ in roles("(1)完善制度。(县人社局和县财政局组织落实)\n")} == {
        "responsible"
    }


def test_a_full_stop_inside_a_bracket_ends_no_run_in_heading():
    """Items run together on one line, each "关于…的建议(第N号。牵头单位:X;协办单位:Y);"
    (1306 广东): the 。 inside the bracket is no sentence end, so no heading is run into the
    item; a list restarting where the copy lost its heading keeps its printed number."""
    body = " ".join(
        f"{n}.关于{topic}的建议(第{k}号。牵头单位:省{lead};协办单位:省财政厅);"
        for n, topic, k, lead in [
            (2, "加快物流园区建设", 1101, "商务厅"), (3, "完善农村公路养护", 1202, "交通运输厅"),
            (4, "支持中医药传承", 1303, "卫生厅"), (5, "扩大职业教育招生", 1404, "教育厅"),
            (2, "简化异地就医手续", 20130335, "人力资源社会保障厅"),
        ]
    )
    preamble = (
        "为进一步促进人大代表建议和政协提案办理工作，经省人民政府同意，从今年开始，"
        "省府办公厅每年从省“两会”期间代表委员提出的建议提案中，遴选部分建议提案予以重点督办，"
        "各承办单位要高度重视，主要负责同志亲自研究部署，明确分管领导和具体经办人员，"
        "认真研究代表委员提出的意见，加强与代表委员的沟通联系，切实提高办理质量。"
        "对涉及多个部门的建议提案，牵头单位要主动协调，协办单位要积极配合，"
        "按时将办理结果答复代表委员，并抄送省府办公厅，省府办公厅将适时组织督查，"
        "督查结果在一定范围内通报。现将今年督办的建议提案工作事项通知如下："
    )
    text = preamble + " 一、督办内容和分工 (一)重点督办的代表建议。 " + body + "\n"
    assert text.count("\n") == 1 and len(text) > 500  # one line, as the mirror printed it
    assert titles(text) == [
        ("2", "关于加快物流园区建设的建议(第1101号"), ("3", "关于完善农村公路养护的建议(第1202号"),
        ("4", "关于支持中医药传承的建议(第1303号"), ("5", "关于扩大职业教育招生的建议(第1404号"),
        ("2", "关于简化异地就医手续的建议(第20130335号"),
    ]
    leads = [name for _, role, name, _ in roles(text) if role == "lead"]
    assert leads == ["省商务厅", "省交通运输厅", "省卫生厅", "省教育厅", "省人力资源社会保障厅"]


def test_a_semicolon_between_names_does_not_end_a_labelled_list():
    """责任单位:A、B;C、D (1304): the list goes on after a ; when a unit name and a list
    separator follow; a ; before another label or a sentence still ends it."""
    text = (
        "1、健全部门网站。\n牵头单位:市信息化办\n责任单位:市司法局、市审计局;市档案局、市体育局\n"
        "2、推进工作。\n牵头单位:市发改委;责任单位:市财政局\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "市信息化办"), (1, "responsible", "市司法局"), (1, "responsible", "市审计局"),
        (1, "responsible", "市档案局"), (1, "responsible", "市体育局"),
        (2, "lead", "市发改委"), (2, "responsible", "市财政局"),
    ]


def test_an_empty_cell_copied_as_a_line_of_spaces_stays_an_empty_cell():
    """A table copied a cell a line with empty lines between cells prints an empty cell as a
    line of spaces (1292 苏州): it stays an empty line, so the row's next cell keeps its
    column (a progress note never becomes a participant, nor inherits the cell above)."""
    cells = [
        "序号", "工作任务", "牵头部门", "配合部门", "上半年推进情况",
        "1", "一般公共预算收入增长8%左右", "县财政局", "县税务局", "上半年收入完成99亿元",
        "2", "全社会固定资产投资增长5%", "县发改委", " ", "上半年投资完成288亿元",
        "3", "研发经费投入增长10%左右", "县科技局", " ", "年度统计",
    ]
    text = "\n\n".join(cells) + "\n"
    assert "县发改委\n\n上半年" in normalized(text).text
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "县财政局"), (1, "participant", "县税务局"),
        (2, "lead", "县发改委"), (3, "lead", "县科技局"),
    ]
    # a line of spaces between paragraphs of prose is no cell
    prose = (
        "为加快推进全县重点工作任务落实，经县政府研究同意，现将有关事项通知如下，"
        "请各单位结合实际认真贯彻执行，确保各项任务按期完成。"
    )
    assert "\n\n" not in normalized(f"{prose}\n\n \n\n{prose}\n").text


_TWO_ROW_HEADER = {
    "pipes": (
        "序号 | 工作任务 | 责任单位 | | 完成时限 |\n| | 牵头单位 | 配合单位 | |\n"
        "1 | 建设智慧城市平台。 | 市大数据局 | 市财政局、市发改委 | 2024年底 |\n"
        "2 | 新建5G基站500个。 | 市工信局 | 市住建局 | 2024年6月 |\n"
    ),
    "box": (
        "┌──┬──────┬──────────┬────┐\n│序号│工作任务│责任单位            │完成时限│\n"
        "│  │      ├────┬─────┤    │\n│  │      │牵头单位│配合单位 │    │\n"
        "├──┼──────┼────┼─────┼────┤\n│1 │建设智慧城市平台。│市大数据局│市财政局、市发改委│2024年底│\n"
        "├──┼──────┼────┼─────┼────┤\n│2 │新建5G基站500个。│市工信局│市住建局│2024年6月│\n"
        "└──┴──────┴────┴─────┴────┘\n"
    ),
}


def test_a_second_header_row_names_the_columns_a_spanning_name_covers():
    """责任单位 printed over 牵头单位 | 配合单位 (a two-row header, as a copy of a table with
    merged header cells gives it): the second row's names take their columns, the spanning
    cell widened where it was printed as one; no task is read from the second header row."""
    for form, text in _TWO_ROW_HEADER.items():
        assert [n for n, _ in titles(text)] == ["1", "2"], form
        assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
            (1, "lead", "市大数据局"), (1, "participant", "市财政局"),
            (1, "participant", "市发改委"), (2, "lead", "市工信局"), (2, "participant", "市住建局"),
        ], form
        assert [d.raw for d in extracted(text).deadlines] == ["2024年底", "2024年6月"], form


def test_brackets_of_the_law_based_administration_plans():
    """Shapes of the 依法行政 plans (1321–1327), on text written for them: units after a
    会同 list take part; 共同负责 and 各负其责 close a list (after a lead, taking part);
    levels named with no place (县区政府, 乡镇政府) are collective."""
    text = (
        "(一)完善监督机制。(市监察局会同市府办,市信访局、市法制局)\n"
        "(二)减少执法层次。(市编办、市政府法制办共同负责,市财政局及相关部门配合)\n"
        "(三)健全公布制度。(市政府法制办牵头,市政府办公厅、市信息办及相关部门各负其责)\n"
        "(四)推进政务公开。(市政府办公室及市政府各部门、县区政府)\n"
    )
    found = [(seq, role, name, collective) for seq, role, name, collective in roles(text)]
    assert found == [
        (1, "lead", "市监察局", False), (1, "participant", "市府办", False),
        (1, "participant", "市信访局", False), (1, "participant", "市法制局", False),
        (2, "responsible", "市编办", False), (2, "responsible", "市政府法制办", False),
        (2, "participant", "市财政局", False), (2, "participant", "相关部门", True),
        (3, "lead", "市政府法制办", False), (3, "participant", "市政府办公厅", False),
        (3, "participant", "市信息办", False), (3, "participant", "相关部门", True),
        (4, "responsible", "市政府办公室", False), (4, "responsible", "市政府各部门", True),
        (4, "responsible", "县区政府", True),
    ]


def test_an_item_number_before_a_year():
    """4.2011年…: the number opens an item though a digit follows its mark (a year); 1.5 and
    3.0版 stay decimals."""
    text = (
        "1.电线迁改工程，3月中旬完成。\n责任单位:市供电公司。\n"
        "2.2011年文化周活动期间投入使用。\n责任单位:市发改委。\n"
    )
    assert titles(text) == [("1", "电线迁改工程，3月中旬完成"), ("2", "2011年文化周活动期间投入使用")]
    assert [n for n, _ in titles("1.推进平台3.0版升级。\n2.完成改造1.5公里。\n")] == ["1", "2"]


def test_a_two_row_header_copied_a_cell_a_line():
    """序号 | 工作任务 | 责任单位 | 完成时限 then 牵头单位 | 配合单位, one name a line: the
    second row's names take the place of the spanning 责任单位 (rules spanning_headers); a
    one-row header whose kinds come back after others (…目标值 | 责任单位 | 备注) stays."""
    cells = [
        "序号", "工作任务", "责任单位", "完成时限", "牵头单位", "配合单位",
        "1", "建设智慧城市平台。", "市大数据局", "市财政局、市发改委", "2024年底",
        "2", "新建5G基站500个。", "市工信局", "市住建局", "2024年6月",
        "3", "完善数据共享机制。", "市政务办", "市大数据局", "2024年9月",
    ]
    found = [(seq, role, name) for seq, role, name, _ in roles("\n".join(cells) + "\n")]
    assert found == [
        (1, "lead", "市大数据局"), (1, "participant", "市财政局"), (1, "participant", "市发改委"),
        (2, "lead", "市工信局"), (2, "participant", "市住建局"),
        (3, "lead", "市政务办"), (3, "participant", "市大数据局"),
    ]
    one_row = [
        "序号", "指标名称", "目标值", "责任单位", "备注",
        "1", "城镇新增就业", "1万人", "县人社局", "年度考核",
        "2", "农村危房改造", "300户", "县住建局", "年度考核",
    ]
    assert [name for _, _, name, _ in roles("\n".join(one_row) + "\n")] == ["县人社局", "县住建局"]


def test_news_reports_of_campaigns_name_bodies_by_their_field():
    """Campaign reports (1341 德安, 1342 博白): points counted 一是“…” with a quote after 是;
    a topic before 由 in the clause that assigns (…整治主要由X牵头); bodies named by their
    field in a list closed by 等部门 (县交通运输、安监、运管等部门), the 县 shared."""
    text = (
        "为推进专项整治，县里部署三项行动。\n"
        "一是“护路行动”。由县交警大队牵头，县交通运输、安监、运管等部门参加，打击非法营运。"
        "二是“护水行动”。由县水务局牵头，县国土、环保等部门参加，整治非法采砂。"
        "三是“护校行动”。由县公安局牵头，县教育局参加，整治校园周边环境。\n"
    )
    assert [n for n, _ in titles(text)] == ["一是", "二是", "三是"]
    found = [(seq, role, name) for seq, role, name, _ in roles(text)]
    assert found[:4] == [
        (1, "lead", "县交警大队"), (1, "participant", "县交通运输"),
        (1, "participant", "安监"), (1, "participant", "运管"),
    ]
    assert (2, "participant", "环保") in found
    prose = (
        "食品安全整治主要由县市场监管局牵头，教育、卫生等部门配合，对学校食堂进行全面检查；"
        "周边环境整治主要由县公安局牵头，工商、文体等部门配合，对网吧进行清理整顿。\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(prose)] == [
        (1, "lead", "县市场监管局"), (1, "participant", "教育"), (1, "participant", "卫生"),
        (2, "lead", "县公安局"), (2, "participant", "工商"), (2, "participant", "文体"),
    ]


def test_a_number_with_no_mark_opens_an_item_over_its_label_lines():
    """"1优化就业创业服务" over "牵头单位:…" (1334, a mirror that lost the marks): the
    number opens an item only where a role label line follows; "5月底前完成" stays text."""
    text = (
        "一、就业创业工程\n1优化就业创业服务\n牵头单位:市人社局\n完成情况:达到序时进度\n"
        "2加快市场主体培育\n牵头单位:市市场监管局\n"
    )
    assert titles(text) == [("1", "优化就业创业服务"), ("2", "加快市场主体培育")]
    assert [n for n, _ in titles("1.推进改革。\n5月底前完成方案。\n牵头单位:市发改委\n")] == ["1"]


def test_dates_in_a_report_of_the_work_fall_due_never():
    """A 完成情况： paragraph under a task reports (1351 武昌): its dates (一季度报送…) are no
    due dates, its figures no targets; every trap named as reporting exists."""
    from pipeline.stages.deadlines import compiled as deadline_rules
    from pipeline.stages.quantity_grammar import grammar

    text = (
        "1.社会消费品零售总额增长10%。(责任单位:区商务局)\n"
        "完成情况:一季度报送社会消费品零售总额52.8亿元,增幅49.6%。\n"
        "2.6月底前完成老旧小区改造10个。(责任单位:区住建局)\n"
    )
    found = extracted(text)
    assert [(d.task_seq, d.raw) for d in found.deadlines] == [(2, "6月底前")]
    assert [(t.task_seq, t.value_min) for t in found.targets] == [(1, 10.0), (2, 10.0)]
    assert set(deadline_rules().rules.report_traps) <= {name for name, _ in grammar().traps}


def test_paragraphs_each_saying_who_does_their_work():
    """No numbering; each paragraph says who does its work in a sentence of its own (1373
    上海): a task per paragraph; 第四季度全部完成 names no body (全部 is no 部)."""
    text = (
        "推进农村残疾人社会保险工作，实现全员覆盖。具体实施进度为：第一季度完成前期工作，"
        "第四季度全部完成。该项目由市民政局、市残联负责；市民政局责任人为张三副局长。\n"
        "新增养老床位2500张，11月底前全部完成。该项目由市民政局牵头负责，责任人为李四副局长。\n"
    )
    assert [t for _, t in titles(text)] == ["推进农村残疾人社会保险工作，实现全员覆盖", "新增养老床位2500张，11月底前全部完成"]
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "市民政局"), (1, "responsible", "市残联"), (2, "lead", "市民政局"),
    ]


def test_a_leaf_item_of_a_heading_rank_whose_text_names_who_works():
    """Items (一)(二) with nothing numbered under them, their text saying which unit does the
    work (1372 珠海): each is a task, though its rank is a heading's; a leaf item naming no
    unit (三、保障措施 …) stays no task."""
    text = (
        "一、重点任务\n1.建成在线监控系统(市环保局负责)。\n2.整治市容环境(市城管局负责)。\n"
        "二、迎检准备\n(一)编写专项工作报告。\n市水务局负责编写污水处理设施建设情况专题报告。\n"
        "(二)汇总迎检材料。\n市政府办公室负责汇总整理迎检材料。\n"
        "三、工作要求\n(一)加强组织领导。\n各级各部门要高度重视，确保各项工作落到实处。\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2", "(一)", "(二)"]


def test_a_report_line_per_target_says_who_is_responsible():
    """Each line a target, then "这项工作由X负责，去年…" with the outcome (1361 国务院): a task
    per line; last year's figures and dates are no targets and no due dates."""
    text = (
        "主要预期目标完成良好：\n"
        "国内生产总值增长6.5%—7%。这项工作由国家发展改革委负责，去年国内生产总值增长6.7%。\n"
        "城镇登记失业率4.5%以内。这项工作由人社部负责，去年末城镇登记失业率为4.02%。\n"
    )
    assert [t for _, t in titles(text)] == ["国内生产总值增长6.5%—7%", "城镇登记失业率4.5%以内"]
    found = extracted(text)
    assert [name for _, _, name, _ in roles(text)] == ["国家发展改革委", "人社部"]
    assert found.deadlines == ()


def test_a_unit_name_broken_over_two_lines_of_its_cell():
    """A table copied a cell a line whose narrow unit column broke a name in two (1313 江北:
    "区新兴产业" over "服务中心"): the two lines read as one name; a category line over a
    unit ("交通设施" | "区交通局") stays two."""
    cells = [
        "序号", "项目", "责任单位", "建设内容",
        "1", "完善交通设施", "区新兴产业", "服务中心", "实施宏图路提升改造工程。",
        "2", "提升防洪能力", "区综合行政", "执法局", "实施江堤设施修复工程。",
        "3", "交通设施", "区交通局", "新建公交站点20个。",
    ]
    found = [(seq, "".join(name.split())) for seq, _, name, _ in roles("\n".join(cells) + "\n")]
    assert found == [(1, "区新兴产业服务中心"), (2, "区综合行政执法局"), (3, "区交通局")]
