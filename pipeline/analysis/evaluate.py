"""Score a pipeline output folder against gold annotations (``notice-tasks eval``).

Output: ``OUT/<table>/*.parquet`` with the schemas of ``pipeline/schema.py``.  Gold: one JSON
file per notice in the format of ``corpus/gold/README.md``.  An output document matches the
gold file whose ``doc`` equals the stem of its ``source_path``; several renditions of one
notice (.txt, .pdf) are scored separately.

Scoring choices (all strings compared after NFKC with whitespace removed):

* Tasks are aligned in document order by a monotone alignment maximising the title score:
  equal titles > one title a prefix of the other (≥ 5 characters) > similarity ≥ 0.8, with an
  equal task number as a tie-break; leftovers that still score (tasks output out of order)
  are paired best first.  Unaligned output tasks are false positives, unaligned gold tasks
  misses — and so are their agencies, targets and deadlines.
* Agencies (non-collective ``task_agencies`` rows, by ``mention``): role ``lead`` is a lead;
  ``responsible`` counts as a lead when the gold names that unit as lead, else as a
  participant; any other role is a participant.  Gold ``either`` units are right in either
  role.  Leads: gold leads must be found; an ``either`` unit output as lead is a correct
  lead, one output as participant is not a missed lead.
* Collective mentions (rows with ``collective = true``) are scored against gold
  ``collective`` and never as agencies; a collective mention output as an agency is a false
  positive agency.  Gold tasks without a ``collective`` key are unscored for collectives.
* Targets match on (value_min, value_max, unit); matched ones are checked for comparator and
  period.  An unmatched output target whose raw contains or is contained in an optional
  quantity is ignored.  A remaining one is a trap when its numeric token (the one carrying
  its value, else any) overlaps an occurrence of a gold ``not_target`` in ``documents.text``.
* Deadlines match on ``due_date`` (rows without a date are not compared); gold tasks
  without a ``deadlines`` key are unscored, and so are deadlines of unaligned output tasks
  in a document none of whose gold tasks carry the key.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pipeline.analysis.gold import (  # noqa: F401  (norm, find_spans: public here too)
    GoldDocument,
    GoldError,
    GoldTarget,
    GoldTask,
    find_spans,
    load_gold,
    norm,
    norm_opt,
    norm_with_map,
    number_label,
    occurrences,
    same_value,
    target_fields,
)
from pipeline.analysis.output import read_rows
from pipeline.catalog import Role

T = TypeVar("T")
TITLE_SIMILARITY = 0.8
MIN_PREFIX = 5
_NUMBER_TOKEN = re.compile(
    r"[0-9]+(?:[.,][0-9]+)*|[〇○零一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+"
)

# ---------------------------------------------------------------- scores


@dataclass(frozen=True)
class Score:
    """True positives, false positives and misses of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _score(out: Counter[str], gold: Counter[str]) -> Score:
    tp = (out & gold).total()
    return Score(tp, out.total() - tp, gold.total() - tp)


