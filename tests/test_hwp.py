"""HWP 5.0: the corpus files against python-hwpx as an oracle, parity with HWPX, and
hostile files made by rewriting the streams of a real one."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import olefile
import pandas as pd
import pytest

from pipeline.errors import DocumentError
from pipeline.extract import bytes_to_document, read_document
from pipeline.extract.rows import document_to_rows
from tests.compound_file import compound_file
from tests.hwp_factory import PLACEHOLDER, distribution_copy, hwp_streams
from tests.test_hwpx import oracle_grids

HWP_FILES = [
    "hwp-hwpx-pdf/table-complex.hwp",
    "hwp-hwpx-pdf/2010-01-06.hwp",
    "hwp-hwpx-pdf/통합재정통계(2010.11월).hwp",
    "hwp-hwpx-pdf/통합재정통계(2011.10월).hwp",
    "hwp-hwpx-pdf/2022년 국립국어원 업무계획.hwp",
    "hwp-hwpx-pdf/2024년 1분기 해외직접투자 보도자료 ff.hwp",
    "hwp-hwpx-pdf/(250813) (보도자료) 2025년 7월중 가계대출 동향.hwp",
    "negative/000000000000168034.hwp",
    "negative/010000000000033804.hwp",
    "negative/010000000000076799.hwp",
]


def grids(document) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        {(c.row, c.col): (c.row_span, c.col_span, " ".join(c.text.split())) for c in t.cells}
        for t in document.tables
        if t.parent is None
    ]


@pytest.mark.parametrize("relative", HWP_FILES)
def test_cells_match_python_hwpx(corpus, relative):
    document = read_document(corpus / relative)
    assert document.format == "hwp"
    ours = grids(document)
    assert len(ours) > 0
    assert ours == oracle_grids(corpus / relative)


def test_table_counts(corpus):
    counts = {
        name: len(read_document(corpus / name).tables)
        for name in (
            "hwp-hwpx-pdf/2022년 국립국어원 업무계획.hwp",
            "negative/000000000000168034.hwp",
        )
    }
    assert counts == {
        "hwp-hwpx-pdf/2022년 국립국어원 업무계획.hwp": 55,
        "negative/000000000000168034.hwp": 19,
    }


@pytest.mark.parametrize(
    "stem",
    ["2024년 1분기 해외직접투자 보도자료 ff", "(250813) (보도자료) 2025년 7월중 가계대출 동향"],
)
def test_hwp_and_hwpx_give_the_same_cells(corpus, stem):
    base = corpus / "hwp-hwpx-pdf"
    from_hwp = read_document(base / f"{stem}.hwp")
    from_hwpx = read_document(base / f"{stem}.hwpx")
    assert grids(from_hwp) == grids(from_hwpx)
    assert [p.text for p in from_hwp.paragraphs] == [p.text for p in from_hwpx.paragraphs]


def test_masking_triangles_are_not_negative_numbers(corpus):
    rows = document_to_rows(read_document(corpus / "negative" / "010000000000076799.hwp"))
    masked = [c["text"] for c in rows["cells"] if "△△" in (c["text"] or "")]
    assert masked  # the name masked as △△▲▲ is there, as text
    assert rows["summary_cells"] == [] and rows["breakdown_raw"] == []


def rewritten(corpus: Path, tmp_path: Path, stream: str, change) -> bytes:  # type: ignore[no-untyped-def]
    """table-complex.hwp with one stream rewritten in place (same length)."""
    copy = tmp_path / "copy.hwp"
    shutil.copyfile(corpus / "hwp-hwpx-pdf" / "table-complex.hwp", copy)
    with olefile.OleFileIO(str(copy), write_mode=True) as ole:
        data = ole.openstream(stream).read()
        ole.write_stream(stream, change(data))
    return copy.read_bytes()


def with_flags(flags: int):  # type: ignore[no-untyped-def]
    def change(header: bytes) -> bytes:
        return header[:36] + struct.pack("<I", flags) + header[40:]

    return change


@pytest.mark.parametrize(
    ("stream", "change", "reason"),
    [
        ("FileHeader", with_flags(0x1 | 0x2), "encrypted-hwp"),
        ("FileHeader", lambda h: b"HWP Document Fil3" + h[17:], "not-hwp"),
        ("BodyText/Section0", lambda d: bytes(len(d)), "broken-hwp"),
        (
            "BodyText/Section0",
            lambda d: d[: len(d) // 2] + bytes(len(d) - len(d) // 2),
            "broken-hwp",
        ),
    ],
)
def test_hostile_hwp_gets_a_reason(corpus, tmp_path, stream, change, reason):
    data = rewritten(corpus, tmp_path, stream, change)
    with pytest.raises(DocumentError) as error:
        bytes_to_document(data, "x.hwp")
    assert error.value.reason == reason


def test_an_hwp_cut_in_half_is_refused(corpus):
    data = (corpus / "hwp-hwpx-pdf" / "table-complex.hwp").read_bytes()
    with pytest.raises(DocumentError) as error:
        bytes_to_document(data[: len(data) // 2], "x.hwp")
    assert error.value.reason in {"broken-hwp", "truncated-hwp"}


def test_deflate_data_cut_short_is_truncated_not_partial():
    import zlib

    from pipeline.extract.readers.hwp.records import inflate

    packer = zlib.compressobj(wbits=-15)
    data = packer.compress("예산 ".encode("utf-16-le") * 5000) + packer.flush()
    assert inflate(data, "s") == "예산 ".encode("utf-16-le") * 5000
    with pytest.raises(DocumentError) as error:
        inflate(data[: len(data) // 2], "BodyText/Section0")
    assert error.value.reason == "truncated-hwp"


def test_text_beyond_the_bmp_is_one_character():
    from pipeline.extract.readers.hwp.records import para_text

    assert para_text("가\U000f0852나".encode("utf-16-le")) == "가\U000f0852나"
    assert para_text(struct.pack("<3H", 0x41, 10, 0x42)) == "A\nB"
    extended = struct.pack("<8H", 11, 0x6274, 0x6C20, 0, 0, 0, 0, 11)  # a table anchor
    assert para_text(struct.pack("<H", 0x41) + extended + struct.pack("<H", 0x42)) == "AB"


def test_msvc_rand_known_answers():
    from pipeline.extract.readers.hwp.distribution import _msvc_rand

    sequence = _msvc_rand(1)
    assert [next(sequence) for _ in range(5)] == [41, 18467, 6334, 26500, 19169]


@pytest.mark.parametrize("name", ["table-complex.hwp", "2022년 국립국어원 업무계획.hwp"])
def test_distribution_document_gives_the_real_cells(corpus, name):
    original = (corpus / "hwp-hwpx-pdf" / name).read_bytes()
    locked = bytes_to_document(distribution_copy(original), name)
    assert grids(locked) == oracle_grids(corpus / "hwp-hwpx-pdf" / name)
    assert [p.text for p in locked.paragraphs] == [
        p.text for p in bytes_to_document(original, name).paragraphs
    ]
    assert not any(PLACEHOLDER in p.text for p in locked.paragraphs)


def test_distribution_document_gives_the_same_budget_rows(corpus, tmp_path):
    original = corpus / "hwp-hwpx-pdf" / "table-complex.hwp"
    locked = tmp_path / "table-complex-배포용.hwp"
    locked.write_bytes(distribution_copy(original.read_bytes()))

    def budget_rows(path: Path) -> list[tuple]:
        rows = document_to_rows(read_document(path))["summary_cells"]
        return [tuple(v for k, v in row.items() if k != "document_id") for row in rows]

    assert len(budget_rows(locked)) == 164
    assert budget_rows(locked) == budget_rows(original)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda view: view[:-5], "truncated-hwp"),
        (lambda view: view[:4] + bytes(256) + view[260:], "broken-hwp"),
        (lambda view: struct.pack("<I", 0x10 | 256 << 20) + view[4:], "broken-hwp"),
    ],
)
def test_broken_distribution_documents_get_a_reason(corpus, change, reason):
    locked = distribution_copy((corpus / "hwp-hwpx-pdf" / "table-complex.hwp").read_bytes())
    streams = hwp_streams(locked)
    streams["ViewText/Section0"] = change(streams["ViewText/Section0"])
    with pytest.raises(DocumentError) as error:
        bytes_to_document(compound_file(streams), "x.hwp")
    assert error.value.reason == reason


def test_compound_file_writer_round_trips_large_streams(corpus):
    original = (corpus / "hwp-hwpx-pdf" / "2022년 국립국어원 업무계획.hwp").read_bytes()
    streams = hwp_streams(original)
    assert max(len(v) for v in streams.values()) > 4096
    assert hwp_streams(compound_file(streams)) == streams


def test_a_batch_of_locked_hwp_files(corpus, tmp_path):
    """배포용 loads; a password-protected HWP and an HWP 3.x file get one error line each."""
    from tests.conftest import make_project, run_cli

    original = (corpus / "hwp-hwpx-pdf" / "table-complex.hwp").read_bytes()
    streams = hwp_streams(original)
    streams["FileHeader"] = with_flags(0x1 | 0x2)(streams["FileHeader"])
    project = make_project(
        tmp_path,
        {
            "locked.hwp": distribution_copy(original),
            "password.hwp": compound_file(streams),
            "old.hwp": b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(200),
        },
    )
    result = run_cli(project, "extract")
    assert result.exit_code == 3, result.output
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error:"))
    raw = project / "raw"
    assert errors == [
        f"error: {raw / 'old.hwp'}: old-hwp: an HWP 3.x file (V3.00): yesan reads HWP 5.0 "
        "and HWPX; save it as HWPX in 한글 or convert it with LibreOffice",
        f"error: {raw / 'password.hwp'}: encrypted-hwp: the document is password-protected",
    ]
    staged = pd.read_parquet(project / "staged" / "extract" / "summary_cells.parquet")
    assert len(staged) == 164


def test_thousands_of_won_and_equals_in_prose_are_not_budget_rows(corpus):
    rows = document_to_rows(read_document(corpus / "negative" / "010000000000033804.hwp"))
    prose = [c["text"] for c in rows["cells"] if "천원" in (c["text"] or "")]
    assert prose and any("=" in (c["text"] or "") for c in rows["cells"])
    assert rows["summary_cells"] == [] and rows["breakdown_raw"] == []
