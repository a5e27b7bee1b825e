"""Issue 3: the role syntaxes and layouts real notices use, one test each.

Each notice here is written the way such notices are printed (label lines, brackets, text
tables, nested outlines); the assertions name the exact units and roles expected.
"""

from __future__ import annotations

from tests.helpers import extracted, roles, squash


def titles(text: str) -> list[str]:
    ext = extracted(text)
    doc = ext.segmentation.document.text
    return [squash(doc[t.title_start : t.title_end]) for t in ext.segmentation.tasks]


# (a) inline labels, full-width and ASCII punctuation


def test_inline_labels_glued_to_the_sentence():
    text = "1.组织开展基层医疗卫生适宜技术推广工作牵头单位：卫生计生委。参加单位：科技厅、教育厅。"
    assert roles(text) == [
        (1, "lead", "卫生计生委", False),
        (1, "participant", "科技厅", False),
        (1, "participant", "教育厅", False),
    ]


def test_label_mid_sentence_with_ascii_punctuation():
    text = "1.“创新人才推进计划”,牵头部门:科技部,到2020年,设立100个科学家工作室。"
    assert roles(text) == [(1, "lead", "科技部", False)]


# (b) label lines after each task; people are not agencies


def test_label_lines_with_cooperating_units_and_a_leader():
    text = (
        "一、重点工作\n1.推进老旧小区改造。\n牵头单位:区住建局\n协同责任单位:区财政局、区发改局\n"
        "配合单位:各街道办事处\n牵头负责领导:刘惠\n2.优化营商环境。\n牵头单位:区营商局\n责任单位:区市场局"
    )
    ext = extracted(text)
    got = [(m.task_seq, m.role, m.mention, m.collective) for m in ext.agencies]
    assert got == [
        (1, "lead", "区住建局", False),
        (1, "participant", "区财政局", False),
        (1, "participant", "区发改局", False),
        (1, "participant", "各街道办事处", True),
        (2, "lead", "区营商局", False),
        (2, "responsible", "区市场局", False),
    ]
    assert [(p.task_seq, p.name, p.role_label) for p in ext.leaders] == [(1, "刘惠", "牵头负责领导")]


# (c) parenthetical assignments


def test_bracket_with_lead_and_by_duty_participants():
    text = (
        "（一）扩大有效投资。\n着力扩大有效投资，推动重大项目建设。（国家发展改革委、财政部牵头，"
        "各地区各有关部门按职责分工负责）"
    )
    assert roles(text) == [
        (1, "lead", "国家发展改革委", False),
        (1, "lead", "财政部", False),
        (1, "participant", "各地区各有关部门", True),
    ]


def test_bracket_with_labels_and_semicolons():
    text = "1.深化教育改革。(牵头单位:市教育局;责任单位:市发改委、市科技局)"
    assert roles(text) == [
        (1, "lead", "市教育局", False),
        (1, "responsible", "市发改委", False),
        (1, "responsible", "市科技局", False),
    ]


def test_bracket_with_lead_and_cooperating_verb():
    text = "1.建设科技创新平台。（省科技厅牵头，省财政厅配合）"
    assert roles(text) == [(1, "lead", "省科技厅", False), (1, "participant", "省财政厅", False)]


def test_units_responsible_and_deng_is_not_part_of_the_name():
    # "X负责" with no lead marked: the units own the task, role left open (issue 16)
    text = "1、加快物流体系建设。(省发改委、省商务厅等负责)\n2、推进农业现代化。(省农业厅负责)"
    assert roles(text) == [
        (1, "responsible", "省发改委", False),
        (1, "responsible", "省商务厅", False),
        (2, "responsible", "省农业厅", False),
    ]


def test_two_tasks_in_one_paragraph_split_by_their_brackets():
    text = (
        "二、深化改革\n（三）激发市场活力。\n持续优化营商环境。（市发展改革委牵头，市有关部门按职责分工负责）"
        "深化国资国企改革。（市国资委牵头）"
    )
    assert titles(text) == ["持续优化营商环境", "深化国资国企改革"]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "市发展改革委"),
        (1, "participant", "市有关部门"),
        (2, "lead", "市国资委"),
    ]


# (d) tables that reached us as text


def test_pipe_table_with_several_units_in_a_cell():
    text = (
        "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |\n"
        "1 | 新建公办幼儿园45所。 | 市教育局 | 市财政局 市自然资源局 | 2023年12月底前 |\n"
        "2 | 新增学位1.2万个。 | 市教育局 | 各县（市、区）政府 | 2023年9月 |"
    )
    ext = extracted(text)
    assert [(m.task_seq, m.role, m.mention, m.collective) for m in ext.agencies] == [
        (1, "lead", "市教育局", False),
        (1, "responsible", "市财政局", False),
        (1, "responsible", "市自然资源局", False),
        (2, "lead", "市教育局", False),
        (2, "responsible", "各县（市、区）政府", True),
    ]
    assert [(d.task_seq, str(d.due_date)) for d in ext.deadlines] == [
        (1, "2023-12-31"),
        (2, "2023-09-30"),
    ]
    assert [(t.value_min, t.unit) for t in ext.targets] == [(45, "所"), (1.2, "万个")]


