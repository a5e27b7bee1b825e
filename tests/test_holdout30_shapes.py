"""Issue 16: shapes met in the eleventh session, each a mechanism tested on text written the
way such notices print it, not copied from them."""

from __future__ import annotations

from datetime import date

from pipeline import process_text
from tests.helpers import segment_titles

_SCHEDULE_COLUMN = (
    "2023年区政府民生实事项目目标任务与责任分解表\n"
    "序号 | 项目 | 责任单位 | 建设内容 | 2023年目标进度 |\n"
    "1 | 完善交通设施 | 区住建局 | 实施寺慈线路面提升工程。 | 6月开工，年内完工。 |\n"
    "2 | 提升防洪能力 | 区农业农村局 | 实施中心河道整治工程。 | 7月底 |\n"
)


def test_a_column_of_the_year_s_target_progress_gives_each_row_its_due_dates():
    """A 目标进度 (计划进度, 进度目标) column schedules each row's work by dates of the
    notice's year: they are the row's due dates, not notes."""
    result = process_text(_SCHEDULE_COLUMN)
    due = [(d.task_seq, d.due_date) for d in result.extraction.deadlines]
    assert due == [(1, date(2023, 6, 30)), (1, date(2023, 12, 31)), (2, date(2023, 7, 31))]


def _collective(line: str) -> dict[str, bool]:
    text = f"1.创建国家卫生县城。\n牵头单位：县卫健委\n配合单位：{line}\n"
    return {a.mention: a.collective for a in process_text(text).extraction.agencies}


def test_a_zone_s_body_after_townships_is_the_county_s_one():
    """Townships hold no zones: after 各乡镇人民政府、 a 经济开发区管委会 is the county's one body
    (灵璧 2021); after 各县市区政府、 a 开发区管委会 is one of every 县市区's (芜湖 2025), as
    街道办事处 after 各镇人民政府、 is one of every 镇's."""
    assert _collective("各乡镇人民政府、经济开发区管委会") == {
        "县卫健委": False, "各乡镇人民政府": True, "经济开发区管委会": False,
    }
    assert _collective("各县市区政府、开发区管委会")["开发区管委会"] is True
    assert _collective("各镇人民政府、街道办事处")["街道办事处"] is True


_QUOTAS = (
    "关于落实2010年造林任务的安排意见\n"
    "一、造林任务和分工\n"
    "城关区30万亩，其中经济林10万亩；\n"
    "沛县25万亩；\n"
    "市林业局12万亩（含国有林场）；\n"
    "二、工作要求\n"
    "各区县要加强领导，确保完成任务。\n"
)


def test_lines_each_opened_by_a_unit_and_its_share_are_its_tasks():
    """A quota divided among units, a line each under a heading (天津 2009 绿化 1433): each
    line is a task of the unit or place opening it, its role left open (either), a place of
    one character (沛县) too; the heading is the tasks' section."""
    result = process_text(_QUOTAS)
    units = [(a.task_seq, str(a.role), a.mention) for a in result.extraction.agencies]
    assert units[:3] == [(1, "either", "城关区"), (2, "either", "沛县"), (3, "either", "市林业局")]
    sections = {t.section for t in result.extraction.segmentation.tasks[:3]}
    assert sections == {"一、造林任务和分工"}
    shares = [(t.task_seq, t.value_min) for t in result.extraction.targets]
    assert shares[:4] == [(1, 30), (1, 10), (2, 25), (3, 12)]


def test_lines_not_all_opened_by_a_unit_are_no_quota():
    text = _QUOTAS.replace("沛县25万亩；", "全县新增25万亩；")
    assert [a.mention for a in process_text(text).extraction.agencies if a.task_seq < 4] == []


def test_a_name_joining_two_fields_of_work_with_yu_is_one_body():
    """规划与国土资源局 (深圳), 节能与综合利用司 (工信部): 与 joins two fields inside one name
    when the words before it end no name; between two names it still parts them."""
    text = "1.取消收费。\n以上工作由市城管办、规划与国土资源局负责，各区政府配合。\n"
    assert [a.mention for a in process_text(text).extraction.agencies] == [
        "市城管办", "规划与国土资源局", "各区政府",
    ]
    text = "1.取消收费。\n以上工作由市教育局与市财政局负责。\n"
    assert [a.mention for a in process_text(text).extraction.agencies] == ["市教育局", "市财政局"]


