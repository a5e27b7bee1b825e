"""Issue 16: shapes of the ninth holdout batch (511–531), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from pipeline.stages.agency_names import person_like
from pipeline.stages.table_columns import cell_kind
from tests.helpers import extracted, roles, segmented, titles


def test_category_and_section_columns_are_known_by_name():
    """511 略阳: 指标 labels a group of rows (a name column: a note beside the task column,
    table_rows.task_kinds); 责任股室 names a county bureau's sections."""
    assert [cell_kind(c) for c in ("指标", "分类", "责任股室", "责任科室", "责任处室")] == [
        "name", "name", "responsible", "responsible", "responsible",
    ]
    assert cell_kind("指标值") is None


def test_people_are_two_or_three_characters_after_a_surname():
    """A four-character word opening with a surname character is no person (文化产业, 文物保护,
    安全生产); a compound surname still makes one of four (欧阳明华)."""
    assert person_like("夏俊贵") and person_like("周 斐") and person_like("欧阳明华")
    assert not any(map(person_like, ("文化产业", "文物保护", "安全生产", "高新技术")))


# 序号 | 指标 | 工作任务 | 完成时限 | 责任领导 | 责任股室(单位): one cell a line; the
# 指标, 完成时限, 领导 and 股室 cells span rows and print once; a row's units one a line.
_SPANNED = "\n".join([
    "序号", "指标", "工作任务", "完成时限", "责任领导", "责任股室", "(单位)",
    "1", "公共文化服务", "文化站免费开放服务人次较上年增长15%。", "12月底前", "夏俊贵",
    "文化宣传股", "文化馆", "图书馆",
    "2", "全年组织开展惠民演出不少于100场。",
    "3", "文化产业", "培育规模以上文化服务企业1家。",
    "4", "非遗保护", "完成非遗展厅布展任务。", "羌研会", "博物馆",
    "5", "旅游", "新建旅游厕所6座。", "5月底", "周 斐", "旅游股",
    "6", "抓好旅游环境综合整治工作。",
])


def test_rows_under_spanning_cells_with_units_one_a_line():
    assert [title for _, title in titles(_SPANNED)] == [
        "文化站免费开放服务人次较上年增长15%", "全年组织开展惠民演出不少于100场",
        "培育规模以上文化服务企业1家", "完成非遗展厅布展任务", "新建旅游厕所6座",
        "抓好旅游环境综合整治工作",
    ]
    found = roles(_SPANNED)
    units = {seq: [name for s, _, name, _ in found if s == seq] for seq in range(1, 7)}
    assert units[1] == units[2] == units[3] == ["文化宣传股", "文化馆", "图书馆"]
    assert units[4] == ["羌研会", "博物馆"]
    assert units[5] == units[6] == ["旅游股"]
    assert not any(name in {"夏俊贵", "周斐", "周 斐"} for _, _, name, _ in found)
    deadlines = {d.task_seq: d.raw for d in extracted(_SPANNED).deadlines}
    assert deadlines == {1: "12月底前", 2: "12月底前", 3: "12月底前", 4: "12月底前",
                         5: "5月底", 6: "5月底"}


def test_a_category_column_before_the_number_heads_its_rows():
    """152 莲都's shape: 分类 | 序号 | 事项 | 责任单位 | 牵头单位, the category printed once
    over its rows: it reads as a group heading, and the rows keep their cells."""
    text = "\n\n".join([
        "分类", "序号", "事项", "责任单位", "牵头单位",
        "发展目标", "1", "地区生产总值增长6.5%以上。", "区发改局、区经商局", "区发改局",
        "2", "一般公共预算收入增长7.5%。", "区财政局", "区财政局",
        "改革开放", "3", "深化国有企业改革。", "区国资办、区财政局", "区国资办",
    ])
    seg = segmented(text)
    assert [t.number for t in seg.tasks] == ["1", "2", "3"]
    assert [t.section for t in seg.tasks] == ["发展目标", "发展目标", "改革开放"]
    assert (3, "lead", "区国资办", False) in roles(text)


def test_headings_of_rows_left_out_between_two_rows():
    """531 谯城: a bureau's extract of a district table keeps every heading, the rows of other
    units left out: "二、…" to "六、…" over row 68; the table goes on past them."""
    text = "\n\n".join([
        "序号", "重点工作任务", "主要责任单位", "协同配合单位",
        "一、主要预期目标",
        "3", "固定资产投资增长7.5%左右。", "区发改委", "区工信局、区住建局。",
        "二、全力以赴扩投资、优服务", "三、全力以赴延链条、壮集群", "四、全力以赴惠民生、增福祉",
        "68", "持续推进学前教育普及普惠。", "区教育局", "区政府有关部门。",
        "69", "积极引进优质教育资源。", "区教育局", "区投资促进中心",
    ])
    seg = segmented(text)
    assert [t.number for t in seg.tasks] == ["3", "68", "69"]
    assert seg.tasks[1].section == "四、全力以赴惠民生、增福祉"
    assert (3, "participant", "区投资促进中心", False) in roles(text)


def test_a_shared_prefix_goes_on_past_the_lead_the_convention_parts_off():
    """521 镇海: "(责任单位中排序第一单位为牵头单位)"; "(区发改局、农业局)": the lead is
    区发改局 and 农业局 is the 区's, as the list prints it."""
    text = (
        "各部门(责任单位中排序第一单位为牵头单位)按照职责认真做好落实工作。\n"
        "1.区属GDP增长12%。(区发改局)\n"
        "2.农民人均纯收入增长11%以上。(区发改局、农业局)\n"
    )
    mentions = [m for m in extracted(text).agencies if m.task_seq == 2]
    assert [(m.role, m.mention, m.prefix) for m in mentions] == [
        ("lead", "区发改局", None), ("participant", "农业局", "区"),
    ]