def test_box_drawing_table():
    text = (
        "┌──┬────────┬──────┬──────┐\n"
        "│序号│主要任务│牵头单位│配合单位│\n"
        "├──┼────────┼──────┼──────┤\n"
        "│1│实施科技创新工程。│市科技局│市财政局、市统计局│\n"
        "├──┼────────┼──────┼──────┤\n"
        "│2│推进数字政府建设。│市数据局│市直有关单位│\n"
        "└──┴────────┴──────┴──────┘"
    )
    assert roles(text) == [
        (1, "lead", "市科技局", False),
        (1, "participant", "市财政局", False),
        (1, "participant", "市统计局", False),
        (2, "lead", "市数据局", False),
        (2, "participant", "市直有关单位", True),
    ]


def test_columns_separated_by_runs_of_spaces():
    text = (
        "序号    重点任务                      牵头单位      配合单位\n"
        "1       推进5万个行政村通光纤          省通信管理局  省工信厅\n"
        "2       再开工20项重大水利工程         省水利厅      省发改委"
    )
    assert titles(text) == ["推进5万个行政村通光纤", "再开工20项重大水利工程"]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "省通信管理局"),
        (1, "participant", "省工信厅"),
        (2, "lead", "省水利厅"),
        (2, "participant", "省发改委"),
    ]


def test_one_cell_per_line_table():
    text = (
        "序号\n工作任务\n牵头单位\n责任单位\n"
        "1\n完善公共文化服务体系。\n区文旅局\n各街道\n"
        "2\n建设全民健身中心。\n区体育局\n区发改局"
    )
    assert titles(text) == ["完善公共文化服务体系", "建设全民健身中心"]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [
        (1, "lead", "区文旅局"),
        (1, "responsible", "各街道"),
        (2, "lead", "区体育局"),
        (2, "responsible", "区发改局"),
    ]


def test_table_with_leader_column_keeps_people_apart():
    text = (
        "序号 | 工作任务 | 责任领导 | 牵头单位 |\n"
        "1 | 推进乡村振兴。 | 王明 | 县农业农村局 |"
    )
    ext = extracted(text)
    assert [(m.role, m.mention) for m in ext.agencies] == [("lead", "县农业农村局")]
    assert [p.name for p in ext.leaders] == ["王明"]


# (e) nested numbering


def test_nested_outline_with_circled_items_and_headings():
    text = (
        "一、发展目标\n（一）产业升级\n1.工业提质。\n（1）推进技术改造。（市工信局牵头）\n"
        "（2）培育专精特新企业。（市工信局牵头，市科技局配合）\n2.服务业扩容。\n① 发展现代物流。（市商务局牵头）"
    )
    ext = extracted(text)
    tasks = ext.segmentation.tasks
    assert [t.number for t in tasks] == ["（1）", "（2）", "①"]
    assert tasks[0].section == "一、发展目标 / （一）产业升级 / 1.工业提质"
    assert tasks[2].section == "一、发展目标 / （一）产业升级 / 2.服务业扩容"


# (f) first-listed leads, parallel leads


def test_first_listed_unit_leads_when_the_notice_says_so():
    text = (
        "各单位：列第一位的为牵头单位，其他为配合单位。\n"
        "1.推进政务服务一网通办。责任单位：市政务服务局、市大数据局、市司法局。"
    )
    assert roles(text) == [
        (1, "lead", "市政务服务局", False),
        (1, "participant", "市大数据局", False),
        (1, "participant", "市司法局", False),
    ]


def test_parallel_leads():
    text = "1.推进城乡融合发展。（市发改委、市农业农村局分别牵头）"
    assert roles(text) == [(1, "lead", "市发改委", False), (1, "lead", "市农业农村局", False)]


# traditional script and collectives


def test_traditional_script_labels():
    text = "1.推進會展中心二期工程。(牽頭單位:市建委;配合單位:國土房管局、規劃局)"
    ext = extracted(text)
    assert [(m.role, m.role_label, m.mention, m.prefix) for m in ext.agencies] == [
        ("lead", "牽頭單位", "市建委", None),
        ("participant", "配合單位", "國土房管局", None),
        ("participant", "配合單位", "規劃局", None),
    ]


