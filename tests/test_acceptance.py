"""Issue 2's acceptance figures, read with SQL from the mart that `yesan run` built."""

from __future__ import annotations

from tests.conftest import SAMPLE_ID


def test_run_succeeds_and_prints_a_summary(sample_run):
    _, result = sample_run
    assert result.exit_code == 0, result.output
    assert "documents read: 1, quarantined: 0, warnings: 0, unchanged" in result.output
    assert "breakdown_lines" in result.output and "42" in result.output
    assert "suites: 15 of 15 passed" in result.output


def amount(mart, account: str, year: int | None, phase: str):
    return mart.execute(
        "SELECT amount_won FROM budget_summary WHERE account = ? AND phase = ? "
        "AND fiscal_year IS NOT DISTINCT FROM ?",
        [account, phase, year],
    ).fetchone()[0]


def test_budget_summary_amounts_in_won(mart):
    assert amount(mart, "계", 2017, "예산") == 663_465_000
    assert amount(mart, "사무관리비", 2017, "예산") == 653_465_000
    assert amount(mart, "시책추진업무추진비", 2017, "예산") == 10_000_000
    assert amount(mart, "계", 2016, "예산") == 691_705_000
    assert amount(mart, "계", 2015, "예산") is None  # empty: unknown, not 0
    assert amount(mart, "계", None, "증감") == -28_240_000


def test_change_rate_is_a_percent_not_an_amount(mart):
    row = mart.execute(
        "SELECT amount_won, percent, unit FROM budget_summary WHERE account = '계' "
        "AND phase = '증감률'"
    ).fetchone()
    assert row == (None, -4.0, "%")


def test_documents_row(mart):
    assert mart.execute("SELECT document_id, format, title FROM documents").fetchall() == [
        (SAMPLE_ID, "text", "민관협치 체계구축 및 활성화 지원")
    ]


def test_breakdown_lines_counts_and_formulas(mart):
    by_account = dict(
        mart.execute("SELECT account, count(*) FROM breakdown_lines GROUP BY account").fetchall()
    )
    assert by_account == {"사무관리비": 41, "시책추진업무추진비": 1}
    statuses = dict(
        mart.execute(
            "SELECT formula_status, count(*) FROM breakdown_lines "
            "WHERE formula IS NOT NULL GROUP BY ALL"
        ).fetchall()
    )
    assert statuses == {"exact": 27, "rounded": 2}


def test_breakdown_tree_levels_and_parents(mart):
    rows = mart.execute(
        """
        SELECT l.level, l.amount_won, l.formula_product_won, p.name, g.name, g.account
        FROM breakdown_lines l
        JOIN breakdown_lines p ON p.document_id = l.document_id AND p.line_id = l.parent_line_id
        JOIN breakdown_lines g ON g.document_id = p.document_id AND g.line_id = p.parent_line_id
        WHERE l.name = '협치자문관 운영'
        """
    ).fetchall()
    assert rows == [(3, 50_390_000, 50_389_200, "협치자문운영", "협치체계구축", "사무관리비")]
    levels = mart.execute(
        "SELECT marker, min(level), max(level) FROM breakdown_lines GROUP BY marker ORDER BY 2"
    ).fetchall()
    assert levels == [("○", 1, 1), ("-", 2, 2), ("▷", 3, 3), ("•", 4, 4)]


def test_breakdown_wrapped_name_and_amount_column(mart):
    names = {
        row[0]: row[1:]
        for row in mart.execute(
            "SELECT name, amount_won, formula FROM breakdown_lines WHERE line_id IN (15, 17, 27)"
        ).fetchall()
    }
    assert names == {
        "협치진행 시범사업 추진(기획,회의운영비,아카이빙단 운영 등)": (
            29_200_000,
            "29,200,000원*1식",
        ),
        "협치실행사업 조사용역비": (75_000_000, "15,000,000원*5회"),
        "강사료1(주강사)": (20_000_000, "500,000원(특별2급,2시간)*40회"),
    }


def test_formula_factors(mart):
    factors = mart.execute(
        "SELECT printed, value, unit, role, note FROM breakdown_formula_factors "
        "WHERE line_id = 27 ORDER BY position"
    ).fetchall()
    assert factors == [
        ("500,000원(특별2급,2시간)", 500000.0, "원", "money", "(특별2급,2시간)"),
        ("40회", 40.0, "회", "count", None),
    ]


def test_exactly_one_failing_finding_with_both_figures(mart):
    failures = mart.execute(
        "SELECT rule, location, expected, actual, difference FROM findings "
        "WHERE status = 'fail' AND rule NOT LIKE '%-suite'"
    ).fetchall()
    assert failures == [
        (
            "total-equals-rows",
            "table 4, row 2 (계), column 2 (2016예산액 (A))",
            457_505_000.0,
            691_705_000.0,
            234_200_000.0,
        )
    ]
    rules = {r[0] for r in mart.execute("SELECT DISTINCT rule FROM findings").fetchall()}
    assert rules == {
        "total-equals-rows",
        "change-equals-difference",
        "change-rate-matches",
        "parent-equals-children",
        "formula-matches-amount",
        "summary-matches-breakdown",
        "schedule-total-equals-rows",
        "total-cost-equals-sources",
        "data-quality-suite",
        "reconciliation-suite",
    }
    suites = mart.execute(
        "SELECT location, status, expected = actual FROM findings "
        "WHERE rule = 'data-quality-suite' ORDER BY location"
    ).fetchall()
    assert len(suites) == 15 and all(row[1:] == ("pass", True) for row in suites)


def test_projects_overview(mart):
    row = mart.execute(
        "SELECT period, total_cost_won, national_won, city_won, district_won, "
        "subsidy_rate_percent, project_type, continuity, nature FROM projects"
    ).fetchone()
    assert row == (
        "2017.01 ~ 2017.12",
        663_465_000,
        None,
        663_465_000,
        None,
        0.0,
        "직접수행",
        "계속",
        "경상",
    )


def test_schedule_and_contacts(mart):
    total = mart.execute("SELECT amount_won FROM schedule WHERE step = '계'").fetchone()
    assert total == (653_465_000,)
    assert mart.execute("SELECT count(*) FROM schedule WHERE step <> '계'").fetchone() == (8,)
    people = mart.execute(
        "SELECT role, name, phone FROM contacts WHERE department = '민관협력담당관' "
        "ORDER BY row_index, role LIMIT 3"
    ).fetchall()
    assert people == [
        ("과장", "조미숙", "2133-6550"),
        ("주무관", "김홍길", "2133-7792"),
        ("팀장", "이현주", "2133-6572"),
    ]


def test_every_cell_is_loaded_with_its_value(mart):
    assert mart.execute("SELECT count(DISTINCT table_index) FROM cells").fetchone() == (10,)
    cell = mart.execute(
        "SELECT text, value, unit, value_won FROM cells WHERE table_index = 4 AND row_index = 2 "
        "AND col_index = 4"
    ).fetchone()
    assert cell == ("△28,240", -28240.0, "천원", -28_240_000)


def test_summary_totals_view(mart):
    rows = mart.execute(
        "SELECT fiscal_year, total_won, items_won FROM fct_summary_totals ORDER BY fiscal_year"
    ).fetchall()
    assert rows == [
        (2015, None, None),
        (2016, 691_705_000, 457_505_000),
        (2017, 663_465_000, 663_465_000),
    ]
