"""The reconciliation report: findings know where their figures are printed, and
marts/report.html and report.md show each failure with its figures in the document's
unit, its page and row, and (for a PDF) a cropped page image with the figures boxed."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import sys

import duckdb
import pytest
from PIL import Image

from tests.conftest import ROOT, SAMPLE, make_project, run_cli
from tests.test_nightly import CHANGED

sys.path.insert(0, str(ROOT / "tools"))
from render_matrix import CHROMIUM_FLAGS

SAMPLE_PDF = ROOT / "raw" / "000_2427d1ecc5489c44.pdf"
RED = (208, 2, 27)
PROBLEMS = ("error", "warning", "assert")


@pytest.fixture(scope="module")
def reported(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The reference 사업설명서 as text and as PDF, run once."""
    project = make_project(
        tmp_path_factory.mktemp("report"),
        {SAMPLE.name: SAMPLE.read_bytes(), SAMPLE_PDF.name: SAMPLE_PDF.read_bytes()},
    )
    result = run_cli(project, "run")
    assert result.exit_code == 0, result.output
    return project


def articles(html: str, state: str | None = None) -> list[str]:
    found = re.findall(r'<article class="finding state-([a-z-]+)".*?</article>', html, re.S)
    blocks = re.findall(r'(<article class="finding state-[a-z-]+".*?</article>)', html, re.S)
    return [b for s, b in zip(found, blocks, strict=True) if state is None or s == state]


def test_the_2016_total_finding_names_its_cells(reported):
    mart = duckdb.connect(str(reported / "marts" / "budget.duckdb"), read_only=True)
    try:
        rows = mart.execute(
            "SELECT d.format, f.finding_id, f.page, f.table_index, f.row_index, f.col_index, "
            "f.line_no, f.printed_unit FROM findings f JOIN documents d USING (document_id) "
            "WHERE f.status = 'fail' ORDER BY d.format"
        ).fetchall()
        assert [row[:1] + row[2:] for row in rows] == [
            ("pdf", 1, 3, 2, 2, None, "천원"),
            ("text", None, 4, 2, 2, 45, "천원"),
        ]
        terms = mart.execute(
            "SELECT role, page, table_index, row_index, col_index FROM finding_sources "
            "WHERE finding_id = ? ORDER BY role, row_index",
            [rows[0][1]],
        ).fetchall()
    finally:
        mart.close()
    assert terms == [("checked", 1, 3, 2, 2), ("term", 1, 3, 3, 2), ("term", 1, 3, 4, 2)]


def test_html_shows_each_failure_in_the_documents_unit(reported):
    html = (reported / "marts" / "report.html").read_text(encoding="utf-8")
    failures = articles(html)
    assert len(failures) == 2
    assert all('data-rule="total-equals-rows"' in a for a in failures)
    for article in failures:
        cells = re.findall(r'<td class="n">([^<]*)</td>', article)
        assert cells == ["457,505 천원", "691,705 천원", "234,200 천원"]
        assert "accepted:" in article
    pdf_article = next(a for a in failures if "page 1 · table 3, row 2 (계)" in a)
    text_article = next(a for a in failures if "<pre>" in a)
    assert "2016예산액 (A)" in pdf_article
    lines = re.findall(r'<span class="(checked|term)">\s*(\d+) │ ([^<]*)</span>', text_article)
    assert [(role, int(n)) for role, n, _ in lines] == [("checked", 45), ("term", 46), ("term", 47)]
    assert "691,705" in lines[0][2] and "447,505" in lines[1][2]
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_pdf_failure_has_a_cropped_page_image_with_the_figures_boxed(reported):
    html = (reported / "marts" / "report.html").read_text(encoding="utf-8")
    article = next(a for a in articles(html) if "<img" in a)
    encoded = re.search(r'src="data:image/png;base64,([^"]+)"', article)
    assert encoded
    image = Image.open(io.BytesIO(base64.b64decode(encoded[1]))).convert("RGB")
    page_width = 595 * 2  # A4 at the report's 144 dpi
    assert 200 < image.width < page_width and 100 < image.height < 600  # a crop, not the page
    red = sum(1 for pixel in image.get_flattened_data() if pixel == RED)
    assert red > 100  # the box around 691,705


