"""Hostile and broken documents through the real CLI: each ends in its quarantine reason
within the limits, the rest of the batch loads, and nothing half-done reaches the marts."""

from __future__ import annotations

import pytest

from pipeline.errors import DocumentError
from pipeline.extract.readers.pdf.reader import read_pdf_range
from tests.conftest import SAMPLE, SAMPLE_ID, make_project, run_and_open, run_cli
from tests.hostile import (
    corrupt_stream_pdf,
    hostile_corpus,
    line_grid_pdf,
    many_pages_pdf,
    xref_loop_pdf,
)

HOUSEHOLD_LOANS = "(250813) (보도자료) 2025년 7월중 가계대출 동향-hwp-2022.pdf"


@pytest.fixture(scope="module")
def hostile(corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    cases = hostile_corpus(corpus)
    documents = {name: data for name, (data, _) in cases.items()}
    documents |= {
        SAMPLE.name: SAMPLE.read_bytes(),
        "line-grid.pdf": line_grid_pdf(),
        "corrupt-stream.pdf": corrupt_stream_pdf(),
        "xref-loop.pdf": xref_loop_pdf(),
        "household-loans.pdf": (corpus / "hwp-hwpx-pdf" / HOUSEHOLD_LOANS).read_bytes(),
    }
    project = make_project(tmp_path_factory.mktemp("hostile"), documents)
    limits = ("--memory-limit-mib", "512", "--time-limit-s", "30")
    with run_and_open(project, *limits, exit_code=3) as (result, mart):
        yield cases, project, result, mart


def test_each_hostile_file_ends_in_its_reason(hostile):
    cases, project, result, mart = hostile
    assert result.exit_code == 3, result.output
    quarantined = dict(mart.execute("SELECT path, reason FROM quarantine").fetchall())
    assert {path.rsplit("/", 1)[-1]: reason for path, reason in quarantined.items()} == {
        name: reason for name, (_, reason) in cases.items()
    }
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(cases)
    for name, (_, reason) in cases.items():  # one line naming the file and the reason
        assert sum(f"{project / 'raw' / name}: {reason}: " in line for line in errors) == 1
    runs = mart.execute("SELECT DISTINCT run_id FROM quarantine").fetchall()
    assert len(runs) == 1 and runs[0][0]


def test_the_rest_of_the_batch_loads(hostile):
    _, _, _, mart = hostile
    loaded = {
        p.rsplit("/", 1)[-1] for (p,) in mart.execute("SELECT path FROM documents").fetchall()
    }
    assert loaded == {
        SAMPLE.name,
        "line-grid.pdf",
        "corrupt-stream.pdf",
        "household-loans.pdf",
        "xref-loop.pdf",
    }
    lines = mart.execute(
        "SELECT count(*) FROM breakdown_lines WHERE document_id = ?", [SAMPLE_ID]
    ).fetchone()
    assert lines == (42,)
    quarantined_rows = mart.execute(
        "SELECT count(*) FROM cells WHERE document_id NOT IN (SELECT document_id FROM documents)"
    ).fetchone()
    assert quarantined_rows == (0,)


def test_a_self_referencing_xref_is_followed_once(hostile):
    """PDFium follows ``/Prev`` once and reads the sound page behind it; pdfminer (the
    reader of pages PDFium cannot vouch for) recurses and names the file broken."""
    _, _, _, mart = hostile
    text = mart.execute(
        "SELECT page, text FROM paragraphs JOIN documents USING (document_id) "
        "WHERE path LIKE '%xref-loop.pdf'"
    ).fetchall()
    assert text == [(1, "budget 1,000")]
    with pytest.raises(DocumentError) as error:
        read_pdf_range(xref_loop_pdf(), pdfium=False)
    assert error.value.reason == "broken-pdf"


def test_page_level_problems_are_recorded_per_page(hostile):
    _, _, result, mart = hostile
    statuses = mart.execute(
        "SELECT regexp_extract(path, '[^/]*$'), page, status FROM pages JOIN documents "
        "USING (document_id) WHERE status <> 'ok' ORDER BY ALL"
    ).fetchall()
    by_file: dict[str, set[str]] = {}
    for name, _, status in statuses:
        by_file.setdefault(name, set()).add(status)
    assert by_file == {
        "corrupt-stream.pdf": {"empty"},  # page 1's stream is not deflate data; page 2 loads
        "household-loans.pdf": {"broken-text-layer"},
        "line-grid.pdf": {"too-many-lines"},
    }
    grid_text = mart.execute(
        "SELECT text FROM paragraphs JOIN documents USING (document_id) "
        "WHERE path LIKE '%line-grid.pdf'"
    ).fetchall()
    assert ("budget 1,000",) in grid_text  # the text is kept, the tables are not searched
    assert any("too-many-lines" in line for line in result.stderr.splitlines())


def test_a_reader_past_its_time_limit_is_stopped(tmp_path):
    project = make_project(
        tmp_path, {"book.pdf": many_pages_pdf(40, rows=200), SAMPLE.name: SAMPLE.read_bytes()}
    )
    # a 32-page range of 200 lines a page takes about 1.5 s to read here: 3x the limit
    result = run_cli(project, "extract", "--time-limit-s", "0.5")
    assert result.exit_code == 3
    assert f"{project / 'raw' / 'book.pdf'}: time-limit: reading took longer than 0.5 s" in (
        result.stderr
    )
