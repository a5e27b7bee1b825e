"""Issue 16 (1, 4): tables flattened to text, and headings next to tasks.

Each table is written the way a copy from a web page, a Word file or a PDF viewer gives it;
columns are known by their header names only. Cells are compared without whitespace (a cell
broken over lines keeps its line breaks in the text).
"""

from __future__ import annotations

from tests.helpers import extracted, segmented, squash


def rows(text: str) -> list[tuple[str | None, str, dict[str, list[str]]]]:
    """Per task: its number, title and its non-body cells by kind."""
    seg = segmented(text)
    doc = seg.document.text
    out = []
    for t in seg.tasks:
        cells: dict[str, list[str]] = {}
        for f in t.fields:
            if f.kind != "body":
                cells.setdefault(str(f.kind), []).append(squash(doc[f.start : f.end]))
        out.append((t.number, squash(doc[t.title_start : t.title_end]), cells))
    return out


def roles(text: str) -> list[tuple[int, str, str]]:
    return [(m.task_seq, str(m.role), m.mention) for m in extracted(text).agencies]


# ---------------------------------------------------------------- one cell a line


def test_cells_closed_by_a_separator_with_a_cell_broken_over_lines():
    text = (
        "序号 |\n重点工作 |\n责任领导 |\n牵头单位 |\n配合单位 |\n完成时限 |\n"
        "1 |\n推进招商引资，全年引进项目30个。 |\n王明 |\n商务局、招商局 |\n财政局 |\n全年 |\n"
        "2 |\n建成标准化厂房10万平方米。 |\n李华 |\n市\n发\n改\n委 |\n住建局 |\n2024年底前 |\n"
        "3 |\n新增城镇就业5000人。 |\n张强 |\n人社局 |\n |\n2024年12月 |\n"
    )
    assert rows(text) == [
        ("1", "推进招商引资，全年引进项目30个", {
            "leader": ["王明"], "lead": ["商务局、招商局"], "participant": ["财政局"],
            "deadline": ["全年"]}),
        ("2", "建成标准化厂房10万平方米", {
            "leader": ["李华"], "lead": ["市发改委"], "participant": ["住建局"],
            "deadline": ["2024年底前"]}),
        ("3", "新增城镇就业5000人", {
            "leader": ["张强"], "lead": ["人社局"], "deadline": ["2024年12月"]}),
    ]
    ext = extracted(text)
    assert [(p.task_seq, p.name) for p in ext.leaders] == [(1, "王明"), (2, "李华"), (3, "张强")]
    assert (1, "lead", "招商局") in roles(text)


def test_cells_opened_by_a_separator_rows_closed_by_a_bare_one_lead_spanning_rows():
    """The lead column first, printed once for its group of rows; the rows below it have
    fewer cells and inherit it; the header names are spaced out."""
    text = (
        "主要责任单位\n| 工 作 任 务\n| 协同配合单位\n|\n"
        "县\n教育\n局\n| 新建公办幼儿园3所。\n| 县财政局、县自然资源局\n|\n"
        "改造薄弱学校12所。\n| 县住建局\n|\n"
        "县卫健局\n| 建成村卫生室20个。\n| 各乡镇人民政府\n|\n"
        "开展义诊100场。\n|\n"
    )
    assert rows(text) == [
        (None, "新建公办幼儿园3所", {"lead": ["县教育局"], "participant": ["县财政局、县自然资源局"]}),
        (None, "改造薄弱学校12所", {"lead": ["县教育局"], "participant": ["县住建局"]}),
        (None, "建成村卫生室20个", {"lead": ["县卫健局"], "participant": ["各乡镇人民政府"]}),
        (None, "开展义诊100场", {"lead": ["县卫健局"], "participant": ["各乡镇人民政府"]}),
    ]


