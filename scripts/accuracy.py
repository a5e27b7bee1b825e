"""Accuracy on real notices: score new notices at first sight, and report every notice now.

    python scripts/accuracy.py first-sight STAGING_DIR [--code TREE]
        Score each notice in STAGING_DIR (<stem>.txt + <stem>.json gold) with the pipeline as
        it is (or the source tree TREE), before anything is changed for it; copy the notice
        into corpus/dev and its gold into corpus/gold, and append its figures to
        corpus/dev/FIRST_SIGHT.tsv (and its source line to corpus/dev/SOURCES.tsv).
    python scripts/accuracy.py report
        Score corpus/dev with the pipeline as it is; write docs/ACCURACY.md and the figures
        the tests hold every notice at (corpus/dev/CURRENT.json).
    python scripts/accuracy.py forms DIR [--forms html,docx,xlsx,scan,scan_unruled,
                                          cells,pipes,spaced,box] [--gold G] [--keep K]
        Render each notice of DIR (<stem>.txt, its gold <stem>.json beside it, in G, or in
        DIR/../gold as corpus/dev is laid out) as a web page, a Word file, an Excel list (table
        notices) and a scan (scripts/notice_forms.py), or its tables copied as text (cells,
        pipes, spaced, box), score every form and the .txt itself, and print the
        task/agency/lead/target F1 of each and each form's means. No network.

Both run the ``notice-tasks`` command (``python -m pipeline``), as a user would.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpus" / "dev"
GOLD = ROOT / "corpus" / "gold"
FIRST_SIGHT = DEV / "FIRST_SIGHT.tsv"
SOURCES = DEV / "SOURCES.tsv"
CURRENT = DEV / "CURRENT.json"
ACCURACY = ROOT / "docs" / "ACCURACY.md"
MEASURES = ("tasks", "agencies", "leads", "targets", "deadlines")
FIRST_SIGHT_COLUMNS = ["stem", "scored_on", "commit", *MEASURES, "counts"]
INPUTS = (".txt", ".pdf", ".html", ".htm", ".docx", ".xlsx")


def score(inputs: list[Path], gold: Path, code: Path | None = None) -> dict[str, dict]:
    """Per notice stem: each measure's F1 and counts, from `run` then `eval --json`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code or ROOT)  # this tree's code, whatever is installed
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in inputs:
            shutil.copy(path, work / path.name)
        out, report = work / "out", work / "eval.json"
        cli = [sys.executable, "-m", "pipeline"]
        # run from the temporary folder: `python -m` puts the working folder first on the
        # import path, so a run started inside a source tree would use that tree's code
        subprocess.run(
            [*cli, "run", str(work), "-o", str(out), "-q"], env=env, cwd=work, check=False
        )
        subprocess.run(
            [*cli, "eval", str(out), "--gold", str(gold), "--json", str(report)],
            env=env, cwd=work, check=True, capture_output=True,
        )
        documents = json.loads(report.read_text(encoding="utf-8"))["documents"]
        found = {Path(d["source_path"]).name: _figures(d) for d in documents if d["source_path"]}
        errors = _run_errors(out)
    for path in inputs:  # a notice `run` failed on (an error recorded, no document): all zero
        found.setdefault(path.name, _failed(path.name, errors))
    return found


def _run_errors(out: Path) -> dict[str, str]:
    """Each failed input's file name → the reason `run` recorded (errors table)."""
    import pyarrow.parquet as pq

    tables = sorted((out / "errors").glob("*.parquet")) if (out / "errors").is_dir() else []
    rows = [r for t in tables for r in pq.read_table(t).to_pylist()]
    return {Path(r["source_path"]).name: f"{r['error']}: {r['message']}" for r in rows}


def _failed(name: str, errors: dict[str, str]) -> dict:
    figures: dict = {m: 0.0 for m in MEASURES}
    figures.update({f"{m}_counts": [0, 0, 0] for m in MEASURES})
    figures.update(traps=0, error=errors.get(name, "no output"))
    return figures


