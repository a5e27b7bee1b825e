"""The one reader of an output folder: a table of ``OUT`` as Arrow, pandas or plain rows.

Only committed parts are read (docs/SCHEMA.md: a part is committed by its ``documents``
file; like the rest of the analysis wing this follows the contract, not the batch code), so
a reader running beside a writer, or after a run that was killed, never sees half a part.
``agencies`` is the merged table ``OUT/agencies`` (one row per body). Every table is read with
the schema of this version (``pipeline.schema``): columns added since a part was written read
as nulls. A folder not written by ``run`` (no ``documents/empty.parquet``) is read whole, hive
partitions included, and a single file ``OUT/<table>.parquet`` as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.dataset as ds

from pipeline.schema import TABLES

if TYPE_CHECKING:
    import pandas as pd

EMPTY_PART = "empty"  # the zero-row file of every table folder (docs/SCHEMA.md)
MERGED_TABLES = frozenset({"agencies"})  # not written in parts: every file is current


def committed_parts(out: Path) -> list[str]:
    """Names of the committed parts: those whose ``documents`` file exists."""
    folder = Path(out) / "documents"
    return sorted(p.stem for p in folder.glob("*.parquet") if p.stem != EMPTY_PART)


def written_by_run(out: Path) -> bool:
    return (Path(out) / "documents" / f"{EMPTY_PART}.parquet").is_file()


def table_files(out: Path, table: str) -> list[Path]:
    """The Parquet files holding ``table`` in an output folder written by ``run``."""
    out = Path(out)
    folder = out / table
    if not folder.is_dir():
        single = out / f"{table}.parquet"
        return [single] if single.is_file() else []
    if table in MERGED_TABLES:
        names = sorted(p.stem for p in folder.glob("*.parquet"))
    else:
        names = [EMPTY_PART, *committed_parts(out)]
    files = (folder / f"{name}.parquet" for name in names)
    return [f for f in files if f.is_file()]


def _dataset(out: Path, table: str) -> ds.Dataset:
    schema = TABLES.get(table)
    folder = Path(out) / table
    if not written_by_run(out) and folder.is_dir():
        return ds.dataset(folder, schema=schema, format="parquet", partitioning="hive")
    files = table_files(out, table)
    if schema is None and not files:
        return ds.dataset(pa.table({}))
    return ds.dataset(files, schema=schema, format="parquet")


def read_arrow(out: Path, table: str, columns: list[str] | None = None) -> pa.Table:
    """``table`` as one Arrow table (empty, with the contract's columns, when absent)."""
    dataset = _dataset(out, table)
    names = dataset.schema.names
    wanted = [c for c in columns if c in names] if columns is not None else names
    return dataset.to_table(columns=wanted)


def read_frame(out: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """``table`` as a pandas DataFrame."""
    return read_arrow(out, table, columns).to_pandas()


def read_rows(out: Path, table: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """``table`` as a list of dicts (None for nulls)."""
    return read_arrow(out, table, columns).to_pylist()
