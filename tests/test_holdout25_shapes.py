"""Issue 16: shapes met in the tenth session's batches and the run-together tables 1163/44,
each a mechanism tested on text written the way such notices print it, not copied from them."""

from __future__ import annotations

from tests.helpers import roles, segmented, titles

_RUN_TOGETHER = (
    "附件:某县2019年重点项目推进责任分解表序号工作任务第一责任单位主要责任单位"
    "一、交通建设1建成县城至高铁站连接线。县交通运输局县发改局、县财政局、城投公司"
    "2完成国道改造15公里。县交通运输局县公安局—3—二、民生保障"
    "3新建幼儿园2所。县教育局各乡(镇)人民政府、开发区管委会\n"
)


def test_a_table_run_together_after_its_title_with_headings_between_rows():
    """A copy from a document viewer runs a whole table into one line after its title (1163
    嘉兴): the header is found inside the line, an outline heading before a row number heads
    the rows after it, a page mark (—3—) where the page broke is no part of a row."""
    assert titles(_RUN_TOGETHER) == [
        ("1", "建成县城至高铁站连接线"), ("2", "完成国道改造15公里"), ("3", "新建幼儿园2所"),
    ]
    sections = [t.section for t in segmented(_RUN_TOGETHER).tasks]
    assert sections[0] is not None and sections[0].endswith("一、交通建设")
    assert sections[2] is not None and sections[2].endswith("二、民生保障")


def test_units_run_together_read_from_the_row_end_with_names_the_pattern_does_not_know():
    """The first unit column (第一责任单位, a lead) takes the first name; names listed after
    a 、 count whatever their first character (城投公司, 开发区管委会)."""
    assert [(seq, role, name) for seq, role, name, _ in roles(_RUN_TOGETHER)] == [
        (1, "lead", "县交通运输局"), (1, "responsible", "县发改局"),
        (1, "responsible", "县财政局"), (1, "responsible", "城投公司"),
        (2, "lead", "县交通运输局"), (2, "responsible", "县公安局"),
        (3, "lead", "县教育局"), (3, "responsible", "各乡(镇)人民政府"),
        (3, "responsible", "开发区管委会"),
    ]


def test_two_leads_run_together_in_the_first_unit_column():
    """Two names run together before the next column's list both lead (市发改委市经信委 |
    市统计局、国网某供电公司)."""
    text = (
        "序号主要任务牵头单位配合单位1单位GDP能耗下降3%。市发改委市经信委市统计局、国网某供电公司"
        "2新增就业1万人。市人社局市财政局\n"
    )
    found = [(seq, role, name) for seq, role, name, _ in roles(text)]
    assert found[:2] == [(1, "lead", "市发改委"), (1, "lead", "市经信委")]
    assert (1, "participant", "国网某供电公司") in found
