"""The reference 사업설명서 as a PDF (raw/, rendered by tools/render_reference.py) gives the
same marts as its text conversion, value for value."""

from __future__ import annotations

import hashlib
import sys

import duckdb
import pytest

from tests.conftest import ROOT, SAMPLE, make_project, run_cli

SAMPLE_PDF = ROOT / "raw" / "000_2427d1ecc5489c44.pdf"
QUERIES = {
    "breakdown_lines": """
        SELECT l.level, l.marker, l.account, l.name, l.amount_won, l.formula,
               l.formula_product_won, l.formula_status, p.name
        FROM breakdown_lines l LEFT JOIN breakdown_lines p
          ON p.document_id = l.document_id AND p.line_id = l.parent_line_id
        WHERE l.document_id = ? ORDER BY l.line_id""",
    "budget_summary": """
        SELECT account, column_label, fiscal_year, phase, amount_won, percent, unit
        FROM budget_summary WHERE document_id = ? ORDER BY row_index, col_index""",
    "findings": """
        SELECT rule, status, severity, expected, actual FROM findings WHERE document_id = ?
        ORDER BY ALL""",
    "projects": "SELECT * EXCLUDE (document_id, page) FROM projects WHERE document_id = ?",
    "schedule": """
        SELECT step, period, amount_won, detail FROM schedule WHERE document_id = ?
        ORDER BY row_index""",
    "contacts": """
        SELECT office, department, role, name, phone FROM contacts WHERE document_id = ?
        ORDER BY ALL""",
}


@pytest.fixture(scope="module")
def both(tmp_path_factory):  # type: ignore[no-untyped-def]
    project = make_project(
        tmp_path_factory.mktemp("parity"),
        {SAMPLE.name: SAMPLE.read_bytes(), SAMPLE_PDF.name: SAMPLE_PDF.read_bytes()},
    )
    result = run_cli(project, "run", "--strict")
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    ids = dict(mart.execute("SELECT format, document_id FROM documents").fetchall())
    yield result, mart, ids
    mart.close()


def test_both_load_and_pass_strict(both):
    result, _, ids = both
    assert result.exit_code == 0, result.output + result.stderr
    assert set(ids) == {"text", "pdf"}


@pytest.mark.parametrize("table", sorted(QUERIES))
def test_pdf_marts_equal_text_marts(both, table):
    _, mart, ids = both
    from_text = mart.execute(QUERIES[table], [ids["text"]]).fetchall()
    from_pdf = mart.execute(QUERIES[table], [ids["pdf"]]).fetchall()
    assert from_text
    assert from_pdf == from_text


def test_pdf_keeps_page_provenance_and_stitches_the_schedule(both):
    _, mart, ids = both
    pages = mart.execute(
        "SELECT page, printed_page FROM pages WHERE document_id = ? ORDER BY page", [ids["pdf"]]
    ).fetchall()
    assert pages == [(n, f"- {n} -") for n in range(1, 6)]
    schedule_pages = mart.execute(
        "SELECT DISTINCT c.page FROM cells c WHERE c.document_id = ? AND c.table_index = "
        "(SELECT min(table_index) FROM schedule WHERE document_id = c.document_id) ORDER BY 1",
        [ids["pdf"]],
    ).fetchall()
    assert schedule_pages == [(4,), (5,)]  # one logical table across a page break
    line = mart.execute(
        "SELECT page FROM breakdown_lines WHERE document_id = ? AND name = '협치자문관 운영'",
        [ids["pdf"]],
    ).fetchone()
    assert line == (1,)


def test_rendering_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from render_reference import render

    digest = render(SAMPLE, tmp_path / "again.pdf")
    assert digest == hashlib.sha256(SAMPLE_PDF.read_bytes()).hexdigest()
