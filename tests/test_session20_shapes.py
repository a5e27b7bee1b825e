"""Issue 16: shapes met in the twentieth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import titles_and_units


def _units(text: str) -> list[tuple[str, bool]]:
    extraction = process_text(text).extraction
    return [(a.mention, a.collective) for a in extraction.agencies]


# A subject a group of bodies opens before a unit (各县(市、区)政府和肇庆高新区管委会要…): the
# group is a collective mention, its levels' brackets inside it, and the unit after the joiner
# owns the task; no name reads "各县区政府和市环保局" or "政府和…" as one body.
def test_a_group_then_a_unit_as_one_subject():
    cases = {
        "1.各县(市、区)政府和市环保局要对辖区内排污企业进行全面排查。": [
            ("各县(市、区)政府", True), ("市环保局", False)],
        "2.各县区政府和市环保局要加强监管。": [("各县区政府", True), ("市环保局", False)],
        "3.市环保局和各县(市、区)政府要加强监管。": [
            ("市环保局", False), ("各县(市、区)政府", True)],
        "4.各省辖市、县(市、区)政府和省财政厅要加快拨付资金。": [
            ("各省辖市、县(市、区)政府", True), ("省财政厅", False)],
        "5.團市委要抓好志愿者招募;市城市管理局和各轄區政府、管委會要做好環境整治。": [
            ("團市委", False), ("市城市管理局", False), ("各轄區政府", True), ("管委會", False)],
    }
    for text, expected in cases.items():
        assert _units(text) == expected, text


# 各 standing over a list (各区、开发区整治工作领导小组, 各级卫生、环保部门) names each level's
# bodies: one group, no unit read out of its items.
def test_a_group_over_a_list_names_no_unit():
    for text in (
        "1.各区、开发(新)区整治工作领导小组要按照各自工作方案抓好落实。",
        "2.各级卫生、环保部门要依法加强对网吧环境卫生的监管。",
        "3.各县(市、区)人民政府要加强监管。",
    ):
        assert [name for name, collective in _units(text) if not collective] == [], text


# A page that stops on a line of its own, no full stop on it: when that line opens the last
# task, or stands under the heading alone of it ("(四)加强舆论宣传。" over "各县…要高度重视开展
# 环保专项整"), the task is cut and left out with the warning; a label line, an attribution, a
# file name and a short signature are whole, and so is a paragraph under whole ones.
def test_a_last_line_the_page_cut_leaves_its_task_out():
    head = "(三)进行全面排查。\n市环保局要对辖区内排污企业进行全面排查,查清污染源的治理状况。\n"
    cut_under_heading = head + "(四)加强舆论宣传。\n市环保局要高度重视开展环保专项整治行动的宣传报道工作,及时通"
    cut_item = "1.市教育局负责开展校园安全教育。\n2.市公安局负责加强校园周边治安巡逻防控,依法打击"
    whole_label = "1.市教育局负责开展校园安全教育。\n2.推进校园周边整治。\n责任单位:市公安局、市城管局"
    paragraph_under_whole = (
        "1.市教育局负责开展校园安全教育,完善校园安全制度。\n"
        "市公安局要加强校园周边治安巡逻防控,依法打击各类违法犯罪活动,维护"
    )
    signature = "1.市教育局负责开展校园安全教育。\n2.市公安局负责加强校园周边治安巡逻。\n某某市校园安全工作领导小组"
    for text, kept, cut in (
        (cut_under_heading, 1, True),
        (cut_item, 1, True),
        (whole_label, 2, False),
        (paragraph_under_whole, 1, True),  # its only task: kept, and flagged (session 22)
        (signature, 2, False),
    ):
        result = process_text(text)
        assert len(result.extraction.segmentation.tasks) == kept, text
        warned = any("stops mid-sentence" in w for w in result.extraction.segmentation.warnings)
        assert warned == cut, text


def test_titles_under_a_cut_heading_keep_the_whole_task():
    text = "(三)进行全面排查。\n市环保局要对辖区内排污企业进行全面排查。\n(四)加强舆论宣传。\n市环保局要高度重视开展环保专项整治行动的宣传报道工作,及时通"
    assert [title for title, _ in titles_and_units(text)] == ["进行全面排查"]


# Four-part section numbers run on one line (5.2.2.3市民政局应…。 5.2.2.4市农业局负责…): each a task
# of the unit that opens it; a section number is no run of glued figures.
def test_four_part_section_numbers_run_on_one_line():
    text = (
        "5.2.2 部门职责\n5.2.2.3市民政局应组织灾情核查和综合上报。 5.2.2.4市农业局负责种植业冻害监测。"
        " 5.2.2.5市卫生局应组织医疗卫生机构组建救灾防病应急队伍。"
    )
    result = process_text(text)
    doc = result.extraction.segmentation.document.text
    assert [(t.number, doc[t.title_start : t.title_end]) for t in result.extraction.segmentation.tasks] == [
        ("5.2.2.3", "市民政局应组织灾情核查和综合上报"),
        ("5.2.2.4", "市农业局负责种植业冻害监测"),
        ("5.2.2.5", "市卫生局应组织医疗卫生机构组建救灾防病应急队伍"),
    ]
    assert not [w for w in result.warnings if "runs of figures" in w]


# Items counted by ordinal before a colon (第一项:校舍维修建设工程。), as 实事 reports print them.
def test_ordinal_items_before_a_colon_are_tasks():
    text = "\n".join([
        "暨阳街道2023年民生实事项目完成情况报告",
        "第一项:校舍维修建设及设施设备提升工程。",
        "资金由街道负责,教体局补助部分。",
        "第二项:农村公路大中修工程。",
        "第三项:社区爱心食堂建设工程。",
        "这是第一项工作的总结。",
    ])
    assert [title for title, _ in titles_and_units(text)] == [
        "校舍维修建设及设施设备提升工程", "农村公路大中修工程", "社区爱心食堂建设工程",
    ]


# A report's time window (过去24小时, 未来10日, 近3个月) is the span it covers, no target.
def test_a_reports_time_window_is_no_target():
    text = (
        "1.省气象局每天上午向省三防办提供过去24小时全省气象台站的降水实况和未来24小时降水预报,"
        "每周提供未来10日的降水预测,新建自动气象站30个。"
    )
    extraction = process_text(text).extraction
    assert [t.raw for t in extraction.targets] == ["新建自动气象站30个"]
    rejected = {r.reason for r in extraction.rejected}
    assert "time_window" in rejected


# The authority of one field (房产行政主管部门, 教育行政主管部门) is one body; a kind of
# authority (行业主管部门, 有关行政主管部门, 县级行政主管部门) is a group.
def test_a_fields_administrative_authority_is_one_body():
    from pipeline.stages.agency_names import is_collective

    for name in ("房产行政主管部门", "园林绿化行政主管部门", "人民防空行政主管部门"):
        assert not is_collective(name), name
    for name in ("行业主管部门", "有关行政主管部门", "县级行政主管部门", "各级行政主管部门"):
        assert is_collective(name), name


# A last item holding its unit alone (第十七条 卫生行政主管部门), its duty lost with the page,
# and a last unit-led line the page cut: each left out with the warning.
def test_a_last_item_with_its_unit_alone_or_its_line_cut_is_left_out():
    alone = "第十五条 教育行政主管部门负责教育系统的安全监督管理工作。\n第十六条 卫生行政主管部门"
    line = (
        "公安机关负责网吧场所的消防安全,打击利用互联网传播有害信息的行为。\n"
        "通信管理部门负责切断非法经营网吧的互联网接入。\n"
        "教育行政主管部门负责对校园内网络信息内容的监管工作,配合有关部门做好校园内网吧场所的"
    )
    for text, kept in ((alone, 1), (line, 2)):
        result = process_text(text)
        assert len(result.extraction.segmentation.tasks) == kept, text
        assert any("stops mid-sentence" in w for w in result.extraction.segmentation.warnings)


# A unit's name, a space, its duties, a line each ("市质监局 综合协调和督查…", as plans copied
# from a two-column table print them): the space is kept as the label's end, so each line is
# the unit's task whatever verb opens its duties; spaced columns and letter-spaced words still
# lose their spaces.
def test_a_unit_then_a_space_then_its_duties_a_line_each():
    text = "\n".join([
        "岳阳市特种设备安全事故应急预案",
        "市质监局 综合协调和督查全市特种设备安全事故应急救援工作。",
        "市安监局 参与特种设备安全事故应急救援工作,组织或参与事故调查。",
        "市建设局、市城管局 制订、实施房屋建筑工地起重机械的应急救援工作制度。",
        "市总工会 组织、协调做好遇难、受伤人员家属的安抚工作。",
    ])
    assert [units for _, units in titles_and_units(text)] == [
        ["市质监局"], ["市安监局"], ["市建设局", "市城管局"], ["市总工会"],
    ]
    doc = process_text(text).extraction.segmentation.document.text
    assert "市质监局 综合协调" in doc
    spaced = process_text("工 作 任 务\n县委宣传部 持续开展 负责督导检查\n").extraction.segmentation
    assert "工作任务" in spaced.document.text and "县委宣传部持续开展负责" in spaced.document.text


# Units, then where they stand (在市政府应急办的指导协调下, 在市政府的统一领导下), then their
# work after a comma: the units are the clause's subject; 应急办 opens with no 应 (should), and
# 在 opens no second name run on after the first.
def test_units_working_under_a_bodys_guidance():
    assert _units("3.市国土局、各县区政府在市政府应急办的指导协调下,做好技术储备和保障工作。") == [
        ("市国土局", False), ("各县区政府", True)]
    assert _units("4.市环保局在市政府的统一领导下,组织开展专项检查。") == [("市环保局", False)]


# A field's regulator named by its function (通信管理机构, 电力监管机构) is one body leading its
# sentence; a kind of organization (医疗机构, 有关机构) is none.
def test_a_regulator_named_by_its_function_is_a_unit():
    assert _units("1.通信管理机构要加强对网吧接入服务的监管。") == [("通信管理机构", False)]
    assert _units("2.电力监管机构要督促供电企业依法采取停、限电措施。") == [("电力监管机构", False)]
    assert [n for n, c in _units("3.医疗机构要做好救治工作。") if not c] == []


# A lead, then a list closed by its kind and 共同 (省经贸委牵头,省粮食局、民政厅…等单位共同做好…):
# the list takes part, its province carried; 共同 after words that are no list of units
# (营造全社会共同关注的氛围) assigns nothing.
def test_units_doing_the_work_together_after_a_lead():
    extraction = process_text(
        "(七)后勤保障。必要时,省经贸委牵头,省粮食局、民政厅、交通厅等单位共同做好灾区急需物资的调配工作。"
    ).extraction
    assert [(a.mention, str(a.role)) for a in extraction.agencies] == [
        ("省经贸委", "lead"), ("省粮食局", "participant"), ("民政厅", "participant"),
        ("交通厅", "participant"),
    ]
    assert _units("1.宣传办:组织新闻媒体开展宣传,营造全社会共同关注的良好氛围。") == [("宣传办", False)]


# A section dividing its work clause by clause after a colon (…继续实行法制宣传教育工作责任制:
# 市委组织部负责…;市委宣传部负责…;…), closed by a sentence whose clause 面向社会… opens with
# no unit (社会 ends no name): a task a clause.
def test_clauses_of_units_closed_by_a_sentence_facing_society():
    text = (
        "(二)健全完善工作机制。继续实行法制宣传教育工作责任制:市委组织部负责局级领导干部法制宣传教育工作;"
        "市委宣传部负责新闻媒体法制宣传的指导检查工作;市委政法委负责政法系统干警的法制宣传教育工作;"
        "市人力社保局负责公务员法制宣传教育工作。贯彻“谁执法谁普法”原则,结合各自职责,面向社会开展相关法律法规的宣传教育。"
    )
    assert [units for _, units in titles_and_units(text)] == [
        ["市委组织部"], ["市委宣传部"], ["市委政法委"], ["市人力社保局"],
    ]


# The bodies a notice calls on to play their part (发挥工会、共青团、妇联…和其他社会组织的作用)
# take part; a part played by no list of units (发挥市场的作用, 发挥其作为…载体的作用) names none.
def test_bodies_called_on_to_play_their_part_take_part():
    extraction = process_text(
        "(四)明确分工。要进一步发挥工会、共青团、妇联和其他社会组织的作用,共同做好就业促进工作。"
    ).extraction
    assert [(a.mention, str(a.role), a.collective) for a in extraction.agencies] == [
        ("工会", "participant", False), ("共青团", "participant", False),
        ("妇联", "participant", False), ("其他社会组织", "participant", True),
    ]
    assert _units("(五)充分发挥市场的作用,推进改革。") == []
    assert _units("(六)提高利用率,进一步发挥其作为市政府及市直部门规范性文件法定发布载体的作用。") == []


# A table copied a cell a line, each cell closed by "|": a header cell wrapped over two lines
# ("开工" over "时间|") is one cell, a name a line in a cell of units is no wrapped word, and
# a column named two ways (目标任务/项目所在地) or by when work starts or ends (开工时间,
# 预计完工时间) is known by its name.
def test_a_cell_a_line_table_with_a_wrapped_header_cell():
    header = ["序号|", "项目名称|", "责任单位|", "数量|", "目标任务/项目所在地|", "开工", "时间|", "预计完工时间|"]
    rows = [
        "1|", "党建引领扶贫工程|", "市委组织部|", "12|", "每个贫困村发展集体经济专项资金10万元|",
        "2018.4|", "2018.12|",
        "2|", "资产收益扶贫工程|", "市财政局|", "5|", "对财政支农资金形成的资产进行股权量化|",
        "2018.3|", "2018.11|",
    ]
    result = process_text("\n".join(["明光市2018年民生工程项目分解表", *header, *rows]))
    doc = result.extraction.segmentation.document.text
    assert "开工时间|" in doc
    found = titles_and_units("\n".join(["明光市2018年民生工程项目分解表", *header, *rows]))
    assert found == [("党建引领扶贫工程", ["市委组织部"]), ("资产收益扶贫工程", ["市财政局"])]
    assert [str(d.due_date) for d in result.extraction.deadlines] == ["2018-12-31", "2018-11-30"]
    from pipeline.stages.table_columns import cell_kind

    assert [cell_kind(c) for c in ("目标任务/项目所在地", "开工时间", "预计完工时间")] == [
        "task", "note", "deadline",
    ]


# Sentences each putting a kind of work under a unit after a long topic (…学科类培训的机构由
# 教育部门负责监管, 开展编程、机器人…科技类培训的机构由科技部门负责审批和监管): the unit after
# 由 owns the clause, the topic however long (up to 30 characters).
def test_a_long_topic_then_the_unit_that_oversees_it():
    text = (
        "文件明确,全市面向中小学生开展语文、数学等学科类培训的机构由教育部门负责监管,"
        "开展编程、机器人、创客等科技类培训的机构由科技部门负责审批和监管;"
        "开展音乐、舞蹈、美术等文化艺术类培训的机构由文化旅游部门负责审批和监管;"
        "开展游泳、篮球、拳击等体育类培训的机构由体育部门负责审批和监管。"
    )
    assert [n for n, c in _units(text)] == ["教育部门", "科技部门", "文化旅游部门", "体育部门"]


# Items run together on a scanned page, one number's opening bracket lost by OCR ("。12)省交通
# 运输厅：…" among (11) and (13)): the run of numbers goes on through it.
def test_a_number_whose_opening_bracket_ocr_lost_keeps_its_run():
    text = (
        "[接上页]（10)省民政厅：核实全省干旱灾害的损失。（11）省住房和城乡建设厅：负责指导供水管网建设。"
        "12)省交通运输厅：协调组织运力优先安排抗旱物资的运输。（13）省农业厅：及时收集干旱灾害信息。"
        "（14）省商务厅：负责对灾区生活必需品市场运行的监控。"
    )
    assert [units for _, units in titles_and_units(text)] == [
        ["省民政厅"], ["省住房和城乡建设厅"], ["省交通运输厅"], ["省农业厅"], ["省商务厅"],
    ]