def test_a_unit_cell_broken_over_lines_is_one_unit_and_units_joined_by_a_conjunction_split():
    """"市\n发\n改\n委" is one name (resolved whole, its span the printed lines); names on
    lines of their own stay apart; "统计局和市直相关单位" is a unit and a group, while a name
    holding the word (工业和信息化局) or a group before it stays whole."""
    text = (
        "牵头单位\n| 工作任务\n| 责任单位\n|\n"
        "市\n发\n改\n委\n| 地区生产总值增长8%。\n| 统计局和市直相关单位、各区县\n|\n"
        "固定资产投资增长10%。\n|\n"
        "市财政局\n市税务局\n| 组织税收收入。\n| 市工业和信息化局和市委\n|\n"
    )
    got = roles(text)
    assert [(seq, role, squash(m)) for seq, role, m in got if role == "lead"] == [
        (1, "lead", "市发改委"), (2, "lead", "市发改委"), (3, "lead", "市财政局"),
        (3, "lead", "市税务局"),
    ]
    assert [squash(m) for seq, _, m in got if seq == 1][1:] == ["统计局", "市直相关单位", "各区县"]
    assert [m for seq, role, m in got if seq == 3 and role != "lead"] == ["市工业和信息化局", "市委"]
    ext = extracted(text)
    doc = ext.segmentation.document.text
    assert all(doc[m.char_start : m.char_end] == m.mention for m in ext.agencies)
    from pipeline.stages.resolve import resolve

    assert resolve(ext).mentions[0].agency == "市发展和改革委员会"


def test_pipe_rows_numbered_in_the_task_cell_with_sub_rows_padded_by_empty_cells():
    """No number column: the row number opens the task cell ("12.推进…"); sub-rows ②③ print
    only the detail and progress columns, padded to the header's width by empty cells, and
    belong to the task above; a row printing one cell fewer is placed by its content; a
    progress remark naming a person 牵头 is a note, never a unit."""
    text = (
        "年度重点工作 | 细化任务 | 分管领导 | 牵头单位 | 落实情况(1-6月) | 是否达序 | 说明 |\n"
        "12.推进老旧小区改造，完成改造小区20个。 | ①完成8个小区改造。 | 王明 | 住建局 | 已完成5个。 | 是 | |\n"
        "②完成12个小区改造。 | 完成立项。 | 否 | 资金未到位，李区长亲自牵头协调。 | |||\n"
        "13.新建公园5个。 | 王明 | 园林局 | 已建成2个。 | 是 | ||\n"
    )
    assert rows(text) == [
        ("12", "推进老旧小区改造，完成改造小区20个", {"leader": ["王明"], "lead": ["住建局"]}),
        ("13", "新建公园5个", {"leader": ["王明"], "lead": ["园林局"]}),
    ]
    seg = segmented(text)
    bodies = [squash(seg.document.text[f.start : f.end]) for f in seg.tasks[0].fields
              if f.kind == "body"]
    assert "②完成12个小区改造。" in bodies and not any("牵头" in b for b in bodies)
    assert [(seq, role, m) for seq, role, m in roles(text)] == [
        (1, "lead", "住建局"), (2, "lead", "园林局")
    ]


def test_cells_one_a_line_with_units_one_a_line_and_a_sub_row_under_one_number():
    """No separators: a cell of several units printed one a line; a date cell just before the
    next number is the row's, not a group heading; a second task text after the row's date
    is a sub-row sharing the units printed once."""
    text = (
        "序号\n民生实事\n责任单位\n完成时限\n"
        "1\n启动湿地公园建设。\n县水务局\n县住建局\n县园林局\n12月底前\n"
        "2\n新建人行天桥2座。\n县住建局\n9月投入使用\n"
        "3\n开工建设县养老院。\n县民政局\n5月底前动工\n开工建设老年大学。\n12月底前\n"
        "4\n建成农贸市场1个。\n县商务局\n12月底前\n"
    )
    assert rows(text.replace("\n", "\n\n")) == [
        ("1", "启动湿地公园建设", {"responsible": ["县水务局", "县住建局", "县园林局"],
                                   "deadline": ["12月底前"]}),
        ("2", "新建人行天桥2座", {"responsible": ["县住建局"], "deadline": ["9月投入使用"]}),
        ("3", "开工建设县养老院", {"responsible": ["县民政局"], "deadline": ["5月底前动工"]}),
        (None, "开工建设老年大学", {"responsible": ["县民政局"], "deadline": ["12月底前"]}),
        ("4", "建成农贸市场1个", {"responsible": ["县商务局"], "deadline": ["12月底前"]}),
    ]


