"""One notice's tables as pandas DataFrames, with the columns of the Parquet contract."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.records import DocumentResult

if TYPE_CHECKING:
    import pandas as pd


def to_dataframes(result: DocumentResult) -> dict[str, pd.DataFrame]:
    """Every table of docs/SCHEMA.md for one document (``errors`` is empty)."""
    from pipeline.batch.write import document_tables

    return {name: table.to_pandas() for name, table in document_tables(result).items()}


def read_notice(path: str | Path, *, password: str | None = None) -> dict[str, pd.DataFrame]:
    """Run the pipeline on one file and return its tables (``tasks``, ``task_agencies``, …)."""
    from pipeline.stages.chain import process_path

    return to_dataframes(process_path(path, password=password))