def _figures(document: dict) -> dict:
    metrics = document.get("metrics") or {}
    figures: dict = {}
    for measure in MEASURES:
        m = metrics.get(measure) or {"tp": 0, "fp": 0, "fn": 0, "f1": 0.0}
        tp, fp, fn = m["tp"], m["fp"], m["fn"]
        # from the counts, as the tests compute it: eval's JSON rounds its F1 already
        figures[measure] = None if tp + fp + fn == 0 else round(2 * tp / (2 * tp + fp + fn), 3)
        figures[f"{measure}_counts"] = [m["tp"], m["fp"], m["fn"]]
    figures["traps"] = metrics.get("traps", 0)
    figures["error"] = document.get("error")
    return figures


def first_sight(staging: Path, code: Path | None) -> None:
    notices = sorted(p for p in staging.iterdir() if p.suffix in INPUTS)
    known = _read_tsv(FIRST_SIGHT)
    fresh = [p for p in notices if p.stem not in {row["stem"] for row in known}]
    if not fresh:
        sys.exit("no new notices (every one already has a first-sight row)")
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp)
        for path in fresh:
            shutil.copy(staging / f"{path.stem}.json", gold / f"{path.stem}.json")
        figures = score(fresh, gold, code)
    commit = _commit(code or ROOT)
    rows = []
    for path in fresh:
        f = figures[path.stem + path.suffix]
        counts = {m: f[f"{m}_counts"] for m in MEASURES}
        rows.append({
            "stem": path.stem, "scored_on": date.today().isoformat(), "commit": commit,
            **{m: _cell(f[m]) for m in MEASURES}, "counts": json.dumps(counts),
        })
        shutil.copy(path, DEV / path.name)
        shutil.copy(staging / f"{path.stem}.json", GOLD / f"{path.stem}.json")
        print(path.stem, *(f"{m}={_cell(f[m])}" for m in MEASURES))
    _append_tsv(FIRST_SIGHT, FIRST_SIGHT_COLUMNS, rows)
    sources = staging / "sources.tsv"
    if sources.exists():
        new = [r for r in _read_tsv(sources) if r["stem"] in {p.stem for p in fresh}]
        _append_tsv(SOURCES, list(new[0]) if new else [], new)


def report() -> None:
    notices = sorted(p for p in DEV.iterdir() if p.suffix in INPUTS)
    now = score(notices, GOLD)
    first = {row["stem"]: row for row in _read_tsv(FIRST_SIGHT)}
    CURRENT.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    ACCURACY.write_text(_markdown(notices, now, first), encoding="utf-8")
    print(f"wrote {ACCURACY.relative_to(ROOT)} and {CURRENT.relative_to(ROOT)}")


def _markdown(notices: list[Path], now: dict, first: dict) -> str:
    head = ["notice", "first seen", *(f"first {m}" for m in MEASURES[:4]),
            *(f"now {m}" for m in MEASURES)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for path in notices:
        key = path.stem + path.suffix
        seen = first.get(path.stem, {})
        cells = [key, seen.get("scored_on", "fitted"),
                 *(seen.get(m, "—") for m in MEASURES[:4]),
                 *(_cell(now[key][m]) for m in MEASURES)]
        lines.append("| " + " | ".join(cells) + " |")
    latest = list(first.values())[-10:]  # FIRST_SIGHT.tsv rows are appended as scored
    means = {m: _mean([r[m] for r in latest]) for m in MEASURES}
    totals = _micro(now)
    return TEMPLATE.format(
        table="\n".join(lines), n=len(latest),
        stems=", ".join(r["stem"] for r in latest),
        means=" · ".join(f"{m} {means[m]}" for m in MEASURES),
        totals=" · ".join(f"{m} {totals[m]}" for m in MEASURES),
        count=len(notices), issuers=len(first) + 0,
    )


def _micro(now: dict) -> dict[str, str]:
    out = {}
    for m in MEASURES:
        tp, fp, fn = (sum(f[f"{m}_counts"][i] for f in now.values()) for i in range(3))
        out[m] = "—" if tp + fp + fn == 0 else f"{2 * tp / (2 * tp + fp + fn):.3f}"
    return out


def _mean(cells: list[str]) -> str:
    values = [float(c) for c in cells if c not in ("—", "")]
    return f"{sum(values) / len(values):.3f}" if values else "—"


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _commit(tree: Path) -> str:
    out = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True, check=False)
    return out.stdout.strip() or "unknown"


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _append_tsv(path: Path, columns: list[str], rows: list[dict]) -> None:
    if not rows:
        return
    exists = path.exists()
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, delimiter="\t", extrasaction="ignore")
        if not exists:
            writer.writeheader()
        writer.writerows(rows)


