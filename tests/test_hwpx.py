"""HWPX: the corpus packages against python-hwpx as an oracle, and hostile packages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import DocumentError
from pipeline.extract import bytes_to_document, read_document
from pipeline.extract.rows import document_to_rows

HWPX_FILES = [
    "hwp-hwpx-pdf/2024년 1분기 해외직접투자 보도자료 ff.hwpx",
    "hwp-hwpx-pdf/(250813) (보도자료) 2025년 7월중 가계대출 동향.hwpx",
    "negative/test.hwpx",
    "negative/야생동물 종합관리 시스템 고도화(2023년)_제안요청서.hwp",  # HWPX under a .hwp name
]


def oracle_grids(path: Path) -> list[dict[tuple[int, int], tuple[int, int, str]]]:
    """python-hwpx's view: per top-level table, anchor → (row span, col span, text)."""
    import warnings

    import hwpx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = hwpx.HwpxDocument.open(str(path))
        tables = [t for p in document.paragraphs for t in getattr(p, "tables", [])]
        return [
            {
                (g.row, g.column): (g.row_span, g.col_span, " ".join(g.cell.text.split()))
                for g in table.iter_grid()
                if g.is_anchor
            }
            for table in tables
        ]


@pytest.mark.parametrize("relative", HWPX_FILES)
def test_cells_match_python_hwpx(corpus, relative):
    document = read_document(corpus / relative)
    assert document.format == "hwpx"
    ours = [
        {(c.row, c.col): (c.row_span, c.col_span, " ".join(c.text.split())) for c in t.cells}
        for t in document.tables
        if t.parent is None
    ]
    expected = oracle_grids(corpus / relative)
    assert len(ours) == len(expected) > 0
    assert ours == expected


def test_report_table_values(corpus):
    document = read_document(corpus / HWPX_FILES[0])
    grid = document.tables[3].grid()
    assert grid[0][:2] == ["구분", "2022년"]
    assert grid[2] == [
        "총투자",
        "282.3",
        "198.5",
        "184.8",
        "150.9",
        "176.8",
        "159.8",
        "150.5",
        "157.7",
        "150.9",
    ]


def test_an_empty_form_yields_no_amounts_and_no_error(corpus):
    rows = document_to_rows(read_document(corpus / "negative" / "test.hwpx"))
    assert rows["cells"]
    assert rows["summary_cells"] == [] and rows["breakdown_raw"] == []


def package(sections: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/hwp+zip")
        for name, data in {**sections, **(extra or {})}.items():
            archive.writestr(name, data)
    return buffer.getvalue()


SECTION = (
    b'<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    b'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"><hp:p><hp:run><hp:t>'
    b"\xec\x98\x88\xec\x82\xb0</hp:t></hp:run></hp:p></hs:sec>"
)


def test_a_minimal_package_reads():
    document = bytes_to_document(package({"Contents/section0.xml": SECTION}), "x.hwpx")
    assert [b.text for b in document.paragraphs] == ["예산"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            package({"Contents/section0.xml": b"<!DOCTYPE x [<!ENTITY a 'b'>]>" + SECTION}),
            "unsafe-xml",
        ),
        (
            package({"Contents/section0.xml": SECTION}, {"BinData/zeros.bin": bytes(24 * 2**20)}),
            "zip-bomb",
        ),
        (package({"Contents/section0.xml": SECTION[:-20]}), "broken-xml"),
        (package({"Contents/other.xml": SECTION}), "broken-hwpx"),
        (package({"Contents/section0.xml": SECTION})[:-30], "broken-zip"),
    ],
)
def test_hostile_packages_get_a_reason(data, reason):
    with pytest.raises(DocumentError) as error:
        bytes_to_document(data, "x.hwpx")
    assert error.value.reason == reason
