"""Issue 16: shapes met in the nineteenth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from tests.helpers import titles_and_units


# Duties divided line by line: a line a group of bodies opens (县级兽医管理部门组织实施…, 各县区要…)
# among lines each led by a unit is a task of its own, not the tail of the task above it; a
# group's line opening the run (各有关部门要各司其职…) leads into the division and is none.
def test_a_group_line_among_unit_lines_is_a_task_of_its_own():
    text = "\n".join([
        "各有关部门要各司其职,密切配合,共同做好网吧管理工作。",
        "市教育局负责对全市中小学生进行宣传教育和管理工作。",
        "市财政局要保证网吧管理工作必需的正常经费。",
        "市文化局负责网吧经营场所的审批和日常监管。",
        "各县区要依照本方案建立相应的领导和工作机制。",
    ])
    found = titles_and_units(text)
    assert [title for title, _ in found] == [
        "市教育局负责对全市中小学生进行宣传教育和管理工作",
        "市财政局要保证网吧管理工作必需的正常经费",
        "市文化局负责网吧经营场所的审批和日常监管",
        "各县区要依照本方案建立相应的领导和工作机制",
    ]
    assert [units for _, units in found[:3]] == [["市教育局"], ["市财政局"], ["市文化局"]]
