"""Where an output folder keeps its parts (no pyarrow: the CLI asks before importing it)."""

from __future__ import annotations

from pathlib import Path

EMPTY_PART = "empty"  # the zero-row file every table folder holds, so that it always reads


def committed_parts(out: Path) -> list[str]:
    """Names of the parts written to the end: a part is committed by its ``documents`` file."""
    folder = out / "documents"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.parquet") if p.stem != EMPTY_PART)
