"""Where an output folder keeps its parts (no pyarrow: the CLI asks before importing it)."""

from __future__ import annotations

from pathlib import Path

EMPTY_PART = "empty"  # the zero-row file every table folder holds, so that it always reads
AGENCIES_PART = "bodies"  # OUT/agencies/bodies.parquet: one row per body, rebuilt every run
# Tables whose parts live in a hidden folder of the writer (readers see the merged table).
PART_FOLDERS = {"agencies": ".agency_rows"}


def committed_parts(out: Path) -> list[str]:
    """Names of the parts written to the end: a part is committed by its ``documents`` file."""
    folder = out / "documents"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.parquet") if p.stem != EMPTY_PART)


def part_folder(out: Path, table: str) -> Path:
    """The folder holding ``table``'s parts."""
    return out / PART_FOLDERS.get(table, table)
