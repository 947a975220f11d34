"""추진일정: the reference schedule is recognised; tables that are not schedules are not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.budget.labels import squash
from pipeline.extract import bytes_to_document, read_document
from pipeline.extract.recognise.schedule import find_schedule_rows, is_period
from pipeline.model import Document, Table
from tests.conftest import ROOT, SAMPLE

REFERENCE_STEPS = [
    ("계", "", "653,465", ""),
    ("협치자문 운영", "2017.01~2017.12", "77,265", "연중"),
    ("협치협의회 및 추진단 운영", "2017.01~2017.12", "27,200", "연중"),
    ("협치사업 시민 대토론회", "2017.04~2017.10", "100,000", "1회 운영"),
    ("워크숍 및 포럼 개최", "2017.01~2017.12", "60,000", "4회 개최"),
    ("협치 네트워크 운영", "2017.01~2017.12", "69,200", "연중"),
    ("조사용역비 모니터링", "2017.01~2017.12", "100,000", "연중"),
    ("협치교육 운영", "2017.01~2017.12", "190,000", "연중"),
    ("민간자원연계 민관공동협력사업", "2017.01~2017.12", "29,800", "연중"),
]


def steps(rows: list[dict]) -> list[tuple[str, str, str, str]]:
    return [(r["step"], r["period"], r["amount"], r["detail"]) for r in rows]


def table_with(document: Document, text: str) -> Table:
    """The one table of ``document`` with a cell containing ``text``."""
    (table,) = [t for t in document.tables if any(text in cell for row in t.grid() for cell in row)]
    return table


def rows_of(table: Table, document: Document) -> list[dict]:
    return [r for r in find_schedule_rows(document) if r["table_index"] == table.index]


def test_the_reference_schedule_keeps_its_steps_periods_and_amounts():
    rows = find_schedule_rows(read_document(SAMPLE))
    assert steps(rows) == REFERENCE_STEPS
    assert {r["table_index"] for r in rows} == {8}
    assert [r["row_index"] for r in rows] == list(range(1, 10))
    assert [r["line_no"] for r in rows] == list(range(229, 238))
    assert {r["unit_note"] for r in rows} == {"(단위 : 천원)"}


def test_the_reference_pdf_schedule_is_the_same_across_its_page_break():
    rows = find_schedule_rows(read_document(ROOT / "raw" / "000_2427d1ecc5489c44.pdf"))
    assert steps(rows) == REFERENCE_STEPS
    assert [r["page"] for r in rows] == [4] * 7 + [5] * 2


SCHEDULE = """□ 추진일정

(단위 : 백만원)

| 추진단계 | 추진일정 | 금액 | 비고 |
|---|---|---|---|
| 계 | | 1,200 | |
| 기본계획 수립 | '17.1월 ~ 2월 | 200 | |
| 과제 공모 및 선정 | 1/4분기 | - | 공고 |
| 과제 수행 | '17.3월 ~ 12월 | 1,000 | 연중 |
"""


def test_a_schedule_of_months_and_quarters_is_recognised():
    rows = find_schedule_rows(bytes_to_document(SCHEDULE.encode(), "schedule.txt"))
    assert steps(rows) == [
        ("계", "", "1,200", ""),
        ("기본계획 수립", "'17.1월 ~ 2월", "200", ""),
        ("과제 공모 및 선정", "1/4분기", "-", "공고"),
        ("과제 수행", "'17.3월 ~ 12월", "1,000", "연중"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017.01~2017.12", True),
        ("'17.1월~12월", True),
        ("1/4분기", True),
        ("연중", True),
        ("2026~2030", True),
        ("주관기관", False),
        ("착수연도", False),
        ("3", False),  # a row number
        ("설계비낙찰차액감액", False),
    ],
)
def test_what_reads_as_a_period(text, expected):
    assert is_period(text) is expected


def test_a_kyeolsan_table_is_not_a_schedule(corpus: Path):
    """A 주요 결산사항 (연도 | 이월·불용 사유): execution of past years, not a schedule; also
    when a page break prints it from a later year, a row that names 기간 and 예산."""
    document = read_document(corpus / "ai-budget-2026" / "국방부.pdf")
    table = table_with(document, "공군 로봇군견 도입")
    assert table.caption == "주요 결산사항"
    assert [row[0] for row in table.grid()] == ["2022", "2023", "2024", "2025"]
    assert rows_of(table, document) == []
    continued = Table(
        0, [replace(c, row=c.row - 1) for c in table.cells if c.row >= 1], page=table.page
    )
    first = squash(continued.grid()[0][1])
    assert "연구기간" in first and "예산" in first
    assert find_schedule_rows(Document("id", "kyeolsan.pdf", "pdf", blocks=[continued])) == []


def test_a_project_overview_of_period_agency_and_contact_is_not_a_schedule(corpus: Path):
    """사업기간 | 2026 ~ 2030 | 총사업비, then 주관기관 and 담당자: names, not steps."""
    document = read_document(corpus / "ai-budget-2026" / "소방청.pdf")
    table = table_with(document, "기획재정담당관 박정우")
    assert [row[0] for row in table.grid()] == ["사업기간", "주관기관", "담당자"]
    assert table.grid()[0][2] == "총사업비"
    assert rows_of(table, document) == []


def test_a_review_report_of_the_national_assembly_is_not_a_schedule(corpus: Path):
    """예결위·예정처 검토보고서 (지적 / 조치 text) whose prose names 공사기간 and 예산."""
    document = read_document(corpus / "ai-budget-2026" / "우주항공청.pdf")
    table = table_with(document, "민간 소형발사체 발사장")
    assert [row[0].split()[0] for row in table.grid()] == ["예결위", "예정처"]
    assert rows_of(table, document) == []


def test_a_total_cost_change_history_is_not_a_schedule(corpus: Path):
    """총사업비 변경내역: 최초, (1)차 변경 … by 착수연도 and 완료연도, not steps and periods."""
    document = read_document(corpus / "ai-budget-2026" / "질병관리청.pdf")
    table = table_with(document, "설계비 낙찰차액 감액")
    assert table.grid()[0][:3] == ["구분", "변경연도", "총사업비"]
    assert [row[0] for row in table.grid()[2:]] == ["최초", "(1)차 변경", "(2)차 변경", "2026년도"]
    assert rows_of(table, document) == []


def test_an_empty_track_record_form_is_not_a_schedule(corpus: Path):
    """A 사업수행 실적 총괄표 form (행사명 | 수행기간 | 계약금액), numbered rows left blank."""
    document = read_document(corpus / "negative" / "test.hwpx")
    table = table_with(document, "실적확인이")
    assert table.grid()[0][1:4] == ["행  사  명", "수행기간", "계약금액\n(천원)"]
    assert rows_of(table, document) == []
