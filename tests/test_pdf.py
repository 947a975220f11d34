"""PDFs: real 사업설명자료 from the corpus, and generated broken ones."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.errors import DocumentError
from pipeline.extract import bytes_to_document
from pipeline.model import Paragraph, Table
from tests.conftest import make_project, run_cli
from tests.pdf_factory import encrypted_pdf, scanned_pdf, text_pdf

# The 예산 총괄표 of each 기획재정부 사업설명자료, as printed (백만원; the last is 증감률 %),
# transcribed from pdfplumber's own extract_tables() output of the same table.
MOEF_SUMMARIES = {
    "고용노동부_내일배움카드(일반).pdf": [
        "322,799",
        "518,815",
        "584,906",
        "584,906",
        "66,091",
        "12.7",
    ],
    "고용노동부_조기재취업수당.pdf": [
        "468,018",
        "386,659",
        "470,260",
        "482,872",
        "463,837",
        "77,178",
        "20.0",
    ],
    "고용노동부_청년일자리창출지원.pdf": [
        "233,321",
        "889,078",
        "649,034",
        "657,680",
        "△231,398",
        "△26.0",
    ],
    "국토교통부_민간임대(융자).pdf": [
        "1,651,242",
        "1,708,844",
        "1,708,844",
        "1,477,009",
        "1,477,009",
        "△231,835",
        "△13.6",
    ],
    "국토교통부_소규모주택정비사업.pdf": [
        "341,802",
        "467,600",
        "489,100",
        "413,600",
        "413,600",
        "0",
        "△11.5",
    ],
    "국토교통부_전세임대(융자).pdf": [
        "4,775,041",
        "4,174,950",
        "5,087,730",
        "4,546,931",
        "4,546,931",
        "371,981",
        "8.9",
    ],
    "보건복지부_노인일자리 및 사회활동지원.pdf": [
        "1,438,070",
        "1,540,016",
        "2,026,170",
        "2,026,370",
        "486,354",
        "31.6",
    ],
    "보건복지부_생계급여.pdf": [
        "5,386,007",
        "6,014,148",
        "7,541,072",
        "7,541,072",
        "1,526,924",
        "25.4",
    ],
    "산업통상자원부_에너지바우처.pdf": [
        "230,556",
        "190,963",
        "685,606",
        "685,606",
        "494,643",
        "259.0",
    ],
    "중소벤처기업부_창업사업화지원.pdf": [
        "432,824",
        "388,910",
        "388,910",
        "377,656",
        "△11,254",
        "△2.9",
    ],
}
BROKEN = "(250813) (보도자료) 2025년 7월중 가계대출 동향-hwp-2022.pdf"


@pytest.fixture(scope="module")
def corpus_run(corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    paths = [corpus / "moef-program-pdf" / name for name in MOEF_SUMMARIES]
    paths.append(corpus / "hwp-hwpx-pdf" / BROKEN)
    project = make_project(tmp_path_factory.mktemp("pdf"), {p.name: p.read_bytes() for p in paths})
    result = run_cli(project, "run")
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    yield result, mart
    mart.close()


def summary_of(mart, name: str) -> list[tuple]:
    return mart.execute(
        """
        SELECT b.printed, b.fiscal_year, b.phase, b.amount_won, b.percent
        FROM budget_summary b JOIN documents d USING (document_id)
        WHERE d.path LIKE '%' || ? AND b.table_index = (
            SELECT min(table_index) FROM budget_summary WHERE document_id = b.document_id)
        ORDER BY b.col_index
        """,
        [name],
    ).fetchall()


@pytest.mark.parametrize("name", sorted(MOEF_SUMMARIES))
def test_moef_summary_table_exactly(corpus_run, name):
    _, mart = corpus_run
    rows = summary_of(mart, name)
    assert [r[0] for r in rows] == MOEF_SUMMARIES[name]
    *amounts, rate = rows
    for printed, _, phase, won, _ in amounts:
        millions = int(printed.replace(",", "").replace("△", "-"))
        assert won == millions * 1_000_000, (printed, phase)
    assert rate[2] == "증감률" and rate[3] is None
    assert rate[4] == float(MOEF_SUMMARIES[name][-1].replace("△", "-"))


def test_moef_column_labels_become_year_and_phase(corpus_run):
    _, mart = corpus_run
    assert [(r[1], r[2]) for r in summary_of(mart, "보건복지부_생계급여.pdf")] == [
        (2022, "결산"),
        (2023, "본예산"),
        (2024, "정부안"),
        (2024, "확정"),
        (None, "증감"),
        (None, "증감률"),
    ]
    assert [(r[1], r[2]) for r in summary_of(mart, "국토교통부_소규모주택정비사업.pdf")][:5] == [
        (2022, "결산"),
        (2023, "당초"),
        (2023, "수정"),
        (2024, "정부안"),
        (2024, "국회확정"),
    ]


def test_moef_project_names(corpus_run):
    _, mart = corpus_run
    projects = dict(
        mart.execute(
            "SELECT DISTINCT regexp_extract(d.path, '[^/]+$'), b.project FROM budget_summary b "
            "JOIN documents d USING (document_id)"
        ).fetchall()
    )
    assert projects["보건복지부_생계급여.pdf"] == "생계급여"
    # no name box: the name is the title line, as printed
    assert projects["중소벤처기업부_창업사업화지원.pdf"] == "창업사업화지원 (5132-302)"
    boxes = {
        path: (project, number, code)
        for path, project, number, code in mart.execute(
            "SELECT regexp_extract(d.path, '[^/]+$'), p.project, p.project_number, "
            "p.project_code FROM projects p JOIN documents d USING (document_id)"
        ).fetchall()
    }
    assert boxes["보건복지부_생계급여.pdf"] == ("생계급여", 1, "1131-300")


def test_misprints_in_the_source_are_reported(corpus_run):
    _, mart = corpus_run
    failures = mart.execute(
        "SELECT rule, location, expected, actual FROM findings JOIN documents USING "
        "(document_id) WHERE status = 'fail' AND severity = 'error' "
        "AND path LIKE '%소규모주택정비사업.pdf' ORDER BY rule"
    ).fetchall()
    assert failures == [
        # 증감 printed 0 where 413,600 − 467,600 = △54,000 (백만원)
        (
            "change-equals-difference",
            "table 6, row 2 (융자금), column 6 (증감 (B-A))",
            -54_000_000_000.0,
            0.0,
        ),
        # 비목별: 기타민간융자금 수정 printed 21,500 (the total's figure) beside 이차보전금 △3,600
        (
            "total-equals-rows",
            "table 7, row 7 (○비목별 분류(합계)), column 7 (2023(’22.12월말) 계획액 수정)",
            17_900_000_000.0,
            21_500_000_000.0,
        ),
    ]


def test_stacked_rows_are_split_by_geometry(corpus_run):
    _, mart = corpus_run
    rows = mart.execute(
        "SELECT account_printed, account, account_code, fiscal_year, phase, amount_won "
        "FROM budget_summary JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%민간임대(융자).pdf' AND column_label = '2024 계획' ORDER BY row_index"
    ).fetchall()
    assert rows == [
        ("○ 기능별 분류(합계)", "기능별 분류(합계)", None, 2024, "예산", 1_477_009_000_000),
        ("․공공지원민간임대", "공공지원민간임대", None, 2024, "예산", 829_665_000_000),
        ("․장기임대 등", "장기임대 등", None, 2024, "예산", 615_600_000_000),
        ("․준주택전세전환지원", "준주택전세전환지원", None, 2024, "예산", 31_744_000_000),
        ("○ 비목별 분류(합계)", "비목별 분류(합계)", None, 2024, "예산", 1_477_009_000_000),
        (  # a wrapped label, spaced letter by letter: its name and its 목 code
            "․ 기 타 민 간 융 자 금 (450-04)",
            "기타민간융자금",
            "450-04",
            2024,
            "예산",
            1_477_009_000_000,
        ),
    ]
    executed = mart.execute(
        "SELECT c.text FROM cells c JOIN documents d USING (document_id) WHERE d.path LIKE "
        "'%에너지바우처.pdf' AND c.text LIKE '47,143%[%'"
    ).fetchall()
    # 집행액 with its [실집행액] in one cell, printed three times on p. 2 (하절기바우처 under
    # 기능별, and under 기능비목별 with its 민간경상보조): the table runs to the foot of the page
    assert executed == [("47,143\n[44,301]",)] * 3


def test_classification_totals_reconcile(corpus_run):
    _, mart = corpus_run
    counts = dict(
        mart.execute(
            "SELECT regexp_extract(d.path, '[^/]+$'), count(*) FILTER (status = 'pass') "
            "FROM findings JOIN documents d USING (document_id) WHERE rule = 'total-equals-rows' "
            "GROUP BY ALL"
        ).fetchall()
    )
    assert counts == {
        "국토교통부_민간임대(융자).pdf": 8,
        "국토교통부_소규모주택정비사업.pdf": 8,
        # the three (합계) in four columns, and the 기능 row under 기능·비목별 against its 비목 row
        "국토교통부_전세임대(융자).pdf": 16,
        # 기능별, 비목별 and 기능·비목별 (합계), the last running on to p. 3, in three years,
        # and under 기능·비목별 each of its five 기능 rows against its 민간경상보조 row
        "산업통상자원부_에너지바우처.pdf": 24,
    }


def test_pages_keep_printed_numbers_and_cells_keep_boxes(corpus_run):
    _, mart = corpus_run
    pages = mart.execute(
        "SELECT page, printed_page, status FROM pages JOIN documents USING (document_id) "
        "WHERE path LIKE '%생계급여.pdf' ORDER BY page"
    ).fetchall()
    assert pages == [(1, "- 1 -", "ok"), (2, "- 2 -", "ok"), (3, "- 3 -", "ok"), (4, "- 4 -", "ok")]
    cell = mart.execute(
        "SELECT c.page, c.bbox FROM cells c JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%생계급여.pdf' AND c.text = '5,386,007'"
    ).fetchone()
    assert cell[0] == 1 and len(cell[1]) == 4 and cell[1][0] < cell[1][2]


def test_a_broken_text_layer_is_reported_per_page_and_not_loaded(corpus_run):
    result, mart = corpus_run
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "broken-text-layer" in line]
    assert len(warnings) == 5 and "page 1: " in warnings[0]
    pages = mart.execute(
        "SELECT status, count(*) FROM pages JOIN documents USING (document_id) "
        "WHERE path LIKE '%가계대출%' GROUP BY status"
    ).fetchall()
    assert pages == [("broken-text-layer", 5)]
    loaded = mart.execute(
        "SELECT (SELECT count(*) FROM cells WHERE document_id = d.document_id), "
        "(SELECT count(*) FROM paragraphs WHERE document_id = d.document_id) "
        "FROM documents d WHERE path LIKE '%가계대출%'"
    ).fetchone()
    assert loaded == (0, 0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (scanned_pdf(), "no-text-layer"),
        (encrypted_pdf(), "encrypted-pdf"),
        (text_pdf()[:-400], "truncated-pdf"),
        (b"%PDF-1.4\n" + b"x" * 500 + b"\n%%EOF\n", "broken-pdf"),
    ],
)
def test_unreadable_pdfs_get_a_reason(data, reason):
    with pytest.raises(DocumentError) as error:
        bytes_to_document(data, "x.pdf")
    assert error.value.reason == reason


def test_a_bad_pdf_is_quarantined_and_the_batch_goes_on(tmp_path):
    from tests.conftest import SAMPLE

    project = make_project(
        tmp_path,
        {"scan.pdf": scanned_pdf(), "ok.pdf": text_pdf(), SAMPLE.name: SAMPLE.read_bytes()},
    )
    result = run_cli(project, "run")
    assert result.exit_code == 3
    assert (
        f"error: {Path(project / 'raw' / 'scan.pdf')}: no-text-layer: no text layer on any of "
        "its 2 pages (a scanned PDF? OCR it first)" in result.stderr
    )
    assert "documents read: 2, quarantined: 1" in result.output


def energy_lines(mart, year: int, form: str = "table") -> list[tuple]:
    return mart.execute(
        "SELECT level, marker, name, amount_won, formula, formula_status FROM breakdown_lines "
        "JOIN documents d USING (document_id) WHERE d.path LIKE '%에너지바우처.pdf' "
        "AND fiscal_year = ? AND form = ? ORDER BY line_id",
        [year, form],
    ).fetchall()


def test_energy_voucher_2024_breakdown_lines(corpus_run):
    _, mart = corpus_run
    lines = energy_lines(mart, 2024)
    assert len(lines) == 17
    assert lines[0] == (1, "○", "민간경상보조(320-01)", 685_606_000_000, None, None)
    assert lines[2] == (3, "ㆍ", "", 60_950_000_000, "115.0만 세대 × 5.3만원 × 100%", "exact")
    assert lines[4][3:] == (240_677_000_000, "113.1만 세대 × 30.4만원 × 70%", "rounded")
    assert [ln[2] for ln in lines if ln[0] == 2] == [
        "하절기바우처",
        "동절기바우처",
        "연탄쿠폰",
        "등유바우처",
        "사업운영비",
    ]
    assert lines[13][2:4] == ("콜센터 운영", 502_700_000)
    assert len(energy_lines(mart, 2023)) == 16


def test_energy_voucher_2024_basis_box(corpus_run):
    """p. 6, ``3) ’24년도 예산안 산출 근거``: ① … ⑤ with their transitions ('23 → '24), the
    (산출) formulas, and 사업운영비's (산출) list of six items adding up to 1,872백만원."""
    _, mart = corpus_run
    titles = mart.execute(
        "SELECT marker, name, amount_won, prior_amount_won FROM breakdown_lines JOIN documents d "
        "USING (document_id) WHERE d.path LIKE '%에너지바우처.pdf' AND form = 'box' "
        "AND parent_line_id IS NULL ORDER BY line_id"
    ).fetchall()
    assert titles == [
        ("①", "하절기바우처", 60_950_000_000, 36_851_000_000),
        ("②", "동절기바우처", 600_521_000_000, 129_656_000_000),
        ("③", "연탄쿠폰", 21_240_000_000, 21_712_000_000),
        ("④", "등유바우처", 1_023_000_000, 1_395_000_000),
        ("⑤", "사업운영비", 1_872_000_000, 1_349_000_000),
    ]
    lines = energy_lines(mart, 2024, "box")
    assert lines[6] == (2, "-", "(산출)", 21_240_000_000, "4.5만 세대 x 472,000원", "exact")
    assert [line[2] for line in lines[3:5]] == ["‘23년 동절기 지원확대", "‘24년 동절기 지원"]
    operating = [line[2:4] for line in lines[-6:]]
    assert operating[0] == ("에너지복지 홍보", 448_000_000)
    assert sum(amount for _, amount in operating) == 1_872_000_000


