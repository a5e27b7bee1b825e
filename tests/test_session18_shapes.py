"""Issue 16: shapes met in the eighteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text


def _units(text: str, *, suffixes: bool = False) -> list[list]:
    """Per task, its units as printed (with the kind of body each shares, ``suffixes``)."""
    extraction = process_text(text).extraction
    return [
        [(a.mention, a.suffix) if suffixes else a.mention
         for a in extraction.agencies if a.task_seq == t.seq]
        for t in extraction.segmentation.tasks
    ]


# Fields of work sharing the kind of body after 等 (区农业农村、市场监管、城管等部门): the first
# field may carry its level (区), so a five-character first item still opens the list.
def test_a_field_list_may_open_on_a_field_with_its_level():
    text = "\n".join([
        "一是要强化排查监测。区农业农村局要牵头抓总,做到排查全覆盖。",
        "二是要强化全链条监管。区农业农村、市场监管、城管、公安等部门要继续加强联合执法。",
        "三是要强化调运监管。区交通、公安等部门要密切协作配合。",
    ])
    units = _units(text, suffixes=True)
    assert units[1] == [
        ("区农业农村", "部门"), ("市场监管", "部门"), ("城管", "部门"), ("公安", "部门"),
    ]