def test_two_task_columns_the_title_from_the_one_holding_sentences():
    """主要任务 holds short labels over its 细化措施: the task's title is the measure."""
    text = (
        "序号 | 主要任务 | 细化措施 | 牵头单位 |\n"
        "1 | 严守用水总量红线 | 实施总量和强度双控行动。到2020年用水总量控制在12亿立方米以内。 | 市水利局 |\n"
        "2 | 严守效率红线 | 落实用水效率评估体系。 | 市水利局 |\n"
    )
    assert [(n, title) for n, title, _ in rows(text)] == [
        ("1", "实施总量和强度双控行动"), ("2", "落实用水效率评估体系")
    ]


def test_real_notice_with_the_lead_column_spanning_rows_yields_its_tasks():
    from pathlib import Path

    path = Path(__file__).parent.parent / "corpus/dev/34_changsha_2012_zfgzbg_rowspan_pipes.txt"
    got = rows(path.read_text(encoding="utf-8"))
    assert len(got) == 11
    assert [cells["lead"] for _, _, cells in got[:3]] == [["市政府办公厅"]] * 2 + [["长沙先导区管委会"]]
    assert got[10] == (
        None, "城乡居民人均可支配收入分别增长12%和14%",
        {"lead": ["市发改委"], "responsible": ["统计局和市直相关单位、各区县市、各园区"]},
    )


def test_header_names_with_a_year_or_a_topic_before_them():
    """"2022年预期目标", "民生实事": the task column whatever its qualifier."""
    cells = [
        "序号", "2022年预期目标", "责任单位",
        "1", "地区生产总值增长5.5%左右", "区发展改革委",
        "2", "城镇调查失业率控制在5.5%以内", "区人力社保局",
    ]
    text = "\n\n".join(cells)  # a web copy: a blank line after every cell
    assert rows(text) == [
        ("1", "地区生产总值增长5.5%左右", {"responsible": ["区发展改革委"]}),
        ("2", "城镇调查失业率控制在5.5%以内", {"responsible": ["区人力社保局"]}),
    ]
    text = "序号 | 民生实事 | 责任单位 | 完成时限 |\n1 | 新建农贸市场2个。 | 县商务局 | 2016年底 |"
    assert rows(text) == [
        ("1", "新建农贸市场2个", {"responsible": ["县商务局"], "deadline": ["2016年底"]}),
    ]


def test_spaced_header_name_rows_numbered_from_anywhere_and_progress_columns():
    """"分 管 县领导" is a leader column; rows may start at 80; 推进情况/是否达标/说明 are
    notes, never tasks or agencies."""
    cells = [
        "序号 |", "重点任务 |", "分 管 县领导 |", "牵头 单位 |", "1-6月推进情况 |", "是否达标 |",
        "说明 |",
        "80 |", "新建公共停车场3个。 |", "王 明 |", "县住建局 |", "已完成选址。 |", "是 |", "|",
        "81 |", "改造农贸市场2个。 |", "李 华 |", "县商务局 |", "已开工。 |", "否 |", "|",
    ]
    assert rows("\n".join(cells)) == [
        ("80", "新建公共停车场3个", {"leader": ["王明"], "lead": ["县住建局"]}),
        ("81", "改造农贸市场2个", {"leader": ["李华"], "lead": ["县商务局"]}),
    ]


def test_a_title_joined_onto_the_header_and_rows_missing_an_empty_cell():
    """A copy that unwrapped the title onto "序号 |", a 全年目标任务 column each row leaves out
    (its empty cell dropped) and empty cells closing the rows ("||")."""
    cells = [
        "2023年民生实事推进情况(1-6月)序号 |", "主要任务 |", "全年目标任务 |", "牵头单位 |",
        "责任主体与协同单位 |", "上半年进展 |",
        "7 |", "新建口袋公园5个。 |", "县住建局 |", "县城管局、各乡镇 |", "完成2个。 |", "||",
        "8 |", "新增托位200个。 |", "县卫健委 |", "县教育局 |", "完成80个。 |", "||",
    ]
    assert rows("\n".join(cells)) == [
        ("7", "新建口袋公园5个", {"lead": ["县住建局"], "participant": ["县城管局、各乡镇"]}),
        ("8", "新增托位200个", {"lead": ["县卫健委"], "participant": ["县教育局"]}),
    ]