def test_energy_voucher_reconciles_with_its_summary(corpus_run):
    _, mart = corpus_run
    findings = mart.execute(
        "SELECT rule, status, count(*), CASE WHEN rule NOT IN "
        "('parent-equals-children', 'total-equals-rows') "
        "THEN sum(expected)::BIGINT END FROM findings JOIN documents USING "
        "(document_id) WHERE path LIKE '%에너지바우처.pdf' GROUP BY rule, status ORDER BY rule"
    ).fetchall()
    assert findings == [
        ("change-equals-difference", "pass", 1, 494_643_000_000),
        ("change-rate-matches", "pass", 1, 259),
        # '23: 36,851 + 129,656 + 21,712 + 1,395; '24: 60,950 + 240,676.8 + 359,844 + 21,240
        # + 1,023 (백만원), and the 산출 근거 box's (산출) 21,240 + 1,023: every product
        ("formula-matches-amount", "pass", 11, 895_610_800_000),
        # 12 in the table; the box's ① … ⑤, ② as 240,676.8 + 359,844 (its ① ② within a line)
        ("parent-equals-children", "pass", 17, None),
        # '23 and '24 against the table, '24 against the box
        ("summary-matches-breakdown", "pass", 3, 190_963_000_000 + 2 * 685_606_000_000),
        # the three (합계) in three years, and the five 기능 rows of 기능·비목별 in three years
        ("total-equals-rows", "pass", 24, None),
    ]


