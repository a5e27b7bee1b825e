"""Issue 16: shapes met in the sixteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from datetime import date

from pipeline import process_text
from tests.helpers import task_units


def _due_dates(text: str) -> dict[int, list[date | None]]:
    extraction = process_text(text).extraction
    found: dict[int, list[date | None]] = {t.seq: [] for t in extraction.segmentation.tasks}
    for d in extraction.deadlines:
        found[d.task_seq].append(d.due_date)
    return found


# A campaign's news item: the time of the action stated once in a clause, then the tasks.
_ACTION_TIME = "\n".join([
    "此次专项行动时间为2016年12月1日至2017年2月28日。",
    "市公安局牵头,负责组织开展对道路交通领域的专项整治工作。",
    "市住建局牵头,负责组织开展对建筑施工领域的专项整治工作。",
    "市商务局牵头,负责组织开展对商贸领域的专项整治工作。",
])


def test_the_time_of_an_action_stated_in_a_clause_is_every_task_s_due_date():
    assert _due_dates(_ACTION_TIME) == {1: [date(2017, 2, 28)], 2: [date(2017, 2, 28)],
                                        3: [date(2017, 2, 28)]}


def test_a_window_cut_before_its_end_is_no_due_date():
    text = _ACTION_TIME.replace("至2017年2月28日。", "至\n")
    assert _due_dates(text) == {1: [], 2: [], 3: []}


# A section of its own between two groups of tasks names the time of all the work.
_TIME_SECTION = "\n".join([
    "一、目标任务",
    "(一)新建改造农村供水工程7处。(区水务局牵头、各街办配合)",
    "(二)维修养护渠道111.5公里。(各街办牵头、区水务局配合)",
    "二、时间安排",
    "即日起至2018年3月31日。",
    "三、工作要求",
    "(一)加强组织领导。区水务局要把责任落实到位。",
])


def test_a_time_section_between_the_tasks_dates_those_that_print_none():
    found = _due_dates(_TIME_SECTION)
    assert set(found) == {1, 2, 3}
    assert all(dates == [date(2018, 3, 31)] for dates in found.values())


def test_a_range_s_end_without_a_year_falls_in_the_year_its_start_prints():
    text = "\n".join([
        "1.开展农村饮水安全排查,2021年3月7日至3月10日前完成。(市水务局牵头)",
        "2.开展城区供水安全排查,2021年3月7日至3月10日前完成。(市住建局牵头)",
        "3.开展学校食堂安全排查,2021年3月7日至3月10日前完成。(市教育局牵头)",
        "印发日期:2023年1月5日",
    ])
    assert _due_dates(text) == {1: [date(2021, 3, 10)], 2: [date(2021, 3, 10)],
                                3: [date(2021, 3, 10)]}


# A quota divided among counties, each row titled by its place; some places read like a
# person's name (万源, 宣汉: 万 and 宣 are surnames) and own their rows all the same.
_PLACE_ROWS = "\n".join([
    "附件:2011年保障性安居工程建设任务分解表",
    "县(市、区) | 合计 | 廉租住房 | 公共租赁住房 |",
    "通川区 | 2713 | 700 | 1000 |",
    "万源 | 1860 | 600 | 500 |",
    "宣汉 | 2080 | 800 | 1000 |",
    "渠县 | 2417 | 800 | 1000 |",
])


def test_a_place_titling_its_row_owns_it_though_it_reads_like_a_person_s_name():
    assert task_units(_PLACE_ROWS) == [["通川区"], ["万源"], ["宣汉"], ["渠县"]]


# Duties divided a unit a paragraph, each unit labelled with its duties (X职责:), one label a
# list of units, two paragraphs run together on one line.
_DUTY_LABELS = "\n".join([
    "市城乡规划局、市国土资源局、市住房和城乡建设局职责:结合各职能,依法对上报的私搭乱建进行认定。",
    "市数字化城市管理中心职责:负责私搭乱建信息采集工作,组织信息采集队伍巡查。",
    "市规划监察支队职责:成立核查大队,负责对拆除情况巡视、暗访。市城建执法监察支队职责:负责对"
    "辖区私搭乱建情况进行巡视、暗访和督查。",
])


def test_units_labelled_with_their_duties_each_own_a_paragraph():
    assert task_units(_DUTY_LABELS) == [
        ["市城乡规划局", "市国土资源局", "市住房和城乡建设局"], ["市数字化城市管理中心"],
        ["市规划监察支队"], ["市城建执法监察支队"],
    ]


# A campaign's plan: its time and its scope are sections, not tasks; a count's bracket names
# what it includes, no unit; the time is every task's due date.
_SCOPE_AND_TIME = "\n".join([
    "一、集中清理时间",
    "从2020年3月10日起至3月31日结束。",
    "二、集中清理范围",
    "全县22个乡镇(街道),298个村(含小东镇)和绕阳河苇场。",
    "三、集中清理内容",
    "1. 清理村内道路两侧积存垃圾。(监督指导责任单位:县交通局)",
    "2. 清除村内垃圾池周边垃圾。(监督指导责任单位:县住建局)",
    "3. 清除河道、池塘等水体积存垃圾。(监督指导责任单位:县水利局)",
])


def test_a_scope_section_is_no_task_and_what_a_count_includes_is_no_unit():
    assert task_units(_SCOPE_AND_TIME) == [["县交通局"], ["县住建局"], ["县水利局"]]


def test_a_time_section_s_window_from_start_to_end_dates_every_task():
    assert _due_dates(_SCOPE_AND_TIME) == {k: [date(2020, 3, 31)] for k in (1, 2, 3)}


def test_a_window_the_work_is_done_in_dates_every_task():
    text = "\n".join([
        "我市于8月1日到9月30日开展为期两个月的“六乱”整治专项行动。",
        "城管部门负责整治占道经营。",
        "交警部门负责整治乱停乱放。",
        "市场监管部门负责整治市场周边环境。",
        "2020年7月28日",
    ])
    assert _due_dates(text) == {k: [date(2020, 9, 30)] for k in (1, 2, 3)}


def _warnings(text: str) -> list[str]:
    return list(process_text(text).warnings)


# A page of a longer document: its last item stops mid-sentence.
_CUT_PAGE = "\n".join([
    "34、公安部门要创新农牧区交通管理警务机制,加强交通安全警务室建设。",
    "35、交通部门要大力发展农牧区客运交通,加强农牧区公路建设。",
    "36、宣传、公安、教育等部门要深入开展交通安全宣传。要认真落实《中小学公共安全教育指导纲要",
])


def test_a_text_stopping_mid_sentence_in_its_last_task_is_flagged_cut():
    assert any("stops mid-sentence inside its last task (36)" in w for w in _warnings(_CUT_PAGE))


def test_a_last_task_closed_by_its_label_line_is_not_flagged_cut():
    text = _CUT_PAGE.rsplit("\n", 1)[0] + "\n36、深入开展交通安全宣传。\n牵头单位:市委宣传部"
    assert not any("mid-sentence" in w for w in _warnings(text))


def test_fields_listed_before_the_bodies_they_share_then_a_group_tail_are_subjects():
    text = "\n".join([
        "供销社保障应急物资储备,电信、电力部门确保供电、通讯畅通,社保、卫生、教育等部门确保"
        "受灾群众生活供给,公安部门做好治安管理和安全保卫。",
    ])
    assert ["社保", "卫生", "教育"] in task_units(text)


# A continuation page of duties, units parted from their duties by a comma, sentences run
# together on one line, then a numbered section run on after the last of them.
_COMMA_UNITS = (
    "[接上页] 交通部门,负责通村公路和道路建设。 教育部门,负责试点嘎查村义务教育。 "
    "水利部门,负责指导防洪、排涝、抗旱工作。 旅游部门,指导发展旅游产业。 (七)严格目标考核。"
    "每半年召开一次情况通报会。"
)


def test_units_parted_from_their_duties_by_a_comma_each_own_a_sentence():
    assert task_units(_COMMA_UNITS) == [["交通部门"], ["教育部门"], ["水利部门"], ["旅游部门"]]


def test_a_numbered_section_run_on_after_a_sentence_ends_the_task_before_it():
    extraction = process_text(_COMMA_UNITS).extraction
    text = extraction.segmentation.document.text
    last = extraction.segmentation.tasks[-1]
    assert text[last.start : last.end].endswith("指导发展旅游产业。")
    assert not extraction.targets  # 每半年召开一次 belongs to no unit's task


# An article over lines each led by the unit whose duties they state.
_ARTICLE_LINES = "\n".join([
    "第六条 城镇居民基本医疗保险实行市级统筹管理。",
    "第七条 相关部门要协助做好城镇居民基本医疗保险工作。",
    "市发改委负责将城镇居民基本医疗保险纳入全市经济社会发展规划。",
    "教育部门负责加强对在校学生的健康教育和管理。",
    "公安部门负责提供参保城镇居民的户籍和人口信息。",
    "第八条 本办法自发布之日起施行。",
])


def test_an_article_over_lines_led_by_units_gives_a_task_a_line():
    assert [units for units in task_units(_ARTICLE_LINES) if units] == [
        ["市发改委"], ["教育部门"], ["公安部门"],
    ]


def test_a_background_section_naming_no_unit_is_no_task():
    text = "\n".join([
        "一、项目背景",
        "根据《中共中央国务院关于深化医药卫生体制改革的意见》(中发〔2009〕6号)精神,到2015年"
        "全省每个行政村有1个村卫生室。目前,全省共有村卫生室16585个,各级政府列项建设4920个。",
        "二、工作任务",
        "(一)新建村卫生室。(省卫生厅牵头)",
        "(二)培训乡村医生。(省人社厅牵头)",
        "(三)落实补助资金。(省财政厅牵头)",
    ])
    extraction = process_text(text).extraction
    assert task_units(text) == [["省卫生厅"], ["省人社厅"], ["省财政厅"]]
    assert not extraction.targets


def test_a_table_of_single_spaced_cells_keeps_a_row_a_line():
    text = "\n".join([
        "岳阳楼区2020年重点民生实事项目完成情况",
        "序号 指标名称 单位 目标任务 完成进度 备注 责任单位",
        "1 增加公办幼儿园学位 个 2295 47.7% 无 区教育局",
        "2 开展职业技能培训 人次 1640 38.3% 无 区人社局",
        "农村转移就业劳动者 人次 600 89.5% 无",
    ])
    normalized = process_text(text).extraction.segmentation.document.text
    assert normalized.count("\n") == 4


def test_a_task_whose_role_words_name_only_collectives_is_owned_by_its_subject():
    text = "\n".join([
        "14.市卫生局:负责医院周边环境秩序综合整治的协调工作。",
        "16.市社会办:指导各区县社会办配合有关部门做好社区环境整治工作。",
        "20.市文化执法总队:负责查处非法销售盗版光盘等非法出版物的违法行为。",
    ])
    extraction = process_text(text).extraction
    owners = {
        t.seq: [a.mention for a in extraction.agencies if a.task_seq == t.seq and not a.collective]
        for t in extraction.segmentation.tasks
    }
    assert owners == {1: ["市卫生局"], 2: ["市社会办"], 3: ["市文化执法总队"]}


# Members' duties: a unit a line, each over its own list restarting at 一; the first unit's
# line has no colon; 联合 joins other bodies to the unit doing the work.
_MEMBER_DUTIES = "\n".join([
    "大同市艾滋病防治工作委员会成员单位职责",
    "",
    "住房和城乡建设委员会",
    "一、联合宣传、农业、工商、卫生等部门做好农民工预防艾滋病宣传教育工程。",
    "二、做好建筑工地农民工的防治艾滋病工作。",
    "总工会",
    "一、充分发挥工会工作网络优势,设立艾滋病防治知识宣传栏。",
    "二、每年组织职工开展“职工红丝带健康行动”活动。",
])


def test_a_unit_line_before_a_list_that_restarts_under_other_units_heads_its_items():
    extraction = process_text(_MEMBER_DUTIES).extraction
    assert [t.section for t in extraction.segmentation.tasks] == [
        "住房和城乡建设委员会", "住房和城乡建设委员会", "总工会", "总工会",
    ]
    assert "联合宣传" not in {a.mention for a in extraction.agencies}


def test_a_duty_line_opened_by_fields_sharing_their_kind_of_body_is_a_unit_line():
    text = "\n".join([
        "交通运输部门负责指导和监督交通建设项目的环境保护工作。",
        "农业部门负责编制畜禽养殖业发展规划及其污染治理规划。",
        "宣传、教育、文化部门负责生态文明宣传教育,进一步提高全社会生态文明意识。",
        "旅游部门负责生态旅游资源的合理开发与保护。",
    ])
    assert task_units(text) == [["交通运输部门"], ["农业部门"], ["宣传", "教育", "文化部门"], ["旅游部门"]]


def test_a_unit_that_acts_as_the_lead_by_its_own_words_leads():
    text = "\n".join([
        "(二)明确部门职责",
        "农业部门作为农村劳动力转移培训的牵头部门,重点做好培训基地认定工作。"
        "财政部门要负责落实培训补贴资金。劳动部门要做好劳动力输出工作。"
        "教育部门要组织本系统教育培训资源参与转移培训工作。",
    ])
    extraction = process_text(text).extraction
    leads = [a.mention for a in extraction.agencies if a.role == "lead"]
    assert leads == ["农业部门"]


def test_units_named_the_body_responsible_by_a_copula_are_responsible():
    text = "\n".join([
        "一、总体目标。到2010年阳宗海水质稳定达到Ⅱ类。",
        "二、宜良县政府、呈贡县政府是实施《规划》的责任主体,负责各自辖区内项目的实施。",
        "三、宜良县政府要切实建立阳宗海保护工作责任制。",
    ])
    extraction = process_text(text).extraction
    second = [a.mention for a in extraction.agencies if a.task_seq == 2]
    assert second == ["宜良县政府", "呈贡县政府"]


def test_clauses_each_led_by_units_may_close_on_a_full_stop_before_the_next():
    text = "\n".join([
        "四、保障措施",
        "(一)明确职责分工。各级民政、扶贫等部门要各负其责。民政部门牵头做好衔接工作;扶贫部门"
        "落实扶贫开发政策,配合做好衔接工作;财政部门做好相关资金保障工作;统计部门会同有关部门"
        "组织实施农村贫困监测,残联会同有关部门及时核查残疾人情况。公安部门负责无户口的家庭成员"
        "身份认证。",
        "(二)加强资金统筹。",
    ])
    units = task_units(text)
    # the clause after a comma stays in its sentence's task, its units read there too
    # ("…贫困监测,残联会同有关部门及时核查…": 及时 is an adverb, no joiner)
    assert units[:4] == [
        ["民政部门"], ["扶贫部门"], ["财政部门"], ["统计部门", "有关部门", "残联", "有关部门"]
    ]
    assert ["公安部门"] in units


def test_a_title_naming_a_unit_s_duties_gives_the_unit():
    text = "\n".join([
        "(二)部门职责",
        "1.民政部门职责。负责基本医疗救助的具体组织实施。",
        "2.卫生部门职责。负责建立和完善医疗救助规章制度。",
        "3.财政部门职责。负责医疗救助资金的筹集和管理。",
    ])
    assert task_units(text) == [["民政部门"], ["卫生部门"], ["财政部门"]]


def test_an_item_opening_on_a_year_goes_on_from_the_item_before():
    text = "\n".join([
        "六、有关要求",
        "1、各县区要加强对科技活动周的领导。(市科技局牵头)",
        "2、新闻媒体要积极参与科技活动周的宣传报道工作。(市委宣传部牵头)",
        "3、各单位要发挥各自优势,加大宣传力度。(市科协牵头)",
        "4、2007年科技活动周结束后,各县区要进行全面总结。(市科技局牵头)",
    ])
    assert [t.number for t in process_text(text).extraction.segmentation.tasks] == [
        "1", "2", "3", "4",
    ]


def test_a_line_printing_only_a_date_dates_the_items_of_its_section_after_it():
    text = "\n".join([
        "(二)具体目标。",
        "到2015年底:",
        "1.完成6万个村庄的综合整治。(环境保护部负责)",
        "2.农村卫生厕所普及率提高到75%。(卫生计生委、财政部等负责)",
        "3.建制镇生活污水处理率提高到30%。(住房城乡建设部负责)",
        "(三)保障措施。",
        "1.加强组织领导。(卫生计生委负责)",
    ])
    found = _due_dates(text)
    assert found == {1: [date(2015, 12, 31)], 2: [date(2015, 12, 31)],
                     3: [date(2015, 12, 31)], 4: []}


def test_a_group_then_what_it_does_is_no_list_of_units_before_a_role_verb():
    text = "\n".join([
        "四、源头治理",
        "(一)各级人民政府强化管理,落实各厂(矿)企业防止超限超载的责任。",
        "(二)各企业许可机关要强化监督,落实被许可企业责任。",
        "(三)交通部门负责路面执法。",
    ])
    mentions = {a.mention for a in process_text(text).extraction.agencies}
    assert not {m for m in mentions if "强化" in m}


def test_fields_listed_before_their_shared_kind_may_hold_a_bracket():
    text = "\n".join([
        "2、加强组织体系建设。公安、交通运输、农业(农机)、安全监管部门要推动建立层层负责的工作机制。",
        "3、强化道路通行秩序管理。公安部门要加强农村牧区道路交通秩序管理。",
        "4、推进平安农机活动。农业、安全监管部门要制定评价标准。",
    ])
    assert task_units(text)[0] == ["公安", "交通运输", "农业(农机)", "安全监管部门"]


def test_a_regulation_s_closing_articles_and_an_attachment_named_last_are_no_task_text():
    text = "\n".join([
        "(二)部门职责",
        "1.民政部门职责。负责基本医疗救助的具体组织实施。",
        "2.卫生部门职责。负责建立和完善医疗救助规章制度。",
        "3.劳动部门职责。负责参与政策制定并协助有关部门做好工作。",
        "本意见自下发之日起执行。",
        "本意见由铁岭市民政局负责解释。",
        "附件:铁岭市城市医疗救助工作协调小组名单",
    ])
    extraction = process_text(text).extraction
    last = extraction.segmentation.tasks[-1]
    assert "本意见" not in extraction.segmentation.document.text[last.start : last.end]
    assert task_units(text)[-1] == ["劳动部门"]


def test_a_clause_opening_on_a_preposition_names_no_subject():
    text = "\n".join([
        "1.民政部门职责。负责基本医疗救助的具体组织实施。",
        "2.卫生部门职责。负责监督检查各定点医疗机构。",
        "3.财政部门职责。负责医疗救助资金的筹措,为医疗救助服务中心安排必要的工作经费。",
    ])
    assert task_units(text)[-1] == ["财政部门"]


def test_a_page_opening_on_clauses_led_by_units_before_the_first_article_gives_a_task_each():
    text = "\n".join([
        "省发展计划部门会同有关部门负责审核全省退耕还林总体规划;省财政厅负责全省退耕还林补助资金的"
        "安排和监督管理;省粮食行政管理部门负责全省粮源的协调和调整。",
        "省林业工业局和省农垦总局分别负责本系统的退耕还林工作。",
        "第五条 省、市、县人民政府负责退耕还林工作,对本辖区退耕还林工作实行统一领导。",
        "第六条 在退耕还林工作中做出突出贡献的单位和个人,由各级人民政府给予表彰和奖励。",
    ])
    units = task_units(text)
    assert units[:3] == [["省发展计划部门", "有关部门"], ["省财政厅"], ["省粮食行政管理部门"]]


def test_a_covering_letter_before_the_first_item_gives_no_task():
    text = "\n".join([
        "常熟市人民政府办公室文件 常政办发〔2018〕32号 市政府办公室关于分解落实2018年政府工作任务的"
        "通知 市政府将2018年政府工作分解为11项工作目标。市政府办公室将适时进行督查。",
        "1.地区生产总值增长7%以上。(发改委牵头)",
        "2.一般公共预算收入增长8%以上。(财政局牵头)",
    ])
    assert [t.number for t in process_text(text).extraction.segmentation.tasks] == ["1", "2"]


def test_a_mirror_s_garbled_full_stop_parts_the_sentences_it_ended():
    text = (
        "實施意見對8個部門的職責規定:縣政府辦公室要牽頭制定考核辦法,激發積極性??h煤管局要嚴格監督"
        "??h國土局要嚴格執行規劃??h公安局要嚴格管理。"
    )
    normalized = process_text(text).extraction.segmentation.document.text
    assert "積極性。煤管局要嚴格監督。國土局" in normalized
    assert ["煤管局"] in task_units(text)


# A progress table copied with its columns spaced: a long project-name column, the progress
# and its rate (notes, never targets), the unit column read by its name.
_PROGRESS_TABLE = "\n".join([
    "岳阳楼区2017年1-8月省重点民生实事完成情况表",
    "序号 省重点民生实事项目名称 责任单位 目标任务 1- 8月实际完成情况   1-8月实际完成率% 备注",
    "1 精准扶贫:农村饮用水安全巩固提升 农林水务局 1300人 700 54% 已解决700人的饮水问题",
    "2 新增城镇就业   人社局 8950 7356 82%",
    "3 新增养老服务床位 民政局 71个 55 77%",
])


def test_a_spaced_progress_table_is_read_by_its_column_names():
    extraction = process_text(_PROGRESS_TABLE).extraction
    assert task_units(_PROGRESS_TABLE) == [["农林水务局"], ["人社局"], ["民政局"]]
    assert {t.raw for t in extraction.targets} >= {"1300人", "8950"}
    assert not [t for t in extraction.targets if t.raw.endswith("%")]


def test_places_listed_before_the_government_they_share_carry_it_and_a_lone_capital_numeral_counts_nothing():
    text = "\n".join([
        "市公安局:负责查处违规设点和拦车拉客等行为。",
        "市交通运输局:负责查处黑车违规经营。",
        "秭归县、夷陵区、伍家岗区政府和宜昌开发区管委会:负责本辖区内专项整治工作。",
    ])
    extraction = process_text(text).extraction
    shared = [(a.mention, a.suffix) for a in extraction.agencies if a.task_seq == 3]
    assert shared[:3] == [("秭归县", "政府"), ("夷陵区", "政府"), ("伍家岗区政府", None)]
    assert not extraction.targets


def test_a_unit_heading_holding_a_bracket_heads_its_items():
    text = "\n".join([
        "(三)工商部门:",
        "1、在办理个体营业执照时,要求其出示《婚育证明》。",
        "2、实行人口信息共享和落实定期通报制度。",
        "(四)建设(房管)部门:",
        "1、各级建设部门加强对建筑施工人员的计划生育管理。",
        "2、物业管理企业要依法落实有关法律法规。",
    ])
    assert task_units(text)[2:] == [["建设(房管)部门"], ["建设(房管)部门"]]


def test_a_unit_heading_naming_a_group_beside_a_unit_heads_its_items():
    text = "\n".join([
        "(四)区教育局",
        "1.负责学校体育设施对社会开放实施过程中的协调沟通工作;",
        "2.负责阳光体育活动中与区内各学校的协调沟通工作。",
        "(五)南庄镇、各街道办事处",
        "1.做好组织发动工作,积极参与区各项群众体育活动;",
        "2.拟定本镇、街道体育场馆便民利民服务方案。",
    ])
    assert task_units(text)[2:] == [["南庄镇", "各街道办事处"], ["南庄镇", "各街道办事处"]]


def test_toneless_pinyin_glosses_go_and_a_sized_kind_of_boiler_is_no_target():
    text = (
        "省政府製定了實施細則,明確要求到2017年底,地級以上城市建成區內10噸及(ji)以下燃煤小鍋鑪"
        "鬚全部淘汰。市環保部門要做好組織(zhi)調度工作。各區要在6月25日前成立淘汰燃煤小鍋鑪小組。"
        "市財政局要落實資金。市住建局要做好配合。"
    )
    extraction = process_text(text).extraction
    assert "(ji)" not in extraction.segmentation.document.text
    assert not [t for t in extraction.targets if "10" in t.raw]


def test_a_period_before_a_light_verb_and_its_completion_cue_is_a_due_date():
    text = "会同市太湖办上半年组织完成4条主要入湖河道水环境综合整治规划修编。"
    found = process_text("\n".join([
        "1.市发改委:" + text, "2.市财政局:年内落实整治资金。", "3.市水利局:加快河道整治。",
        "印发日期:2011年3月1日",
    ])).extraction.deadlines
    assert [(d.task_seq, d.raw) for d in found][:1] == [(1, "上半年")]


def test_a_last_task_cut_by_the_page_s_end_is_left_out():
    tasks = process_text(_CUT_PAGE).extraction.segmentation.tasks
    assert [t.number for t in tasks] == ["34", "35"]
