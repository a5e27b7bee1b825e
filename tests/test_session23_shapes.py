"""Issue 16: shapes met in the twenty-third session, each a mechanism tested on text written
the way such notices print it (and on the notices it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import dated, sorted_roles, titles

# An item whose numbered sub-points are its own fields, each a labelled line (责任领导, 责任单位,
# 配合单位, 完成时限), as 实事 breakdowns print them: the item is one task and the points are its
# lines, not tasks of their own.
_FIELD_POINTS = "\n".join(
    [
        "某县2020年民生实事任务分解方案",
        "一、新建城乡公交站点200个",
        "(一)责任领导:张三",
        "(二)责任单位:县交通局",
        "(三)配合单位:县财政局、县住建局",
        "(四)工作内容:新建公交站点200个,年底前全部投入使用。",
        "(五)完成时限:2020年底前",
        "二、改造老旧小区30个",
        "(一)责任领导:李四",
        "(二)责任单位:县住建局",
        "(三)完成时限:2020年10月底前",
    ]
)


def test_labelled_sub_points_are_their_items_fields():
    assert titles(_FIELD_POINTS) == [("一", "新建城乡公交站点200个"), ("二", "改造老旧小区30个")]
    assert sorted_roles(_FIELD_POINTS) == [
        (1, "县交通局", "responsible"),
        (1, "县住建局", "participant"),
        (1, "县财政局", "participant"),
        (2, "县住建局", "responsible"),
    ]
    deadlines = process_text(_FIELD_POINTS).extraction.deadlines
    assert {(d.task_seq, str(d.due_date)) for d in deadlines} == {
        (1, "2020-12-31"),
        (2, "2020-10-31"),
    }


# Sub-points that open on a role label but go on to a paragraph of duties are tasks of their
# own (a duties list), not the fields of the heading over them.
def test_labelled_duty_paragraphs_stay_tasks():
    text = "\n".join(
        [
            "一、职责分工",
            "(一)牵头单位:市发展改革委。负责统筹推进全市项目建设,制定年度计划,"
            "协调解决项目推进中的重大问题,定期通报各地进展情况。",
            "(二)配合单位:市财政局。负责落实项目资金,加强资金监管,"
            "按月拨付工程进度款,确保专款专用。",
        ]
    )
    assert len(titles(text)) == 2


# Items numbered with no mark (01, 02 …, a web list's own numbers) over label blocks (项目名称:,
# 项目内容:, 责任单位:, 进展与成效:): each a task titled by its name, its units under a label
# alone on its line or after a colon, and the progress reported under it no target.
_NUMBERED_BLOCKS = "\n".join(
    [
        "全县民生实事项目进展情况汇报",
        "01 项目名称:改善城乡供水条件",
        "项目内容:",
        "推进城乡供水一体化,新建农村供水管网120公里,改造老旧水厂3座,"
        "实现农村集中供水全覆盖,让群众喝上放心水、安全水、健康水。",
        "责任单位:",
        "水务局、住建局",
        "进展与成效:",
        "管网工程已完成可行性研究报告、初步设计审查、施工图审查等相关前期工作,"
        "5月10日开工,目前已铺设管网46公里,老旧水厂改造方案已报县政府审定。",
        "02 项目名称:提升基层医疗服务",
        "项目内容:",
        "加强基层医疗卫生服务体系建设,新建村卫生室15个,"
        "配齐基本医疗设备,提升乡村医生服务能力,方便群众就近看病就医。",
        "责任单位",
        "卫健局",
        "进展与成效:",
        "已建成村卫生室9个,其余6个正在进行主体施工,基本医疗设备采购合同已经签订,"
        "乡村医生培训已分两期组织开展。",
    ]
)


def test_items_numbered_without_a_mark_over_label_blocks():
    result = process_text(_NUMBERED_BLOCKS)
    assert titles(_NUMBERED_BLOCKS) == [("01", "改善城乡供水条件"), ("02", "提升基层医疗服务")]
    assert sorted_roles(_NUMBERED_BLOCKS) == [
        (1, "住建局", "responsible"),
        (1, "水务局", "responsible"),
        (2, "卫健局", "responsible"),
    ]
    assert [(t.task_seq, t.raw) for t in result.extraction.targets] == [
        (1, "新建农村供水管网120公里"),
        (1, "改造老旧水厂3座"),
        (2, "新建村卫生室15个"),
    ]
    assert result.extraction.deadlines == ()  # 5月10日开工 is reported, not due


# A title opening on a level word (全县, 本区) names no place: the units keep their printed names.
def test_a_level_word_opening_the_title_is_no_place():
    result = process_text(_NUMBERED_BLOCKS)
    assert {a.name for a in result.agencies} >= {"水利局", "住房和城乡建设局"}


# A year labelling its block of a task's work ("2019年任务:…。2020年任务:一是4月底前…") gives its
# year to the dates after it that print none, whatever year the notice's plan runs to.
def test_a_year_block_label_dates_the_months_under_it():
    text = (
        "某市乡村振兴三年(2019—2021年)行动方案\n"
        "1.完善村庄规划。2019年任务:完成村庄分类工作。2020年任务:一是4月底前完成村庄规划评估工作;"
        "二是10月底前完成规划修编。(牵头单位:市资源规划局)\n"
    )
    assert dated(text) == [(1, "4月底前", "2020-04-30"), (1, "10月底前", "2020-10-31")]



# A notice run together on one line with no space anywhere (a document viewer's copy): its
# items follow a sentence's or a bracket's end ("…。一、…(一)…1.…。(财政厅、…下同)2.…"); the
# convention stated in the first bracket after its units ("列在首位的为牵头部门,…下同") makes
# the first unit of each bracket the lead.
_RUN_ON = (
    "某省人民政府办公厅关于印发某省教育规划纲要任务分工方案的通知各设区市人民政府,省人民政府各部门:"
    "经省政府同意,现将任务分工方案印发给你们,请认真贯彻执行。省直有关部门要根据任务分工,抓紧出台"
    "配套政策,认真组织实施,并加强督促检查,确保各项工作的落实。各地要按照教育改革与发展的总体要求,"
    "结合当地实际,制定本地区贯彻落实的具体方案,周密部署、精心组织,确保规划纲要确定的各项目标任务"
    "落到实处。二○一一年五月六日"
    "某省教育规划纲要任务分工方案为贯彻落实规划纲要,现提出如下任务分工。"
    "一、普及学前教育(一)提高学前三年教育普及水平1.完善成本合理分担机制,对低保家庭幼儿入园"
    "保教费实行补助。(财政厅、发展改革委、教育厅。列在首位的为牵头部门或单位,有关部门和单位按"
    "职责分工负责,下同)2.制订办园标准,严格准入制度和收费管理。(教育厅、发展改革委、物价局)"
    "3.幼儿园建设纳入城乡建设规划,优先保证幼儿园建设用地。(发展改革委、教育厅、国土资源厅)"
    "4.积极扶持民办幼儿园,对城乡普惠性民办幼儿园给予补助。(教育厅、财政厅)(二)巩固提高九年"
    "义务教育水平5.推进义务教育均衡发展,缩小城乡、区域、校际差距。(教育厅、财政厅)"
)


def test_a_text_run_on_without_spaces_gives_its_numbered_items():
    assert [number for number, _ in titles(_RUN_ON)] == ["1", "2", "3", "4", "5"]
    roles = sorted_roles(_RUN_ON, collectives=False)
    assert (1, "财政厅", "lead") in roles and (1, "教育厅", "participant") in roles
    assert (3, "发展改革委", "lead") in roles and (3, "国土资源厅", "participant") in roles


# A bracket of units closed by the convention stated after them ("(财政厅、发展改革委、教育厅。
# 列在首位的为牵头部门或单位,…下同)") assigns its units; the statement is no unit.
def test_units_before_a_convention_in_their_bracket_are_assigned():
    text = (
        "一、普及学前教育\n"
        "1.完善成本合理分担机制。(财政厅、发展改革委、教育厅。列在首位的为牵头部门或单位,"
        "有关部门和单位按职责分工负责,下同)\n"
        "2.制订办园标准。(教育厅、发展改革委)\n"
    )
    assert sorted_roles(text, collectives=False) == [
        (1, "发展改革委", "participant"),
        (1, "教育厅", "participant"),
        (1, "财政厅", "lead"),
        (2, "发展改革委", "participant"),
        (2, "教育厅", "lead"),
    ]


# An item its own role labels close is one task, though its clauses each name a unit ("直管公房
# 由区房产局组织整治;区属单位由…督促…;…。牵头单位:区房产局。责任单位:区城管局。").
def test_an_item_closed_by_its_labels_is_not_split_at_its_clauses():
    text = (
        "方案\n12、临街建筑物粉刷出新整治。对城区主要道路两侧的建筑物立面采取清洗、粉刷等措施进行"
        "整治。直管公房由区房产局组织整治;区属单位由区房产局、城管局督促产权单位自行整治;区属住宅由"
        "区房产局督促房屋产权单位整治。牵头单位:区房产局。责任单位:区城管局。\n"
        "13、施工工地整治。对城区施工工地进行全面整治。牵头单位:区建设局。责任单位:区环保局。\n"
    )
    assert titles(text) == [("12", "临街建筑物粉刷出新整治"), ("13", "施工工地整治")]


# A heading's label lines over its numbered items (牵头单位:…, 成员单位:…) assign every item
# under it that names no unit of its own; 成员单位 is a label with its colon only.
_HEADING_LABELS = "\n".join(
    [
        "一、目标任务",
        "(一)重点地区市容市貌整治提升",
        "牵头单位:区建委",
        "成员单位:区执法局、区园林局",
        "以解放路以北区域为重点,主要解决“八乱”问题,全面提升城市形象。",
        "1.拆除区域内有碍观瞻的违规违章建筑,清理整顿沿街两侧占道经营行为。",
        "2.加大对各类市场及其周边的管理力度,新建地下农贸市场1处。",
        "3.整修破损道路,确保路面平坦。(责任单位:区市政局)",
    ]
)


def test_a_headings_label_lines_assign_the_items_under_it():
    assert sorted_roles(_HEADING_LABELS) == sorted([
        (1, "区园林局", "participant"),
        (1, "区执法局", "participant"),
        (1, "区建委", "lead"),
        (2, "区园林局", "participant"),
        (2, "区执法局", "participant"),
        (2, "区建委", "lead"),
        (3, "区市政局", "responsible"),
    ])


def test_members_named_in_prose_are_no_label():
    text = "三、联席会议成员单位\n联席会议成员单位由市府办、市发展和改革局、市财政局组成。\n"
    labels = {a.role_label for a in process_text(text).extraction.agencies}
    assert labels == {"组成"}  # the members, read by the verb naming them, no label


# Lines each led by a unit, its alias in brackets after its name ("秘书处(组织人事处) 负责…"):
# the bracket names the same unit, no point it closes; a section known by its number (综合二处)
# is a unit, no count.
def test_a_units_alias_bracket_closes_no_point():
    text = "\n".join(
        [
            "关于调整办公室各处室工作职能的通知",
            "秘书处(组织人事处) 负责文电收发、登记、传递、分办和催办工作;负责印鉴管理、公文核稿、保密工作。",
            "行政处 负责机关后勤工作;负责本机关财务、行政和国有资产管理工作;负责本机关安全保卫工作。",
            "综合二处 负责办理城乡规划、住房和城乡建设、交通运输等方面的文电、会务和督查调研工作。",
            "综合三处 负责办理民政、人民武装、安全生产、旅游等方面的文电、会务和督查调研工作。",
        ]
    )
    result = process_text(text)
    mentions = [a.mention for a in result.extraction.agencies]
    assert mentions == ["秘书处(组织人事处)", "行政处", "综合二处", "综合三处"]
    assert result.extraction.targets == ()


# A day glossed in brackets ("於明(15)日開議") is no item number.
def test_a_day_in_brackets_is_no_item():
    text = (
        "一、有關地方警力問題所提意見,請內政部會同人事總處研議解決。\n"
        "二、立法院第9屆第7會期即將於明(15)日開議,各機關首長均應列席備詢。\n"
    )
    assert [number for number, _ in titles(text)] == ["一", "二"]


# A day past its month's end (2008年9月31日前, a slip) is read as that month's end.
def test_a_day_past_its_months_end_is_that_end():
    text = "通知\n1.各承办单位要在2008年9月31日前全部办结。(责任单位:市政府办公室)\n"
    assert [d for *_, d in dated(text)] == ["2008-09-30"]


# A group's kind printed again in brackets after it (省级主管部门（单位）) keeps it a group.
def test_a_kind_in_brackets_after_a_group_keeps_it_a_group():
    text = (
        "通知\n二、部门自查\n由省政府办公厅、住房城乡建设厅、财政厅等省级主管部门（单位）牵头完成"
        "自查报告，其他相关部门（单位）配合。\n"
    )
    collective = {a.mention: a.collective for a in process_text(text).extraction.agencies}
    assert collective == {
        "省政府办公厅": False,
        "住房城乡建设厅": False,
        "财政厅": False,
        "省级主管部门（单位）": True,
        "其他相关部门（单位）": True,
    }


# A joint inspection list: its 发起部门 leads, its 配合部门 take part, its 抽查比例 is the row's
# target, its 实施层级 a note.
def test_a_joint_inspection_list_reads_its_columns():
    text = "\n".join(
        [
            "某市部门联合抽查事项清单",
            "序号 | 抽查事项 | 检查对象 | 抽查比例 | 发起部门 | 配合部门 | 实施层级 |",
            "1 | 学校招生、办学、收费等情况的检查 | 校外培训机构 | 10% | 教育部门 | 市场监管部门 | 区级 |",
            "2 | 宾馆取得许可证情况的检查 | 各类宾馆 | 5% | 公安部门 | 消防救援机构 | 市级 |",
        ]
    )
    result = process_text(text)
    assert sorted_roles(text) == [
        (1, "市场监管部门", "participant"),
        (1, "教育部门", "lead"),
        (2, "公安部门", "lead"),
        (2, "消防救援机构", "participant"),
    ]
    assert [(t.task_seq, t.raw) for t in result.extraction.targets] == [(1, "10%"), (2, "5%")]


# A working group made of units (由县公安局、安监局、消防大队等单位组成) headed by one unit's
# head (组长由县公安局有关负责人担任): that unit leads, the others take part; a deputy's unit
# (副组长由…担任) leads nothing. (2515 岫岩, its groups' lines)
def test_a_working_groups_members_and_head():
    text = "\n".join(
        [
            "  2.3.1抢险救援组。由县公安局、安监局、消防大队、事故单位和专业救援队、企业消防队等单位"
            "组成。主要负责灾情勘查、现场紧急处置、抢险施救和现场清理等工作,抢险救援组组长由县公安局"
            "有关负责人担任。",
            "  2.3.4现场保卫组。由县公安局、武警岫岩中队等单位组成。主要负责应急救援区的安全、设置现场"
            "警戒区域、维护现场秩序等现场保卫工作。现场保卫组组长由县公安局有关负责人担任,副组长由"
            "武警岫岩中队负责人担任。",
        ]
    )
    roles = sorted_roles(text)
    assert (1, "县公安局", "lead") in roles and (1, "安监局", "participant") in roles
    assert (2, "县公安局", "lead") in roles and (2, "武警岫岩中队", "participant") in roles
    assert (2, "武警岫岩中队", "lead") not in roles


# A date alone in brackets after the work it closes is its due date; a year alone in brackets
# inside a title is none. 及时 and 同时 after a unit are adverbs, no joiner to a next name.
def test_a_bracketed_date_after_the_work_and_adverbs_after_a_unit():
    text = (
        "通知\n一、加快试点项目的实施与管理,确保试点项目按期完成竣工验收(2015年5月)。\n"
        "二、印发《某市规划(2015年)》。\n三、县扶贫办及时审核各乡镇报送的资料。\n"
    )
    assert dated(text) == [(1, "2015年5月", "2015-05-31")]
    assert sorted_roles(text) == [(3, "县扶贫办", "responsible")]


# Points numbered (1)(2)… run on after an item's heading, each closed by its own bracket of
# units, are tasks of their own; a point run on after the last bracket (a page cut inside it)
# stands apart (and, cut, is left out).
def test_points_each_closed_by_a_bracket_are_tasks():
    text = (
        "一、持续减少审批事项\n"
        "1.深化商事制度改革。(1)全面落实“多证合一”改革。全面实行“多证合一、一照一码”。"
        "(市工商质监局牵头负责)(2)完善企业登记全程电子化。推行全程电子化登记。(市工商质监局"
        "牵头负责)(3)推进企业名称登记改革。全面开放市企业名称库,制定名称禁限用规则和相同相近规则,"
        "建设完善企业\n"
    )
    assert titles(text) == [("(1)", "全面落实“多证合一”改革"), ("(2)", "完善企业登记全程电子化")]
    assert sorted_roles(text) == [(1, "市工商质监局", "lead"), (2, "市工商质监局", "lead")]


# A unit's duties introduced by the unit ("县委政法委主要有以下职能:" over 一、二、…) or a unit's
# handbook (市金融工作办公室管理手册): the unit owns every item that names none.
def test_a_units_duties_introduced_by_it_are_its_own():
    text = (
        "县委政法委员会是县委领导、管理政法工作的职能部门。县委政法委主要有以下职能:\n"
        "一、根据党的路线、方针、政策和党委的部署,统一政法各部门的思想和行动;\n"
        "二、对一定时期内的政法工作作出全局性部署,并督促贯彻落实;\n"
        "三、组织协调指导维护社会稳定的工作;\n"
    )
    assert sorted_roles(text) == [
        (1, "县委政法委", "responsible"),
        (2, "县委政法委", "responsible"),
        (3, "县委政法委", "responsible"),
    ]
