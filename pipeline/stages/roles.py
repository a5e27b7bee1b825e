"""Role markers: how a notice says who leads and who takes part (``rules/roles.yaml``).

This module owns roles.yaml: segment uses it to see where a task's assignment sits, extract
to read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex
from pydantic import field_validator, model_validator

from pipeline.rules import Pattern, RuleModel, load_rules
from pipeline.stages.numbers import outline_value

# what a label or verb makes of the units it names (people for ``leader``)
MarkerRole = Literal["lead", "responsible", "participant", "leader"]
# what a convention stated in a notice does to its plain lists
Effect = Literal["first_listed_leads", "marked_leads", "responsible_leads", "all_take_part"]


class RoleLabel(RuleModel):
    pattern: Pattern
    role: MarkerRole


class PrintedLabel(RoleLabel):
    """A role label (牵头单位：): the label read in a notice is looked up by its text.
    ``separated``: a label only before its separator (成员单位：X), never bare (联席会议成员
    单位由…组成 names members)."""

    separated: bool = False

    @field_validator("pattern")
    @classmethod
    def _literal(cls, value: str) -> str:
        """A label is printed text: the label read is looked up by it (牵头单位, 责任处室)."""
        if regex.escape(value, literal_spaces=True) != value:
            raise ValueError(f"label {value!r} must be plain text, one label per entry")
        return value


class RoleVerb(RuleModel):
    pattern: Pattern
    role: MarkerRole
    parallel: bool = False
    opened: bool = False  # assigns only to a list an opener begins with a name (发挥X的作用)
    member: bool = False  # names a group's members (由X、Y组成): no attribution of other work


class Convention(RuleModel):
    pattern: Pattern
    effect: Effect

    @model_validator(mode="after")
    def _names_its_units(self) -> Convention:
        if self.effect == "all_take_part" and "(?P<units>" not in self.pattern:
            raise ValueError("an all_take_part convention needs a group (?P<units>...)")
        return self


class RoleRules(RuleModel):
    labels: list[PrintedLabel]
    item_role_markers: list[RoleLabel]
    item_marks: list[RoleLabel]
    unit_marks: str  # every character a notice marks a unit with (区农业农村委*, ★区发改委)
    label_separators: Pattern
    label_copula: Pattern
    label_person_joiners: Pattern
    bare_label_before: Pattern
    label_brackets: tuple[str, str]
    trailing_verbs: list[RoleVerb]
    conventions: list[Convention]
    convention_onward: Pattern
    abbreviation: Pattern
    group_head: Pattern
    group_copula: Pattern
    list_openers: list[str]
    list_subject: Pattern
    list_item_descriptor: Pattern
    list_separators: Pattern
    list_item_suffixes: list[str]
    list_item_tail: Pattern
    list_conjunctions: list[str]
    leading_conjunctions: list[str]
    partner_verbs: list[str]

    @model_validator(mode="after")
    def _leading_join_lists(self) -> RoleRules:
        if not set(self.leading_conjunctions) <= set(self.list_conjunctions):
            raise ValueError("every leading_conjunctions word must be a list_conjunctions word")
        return self


def role_rules() -> RoleRules:
    return load_rules("roles.yaml", RoleRules)


def unit_marks() -> str:
    """The characters a notice marks a unit's name with, before or after it (rules/roles.yaml:
    unit_marks): no part of the name."""
    return role_rules().unit_marks


def assignment_pattern() -> str:
    """A bracket that assigns units: （X牵头，Y负责） or (牵头单位:X;责任单位:Y)."""
    roles = role_rules()
    words = "|".join(
        [lab.pattern for lab in roles.labels] + [v.pattern for v in roles.trailing_verbs]
    )
    inner = r"(?:[^（）()\n]|[（(][^（）()\n]{0,20}[)）])"
    alone = rf"(?!\s*(?:{words}|单位|部门)\s*[)）])"  # "市发改委（牵头）" marks one name only
    # "（列第一位者为牵头单位，下同）" states a convention: it assigns nothing; one stated after
    # an assignment in the same bracket ("省科技厅、省财政厅等负责。列第一位的为牵头部门") assigns
    conventions = "|".join(c.pattern for c in roles.conventions)
    # an end of sentence before it ("(财政厅、教育厅。列在首位的为牵头部门,…下同)") closes the
    # units it follows: that bracket assigns them
    stated = rf"(?!(?:(?!{words})[^（）()\n。；;])*?(?:{conventions}))"
    named = rf"(?!\s*(?:{roles.abbreviation}))"  # (以下简称“三个责任人”): a name given
    return rf"[（(]{alone}{stated}{named}{inner}*?(?:{words}){inner}*?[)）]"


def role_label_pattern() -> str:
    """A role label as printed: 牵头单位：, 牵头单位（部门）：, 【牵头单位】; the label's text is
    the group ``label`` (the `regex` module allows the name twice)."""
    roles = role_rules()
    ordered = sorted(roles.labels, key=lambda r: -len(r.pattern))
    labels = "|".join(lab.pattern for lab in ordered)
    bare = "|".join(lab.pattern for lab in ordered if not lab.separated)
    qualifier = r"(?:[（(][^（）()\n]{1,6}[)）])?"
    people = "|".join(lab.pattern for lab in roles.labels if lab.role == "leader")
    persons = rf"(?P<persons>(?:{roles.label_person_joiners})(?:{people}))?"  # 责任单位及责任人：
    return (
        rf"(?:[{roles.label_brackets[0]}]\s*(?P<label>{labels})\s*[{roles.label_brackets[1]}]"
        rf"\s*{roles.label_separators}?"
        rf"|(?P<label>{labels}){persons}\s*{qualifier}\s*{roles.label_separators}"
        rf"|(?P<label>{bare})(?:{roles.label_copula})?(?={roles.bare_label_before})"
        rf"|(?<![^\n \t][ \t]*)(?P<label>{bare})[ \t]*\n[ \t]*(?={roles.bare_label_before}))\s*"
    )  # the last: a label alone on its line over its units (责任单位⏎文广旅局)


class PatternRoles:
    """Roles by the rule pattern that printed them: a printed word is its own key, else the
    first pattern it matches whole gives its role (a copula's phrase, 是…的牵头部门)."""

    def __init__(self, roles: dict[str, str]) -> None:
        self._roles = roles
        self._patterns = [  # only the patterns that are more than their words
            (regex.compile(pattern), role) for pattern, role in roles.items()
            if regex.escape(pattern, literal_spaces=True) != pattern
        ]

    def __getitem__(self, printed: str) -> str:
        if printed in self._roles:
            return self._roles[printed]
        for pattern, role in self._patterns:
            if pattern.fullmatch(printed):
                return role
        raise KeyError(printed)

    def __contains__(self, printed: object) -> bool:
        return isinstance(printed, str) and self.get(printed) is not None

    def get(self, printed: str, default: str | None = None) -> str | None:
        try:
            return self[printed]
        except KeyError:
            return default


@cache
def trailing_verb_alternation(*, attributing: bool = False) -> str:
    """The trailing role verbs (牵头, 配合, 负责…) as one alternation, longest first;
    ``attributing``: only those that attribute work (not a group's members, 组成)."""
    verbs = [v for v in role_rules().trailing_verbs if not (attributing and v.member)]
    return "|".join(sorted((v.pattern for v in verbs), key=len, reverse=True))


@cache
def role_label_re() -> regex.Pattern:
    """The role label pattern, compiled once (one home for every reader of labels)."""
    return regex.compile(role_label_pattern())


# ---------------------------------------------------------------- notice-level statements


@dataclass(frozen=True)
class Stated:
    """A convention stated in the notice: its span, its effect and whether it applies only
    from where it stands on ("下同") rather than to the whole notice."""

    start: int
    end: int
    effect: Effect
    onward: bool
    units: tuple[int, int] | None = None  # all_take_part: the units that take part


@dataclass(frozen=True)
class GroupStatement:
    """One attribution for the items before it ("以上3项工作的责任单位均为市财政局").

    ``count``: how many items it covers, when printed. With a ``label`` the units run from
    ``units_start`` to ``end`` and take ``role``; without one the clause after the head is
    read like a task's own assignment ("由X牵头，Y配合").
    """

    start: int
    end: int
    count: int | None
    units_start: int
    label: tuple[int, int] | None = None  # the role label's span
    role: MarkerRole | None = None


@cache
def _statement_patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    roles = role_rules()
    conventions = "|".join(
        f"(?P<{c.effect}_{i}>{c.pattern})" for i, c in enumerate(roles.conventions)
    )
    labels = "|".join(lab.pattern for lab in sorted(roles.labels, key=lambda r: -len(r.pattern)))
    group = (
        rf"(?<=^|[。；;\n\s)）])(?:{roles.group_head})"
        rf"(?:(?P<label>{labels})(?:{roles.group_copula})|(?:均|都|统一|全部)?(?=由))"
    )
    return regex.compile(conventions), regex.compile(roles.convention_onward), regex.compile(group)


def abbreviation_bracket() -> str:
    """A bracket naming the abbreviation the notice gives the name before it ("（以下简称市政府
    办）", "(以下簡稱勞發署)" in the simplified view); group ``abbr`` holds the abbreviation."""
    words = role_rules().abbreviation
    return (
        rf"[（(]\s*(?:{words})\s*[“\"「‘]?"
        r"(?P<abbr>[^（）()“”\"「」‘’，,。；;:：\s]{2,12})[”\"」’]?\s*[)）]"
    )


@cache
def abbreviation_re() -> regex.Pattern[str]:
    """``abbreviation_bracket`` compiled."""
    return regex.compile(abbreviation_bracket())


@cache
def _label_roles() -> dict[str, MarkerRole]:
    return {lab.pattern: lab.role for lab in role_rules().labels}


_CLAUSE_END = regex.compile(r"[。；;\n)）]")
_SENTENCE_END = regex.compile(r"[。；;\n]")


def stated_conventions(view: str) -> tuple[Stated, ...]:
    """Every convention stated in ``view`` (the notice's simplified text)."""
    pattern, onward, _ = _statement_patterns()
    found = []
    for m in pattern.finditer(view):
        effect = next(k for k, v in m.groupdict().items() if v is not None).rsplit("_", 1)[0]
        stop = _CLAUSE_END.search(view, m.end())
        clause_end = stop.start() if stop else len(view)
        here = bool(onward.search(view, m.end(), clause_end))
        units = m.span("units") if m.groupdict().get("units") else None
        found.append(Stated(m.start(), clause_end, effect, here, units))  # type: ignore[arg-type]
    return tuple(found)


def convention_pattern() -> regex.Pattern:
    """Any convention statement (to keep it out of agency lists)."""
    return _statement_patterns()[0]


_THIS_ITEM = "该"  # group_head's "this item" (该目标, 该项任务)


def group_statements(
    view: str, start: int = 0, end: int | None = None
) -> tuple[GroupStatement, ...]:
    """Every attribution for a group of items in ``view`` (or in ``view[start:end]``)."""
    label_roles = _label_roles()
    found = []
    for m in _statement_patterns()[2].finditer(view, start, len(view) if end is None else end):
        stop = _SENTENCE_END.search(view, m.end())
        end = stop.start() if stop else len(view)
        if end <= m.end():
            continue
        label, count = m.group("label"), m.group("count")
        items = outline_value(count) if count else None
        if items is None and view.startswith(_THIS_ITEM, m.start()):
            items = 1  # 该目标责任单位为X: the one item it follows
        found.append(
            GroupStatement(
                m.start(), end, items, m.end(),
                m.span("label") if label else None, label_roles[label] if label else None,
            )
        )
    return tuple(found)
