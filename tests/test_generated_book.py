"""A generated budget book (tools/budget_book.py) read from text, PDF and HWPX: every
산출내역 amount, level and parent as the answer file says, and exactly the findings it
lists, nothing more and nothing less."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest

from pipeline.extract import bytes_to_document, parallel
from pipeline.extract.layout import ranges_to_blocks, ranges_to_document
from pipeline.extract.readers.pdf.reader import pdf_page_count, read_pdf_range
from pipeline.extract.recognise.sections import project_sections
from pipeline.extract.stage import PARTITIONED
from pipeline.model import Document
from pipeline.staging import combine_partitions
from tests.conftest import make_project, run_and_open
from tools.budget_book import write_book

PROJECTS, SEED = 10, 20261125


@pytest.fixture(scope="module")
def book(tmp_path_factory):  # type: ignore[no-untyped-def]
    return write_book(PROJECTS, SEED, tmp_path_factory.mktemp("book"))


def test_the_same_seed_gives_the_same_book(book, tmp_path):
    again = write_book(PROJECTS, SEED, tmp_path, ("txt",))
    assert again["txt"].read_bytes() == book["txt"].read_bytes()
    assert again["answers"].read_bytes() == book["answers"].read_bytes()
    answers = json.loads(book["answers"].read_text(encoding="utf-8"))
    rules = Counter(f["rule"] for p in answers["projects"] for f in p["findings"])
    assert set(rules) == {"formula-matches-amount", "parent-equals-children", "total-equals-rows"}
    statuses = Counter(line["formula_status"] for p in answers["projects"] for line in p["lines"])
    assert statuses["rounded"] > 10 and statuses["exact"] > 10


def extracted_lines(connection, project: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    rows = connection.execute(
        "SELECT line_id, parent_line_id, level, amount_won, formula_status FROM breakdown_lines "
        "WHERE project = ? ORDER BY line_id",
        [project],
    ).fetchall()
    first = rows[0][0] if rows else 0
    return [
        (level, amount, None if parent is None else parent - first, status)
        for _, parent, level, amount, status in rows
    ]


def failing_findings(connection) -> Counter:  # type: ignore[no-untyped-def]
    rows = connection.execute(
        "SELECT f.rule, coalesce(l.project, s.project) FROM findings f "
        "LEFT JOIN breakdown_lines l ON l.document_id = f.document_id AND l.line_id = f.line_id "
        "LEFT JOIN (SELECT DISTINCT document_id, table_index, project FROM budget_summary) s "
        "  ON s.document_id = f.document_id AND s.table_index = f.table_index "
        "WHERE f.status = 'fail' AND f.rule NOT LIKE '%-suite'"
    ).fetchall()
    return Counter(rows)


@pytest.mark.parametrize("kind", ["txt", "pdf", "hwpx", "pdf in 4-page ranges"])
def test_every_line_and_exactly_the_planted_findings(book, kind, tmp_path, monkeypatch):
    answers = json.loads(book["answers"].read_text(encoding="utf-8"))
    if kind.endswith("ranges"):  # each range read by its own worker, two at once
        monkeypatch.setattr(parallel, "RANGE_PAGES", 4)
        kind = "pdf"
    project = make_project(tmp_path, {book[kind].name: book[kind].read_bytes()})
    with run_and_open(project, "--jobs", "2") as (_, connection):
        for planned in answers["projects"]:
            expected = [
                (line["level"], line["amount_won"], line["parent"], line["formula_status"])
                for line in planned["lines"]
            ]
            assert extracted_lines(connection, planned["name"]) == expected, planned["name"]
        planted = Counter(
            (f["rule"], p["name"]) for p in answers["projects"] for f in p["findings"]
        )
        assert failing_findings(connection) == planted
        if kind == "pdf":  # some 산출내역 tables continue on the next page
            split = connection.execute(
                "SELECT count(*) FROM (SELECT project FROM breakdown_lines GROUP BY project "
                "HAVING count(DISTINCT page) > 1)"
            ).fetchone()
            assert split[0] >= 1


def test_page_ranges_join_into_the_whole_document(book):
    """Ranges of three pages, given in reverse: tables that run across a range's end are
    stitched, indices run on; the result is the document read in one piece."""
    data = book["pdf"].read_bytes()
    whole = bytes_to_document(data, "book.pdf")
    assert whole.pages is not None and whole.pages > 9
    ranges = [
        read_pdf_range(data, first, min(first + 2, whole.pages))
        for first in range(1, whole.pages + 1, 3)
    ]
    joined = ranges_to_document(ranges[::-1], whole.document_id, "book.pdf", "pdf")
    assert joined == whole
    continued = [t for t in whole.tables if len({c.page for c in t.cells}) > 1]
    assert continued  # the book has tables across pages, some across a range's end


def test_a_book_is_recognised_section_by_section_as_its_ranges_arrive(book):
    """Joined as a stream, each 세부사업 is handed on while later ranges are still
    unread: the join never holds the whole book."""
    data = book["pdf"].read_bytes()
    pages = pdf_page_count(data)
    read: list[int] = []

    def ranges():  # type: ignore[no-untyped-def]
        for first in range(1, pages + 1, 2):
            read.append(first)
            yield read_pdf_range(data, first, min(first + 1, pages))

    document = Document("id", "book.pdf", "pdf")
    ranges_read = [
        len(read) for _ in project_sections(document, ranges_to_blocks(document, ranges()))
    ]
    assert len(ranges_read) == PROJECTS
    assert ranges_read[0] < len(read) / 2 and ranges_read == sorted(ranges_read)


def test_ranges_staged_as_a_stream_give_the_rows_of_the_whole_document(book, tmp_path):
    """The join worker's partitions equal those of the book read in one piece: every
    staged table, row for row."""
    path, sha256 = book["pdf"], "a" * 64
    pages = pdf_page_count(path.read_bytes())
    spans = [
        (path, first, min(first + 2, pages), False, tmp_path / "ranges")
        for first in range(1, pages + 1, 3)
    ]
    parts = [parallel._read_range(span) for span in spans]
    streamed = parallel._stage_ranges((path, sha256, "pdf", parts, tmp_path / "streamed"))
    whole = parallel.stage_document((path, False, tmp_path / "whole"))
    assert streamed[0] == {**whole[0], "document_id": sha256}
    assert streamed[0]["n_tables"] > PROJECTS and streamed[0]["budget_tables_found"]
    empty = set()
    for name in PARTITIONED:
        staged = {}
        for kind, document_id in (("streamed", sha256), ("whole", whole[0]["document_id"])):
            (tmp_path / kind / "out").mkdir(exist_ok=True)
            combine_partitions(tmp_path / kind, [document_id], [name], tmp_path / kind / "out")
            frame = pd.read_parquet(tmp_path / kind / "out" / f"{name}.parquet")
            staged[kind] = frame.drop(columns="document_id")
        pd.testing.assert_frame_equal(staged["streamed"], staged["whole"], obj=name)
        if staged["whole"].empty:
            empty.add(name)
    assert empty == {"contacts", "schedule_raw"}  # the generated book has neither
