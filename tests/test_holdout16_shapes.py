"""Issue 16: shapes of the sixteenth holdout batch (971–994), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it."""

from __future__ import annotations

from tests.helpers import extracted, roles, segmented, titles


def test_items_numbered_with_a_full_stop():
    """984 成都: "1。推动…。(牵头单位:市住建局)" — 。 after the number, as 、 or . is."""
    text = "一、交通出行\n1。打通断头路20条。(牵头单位:市住建局)\n2。新改建农村公路200公里。(牵头单位:市交通运输局)\n"
    assert titles(text) == [("1", "打通断头路20条"), ("2", "新改建农村公路200公里")]
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [(1, "市住建局"), (2, "市交通运输局")]


def test_a_name_column_is_the_task_where_the_table_has_no_other():
    """981 工信部: "序号 | 指标名称 | 预期效果 | 完成时限 | 指标属性 | 牵头负责司局 | 备注": the
    indicator's name is each row's task; beside a task column it is a note (822 常熟)."""
    text = "\n".join([
        "序号 |", "指标名称 |", "预期效果 |", "完成时限 |", "指标属性 |", "牵头负责司局 |", "备注 |",
        "1 |", "创建国家级示范区 |", "确定首批示范区创建名单 |", "6月 |", "预期性 |", "规划司 |", "|",
        "2 |", "绿色制造示范典型发布数量 |", "400项 |", "10月 |", "预期性 |", "运行监测协调局 |", "|",
    ]) + "\n"
    assert titles(text) == [("1", "创建国家级示范区"), ("2", "绿色制造示范典型发布数量")]
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "规划司"), (2, "lead", "运行监测协调局"),
    ]
    beside = "序号 名称 工作任务 牵头责任单位\n1 地区生产总值 地区生产总值增长7%以上. 发改委\n2 财政收入 一般公共预算收入增长8%. 财政局\n"
    assert [t for _, t in titles(beside)] == ["地区生产总值增长7%以上.", "一般公共预算收入增长8%."]


def test_a_grader_column_beside_the_units_assigns_nothing():
    """983 嵊泗: "考核指标 | 考核内容 | 单位 | 年度目标 | 责任部门 | 评分部门": the 评分部门 score
    the county and are no assignees; where a table has no other unit column, its 监考单位
    name the units (821 旌阳)."""
    from pipeline.stages.table_columns import cell_kind, task_kinds

    kinds = [cell_kind(n) for n in ("序号", "考核内容", "单位", "年度目标", "责任部门", "评分部门")]
    assert task_kinds(kinds) == ["number", "task", "note", "task", "responsible", "note"]
    alone = [cell_kind(n) for n in ("项目", "分值", "目标任务", "监考单位")]
    assert task_kinds(alone)[2:] == ["task", "responsible"]
    # a bare 单位: the measure beside a unit column, the units where there is none
    bare = [cell_kind(n) for n in ("序号", "工作任务", "单位")]
    assert task_kinds(bare) == ["number", "task", "responsible"]
    assert cell_kind("计量单位") == "note"


def test_assignments_run_together_in_one_sentence_parted_by_semicolons():
    """992 师宗: a meeting report with no numbering: "…要求,由X牵头,Y配合,在9月底前完成…;由Z
    牵头,…;…" — each clause group led by its units is a task."""
    text = (
        "6月14日下午,某县召开土地处置工作推进会。\n"
        "县长要求,由县发展和改革局牵头,县委党校配合,在9月底前完成政务服务中心项目60亩供地工作;"
        "由县工业园区管委会牵头,县自然资源局配合,在12月底前完成工业园区74亩土地处置任务。\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "县发展和改革局"), (1, "participant", "县委党校"),
        (2, "lead", "县工业园区管委会"), (2, "participant", "县自然资源局"),
    ]


def test_points_counted_in_sentences_are_tasks_where_nothing_else_numbers_them():
    """993 惠济, 994: a meeting report "…指出:一是共享单车管理工作。区交运局牵头,…。二是…":
    each counted point is a task (flagged); a point printed twice keeps its number."""
    text = (
        "区长指出:一是共享单车管理工作。区交运局牵头,梳理投放单车的公司。"
        "二是停车秩序整治。区城管局负责,规范停车。二是渣土车治理。交警大队负责查处。\n"
    )
    seg = segmented(text)
    assert titles(text) == [("一是", "共享单车管理工作"), ("二是", "停车秩序整治"), ("二是", "渣土车治理")]
    assert [name for _, _, name, _ in roles(text)] == ["区交运局", "区城管局", "交警大队"]
    assert "一是…二是" in seg.warnings[0]
    numbered = "1.加强管理。一是建立台账;二是定期检查。(县交通局牵头)\n2.推进建设。(县住建局牵头)\n"
    assert [n for n, _ in titles(numbered)] == ["1", "2"]  # inside numbered tasks: no tasks