def test_two_column_policy_briefs_give_cells_and_only_their_budget_table(corpus):
    """The FIS briefs are prose and charts; 22-3호's 〈표 2〉 (p. 5: 분야명 | 2022년 본예산 |
    2023년 예산안 | 증감폭, ``(단위: 조원, %p)``) is a budget table by 분야, its 증감폭 a
    change of shares in percentage points, no money."""
    from pipeline.extract import read_document
    from pipeline.extract.rows import document_to_rows

    base = corpus / "moef-program-pdf"
    brief = document_to_rows(
        read_document(base / "「FIS 이슈 & 포커스」 22-3호 《재정융자사업》.pdf")
    )
    assert len(brief["cells"]) > 100 and brief["breakdown_raw"] == []
    table = [(c["account"], c["column_label"], c["printed"]) for c in brief["summary_cells"]]
    assert len(table) == 20 and {label for _, label, _ in table} == {
        "2022년 본예산",
        "2023년 예산안",
    }
    assert table[:2] == [
        ("사회복지", "2022년 본예산", "28.90"),
        ("사회복지", "2023년 예산안", "26.90"),
    ]
    assert {c["project"] for c in brief["summary_cells"]} == {"FIS"}  # its title, not cover art
    other = document_to_rows(
        read_document(base / "「FIS 이슈 & 포커스」 23-3호 《조세지출 연계관리》.pdf")
    )
    assert len(other["cells"]) > 100
    assert other["summary_cells"] == [] and other["breakdown_raw"] == []
    assert other["documents"][0]["budget_tables_found"] is False


