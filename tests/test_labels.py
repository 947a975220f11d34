"""Row labels normalised (issue 14, point 7): ``․ 일 반 수 용 비``, ``업 무환경`` and
``연구개발활동비등(360-05)`` are ``일반수용비``, ``업무환경`` and ``연구개발활동비등`` in
``account``, the marker in ``marker``, the 목 code in ``account_code`` and the label as
printed in ``account_printed``, so one 비목 joins across tables and documents."""

from __future__ import annotations

import re

import pytest

from pipeline.budget import normalise_label, row_kind
from pipeline.budget.totals import is_total_label
from pipeline.checks.rules.breakdown import _accounts_match
from pipeline.transform.breakdown import raw_lines_to_tree


@pytest.mark.parametrize(
    ("printed", "name", "marker", "code"),
    [
        # the examples
        ("․ 일 반 수 용 비", "일반수용비", "․", None),  # spaced letter by letter
        ("․ 국 외 교 육 여 비", "국외교육여비", "․", None),
        ("업 무환경", "업무환경", None, None),  # a syllable left alone by a line wrap
        ("연구개발활동비등(360-05)", "연구개발활동비등", None, "360-05"),
        # the forms of a 목 code at a label's end
        ("․ 기 타 민 간 융 자 금 (450-04)", "기타민간융자금", "․", "450-04"),
        ("- 민 간 경 상 보 조 (320-01)", "민간경상보조", "-", "320-01"),
        ("-민간경상보조(320-01)", "민간경상보조", "-", "320-01"),
        ("일반수용비 210-01", "일반수용비", None, "210-01"),
        ("․공공요금및제세210-02)", "공공요금및제세", "․", "210-02"),  # a bracket lost
        ("ㆍ연구개발활동비 등(360-05)", "연구개발활동비등", "ㆍ", "360-05"),  # a 비목's spaces
        ("․공공요금 및 제세 (210-02)", "공공요금및제세", "․", "210-02"),
        ("· 국외교육여비(220-03)", "국외교육여비", "•", "220-03"),  # `·` is `•`
        ("․일반출연금-사업 출연금(350-02)", "사업출연금", "․", "350-02"),  # under its 편성목
        ("․연구개발출연금-연구개발활동비 등(360-05)", "연구개발활동비등", "․", "360-05"),
        # totals keep a name one recognises
        ("계", "계", None, None),
        ("합 계", "합계", None, None),
        ("○ 기능별 분류(합계)", "기능별 분류(합계)", "○", None),
        ("○ 기 능 별 분류(합계)", "기능별 분류(합계)", "○", None),
        # markers of every kind
        ("-기타민간융자금", "기타민간융자금", "-", None),
        ("가. 하절기바우처", "하절기바우처", "가.", None),
    ],
)
def test_a_label_is_its_name_marker_and_code(printed, name, marker, code):
    assert normalise_label(printed) == (name, marker, code)


@pytest.mark.parametrize(
    "printed",
    [
        "가명정보 실태 모니터링",
        "개인정보 이노베이션 존 운영 지원",  # a one-syllable word between words
        "장기임대 등",
        "AI 기본사회 구현",
        "청년 및 여성 일자리 지원",
        "행정서비스통합 포털운영(정보화) (2047-500)",  # a 사업 code, no 목 code
    ],
)
def test_words_keep_their_spaces(printed):
    assert normalise_label(printed) == (printed, None, None)


def test_a_number_is_not_a_marker_and_a_label_is_never_empty():
    assert normalise_label("-5") == ("-5", None, None)
    assert normalise_label("(210-01)") == ("(210-01)", None, "210-01")
    assert normalise_label("") == ("", None, None)


def test_totals_stay_totals():
    for printed in ("계", "합 계", "○ 기능별 분류(합계)", "○ 비목별 분류(합계)", "총계"):
        assert row_kind(printed) == "total"
        assert is_total_label(normalise_label(printed).name)
    assert row_kind("․ 일 반 수 용 비") == "item"


def raw(text, account=None, amount=None):
    return {
        "text": text,
        "account": account,
        "fiscal_year": None,
        "amount_printed": amount,
        "unit_note": None,
        "page": None,
        "line_no": None,
        "table_index": 0,
        "row_index": 0,
    }


def test_a_line_takes_its_account_cell_normalised():
    lines, _ = raw_lines_to_tree([raw("○ 사무용품 = 1,000천원", account="일 반 수 용 비 (210-01)")])
    (line,) = lines
    assert (line["account"], line["account_code"], line["account_printed"]) == (
        "일반수용비",
        "210-01",
        "일 반 수 용 비 (210-01)",
    )


