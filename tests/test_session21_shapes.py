"""Issue 16: shapes met in the twenty-first session, each a mechanism tested on text written
the way such notices print it (and on the notices it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text


def _roles(text: str) -> list[tuple[int, str, str]]:
    extraction = process_text(text).extraction
    return sorted((a.task_seq, a.mention, str(a.role)) for a in extraction.agencies)


# A partner verb inside a unit's duties (公安部门负责会同民政部门清理…; 由X牵头，会同Y、Z研究…;
# X:会同Y研究…; 请X会同Y研议…) names units that take part; the unit the duties belong to keeps
# the task, and leads it when 会同 follows its name (X会同Y: X leads, as in a list).
# 配合/协助 are not partner verbs: the unit helped is often a superior or another task's lead.
def test_units_after_a_partner_verb_take_part():
    text = (
        "一、职责分工\n"
        "1.公安部门负责会同民政部门清理规范门楼牌的编号。\n"
        "2.人口计生部门负责提供资料,会同公安机关开展流动人口的入户调查。\n"
        "3.市发展改革委:会同市粮食局研究制订粮油组织计划。\n"
        "4.由市财政局牵头，会同市教育局、市人社局研究制定办法。\n"
        "5.市交通局负责配合市政府做好运输保障。\n"
        "6.有关建议一事,请内政部会同法务部研议可行性。\n"
        "7.市商务局，会同市发展改革委做好物资供应。\n"
    )
    assert _roles(text) == [
        (1, "公安部门", "responsible"), (1, "民政部门", "participant"),
        (2, "人口计生部门", "responsible"), (2, "公安机关", "participant"),
        (3, "市发展改革委", "lead"), (3, "市粮食局", "participant"),
        (4, "市人社局", "participant"), (4, "市教育局", "participant"), (4, "市财政局", "lead"),
        (5, "市交通局", "responsible"),
        (6, "内政部", "lead"), (6, "法务部", "participant"),
        (7, "市发展改革委", "participant"), (7, "市商务局", "lead"),
    ]


# A name the grammar would run on into the work after a partner verb (会同街道和社区做好…,
# 联合体布局) is no unit: a joiner inside needs the gazetteer to know the name whole.
def test_a_partner_verb_before_words_names_no_unit():
    text = (
        "1.市民政局负责会同街道和社区做好登记工作。\n"
        "2.市卫生健康委负责制定医疗联合体布局规划。\n"
    )
    assert _roles(text) == [(1, "市民政局", "responsible"), (2, "市卫生健康委", "responsible")]


def _named(text: str) -> list[str]:
    extraction = process_text(text).extraction
    return [a.mention + (a.suffix or "") for a in extraction.agencies]


# Places printed bare before the level and government the last one names ("锦江、青羊、成华区
# 政府", "江岸、江汉、武昌区人民政府", "宜良、呈贡县政府"): each names that government, in a
# subject (with a unit joined after it), a verb's list and a label list alike.
def test_bare_places_share_the_level_and_government_after_them():
    cases = {
        "(二)城区政府管理职责。锦江、青羊、成华区政府和成都高新区管委会作为属地内菜市场监管工作的"
        "责任主体,负责本辖区菜市场监管工作的组织协调。": [
            "锦江区政府", "青羊区政府", "成华区政府", "成都高新区管委会"],
        "1.加快旧城改造。(江岸、江汉、武昌区人民政府负责)": [
            "江岸区人民政府", "江汉区人民政府", "武昌区人民政府"],
        "1.推进监管。\n责任单位:宜良、呈贡县政府": ["宜良县政府", "呈贡县政府"],
        "1.秭归县、夷陵区、伍家岗区政府要加强监管。": ["秭归县政府", "夷陵区政府", "伍家岗区政府"],
    }
    for text, expected in cases.items():
        assert _named(text) == expected, text


# Words before a government that are no bare place stay out: a field list (民政、财政部门) keeps
# its own kind, and a level word (全市、各区政府) names no place.
def test_words_before_a_government_that_are_no_places():
    assert _named("1.民政、财政部门要加强监管。") == ["民政部门", "财政部门"]
    assert "全市区政府" not in _named("1.全市、各区政府要加强监管。")