def test_pipe_rows_under_a_header_with_a_title_joined_before_it():
    text = (
        "2024年重点工作推进情况(1-8月)年度重点工作 | 牵头单位 | 落实情况(1-8月) |\n"
        "12.新建污水管网10公里。 | 县水利局 | 已完成6公里。 |\n"
        "13.改造老旧小区3个。 | 县住建局 | 已开工。 |"
    )
    # the 年度重点工作 column holds the task (not the title before it), the progress is a note
    assert [(title.split(".")[-1], cells) for _, title, cells in rows(text)] == [
        ("新建污水管网10公里", {"lead": ["县水利局"]}),
        ("改造老旧小区3个", {"lead": ["县住建局"]}),
    ]


def test_cells_one_a_line_the_text_ending_inside_the_last_row():
    """A page excerpt cut before the last row's progress cell: the row is still a task."""
    cells = [
        "序号", "督办事项", "责任单位", "上半年进展",
        "1", "新建学校3所。", "市教育局", "已开工2所。",
        "2", "新增就业5万人。", "市人社局",
    ]
    assert rows("\n\n".join(cells)) == [
        ("1", "新建学校3所", {"responsible": ["市教育局"]}),
        ("2", "新增就业5万人", {"responsible": ["市人社局"]}),
    ]


# ---------------------------------------------------------------- ruled tables


def test_ruled_table_with_wrapped_cells_and_a_lead_spanning_two_rows():
    text = (
        "┌──┬──────────┬────────┬────────┐\n"
        "│序│ 工 作 任 务      │牵头单位│配合单位│\n"
        "│号│                  │        │        │\n"
        "├──┼──────────┼────────┼────────┤\n"
        "│1 │推进老旧小区改造，│市住建局│市财政局│\n"
        "│  │完成改造120个。   │        │        │\n"
        "├──┼──────────┤        ├────────┤\n"
        "│2 │新建城市道路50公里│        │市交通局│\n"
        "├──┼──────────┼────────┼────────┤\n"
        "│3 │优化营商环境。    │市发改委│市统计局│\n"
        "└──┴──────────┴────────┴────────┘"
    )
    assert roles(text) == [
        (1, "lead", "市住建局"), (1, "participant", "市财政局"),
        (2, "lead", "市住建局"), (2, "participant", "市交通局"),
        (3, "lead", "市发改委"), (3, "participant", "市统计局"),
    ]
    seg = segmented(text)
    doc = seg.document.text
    bodies = [squash(doc[f.start : f.end]) for f in seg.tasks[0].fields if f.kind == "body"]
    assert bodies == ["推进老旧小区改造，", "完成改造120个。"]


def test_ruled_table_with_a_spanning_cell_printed_in_the_middle_of_its_rows():
    text = (
        "┌──┬──────┬──────┐\n"
        "│序号│主要任务│责任单位│\n"
        "├──┼──────┼──────┤\n"
        "│1 │新建学校3所。│      │\n"
        "├──┼──────┤      │\n"
        "│2 │改造操场5个。│县教育局│\n"
        "├──┼──────┤      │\n"
        "│3 │培训教师200人次。│      │\n"
        "├──┼──────┼──────┤\n"
        "│4 │新建卫生院1所。│县卫健局│\n"
        "└──┴──────┴──────┘"
    )
    assert [(s, m) for s, _, m in roles(text)] == [
        (1, "县教育局"), (2, "县教育局"), (3, "县教育局"), (4, "县卫健局"),
    ]


def test_pipe_rows_with_a_blank_lead_cell_inherit_the_lead_above():
    text = (
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
        "| 1 | 新增城镇就业2万人。 | 市人社局 | 市财政局 | 2024年12月底前 |\n"
        "| 2 | 开展职业技能培训5000人次。 |  |  |  |\n"
        "| 3 | 新建养老服务中心4个。 | 市民政局 | 各区政府 | 2024年10月 |\n"
    )
    assert rows(text) == [
        ("1", "新增城镇就业2万人", {
            "lead": ["市人社局"], "participant": ["市财政局"], "deadline": ["2024年12月底前"]}),
        ("2", "开展职业技能培训5000人次", {"lead": ["市人社局"], "deadline": ["2024年12月底前"]}),
        ("3", "新建养老服务中心4个", {
            "lead": ["市民政局"], "participant": ["各区政府"], "deadline": ["2024年10月"]}),
    ]


# ---------------------------------------------------------------- columns spaced out