TEMPLATE = """# Accuracy on real notices

Every notice in `corpus/dev` is a real notice, copied as published (sources:
`corpus/dev/SOURCES.tsv`), with a hand-written gold file in `corpus/gold` (format:
`corpus/gold/README.md`). A notice is scored **at first sight**, with the pipeline as it was
before anything was changed for it (`corpus/dev/FIRST_SIGHT.tsv`: date and commit), and again
**now**. The first-sight figure is the
honest measure of how the pipeline meets a notice it has never seen; "fitted" marks the notices the
first rules were written from, whose first-sight figures were never recorded.

F1 per notice; "—" where neither the gold nor the output has anything of that kind.
Regenerate with `python scripts/accuracy.py report` (tests hold every notice at its current
figures: `corpus/dev/CURRENT.json`).

**Mean first-sight F1 of the latest {n} notices** ({stems}): {means}

**All of corpus/dev now (micro-averaged, {count} files):** {totals}

{table}
"""


# ---------------------------------------------------------------- forms

FORMS = {"txt": ".txt", "html": ".web.html", "docx": ".docx", "xlsx": ".xlsx", "scan": ".scan.pdf",
         "scan_unruled": ".scan-unruled.pdf", "cells": ".cells.txt", "pipes": ".pipes.txt",
         "spaced": ".spaced.txt", "box": ".box.txt"}
FORM_MEASURES = MEASURES[:4]


