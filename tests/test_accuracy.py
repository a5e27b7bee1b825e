"""Every real notice in corpus/dev is held at its current figures (corpus/dev/CURRENT.json,
written by ``python scripts/accuracy.py report``): a change that lowers any notice's F1 on
any measure fails here, and so does a trap taken anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, CURRENT, GOLD, MEASURES
from helpers import OPEN_TRAPS

from pipeline.analysis.evaluate import evaluate
from pipeline.batch.run import run_batch

DEV = CORPUS / "dev"


@pytest.fixture(scope="module")
def dev_report(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("dev-out")
    run_batch([DEV], out, executor="inline")
    return evaluate(out, GOLD)


def _figure(score) -> float | None:
    return None if score.tp + score.fp + score.fn == 0 else round(score.f1, 3)


def _by_key(report) -> dict:
    """Scored documents by file name (gold files of notices outside corpus/dev have none)."""
    return {d.doc + Path(d.source_path).suffix: d for d in report.documents if d.source_path}


def test_every_dev_notice_is_scored(dev_report) -> None:
    assert set(_by_key(dev_report)) == set(CURRENT)


@pytest.mark.parametrize("key", sorted(CURRENT))
def test_notice_keeps_its_figures(dev_report, key: str) -> None:
    document = _by_key(dev_report)[key]
    for measure in MEASURES:
        held = CURRENT[key][measure]
        now = _figure(getattr(document.metrics, measure))
        if held is None:
            assert now is None, (measure, now)  # nothing to find: nothing may be found
        else:  # nothing found where nothing is to be found is right, and counts as 1
            assert (1.0 if now is None else now) >= held, (measure, held, now)


def test_no_trap_is_taken_anywhere(dev_report) -> None:
    assert {d.doc for d in dev_report.documents if d.metrics.traps} == OPEN_TRAPS