@dataclass(frozen=True)
class Metrics:
    """Every measure for one document, one task, or a total (micro-averaged by adding)."""

    tasks: Score = field(default_factory=Score)
    agencies: Score = field(default_factory=Score)  # with role
    agencies_any: Score = field(default_factory=Score)  # role ignored
    leads: Score = field(default_factory=Score)
    collective: Score = field(default_factory=Score)
    targets: Score = field(default_factory=Score)
    deadlines: Score = field(default_factory=Score)
    targets_comparator_ok: int = 0  # matched targets with the gold comparator
    targets_period_ok: int = 0  # matched targets with the gold period
    targets_attrs_ok: int = 0  # matched targets with both right
    traps: tuple[str, ...] = ()  # raw of output targets that are gold not_targets

    def __add__(self, other: Metrics) -> Metrics:
        return Metrics(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def n_traps(self) -> int:
        return len(self.traps)


SCORES = ("tasks", "agencies", "agencies_any", "leads", "targets", "deadlines", "collective")


@dataclass(frozen=True)
class DocumentScore:
    doc: str  # gold "doc"
    source_path: str | None  # None when the output has no document for this gold file
    doc_id: str | None
    metrics: Metrics
    notes: tuple[str, ...] = ()  # what was missed or spurious, for people
    error: str | None = None  # the errors-table message when the document failed

    @property
    def missing(self) -> bool:
        return self.source_path is None


@dataclass(frozen=True)
class EvalReport:
    documents: tuple[DocumentScore, ...]
    total: Metrics
    unscored: tuple[str, ...]  # output source paths with no gold file
    missing: tuple[str, ...]  # gold docs with no output document


# ---------------------------------------------------------------- output


@dataclass(frozen=True)
class OutTask:
    task_id: str
    seq: int
    number: str | None
    title: str


@dataclass(frozen=True)
class OutAgency:
    role: str
    mention: str  # normalized
    collective: bool
    shared_prefix: str = ""  # normalized; the gold names the unit with it (区统计局)
    shared_suffix: str = ""  # likewise after it (民政部门 of "民政、国土部门")


@dataclass(frozen=True)
class OutTarget(GoldTarget):
    """An output target: the scored fields of a gold target, and where it stands."""

    char_start: int
    char_end: int


@dataclass(frozen=True)
class OutDocument:
    doc_id: str
    source_path: str
    text: str
    tasks: tuple[OutTask, ...] = ()
    agencies: dict[str, tuple[OutAgency, ...]] = field(default_factory=dict)  # by task_id
    targets: dict[str, tuple[OutTarget, ...]] = field(default_factory=dict)
    deadlines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ISO due dates


_EMPTY = OutDocument("", "", "")


def read_output(out_dir: Path) -> tuple[list[OutDocument], dict[str, str]]:
    """The output documents, and error messages by source-file stem."""
    out_dir = Path(out_dir)
    tasks = _by_doc(_rows(out_dir, "tasks", ["doc_id", "task_id", "seq", "number", "title"]))
    agencies = _by_doc(
        _rows(
            out_dir,
            "task_agencies",
            [
                "doc_id", "task_id", "role", "mention", "collective", "shared_prefix",
                "shared_suffix",
            ],
        )
    )
    targets = _by_doc(
        _rows(
            out_dir,
            "targets",
            [
                "doc_id",
                "task_id",
                "value_min",
                "value_max",
                "comparator",
                "unit",
                "period",
                "raw",
                "char_start",
                "char_end",
            ],
        )
    )
    deadlines = _by_doc(_rows(out_dir, "deadlines", ["doc_id", "task_id", "due_date"]))
    docs = [
        OutDocument(
            doc_id=d["doc_id"],
            source_path=d["source_path"],
            text=d.get("text") or "",
            tasks=tuple(
                OutTask(r["task_id"], r.get("seq") or 0, r.get("number"), r.get("title") or "")
                for r in sorted(tasks.get(d["doc_id"], []), key=lambda r: r.get("seq") or 0)
            ),
            agencies=_by_task(agencies.get(d["doc_id"], []), _out_agency),
            targets=_by_task(targets.get(d["doc_id"], []), _out_target),
            deadlines=_by_task(deadlines.get(d["doc_id"], []), _due_date),
        )
        for d in _rows(out_dir, "documents", ["doc_id", "source_path", "text"])
    ]
    errors = {
        _stem(e["source_path"]): f"{e.get('stage')}: {e.get('error')}: {e.get('message')}"
        for e in _rows(out_dir, "errors", ["source_path", "stage", "error", "message"])
    }
    return docs, errors


def _rows(out_dir: Path, table: str, columns: list[str]) -> list[dict[str, Any]]:
    return read_rows(out_dir, table, columns)


def _by_doc(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(r["doc_id"], []).append(r)
    return grouped


def _by_task(
    rows: list[dict[str, Any]], make: Callable[[dict[str, Any]], T | None]
) -> dict[str, tuple[T, ...]]:
    grouped: dict[str, list[T]] = {}
    for r in rows:
        item = make(r)
        if item is not None:
            grouped.setdefault(r["task_id"], []).append(item)
    return {k: tuple(v) for k, v in grouped.items()}


def _out_agency(r: dict[str, Any]) -> OutAgency:
    return OutAgency(
        (r.get("role") or "").lower(),
        norm(r.get("mention")),
        bool(r.get("collective")),
        norm(r.get("shared_prefix")),
        norm(r.get("shared_suffix")),
    )


def _out_target(r: dict[str, Any]) -> OutTarget:
    return OutTarget(
        **target_fields(r), char_start=r.get("char_start") or 0, char_end=r.get("char_end") or 0
    )


def _due_date(r: dict[str, Any]) -> str | None:
    due = r.get("due_date")
    return due.isoformat() if isinstance(due, date) else (str(due) if due else None)


def _stem(source_path: str) -> str:
    return Path(source_path).stem


# ---------------------------------------------------------------- task alignment


def title_score(out_title: str, gold_title: str) -> float:
    """3 equal, 2 prefix (≥ MIN_PREFIX chars), 1.x similar (ratio ≥ 0.8), else 0."""
    a, b = norm(out_title), norm(gold_title)
    if not b:
        return 0.0
    return _exact_score(a, b) or _similarity_score(a, SequenceMatcher(None, "", b, autojunk=False))


def _exact_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 3.0
    short, long_ = sorted((a, b), key=len)
    return 2.0 if len(short) >= MIN_PREFIX and long_.startswith(short) else 0.0


def _similarity_score(a: str, matcher: SequenceMatcher[str]) -> float:
    """1 + ratio/2 when the ratio reaches TITLE_SIMILARITY; ``matcher`` holds a gold title."""
    if not a:
        return 0.0
    matcher.set_seq1(a)
    if matcher.real_quick_ratio() < TITLE_SIMILARITY or matcher.quick_ratio() < TITLE_SIMILARITY:
        return 0.0
    ratio = matcher.ratio()
    return 1.0 + ratio / 2 if ratio >= TITLE_SIMILARITY else 0.0


def align_tasks(
    out: Sequence[tuple[str, str | None]], gold: Sequence[tuple[str, str | None]]
) -> list[tuple[int, int]]:
    """Index pairs (output, gold) of (title, number) lists: the in-order alignment with the
    highest summed score, then leftover pairs (tasks output out of order), best first."""
    pair = _score_matrix(
        [(norm(t), number_label(n)) for t, n in out], [(norm(t), number_label(n)) for t, n in gold]
    )
    pairs = _monotone(pair, len(out), len(gold))
    return sorted(pairs + _leftovers(pair, pairs))


def _score_matrix(out: list[tuple[str, str]], gold: list[tuple[str, str]]) -> list[list[float]]:
    """Pair scores (+0.25 for an equal number); similarity is only computed between titles
    that have neither an equal nor a prefix partner (it is the slow part)."""
    pair = [[_exact_score(o, g) for g, _ in gold] for o, _ in out]
    open_rows = [i for i, row in enumerate(pair) if not any(row)]
    for j, (g, _) in enumerate(gold):
        if not g or any(row[j] for row in pair):
            continue
        matcher = SequenceMatcher(None, "", g, autojunk=False)
        for i in open_rows:
            pair[i][j] = _similarity_score(out[i][0], matcher)
    for i, (_, number) in enumerate(out):
        for j, (_, gold_number) in enumerate(gold):
            if pair[i][j] and number and number == gold_number:
                pair[i][j] += 0.25
    return pair


def _monotone(pair: list[list[float]], n: int, m: int) -> list[tuple[int, int]]:
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            s = pair[i - 1][j - 1]
            diag = best[i - 1][j - 1] + s if s else -1.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], diag)
    pairs, i, j = [], n, m
    while i and j:
        s = pair[i - 1][j - 1]
        if s and best[i][j] == best[i - 1][j - 1] + s:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _leftovers(pair: list[list[float]], pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    used_out, used_gold = {i for i, _ in pairs}, {j for _, j in pairs}
    candidates = sorted(
        (-s, i, j)
        for i, row in enumerate(pair)
        if i not in used_out
        for j, s in enumerate(row)
        if s and j not in used_gold
    )
    extra = []
    for _, i, j in candidates:
        if i not in used_out and j not in used_gold:
            extra.append((i, j))
            used_out.add(i)
            used_gold.add(j)
    return extra


# ---------------------------------------------------------------- per-task scoring


@dataclass(frozen=True)
class _TrapIndex:
    """Normalized document text and the normalized spans of every not_target occurrence."""

    text: str
    index: list[int]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def build(cls, text: str, not_targets: Iterable[str]) -> _TrapIndex:
        ntext, index = norm_with_map(text)
        spans = sorted(s for nt in not_targets for s in occurrences(ntext, norm(nt)))
        return cls(ntext, index, tuple(spans))

    def is_trap(self, t: OutTarget) -> bool:
        a = bisect.bisect_left(self.index, t.char_start)
        b = bisect.bisect_left(self.index, t.char_end)
        tokens = [
            (a + m.start(), a + m.end(), m.group()) for m in _NUMBER_TOKEN.finditer(self.text[a:b])
        ]
        valued = [tok for tok in tokens if _token_is_value(tok[2], t)]
        return any(self._overlaps(s, e) for s, e, _ in valued or tokens)

    def _overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)


