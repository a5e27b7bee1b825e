"""A file's identity: its sha256 and the document id made from it.

Kept apart from ``ingest`` so that planning a batch (which hashes every input) does not
import the PDF parsers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def doc_id_for(sha256: str) -> str:
    return sha256[:16]
