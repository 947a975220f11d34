"""Budget books: many 세부사업 in one document, each recognised and reconciled on its own."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE, make_project, run_and_open

OTHER = "시민참여 예산 지원사업"


@pytest.fixture(scope="module")
def book(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The reference 사업설명서 twice in one file, the second under another 사업명."""
    text = SAMPLE.read_text(encoding="utf-8")
    second = text.replace("민관협치 체계구축 및 활성화 지원", OTHER)
    project = make_project(tmp_path_factory.mktemp("book"), {"book.txt": f"{text}\n\n{second}"})
    with run_and_open(project) as (_, connection):
        yield connection


def test_each_project_has_its_own_rows(book):
    assert book.execute(
        "SELECT project, count(*) FROM budget_summary GROUP BY ALL ORDER BY ALL"
    ).fetchall() == [("민관협치 체계구축 및 활성화 지원", 15), (OTHER, 15)]
    assert book.execute(
        "SELECT project, count(*), min(line_id), max(line_id) FROM breakdown_lines "
        "GROUP BY ALL ORDER BY 3"
    ).fetchall() == [("민관협치 체계구축 및 활성화 지원", 42, 1, 42), (OTHER, 42, 43, 84)]
    assert book.execute("SELECT count(*) FROM projects").fetchone() == (2,)
    assert book.execute(
        "SELECT project, count(*) FROM schedule GROUP BY ALL ORDER BY ALL"
    ).fetchall() == [("민관협치 체계구축 및 활성화 지원", 9), (OTHER, 9)]


def test_no_line_has_a_parent_in_another_project(book):
    crossing = book.execute(
        "SELECT count(*) FROM breakdown_lines c JOIN breakdown_lines p "
        "ON p.document_id = c.document_id AND p.line_id = c.parent_line_id "
        "WHERE p.project <> c.project"
    ).fetchone()
    assert crossing == (0,)


def test_each_project_reconciles_with_its_own_summary(book):
    results = book.execute(
        "SELECT rule, status, count(*) FROM findings WHERE rule NOT LIKE '%-suite' "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert ("summary-matches-breakdown", "pass", 4) in results
    assert [r for r in results if r[1] == "fail"] == [("total-equals-rows", "fail", 2)]
