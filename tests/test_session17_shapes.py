"""Issue 16: shapes met in the seventeenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from pipeline.records import Metadata
from pipeline.stages.deadlines import reference_year
from tests.helpers import task_units


# One home for a document number's shape (rules/segment.yaml meta.doc_number): its brackets
# may be round ones, as many web copies print them.
def test_a_document_number_in_round_brackets_is_the_notice_s_number_and_year():
    text = "\n".join([
        "京政办发(2023)5号",
        "北京市人民政府办公厅关于印发重点工作任务分工方案的通知",
        "1.地区生产总值增长5%以上。(市发展改革委牵头)",
    ])
    meta = process_text(text).extraction.segmentation.metadata
    assert meta.doc_number == "京政办发(2023)5号"
    assert reference_year(Metadata(doc_number=meta.doc_number), "") == 2023


def test_a_covering_letter_numbered_in_round_brackets_gives_no_task():
    text = "\n".join([
        "常熟市人民政府办公室文件 常政办发(2018)32号 市政府将2018年政府工作分解为11项工作目标。"
        "市政府办公室将适时进行督查。",
        "1.地区生产总值增长7%以上。(发改委牵头)",
        "2.一般公共预算收入增长8%以上。(财政局牵头)",
    ])
    assert [t.number for t in process_text(text).extraction.segmentation.tasks] == ["1", "2"]


def test_a_document_cited_by_its_number_in_a_unit_s_place_names_no_unit():
    text = "\n".join([
        "二、工作任务",
        "(一)按照甘政办发(2011)230号文件要求,完成清理。",
        "(二)加强督查。(市监察局负责)",
    ])
    assert task_units(text)[1] == ["市监察局"]
    assert not any("甘政办发" in unit for units in task_units(text) for unit in units)


# Unit labels in traditional script (廳, 會, 處 end their names): the test for a name's last
# character near a line's start reads either script.
def test_unit_labels_in_traditional_script_each_own_a_line():
    text = "\n".join([
        "為做好救災工作,現將各部門職責明確如下:",
        "民政廳:負責災民的生活救助和救災款物的發放。",
        "財政廳:負責救災資金的籌措和撥付。",
        "衛生廳:負責災區的醫療救護和衛生防疫。",
    ])
    assert task_units(text) == [["民政廳"], ["財政廳"], ["衛生廳"]]


# A unit label joined to a person label (责任单位及责任人): one list for both, whose units
# take the unit label's role and whose closing posts (主要领导) are no unit.
_UNITS_AND_PERSONS = "\n".join([
    "一、消防站点建设",
    "1.2009年底前,完成特勤消防三中队建设,并配套完成消防车辆装备建设。",
    "责任单位及责任人:呈贡县政府、市发改委、市公安消防支队主要领导。",
    "2.2009年底前,完成经开消防中队建设。",
    "责任单位及责任人:经开区管委会主要领导。",
    "3.2010年底前,完成东川消防二中队建设。",
    "责任单位及责任人:东川区政府主要领导。",
])


def test_a_unit_label_joined_to_a_person_label_gives_its_units_without_their_posts():
    assert task_units(_UNITS_AND_PERSONS) == [
        ["呈贡县政府", "市发改委", "市公安消防支队"], ["经开区管委会"], ["东川区政府"],
    ]
    roles = {a.role for a in process_text(_UNITS_AND_PERSONS).extraction.agencies}
    assert roles == {"responsible"}


# A covering letter's list of attachments whose last title closes on a full stop and a note
# (2.重点项目资金估算表。(略)) is no task.
def test_an_attachment_title_closed_by_a_full_stop_and_a_note_is_no_task():
    text = "\n".join([
        "附件:1.加强全市消防部队应急救援能力建设主要目标任务及责任分解;",
        "2.重点项目资金估算表。(略)",
        "二〇〇九年五月三十一日",
        "附件1",
        _UNITS_AND_PERSONS,
    ])
    tasks = process_text(text).extraction.segmentation.tasks
    assert [t.number for t in tasks] == ["1", "2", "3"]


# A problems list grouped by site: each site's line names its units in brackets by a role
# label, and the numbered problems under it name none.
def test_a_site_line_naming_its_units_in_brackets_gives_them_to_the_items_under_it():
    text = "\n".join([
        "附件:",
        "督查发现的问题和隐患",
        "胖东来时代广场(责任单位:魏都区,市消防支队)",
        "1.进门地面无荧光标识;",
        "2.防火卷帘门下无提示;",
        "3.疏散图无所在位置;",
        "许昌万达广场(责任单位:东城区,市消防支队)",
        "1.消防控制室值班人员无证上岗;",
        "2.部分疏散指示标志损坏。",
    ])
    assert task_units(text) == [["魏都区", "市消防支队"]] * 3 + [["东城区", "市消防支队"]] * 2


# A two-column table copied one row a line: a name, then after spaces the unit answerable for
# it; normalizing drops those spaces, the document's gaps keep where they were. The last item,
# its number alone, is where the page stops.
_SITES_AND_UNITS = "\n".join([
    "附:2007年度政府挂牌重大火灾隐患单位及督改责任单位名单",
    "重大火灾隐患单位督改责任单位",
    "1、南京随园大厦 鼓楼区人民政府",
    "2、江苏省伤残人康复中心 鼓楼区人民政府",
    "3、南京天京大酒店  白下区人民政府",
    "4、南京花神家居有限公司花神家具港  雨花台区人民政府",
    "5、",
])


def test_a_unit_after_the_last_space_of_each_item_of_a_list_is_its_unit_cell():
    assert task_units(_SITES_AND_UNITS) == [
        ["鼓楼区人民政府"], ["鼓楼区人民政府"], ["白下区人民政府"], ["雨花台区人民政府"],
    ]
    titles = [t.title_end - t.title_start for t in process_text(_SITES_AND_UNITS).extraction
              .segmentation.tasks]
    assert titles == [len("南京随园大厦"), len("江苏省伤残人康复中心"), len("南京天京大酒店"),
                      len("南京花神家居有限公司花神家具港")]


def test_one_item_naming_a_unit_after_a_space_is_no_column_ofunits():
    text = "\n".join([
        "1、全面推进消防规划 市规划局",
        "2、加强消防宣传教育工作,提高群众安全意识。",
        "3、落实消防安全责任制,加强督查。",
    ])
    assert task_units(text)[0] == []


# Words of referring a matter upward (提请, 报请) never stand inside a name; a level's body
# named by its level alone (本级政府) is a group.
def test_a_clause_referring_a_matter_upward_names_no_unit():
    text = "\n".join([
        "1.负责使用领域消防产品的监督检查,推广应用消防新技术、新产品。",
        "2.对需要政府协调解决的重大消防安全问题,提出处理意见并提请公安机关报请本级政府协调解决。",
        "3.负责调查火灾原因,统计火灾损失。",
    ])
    assert task_units(text) == [[], [], []]


# A task opening on a label that lists several units, fields sharing their kind of body or
# a name joined to such fields, before a colon: each is a unit of the task.
_LISTING_LABELS = (
    "(三)发改委和财政、统计部门:要把农村劳动力转移纳入全市国民经济和社会发展的中长期规划。\n"
    "(四)建设、交通、水务、林业部门:要在行业管理和项目建设工作中,优先使用农村劳动力。\n"
    "(五)民政部门:要做好困难群众救助工作。"
)


def test_a_task_opening_on_a_label_listing_units_names_each():
    assert task_units(_LISTING_LABELS, suffixes=True) == [
        [("发改委", None), ("财政", "部门"), ("统计部门", None)],
        [("建设", "部门"), ("交通", "部门"), ("水务", "部门"), ("林业部门", None)],
        [("民政部门", None)],
    ]


# A continuation page opening on a sentence addressed to every unit at once, then clauses
# each led by a unit, before the next numbered section: a task a unit's sentence; a unit a
# clause joins to the work (并与X共同…) acts in it.
def test_a_page_opening_on_an_exhortation_then_units_duties_gives_a_task_a_unit():
    text = "\n".join([
        "各级各部门要按分工负责、注重协作的原则,强化信息沟通,形成工作合力。市金融办牵头负责全市政策"
        "性农业保险工作,研究制定政策措施。财政部门负责做好保费补贴资金的预算、筹集、拨付等各项工作。"
        "农业、林业等部门要对各自业务管辖范围内的险种提供技术支持,并与保险公司共同制订有关制度。",
        "四、实施范围和参保对象",
        "根据总体方案,能繁母猪、奶牛保险在全市范围开办。",
    ])
    assert task_units(text)[:3] == [["市金融办"], ["财政部门"], ["农业", "林业", "保险公司"]]


# A two-column table of units and their duties copied a cell a line, unnumbered: a task per
# unit's line and the line of duties under it; the notes after the table are no task.
_UNITS_OVER_DUTIES = "\n".join([
    "精神病人肇事肇祸预防处置与服务管理",
    "相关部门 职责分工",
    "民政局",
    "负责对贫困人员、生活无着的流浪乞讨人员中的肇事肇祸精神病人的医疗救助和生活救助有关工作。",
    "公安局",
    "指导全县公安机关对严重危害他人人身安全的肇事肇祸行为依法进行处置。",
    "卫生和计生局",
    "构建重性精神疾病管理治疗网络,组织做好信息收集管理和分析上报。",
    "《中华人民共和国精神卫生法》第八条",
])


def test_units_lines_each_over_the_line_of_their_duties_give_a_task_each():
    result = process_text(_UNITS_OVER_DUTIES)
    assert task_units(_UNITS_OVER_DUTIES) == [["民政局"], ["公安局"], ["卫生和计生局"]]
    for task in result.extraction.segmentation.tasks:  # the unit's line is the task's own
        assert all(task.start <= field.start for field in task.fields)
    assert any("units' lines each over the line of their duties" in w for w in result.warnings)


# Units joined by a word that ranks them (X会同Y…) are the subject of their sentence even
# when a comma parts them from its verb: those before lead, those after take part. A bracket
# between two nouns of a list names the noun before it, no unit owning the task; a group
# named whole (有关部门) ends there.
def test_units_ranked_by_a_joining_word_lead_and_take_part_before_a_comma():
    text = "\n".join([
        "1.市委组织部会同市委党校等有关部门,将艾滋病防治知识纳入各级党校(行政学院)、干部学校"
        "和团校的培训课程内容,并负责督导检查落实。",
        "2.教育部门负责落实宣传教育。",
        "3.省发改委会同有关部门在调研的基础上研究答复意见。",
    ])
    extraction = process_text(text).extraction
    found = [(a.task_seq, a.mention, a.role) for a in extraction.agencies]
    assert found == [
        (1, "市委组织部", "lead"), (1, "市委党校", "participant"),
        (2, "教育部门", "responsible"),
        (3, "省发改委", "lead"), (3, "有关部门", "participant"),
    ]


# A progress table copied a cell a line whose task column is named by the follow-up (督查内容)
# and whose lead column's name is broken over two lines (牵头责任 / 单位).
def test_a_stacked_progress_table_with_a_supervision_column_gives_its_rows():
    text = "\n".join([
        "序号", "督查内容", "牵头责任", "单位", "协同责任单位", "落实情况", "(全年)", "完成状态",
        "1", "地区生产总值增长8.5%以上。", "市发改委", "市政府各部门、各直属机构。",
        "全年地区生产总值增长11%。", "已完成",
        "2", "规上工业增加值增长9.5%以上。", "市经信局", "市发改委、市税务局等。",
        "全年规上工业增加值同比增长15.5%。", "已完成",
    ])
    extraction = process_text(text).extraction
    leads = [(a.task_seq, a.mention) for a in extraction.agencies if a.role == "lead"]
    assert leads == [(1, "市发改委"), (2, "市经信局")]
    assert [t.raw for t in extraction.targets] == ["地区生产总值增长8.5%以上", "规上工业增加值增长9.5%以上"]


# A heading whose subject is a unit answerable for the work (X对…负总责。具体为:) gives that
# unit to every item under it that names none.
def test_a_heading_opening_on_a_unit_answerable_for_the_work_owns_its_items():
    text = "\n".join([
        "三、厅运输管理局对全省道路运输行业安全工作负总责。具体为:",
        "1、加强道路运输行业的源头管理。",
        "2、加大危险货物运输管理力度。",
        "四、厅公路局对全省公路安全工作负总责。具体为:",
        "1、加强公路养护安全管理。",
    ])
    assert task_units(text) == [["厅运输管理局"], ["厅运输管理局"], ["厅公路局"]]


# Duties divided by the kind of problem: a clause naming what the work is about opens each
# task, before the clause of the unit that does it.
def test_a_clause_naming_what_the_work_is_about_opens_the_task_before_its_unit():
    text = (
        "记者获悉,我市根据积水点位成因与类型,相应部门有明确的职责分工:关于排水管道不畅、河道清淤"
        "疏浚等问题,由市生态环境保护局负责整治落实;因路面高低不平引起的道路积水问题,由城市管理局"
        "负责整治落实;因道路结构设计引发的道路积水,由市交通和城市建设局负责整治落实。"
    )
    tasks = process_text(text).extraction.segmentation.tasks
    assert [text[t.title_start : t.title_start + 4] for t in tasks] == ["关于排水", "因路面高", "因道路结"]
    assert task_units(text) == [["市生态环境保护局"], ["城市管理局"], ["市交通和城市建设局"]]


# A progress report quoting the tasks it reports on by their number, each after the unit
# leading it: a task per quote, titled by it, with its target; a table of its header alone
# (the page cut before its rows) gives no task.
def test_tasks_quoted_by_their_number_after_their_lead_unit_are_tasks():
    text = "\n".join([
        "未达预期8项分别是:市发改委牵头的第1项“地区生产总值增长6.5%以上”,一季度增长6.4%;"
        "市财政局牵头的第4项“一般公共预算收入增长5%”,1-5月份增长4%;市生态环境局牵头的第11项"
        "“生态环境质量指标完成省下达目标任务”,优良天数比例80.8%。",
        "附件", "序号 |", "重点工作任务 |", "牵头责任单位 |", "1-5月份进展情况 |", "近期工作安排 |",
    ])
    extraction = process_text(text).extraction
    tasks = extraction.segmentation.tasks
    assert [(t.number, text[t.title_start : t.title_end]) for t in tasks] == [
        ("1", "地区生产总值增长6.5%以上"), ("4", "一般公共预算收入增长5%"),
        ("11", "生态环境质量指标完成省下达目标任务"),
    ]
    assert [(a.mention, a.role) for a in extraction.agencies] == [
        ("市发改委", "lead"), ("市财政局", "lead"), ("市生态环境局", "lead"),
    ]
    assert [t.raw for t in extraction.targets] == ["地区生产总值增长6.5%以上", "一般公共预算收入增长5%"]


# A news item reporting each unit's progress: an adverb of progress (现已, 已经) may stand
# between the unit and its verb; a verb ending on 处 (组织查处) names no office.
def test_units_reported_with_an_adverb_of_progress_are_the_subjects_of_their_sentences():
    text = (
        "市公安局现已制定防爆和反恐应急方案、安保方案等,并将全面做好赛事安检工作。"
        "市卫计委现已落实三家医院开放绿色通道。团市委积极协调500名青年志愿者为赛事提供志愿服务。"
    )
    assert task_units(text) == [["市公安局"], ["市卫计委"], ["团市委"]]


def test_a_verb_ending_on_an_office_character_names_no_office():
    text = "\n".join([
        "1.会同有关部门依法查处组织学生从事危险性劳动的行为,组织查处学校乱收费行为。",
        "2.省教育厅负责教育系统安全生产统计分析。",
    ])
    assert task_units(text) == [[], ["省教育厅"]]


# A report naming projects in quotes, each closed by a bracket of its unit, before a table of
# more; the table's last row, which the page stops inside, is cut.
def test_quoted_projects_with_their_unit_before_a_table_and_a_cut_last_row():
    text = "\n".join([
        "另,“新开工提标加固海塘18.4公里”(市水利局)、“老旧小区改造”(市住建局)等项目均能如期完成。",
        "序号 | 项目内容 | 年度完成情况 | 责任单位 | 责任人 |",
        "1 | 新增2个乡镇(街道)建有托育机构 | 完成新增。 | 市卫健局 | 仇永亲 |",
        "2 | 新增托位1140个 | 新增托位1155个。 | 市卫健局 | 黄李虎 |",
        "3 | 新改扩建公办幼儿园3所 | 新建成投用清江幼儿园,新",
    ])
    result = process_text(text)
    assert task_units(text) == [["市水利局"], ["市住建局"], ["市卫健局"], ["市卫健局"]]
    assert [t.raw for t in result.extraction.targets][:1] == ["新开工提标加固海塘18.4公里"]
    assert any("stops mid-sentence inside its last task" in w for w in result.warnings)


# Duty lines, one opening on a group and then a unit (各辖市(区)政府、镇江新区管委会具体负责…):
# that line is a unit's line of its own; a short bracket inside a name (各辖市(区)政府) or
# closing its alias before the verb (市生态环境保护局(水务处)负责) parts no clause.
def test_a_duty_line_opening_on_a_group_then_a_unit_is_a_unit_line():
    text = "\n".join([
        "四、职责分工",
        "市农村生活污水治理工作领导小组负责协调全市农村生活污水治理工作。",
        "各辖市(区)政府、镇江新区管委会具体负责本辖区范围内自然村生活污水治理工作的组织实施。",
        "市环保部门负责审核各地污水处理模式和工艺设计。",
        "市建设部门负责对各地污水处理工程的技术指导。",
    ])
    assert task_units(text) == [
        ["市农村生活污水治理工作领导小组"], ["各辖市(区)政府", "镇江新区管委会"],
        ["市环保部门"], ["市建设部门"],
    ]


# Duties numbered inline in one paragraph under a section (成员单位主要职责是:(1)发改局负责…。
# (2)规划、国土分局负责…。(3)经贸局…): a list of tasks of its own, not the section's points;
# the section before it, a goal naming no unit, gives none; a list broken off is cut.
def test_duties_numbered_inline_each_opening_on_a_unit_are_tasks():
    text = "\n".join([
        "一、指导思想和目标",
        "以“三个代表”重要思想为指导,力争用3年时间,完成全区14个菜市场提升。",
        "二、组织领导和职责",
        "区政府成立区菜市场升级改造工作领导小组。成员单位主要职责是:(1)发改局负责菜市场提升涉及到的"
        "项目立项。(2)规划、国土分局负责协调菜市场升级改造工作中的规划、用地服务。(3)经贸局在商业"
        "网点布局中要结合菜市场升级改造。(4)农林局、",
    ])
    tasks = process_text(text).extraction.segmentation.tasks
    assert [t.number for t in tasks] == ["(1)", "(2)", "(3)"]
    assert task_units(text)[0] == ["发改局"]


# A progress table spaced out: columns of what is done (已完成数, 占年任务之比) are notes, and
# the units stand in the 备注 column where the 单位 column prints measures (万人, 公里).
def test_units_in_a_note_column_where_the_unit_column_prints_measures():
    text = "\n".join([
        "岳阳市1-11月12件重点民生实事工作落实情况",
        "序号 考核指标 单 位 工作目标 已完成数 占年任务之比 备  注",
        "1 城镇新增就业 万人 5.2 7.23  139.1% 人力资源社会保障局",
        "2 自然村通水泥(沥青)路 公里  1360 1361.92  100.1% 交通局",
        "3 新增农村通自来水人口 万人  4.52 5.52  122.0% 水利局",
    ])
    assert task_units(text) == [["人力资源社会保障局"], ["交通局"], ["水利局"]]


# A list whose title opens on the unit it is for, then the year ("教育体育局2020年为民办实事"):
# the unit owns every item naming none; lines giving how to reach units are no duties.
def test_a_title_opening_on_its_unit_then_the_year_gives_it_every_item():
    text = "\n".join([
        "教育体育局2020年为民办实事",
        "1.实施校舍安全工程,完成加固校舍3.03万平方米。",
        "2.开工建设新城小学。",
        "3.实施校园“三防”提升建设,保障学校安全。",
        "联系电话:",
        "市实事办:0730-3722362",
        "市统计局:0730-3723073",
        "市教体局:0730-3732079",
    ])
    assert task_units(text) == [["教育体育局"]] * 3


def test_a_division_among_a_unit_s_offices_is_not_owned_by_the_unit_its_title_names():
    text = "\n".join([
        "中山市工业和信息化局2022年政务公开工作要点分工方案",
        "1.规范行政法规使用。(产业政策与法制科牵头)",
        "2.规范使用全省政府信息依申请公开系统。",
    ])
    assert task_units(text) == [["产业政策与法制科"], []]


# A section's list opening on its second item (its first not printed) after another section's
# list of four: the heading restarts the numbers, so the list stands.
def test_a_list_under_a_new_heading_may_open_on_its_second_item():
    text = "\n".join([
        "一、责任目标",
        "1、切实加强“五整顿”工作。", "2、开展专项整治。", "3、加强路面管理。", "4、排查隐患。",
        "二、职责任务",
        "2、派出所、司法所:在镇政府的统一安排下,加强道路的监管。",
        "3、农机管理站:集中开展农机安全检查,纠正农机违章作业。",
        "4、中学、教育办:做好各级各类学校交通安全宣传教育。",
    ])
    tasks = process_text(text).extraction.segmentation.tasks
    assert [t.number for t in tasks][-3:] == ["2", "3", "4"]
    assert task_units(text)[-3:-1] == [["派出所", "司法所"], ["农机管理站"]]


# The same report in a copy that lost the quotes and most 项: each number of a unit's clause
# is a task, titled up to its first comma or the period whose result is reported after it.
def test_tasks_cited_by_number_without_quotes_share_their_unit_s_clause():
    text = (
        "未达预期7项分别是:市发改委牵头的第1地区生产总值增长6.5%以上,三季度增长5.5%、增速居全省"
        "第8位,第2固定资产投资增长8%以上1-10月份增长0.5%;市工业和信息化局牵头的第3项规模以上"
        "工业增加值增长9%以上,1-10月份增长8.3%。"
    )
    extraction = process_text(text).extraction
    tasks = extraction.segmentation.tasks
    assert [(t.number, text[t.title_start : t.title_end]) for t in tasks] == [
        ("1", "地区生产总值增长6.5%以上"), ("2", "固定资产投资增长8%以上"),
        ("3", "规模以上工业增加值增长9%以上"),
    ]
    assert task_units(text) == [["市发改委"], ["市发改委"], ["市工业和信息化局"]]
    assert len(extraction.targets) == 3


def test_a_header_printed_twice_over_cells_a_line_raises_nothing():
    """A copy printing its header's names twice, one a line, before rows whose numbers stand
    further down than the header is wide (found by test_fuzz): read without an error."""
    text = "\n".join([
        "领域", "主要目标", "主要责任单位", "责领域", "主要责任单位", "责任单位",
        "1.妇女在整个生命周期享有良好的基本卫生服务。",
    ])
    result = process_text(text)  # raised IndexError (table_lines.numbered_cell_rows) before
    assert len(result.extraction.segmentation.tasks) == 1


# A quota divided among places in prose, the task naming no unit: each place leading a target
# owns the task.
def test_places_leading_the_targets_of_a_quota_own_the_task():
    text = "\n".join([
        "一、目标任务",
        "1.2008年廉租住房保障货币补贴目标任务:颍州区482户,颍泉区423户,颍东区287户。",
        "2.加快推进廉租住房建设。",
    ])
    assert task_units(text) == [["颍州区", "颍泉区", "颍东区"], []]


def test_a_copula_before_the_government_names_no_unit():
    text = (
        "菜市场改造关键就是政府要围绕群众买菜的基本需求,做好菜市场布局。商务局要统筹规划布局,"
        "做好保障供给。城管委要抓好卫生整治,改善市场环境。"
    )
    assert not any("就是" in unit for units in task_units(text) for unit in units)