def test_collective_mentions_are_flagged():
    text = (
        "1.做好安全生产。责任单位：各有关部门、市直有关单位、各地各部门、全区经济运行各专班、各区人民政府。"
    )
    assert all(collective for _, _, _, collective in roles(text))
    assert len(roles(text)) == 5


def test_role_printed_after_a_name_in_a_list():
    text = "1.推进重大项目建设。（责任单位：市发改委（牵头）、市财政局；完成时限：2023年12月底）"
    ext = extracted(text)
    assert [(m.role, m.mention) for m in ext.agencies] == [
        ("lead", "市发改委"),
        ("responsible", "市财政局"),
    ]
    assert [str(d.due_date) for d in ext.deadlines] == ["2023-12-31"]


def test_you_x_qiantou_y_peihe_in_running_text():
    text = "1.实施城市更新行动。由市住建局牵头，市财政局、市自然资源局配合。"
    assert roles(text) == [
        (1, "lead", "市住建局", False),
        (1, "participant", "市财政局", False),
        (1, "participant", "市自然资源局", False),
    ]


def test_a_group_named_after_a_body_is_one_collective_mention():
    """国务院有关部门 stays one group (not 国务院 + a group); groups joined by 和 are two, as
    the gold splits them (62_shanxi: 省直各部门和各市人民政府)."""
    text = "（一）稳定增长。\n着力扩大内需。（国家发展改革委牵头，国务院有关部门和各地区负责落实）"
    assert roles(text) == [
        (1, "lead", "国家发展改革委", False),
        (1, "participant", "国务院有关部门", True),
        (1, "participant", "各地区", True),
    ]


def test_state_council_opinion_layout():
    text = (
        "国务院关于落实《政府工作报告》重点工作分工的意见\n国发〔2024〕6号\n"
        "国务院各部委、各直属机构：\n现就《政府工作报告》确定的重点工作提出如下分工意见：\n"
        "一、大力推进现代化产业体系建设\n（一）推动产业链供应链优化升级。\n"
        "实施制造业重点产业链高质量发展行动。（工业和信息化部牵头，国家发展改革委、科技部等按职责分工负责）"
        "推进传统产业高端化智能化绿色化转型。（工业和信息化部、国家发展改革委牵头，各有关部门按职责分工负责）\n"
        "（二）积极培育新兴产业和未来产业。\n"
        "开展“人工智能+”行动。（科技部、工业和信息化部、国家发展改革委牵头，各有关部门按职责分工负责）"
    )
    ext = extracted(text)
    seg = ext.segmentation
    assert seg.metadata.doc_number == "国发〔2024〕6号"
    assert [t.section for t in seg.tasks] == [
        "一、大力推进现代化产业体系建设 / （一）推动产业链供应链优化升级",
        "一、大力推进现代化产业体系建设 / （一）推动产业链供应链优化升级",
        "一、大力推进现代化产业体系建设 / （二）积极培育新兴产业和未来产业",
    ]
    leads = [(m.task_seq, m.mention) for m in ext.agencies if m.role == "lead"]
    assert leads == [
        (1, "工业和信息化部"),
        (2, "工业和信息化部"),
        (2, "国家发展改革委"),
        (3, "科技部"),
        (3, "工业和信息化部"),
        (3, "国家发展改革委"),
    ]


def test_verbs_inside_a_labelled_list_set_the_role_of_their_clause():
    text = (
        "（一）扩大有效投资。新开工项目1000个以上。（责任单位：省发展改革委牵头，省直有关部门、"
        "各市人民政府按职责分工负责；完成时限：2023年12月底）"
    )
    ext = extracted(text)
    assert [(m.role, m.mention, m.collective) for m in ext.agencies] == [
        ("lead", "省发展改革委", False),
        ("participant", "省直有关部门", True),
        ("participant", "各市人民政府", True),
    ]
    assert [(t.value_min, t.comparator) for t in ext.targets] == [(1000, "ge")]
    assert [str(d.due_date) for d in ext.deadlines] == ["2023-12-31"]


def test_sub_points_before_the_assignment_belong_to_their_task():
    text = (
        "一、科技创新\n1.推进科技创新。\n（1）建设实验室。\n（2）培育企业20家。\n"
        "牵头单位：科技厅。\n参加单位：财政厅。\n2.深化改革。\n牵头单位：发改委。"
    )
    ext = extracted(text)
    assert [t.number for t in ext.segmentation.tasks] == ["1", "2"]
    assert [(m.task_seq, m.role, m.mention) for m in ext.agencies] == [
        (1, "lead", "科技厅"),
        (1, "participant", "财政厅"),
        (2, "lead", "发改委"),
    ]
    assert [(t.task_seq, t.value_min) for t in ext.targets] == [(1, 20)]


