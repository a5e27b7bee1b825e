"""Segment: tasks, numbers, sections and titles of every corpus notice match the gold."""

from __future__ import annotations

import pytest
from conftest import fitted_texts

from pipeline.stages.metadata import extract_metadata
from tests.conftest import CORPUS, gold_for
from tests.helpers import corpus_file, normalized, segmented, squash

TEXTS = fitted_texts()


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_tasks_match_gold(path):
    gold = gold_for(path.stem)
    seg = segmented(corpus_file(path))
    text = seg.document.text
    got = [
        (t.number, t.section, squash(text[t.title_start : t.title_end])) for t in seg.tasks
    ]
    want = [(g["number"], g.get("section"), squash(g["title"])) for g in gold["tasks"]]
    assert got == want


def test_tibet_has_35_tasks_spanning_the_text(tibet_gold):
    seg = segmented(corpus_file(CORPUS / "tibet-2017-keji-yuanzang.txt"))
    assert len(seg.tasks) == 35
    text = seg.document.text
    last = seg.tasks[-1]
    assert text[last.start : last.end].endswith("科协。")  # the 印发 line is not part of it
    assert "印发" not in text[last.start : last.end]
    assert all(t.start < t.end <= n.start for t, n in zip(seg.tasks, seg.tasks[1:], strict=False))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_metadata_matches_gold(path):
    meta = gold_for(path.stem)["meta"]
    got = extract_metadata(normalized(corpus_file(path)).text)
    assert (got.title and squash(got.title)) == (meta["title"] and squash(meta["title"]))
    if meta.get("doc_number"):
        assert got.doc_number == meta["doc_number"]
    if meta.get("publish_date"):
        assert got.publish_date and got.publish_date.isoformat() == meta["publish_date"]


def test_number_alone_on_its_line_and_tasks_across_pages():
    seg = segmented(["1.\n第一项任务。\n牵头单位：科技厅。\n2．第二项", "任务跨页继续。\n牵头单位：财政厅。"])
    assert [t.number for t in seg.tasks] == ["1", "2"]
    text = seg.document.text
    assert squash(text[seg.tasks[0].title_start : seg.tasks[0].title_end]) == "第一项任务"
    assert squash(text[seg.tasks[1].title_start : seg.tasks[1].title_end]) == "第二项任务跨页继续"
    assert seg.document.page_at(seg.tasks[1].end - 1) == 2


@pytest.mark.parametrize(
    "marker", ["1.", "1．", "1、", "（1）", "(1)"], ids=["dot", "fullwidth-dot", "dun", "paren-cn", "paren"]
)
def test_numbering_styles(marker):
    second = marker.replace("1", "2")
    seg = segmented(f"{marker}甲任务。牵头单位：科技厅。\n{second}乙任务。牵头单位：财政厅。")
    assert len(seg.tasks) == 2
    assert seg.tasks[1].number == second.rstrip("、.．")


def test_nested_numbering_gives_section_paths_and_headings_are_not_tasks():
    text = (
        "一、总体要求\n（一）加强创新\n1.甲任务。（科技厅牵头）\n2.乙任务。（财政厅牵头）\n"
        "（二）深化改革\n3.丙任务。（发展改革委牵头）\n二、保障措施\n（一）强化组织\n1.丁任务。（科技厅牵头）"
    )
    seg = segmented(text)
    assert [t.number for t in seg.tasks] == ["1", "2", "3", "1"]
    assert seg.tasks[2].section == "一、总体要求 / （一）深化改革".replace("（一）深化", "（二）深化")
    assert seg.tasks[3].section == "二、保障措施 / （一）强化组织"


def test_numbers_need_not_start_at_one():
    seg = segmented("204.甲任务。牵头单位：科技厅。\n205.乙任务。牵头单位：财政厅。")
    assert [t.number for t in seg.tasks] == ["204", "205"]


def test_numbers_inside_sentences_are_not_tasks():
    seg = segmented("1.全面评估 40年来的变化，完成3.5万亩。牵头单位：科技厅。\n2.乙任务。牵头单位：财政厅。")
    assert [t.number for t in seg.tasks] == ["1", "2"]


def test_covering_letter_and_closing_lines_are_not_tasks():
    text = (
        "某某市人民政府关于印发分工方案的通知\n各区政府：\n一、请认真落实。\n二、及时报送。\n"
        "某某市人民政府\n2023年3月1日\n1.甲任务。牵头单位：市科技局。\n2.乙任务。牵头单位：市财政局。\n"
        "某某市人民政府办公室 2023年3月2日印发"
    )
    seg = segmented(text)
    assert [t.number for t in seg.tasks] == ["1", "2"]
    assert "印发" not in seg.document.text[seg.tasks[-1].start : seg.tasks[-1].end]


def test_a_notice_without_tasks_warns():
    seg = segmented("关于做好某项工作的通知\n请各单位认真贯彻落实。")
    assert seg.tasks == ()
    assert seg.warnings == ("no numbered tasks found",)


def test_issuer_from_the_signature_when_the_title_names_none():
    meta = extract_metadata(
        "关于印发《某某市2024年重点任务清单》的通知\n各区人民政府：\n现将清单印发给你们。\n"
        "某某市人民政府办公室\n2024年4月1日\n1.任务。牵头单位：市发改委。"
    )
    assert meta.issuer == "某某市人民政府办公室"
    assert meta.jurisdiction == "某某市"
    assert str(meta.publish_date) == "2024-04-01"


