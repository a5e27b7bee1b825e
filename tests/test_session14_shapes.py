"""Issue 16 and 14: shapes met in the fourteenth session, each a mechanism tested on text
written the way such notices print it, not copied from them."""

from __future__ import annotations

from pipeline import process_text


def _rows(text: str) -> list[tuple[str | None, str, list[str], list[str]]]:
    result = process_text(text)
    extraction = result.extraction
    doc = extraction.segmentation.document.text
    return [
        (
            t.number,
            doc[t.title_start : t.title_end],
            [a.mention for a in extraction.agencies if a.task_seq == t.seq],
            [d.raw for d in extraction.deadlines if d.task_seq == t.seq and d.due_date],
        )
        for t in extraction.segmentation.tasks
    ]


# A web page's or Word file's table read into text: a sub-row's number cell is empty, so
# its line opens with "|"; it prints its own work, its own unit and its own date.
_EMPTY_NUMBER_CELLS = "\n".join([
    "2022年度民生实事进展情况表",
    "序号|省工作目标|县牵头单位|全面完成预计时间|",
    "1 |新增3个乡镇(街道)建有托育机构|卫生健康局|已完成|",
    "|新增托位525个|卫生健康局| 7月底|",
    "|新增普惠托位315个|卫生健康局| 7月底|",
    "2 |新改扩建公办中小学2所|教体局| 8月底|",
    "|支援山区县组建结对学校5所|教体局| 9月底|",
])


def test_a_row_with_an_empty_number_cell_printing_its_own_work_and_unit_is_a_task():
    assert _rows(_EMPTY_NUMBER_CELLS) == [
        ("1", "新增3个乡镇(街道)建有托育机构", ["卫生健康局"], []),
        (None, "新增托位525个", ["卫生健康局"], ["7月底"]),
        (None, "新增普惠托位315个", ["卫生健康局"], ["7月底"]),
        ("2", "新改扩建公办中小学2所", ["教体局"], ["8月底"]),
        (None, "支援山区县组建结对学校5所", ["教体局"], ["9月底"]),
    ]


def test_a_row_without_its_number_that_prints_only_the_rest_of_its_cells_continues():
    """The other side: the rest of a row broken across a page prints no unit of its own."""
    text = "\n".join([
        "序号|工作任务|牵头单位|完成时限|",
        "1 |推进城乡环卫一体化,建立三级环卫队伍网络,|住建局|6月底前|",
        "|完善农村垃圾收运体系。|||",
        "2 |完成农村公路危桥改造10座。|交通局|9月底前|",
    ])
    rows = _rows(text)
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[0][2] == ["住建局"]


# A progress table copied one cell a line: the 序号 and 项目 cells span sub-rows, and a
# sub-row under a unit spanning it prints its target, progress and "已完成" only.
_PROGRESS_SPANS = "\n\n".join([
    "2022年度民生实事1-9月份进展情况表",
    "序号", "项目", "省工作目标", "县", "牵头单位", "1-9月进展情况", "全面完成预计时间",
    "1", "浙有善育", "新增3个乡镇(街道)建有托育机构", "卫生健康局",
    "已全部完成(石璜镇幼托中心、仙岩镇中心幼儿园)。", "已完成",
    "新增托位525个", "卫生健康局", "已全部完成。", "已完成",
    "新增普惠托位315个", "已全部完成。", "已完成",
    "2", "浙里优学", "新改扩建公办中小学2所", "教体局", "已全部完成。", "已完成",
    "新增义务教育公办学位800个", "已全部完成。", "已完成",
    "3", "浙派工匠", "开展职业技能培训11300人次", "人力社保局", "已全部完成。", "已完成",
])


def test_progress_cells_after_a_unit_go_on_to_their_column_and_a_done_cell_closes_the_row():
    """A progress cell naming places is no unit: it goes on to the progress column; "已完成"
    in the deadline column is whole, so the target line after it opens a sub-row."""
    assert [r[:3] for r in _rows(_PROGRESS_SPANS)] == [
        ("1", "新增3个乡镇(街道)建有托育机构", ["卫生健康局"]),
        (None, "新增托位525个", ["卫生健康局"]),
        (None, "新增普惠托位315个", ["卫生健康局"]),
        ("2", "新改扩建公办中小学2所", ["教体局"]),
        (None, "新增义务教育公办学位800个", ["教体局"]),
        ("3", "开展职业技能培训11300人次", ["人力社保局"]),
    ]


# Duties divided line by line under a heading: each line opens with its unit, then 负责, a
# colon or a space before its duties; the heading's own paragraph leads in.
_UNIT_LINES = "\n".join([
    "一、职责分工",
    "按照政府统一领导、部门分工协作的总体要求,具体分工如下:",
    "省统计局负责普查的日常工作,并全面负责专业技术工作。",
    "省公安厅负责户口整顿工作。",
    "省财政厅负责普查经费的协调保障工作。",
    "二、工作方式",
    "领导小组实行成员单位联络员制度。",
])


def test_lines_each_led_by_a_unit_under_a_heading_are_a_task_each():
    rows = _rows(_UNIT_LINES)
    assert [(r[1], r[2]) for r in rows[:3]] == [
        ("省统计局负责普查的日常工作,并全面负责专业技术工作", ["省统计局"]),
        ("省公安厅负责户口整顿工作", ["省公安厅"]),
        ("省财政厅负责普查经费的协调保障工作", ["省财政厅"]),
    ]


def test_unit_labels_parted_by_spaces_or_colons_lead_their_lines():
    text = "\n".join([
        "三、工作分工",
        "办公室  组织、协调和管理主动公开政府信息的事宜;统一受理信息公开申请。",
        "法规处  负责规范性文件的法律审核。",
        "人教处:负责将政务公开工作列入绩效考核内容。",
    ])
    assert [r[2] for r in _rows(text)] == [["办公室"], ["法规处"], ["人教处"]]


def test_two_unit_lines_are_no_division_of_duties():
    """Fewer than three lines led by units leave the item one task."""
    text = "\n".join([
        "一、加强统筹协调",
        "省统计局负责普查的日常工作。",
        "省公安厅负责户口整顿工作。",
        "二、强化经费保障",
        "省财政厅负责普查经费的协调保障工作。",
    ])
    assert [r[0] for r in _rows(text)] == ["一", "二"]
