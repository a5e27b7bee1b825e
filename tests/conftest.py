"""Shared fixtures: the bundled corpus and its gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"
TIBET = CORPUS / "tibet-2017-keji-yuanzang.txt"
TIBET_PDF = CORPUS / "tibet-2017-keji-yuanzang.pdf"


def gold_for(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def corpus_texts() -> list[Path]:
    return sorted(CORPUS.rglob("*.txt"))


@pytest.fixture(scope="session")
def tibet_gold() -> dict:
    return gold_for("tibet-2017-keji-yuanzang")