_SPOT_CHECK = (
    "3月12日，市城镇办对城区环境卫生进行了抽查，抽查发现：五一西路工地白天运渣土，且带泥上路"
    "（渣土所）；南外街白色垃圾较多（牌楼居委会）；金盆水果市场垃圾成堆（市场管理所、金盆居委会）；"
    "大桥路超市前污水横流（市政处），人行道上白色垃圾较多（环卫处）。请相关单位尽快整改。\n"
)


def test_points_of_a_paragraph_each_closed_by_a_bracket_of_units():
    """A spot check's findings run on in one paragraph, each closed by the units it falls to
    (耒阳 2015): a task per point, from the colon (or the bracket before) to its bracket; a
    comma inside a point does not cut it; the units are its own, role left open."""
    result = process_text(_SPOT_CHECK)
    titles = [title for _, title in segment_titles(result.extraction.segmentation)]
    assert titles[0].startswith("五一西路工地白天运渣土，且带泥上路")
    assert [t[:5] for t in titles] == ["五一西路工", "南外街白色", "金盆水果市", "大桥路超市", "人行道上白"]
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies]
    assert units == [
        (1, "渣土所"), (2, "牌楼居委会"), (3, "市场管理所"), (3, "金盆居委会"), (4, "市政处"),
        (5, "环卫处"),
    ]
    assert any("points each closed by a bracket of units" in w for w in result.warnings)


_SHARED_BRACKET = (
    "“十三五”应急体系建设任务\n"
    "（一）“一案三制”建设\n"
    "1.完善应急预案体系\n"
    "(1)加强应急预案管理，增强应急预案的针对性。\n"
    "(2)推进应急预案“精编化”，及时修订完善现有应急预案。\n"
    "(3)加强应急预案演练，完善演练管理制度。\n"
    "(责任单位：市应急局、各县(市、区)人民政府)\n"
    "2.健全应急管理体制\n"
    "(1)理顺应急管理职责。(责任单位：市编办)\n"
)


def test_a_bracket_line_after_sub_items_assigns_each_of_them():
    """A line holding only an assignment bracket after sub-items that name no units (运城
    2017): it assigns every one of them, as 以上工作由X负责 would; a sub-item with its own
    bracket keeps its own units."""
    result = process_text(_SHARED_BRACKET)
    units = {}
    for a in result.extraction.agencies:
        units.setdefault(a.task_seq, []).append(a.mention)
    assert units == {
        1: ["市应急局", "各县(市、区)人民政府"],
        2: ["市应急局", "各县(市、区)人民政府"],
        3: ["市应急局", "各县(市、区)人民政府"],
        4: ["市编办"],
    }


_THIS_WORK = (
    "5、完善食品安全检测体系 (1)加强农产品检测体系建设。推进检测业务楼建设。 (2)市质检院检测体系建设。"
    "积极推进实验室改扩建。 此项工作由市农业局、市市场监管局负责，市食安委各成员单位协办。 "
    "6、开展食品安全信息发布工作 完善信息发布制度。市食安办在年内要组织发布。 "
    "此项工作由市食安办负责。\n"
)


def test_this_work_is_done_by_assigns_an_item_and_every_sub_item_before_it():
    """此项工作由X负责 closing a numbered item makes it a task, though its number is of a
    heading's rank (6、 after 5、 over (1) (2)); closing sub-items that name no units, it
    assigns each of them (深圳 2011)."""
    result = process_text(_THIS_WORK)
    numbers = [t.number for t in result.extraction.segmentation.tasks]
    assert numbers == ["(1)", "(2)", "6"]
    units = {}
    for a in result.extraction.agencies:
        units.setdefault(a.task_seq, []).append(a.mention)
    assert units[1] == units[2] == ["市农业局", "市市场监管局", "市食安委各成员单位"]
    assert units[3] == ["市食安办"]


_UNNUMBERED_ROWS = "\n\n".join([
    "2008年度区政府重点工作责任单位表", "序号", "重点工作内容", "责任单位", "配合单位",
    "一、关于优化经济结构", "(1)加快发展现代服务业。",
    "第三产业增加值占地区生产总值的比重再提高1%。", "经委", "发改委",
    "继续推进商务区建设。", "徐泾镇", "区商务区办公室、发改委",
    "继续推进环淀山湖休闲旅游区建设。", "旅游局", "朱家角投资公司、相关镇",
    "(2)大力发展先进制造业。",
    "工业总产值保持15%的增幅。", "经委", "各镇、街道",
]) + "\n"