def test_spaced_columns_with_cells_wrapped_onto_the_next_lines():
    text = (
        "序号  重点任务                        牵头单位        配合单位\n"
        "1     推进5万个行政村通光纤，          省通信管理局    省工信厅\n"
        "      实现4G网络全覆盖。\n"
        "2     再开工20项重大水利工程           省水利厅        省发改委、\n"
        "                                                       省财政厅\n"
        "3     新增城镇就业110万人              省人社厅        各地级以上市政府\n"
        "二、保障措施\n"
        "各地要加强组织领导。"
    )
    assert roles(text) == [
        (1, "lead", "省通信管理局"), (1, "participant", "省工信厅"),
        (2, "lead", "省水利厅"), (2, "participant", "省发改委"), (2, "participant", "省财政厅"),
        (3, "lead", "省人社厅"), (3, "participant", "各地级以上市政府"),
    ]
    seg = segmented(text)
    doc = seg.document.text
    bodies = [squash(doc[f.start : f.end]) for f in seg.tasks[0].fields if f.kind == "body"]
    assert bodies == ["推进5万个行政村通光纤，", "实现4G网络全覆盖。"]
    assert len(seg.tasks) == 3  # the heading after the table is no row


# ---------------------------------------------------------------- run together


def test_table_run_together_on_one_line_header_first():
    text = (
        "序号项目名称主要内容牵头单位配合单位"
        "1新建城南污水处理厂建设规模10万吨/日，2024年底建成市住建局市财政局、市生态环境局"
        "2改造老旧管网新改造雨污管网50公里市城管局各区政府"
        "3建设智慧停车系统新增公共停车泊位2000个市公安局市发改委"
    )
    assert roles(text) == [
        (1, "lead", "市住建局"), (1, "participant", "市财政局"), (1, "participant", "市生态环境局"),
        (2, "lead", "市城管局"), (2, "participant", "各区政府"),
        (3, "lead", "市公安局"), (3, "participant", "市发改委"),
    ]
    assert [(t.task_seq, t.value_min, t.unit) for t in extracted(text).targets] == [
        (1, 10.0, "万吨/日"), (2, 50.0, "公里"), (3, 2000.0, "个"),
    ]


def test_run_together_rows_with_a_deadline_column():
    text = (
        "序号工作任务责任单位完成时限"
        "1完成高标准农田建设2万亩县农业农村局2024年10月底前"
        "2新建农村公路30公里县交通运输局2024年12月底前"
    )
    assert rows(text) == [
        ("1", "完成高标准农田建设2万亩", {"responsible": ["县农业农村局"], "deadline": ["2024年10月底前"]}),
        ("2", "新建农村公路30公里", {"responsible": ["县交通运输局"], "deadline": ["2024年12月底前"]}),
    ]


# ---------------------------------------------------------------- headings


def test_a_heading_after_a_task_with_label_lines_begins_a_new_section():
    text = (
        "一、产业发展\n1.培育先进制造业集群。\n牵头单位：市工信局\n配合单位：市发改委\n"
        "二、城市建设\n2.改造老旧小区50个。\n牵头单位：市住建局\n"
        "（三）生态保护\n3.完成造林1万亩。\n牵头单位：市林业局"
    )
    seg = segmented(text)
    doc = seg.document.text
    assert [(t.number, t.section, squash(doc[t.title_start : t.title_end])) for t in seg.tasks] == [
        ("1", "一、产业发展", "培育先进制造业集群"),
        ("2", "二、城市建设", "改造老旧小区50个"),
        ("3", "二、城市建设 / （三）生态保护", "完成造林1万亩"),
    ]
    assert roles(text) == [
        (1, "lead", "市工信局"), (1, "participant", "市发改委"), (2, "lead", "市住建局"),
        (3, "lead", "市林业局"),
    ]


def test_numbering_runs_on_across_headings():
    text = (
        "一、扩大有效投资\n1.推进重大项目建设。（市发改委牵头）\n2.加快城市更新。（市住建局牵头）\n"
        "二、保障改善民生\n3.新增城镇就业3万人。（市人社局牵头）\n4.新建学校5所。（市教育局牵头）"
    )
    seg = segmented(text)
    assert [(t.number, t.section) for t in seg.tasks] == [
        ("1", "一、扩大有效投资"), ("2", "一、扩大有效投资"),
        ("3", "二、保障改善民生"), ("4", "二、保障改善民生"),
    ]


