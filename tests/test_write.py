"""The Parquet writer: parts, commit marker, row removal, recovery after a kill, the lock."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import CORPUS

from pipeline import process_path
from pipeline.batch.layout import PART_FOLDERS, part_folder
from pipeline.batch.write import (
    JOURNAL,
    OutputLockedError,
    PartWriter,
    document_tables,
    ensure_tables,
    output_lock,
    read_index,
    recover,
    remove_rows,
)
from pipeline.records import ErrorRecord
from pipeline.schema import TABLES

NOTICES = [
    CORPUS / "dev" / "02_lishan_2023_zdgz.txt",
    CORPUS / "dev" / "11_central_12rencai_gongcheng.txt",
    CORPUS / "dev" / "16_guowuyuan_2016_zfgzbg_bmfg_kejibu.txt",
]
BROKEN = ErrorRecord("in/broken.pdf", None, "ingest", "corrupt_pdf", "damaged or truncated PDF")


@pytest.fixture(scope="module")
def results() -> list[tuple[str, dict]]:
    done = [process_path(p) for p in NOTICES]
    return [(r.document.source.doc_id, document_tables(r)) for r in done]


def rows(out: Path, table: str) -> list[dict]:
    """The rows of a table's parts (agencies: the per-document rows in its hidden folder)."""
    files = sorted(part_folder(out, table).glob("*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def write_all(out: Path, results: list[tuple[str, dict]], part_docs: int) -> PartWriter:
    ensure_tables(out)
    writer = PartWriter(out, part_docs=part_docs)
    for _, tables in results:
        writer.add_document(tables)
    writer.add_error(BROKEN)
    writer.flush()
    return writer


def test_parts_hold_several_documents_and_every_table(tmp_path: Path, results: list) -> None:
    writer = write_all(tmp_path, results, part_docs=2)
    assert len(writer.parts) == 2  # two documents, then one document and the error
    for table in TABLES:
        files = sorted(p.stem for p in part_folder(tmp_path, table).glob("*.parquet"))
        assert files == sorted([*writer.parts, *([] if table in PART_FOLDERS else ["empty"])])
    documents = rows(tmp_path, "documents")
    assert [d["doc_id"] for d in documents] == [doc_id for doc_id, _ in results]
    assert [e["error"] for e in rows(tmp_path, "errors")] == ["corrupt_pdf"]
    index = read_index(tmp_path)
    assert set(index.documents) == {doc_id for doc_id, _ in results}
    assert index.errors == {"in/broken.pdf": (writer.parts[1],)}


def test_removing_a_document_takes_all_its_rows_agencies_included(
    tmp_path: Path, results: list
) -> None:
    write_all(tmp_path, results, part_docs=10)
    gone, gone_tables = results[0]
    assert gone_tables["agencies"].num_rows > 0
    before = {t: len(rows(tmp_path, t)) for t in TABLES}
    changed = remove_rows(tmp_path, read_index(tmp_path), [gone], ["in/broken.pdf"])
    assert changed == 1
    for table in TABLES:
        lost = 1 if table == "errors" else gone_tables[table].num_rows
        assert len(rows(tmp_path, table)) == before[table] - lost, table
    kept = [r for _, t in results[1:] for r in t["agencies"].to_pylist()]
    assert sorted(map(repr, rows(tmp_path, "agencies"))) == sorted(map(repr, kept))
    assert not any((tmp_path / JOURNAL).iterdir())


def test_a_part_left_empty_is_deleted(tmp_path: Path, results: list) -> None:
    writer = write_all(tmp_path, results[:1], part_docs=10)
    remove_rows(tmp_path, read_index(tmp_path), [results[0][0]], ["in/broken.pdf"])
    part = writer.parts[0]
    assert not any((part_folder(tmp_path, t) / f"{part}.parquet").exists() for t in TABLES)
    assert all(len(rows(tmp_path, t)) == 0 for t in TABLES)  # still readable: empty parts


def test_recover_finishes_what_a_kill_interrupted(tmp_path: Path, results: list) -> None:
    writer = write_all(tmp_path, results, part_docs=10)
    reference = tmp_path.parent / f"{tmp_path.name}-ref"
    shutil.copytree(tmp_path, reference)
    remove_rows(reference, read_index(reference), [results[1][0]], [])
    part = writer.parts[0]
    # a flush killed before its commit marker: parts of a new part without documents/
    for table in ("tasks", "agencies"):
        folder = part_folder(tmp_path, table)
        shutil.copy(folder / f"{part}.parquet", folder / "p-killed.parquet")
    (tmp_path / "tasks" / f".{part}.123.tmp").write_bytes(b"half a file")
    # a removal killed after the journal entry and the documents file were written
    (tmp_path / JOURNAL).mkdir()
    entry = {"doc_ids": [results[1][0]], "source_paths": []}
    (tmp_path / JOURNAL / f"{part}.json").write_text(json.dumps(entry))
    report = recover(tmp_path)
    assert (report.temporary_files, report.journal_entries, report.orphan_files) == (1, 1, 2)
    for table in TABLES:
        assert sorted(map(repr, rows(tmp_path, table))) == sorted(map(repr, rows(reference, table)))
    assert not recover(tmp_path)  # nothing left to repair


def test_lock_refuses_a_second_holder_and_names_the_first(tmp_path: Path) -> None:
    with output_lock(tmp_path) as stale:
        assert stale is None
        with pytest.raises(OutputLockedError, match=f"pid {os.getpid()}"), output_lock(tmp_path):
            pass
    with output_lock(tmp_path):  # released: free again
        pass