def test_a_group_attribution_that_counts_or_points_at_its_items():
    """982 郑州: "4項目標的責任單位均為市發展改革委。" after four targets, "該目標責任單位為市經委。"
    after one: each gives its units to the items since the attribution before it."""
    text = (
        "1.地区生产总值增长15%;\n2.第三产业增加值达到1000亿元;\n"
        "2项目标的责任单位均为市发展改革委。\n"
        "3.规模以上工业销售收入达到3000亿元;\n该目标责任单位为市经委。\n"
    )
    assert [(seq, name) for seq, _, name, _ in roles(text)] == [
        (1, "市发展改革委"), (2, "市发展改革委"), (3, "市经委"),
    ]


def test_a_mirrors_pinyin_glosses_are_dropped_with_offsets_kept():
    """971, 982, 603, 36: mirrors print pinyin after characters (鎮(zhèn)公路站); the text
    reads without them, each character still pointing at its source."""
    text = "1.農(nóng)村道路硬化12公里。(責任單位:鎮(zhèn)公路站)\n2.新建公園1個。(責任單位:城建辦)\n"
    found = extracted(text)
    doc = found.segmentation.document
    assert "(nóng)" not in doc.text and "農村道路" in doc.text
    (first, _) = found.agencies
    assert first.mention == "鎮公路站"
    assert doc.source.raw_text[doc.source_offsets[first.char_start]] == "鎮"
    assert [t.raw for t in found.targets][:1] == ["農村道路硬化12公里"]


def test_a_short_first_sentence_followed_by_its_assignment_is_the_task():
    """36 广州: "(一)加快建设三大汽车产业基地。(牵头单位:市经贸委)" — a short sentence with its
    assignment right after it is a task, not a heading run into the text."""
    text = (
        "一、构建现代产业体系\n(一)加快建设三大汽车产业基地。(牵头单位:市经贸委)"
        "推进石化基地建设。(牵头单位:市发改委)\n(二)建设物流园区。(牵头单位:市交委)\n"
    )
    assert titles(text)[0] == ("(一)", "加快建设三大汽车产业基地")


def test_labels_printed_with_no_separator_before_their_units():
    """973 河西: punctuation stripped, "…没有收到位责任单位环卫分公司配合单位办事处、城管中队":
    a label with no colon is one before what opens a unit list; "各责任单位要…" is prose."""
    text = (
        "1、联邦快递门前积存垃圾责任单位环卫分公司配合单位办事处、城管中队\n"
        "2、公交公司北侧积存垃圾,各责任单位要认真组织责任单位社区居委会\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "环卫分公司"), (1, "participant", "办事处"), (1, "participant", "城管中队"),
        (2, "responsible", "社区居委会"),
    ]


def test_a_heading_closed_by_a_role_verb_assigns_the_items_under_it():
    """1004 七台河: "4、茄子河区政府负责:" over (1)…(9) that name no unit: the heading's units
    own each, in the role its verb gives (as "一、责任单位:X" does, 955)."""
    text = (
        "4、茄子河区政府负责:\n(1)对大街两侧的锅炉进行集中整治。\n(2)加强农村环境保护。\n"
        "5、市建设局负责:\n(1)组织实施城市供热管网建设。\n(2)加强生活垃圾集中处置管理。\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "responsible", "茄子河区政府"), (2, "responsible", "茄子河区政府"),
        (3, "responsible", "市建设局"), (4, "responsible", "市建设局"),
    ]


def test_a_list_ends_where_the_next_field_label_runs_on():
    """1001 南昌县: label lines run together, "牵头单位:县城管执法局责任单位:莲塘镇任务目标:2024年
    计划改造…": the list after 责任单位 ends where 任务目标: opens."""
    text = (
        "一、老旧小区改造项目\n牵头领导:涂超牵头单位:县城管执法局责任单位:莲塘镇任务目标:改造10万平方米。\n"
        "二、公共充电桩项目\n牵头单位:县城投集团\n"
    )
    assert [(seq, role, name) for seq, role, name, _ in roles(text)] == [
        (1, "lead", "县城管执法局"), (1, "responsible", "莲塘镇"), (2, "lead", "县城投集团"),
    ]


def test_a_run_in_heading_reads_alike_for_every_item_of_its_rank():
    """711 广元: "一、扶贫解困工程。" heads two tasks each closed by its units; "二、教育助学
    工程。开工…(市教育局)。" has one: its heading heads it as well. Where no item of the rank
    heads several, an item with one bracket is that one task (the number stays)."""
    text = (
        "一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办)。升钟库区完成扶贫帮扶7个(剑阁县政府)。 "
        "二、教育助学工程。开工建设20所农村寄宿制学校(市教育局)。\n"
    )
    assert [n for n, _ in titles(text)] == [None, None, None]
    assert [t.section for t in segmented(text).tasks] == ["一、扶贫解困工程", "一、扶贫解困工程", "二、教育助学工程"]
    alone = "一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办)。\n二、教育助学工程。开工建设学校20所(市教育局)。\n"
    assert [n for n, _ in titles(alone)] == ["一", "二"]