def _token_is_value(token: str, t: OutTarget) -> bool:
    value = _token_value(token)
    return value is not None and any(same_value(value, v) for v in (t.value_min, t.value_max))


@cache
def _token_value(token: str) -> float | None:
    if token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    import cn2an  # slow import; only needed for Chinese numerals

    try:
        return float(cn2an.cn2an(token, "normal"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _gold_names(gold: GoldTask | None) -> set[str]:
    if gold is None:
        return set()
    return {*gold.lead, *gold.participants, *gold.either, *(gold.collective or ())}


def _agency_metrics(
    rows: Sequence[OutAgency], gold: GoldTask | None, score_collective: bool
) -> tuple[Metrics, list[str]]:
    lead_names = set(gold.lead) if gold else set()
    out_lead: Counter[str] = Counter()
    out_part: Counter[str] = Counter()
    out_coll: Counter[str] = Counter()
    named = _gold_names(gold)
    for r in rows:
        whole = r.shared_prefix + r.mention + r.shared_suffix  # 公安 of 市交通、公安等部门
        if r.shared_prefix and r.shared_suffix and whole in named:
            r = replace(r, mention=whole)
        if r.shared_prefix and r.shared_prefix + r.mention in named:
            r = replace(r, mention=r.shared_prefix + r.mention)  # 统计局 after 区发改委、
        if r.shared_suffix and r.mention + r.shared_suffix in named:
            r = replace(r, mention=r.mention + r.shared_suffix)  # 民政 before 、国土部门
        if r.collective:
            out_coll[r.mention] += 1
        elif r.role == Role.LEAD or (r.role == Role.RESPONSIBLE and r.mention in lead_names):
            out_lead[r.mention] += 1
        else:
            out_part[r.mention] += 1
    lead = Counter(gold.lead) if gold else Counter()
    part = Counter(gold.participants) if gold else Counter()
    either = Counter(gold.either) if gold else Counter()
    rest_lead, rest_part = out_lead - lead, out_part - part
    either_as_lead = rest_lead & either
    either_hit = (rest_lead + rest_part) & either
    tp = (out_lead & lead).total() + (out_part & part).total() + either_hit.total()
    n_out = out_lead.total() + out_part.total()
    n_gold = lead.total() + part.total() + either.total()
    lead_tp = (out_lead & lead).total() + either_as_lead.total()
    gold_coll = Counter(gold.collective or ()) if gold else Counter()
    metrics = Metrics(
        agencies=Score(tp, n_out - tp, n_gold - tp),
        agencies_any=_score(out_lead + out_part, lead + part + either),
        leads=Score(lead_tp, out_lead.total() - lead_tp, lead.total() - (out_lead & lead).total()),
        collective=_score(out_coll, gold_coll) if score_collective else Score(),
    )
    notes = [f"lead fp: {n}" for n in (rest_lead - either).elements()]
    notes += [f"participant fp: {n}" for n in (rest_part - either).elements()]
    notes += [f"lead fn: {n}" for n in (lead - out_lead).elements()]
    notes += [f"participant fn: {n}" for n in (part - out_part).elements()]
    notes += [f"either fn: {n}" for n in (either - either_hit).elements()]
    if score_collective:
        notes += [f"collective fp: {n}" for n in (out_coll - gold_coll).elements()]
        notes += [f"collective fn: {n}" for n in (gold_coll - out_coll).elements()]
    return metrics, notes


def _target_metrics(
    rows: Sequence[OutTarget], gold: GoldTask | None, traps: _TrapIndex
) -> tuple[Metrics, list[str]]:
    golds = list(gold.targets) if gold else []
    pairs = _match_targets(rows, golds)
    matched_out = {i for i, _ in pairs}
    cmp_ok = sum(rows[i].comparator == golds[j].comparator for i, j in pairs)
    per_ok = sum(rows[i].period == golds[j].period for i, j in pairs)
    both_ok = sum(_attrs_ok(rows[i], golds[j]) for i, j in pairs)
    optional = gold.optional if gold else ()
    spurious = [
        t for i, t in enumerate(rows) if i not in matched_out and not _is_optional(t, optional)
    ]
    trapped = tuple(t.raw for t in spurious if traps.is_trap(t))
    notes = [f"target fp: {t.raw}" for t in spurious]
    matched_gold = {j for _, j in pairs}
    notes += [f"target fn: {g.raw}" for j, g in enumerate(golds) if j not in matched_gold]
    notes += [
        f"target {rows[i].comparator}/{rows[i].period} ≠ gold {golds[j].comparator}/"
        f"{golds[j].period}: {golds[j].raw}"
        for i, j in pairs
        if not _attrs_ok(rows[i], golds[j])
    ]
    notes += [f"trap: {raw}" for raw in trapped]
    score = Score(len(pairs), len(spurious), len(golds) - len(pairs))
    return Metrics(
        targets=score,
        targets_comparator_ok=cmp_ok,
        targets_period_ok=per_ok,
        targets_attrs_ok=both_ok,
        traps=trapped,
    ), notes


def _match_targets(rows: Sequence[OutTarget], golds: Sequence[GoldTarget]) -> list[tuple[int, int]]:
    """Pairs on (value_min, value_max, unit), those with comparator and period right first."""
    pairs: dict[int, int] = {}  # gold → output
    for strict in (True, False):
        for j, g in enumerate(golds):
            if j in pairs:
                continue
            for i, t in enumerate(rows):
                if i not in pairs.values() and _same_key(t, g) and (not strict or _attrs_ok(t, g)):
                    pairs[j] = i
                    break
    return sorted((i, j) for j, i in pairs.items())


def _same_key(t: OutTarget, g: GoldTarget) -> bool:
    return (
        t.unit == g.unit
        and same_value(t.value_min, g.value_min)
        and same_value(t.value_max, g.value_max)
    )


def _attrs_ok(t: OutTarget, g: GoldTarget) -> bool:
    return t.comparator == g.comparator and t.period == g.period


def _is_optional(t: OutTarget, optional: Sequence[str]) -> bool:
    raw = norm(t.raw)
    return bool(raw) and any(raw in q or q in raw for q in optional)


def _deadline_metrics(dates: Sequence[str], gold: GoldTask) -> tuple[Metrics, list[str]]:
    if gold.deadlines is None:
        return Metrics(), []
    out, ref = Counter(dates), Counter(gold.deadlines)
    notes = [f"deadline fp: {d}" for d in (out - ref).elements()]
    notes += [f"deadline fn: {d}" for d in (ref - out).elements()]
    return Metrics(deadlines=_score(out, ref)), notes


# ---------------------------------------------------------------- documents


def score_document(gold: GoldDocument, out: OutDocument | None) -> tuple[Metrics, tuple[str, ...]]:
    """All measures of one output document (None: a missing document) against its gold."""
    out = out or _EMPTY
    pairs = dict(
        align_tasks(
            [(t.title, t.number) for t in out.tasks], [(g.title, g.number) for g in gold.tasks]
        )
    )
    gold_of = {i: gold.tasks[j] for i, j in pairs.items()}
    traps = _TrapIndex.build(out.text, gold.not_targets)
    total, notes = Metrics(tasks=Score(len(pairs), len(out.tasks) - len(pairs), 0)), []
    for i, task in enumerate(out.tasks):
        g = gold_of.get(i)
        m, n = _task_metrics(out, task.task_id, g, gold, traps)
        total += m
        label = f"[{g.seq}]" if g else f"[spurious task {task.number or ''} {task.title[:30]}]"
        notes += [f"{label} {x}" for x in n]
    aligned = set(pairs.values())
    for j, g in enumerate(gold.tasks):
        if j not in aligned:
            m, _ = _task_metrics(_EMPTY, "", g, gold, traps)
            total += m + Metrics(tasks=Score(fn=1))
            notes += [f"[{g.seq}] task fn: {g.title[:40]}"]
    return total, tuple(notes)


def _task_metrics(
    out: OutDocument, task_id: str, g: GoldTask | None, gold: GoldDocument, traps: _TrapIndex
) -> tuple[Metrics, list[str]]:
    score_coll = g.collective is not None if g else gold.scores_collective
    ma, na = _agency_metrics(out.agencies.get(task_id, ()), g, score_coll)
    mt, nt = _target_metrics(out.targets.get(task_id, ()), g, traps)
    dates = [d for d in out.deadlines.get(task_id, ()) if d]
    if g:
        md, nd = _deadline_metrics(dates, g)
    else:
        md, nd = _spurious_deadlines(dates, gold.scores_deadlines)
    return ma + mt + md, na + nt + nd


def _spurious_deadlines(dates: Sequence[str], scored: bool) -> tuple[Metrics, list[str]]:
    if not scored:
        return Metrics(), []
    return Metrics(deadlines=Score(fp=len(dates))), [f"deadline fp: {d}" for d in dates]


def evaluate(out_dir: Path, gold_dir: Path) -> EvalReport:
    """Score every output document of ``out_dir`` against the gold files of ``gold_dir``.

    Raises ``GoldError`` when there is nothing to score: no gold folder or file, a malformed
    gold file, or no output document with a gold file (a score of nothing is no score)."""
    gold = load_gold(Path(gold_dir))
    docs, errors = read_output(Path(out_dir))
    scores: list[DocumentScore] = []
    unscored: list[str] = []
    for d in sorted(docs, key=lambda d: d.source_path):
        g = gold.get(_gold_name(d.source_path, gold))
        if g is None:
            unscored.append(d.source_path)
            continue
        metrics, notes = score_document(g, d)
        scores.append(DocumentScore(g.doc, d.source_path, d.doc_id, metrics, notes))
    if not scores:
        raise GoldError(_nothing_matched(Path(gold_dir), len(gold), unscored))
    seen = {s.doc for s in scores}
    missing = [name for name in gold if name not in seen]
    for name in missing:
        metrics, notes = score_document(gold[name], None)
        scores.append(DocumentScore(name, None, None, metrics, notes, errors.get(name)))
    scores.sort(key=lambda s: (s.doc, s.source_path or ""))
    total = sum((s.metrics for s in scores), Metrics())
    return EvalReport(tuple(scores), total, tuple(unscored), tuple(missing))


def _nothing_matched(gold_dir: Path, n_gold: int, unscored: list[str]) -> str:
    more = f" and {len(unscored) - 5} more" if len(unscored) > 5 else ""
    without = f"documents without gold: {', '.join(unscored[:5])}{more}"
    found = without if unscored else "the output has no documents"
    return f"{gold_dir}: none of its {n_gold} gold file(s) matches an output document; {found}"


def _gold_name(source_path: str, gold: dict[str, GoldDocument]) -> str:
    stem = _stem(source_path)
    return stem if stem in gold else Path(source_path).name.split(".", 1)[0]