def test_unnumbered_tasks_under_numbered_headings():
    text = (
        "（一）稳定工业增长\n推动规上工业增加值增长8%。（市工信局牵头，市统计局配合）\n"
        "实施技改项目100个。（市工信局牵头）\n（二）扩大消费\n举办促消费活动20场。（市商务局牵头）"
    )
    seg = segmented(text)
    doc = seg.document.text
    assert [(t.number, t.section, squash(doc[t.title_start : t.title_end])) for t in seg.tasks] == [
        (None, "（一）稳定工业增长", "推动规上工业增加值增长8%"),
        (None, "（一）稳定工业增长", "实施技改项目100个"),
        (None, "（二）扩大消费", "举办促消费活动20场"),
    ]


def test_cells_one_a_line_with_a_row_label_column_and_group_rows():
    """序号 / 名称 / 工作任务 / 主要责任单位, one cell a line; a group row of one cell over
    each group; the row label (名称) is no task, the units column alone leaves roles open."""
    text = (
        "序号\n名称\n工作任务\n主要责任单位\n"
        "主要预期目标(2项)\n"
        "1\n地区生产总值\n地区生产总值增长8%\n市发改委、统计局\n"
        "2\n财政收入\n一般预算收入增长10%\n市财政局\n"
        "重点工作任务(1项)\n"
        "3\n城市更新\n改造老旧小区50个。\n市住建局、各区政府\n"
    )
    seg = segmented(text)
    assert [(t.number, t.section) for t in seg.tasks] == [
        ("1", "主要预期目标(2项)"), ("2", "主要预期目标(2项)"), ("3", "重点工作任务(1项)")
    ]
    assert [r[1:] for r in rows(text)] == [
        ("地区生产总值增长8%", {"responsible": ["市发改委、统计局"]}),
        ("一般预算收入增长10%", {"responsible": ["市财政局"]}),
        ("改造老旧小区50个", {"responsible": ["市住建局、各区政府"]}),
    ]
    assert {role for _, role, _ in roles(text)} == {"responsible"}  # no lead: scored either


def test_cells_one_a_line_with_group_rows_a_marked_number_and_a_labelled_extra_cell():
    """A header name with a note after it, group rows between the numbered rows, a row
    number marked by a sign (1*), a cell the header has no column for (省牵头单位:…), and a
    numbered heading and a second table after the first."""
    text = (
        "一、第一部分\n序号\n重点工作任务(本市3项配合工作)\n责任单位\n"
        "(一)张三副市长牵头重点工作\n1\n建设高标准农田10万亩。\n市农业农村局、市财政局\n"
        "省牵头单位:省农业农村厅\n"
        "(二)李四副市长牵头重点工作\n2\n新增城镇就业5万人。\n市人力社保局\n"
        "二、第二部分\n序号\n重点工作任务(本市1项牵头工作)\n责任单位\n"
        "(一)王五副市长牵头重点工作\n1*\n推进科创走廊建设。\n市科技局、市发改委\n"
    )
    text = text.replace("\n", "\n\n")  # one cell a paragraph, as a web page gives them
    seg = segmented(text)
    doc = seg.document.text
    assert [
        (t.number, t.section, squash(doc[t.title_start : t.title_end])) for t in seg.tasks
    ] == [
        ("1", "一、第一部分 / (一)张三副市长牵头重点工作", "建设高标准农田10万亩"),
        ("2", "一、第一部分 / (二)李四副市长牵头重点工作", "新增城镇就业5万人"),
        ("1*", "二、第二部分 / (一)王五副市长牵头重点工作", "推进科创走廊建设"),
    ]
    assert (1, "lead", "省农业农村厅") in roles(text)
    assert not any("副市长" in name for _, _, name in roles(text))


