"""Issue 16: the shapes of the seventh holdout batch (311–334), fixed after their first-sight
scoring; each a mechanism, tested on text written the way those notices print it.
"""

from __future__ import annotations

from tests.helpers import extracted, roles, segmented, titles


def test_a_traditional_header_and_numbers_that_are_no_row_numbers():
    """332 洋縣: header names in traditional script; "2024" (建設時間) and "300" (投資) cells
    are no row numbers; 項目名稱 names each row and stays its title beside 建設內容."""
    cells = [
        "序號", "項目名稱", "建設地點", "建設時間", "2024年建設內容", "年度投資金額 (萬元)", "責任單位",
        "1", "中小學基礎設施提升改造項目", "相關鎮 (街道)", "2024", "對學校運動場地進行改造。",
        "300", "教體局",
        "2", "城北小學門前道路建設項目", "紙坊街道", "2024", "建成唐塔北路延伸段道路。", "300",
        "住建局",
    ]
    text = "".join(f"{cell} |\n" for cell in cells)
    assert titles(text) == [("1", "中小學基礎設施提升改造項目"), ("2", "城北小學門前道路建設項目")]
    assert [(s, m, c) for s, _, m, c in roles(text)] == [(1, "教體局", False), (2, "住建局", False)]
    assert extracted(text).targets == ()  # 300 (萬元) is an investment column, no target


def test_a_progress_table_one_cell_a_line():
    """314 苍南: 项目内容 is the task, 当前进度 a note (its percentages no targets)."""
    text = (
        "序号\n\n项目内容\n\n当前进度\n\n牵头单位\n\n备注\n\n"
        "1\n\n新建公办园5所，新增公办幼儿学位1000个。\n\n80%\n\n县教育局\n\n市民生实事\n\n"
        "2\n\n建设四好农村路55公里。\n\n95%\n\n县交通局\n\n县民生实事\n"
    )
    assert [n for n, _ in titles(text)] == ["1", "2"]
    assert [(s, r, m) for s, r, m, _ in roles(text)] == [(1, "lead", "县教育局"), (2, "lead", "县交通局")]
    assert [t.raw for t in extracted(text).targets] == [
        "新建公办园5所", "新增公办幼儿学位1000个", "建设四好农村路55公里",
    ]


def test_a_heading_and_its_sub_heading_over_a_task_are_no_sub_points():
    """311 丽水: "二、…" over "（一）…" over "10.…" with its 责任单位 line: three levels, so
    no folding of "sub-points" into 二; the numbering runs on across the headings."""
    text = (
        "一、主要预期目标\n1.地区生产总值增长6%。\n责任单位:市发改委\n"
        "二、重点抓好六方面工作\n（一）全力以赴拼经济稳增长。\n"
        "2.实施招商引资行动，每年招引制造业项目100个。\n责任单位:市双招双引办、市发改委\n"
    )
    seg = segmented(text)
    assert [(t.number, t.section) for t in seg.tasks] == [
        ("1", "一、主要预期目标"),
        ("2", "二、重点抓好六方面工作 / （一）全力以赴拼经济稳增长"),
    ]


def test_a_cooperating_units_label():
    """333 灵璧: 主要协作单位 names the participants."""
    text = "1.推进医养结合。\n牵头责任单位:县卫健委\n主要协作单位:县民政局、县财政局\n"
    assert [(r, m) for _, r, m, _ in roles(text)] == [
        ("lead", "县卫健委"), ("participant", "县民政局"), ("participant", "县财政局"),
    ]


def test_a_unit_and_a_group_of_places_run_together_in_a_scanned_cell():
    """312 吉水 as a scan: OCR drops the space in "县教体局 各相关乡镇政府"; the unit and the
    group are still two; "区政府各部门" (the 区政府's own departments) stays one group."""
    text = (
        "序号|具体工作任务和要求|责任领导|责任单位|\n"
        "1 |推动教育发展，增加学位5000个。|毛晓青|县教体局各相关乡镇政府|\n"
        "2 |推进医改。|毛晓青|县卫健委各相关乡镇政府|\n"
        "3 |做好服务工作。|毛晓青|区政府各部门|\n"
    )
    assert [(s, m, c) for s, _, m, c in roles(text)] == [
        (1, "县教体局", False), (1, "各相关乡镇政府", True),
        (2, "县卫健委", False), (2, "各相关乡镇政府", True),
        (3, "区政府各部门", True),
    ]


def test_paragraphs_each_closed_by_the_sentence_that_attributes_them():
    """401 重庆: under "（五）推进卫生和体育发展", each paragraph ends "由X同志负责，市A、市B
    承办。": each paragraph is a task, the person no unit, 承办 assigns."""
    text = (
        "（五）推进卫生和体育发展\n"
        "强化公共卫生目标管理。实施农村基层医疗卫生保障工程。由小军同志负责，市卫生局、市财政局承办。\n"
        "促进体育事业协调发展。确保体育场建成并投入使用。由远牧同志负责，市体育局承办。\n"
        "（六）深入开展精神文明创建活动\n"
        "加强社区建设。由远牧同志负责，市精神文明办承办。\n"
    )
    assert [t for _, t in titles(text)] == [
        "强化公共卫生目标管理", "促进体育事业协调发展", "加强社区建设",
    ]
    assert [(s, m) for s, _, m, _ in roles(text)] == [
        (1, "市卫生局"), (1, "市财政局"), (2, "市体育局"), (3, "市精神文明办"),
    ]
    sections = [t.section for t in segmented(text).tasks]
    assert sections[0] == "（五）推进卫生和体育发展"


def test_a_citys_troupes_are_units():
    """402 自贡: "责任单位：市歌舞剧团、市曲艺剧团" names two units."""
    text = "1.大型原创歌舞剧专场，责任单位：市歌舞剧团、市曲艺剧团。\n2.杂技专场，责任单位：市杂技团。\n"
    assert [m for _, _, m, _ in roles(text)] == ["市歌舞剧团", "市曲艺剧团", "市杂技团"]
