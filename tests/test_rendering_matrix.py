"""The same document laid out by other programs: the reference 사업설명서 rendered by
Chromium, LibreOffice and as HWPX in the layouts real books use (tools/render_matrix.py)
gives the text conversion's marts, value for value: the 42 산출내역 lines with their
level, parent, amount and formula status, and the one failing 2016 계.

A fast subset runs in ``make test``; ``make matrix`` runs every pair (``-m matrix``).
An engine that is missing skips outside CI and fails in CI.
"""

from __future__ import annotations

import os
import sys

import duckdb
import pytest

from tests.conftest import ROOT, SAMPLE, make_project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
import render_matrix

FAST = [
    ("chromium", "book"),
    ("chromium", "merged-header"),
    ("hwpx", "merged-account"),
    ("hwpx", "one-table-merged-header"),
]
SLOW = [pair for pair in render_matrix.MATRIX if pair not in FAST]
LINES = """
    SELECT l.line_id, l.level, p.line_id, l.account, l.name, l.amount_won, l.formula_product_won,
           l.formula_status
    FROM breakdown_lines l LEFT JOIN breakdown_lines p
      ON p.document_id = l.document_id AND p.line_id = l.parent_line_id
    WHERE l.document_id = ? ORDER BY l.line_id"""
FAILING = """
    SELECT rule, severity, expected, actual FROM findings
    WHERE document_id = ? AND status = 'fail' ORDER BY ALL"""
FINDINGS = """
    SELECT rule, status, count(*) FROM findings WHERE document_id = ? GROUP BY ALL ORDER BY ALL"""


def engine_or_skip(engine: str) -> None:
    """A missing engine fails in CI and skips elsewhere (``make matrix`` installs them)."""
    if render_matrix.engine_available(engine):
        return
    package = {"chromium": "chromium fonts-noto-cjk", "libreoffice": "libreoffice-writer-nogui"}
    message = f"{engine} is missing: apt-get install {package[engine]} (`make matrix` does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def rendered_marts(base, pairs):  # type: ignore[no-untyped-def]
    """Render ``pairs`` beside the text conversion, run yesan once over them all; return
    (mart, document id of the text, document id by pair)."""
    available = [pair for pair in pairs if render_matrix.engine_available(pair[0])]
    project = make_project(base, {SAMPLE.name: SAMPLE.read_bytes()})
    paths = render_matrix.render_matrix(base / "rendered", available)
    for path in paths.values():
        (project / "raw" / path.name).write_bytes(path.read_bytes())
    result = run_cli(project, "run")
    assert result.exit_code in (0, 1), result.output  # 1: a rendering's new findings
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    ids = dict(mart.execute("SELECT path, document_id FROM documents").fetchall())
    by_name = {os.path.basename(path): document_id for path, document_id in ids.items()}
    return mart, by_name[SAMPLE.name], {pair: by_name[p.name] for pair, p in paths.items()}


@pytest.fixture(scope="module")
def fast(tmp_path_factory):  # type: ignore[no-untyped-def]
    mart, text, ids = rendered_marts(tmp_path_factory.mktemp("matrix-fast"), FAST)
    yield mart, text, ids
    mart.close()


@pytest.fixture(scope="module")
def whole(tmp_path_factory):  # type: ignore[no-untyped-def]
    mart, text, ids = rendered_marts(tmp_path_factory.mktemp("matrix-whole"), SLOW)
    yield mart, text, ids
    mart.close()


def assert_same_marts(marts, pair) -> None:  # type: ignore[no-untyped-def]
    engine_or_skip(pair[0])
    mart, text, ids = marts
    expected = mart.execute(LINES, [text]).fetchall()
    assert len(expected) == 42
    assert mart.execute(LINES, [ids[pair]]).fetchall() == expected
    failing = mart.execute(FAILING, [text]).fetchall()
    assert failing == [("total-equals-rows", "error", 457505000.0, 691705000.0)]  # the 2016 계
    assert mart.execute(FAILING, [ids[pair]]).fetchall() == failing
    findings = mart.execute(FINDINGS, [text]).fetchall()
    assert mart.execute(FINDINGS, [ids[pair]]).fetchall() == findings