def test_cells_one_a_line_a_row_leaving_out_an_empty_cell_is_placed_by_content():
    """A row whose empty 责任领导 cell the copy left out: it ends at the next row's number,
    its cells go to the columns their content fits (units never to the people column)."""
    text = (
        "序号\n主要工作举措\n牵头单位\n配合单位\n责任领导\n"
        "1\n推进农产品精深加工全产业链招商。\n区农业农村局\n区发展改革局、区工业和信息化局\n"
        "2\n加快在建项目的建设进度。\n区工业和信息化局\n区发展改革局\n王明\n"
        "3\n打造再生资源产业集群。\n区发展改革局\n区商务局\n王明\n"
    ).replace("\n", "\n\n")  # one cell a paragraph, as a web page gives them
    assert rows(text) == [
        ("1", "推进农产品精深加工全产业链招商", {
            "lead": ["区农业农村局"], "participant": ["区发展改革局、区工业和信息化局"]}),
        ("2", "加快在建项目的建设进度", {
            "lead": ["区工业和信息化局"], "participant": ["区发展改革局"], "leader": ["王明"]}),
        ("3", "打造再生资源产业集群", {
            "lead": ["区发展改革局"], "participant": ["区商务局"], "leader": ["王明"]}),
    ]


def test_run_together_rows_one_a_line_a_category_before_the_number_and_progress_after_units():
    """Header names run together on a line of their own (序号 before 重点督办内容 is a column
    of its own); each row run together on its line: the category, the number, the task, its
    units glued to the progress text that follows them."""
    text = (
        "类别序号重点督办内容牵头单位配合单位全年完成情况\n"
        "主要预期目标1地区生产总值增长6%左右。区发展改革委区统计局全年增长5.2%,完成目标。\n"
        "主要预期目标2一般公共预算收入增长2%左右。区财政局截至12月31日,完成413.84亿元。\n"
        "重点任务3新建公办幼儿园3所。区教育委员会、区住房城市建设委区财政局已建成2所。\n"
        "以上为全年完成情况。\n"
    ).replace("\n", "\n\n")
    assert [r[:2] for r in rows(text)] == [
        ("1", "地区生产总值增长6%左右"), ("2", "一般公共预算收入增长2%左右"), ("3", "新建公办幼儿园3所"),
    ]
    assert roles(text) == [
        (1, "lead", "区发展改革委"), (1, "participant", "区统计局"), (2, "lead", "区财政局"),
        (3, "lead", "区教育委员会"), (3, "lead", "区住房城市建设委"), (3, "participant", "区财政局"),
    ]


def test_cells_one_a_line_rows_opened_by_a_number_in_the_name_cell():
    """No 序号 column: each row opens with "1." inside its 指标名称 cell, the row's title;
    the category is printed on its group's first row only; a name, a target and the units
    wrap over lines; the results column is never a task nor a target."""
    text = "\n\n".join([  # one cell a paragraph, as a web page's table copies
        "表2 主要指标", "类别", "指标名称", "年度目标", "全年完成情况", "责任单位",
        "经济发展", "1.规模以上工业增加值增长率", "8%以上", "9.2%", "市经信局",
        "2.高新技术产业增加值占规模以上", "工业比重", "提高2个", "百分点", "提高1.5个百分点",
        "市科技局", "市发改委",
        "社会民生", "3.城镇调查失业率", "控制在", "5.5%以内", "5.1%", "市人社局",
        "4.居民人均可支配收入增长率", "与经济增长同步", "7.8%", "市统计局", "市人社局",
        "二、下半年工作安排", "全面完成全年目标任务。",
    ])
    assert rows(text) == [
        ("1", "规模以上工业增加值增长率", {"responsible": ["市经信局"]}),
        ("2", "高新技术产业增加值占规模以上", {"responsible": ["市科技局", "市发改委"]}),
        ("3", "城镇调查失业率", {"responsible": ["市人社局"]}),
        ("4", "居民人均可支配收入增长率", {"responsible": ["市统计局", "市人社局"]}),
    ]
    seg = segmented(text)
    bodies = [
        [squash(seg.document.text[f.start : f.end]) for f in t.fields if f.kind == "body"]
        for t in seg.tasks
    ]
    assert bodies[1] == ["高新技术产业增加值占规模以上", "工业比重", "提高2个", "百分点"]
    assert bodies[2] == ["城镇调查失业率", "控制在", "5.5%以内"]
    targets = [(t.task_seq, t.raw) for t in extracted(text).targets]
    assert (1, "8%以上") in targets and (3, "5.5%以内") in targets
    assert not {raw for _, raw in targets} & {"9.2%", "5.1%", "7.8%", "提高1.5个百分点"}