def test_a_coded_line_names_the_account_of_the_lines_under_it():
    lines, _ = raw_lines_to_tree(
        [
            raw("○ 사업 개요"),
            raw("○ 연구개발활동비 등(360-05) = 3,000천원"),
            raw("- 연구과제 = 3,000천원"),
            raw("○ 관리용역비(210-15):5,685천원○관리용역비(210-15)"),  # lines run together
        ]
    )
    assert [(ln["account"], ln["account_code"], ln["account_printed"]) for ln in lines] == [
        (None, None, None),
        ("연구개발활동비등", "360-05", None),
        ("연구개발활동비등", "360-05", None),
        (None, None, None),
    ]


def cell(account, code, amount, printed=None):
    return {
        "document_id": "d",
        "account": account,
        "account_code": code,
        "account_printed": printed or account,
        "phase": "예산",
        "column_letter": "B",
        "fiscal_year": 2026,
        "row_kind": "item",
        "amount_won": amount,
        "table_index": 0,
        "row_index": 1,
        "col_index": 1,
        "column_label": "2026 예산(B)",
        "unit": "천원",
        "page": None,
        "line_no": None,
    }


def line(account, code, amount):
    return {
        "document_id": "d",
        "line_id": 1,
        "account": account,
        "account_code": code,
        "account_printed": account,
        "amount_won": amount,
        "name": "가",
        "table_index": 0,
        "row_index": 1,
        "page": None,
        "line_no": None,
        "unit": "천원",
    }


def test_a_code_printed_on_one_side_only_still_joins():
    summary = [cell("일반수용비", "210-01", 1_000_000, "․ 일 반 수 용 비 (210-01)")]
    findings = list(_accounts_match("d", summary, [line("일반수용비", None, 1_000_000)], None))
    assert [(f.status, f.expected, f.actual) for f in findings] == [("pass", 1e6, 1e6)]
    assert "(․ 일 반 수 용 비 (210-01))" in findings[0].location  # where it is printed


def test_one_name_with_two_codes_is_two_accounts():
    summary = [cell("고용부담금", "110-03", 1_000_000), cell("고용부담금", "320-09", 2_000_000)]
    lines = [line("고용부담금", "110-03", 1_000_000), line("고용부담금", "320-09", 2_000_000)]
    findings = list(_accounts_match("d", summary, lines, None))
    assert [f.status for f in findings] == ["pass", "pass"]


# ---- the ai-budget-2026 books ----

CODED = re.compile(r"\(\s*\d{3}-\d{2}\s*\)")
MARKER_OR_SPACE = re.compile(r"^[○●◦ㅇ□■\-–−▷▶•·∙ㆍ․‧*]|\s")


def test_every_coded_row_of_a_book_has_its_name_and_code(ai_mart):
    rows = ai_mart.execute(
        "SELECT DISTINCT account_printed, account, account_code FROM budget_summary"
    ).fetchall()
    coded = [row for row in rows if CODED.search(row[0])]
    assert len(coded) >= 150  # the 비목별 분류 rows of every 총괄표
    assert [row for row in coded if row[2] is None] == []
    assert [row for row in coded if MARKER_OR_SPACE.search(row[1])] == []
    names = {account for _, account, _ in coded}
    assert len(names) < len({printed for printed, _, _ in coded}) / 2  # variants made one
    assert {"연구개발활동비등", "일반수용비", "민간경상보조", "공공요금및제세"} <= names


def test_one_biomok_is_one_account_in_both_tables_of_a_project(ai_mart):
    """연구개발활동비등 (360-05) of a 세부사업's 총괄표 and of its 산출내역, however each
    prints it (``․연구개발활동비 등(360-05)``, ``○ 연구개발활동비등 (360-05)``)."""
    query = """
        SELECT DISTINCT document_id, project, account FROM {table}
        WHERE account_code = '360-05' AND {printed} LIKE '%연구개발활동비%등%'
    """
    summary = set(
        ai_mart.execute(query.format(table="budget_summary", printed="account_printed")).fetchall()
    )
    lines = set(ai_mart.execute(query.format(table="breakdown_lines", printed="name")).fetchall())
    assert {account for _, _, account in summary | lines} == {"연구개발활동비등"}
    projects = {row[:2] for row in summary} & {row[:2] for row in lines}
    assert len(projects) >= 15  # 15 세부사업 print it in both
    joined = ai_mart.execute(
        """
        SELECT count(DISTINCT (s.document_id, s.project, s.account, s.account_code))
        FROM budget_summary s JOIN breakdown_lines l
          USING (document_id, project, account, account_code)
        """
    ).fetchone()[0]
    assert joined >= 100  # (세부사업, 비목) pairs that join on the normalised account