LOSSLESS = [
    "hwp-hwpx-pdf/table-complex-2022.pdf",
    "moef-program-pdf/국토교통부_소규모주택정비사업.pdf",
    "moef-program-pdf/산업통상자원부_에너지바우처.pdf",
]


def assert_no_text_lost(path: Path) -> None:
    """Every visible character of every page is in a cell, a paragraph or the page number."""
    from collections import Counter

    import pdfplumber

    from pipeline.extract import read_document
    from pipeline.extract.readers.pdf.reader import glyphs_as_drawn

    def visible(text: str) -> Counter:
        return Counter(ch for ch in text if not ch.isspace())

    document = read_document(path)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            number = page.page_number
            expected = visible(glyphs_as_drawn(page).extract_text() or "")
            texts = [b.text for b in document.paragraphs if b.page == number] + [
                c.text
                for t in document.tables
                for c in t.cells + t.repeated_headers
                if c.page == number
            ]
            found = visible("".join(texts) + (document.page_info[number - 1].printed or ""))
            assert found == expected, (number, expected - found, found - expected)


@pytest.mark.parametrize("relative", LOSSLESS)
def test_no_text_is_lost(corpus, relative):
    assert_no_text_lost(corpus / relative)


def test_no_text_is_lost_in_the_reference_pdf():
    from tests.conftest import ROOT

    assert_no_text_lost(ROOT / "raw" / "000_2427d1ecc5489c44.pdf")