def test_images_are_cached_and_unused_ones_removed(reported):
    cache = reported / "marts" / ".report-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert len(before) == 1
    stale = cache / "0123456789abcdef.png"
    stale.write_bytes(b"old")
    assert run_cli(reported, "check").exit_code == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert after == before  # not rendered again; the stale entry is gone


def test_markdown_summary(reported):
    summary = (reported / "marts" / "report.md").read_text(encoding="utf-8")
    assert "- failing findings: 0 new, 0 still open, 2 accepted" in summary
    assert "- data-quality suites: 15 of 15 passed" in summary
    assert "## New failures" not in summary


def test_one_touched_number_is_the_one_new_finding_of_the_report(tmp_path):
    """A copy in raw/ (its own document: one more line) is known to the marts; then one
    number of it changes. Its 2016 계, not accepted for the copy, is still open."""
    project = make_project(tmp_path)
    copy = project / "raw" / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes() + b"\n")
    run_cli(project, "run")
    quiet = run_cli(project, "run", "--alert-new")
    assert quiet.exit_code == 0, quiet.output
    copy.write_text(SAMPLE.read_text(encoding="utf-8").replace(*CHANGED) + "\n", encoding="utf-8")
    assert run_cli(project, "run", "--alert-new").exit_code == 1

    html = (project / "marts" / "report.html").read_text(encoding="utf-8")
    new = articles(html, "new")
    assert len(new) == 1
    assert 'data-rule="formula-matches-amount"' in new[0]
    assert "150,000원*6회*19명" in new[0]
    cells = re.findall(r'<td class="n">([^<]*)</td>', new[0])
    assert cells == ["17,100 천원", "16,200 천원", "-900 천원"]
    summary = (project / "marts" / "report.md").read_text(encoding="utf-8")
    assert "## New failures (1)" in summary
    assert "- failing findings: 1 new, 1 still open, 1 accepted" in summary
    assert re.search(r"- `.*copy.txt` .*formula-matches-amount", summary)


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium (``make test`` installs it); missing fails in CI, skips elsewhere."""
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_report_opens_in_headless_chromium_and_shows_the_2016_total(reported, chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type in PROBLEMS else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda request: requested.append(request.url))
        page.goto((reported / "marts" / "report.html").as_uri())
        finding = page.locator('article[data-rule="total-equals-rows"]').filter(
            has=page.locator("img")
        )
        assert finding.count() == 1
        assert finding.is_visible()
        assert "691,705 천원" in finding.inner_text()
        image = finding.locator("img")
        image.scroll_into_view_if_needed()
        complete, width, height = image.evaluate(
            "i => [i.complete, i.naturalWidth, i.naturalHeight]"
        )
        shown = image.bounding_box()
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert complete and width > 200 and height > 100
    assert shown is not None and shown["width"] > 200
    assert problems == []
    assert all(url.startswith(("file:", "data:")) for url in requested)  # no network


def test_gx_data_docs_are_built_beside_the_mart(reported):
    docs = reported / "marts" / "docs"
    index = (docs / "index.html").read_text(encoding="utf-8")
    suites = sorted(p.stem for p in (ROOT / "expectations" / "suites").glob("*.json"))
    assert len(suites) == 16
    assert sorted(p.name for p in (docs / "validations").iterdir()) == suites
    assert all(suite in index for suite in suites)
    assert not list(docs.parent.glob(".docs.*"))  # no partial build left behind
    mart = duckdb.connect(str(reported / "marts" / "budget.duckdb"), read_only=True)
    try:
        outcomes = mart.execute(
            "SELECT rule, status, count(*) FROM findings WHERE rule LIKE '%-suite' GROUP BY ALL "
            "ORDER BY ALL"
        ).fetchall()
    finally:
        mart.close()
    assert outcomes == [("data-quality-suite", "pass", 15), ("reconciliation-suite", "pass", 1)]
