"""A file's identity: its sha256 and the document id made from it.

Kept apart from ``ingest`` so that planning a batch (which hashes every input) does not
import the PDF parsers. ``checked_sha256`` reads only regular files, never more than the size
limit: a FIFO, a socket or a link to ``/dev/zero`` cannot hang the run that plans the batch.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError

BLOCK = 1 << 20
DEFAULT_MAX_SIZE = 20 << 20  # bytes per input (--max-size): a 10 MB text peaks at ~470 MB RSS


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def checked_sha256(path: Path, max_size: int | None = DEFAULT_MAX_SIZE) -> str:
    """sha256 of a regular file of at most ``max_size`` bytes (None: no limit).

    Opened without blocking (a FIFO opens at once) and checked on the open descriptor, so a
    file swapped after a check cannot slip through. Raises ``PipelineError``
    (``not_regular_file``, ``too_large``) or ``OSError``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PipelineError(ErrorCode.NOT_REGULAR_FILE, f"not a regular file ({_kind(info)})")
        if max_size is not None and info.st_size > max_size:
            raise PipelineError(ErrorCode.TOO_LARGE, too_large_message(info.st_size, max_size))
        digest, read = hashlib.sha256(), 0
        for block in iter(lambda: fh.read(BLOCK), b""):
            read += len(block)
            if max_size is not None and read > max_size:  # grew while read
                raise PipelineError(ErrorCode.TOO_LARGE, too_large_message(read, max_size))
            digest.update(block)
    return digest.hexdigest()


def too_large_message(size: int, max_size: int) -> str:
    return f"{_mb(size)} is over the limit of {_mb(max_size)} (--max-size)"


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB"


def _kind(info: os.stat_result) -> str:
    mode = info.st_mode
    kinds = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder")]
    return next((name for test, name in kinds if test(mode)), "not a file")


def doc_id_for(sha256: str) -> str:
    return sha256[:16]