def glyph_line(texts: str | list[str], space_em: float = 0.3, size: float = 10.0) -> list[dict]:
    """Glyphs set on one line, half an em wide each; a space advances ``space_em``."""
    glyphs: list[dict] = []
    x = 0.0
    for text in texts:
        width = size * (space_em if text == " " else 0.5)
        glyphs.append(
            {"text": text, "x0": x, "x1": x + width, "top": 0.0, "bottom": size, "size": size}
        )
        x += width
    return glyphs


def test_text_layer_problems_from_characters():
    from pipeline.extract.readers.pdf.reader import text_layer_problem

    assert text_layer_problem(glyph_line("예산 총괄표 2024년 정부안")) is None
    unmapped = glyph_line(["(cid:12)", "(cid:40)", "(cid:7)", *"예산"])
    assert text_layer_problem(unmapped) == "3 of 5 glyphs have no Unicode mapping ((cid:N))"
    assert text_layer_problem(glyph_line("예산 \ufffd")) == (
        "1 replacement characters (U+FFFD): glyphs lost their mapping"
    )
    codes = "characters are C1 control, Latin-1 or private-use codes: glyph codes read without"
    mojibake = ("예산 총괄표 정부안 " * 20).encode("cp949").decode("latin-1")  # ¿¹»ê ÃÑ°ýÇ¥
    assert text_layer_problem(glyph_line(mojibake)) == f"320 of 320 {codes} their Unicode mapping"
    private = glyph_line("\ue001\ue002 1,000 " * 30)
    assert text_layer_problem(private) == f"60 of 210 {codes} their Unicode mapping"


def test_pages_without_hangul_read_when_nothing_is_broken():
    from pipeline.extract.readers.pdf.reader import text_layer_problem

    english = "The annex lists grants, loans and (in part) interest on the fund. " * 6
    assert text_layer_problem(glyph_line(english)) is None
    assert text_layer_problem(glyph_line("( ) , . 1 2 3 " * 20)) is None
    assert text_layer_problem(glyph_line("(1,234) 5,678 - 7.8 [2] 0.03, " * 40)) is None
    assert text_layer_problem(glyph_line("Café Müller, Zürich; 12 × 3 · 4 " * 10)) is None


