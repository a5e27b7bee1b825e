"""Which numbered sub-points belong to their parent item: the points of one task, or the
parent's own fields, rather than tasks of their own."""

from __future__ import annotations

import regex

from pipeline.catalog import FieldKind
from pipeline.stages.agency_names import looks_like_agency, place_alone
from pipeline.stages.deadlines import compiled as deadline_rules
from pipeline.stages.roles import role_label_re
from pipeline.stages.segment_fallbacks import attribution
from pipeline.stages.segment_headings import duties_heading, is_group_heading
from pipeline.stages.segment_rules import Item, compiled

__all__ = ["fold_sub_points", "item_assigned"]


def fold_sub_points(text: str, items: list[Item]) -> list[Item]:
    """Sub-points whose parent's assignment follows the last of them belong to the parent:
    "1.推进创新。\n（1）建设实验室。\n（2）培育企业。\n牵头单位：科技厅。" is one task."""
    folded: list[Item] = []
    i = 0
    while i < len(items):
        item, j = items[i], i + 1
        while not item.from_table and j < len(items) and items[j].rank > item.rank:
            j += 1  # a table row is never folded: its children are not looked at
        children = items[i + 1 : j]
        # a group heading's numbered items are tasks of their own
        grouped = bool(children) and (
            is_group_heading(text, item)
            or duties_heading(text, item)
            or _topic_over_sentences(text, item, children)
        )
        if children and not grouped and (
            _assigned_after_sub_points(text, children) or _field_sub_points(text, item, children)
        ):
            folded.append(item._replace(end=children[-1].end))
            i = j
            continue
        folded.append(item)
        i += 1
    return folded


_TOPIC_MAX = 20  # a topic heading is short: 五、基础设施建设


def _topic_over_sentences(text: str, item: Item, children: list[Item]) -> bool:
    """A short topic line with no sentence in it ("五、基础设施建设") over items that each open
    on a sentence of work ("(一)水利。沿海地区水利建设全年计划投资5亿元…"): a section of
    tasks, the units closing it theirs all, not one task with sub-points."""
    head = text[item.body_start : item.line_end].strip()
    if not head or len(head) > _TOPIC_MAX or _SENTENCE_MARKS.search(head):
        return False
    if looks_like_agency(head) or place_alone(head):  # ``text`` is the simplified view
        return False  # "1. 市科技馆" over its problems: the unit's one task
    return len(children) >= 2 and all("。" in text[c.body_start : c.line_end] for c in children)


_SENTENCE_MARKS = regex.compile(r"[。；;]")


def _assigned_after_sub_points(text: str, children: list[Item]) -> bool:
    """Two sub-points or more, none assigned but the last, whose assignment follows its
    first line. A single numbered line under a heading with its assignment under it is a
    task of its own: "一、产业发展\n1.培育集群。\n牵头单位：市工信局"."""
    if len(children) < 2 or any(c.from_table for c in children):
        return False
    if len({c.rank for c in children}) > 1:
        return False  # a heading over tasks ("二、…\n（一）…\n10.…"), not sub-points
    if any(item_assigned(text, c) for c in children[:-1]):
        return False
    last = children[-1]
    if last.line_end >= last.end:
        return False
    first_line = text[last.body_start : last.line_end]
    if compiled().assignment.search(first_line) or role_label_re().search(first_line):
        return False
    rest = text[last.line_end : last.end]
    # the label may open its line after a few words ("问题整改责任单位：…")
    return bool(regex.search(r"\n\s*\p{Han}{0,6}?(?:" + role_label_re().pattern + ")", rest))


def item_assigned(text: str, item: Item) -> bool:
    """Whether the item carries an assignment: a field of its row, a bracket, a role label or
    an attribution sentence."""
    for field in item.fields:
        if field.kind != FieldKind.BODY:
            return True
    body = text[item.body_start : item.end]
    return bool(
        compiled().assignment.search(body)
        or role_label_re().search(body)
        or attribution().search(body)  # …。此项工作由X负责。
    )


_FIELD_MAX = 60  # a field's line is short: "(二)责任单位:市教育局"


def _field_sub_points(text: str, item: Item, children: list[Item]) -> bool:
    """Sub-points that are the parent's fields, each a labelled line of its assignment or its
    deadline ("三、实施…工程\n(一)责任领导:高勤\n(二)责任单位:市教育局\n(三)协办单位:…\n
    (四)项目内容:…\n(五)完成时限:2008年内"): two of them or more, and at least half of the
    points of the first rank under it. The item is one task and they are its lines."""
    if item.from_table or any(c.from_table for c in children):
        return False
    rank = min(c.rank for c in children)
    points = [c for c in children if c.rank == rank]
    fields = sum(_field_line(text, c) for c in points)
    return fields >= 2 and 2 * fields >= len(points)


def _field_line(text: str, item: Item) -> bool:
    line = text[item.body_start : item.line_end].strip()
    if not line or len(line) > _FIELD_MAX or item.line_end < item.end - 1:
        return False  # a label opening a paragraph of duties is no field line
    label = role_label_re().match(line) or deadline_rules().label.match(line)
    return label is not None and "。" not in line[label.end() :].rstrip("。")
