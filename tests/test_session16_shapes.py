"""Issue 16: shapes met in the sixteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from datetime import date

from pipeline import process_text


def _due_dates(text: str) -> dict[int, list[date | None]]:
    extraction = process_text(text).extraction
    found: dict[int, list[date | None]] = {t.seq: [] for t in extraction.segmentation.tasks}
    for d in extraction.deadlines:
        found[d.task_seq].append(d.due_date)
    return found


# A campaign's news item: the time of the action stated once in a clause, then the tasks.
_ACTION_TIME = "\n".join([
    "此次专项行动时间为2016年12月1日至2017年2月28日。",
    "市公安局牵头,负责组织开展对道路交通领域的专项整治工作。",
    "市住建局牵头,负责组织开展对建筑施工领域的专项整治工作。",
    "市商务局牵头,负责组织开展对商贸领域的专项整治工作。",
])


def test_the_time_of_an_action_stated_in_a_clause_is_every_task_s_due_date():
    assert _due_dates(_ACTION_TIME) == {1: [date(2017, 2, 28)], 2: [date(2017, 2, 28)],
                                        3: [date(2017, 2, 28)]}


def test_a_window_cut_before_its_end_is_no_due_date():
    text = _ACTION_TIME.replace("至2017年2月28日。", "至\n")
    assert _due_dates(text) == {1: [], 2: [], 3: []}


# A section of its own between two groups of tasks names the time of all the work.
_TIME_SECTION = "\n".join([
    "一、目标任务",
    "(一)新建改造农村供水工程7处。(区水务局牵头、各街办配合)",
    "(二)维修养护渠道111.5公里。(各街办牵头、区水务局配合)",
    "二、时间安排",
    "即日起至2018年3月31日。",
    "三、工作要求",
    "(一)加强组织领导。区水务局要把责任落实到位。",
])


def test_a_time_section_between_the_tasks_dates_those_that_print_none():
    found = _due_dates(_TIME_SECTION)
    assert set(found) == {1, 2, 3}
    assert all(dates == [date(2018, 3, 31)] for dates in found.values())


def test_a_range_s_end_without_a_year_falls_in_the_year_its_start_prints():
    text = "\n".join([
        "1.开展农村饮水安全排查,2021年3月7日至3月10日前完成。(市水务局牵头)",
        "2.开展城区供水安全排查,2021年3月7日至3月10日前完成。(市住建局牵头)",
        "3.开展学校食堂安全排查,2021年3月7日至3月10日前完成。(市教育局牵头)",
        "印发日期:2023年1月5日",
    ])
    assert _due_dates(text) == {1: [date(2021, 3, 10)], 2: [date(2021, 3, 10)],
                                3: [date(2021, 3, 10)]}


def _units(text: str) -> list[list[str]]:
    extraction = process_text(text).extraction
    return [
        [a.mention for a in extraction.agencies if a.task_seq == t.seq]
        for t in extraction.segmentation.tasks
    ]


# A quota divided among counties, each row titled by its place; some places read like a
# person's name (万源, 宣汉: 万 and 宣 are surnames) and own their rows all the same.
_PLACE_ROWS = "\n".join([
    "附件:2011年保障性安居工程建设任务分解表",
    "县(市、区) | 合计 | 廉租住房 | 公共租赁住房 |",
    "通川区 | 2713 | 700 | 1000 |",
    "万源 | 1860 | 600 | 500 |",
    "宣汉 | 2080 | 800 | 1000 |",
    "渠县 | 2417 | 800 | 1000 |",
])


def test_a_place_titling_its_row_owns_it_though_it_reads_like_a_person_s_name():
    assert _units(_PLACE_ROWS) == [["通川区"], ["万源"], ["宣汉"], ["渠县"]]