def params(pairs):  # type: ignore[no-untyped-def]
    return [pytest.param(pair, id=f"{pair[0]}-{pair[1]}") for pair in pairs]


@pytest.mark.parametrize("pair", params(FAST))
def test_a_rendering_gives_the_marts_of_the_text(fast, pair):
    assert_same_marts(fast, pair)


@pytest.mark.matrix
@pytest.mark.parametrize("pair", params(SLOW))
def test_every_rendering_gives_the_marts_of_the_text(whole, pair):
    assert_same_marts(whole, pair)


def html_of(layout: str) -> str:
    chosen = render_matrix.LAYOUTS[layout]
    laid = render_matrix.lay_out(render_matrix.reference_document(), chosen)
    html = render_matrix.to_html(laid, chosen, "chromium")
    return html.replace('<span class="w">', "").replace("</span>", "")


def test_layouts_print_what_their_names_say():
    book = html_of("book")
    assert "▷ 협치모니터링 500,000원*40회</td>" in book  # the amount in its own column
    assert "=&nbsp;190,000<wbr>천원" in book  # may wrap between number and unit only
    assert 'rowspan="' in book and book.count("page-break-before: always") == 4
    assert "아카이빙단 운영 등) 29,200,000원</td>" in book  # its last factor on the next page
    assert '<td class="text">*1식</td>' in book
    assert "279,940 원*15 일*12 월" in html_of("spaced-units")
    assert 'colspan="2">세부 산출내역' in html_of("merged-header")
    laid = render_matrix.lay_out(
        render_matrix.reference_document(), render_matrix.LAYOUTS["one-table-merged-header"]
    )
    tables = [b for b in laid.blocks if isinstance(b, render_matrix.RTable) and b.breakdown]
    assert len(tables) == 1
    accounts = [row[0] for row in tables[0].rows[1:] if row[0].kind == "account"]
    assert [(c.text, c.rowspan) for c in accounts] == [
        ("사무관리비", 41),
        ("시책추진업무추진비", 1),
    ]
    assert tables[0].rows[0][1].colspan == 2


def test_html_and_hwpx_renderings_are_deterministic():
    assert html_of("book") == html_of("book")
    layout = render_matrix.LAYOUTS["one-table"]
    laid = render_matrix.lay_out(render_matrix.reference_document(), layout)
    assert render_matrix.to_hwpx(laid) == render_matrix.to_hwpx(laid)


def test_a_header_merged_over_the_amount_column_names_one_tree():
    """``세부 산출내역`` printed over the lines and the amounts (merged-header): the second
    column holds the amounts of the first, not a 산출 column of its own."""
    from pipeline.extract.recognise.breakdown import find_breakdown_lines
    from pipeline.model import Cell, Document, Table

    table = Table(
        0,
        [
            Cell(0, 0, "과목구분"),
            Cell(0, 1, "세부 산출내역", col_span=2),
            Cell(1, 0, "사무관리비", row_span=2),
            Cell(1, 1, "▷ 협치모니터링 500,000원*40회"),
            Cell(1, 2, "= 20,000천원"),
            Cell(2, 1, "▷ 협치관련 보고서 발간 5,000,000원*1식"),
            Cell(2, 2, "= 5,000\n천원"),
        ],
    )
    document = Document("d", "d.pdf", "pdf", blocks=[table])
    lines = [(r["account"], r["text"], r["amount_printed"]) for r in find_breakdown_lines(document)]
    assert lines == [
        ("사무관리비", "▷ 협치모니터링 500,000원*40회", "= 20,000천원"),
        ("사무관리비", "▷ 협치관련 보고서 발간 5,000,000원*1식", "= 5,000\n천원"),
    ]
