"""What an item's first line says of the work under it: who leads it (省监察厅牵头的工作), which
units do it (三、省委政法委), or whose duties it lists (县公安局主要工作任务, 各乡镇人民政府救助工作
职责); and the label lines under it that assign all of that work (牵头单位:区建委)."""

from __future__ import annotations

import regex

from pipeline.catalog import AGENCY_FIELDS, FieldKind
from pipeline.records import Field
from pipeline.stages.agency_names import is_collective, looks_like_agency, unit_list
from pipeline.stages.mentions import duties_stripped
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_drafts import lstrip_ws, rstrip_ws
from pipeline.stages.segment_rules import Item, compiled, squash, text_lines
from pipeline.stages.unit_lists import role_syntax

UNIT_HEADING_MAX = 30  # a line naming the units of the work under it is short


def is_group_heading(text: str, item: Item) -> bool:
    """A first line naming who leads the work under it: "(一)省监察厅牵头的工作"."""
    if item.from_table:
        return False
    line = text[item.body_start : item.line_end].strip()
    return bool(compiled().group_heading.search(line))


def unit_heading(text: str, item: Item) -> bool:
    """A first line naming only units, over the work they do ("三、省委政法委")."""
    if item.from_table:
        return False
    line = squash(text[item.body_start : item.line_end]).rstrip("。：:")
    line = line[: duties_stripped(line, 0, len(line))]  # 县经济局主要工作任务
    return len(line) <= UNIT_HEADING_MAX and unit_list(line)


def group_duties_heading(text: str, item: Item) -> bool:
    """A first line naming a group of bodies and its duties ("2.5 各乡镇人民政府救助工作职责"),
    over the work they do."""
    line = squash(text[item.body_start : item.line_end]).rstrip("。：:")
    m = _GROUP_DUTIES.fullmatch(line)
    return bool(m) and len(line) <= UNIT_HEADING_MAX and is_collective(m.group("group"))


# A group's name, a field of its work (救助), and the word for duties: 各乡镇人民政府救助工作职责
_GROUP_DUTIES = regex.compile(
    r"(?P<group>\p{Han}{2,20}?(?:人民政府|政府|部门|单位|机构|党委|办事处))"
    r"\p{Han}{0,4}?的?(?:主要|具体)?(?:工作)?职责"
)


def duties_heading(text: str, item: Item) -> bool:
    """A first line naming units and their duties ("(九)县公安局主要工作任务:"): the items
    under it are its tasks, whatever line closes them."""
    line = squash(text[item.body_start : item.line_end]).rstrip("。：:")
    return duties_stripped(line, 0, len(line)) < len(line) and unit_heading(text, item)


def heading_lead(text: str, item: Item) -> Field | None:
    """The unit a group heading names as lead ("(一)省监察厅牵头的工作"), a field its
    tasks carry; a person ("王宏副市长牵头重点工作") is none."""
    if not is_group_heading(text, item):
        return None
    m = compiled().group_heading.search(text, item.body_start, rstrip_ws(text, 0, item.line_end))
    if not m or m.group("lead") is None:
        return None
    if not looks_like_agency(m.group("lead").strip()):
        return None
    return Field(FieldKind.LEAD, m.start("lead"), m.end("lead"), m.group("verb"))


def heading_label_fields(text: str, item: Item) -> tuple[Field, ...]:
    """The label lines under a heading, before its first numbered item ("(一)重点地区整治\n
    牵头单位:区建委\n成员单位:区执法局、…\n…\n1.拆除…"): each a field of units that every task
    under it naming none of its own carries."""
    if item.from_table:
        return ()
    fields = []
    for start, end in text_lines(text, item.line_end, item.end):
        m = role_label_re().match(text, lstrip_ws(text, start, end), end)
        if m is None:
            continue
        kind = FieldKind(role_syntax().label_roles[m.group("label")])
        if kind in AGENCY_FIELDS and m.end() < rstrip_ws(text, m.end(), end):
            fields.append(Field(kind, m.end(), rstrip_ws(text, m.end(), end), m.group("label")))
    return tuple(fields)