def forms(folder: Path, wanted: list[str], gold: Path | None, keep: Path | None) -> dict:
    """Per form, per notice stem: the figures of the notice rendered in that form (the .txt
    as it is, the reference). Printed as a table with each form's means; returned."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import notice_forms

    notices = sorted(p for p in folder.glob("*.txt") if _gold_of(p, gold))
    if not notices:
        sys.exit(f"{folder}: no <stem>.txt with a gold <stem>.json")
    with tempfile.TemporaryDirectory() as tmp:
        work, golds = Path(tmp) / "forms", Path(tmp) / "gold"
        work.mkdir()
        golds.mkdir()
        failed: dict[tuple[str, str], str] = {}
        for path in notices:
            shutil.copy(_gold_of(path, gold), golds / f"{path.stem}.json")
            shutil.copy(path, work / path.name)
            blocks = notice_forms.notice_blocks(_read_text(path))
            for form in wanted:
                try:
                    data = _render(notice_forms, form, blocks)
                except Exception as err:  # a form the renderer cannot draw is reported
                    failed[(path.stem, form)] = f"render: {type(err).__name__}: {err}"[:80]
                    continue
                if data is not None:
                    (work / f"{path.stem}{FORMS[form]}").write_bytes(data)
        if keep:
            shutil.copytree(work, keep, dirs_exist_ok=True)
        figures = score(sorted(work.iterdir()), golds)
    table = {
        form: {p.stem: figures.get(p.stem + FORMS[form]) for p in notices}
        for form in ["txt", *wanted]
    }
    print(_forms_table(table, failed))
    return table


def _gold_of(path: Path, gold: Path | None) -> Path | None:
    for folder in (gold, path.parent, path.parent.parent / "gold"):
        if folder and (folder / f"{path.stem}.json").is_file():
            return folder / f"{path.stem}.json"
    return None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _render(notice_forms, form: str, blocks: list) -> bytes | None:  # type: ignore[no-untyped-def]
    render = {"html": notice_forms.web_page, "docx": notice_forms.word,
              "xlsx": notice_forms.workbook, "scan": notice_forms.scan,
              "scan_unruled": lambda b: notice_forms.scan(b, ruled=False)
              if any(isinstance(x, notice_forms.Table) for x in b) else None,
              **{shape: (lambda b, shape=shape: notice_forms.flat_text(b, shape))
                 for shape in notice_forms.FLAT_SHAPES}}[form]
    return render(blocks)


def _forms_table(table: dict, failed: dict) -> str:
    head = ["notice", "form", *FORM_MEASURES, "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for stem in next(iter(table.values())):
        for form, by_stem in table.items():
            f = by_stem[stem]
            note = failed.get((stem, form)) or (f or {}).get("error") or ""
            if f is None and not note:
                drawn_for_tables = ("xlsx", "scan_unruled", "cells", "pipes", "spaced", "box")
                note = "no table: not drawn" if form in drawn_for_tables else "no output"
            cells = [_cell(f[m]) if f else "" for m in FORM_MEASURES]
            lines.append("| " + " | ".join([stem, form, *cells, note]) + " |")
    lines += ["", "Means per form (F1 over the notices the form was drawn for; "
              "the txt figure over the same notices):", ""]
    lines += ["| form | notices | " + " | ".join(FORM_MEASURES) + " | txt " +
              " | txt ".join(FORM_MEASURES) + " |", "|" + " --- |" * (2 + 2 * len(FORM_MEASURES))]
    for form, by_stem in table.items():
        drawn = [s for s, f in by_stem.items() if f is not None or (s, form) in failed]
        means = [_mean_of(by_stem, drawn, m) for m in FORM_MEASURES]
        text = [_mean_of(table["txt"], drawn, m) for m in FORM_MEASURES]
        lines.append(f"| {form} | {len(drawn)} | " + " | ".join(means + text) + " |")
    return "\n".join(lines)


def _mean_of(by_stem: dict, stems: list[str], measure: str) -> str:
    """Mean F1; a notice with nothing of the kind in gold and output counts 1, one whose
    form gave no output 0."""
    values = []
    for stem in stems:
        f = by_stem.get(stem)
        values.append(0.0 if f is None else (1.0 if f[measure] is None else f[measure]))
    return f"{sum(values) / len(values):.3f}" if values else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fs = sub.add_parser("first-sight")
    fs.add_argument("staging", type=Path)
    fs.add_argument("--code", type=Path, help="source tree of the pipeline to score with")
    sub.add_parser("report")
    fm = sub.add_parser("forms")
    fm.add_argument("folder", type=Path)
    fm.add_argument("--forms", default="html,docx,xlsx,scan",
                    help="comma-separated: " + ",".join(f for f in FORMS if f != "txt"))
    fm.add_argument("--gold", type=Path, help="folder of the gold files")
    fm.add_argument("--keep", type=Path, help="keep the rendered forms in this folder")
    args = parser.parse_args()
    if args.command == "first-sight":
        first_sight(args.staging, args.code)
    elif args.command == "forms":
        wanted = [f for f in args.forms.split(",") if f]
        unknown = [f for f in wanted if f not in FORMS or f == "txt"]
        if unknown:
            parser.error(f"unknown form(s): {', '.join(unknown)}")
        forms(args.folder, wanted, args.gold, args.keep)
    else:
        report()


if __name__ == "__main__":
    main()
