"""Issue 16: shapes met in the thirteenth session, each a mechanism tested on text written the
way such notices print it, not copied from them."""

from __future__ import annotations

from pipeline import process_text
from pipeline.stages.table_rows import cell_kind


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
    tasks (a closing 协助单位 line adds participants to each, no folding into one task), the
    paragraph under such a heading with no items is one; "2、2010年底前…" opens an item."""
    assert _rows(_DUTIES) == [
        ("1", "认真贯彻实施文件精神和要求,鼓励和引导淘汰落后产能", [("县经济局", "responsible")]),
        ("2", "2010年底前全面完成两家企业机立窑生产线的淘汰工作", [("县经济局", "responsible")]),
        ("1", "依法整治尾气排放年检不合格的机动车辆", [
            ("交通局", "participant"), ("县城管监察大队", "participant"), ("县公安局", "responsible"),
        ]),
        ("2", "依法整治运输车辆的扬尘污染", [
            ("交通局", "participant"), ("县城管监察大队", "participant"), ("县公安局", "responsible"),
        ]),
        (None, "依据沼气工程实施方案,全面推广沼气应用", [("县农牧局", "responsible")]),
    ]