def test_a_table_row_broken_across_pages_is_one_task():
    text = (
        "序号 | 工作任务 | 牵头单位 | 责任单位 |\n"
        "1 | 推进老旧小区改造，完成改造 | 市住建局 | 市财政局 |\n"
        " | 120个小区。 |  | 各区政府 |\n"
        "2 | 优化营商环境。 | 市发改委 | 市市场监管局 |"
    )
    ext = extracted(text)
    assert [t.number for t in ext.segmentation.tasks] == ["1", "2"]
    assert [(m.task_seq, m.mention) for m in ext.agencies] == [
        (1, "市住建局"), (1, "市财政局"), (1, "各区政府"), (2, "市发改委"), (2, "市市场监管局"),
    ]
    assert [(t.task_seq, t.value_min, t.unit) for t in ext.targets] == [(1, 120, "个")]


def test_ruled_pdf_table_with_leader_and_deadline_columns():
    """Rendered by scripts/render_pdfs.render_table: 序号|重点任务|牵头单位|配合单位|责任领导|完成时限."""
    from pathlib import Path

    from pipeline import process_path

    result = process_path(Path(__file__).parent / "data" / "county_table_leaders_deadlines.pdf")
    ext = result.extraction
    assert ext.segmentation.metadata.title == "某某县人民政府办公室关于印发重点工作任务分解表的通知"
    assert [(m.task_seq, m.role, m.mention, m.collective) for m in ext.agencies] == [
        (1, "lead", "县住建局", False),
        (1, "participant", "县财政局", False),
        (1, "participant", "各乡镇人民政府", True),
        (2, "lead", "县交通运输局", False),
        (2, "participant", "各乡镇人民政府", True),
        (3, "lead", "县发改局", False),
        (3, "participant", "县统计局", False),
    ]
    assert [(p.task_seq, p.name) for p in ext.leaders] == [(1, "王明"), (2, "李华"), (3, "李华")]
    assert [(d.task_seq, str(d.due_date), d.kind) for d in ext.deadlines] == [
        (1, "2024-10-31", "by_date"), (2, "None", "ongoing"), (3, "None", "recurring"),
    ]
    assert [(t.task_seq, t.value_min, t.unit, t.comparator) for t in ext.targets] == [
        (1, 120, "个", "eq"), (2, 50, "公里", "eq"), (3, 7, "%", "ge"),
    ]


def test_tasks_run_together_in_one_line_of_a_web_copy():
    text = "一、重点任务\n1.推进科技创新。（科技厅牵头）2.深化改革开放。（发展改革委牵头，财政部配合）3.保障改善民生。（民政部牵头）"
    ext = extracted(text)
    assert [t.number for t in ext.segmentation.tasks] == ["1", "2", "3"]
    assert [(m.task_seq, m.role, m.mention) for m in ext.agencies] == [
        (1, "lead", "科技厅"), (2, "lead", "发展改革委"), (2, "participant", "财政部"), (3, "lead", "民政部"),
    ]


def test_a_list_counted_at_its_end_is_not_a_target():
    ext = extracted("1.优化营商环境。（市发改委、市商务局等5个单位负责）")
    assert [(m.role, m.mention) for m in ext.agencies] == [
        ("responsible", "市发改委"), ("responsible", "市商务局"),
    ]
    assert ext.targets == ()
    assert [(r.raw, r.reason) for r in ext.rejected] == [("5", "list_count")]


def test_label_variants_qualified_bracketed_and_people_in_the_same_line():
    assert [(m.role, m.mention) for m in extracted(
        "1.推进项目建设。牵头单位（部门）：市发改委；配合单位（部门）：市财政局"
    ).agencies] == [("lead", "市发改委"), ("participant", "市财政局")]
    assert [(m.role, m.mention) for m in extracted(
        "1.推进项目建设。【牵头单位】市发改委【配合单位】市财政局"
    ).agencies] == [("lead", "市发改委"), ("participant", "市财政局")]
    ext = extracted("1.推进项目建设。\n牵头单位：市发改委 责任人：张三\n配合单位：市财政局")
    assert [(m.role, m.mention) for m in ext.agencies] == [("lead", "市发改委"), ("participant", "市财政局")]
    assert [p.name for p in ext.leaders] == ["张三"]


def test_roles_in_brackets_after_single_names_do_not_split_the_task():
    ext = extracted("1.推进项目建设。责任单位：市发改委（牵头）、市财政局（配合）、市统计局（按职责分工负责）")
    assert len(ext.segmentation.tasks) == 1
    assert [(m.role, m.mention) for m in ext.agencies] == [
        ("lead", "市发改委"), ("participant", "市财政局"), ("participant", "市统计局"),
    ]
