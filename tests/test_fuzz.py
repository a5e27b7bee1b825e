"""Issue 7 §4: property tests over normalize → segment → extract, and a byte-flip fuzz of the
corpus PDFs. Nothing raises; every span lies inside the text and points at its value."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import process_path
from pipeline.records import PipelineError
from pipeline.stages.resolve import resolve
from tests.conftest import CORPUS
from tests.helpers import extracted

NOTICES = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
PDFS = sorted(CORPUS.rglob("*.pdf"))
ALPHABET = "1234567890一二三四五六七八九十、．.（）()：:，,。；|│\n 牵头单位责任参加配合按职责分工负责市区省科技厅局委办各有关部门名个%万亿元左右不少于以上年月底前"


def check_spans(ext) -> None:
    text = ext.segmentation.document.text
    for task in ext.segmentation.tasks:
        assert 0 <= task.start <= task.end <= len(text)
        assert task.start <= task.title_start <= task.title_end <= task.end
        for field in task.fields:
            assert 0 <= field.start <= field.end <= len(text)
            # a table cell spanning rows is printed once, in a row before this one
            assert task.start <= field.start or field.label is not None
    for m in ext.agencies:
        assert text[m.char_start : m.char_end] == m.mention
    for t in ext.targets:
        assert text[t.char_start : t.char_end] == t.raw
    for d in ext.deadlines:
        assert text[d.char_start : d.char_end] == d.raw
    for p in ext.leaders:
        assert text[p.char_start : p.char_end] == p.name
    for r in ext.rejected:
        assert text[r.char_start : r.char_end] == r.raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=120), min_size=1, max_size=3))
def test_arbitrary_unicode_never_raises(pages):
    ext = extracted(pages)
    check_spans(ext)
    resolve(ext)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_notice_like_noise_never_raises(text):
    ext = extracted(text)
    check_spans(ext)
    resolve(ext)


@st.composite
def edited_notice(draw):
    """A real notice with random cuts, duplications and insertions."""
    text = draw(st.sampled_from(NOTICES))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "dup", "insert"]))
        size = draw(st.integers(1, 80))
        if op == "cut":
            text = text[:at] + text[at + size :]
        elif op == "dup":
            text = text[:at] + text[at : at + size] + text[at:]
        else:
            text = text[:at] + draw(st.text(alphabet=ALPHABET, max_size=size)) + text[at:]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_notice())
@example(  # a stacked header whose task column name lost a character (点工作): no task column
    "序号\n项目\n点工作\n牵头领导\n牵头单位\n主要参与单位\n1\n厚植创新发展源动力\n建设科创走廊核心区。\n"
    "梅建胜\n顾国煜\n区科技局\n区发改局、未来科技城\n2\n加快构建技术创新中心体系。\n顾国煜\n区科技局\n各平台\n"
)
# an edit once found: an item of its number alone ("1。"), its body empty
@example("(二)部门职责\n1。\n(二)部门职责\n1.民政部门职责。负责医疗救助的组织实施。\n2.卫生部门职责。负责监督检查。\n")
def test_randomly_edited_real_notices_never_raise(text):
    ext = extracted(text)
    check_spans(ext)
    resolve(ext)


def mutants(data: bytes, n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            kind = rng.random()
            at = rng.randrange(len(buf))
            if kind < 0.6:
                buf[at] = rng.randrange(256)
            elif kind < 0.8:
                del buf[at : at + rng.randint(1, 200)]
            else:
                buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
        out.append(bytes(buf))
    return out


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_byte_flipped_pdfs_fail_cleanly_or_succeed(pdf: Path, tmp_path):
    n = 200 // len(PDFS) + 1  # a few hundred mutants in all; scripts/fuzz_pdfs.py runs more
    for i, data in enumerate(mutants(pdf.read_bytes(), n, seed=zlib.crc32(pdf.name.encode()))):
        path = tmp_path / f"m{i}.pdf"
        path.write_bytes(data)
        try:  # without OCR: a mutant whose text layer broke would be read by OCR, seconds a page
            result = process_path(path, ocr="never")
        except PipelineError as exc:
            assert exc.code != "internal", exc.message
            continue
        text = result.document.text
        for m in result.mentions:
            assert text[m.mention.char_start : m.mention.char_end] == m.mention.mention


@pytest.mark.parametrize("path", sorted((Path(__file__).parent / "data" / "fuzz").glob("*.pdf")),
                         ids=lambda p: p.stem)
def test_mutants_that_once_crashed_ingest(path: Path):
    """Found by scripts/fuzz_pdfs.py: pdfplumber's close() built a malformed page."""
    try:
        process_path(path, ocr="never")
    except PipelineError as exc:
        assert exc.code != "internal"