def test_marks_standing_apart_show_words_missing_from_the_text_layer():
    from pipeline.extract.readers.pdf.reader import text_layer_problem

    printed = "“ · ” , ( ) . (02-2100-2830) " * 3
    assert text_layer_problem(glyph_line(printed, space_em=2.0)) == (
        "18 punctuation marks with no glyph beside them: the words they belong to are drawn"
        " but not in the text layer"
    )
    assert text_layer_problem(glyph_line(printed, space_em=0.3)) is None  # set close: words
    assert text_layer_problem(glyph_line("( ) . 1 2 3", space_em=2.0)) is None  # 3: too few

    def column(texts: str, step: float) -> list[dict]:  # a label set downwards, 10 pt
        return [
            {"text": t, "x0": 0.0, "x1": 10.0, "top": step * i, "bottom": step * i + 10, "size": 10}
            for i, t in enumerate(texts)
        ]

    assert text_layer_problem(column("(가)(나)(다)(라)", step=12.0)) is None
    assert "4 punctuation marks" in text_layer_problem(column("()()", step=20.0))


def test_the_household_loans_pdf_is_refused_on_every_page(corpus):
    """Its Hangul is painted as outlines: pages 1-4 keep U+FFFD where some was mapped, and
    page 5 holds only the digits and punctuation of its 담당자 table, the marks apart."""
    import pdfplumber

    from pipeline.extract.readers.pdf import read_pdf_range
    from pipeline.extract.readers.pdf.reader import text_layer_problem

    path = corpus / "hwp-hwpx-pdf" / BROKEN
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[4].chars
    assert {c["text"] for c in chars} <= set("0123456789-() “”·,.")
    assert text_layer_problem(chars) == (
        "8 punctuation marks with no glyph beside them: the words they belong to are drawn"
        " but not in the text layer"
    )
    pages = read_pdf_range(path.read_bytes()).page_info
    assert [page.status for page in pages] == ["broken-text-layer"] * 5
    messages = [page.message or "" for page in pages]
    assert all("replacement characters (U+FFFD)" in message for message in messages[:4])
    assert messages[4].startswith("8 punctuation marks with no glyph beside them")


