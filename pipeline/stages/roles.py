"""Role markers: how a notice says who leads and who takes part (``rules/roles.yaml``).

This module owns roles.yaml: segment uses it to see where a task's assignment sits, extract
to read it.
"""

from __future__ import annotations

from typing import Literal

from pipeline.rules import Pattern, RuleModel, load_rules

# what a label or verb makes of the units it names (people for ``leader``)
MarkerRole = Literal["lead", "responsible", "participant", "leader"]


class RoleLabel(RuleModel):
    pattern: Pattern
    role: MarkerRole


class RoleVerb(RuleModel):
    pattern: Pattern
    role: MarkerRole
    parallel: bool = False


class RoleRules(RuleModel):
    labels: list[RoleLabel]
    item_role_markers: list[RoleLabel]
    label_separators: Pattern
    label_brackets: tuple[str, str]
    trailing_verbs: list[RoleVerb]
    first_listed_leads: list[Pattern]
    list_separators: Pattern
    list_item_suffixes: list[str]
    list_item_tail: Pattern
    list_conjunctions: list[str]


def role_rules() -> RoleRules:
    return load_rules("roles.yaml", RoleRules)


def assignment_pattern() -> str:
    """A bracket that assigns units: （X牵头，Y负责） or (牵头单位:X;责任单位:Y)."""
    roles = role_rules()
    words = "|".join(
        [lab.pattern for lab in roles.labels] + [v.pattern for v in roles.trailing_verbs]
    )
    inner = r"(?:[^（）()\n]|[（(][^（）()\n]{0,20}[)）])"
    alone = rf"(?!\s*(?:{words}|单位|部门)\s*[)）])"  # "市发改委（牵头）" marks one name only
    return rf"[（(]{alone}{inner}*?(?:{words}){inner}*?[)）]"


def role_label_pattern() -> str:
    """A role label as printed: 牵头单位：, 牵头单位（部门）：, 【牵头单位】; the label's text is
    the group ``label`` (the `regex` module allows the name twice)."""
    roles = role_rules()
    labels = "|".join(lab.pattern for lab in sorted(roles.labels, key=lambda r: -len(r.pattern)))
    qualifier = r"(?:[（(][^（）()\n]{1,6}[)）])?"
    return (
        rf"(?:[{roles.label_brackets[0]}]\s*(?P<label>{labels})\s*[{roles.label_brackets[1]}]"
        rf"\s*{roles.label_separators}?"
        rf"|(?P<label>{labels})\s*{qualifier}\s*{roles.label_separators})\s*"
    )
