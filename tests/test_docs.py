"""The docs describe the code as it is: a test fails when a documented module, table or error
code no longer exists, or when one exists that the docs do not name."""

from __future__ import annotations

import re

from conftest import ROOT

from pipeline.catalog import ErrorCode
from pipeline.schema import TABLES

ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
SCHEMA = (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8")
MODULE = re.compile(r"`(pipeline/[\w/]+(?:\.py|/))`")


def test_every_documented_module_exists() -> None:
    documented = set(MODULE.findall(ARCHITECTURE))
    assert documented
    missing = sorted(p for p in documented if not (ROOT / p).exists())
    assert not missing, f"docs/ARCHITECTURE.md names modules that do not exist: {missing}"


def test_every_module_is_documented() -> None:
    documented = set(MODULE.findall(ARCHITECTURE))
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "pipeline").rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py") or p.parent.name == "ingest"
    }
    undocumented = sorted(m for m in modules if m not in documented)
    assert not undocumented, f"modules missing from docs/ARCHITECTURE.md: {undocumented}"


def test_schema_doc_has_every_table_and_no_other() -> None:
    documented = set(re.findall(r"^### (\w+) — ", SCHEMA, flags=re.M))
    assert documented == set(TABLES)


def test_schema_doc_lists_every_error_code_and_no_other() -> None:
    line = re.search(r"^Error codes (.+?)\.$", SCHEMA, flags=re.M | re.S)
    assert line, "docs/SCHEMA.md has no error code list"
    documented = set(re.findall(r"`(\w+)`", line.group(1)))
    assert documented == {code.value for code in ErrorCode}


def test_analysis_reads_only_the_parquet_contract() -> None:
    """The analysis wing imports nothing of the stages or the batch wing (ARCHITECTURE.md)."""
    wing = ROOT / "pipeline" / "analysis"
    crossing = [
        f"{path.name}:{n}"
        for path in sorted(wing.glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bpipeline\.(stages|batch)\b", line)
    ]
    assert not crossing, crossing
