"""The Parquet output contract: one explicit Arrow schema per table (see docs/SCHEMA.md).

Change these only deliberately: bump SCHEMA_VERSION, document the change, keep old
column names and meanings.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.4"  # 1.1: documents.rules_fingerprint; agencies one row per body
# 1.2: documents.page_methods, documents.ocr_confidence
# 1.3: task_agencies.shared_prefix
# 1.4: task_agencies.shared_suffix

_span = [pa.field("char_start", pa.int32(), False), pa.field("char_end", pa.int32(), False)]
_task_key = [pa.field("doc_id", pa.string(), False), pa.field("task_id", pa.string(), False)]

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), False),
        pa.field("source_path", pa.string(), False),
        pa.field("sha256", pa.string(), False),
        pa.field("format", pa.string(), False),
        pa.field("title", pa.string()),
        pa.field("issuer", pa.string()),
        pa.field("jurisdiction", pa.string()),
        pa.field("doc_number", pa.string()),
        pa.field("publish_date", pa.date32()),
        pa.field("attachment_title", pa.string()),
        pa.field("n_pages", pa.int32(), False),
        pa.field("n_tasks", pa.int32(), False),
        pa.field("text", pa.large_string(), False),
        pa.field("warnings", pa.list_(pa.string())),
        pa.field("schema_version", pa.string(), False),
        pa.field("pipeline_version", pa.string(), False),
        pa.field("rules_fingerprint", pa.string()),  # null in rows written before 1.1
        pa.field("page_methods", pa.list_(pa.string())),  # per page: text, table, ocr (1.2)
        pa.field("ocr_confidence", pa.float64()),  # mean over OCR pages; null: no OCR (1.2)
    ]
)

TASKS = pa.schema(
    [
        *_task_key,
        pa.field("seq", pa.int32(), False),
        pa.field("number", pa.string()),
        pa.field("section", pa.string()),
        pa.field("title", pa.string(), False),
        pa.field("text", pa.string(), False),
        pa.field("page_start", pa.int32(), False),
        pa.field("page_end", pa.int32(), False),
        *_span,
    ]
)

TASK_AGENCIES = pa.schema(
    [
        *_task_key,
        pa.field("role", pa.string(), False),
        pa.field("role_label", pa.string()),
        pa.field("position", pa.int32(), False),
        pa.field("mention", pa.string(), False),
        pa.field("shared_prefix", pa.string()),  # 区 of 统计局 in "区发改委、统计局" (1.3)
        pa.field("shared_suffix", pa.string()),  # 部门 of 民政 in "民政、国土部门" (1.4)
        pa.field("agency", pa.string()),
        pa.field("agency_id", pa.string()),
        pa.field("collective", pa.bool_(), False),
        pa.field("known", pa.bool_(), False),
        pa.field("page", pa.int32(), False),
        *_span,
    ]
)

AGENCIES = pa.schema(
    [
        pa.field("agency_id", pa.string(), False),
        pa.field("name", pa.string(), False),
        pa.field("jurisdiction", pa.string()),
        pa.field("level", pa.string()),
        pa.field("kind", pa.string(), False),
        pa.field("aliases", pa.list_(pa.string())),
        pa.field("known", pa.bool_(), False),
        pa.field("doc_ids", pa.list_(pa.string()), False),  # documents naming the body
    ]
)

TARGETS = pa.schema(
    [
        *_task_key,
        pa.field("kind", pa.string(), False),
        pa.field("value_min", pa.float64()),
        pa.field("value_max", pa.float64()),
        pa.field("comparator", pa.string(), False),
        pa.field("unit", pa.string(), False),
        pa.field("object", pa.string()),
        pa.field("period", pa.string()),
        pa.field("raw", pa.string(), False),
        pa.field("value_min_base", pa.float64()),
        pa.field("value_max_base", pa.float64()),
        pa.field("unit_base", pa.string()),
        pa.field("page", pa.int32(), False),
        *_span,
    ]
)

DEADLINES = pa.schema(
    [
        *_task_key,
        pa.field("raw", pa.string(), False),
        pa.field("due_date", pa.date32()),
        pa.field("kind", pa.string(), False),
        pa.field("page", pa.int32(), False),
        *_span,
    ]
)

LEADERS = pa.schema(
    [
        *_task_key,
        pa.field("role_label", pa.string()),
        pa.field("name", pa.string(), False),
        pa.field("page", pa.int32(), False),
        *_span,
    ]
)

REJECTED = pa.schema(
    [
        *_task_key,
        pa.field("raw", pa.string(), False),
        pa.field("reason", pa.string(), False),
        *_span,
    ]
)

ERRORS = pa.schema(
    [
        pa.field("source_path", pa.string(), False),
        pa.field("sha256", pa.string()),
        pa.field("stage", pa.string(), False),
        pa.field("error", pa.string(), False),
        pa.field("message", pa.string(), False),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "tasks": TASKS,
    "task_agencies": TASK_AGENCIES,
    "agencies": AGENCIES,
    "targets": TARGETS,
    "deadlines": DEADLINES,
    "leaders": LEADERS,
    "rejected_numbers": REJECTED,
    "errors": ERRORS,
}