def test_a_table_whose_rows_print_no_number_under_numbered_headings():
    """A table copied a cell a line whose 序号 column the rows leave empty, with heading rows
    (一、… over (1)…) between them (青浦 2008): every row of task text is a task below both
    headings, a short sentence (继续推进商务区建设。) too; the heading rows are no tasks."""
    result = process_text(_UNNUMBERED_ROWS)
    text = result.extraction.segmentation.document.text
    tasks = result.extraction.segmentation.tasks
    assert [text[t.title_start : t.title_end][:6] for t in tasks] == [
        "第三产业增加", "继续推进商务", "继续推进环淀", "工业总产值保",
    ]
    assert tasks[1].section is not None and tasks[1].section == "一、关于优化经济结构 / (1)加快发展现代服务业"
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies if a.task_seq == 2]
    assert units == [(2, "徐泾镇"), (2, "区商务区办公室"), (2, "发改委")]


_SPACED_NO_NUMBERS = (
    "附件 某县2019年大气污染防治职责清单 工作任务和内容 责任单位 配合单位 完成时间 "
    "负责全县大气污染防治工作的宣传报道. 县委宣传部 持续开展 "
    "负责大气污染防治工作的督导和考核. 县委县政府 督查室 持续开展 "
    "负责制定城区扬尘整治方案,督促项目单位落实防治措施. 县住建局 7月底前制定 整治方案 "
    "负责道路运输扬尘的防治,加快推广新能源汽车. 县交通 运输局 12月底前完成车辆更换\n"
)


def test_a_table_with_no_number_column_run_together_with_spaces():
    """A forum copy of a 职责清单 runs the whole table on after its title, cells parted by
    spaces and no row number (监利 2018): each row is its task text, its unit and its
    deadline; a name the copy parted (县委县政府 督查室, 县交通 运输局) is read whole, the
    words after a date (整治方案) stay in its cell."""
    result = process_text(_SPACED_NO_NUMBERS)
    text = result.extraction.segmentation.document.text
    tasks = result.extraction.segmentation.tasks
    assert [text[t.title_start : t.title_end][:8] for t in tasks] == [
        "负责全县大气污染", "负责大气污染防治", "负责制定城区扬尘", "负责道路运输扬尘",
    ]
    units = [(a.task_seq, a.mention) for a in result.extraction.agencies if "单位" not in a.mention]
    assert units == [(1, "县委宣传部"), (2, "县委县政府督查室"), (3, "县住建局"), (4, "县交通运输局")]
    due = [(d.task_seq, d.due_date) for d in result.extraction.deadlines if d.due_date]
    assert due == [(3, date(2019, 7, 31)), (4, date(2019, 12, 31))]


def test_a_field_s_department_is_one_body():
    """(公安部门负责), (交通运输部门负责) (山东 2013): the department of a field is the body
    that owns the task, not 公安部 (the ministry) + 门; 有关部门 stays collective."""
    text = "1.加强检查。(公安部门负责)\n2.严格管理。(交通运输部门负责)\n3.做好宣传。(有关部门负责)\n"
    found = [(a.task_seq, a.mention, a.collective) for a in process_text(text).extraction.agencies]
    assert found == [(1, "公安部门", False), (2, "交通运输部门", False), (3, "有关部门", True)]


_SPAN_AT_END = (
    "序号 | 项目名称 | 项目内容 | 当前进展情况 | 进度评价 | 主办单位 |\n"
    "1 | 农村人居环境整治提升工程 | 推广人居环境治理新模式，试点村达到100个。 | 试点村达到100个; | 已完成 | 县人居环境整治专班 |\n"
    "新增国家卫生乡镇2个。 | 验收材料已准备完毕，3个省级美丽乡村已建设完成。 | 已完成 | |||\n"
    "建设“四好农村路”50公里。 | 完工建设50.52公里。 | 已完成 | |||\n"
)


def test_sub_rows_whose_copy_prints_the_spanned_cells_empty_at_the_row_s_end():
    """A copy of a table with spanning cells prints a sub-row's cells first and the cells the
    span covers empty at its end (汶上 2023): the number, the unit and the project's name are
    the row above's, the printed cells go to the columns after them, so the progress
    column's figures are no targets and the unit is inherited."""
    result = process_text(_SPAN_AT_END)
    text = result.extraction.segmentation.document.text
    bodies = [
        [text[f.start : f.end][:6] for f in t.fields if f.label == "项目内容"]
        for t in result.extraction.segmentation.tasks
    ]
    assert bodies == [["推广人居环境"], ["新增国家卫生"], ["建设“四好农"]]
    assert [a.mention for a in result.extraction.agencies] == ["县人居环境整治专班"] * 3
    assert [(t.task_seq, t.value_min) for t in result.extraction.targets] == [
        (1, 100), (2, 2), (3, 50),
    ]
