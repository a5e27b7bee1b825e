"""Rule files are validated strictly when loaded: a broken one is refused with its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.rules import RULE_FILES, RulesError, check_rules, rules_dir


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_rules_load() -> None:
    check_rules()


def test_every_rule_file_has_one_owner() -> None:
    on_disk = {p.relative_to(rules_dir()).as_posix() for p in rules_dir().rglob("*.yaml")}
    assert on_disk == set(RULE_FILES)


def test_a_misspelled_key_is_refused(rules_copy: Path) -> None:
    _replace(rules_copy / "quantities.yaml", "max_subject_chars", "max_subject_char")
    with pytest.raises(RulesError, match=r"quantities\.yaml: max_subject_char: Extra inputs"):
        check_rules(rules_copy)


def test_an_unknown_role_is_refused(rules_copy: Path) -> None:
    _replace(rules_copy / "roles.yaml", "{pattern: '牵头单位', role: lead}", "{pattern: '牵头单位', role: leed}")
    with pytest.raises(RulesError, match=r"roles\.yaml: labels\.\d+\.role: Input should be 'lead'"):
        check_rules(rules_copy)


def test_a_label_written_as_a_pattern_is_refused(rules_copy: Path) -> None:
    """A role label is looked up by the text read: an alternation would never be found."""
    _replace(rules_copy / "roles.yaml", "{pattern: '责任处室', role: responsible}",
             "{pattern: '责任(?:处室|科室)', role: responsible}")
    with pytest.raises(RulesError, match=r"roles\.yaml: labels\.\d+\.pattern: .*plain text"):
        check_rules(rules_copy)


def test_an_unknown_column_kind_is_refused(rules_copy: Path) -> None:
    _replace(rules_copy / "segment.yaml", "kind: deadline}", "kind: dateline}")
    with pytest.raises(RulesError, match=r"segment\.yaml: columns\.\d+\.kind"):
        check_rules(rules_copy)


def test_a_broken_pattern_is_refused_at_load(rules_copy: Path) -> None:
    _replace(rules_copy / "traps.yaml", "pattern: '", "pattern: '(unclosed")
    with pytest.raises(RulesError, match=r"traps\.yaml: patterns\.0\.pattern: .*does not compile"):
        check_rules(rules_copy)


def test_a_missing_file_is_named(rules_copy: Path) -> None:
    (rules_copy / "deadlines.yaml").unlink()
    with pytest.raises(RulesError, match=r"deadlines\.yaml: rules file not found"):
        check_rules(rules_copy)
