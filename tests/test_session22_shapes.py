"""Issue 16: shapes met in the twenty-second session, each a mechanism tested on text written
the way such notices print it (and on the notices it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import dated, sorted_roles, titles

# An indicator table whose year columns print each row's figure (2022年 | 2025年 | 2027年) in
# the measure of its 单位 column: the aims are the row's targets (≥79.2 岁, ≤12.7 %), the
# earliest year is the base they start from (78.2), words (持续改善) set none.
_YEAR_COLUMNS = "\n".join(
    [
        "序号 |", "指标名称 |", "单位 |", "2022年 |", "2025年 |", "2027年 |", "牵头单位 |",
        "1 |", "人均预期寿命 |", "岁 |", "78.2(2021年) |", "≥79.2 |", "≥80 |", "县卫健局 |",
        "2 |", "重大慢性病过早死亡率 |", "% |", "15.13 |", "≤12.7 |", "≤12.5 |", "县卫健局 |",
        "3 |", "婴儿死亡率 |", "‰ |", "2.21 |", "持续改善 |", "持续改善 |", "县卫健局 |",
        "4 |", "结核病报告发病率 |", "/10万 |", "76.75 |", "60 |", "50 |", "县疾控中心 |",
    ]
)


def test_year_columns_give_each_row_its_targets():
    targets = process_text(_YEAR_COLUMNS).extraction.targets
    assert [(t.task_seq, t.raw, t.comparator, t.value_min, t.value_max, t.unit) for t in targets] == [
        (1, "≥79.2", "ge", 79.2, None, "岁"),
        (1, "≥80", "ge", 80, None, "岁"),
        (2, "≤12.7", "le", None, 12.7, "%"),
        (2, "≤12.5", "le", None, 12.5, "%"),
        (4, "60", "eq", 60, 60, "/10万"),
        (4, "50", "eq", 50, 50, "/10万"),
    ]
    assert targets[0].object == "人均预期寿命 2025年"


# With no measure printed for the row (no 单位 column, no bracket, no %), a bare figure under a
# year is no target: the row may have been read out of its columns.
def test_a_year_figure_in_no_measure_is_no_target():
    text = _YEAR_COLUMNS.replace("单位 |\n", "").replace("岁 |\n", "").replace("% |\n", "")
    text = text.replace("‰ |\n", "").replace("/10万 |\n", "")
    targets = process_text(text).extraction.targets
    assert [t.raw for t in targets] == []



# A window the work is done in, stated once before the tasks from "即日起" ("县局决定即日起至9月
# 30日,在全县范围内部署开展户口整顿工作"): its end is every task's due date, the verb after a
# comma as well as right after the window.
def test_a_window_from_today_stated_once_dates_every_task():
    text = (
        "根据(衢政发[2020]3号)要求,县局决定即日起至9月30日,在全县范围内部署开展户口整顿工作。\n"
        "一、工作任务\n1.县公安局:负责清理户口。\n2.县民政局:负责核查。\n"
    )
    assert dated(text) == [(1, "至9月30日", "2020-09-30"), (2, "至9月30日", "2020-09-30")]


# An item number before a month's date ("5.5月上旬前完成验收", "3.10月底前…") numbers the item:
# the date is no decimal (5.5) and dates the task.
def test_an_item_number_before_a_month_date_numbers_the_item():
    text = (
        "2012年工作任务\n1.年内完成道路改造（市交通局负责）。\n"
        "2.5月上旬前完成验收（市林业局负责）。\n3.10月底前建成学校（市教育局负责）。\n"
    )
    extraction = process_text(text).extraction
    assert [t.number for t in extraction.segmentation.tasks] == ["1", "2", "3"]
    assert dated(text) == [
        (1, "年内", "2012-12-31"), (2, "5月上旬前", "2012-05-10"), (3, "10月底前", "2012-10-31"),
    ]


def _units(text: str) -> list[tuple[int, str, str]]:
    result = process_text(text)
    return [
        (m.mention.task_seq, m.mention.mention, m.agency or "")
        for m in result.mentions
    ]


# A name given an abbreviation the notice uses after ("市人民政府办公室（以下简称市政府办）",
# "本部勞動力發展署(以下簡稱勞發署):"): the abbreviation bracket is no part of the name and no
# unit of its own, and a later mention of the abbreviation is that body.
def test_an_abbreviation_the_notice_gives_a_body_names_that_body():
    text = (
        "1.由市人民政府办公室（以下简称市政府办）牵头，会同市财政局负责。\n"
        "2.市政府办负责督查。\n"
    )
    assert _units(text) == [
        (1, "市人民政府办公室", "市人民政府办公室"),
        (1, "市财政局", "市财政局"),
        (2, "市政府办", "市人民政府办公室"),
    ]
    heading = (
        "二、本計畫主辦機關及其任務如下:\n(一)本部勞動力發展署(以下簡稱勞發署):\n"
        "1.本計畫之統籌規劃及推動。\n2.本計畫之督導。\n"
    )
    assert [(seq, name) for seq, name, _ in _units(heading)] == [
        (1, "本部勞動力發展署"), (2, "本部勞動力發展署"),
    ]


# Points counted in one sentence ("三个忧患意识,一是…;二是…;三是…。") that sentences led by
# units follow: the points are concerns, the unit sentences the tasks.
def test_counted_concerns_before_unit_sentences_are_no_tasks():
    text = (
        "市长指出:农业战线要树立三个忧患意识,一是农业靠天吃饭问题;二是农业结构问题;"
        "三是农村稳定问题。林业部门要抓好林权改革工作;畜牧部门重点抓好技术指导工作;"
        "水务部门要抓好灌区治理工作。\n"
    )
    assert [title for _, title in titles(text)] == [
        "林业部门要抓好林权改革工作;", "畜牧部门重点抓好技术指导工作;", "水务部门要抓好灌区治理工作",
    ]
    counted = "会议要求:一是市林业局要抓好林权改革;二是市畜牧局要抓好技术指导;三是市水务局要抓好灌区治理。\n"
    assert [number for number, _ in titles(counted)] == ["一是", "二是", "三是"]


# Points counted by ordinal inside a sentence (第一，…；第二，…；第三，…), even one opening on
# Latin letters (第一，GPS雙軌並行): a task each, numbered 第一, 第二, 第三.
def test_points_counted_by_ordinal_in_a_sentence_are_tasks():
    text = (
        "行政院提出三項策略，第一，GPS雙軌並行，並開放小貨車申裝GPS；第二，以暫置場處理方式"
        "擴增去化量能；第三，簡化土方運送流程。\n"
    )
    assert [number for number, _ in titles(text)] == ["第一", "第二", "第三"]


# A • before a sentence opens an item (meeting minutes: "• 公營住宅…,請五科提出草案。"); a •
# before a page's metadata (• 2016-10-11, • 综合,政务) opens none.
def test_a_bullet_before_a_sentence_opens_an_item():
    text = (
        "第391次主管會報\n  • 上次會議決議執行情形報告\n"
        "    • 公營住宅興建介面SOP處理程序,請五科提出草案。\n"
        "    • 建築物圍牆高度請研定處理原則。\n"
    )
    assert [title for _, title in titles(text)] == [
        "公營住宅興建介面SOP處理程序,請五科提出草案", "建築物圍牆高度請研定處理原則",
    ]
    metadata = "• F70631069/2016-00049\n  • 综合,政务,工作\n  • 2016-10-11\n郑州市爱卫办进行了检查。\n"
    assert titles(metadata) == []


# An adverb between the units and what assigns them the work (…等部门还将负责推动…, 也要) keeps
# them the subject; a connective before them (同时, 其中) is no part of their name.
def test_units_before_an_adverb_and_a_verb_are_the_subject():
    text = (
        "市发改委、市工信局将负责支持建设都市经济圈。\n"
        "同时市财政局等部门还将负责推动经济区加快发展。\n"
    )
    assert [(seq, name) for seq, name, _ in _units(text)] == [
        (1, "市发改委"), (1, "市工信局"), (2, "市财政局"),
    ]


# A field's department a name ending in 部 would take the front of (宣传部门: not 宣传部 + 门),
# and 以及 between units of one subject (X、Y以及公安机关要…): the units own their clause.
def test_a_field_department_and_units_joined_by_yiji_own_their_clauses():
    text = "市农委要强化督导;市林业局、市城管局以及公安机关要做好整治;宣传部门要发挥舆论引导作用。\n"
    assert [(seq, name) for seq, name, _ in _units(text)] == [
        (1, "市农委"), (2, "市林业局"), (2, "市城管局"), (2, "公安机关"), (3, "宣传部门"),
    ]


# A short line holding a section run together (a heading, its units' sub-headings and their
# numbered duties, each after a colon or a full stop and a space): a task per numbered duty,
# the unit over them owning them; numbers after a space inside a sentence stay text.
def test_a_short_run_on_section_is_split_at_its_numbers():
    text = (
        "二、本計畫主辦機關及其任務如下: (一)本部勞動力發展署(以下簡稱勞發署): "
        "1.本計畫之統籌規劃及推動。 2.本計畫之督導、解釋、協調及經費預算調控。 "
        "3.資訊管理系統規劃、建置及管理。 4.執行績效之統計分析及檢討。\n"
    )
    assert [number for number, _ in titles(text)] == ["1", "2", "3", "4"]
    assert {name for _, name, _ in _units(text)} == {"本部勞動力發展署"}
    prose = "1.全年完成投资 2 亿元,建成道路 3 条,新增绿地 5 处,改造管网 4 公里,务必按期完成。\n"
    assert [number for number, _ in titles(prose)] == ["1"]


# A text that stops mid-sentence inside its only task keeps the task (it may be all there is)
# and says what may be missing; with more tasks the cut last one is left out, as before.
def test_a_cut_only_task_is_kept_and_flagged():
    text = "关于做好工作的通知\n一、工作任务\n1.认真落实财政政策,加大投入。要认真落实《中小学公共安全教育指导纲要"
    result = process_text(text)
    assert [t.number for t in result.extraction.segmentation.tasks] == ["1"]
    assert any("stops mid-sentence inside its only task" in w for w in result.warnings)


# 农历年 and 农历新年 are the lunar new year, as 春节 is: a year printed before them dates it.
def test_the_lunar_new_year_by_any_name_dates_a_deadline():
    text = "2010年工作\n1.要在2010年农历新年前完成建设。\n2.要在2010年春节前完成验收。\n"
    assert [d[2] for d in dated(text)] == ["2010-02-14", "2010-02-14"]


# A bureau's sections known by their number (請三科派員協同五科出席, 請一科督促…) are units, as
# are divisions under a label naming them (责任处室：政法处; 责任处室：人事处牵头).
def test_numbered_sections_and_division_labels_name_units():
    minutes = (
        "1.南港機廠開發案會商會議,請三科派員協同五科出席。\n"
        "2.臥龍綠廊工程案,請一科督促受託設計單位加速辦理。\n"
    )
    assert sorted_roles(minutes, collectives=False) == [
        (1, "三科", "responsible"), (1, "五科", "participant"), (2, "一科", "responsible"),
    ]
    labelled = (
        "1.及时公开规范性文件的修改情况。\n责任处室:政法处\n"
        "2.推进政务服务事项目录编制。\n责任处室:信息考评处牵头,有关处室配合落实\n"
    )
    assert sorted_roles(labelled, collectives=False) == [(1, "政法处", "responsible"), (2, "信息考评处", "lead")]


# Points counted by 一要…二要… are tasks as 一是… are; a point misnumbered among them (…四要…;
# 二要…; 五要…) is a point still, the next one going on from the one before it.
def test_points_counted_by_yao_even_one_misnumbered():
    text = (
        "副厅长要求:一要吃透精神,落实责任;二要督促试点县尽快出台方案;三要做好政策研究;"
        "四要起草好工作方案;二要建立工作微信群,计财处要加强联系;五要尽快完成规划。\n"
    )
    assert [number for number, _ in titles(text)] == ["一要", "二要", "三要", "四要", "二要", "五要"]
    assert titles("工作安排统一要求,全面推进。\n") == []


# A group of every level's governments, a special zone among the levels (各縣、特區、區人民政府),
# is one collective mention, not 特区人民政府 and 区人民政府.
def test_levels_with_a_special_zone_are_one_group():
    text = "1.鼓勵其他人員投身創業。(牽頭單位:市人力資源社會保障局;責任單位:各縣、特區、區人民政府)\n"
    extraction = process_text(text).extraction
    assert [(a.mention, a.collective) for a in extraction.agencies] == [
        ("市人力資源社會保障局", False), ("各縣、特區、區人民政府", True),
    ]


# A heading labelling the people who lead the work under it ("三、六项保障措施(牵头领导:张同生、
# 赵建华)") names no units: the tasks keep their own (batch 36 failed on it at first sight).
def test_a_heading_naming_leaders_gives_no_units():
    text = (
        "三、六项保障措施(牵头领导:张同生、赵建华)\n"
        "1.建立强有力的推进工作体系。(责任秘书长:石海波,责任单位:市政府办公室)\n"
        "2.推进区划调整。(责任秘书长:桂迎宝,责任单位:市民政局)\n"
    )
    result = process_text(text)
    assert [(a.task_seq, a.mention) for a in result.extraction.agencies] == [
        (1, "市政府办公室"), (2, "市民政局"),
    ]


# A short topic line over items that each open on a sentence of work, the section closed by
# its label lines (主办单位:… / 协办单位:…): a task per item, the labels theirs all; a unit's
# name over its problems ("1. 市科技馆" over (1)(2)…) stays one task.
def test_a_topic_over_sentence_items_closed_by_labels_gives_each_item_the_units():
    text = (
        "五、基础设施建设\n(一)水利。全年计划投资5亿元。\n(二)公路。全年计划投资72亿元左右。\n"
        "主办单位:省水利厅、省交通厅\n协办单位:沿海三市政府\n"
    )
    assert sorted_roles(text, collectives=False) == [
        (1, "省交通厅", "lead"), (1, "省水利厅", "lead"),
        (2, "省交通厅", "lead"), (2, "省水利厅", "lead"),
    ]
    problems = (
        "1. 市科技馆\n(1)院内电动车未按指定区域停放;\n(2)灭火器过期未更换;\n"
        "问题整改责任单位:市科技馆 整改时限:3天\n"
    )
    assert [number for number, _ in titles(problems)] == ["1"]


# A progress note shifted into a unit column where a row prints fewer cells ("目前正在进行主体
# 建筑装修阶段。" under 负责科室) names no unit.
def test_a_progress_note_in_a_unit_column_is_no_unit():
    text = "\n".join([
        "序号", "重点工作任务(民生实事项目)", "牵头单位", "负责科室", "负责人", "计划完成时间",
        "进展情况(一季度)",
        "1", "新增老年食堂(助餐点)15个", "区民政局", "养老服务科", "何滢", "11月底前", "已开业10个。",
        "2", "新增认知障碍照护专区床位100张", "10月底前", "目前已完成选址。",
        "3", "建成启用区级老年活动中心", "目前正在进行主体建筑装修阶段。",
        "4", "新增养老机构护理型床位500张", "目前已在金色年华老年公寓完成500张护理型床位建设。",
    ])
    names = [a.mention for a in process_text(text).extraction.agencies]
    assert "目前正在进行主体建筑装修阶段" not in names
    assert "区民政局" in names


# A point's count before its subject (三是市教育局争取…) is no part of a unit's name.
def test_a_point_count_before_a_unit_is_no_part_of_its_name():
    text = (
        "三、实施农村寄宿制学校建设工程\n(四)项目内容:农村中小学实施改水、改厕,计划安排200所。\n"
        "(五)资金筹措:预计需投入资金2000万左右,其来源为:一是由县市区财政投入;二是市级财政按"
        "每所学校补助1万元的标准共计安排200万元;三是市教育局争取省新农村卫生校园建设工程补助资金。\n"
    )
    names = [a.mention for a in process_text(text).extraction.agencies]
    assert not [name for name in names if name.startswith("三是")]


# Places listed before the body the last name gives its place (海东市、兰州市、临夏州发展改革
# 部门; 宜良县、呈贡县农业局): each place's body, not its government; a place before a unit of
# its own kind list keeps its reading (秭归县、夷陵区政府: 政府 shared as before).
def test_places_share_the_body_the_last_name_gives_its_place():
    text = (
        "1.做好规划衔接。\n责任单位:海东市、兰州市、临夏州发展改革部门\n"
        "2.推广良种。\n责任单位:宜良县、呈贡县农业局\n"
        "3.加强管理。\n责任单位:市财政局、秭归县、夷陵区政府\n"
    )
    extraction = process_text(text).extraction
    assert [(a.task_seq, a.mention + (a.suffix or "")) for a in extraction.agencies] == [
        (1, "海东市发展改革部门"), (1, "兰州市发展改革部门"), (1, "临夏州发展改革部门"),
        (2, "宜良县农业局"), (2, "呈贡县农业局"),
        (3, "市财政局"), (3, "秭归县政府"), (3, "夷陵区政府"),
    ]
