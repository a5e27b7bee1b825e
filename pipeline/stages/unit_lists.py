"""A list of units split into names: the role syntax of rules/roles.yaml compiled, the
list's items (separators outside brackets), a role or mark printed on an item (市发改委（牵头）,
★区发改委), names run together in one item, a shared prefix, group items (X等有关部门和Y)."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from pipeline.catalog import Role
from pipeline.records import Field
from pipeline.stages import agency_names as names
from pipeline.stages.roles import (
    PatternRoles,
    abbreviation_bracket,
    convention_pattern,
    role_label_pattern,
    role_rules,
)

OPEN, SHUT = "(（〔[【", ")）〕]】"  # brackets a list may stand in or hold


@dataclass(frozen=True)
class RoleSyntax:
    """The role syntax of rules/roles.yaml, compiled once."""

    label: regex.Pattern  # a role label and its separator
    label_roles: dict[str, str]
    verb: regex.Pattern  # a trailing verb, after a list
    verb_at_end: regex.Pattern
    verb_in_brackets: regex.Pattern
    verb_roles: PatternRoles
    opened_verb: regex.Pattern  # a verb assigning only to a list an opener begins (的作用)
    opener: regex.Pattern  # words before a list that belong to no name (由, 会同, 此项工作由)
    note: regex.Pattern  # a bracket stating a convention, after a list item
    item_roles: tuple[tuple[regex.Pattern, str], ...]
    item_marks: tuple[tuple[regex.Pattern, str], ...]  # a mark before a name: ★区发改委
    descriptor: regex.Pattern  # words before a name naming its part (包片单位)
    separator: regex.Pattern
    item_suffixes: tuple[str, ...]
    item_tail: regex.Pattern
    conjunction: regex.Pattern  # a word joining two units inside one list item (X和Y)
    group_joint: regex.Pattern  # where a group item joins names and groups (X等有关部门和Y)
    partner: regex.Pattern  # a verb naming the units a task's owner works with (会同Y开展…)


@cache
def role_syntax() -> RoleSyntax:
    roles = role_rules()
    labels = sorted(roles.labels, key=lambda r: -len(r.pattern))
    verbs = sorted(roles.trailing_verbs, key=lambda r: -len(r.pattern))
    return RoleSyntax(
        label=regex.compile(role_label_pattern()),
        label_roles={r.pattern: r.role for r in labels},
        verb=regex.compile("(?P<verb>" + "|".join(r.pattern for r in verbs) + ")"),
        verb_at_end=regex.compile("(?P<verb>" + "|".join(r.pattern for r in verbs) + ")$"),
        verb_in_brackets=regex.compile(
            r"[（(]\s*(?P<verb>" + "|".join(r.pattern for r in verbs) + r")\s*[)）]$"
        ),
        verb_roles=PatternRoles({r.pattern: r.role for r in verbs}),
        opened_verb=regex.compile("|".join(r.pattern for r in verbs if r.opened) or "(?!)"),
        opener=regex.compile(
            f"(?:{roles.list_subject})?(?:"
            + "|".join(map(regex.escape, sorted(roles.list_openers, key=len, reverse=True)))
            + ")"
        ),
        note=regex.compile(rf"[（(][^（）()]*(?:{convention_pattern().pattern})[^（）()]*[)）]$"),
        item_roles=tuple(
            (regex.compile(f"(?:{r.pattern})$"), r.role) for r in roles.item_role_markers
        ),
        item_marks=tuple((regex.compile(rf"(?:{r.pattern})\s*"), r.role) for r in roles.item_marks),
        descriptor=regex.compile(roles.list_item_descriptor),
        separator=regex.compile(roles.list_separators),
        item_suffixes=tuple(sorted(roles.list_item_suffixes, key=len, reverse=True)),
        item_tail=regex.compile(  # the shortest tail; a name's abbreviation (（以下简称X）)
            rf"(?:{roles.list_item_tail})|{abbreviation_bracket()}$",
            regex.REVERSE,
        ),
        conjunction=regex.compile(
            "|".join(map(regex.escape, sorted(roles.list_conjunctions, key=len, reverse=True)))
        ),
        group_joint=regex.compile(
            "|".join(map(regex.escape, sorted([*roles.list_conjunctions, "等"], key=len)[::-1]))
        ),
        partner=regex.compile("|".join(roles.partner_verbs)),
    )


class ListName(NamedTuple):
    """One name of a list (a NamedTuple: one is built per list item, on the hot path)."""

    start: int
    end: int
    separator: str  # what stood before it in the list ("" for the first)
    role: str | None = None  # a role printed after the name: 市发改委（牵头）


@dataclass(frozen=True)
class DocText:
    """The document text, its same-length simplified view (for matching) and its gaps:
    the sorted positions where the source had whitespace that normalization removed."""

    text: str
    view: str
    gaps: Sequence[int] = ()

    def cuts(self, start: int, end: int) -> list[int]:
        """The gaps strictly inside ``[start, end)``."""
        return list(self.gaps[bisect_right(self.gaps, start) : bisect_left(self.gaps, end)])


def in_spans(at: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in spans)


def list_names(doc: DocText, start: int, end: int, *, whole: bool = False) -> list[ListName]:
    """Split a list of units; stop at the first item that is not one.

    With ``whole``, every item must be a unit or nothing is returned (lists before verbs,
    where the words before may be ordinary prose).  Lists repeat across tasks, so the work
    is cached per distinct list text and gaps (no rule looks outside the list).
    """
    cuts = tuple(c - start for c in doc.cuts(start, end))
    piece = doc.text[start:end]
    if "\n" in piece:  # a cell broken over lines: 市\n发\n改\n委, 市财政局\n市商务局
        kept, cuts = _joined_lines(piece, cuts)
        found = _list_names_in("".join(piece[k] for k in kept), cuts, whole)
        return [
            ListName(kept[s] + start, kept[e - 1] + 1 + start, sep, role)
            for s, e, sep, role in found
        ]
    found = _list_names_in(piece, cuts, whole)
    return [ListName(s + start, e + start, sep, role) for s, e, sep, role in found]


def lone_name(doc: DocText, field: Field, *, titled: bool = False) -> list[ListName]:
    """A unit field that holds one name the grammar does not know ("临平新城", "未来科技城
    (海创园)"): that name, when it reads as one (name characters, no stop word, no person;
    ``titled``: the field is the title of its row, a place owning it, which a person's name
    never is: 万源, 宣汉 in a quota's rows)."""
    start, end = _trim(doc.view, field.start, field.end)
    piece = "".join(doc.text[start:end].split())
    main, _alias = names.split_alias(piece)
    if not main or (names.person_like(main) and not titled) or not names.name_like(main):
        return []
    return [ListName(start, end, "")]


def _joined_lines(piece: str, cuts: tuple[int, ...]) -> tuple[list[int], tuple[int, ...]]:
    """The positions of ``piece`` kept when its line breaks are removed, and the gaps of the
    joined text: the old ones and each removed break (a break between two whole names still
    parts them; one inside a name, a cell printed a few characters a line, does not)."""
    kept = [k for k, ch in enumerate(piece) if ch != "\n"]
    at = {k: n for n, k in enumerate(kept)}
    joined = {at[k] for k in cuts if k in at}
    joined |= {at[k + 1] for k, ch in enumerate(piece[:-1]) if ch == "\n" and k + 1 in at}
    return kept, tuple(sorted(c for c in joined if 0 < c < len(kept)))


@lru_cache(maxsize=8192)
def _list_names_in(text: str, cuts: tuple[int, ...], whole: bool) -> tuple[ListName, ...]:
    return tuple(_split_list(DocText(text, names.to_simplified(text), cuts), whole))


def _split_list(doc: DocText, whole: bool) -> list[ListName]:
    found: list[ListName] = []
    clause: list[int] = []  # names since the last ，/； (a verb ending a clause covers them)
    ranked = False  # a conjunction that ranks the names (会同) stood before
    grouped = bool(_GROUP_CLOSE.search(doc.view))  # the list closes on 等部门: bodies
    items = list_items(doc.view, 0, len(doc.text))
    for i, (item_start, item_end, separator) in enumerate(items):
        if separator not in {"、", ""}:
            clause = []
        item_end = _item_note(doc.view, item_start, item_end)
        item_start, marked = _item_mark(doc.view, item_start, item_end)
        item_start = _after_descriptor(doc, item_start, item_end)
        item_end, role = _item_role(doc.view, item_start, item_end)
        role = role or marked
        item_end, verb_role = _item_verb(doc.view, item_start, item_end)
        parts = _names_in_item(doc, item_start, item_end)
        if not parts and grouped and _field_item(doc.view[item_start:item_end], bool(found)):
            parts = [(item_start, item_end)]  # 县交通运输、安监、运管等部门: fields named
        if not parts and found and _between_names(doc, items, i):
            parts = [(item_start, item_end)]  # 市税务局、滁州海关、市人行: a name all the same
        if not parts and _bare_place_run(doc, items, i):
            parts = [(item_start, item_end)]  # 锦江、青羊区政府: 锦江 names 锦江区政府
        if not parts and found and _distributed_kind(doc, found[-1], items[i]):
            parts = [(item_start, item_end)]  # 各乡镇人民政府、街道办事处: 各 covers both
        if not parts:
            if whole:
                return []
            break
        names_here = [
            ListName(s, e, separator if i == 0 else " ", role) for i, (s, e) in enumerate(parts)
        ]
        if role is None and _leading_join(doc, parts):  # X会同Y: X leads, Y takes part
            names_here = [
                n._replace(role=Role.LEAD if i == 0 else Role.PARTICIPANT)
                for i, n in enumerate(names_here)
            ]
            ranked = True
        elif role is None and ranked:  # X会同Y，Z、W: the names after Y take part too
            names_here = [n._replace(role=Role.PARTICIPANT) for n in names_here]
        clause += range(len(found), len(found) + len(names_here))
        found += names_here
        if verb_role:  # 省直有关部门、各市人民政府按职责分工负责: the verb covers its clause
            for index in clause:
                found[index] = found[index]._replace(role=found[index].role or verb_role)
    return found


_GROUP_CLOSE = regex.compile(r"等?(?:部门|单位)\s*$")
_FIELD_WORD = regex.compile(r"\p{Han}{2,6}")


def _field_item(item: str, after_names: bool) -> bool:
    """An item of a list closed by 等部门 that names a body by its field: a known field
    (安监: 安监局), or after names, a short word all the same (运管)."""
    return names.field_stem(item) or (after_names and bool(_FIELD_WORD.fullmatch(item)))


def _leading_join(doc: DocText, parts: list[tuple[int, int]]) -> bool:
    """Whether the first two names of an item are joined by a conjunction that ranks them."""
    if len(parts) < 2:
        return False
    between = doc.view[parts[0][1] : parts[1][0]].strip()
    return between in role_rules().leading_conjunctions


def _distributed_kind(doc: DocText, before: ListName, item: tuple[int, int, str]) -> bool:
    """A kind of body (街道办事处) right after a collective opened by 各, which covers it."""
    start, end, separator = item
    previous = doc.view[before.start : before.end]
    return (
        separator in JOINED
        and previous.startswith("各")
        and names.is_collective(previous)
        and names.generic_name(doc.view[start:end].strip())
        and not names.single_body(doc.view[start:end].strip(), previous)
    )


def _item_note(view: str, start: int, end: int) -> int:
    """Cut a stated convention off an item: 市审计局（列第一位的为牵头单位，下同）."""
    m = role_syntax().note.search(view, start, end)
    return _trim(view, start, m.start())[1] if m and m.start() > start else end


_NAME_SEPARATORS = {"、", "，", ","}


def _between_names(doc: DocText, items: list[tuple[int, int, str]], i: int) -> bool:
    """An item that reads as a name and stands between names in a 、 list (the one before
    it already taken), alone or in a run of such items, is a name the grammar does not know
    (a list may part its names by ， as well: "市统计局，人民大垸、荒湖管理区")."""
    for j in range(i, len(items)):  # a run of such items (经委、农办) up to a name
        item_start, item_end, separator = items[j]
        if j + 1 >= len(items) or not {separator, items[j + 1][2]} <= _NAME_SEPARATORS:
            return False
        if not names.name_like(doc.view[item_start:item_end]):
            return False
        after_start, after_end, _ = items[j + 1]
        after_end = _item_role(doc.view, after_start, _item_note(doc.view, after_start, after_end))[
            0
        ]
        if _names_in_item(doc, after_start, _item_verb(doc.view, after_start, after_end)[0]):
            return True
    return False


def _bare_place_run(doc: DocText, items: list[tuple[int, int, str]], i: int) -> bool:
    """A place printed bare (锦江) in a 、 run of such places that a place's government
    closes, sharing its level and organ (…、金牛区政府): 锦江区政府."""
    for j in range(i, len(items)):
        item_start, item_end, separator = items[j]
        if j > i and separator != "、":
            return False
        word = names.to_simplified("".join(doc.view[item_start:item_end].split()))
        if not names.bare_place(word):
            closing = names.agency_end(word, 0, len(word))  # 成华区政府和高新区管委会
            return j > i and closing is not None and bool(names.shared_place_tail(word[:closing]))
    return False


def _item_verb(view: str, start: int, end: int) -> tuple[int, str | None]:
    """A trailing verb inside a labelled list ("责任单位：省发展改革委牵头，…")."""
    m = role_syntax().verb_at_end.search(view, start, end)
    if m and m.start() > start:
        return _trim(view, start, m.start())[1], role_syntax().verb_roles[m.group("verb")]
    return end, None


def _item_mark(view: str, start: int, end: int) -> tuple[int, str | None]:
    """A mark before a name that gives its role ("★区发改委"): the name's start and that role."""
    for pattern, role in role_syntax().item_marks:
        m = pattern.match(view, start, end)
        if m and m.end() < end:
            return m.end(), role
    return start, None


def _after_descriptor(doc: DocText, start: int, end: int) -> int:
    """Where the name opens after words naming the unit's part ("包片单位县气象局"), when
    what follows reads as a unit."""
    m = role_syntax().descriptor.match(doc.view, start, end)
    if not m:
        return start
    return m.end() if names.looks_like_agency(doc.view[m.end() : end]) else start


def _item_role(view: str, start: int, end: int) -> tuple[int, str | None]:
    """A role printed after a name ("市发改委（牵头）", "市财政局（按职责分工负责）"): the
    name's end and that role."""
    for pattern, role in role_syntax().item_roles:
        m = pattern.search(view, start, end)
        if m:
            return _trim(view, start, m.start())[1], role
    m = role_syntax().verb_in_brackets.search(view, start, end)
    if m and m.start() > start:
        return _trim(view, start, m.start())[1], role_syntax().verb_roles[m.group("verb")]
    return end, None


def list_items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """List items between separators that sit outside brackets, with the separator before."""
    items, depth, item_start, separator = [], 0, start, ""
    groups = names.collective_lists(text, start, end)
    for at in range(start, end):
        char = text[at]
        if groups and in_spans(at, groups):
            continue
        if char in OPEN:
            depth += 1
        elif char in SHUT:
            depth = max(0, depth - 1)
        elif depth == 0 and role_syntax().separator.fullmatch(char):
            items.append((item_start, at, separator))
            item_start, separator = at + 1, char
    items.append((item_start, end, separator))
    trimmed = [(*_trim(text, s, e), sep) for s, e, sep in items]
    return [(s, e, sep) for s, e, sep in trimmed if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n。.":
        end -= 1
    tail = role_syntax().item_tail.search(text, start, end)
    if tail and tail.start() > start:
        return start, tail.start()
    for suffix in role_syntax().item_suffixes:
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            end -= len(suffix)
            break
    return start, end


def _names_in_item(doc: DocText, start: int, end: int) -> list[tuple[int, int]]:
    """One item as unit names: cells may hold several, separated by spaces in the source
    ("市财政局 市商务局") or printed together ("市发展改革委市商务局")."""
    cuts = doc.cuts(start, end)
    spans = list(zip([start, *cuts], [*cuts, end], strict=True))
    if not cuts or all(e - s == 1 for s, e in spans):  # 市 城 市 管 理 局: a spaced name
        return _names_in_piece(doc.text, start, end)
    pieces = _places_bodies(doc.text, spans)
    by_piece = [_names_in_piece(doc.text, s, e) for s, e in pieces]
    if all(by_piece):
        return [n for found in by_piece for n in found]
    rejoined = _rejoined(doc.text, pieces)
    if rejoined:
        return rejoined
    # the units before a piece that names none: "市民政局 伍泽国" (a unit and its head)
    leading = list(itertools.takewhile(bool, by_piece))
    return [n for found in leading for n in found]


def _rejoined(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names of pieces parted at spaces or line breaks some of which fall inside a name
    ("市财政局 市工业和信息化|局"): runs of pieces each naming units, as many runs as can be."""
    n = len(pieces)
    best: list[list[tuple[int, int]] | None] = [None] * n + [[]]
    for i in range(n - 1, -1, -1):
        for j in range(i, n):
            rest = best[j + 1]
            if rest is None:
                continue
            found = _names_in_piece(text, pieces[i][0], pieces[j][1])
            if found and (best[i] is None or len(found) + len(rest) > len(best[i] or [])):
                best[i] = found + rest
    return best[0] or []


def _places_bodies(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces rejoined where a group of places is parted from the body they each have by a
    space: "各县区(开发区) 安委会", "各乡镇 人民政府" name those places' bodies."""
    joined = pieces[:1]
    for s, e in pieces[1:]:
        before, after = text[joined[-1][0] : joined[-1][1]].strip(), text[s:e].strip()
        if (
            _place_group(before)
            and not names.split_prefix(after)[0]
            and (names.looks_like_agency(after) or names.generic_name(after))
        ):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _place_group(piece: str) -> bool:
    """A collective of places with no body of theirs named (各县区(开发区), 各乡镇)."""
    return (
        names.is_collective(piece)
        and not names.looks_like_agency(piece)
        and bool(_PLACE_LEVEL.search(piece[-1:]) or piece.endswith(("街道", ")", "）")))
    )


def _names_in_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    joined = _conjoined(text, start, end)
    if joined:
        return joined
    piece = text[start:end]
    cut = piece.find("各", 2)  # 县教体局各相关乡镇政府: the space before 各 lost (OCR)
    if cut > 0 and _unit_before_group(piece[:cut], piece[cut:]):
        return [(start, start + cut), *(_names_in_piece(text, start + cut, end))]
    if names.is_collective(piece) and not names.looks_like_agency(piece):
        if _verb_inside(piece):
            return []  # 各级人民政府强化管理: a group, then what it does, no name
        return _group_parts(text, start, end) or [(start, end)]
    parts = _consecutive_names(text, start, end)
    if len(parts) > 1:
        return parts
    return [(start, end)] if names.looks_like_agency(piece) else parts


def _verb_inside(piece: str) -> bool:
    """A word that never stands inside a name (强化, 落实…), besides the words a group's name
    holds (各有关部门, 各相关单位)."""
    return any(m.group() not in _GROUP_WORDS for m in names.tables().stop.finditer(piece))


_GROUP_WORDS = frozenset({"有关", "相关", "等", "及", "与", "的"})


def _unit_before_group(before: str, after: str) -> bool:
    """A unit, then a group of places' bodies, not its own members (区政府各部门, 专班各部门:
    the departments of the body before)."""
    organ = names.split_prefix(before)[1] in names.tables().organs  # 区政府, not 县卫健委
    return (
        not organ
        and bool(_PLACE_LEVEL.search(after))
        and names.looks_like_agency(before)
        and names.is_collective(after)
        and not names.looks_like_agency(before + after)
    )


def _conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Units joined by a conjunction in one item ("统计局和市直相关单位", "市委和市政府"): a
    named unit before it, units or a group after it. A name holding the word (工业和信息化局)
    has no unit before it; groups joined so are split by _group_parts (国务院有关部门, 各地区)."""
    for m in role_syntax().conjunction.finditer(names.to_simplified(text[start:end])):
        left, right = start + m.start(), start + m.end()
        if left == start or right >= end:
            continue
        before = text[start:left]
        if not names.looks_like_agency(before) or names.is_collective(before):
            continue
        after = _names_in_piece(text, right, end)
        if after:
            return [(start, left), *after]
    return []


_PLACE_LEVEL = regex.compile(r"[省市州县区旗乡镇]|街道")  # 各相关乡镇政府 names places' bodies


JOINED = ("、", " ")  # separators of names a 各 before them distributes over


_GROUP_PART_MIN = 3  # shortest part of a joined group item (有关部门和单位 stays whole)


def _group_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A group item that joins names and groups by 等, 和, 及: each part, when every part is
    a unit or a group of them ("省农业厅等省直有关部门和各市人民政府" → 省农业厅, 省直有关部门,
    各市人民政府; never 国务院 + 有关部门); else nothing. A part that is neither runs on
    over the next joint (工业和信息化部等有关部门)."""
    view = names.to_simplified(text[start:end])
    parts, at = [], 0
    for joint in role_syntax().group_joint.finditer(view):
        if joint.start() > at and _group_part(view[at : joint.start()]):
            parts.append((start + at, start + joint.start()))
            at = joint.end()
    while parts and not _group_part(view[at:]):
        at = parts.pop()[0] - start  # the tail is no part: the part before runs on over it
    return [*parts, (start + at, end)] if parts else []


def _group_part(part: str) -> bool:
    if len(part) < _GROUP_PART_MIN:
        return False
    return names.looks_like_agency(part) or names.is_collective(part)


_RUN_MAX = 48  # a run of two names printed together is short


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Two names printed together where the longest reading is none ("城关街道办事处县域工业
    集中区"): the first name, ending where the rest reads as names."""
    if end - start > _RUN_MAX:
        return []
    for k in range(end - 2, start + 1, -1):
        first = text[start:k]
        if names.looks_like_agency(first) and not names.place_alone(names.to_simplified(first)):
            rest = _consecutive_names(text, k, end)
            if rest:
                return [(start, k), *rest]
    return []


def _consecutive_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, at = [], start
    while at < end:
        stop = names.agency_end(text, at, end)
        if stop is not None and not names.looks_like_agency(names.split_alias(text[at:stop])[0]):
            stop = None  # a fragment such as 有关部 of 有关部门
        rest = text[at:end]
        if stop is None and parts and names.looks_like_agency(rest):
            # the last name, one the grammar reads whole only (县域工业集中区)
            parts.append((at, end))
            break
        if stop is None and names.is_collective(rest):
            parts.append((at, end))
            break
        if stop is None and not parts:  # the first name: the longest reading is none
            return _split_run(text, start, end)
        if stop is None or stop <= at:
            return []
        parts.append((at, stop))
        at = stop
        while at < end and text[at] in " \t":
            at += 1
    return parts


def carried_prefix(
    previous: tuple[str, str] | None, name: str, prefix: str, core: str
) -> str | None:
    """The jurisdiction a list item without one takes from the item before it, given as
    (its prefix, its name): 统计局 of 区发改委、统计局 → 区."""
    if not previous or prefix or not previous[0]:
        return None
    if names.is_collective(previous[1]) and not _shared_core(core):
        return None  # 各县(市、区)政府、嘉兴港区: a place's own body, not 各县's
    if _place(name) and not _place(previous[1]):
        return None  # 利通区党工委、青铜峡市: a place is in no other place's body
    return previous[0]


def _place(name: str) -> bool:
    return names.place_alone(names.to_simplified(name))


def _shared_core(core: str) -> bool:
    """A core a collective's prefix is shared with (各县党委、政府): an organ or known core."""
    return core in names.tables().organs or bool(names.known_core(core))


def shared_suffixes(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None]:
    """The kind of body each item shares with the list's last name, when it names a field of
    work only: 部门 of 民政 in "民政、国土部门", of 安监 in "县交通运输、安监、运管等部门"; or
    a place only: 政府 of 秭归县 in "秭归县、夷陵区、伍家岗区政府"."""
    found: list[str | None] = [None] * len(spans)
    if len(spans) < 2:
        return found
    last_start, last_end = spans[-1]
    last = names.to_simplified(text[last_start:last_end])
    tail = _GROUP_TAIL.match(names.to_simplified(text[last_end : last_end + 4]))
    kind = (
        text[last_end + tail.start("kind") : last_end + tail.end("kind")]  # 部門 as printed
        if tail
        else next(
            (text[last_end - len(k) : last_end] for k in _SHARED_KINDS
             if last.endswith(k) and len(last) > len(k)),
            None,
        )
    )
    if kind is None:
        return _places_sharing_unit(text, spans, _places_sharing(text, spans, found))
    for k, (start, end) in enumerate(spans if tail else spans[:-1]):
        word = names.to_simplified("".join(text[start:end].split()))
        if _FIELD_WORD.fullmatch(word) and not names.looks_like_agency(word):
            found[k] = kind
    return _places_sharing_unit(text, spans, _places_sharing(text, spans, found))


def _places_sharing_unit(
    text: str, spans: Sequence[tuple[int, int]], found: list[str | None]
) -> list[str | None]:
    """Places listed before the body the last name gives its place ("海东市、兰州市、临夏州发展
    改革部门", "宜良县、呈贡县农业局"): that body, as printed, for each place named alone."""
    start, end = spans[-1]
    last = names.to_simplified("".join(text[start:end].split()))
    place, body = _place_and_body(last)
    if not place or not body or not names.looks_like_agency(last) or found[-2] is not None:
        return found
    run = len(spans) - 1
    while run > 0 and found[run - 1] is None and _place_alone_at(text, spans[run - 1]):
        run -= 1
    for k in range(run, len(spans) - 1):
        found[k] = text[end - len(body) : end]
    return found


def _place_and_body(name: str) -> tuple[str, str]:
    """A name's place and the body it names there (兰州市 + 发展改革部门, 临夏州 + 发展改革部门)."""
    place, body = names.split_prefix(name)
    short = names.grammar().short_prefecture
    if not place and short:
        m = regex.match(short, name)
        if m and names.looks_like_agency(name[m.end() :]):
            return m.group(), name[m.end() :]
    return place, body


def _place_alone_at(text: str, span: tuple[int, int]) -> bool:
    return names.place_alone(names.to_simplified("".join(text[slice(*span)].split())))


def _places_sharing(
    text: str, spans: Sequence[tuple[int, int]], found: list[str | None]
) -> list[str | None]:
    """Places listed before the government they share ("秭归县、夷陵区、伍家岗区政府和宜昌开发区
    管委会"): 政府 for each place named alone before the first name ending in it."""
    words = [names.to_simplified("".join(text[s:e].split())) for s, e in spans]
    for j, word in enumerate(words):
        kind = next((k for k in _PLACE_KINDS if word.endswith(k) and len(word) > len(k)), None)
        if kind is None:
            continue
        run = j
        while run > 0 and found[run - 1] is None and names.shares_government(words[run - 1], word):
            run -= 1
        tail = names.shared_place_tail(word)  # 区人民政府 of 武昌区人民政府, for 江岸、江汉
        for k in range(run, j):
            found[k] = kind if names.place_alone(words[k]) else tail
        break
    return found


_PLACE_KINDS = ("人民政府", "政府")
_SHARED_KINDS = ("部门",)
_GROUP_TAIL = regex.compile(r"等(?P<kind>部门)")
_FIELD_WORD = regex.compile(r"[省市县区]?\p{Han}{2,5}")


def field_list(joiners: str = "、", kinds: str = "部门") -> regex.Pattern:
    """Fields of work listed before the kind of body they share ("民政、国土部门"): the
    one home of the shape, read as a label (joiners 、及和与) or as a subject (、 only: 和
    may join one name's fields, 人力资源和社会保障部门); group ``last`` the last item, ``group``
    the 等 closing the list before the kind (社保、卫生、教育等部门)."""
    return _field_list(joiners, kinds)


@lru_cache(maxsize=8)
def _field_list(joiners: str, kinds: str) -> regex.Pattern:
    field = r"\p{Han}{2,4}(?:[（(]\p{Han}{1,4}[)）])?"  # 农业(农机)
    first = r"(?:[省市县区](?=\p{Han}{4}[、]))?"  # 区农业农村、市场监管
    return regex.compile(
        rf"{first}(?:{field}[{joiners}])+(?P<last>\p{{Han}}{{2,4}}?(?P<group>等)?(?:{kinds}))"
    )
