"""notice-tasks: Chinese government task-division notices → analyst-ready Parquet.

The front door for a notebook or a script::

    from pipeline import read_notice
    tables = read_notice("corpus/tibet-2017-keji-yuanzang.txt")   # dict of pandas DataFrames
    tables["task_agencies"].query("role == 'lead'")

``process_path`` / ``process_text`` give the typed records (``DocumentResult``);
``to_dataframes`` turns one into the tables of the Parquet contract (docs/SCHEMA.md);
``run_batch`` processes many files into an output folder, as ``notice-tasks run`` does.
Names are imported on first use, so ``import pipeline`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
PIPELINE_VERSION = __version__

# public name → module that defines it
_EXPORTS = {
    "process_path": "pipeline.stages.chain",
    "process_text": "pipeline.stages.chain",
    "process_source": "pipeline.stages.chain",
    "to_dataframes": "pipeline.frames",
    "read_notice": "pipeline.frames",
    "run_batch": "pipeline.batch.run",
    "BatchSummary": "pipeline.batch.run",
    "Role": "pipeline.catalog",
    "ErrorCode": "pipeline.catalog",
    "RulesError": "pipeline.rules",
    "check_rules": "pipeline.rules",
    **{
        name: "pipeline.records"
        for name in (
            "SourceDocument", "NormalizedDocument", "Segmentation", "TaskSegment", "Extraction",
            "DocumentResult", "AgencyMention", "ResolvedMention", "Agency", "Target", "Deadline",
            "Leader", "Metadata", "PipelineError",
        )
    },
}

__all__ = [
    "PIPELINE_VERSION",
    "Agency",
    "AgencyMention",
    "BatchSummary",
    "Deadline",
    "DocumentResult",
    "ErrorCode",
    "Extraction",
    "Leader",
    "Metadata",
    "NormalizedDocument",
    "PipelineError",
    "ResolvedMention",
    "Role",
    "RulesError",
    "Segmentation",
    "SourceDocument",
    "Target",
    "TaskSegment",
    "__version__",
    "check_rules",
    "process_path",
    "process_source",
    "process_text",
    "read_notice",
    "run_batch",
    "to_dataframes",
]

if TYPE_CHECKING:
    from pipeline.batch.run import BatchSummary, run_batch
    from pipeline.catalog import ErrorCode, Role
    from pipeline.frames import read_notice, to_dataframes
    from pipeline.records import (
        Agency,
        AgencyMention,
        Deadline,
        DocumentResult,
        Extraction,
        Leader,
        Metadata,
        NormalizedDocument,
        PipelineError,
        ResolvedMention,
        Segmentation,
        SourceDocument,
        Target,
        TaskSegment,
    )
    from pipeline.rules import RulesError, check_rules
    from pipeline.stages.chain import process_path, process_source, process_text


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