def english_pdf() -> bytes:
    """An English paragraph of real words, and a page of a numbers-only table."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for i, line in enumerate(ENGLISH):
        page.drawString(72, 700 - 16 * i, line)
    page.showPage()
    for row in range(30):
        cells = [f"{(row + 1) * 1_234:,}", f"({row * 56:,})", f"{row / 7:.1f}", "-"]
        for column, cell in enumerate(cells):
            page.drawString(72 + 110 * column, 750 - 20 * row, cell)
    page.save()
    return buffer.getvalue()


ENGLISH = [
    "Annex 3. Summary of the fund's operating plan for the next fiscal year.",
    "The ministry expects loans to small businesses to grow by about a tenth,",
    "while grants for regional programmes stay at last year's level (see Table 2).",
    "Interest income is projected from the average rate of the previous quarter.",
]


def test_an_english_page_and_a_numbers_page_are_read():
    document = bytes_to_document(english_pdf(), "english.pdf")
    assert [(p.number, p.status) for p in document.page_info] == [(1, "ok"), (2, "ok")]
    lines = [p.text for p in document.paragraphs if p.page == 1]
    assert lines == ENGLISH
    numbers = " ".join(p.text for p in document.paragraphs if p.page == 2)
    numbers += " ".join(c.text for t in document.tables for c in t.cells if c.page == 2)
    assert "37,020" in numbers and "(1,624)" in numbers


@pytest.mark.parametrize(
    ("second", "twice"),
    [
        ({"text": "구", "x0": 10.95, "top": 20.0}, True),  # same 1-pt cell
        ({"text": "구", "x0": 11.80, "top": 20.9}, True),  # neighbouring cells, within 1 pt
        ({"text": "구", "x0": 9.98, "top": 19.05}, True),  # the cells before, within 1 pt
        ({"text": "구", "x0": 12.05, "top": 20.0}, False),  # the next cell, 1.1 pt away
        ({"text": "분", "x0": 10.95, "top": 20.0}, False),  # another glyph on the same spot
    ],
)
def test_glyphs_drawn_twice_are_found_within_one_point(second, twice):
    from pipeline.extract.readers.pdf.reader import has_twice_drawn_glyphs

    first = {"text": "구", "x0": 10.95, "top": 20.0}
    others = [{"text": str(i % 10), "x0": 50.0 + 7 * i, "top": 40.0} for i in range(30)]
    assert has_twice_drawn_glyphs([first, *others, second]) is twice


def _page_tables(corpus, name: str, page: int):  # type: ignore[no-untyped-def]
    from pipeline.extract.layout import reading_to_document
    from pipeline.extract.readers.pdf import read_pdf_range

    data = (corpus / "ai-budget-2026" / name).read_bytes()
    document = reading_to_document(read_pdf_range(data, page, page), "id", "p.pdf", "pdf", True)
    return document.tables


def test_a_stacked_row_splits_at_circled_numbers_as_printed_on_the_page(corpus):
    """고용노동부 (ai-budget-2026) p. 2: the 기능별 분류 stacks ``○ … (합계)``, ``① 정보시스템
    구축``, eleven ``․`` items and ``②``…``⑥`` in one ruled row. Each is its own row with the
    figures printed beside it (checked on the rendered page), and the 합계 reconciles."""
    (table,) = [
        t for t in _page_tables(corpus, "고용노동부.pdf", 2) if "기능별 분류" in t.grid()[2][0]
    ]
    rows = {" ".join(row[0].split()): row for row in table.grid()[2:]}
    assert rows["○ 기능별 분류(합계)"][1] == "22,139"
    assert rows["① 정보시스템 구축"][1:4] == ["1,523", "2,295", "2,287"]
    assert rows["․정보화사업 평가 및 만족도조사"][1] == "17"
    assert rows["․과태료ㆍ이행강제금 징수관리시스템 개선"][6] == "397"
    first_level = ["①", "②", "③", "④", "⑤", "⑥"]
    top = [row for label, row in rows.items() if label[0] in first_level]
    assert len(top) == 6
    assert sum(int(row[1].replace(",", "")) for row in top) == 22_139


def test_boxes_filled_white_are_no_rules(corpus):
    """국방부 (ai-budget-2026) p. 8: the 기능별 table draws white boxes behind the text of
    some cells (the label and the right-hand columns), none behind the others. They show
    nothing on the page; taken for rules they cut those columns into rows the others do
    not have (``48,626⏎21,026⏎27,600`` in one cell beside ``49,622`` alone). Each printed
    row is one row of figures (checked on the rendered page)."""
    (table,) = [t for t in _page_tables(corpus, "국방부.pdf", 8) if t.n_cols == 14]
    rows = {" ".join(row[0].split()): row for row in table.grid()[3:]}
    assert rows["○ 기능별 분류(합 계)"][1:8] == [
        "48,626", "48,693", "47,839", "588", "266", "49,034", "49,622",
    ]  # fmt: skip
    assert [rows["․비학위"][i] for i in (1, 7, 13)] == [
        "21,026", "22,342", "21,937",
    ]  # fmt: skip
    assert [rows["․학위"][i] for i in (1, 7, 13)] == ["27,600", "27,280", "27,313"]


def test_pdfminer_and_pdfium_pages_leave_out_the_same_white_boxes(corpus):
    """A page pdfminer reads (where PDFium's text is not trusted) leaves the white boxes
    out as a PDFium page does: 국방부 p. 8's table has the same row rules either way."""
    import pdfplumber
    import pypdfium2

    from pipeline.extract.readers.pdf.pdfium import pdfium_page
    from pipeline.extract.readers.pdf.reader import painted_only
    from pipeline.extract.readers.pdf.unruled import find_tables

    path = corpus / "ai-budget-2026" / "국방부.pdf"

    def row_tops(page):  # type: ignore[no-untyped-def]
        (table,) = [t for t in find_tables(page) if t.bbox[1] < 370 < t.bbox[3]]
        return sorted({round(cell[1]) for cell in table.cells})

    with pdfplumber.open(path) as pdf:
        pdfminer_page = pdf.pages[7]
        assert 366 < min(r["top"] for r in pdfminer_page.rects if r["top"] > 360) < 368
        by_pdfminer = row_tops(painted_only(pdfminer_page))
    by_pdfium = row_tops(pdfium_page(pypdfium2.PdfDocument(path), 7))
    assert by_pdfminer == by_pdfium
    assert [top for top in by_pdfium if 360 < top < 430] == [366, 395, 426]


def test_an_item_printed_without_its_marker_is_a_row_of_its_own(corpus):
    """국가데이터처 (ai-budget-2026) p. 50: in a body of stacked rows, ``시설장비유지비(210-09))``
    has no marker, under ``․AI·디지털 학습관``; each line prints figures of its own (706 and
    -, 983 and 45), so it is a row, not the second line of a wrapped name. A wrapped name
    beside one figure stays one row (``․법무정보·사이버⏎보안시스템운영``, 법무부 p. 36)."""
    (table,) = [t for t in _page_tables(corpus, "국가데이터처.pdf", 50) if t.n_cols == 14]
    rows = {row[0]: row for row in table.grid()}
    assert [rows["․AI·디지털 학습관"][i] for i in (6, 13)] == ["706", "983"]
    assert [rows["시설장비유지비(210-09))"][i] for i in (6, 13)] == ["-", "45"]
    labels = [row[0] for t in _page_tables(corpus, "법무부.pdf", 36) for row in t.grid()]
    assert "․법무정보·사이버\n보안시스템운영" in labels


@pytest.mark.parametrize(
    ("number", "sign"), [(1, "①"), (20, "⑳"), (21, "㉑"), (35, "㉟"), (36, "㊱"), (50, "㊿")]
)
def test_circled_numbers_of_unicode(number, sign):
    from pipeline.extract.readers.pdf.overlaid import circled_number

    assert circled_number(number) == sign
    assert circled_number(0) is None and circled_number(51) is None


def test_a_digit_drawn_inside_a_circle_is_the_circled_number(corpus):
    """해양경찰청 (ai-budget-2026) p. 29: the 산출 근거 box prints ``①``, ``②`` as HWP's 글자
    겹치기, a 10-pt ``◯`` with a 7-pt digit inside it (checked on the rendered page). Both
    readers give one circled number where the text layer has two glyphs; on every page of
    the 24 books whose text layer has a circle before a digit, none is left in the text."""
    import pypdfium2

    from pipeline.extract.readers.pdf import read_pdf_range

    def texts(data: bytes, number: int, pdfium: bool = True) -> list[str]:
        blocks = read_pdf_range(data, number, number, pdfium=pdfium).blocks
        return [b.text for b in blocks if isinstance(b, Paragraph)] + [
            c.text for b in blocks if isinstance(b, Table) for c in b.cells
        ]

    data = (corpus / "ai-budget-2026" / "해양경찰청.pdf").read_bytes()
    for pdfium in (True, False):
        assert "① 해양환경 위기대응 통합지원시스템 구축" in texts(data, 29, pdfium)
        assert "② 차세대 통합 장비관리시스템 구축" in texts(data, 29, pdfium)
    drawn = []
    for path in sorted((corpus / "ai-budget-2026").glob("*.pdf")):
        pdf = pypdfium2.PdfDocument(path)
        drawn += [
            (path, i + 1)
            for i, page in enumerate(pdf)
            if re.search(r"[◯○]\d", page.get_textpage().get_text_range())
        ]
        pdf.close()
    assert len(drawn) == 8
    left = [
        (path.name, number, text)
        for path, number in drawn
        for text in texts(path.read_bytes(), number)
        if re.search(r"[◯○]\d", text)
    ]
    assert left == []


def test_a_page_printing_its_number_and_the_books_keeps_both_out_of_its_text():
    """방송미디어통신위원회 (ai-budget-2026) p. 33 prints ``- 4 -`` over ``- 3278 -``: both are
    the page's numbers, not a line of the box above them."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842))
    page.drawString(72, 700, "budget 1,000")
    page.drawString(280, 40, "- 4 -")
    page.drawString(270, 28, "- 3278 -")
    page.save()
    document = bytes_to_document(buffer.getvalue(), "two-numbers.pdf")
    assert [b.text for b in document.paragraphs] == ["budget 1,000"]
    assert document.page_info[0].printed == "- 4 -\n- 3278 -"
