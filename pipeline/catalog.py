"""Named catalogs: the roles a unit can have, the kinds of a task's fields, and the error codes
of the ``errors`` table (like spaCy's ``Errors``: one place that names them all).

The members are ``str`` subclasses, so ``Role.LEAD == "lead"`` and they are written to
Parquet as plain strings; docs/SCHEMA.md lists the same values (a test holds them equal).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The role of a unit named by a task (``task_agencies.role``)."""

    LEAD = "lead"  # 牵头单位, "X牵头", the first-listed unit where the notice says so
    RESPONSIBLE = "responsible"  # 责任单位 with no lead marked: either role is right
    PARTICIPANT = "participant"  # 参加/配合/协办 units, "X负责", "按职责分工负责"


class FieldKind(StrEnum):
    """What a labelled part of a task holds (a table column, a role label, the body)."""

    BODY = "body"
    LEAD = "lead"
    RESPONSIBLE = "responsible"
    PARTICIPANT = "participant"
    EITHER = "either"  # a unit list whose role the notice leaves open
    LEADER = "leader"  # people (责任领导): never agencies
    DEADLINE = "deadline"
    # table columns that are not task fields
    NUMBER = "number"
    TASK = "task"
    NOTE = "note"
    NAME = "name"  # a row's name (指标名称, 项目): a note beside a task column, else the task
    GRADER = "grader"  # who scores the row (评分部门): a note beside a unit column, else its units


# Field kinds that name agencies.
AGENCY_FIELDS = frozenset(
    {FieldKind.LEAD, FieldKind.RESPONSIBLE, FieldKind.PARTICIPANT, FieldKind.EITHER}
)


class ErrorCode(StrEnum):
    """Why a file failed (``errors.error``)."""

    NOT_FOUND = "not_found"  # no such file, or a broken link
    NOT_REGULAR_FILE = "not_regular_file"  # a FIFO, socket or device: never read
    TOO_LARGE = "too_large"  # over --max-size
    UNREADABLE = "unreadable"  # permissions, I/O error
    EMPTY = "empty"  # no bytes, no pages, or no text at all
    NOT_PDF = "not_pdf"  # named .pdf, content of another kind
    CORRUPT_PDF = "corrupt_pdf"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no_text_layer"  # a scan, and OCR not available or turned off
    UNREADABLE_TEXT = "unreadable_text"  # a text layer of (cid:N) glyphs or mojibake
    ENCODING = "encoding"  # a text file in no encoding we can decode
    UNSUPPORTED_FORMAT = "unsupported_format"
    CONVERTER_MISSING = "converter_missing"  # .doc/.wps/.xls without LibreOffice, OCR extra
    CORRUPT_FILE = "corrupt_file"  # a damaged .docx, .xlsx or web page
    TIMEOUT = "timeout"
    INTERNAL = "internal"  # a bug: please report it with the file