def test_bordered_table_cells_are_stripped_and_blank_cells_kept_apart():
    """A blank lead cell sits under a cell spanning rows (inherited); a blank participant
    cell is no cell at all."""
    seg = segmented(
        "│ 序号 │ 工作任务 │ 牵头单位 │ 配合单位 │\n"
        "│ 1 │ 建设 实验室。 │ 市科技局 │　│\n"
        "│2│培育企业。│ │市财政局│\n"
    )
    text = seg.document.text
    got = [
        (t.number, [(f.kind, f.label, text[f.start : f.end]) for f in t.fields])
        for t in seg.tasks
    ]
    assert got == [
        ("1", [("body", "工作任务", "建设实验室。"), ("lead", "牵头单位", "市科技局")]),
        (
            "2",
            [
                ("body", "工作任务", "培育企业。"),
                ("lead", "牵头单位", "市科技局"),
                ("participant", "配合单位", "市财政局"),
            ],
        ),
    ]


def test_document_number_keeps_at_most_twelve_characters_before_its_bracket():
    head = "关于印发某某方案的通知\n某某省某某市某某区人民政府办公室文〔2024〕12号\n"
    assert extract_metadata(head).doc_number == "市某某区人民政府办公室文〔2024〕12号"
    assert extract_metadata("通知\n〔2024〕3号 无前缀\n").doc_number is None


def test_a_numbered_item_with_its_label_line_is_a_task_even_with_a_bracket_in_it():
    """The bracket at the end of the label line states a convention; the item is no heading
    over bracketed units."""
    seg = segmented(
        "一、市长主抓重点工作\n"
        "1.制定出台政策体系，与企业共克时艰。\n"
        "责任单位：财政局、发改局、经信局（列第一位者为牵头单位，下同）\n"
        "2.全面落实减负政策。\n"
        "责任单位：发改局、税务局\n"
    )
    text = seg.document.text
    assert [(t.number, t.section) for t in seg.tasks] == [
        ("1", "一、市长主抓重点工作"), ("2", "一、市长主抓重点工作")
    ]
    assert squash(text[seg.tasks[0].title_start : seg.tasks[0].title_end]) == "制定出台政策体系，与企业共克时艰"


GROUPS = (
    "一、张三省长负责的工作\n"
    "全面负责省政府工作任务的落实。\n"
    "(一)省审计厅牵头的工作\n"
    "全面加强审计工作。\n"
    "协同单位:省直各部门。\n"
    "(二)省编办牵头的工作\n"
    "1.深化行政管理体制改革。\n"
    "2.推进乡镇机构改革。\n"
    "协同单位:省财政厅、省人事厅。\n"
    "(三)李四副省长牵头的工作\n"
    "加强政务公开。\n"
)


def test_group_headings_name_the_lead_of_the_tasks_under_them():
    seg = segmented(GROUPS)
    text = seg.document.text
    got = [
        (t.number, t.section, squash(text[t.title_start : t.title_end])) for t in seg.tasks
    ]
    assert got == [
        (None, "一、张三省长负责的工作 / (一)省审计厅牵头的工作", "全面加强审计工作"),
        ("1", "一、张三省长负责的工作 / (二)省编办牵头的工作", "深化行政管理体制改革"),
        ("2", "一、张三省长负责的工作 / (二)省编办牵头的工作", "推进乡镇机构改革"),
        (None, "一、张三省长负责的工作 / (三)李四副省长牵头的工作", "加强政务公开"),
    ]
    leads = [
        [squash(text[f.start : f.end]) for f in t.fields if f.kind == "lead"] for t in seg.tasks
    ]
    assert leads == [["省审计厅"], ["省编办"], ["省编办"], []]  # a person leads no task


def test_a_heading_joined_with_the_line_under_it_ends_where_the_source_line_ended():
    """Normalizing joins a line without a closing 。 to the next; the outline still reads
    the source's lines: a number there starts an item, and the heading ends there."""
    seg = segmented(GROUPS)
    text = seg.document.text
    assert "(一)省审计厅牵头的工作全面加强审计工作。" in text  # joined by normalize
    assert seg.tasks[0].section.endswith("(一)省审计厅牵头的工作")
    assert squash(text[seg.tasks[0].start : seg.tasks[0].end]) == "全面加强审计工作。协同单位:省直各部门。"
def _one_line_notice(n_tasks: int) -> str:
    tasks = " ".join(
        f"{i}.推进第{i}项重点工作，完善相关制度，确保按期完成。（市发展改革委牵头，市财政局配合）"
        for i in range(1, n_tasks + 1)
    )
    return (
        "某市人民政府 关于分解重点工作任务的通知 各区人民政府，市政府各部门： 现将重点工作任务"
        "分解如下，请认真抓好落实。 一、稳定经济增长 （一）扩大有效投资 " + tasks + " （二）促进消费"
        " 1.举办消费季活动，提振消费信心。（市商务局牵头）"
    )


def test_a_whole_notice_on_one_line_keeps_its_outline():
    seg = segmented(_one_line_notice(12))
    assert "\n" not in seg.document.text
    assert [t.number for t in seg.tasks] == [*(str(i) for i in range(1, 13)), "1"]
    assert seg.tasks[0].section == "一、稳定经济增长 / （一）扩大有效投资"
    assert seg.tasks[-1].section == "一、稳定经济增长 / （二）促进消费"


def test_a_short_line_with_numbers_after_spaces_is_no_outline():
    seg = segmented("重点工作 一、稳定增长 （一）扩大投资 1.推进项目建设。（市发展改革委牵头）")
    assert seg.tasks == ()
