"""The 2026 정부 AI 예산사업 설명자료 (``../shared/corpus/ai-budget-2026``): 24 ministries'
books of 147 세부사업 in the 기획재정부 사업설명자료 form of 2026, against
``peer_verified.tsv``, another project's verified reading of each 총괄표 (백만원).

Every 세부사업 is its own section with its name, number and code; every peer value is in
``budget_summary`` with its project, year and phase, but for the cases listed below, each
looked at on its rendered page: where the page prints no number (``-``, ``순증``) the peer's
figure is its own.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import duckdb

COLUMNS = (
    "budget_2024",
    "budget_2025",
    "budget_2025_sup",
    "budget_2026_req",
    "budget_2026",
    "change_amount",
    "change_rate",
)
# (ministry, peer's project, peer's column): why the peer's figure is not in budget_summary.
DIFFERENCES = {
    # the page prints "-" (nothing), which yesan keeps as unknown, where the peer reads 0
    **{
        (ministry, project, column): "the page prints '-'"
        for ministry, project in (
            ("교육부", "소프트웨어인재양성기반구축"),
            ("방송미디어통신위원회", "안전한 AI 활용 기반 조성"),
            ("중소벤처기업부", "중소기업 스마트 서비스 지원"),
            ("중소벤처기업부", "지역특화 제조데이터 활성화"),
        )
        for column in ("change_amount", "change_rate")
    },
    ("소방청", "위험물 시설 화재·폭발 사고 예방 및 대응 기술개발(R&D)", "change_amount"): (
        "the page prints 순증 in the 증감 column: 3,500 is the peer's own B − A"
    ),
}


# The peer's name where the page prints another: 법무부 p. 50 (name box, code table and
# 총괄표) prints 재범징후의 선제적 감지 및 대응력 강화(R&D).
PEER_NAMES = {
    "재범징후의 선제적 감지 및 대응력 강화기술 연구개발사업(R&D)": (
        "재범징후의 선제적 감지 및 대응력 강화(R&D)"
    ),
}


def keys(name: str | None) -> tuple[str, str]:
    """A project name compared across readings, strictly (NFKC, so Ⅱ is II; letters and
    digits only) and loosely (bracketed notes, R&D and 정보화 left out too)."""
    text = unicodedata.normalize("NFKC", name or "")
    loose = re.sub(r"\([^)]*\)|R&D|정보화", "", text)
    return re.sub(r"[^0-9A-Za-z가-힣]", "", text), "~" + re.sub(r"[^0-9A-Za-z가-힣]", "", loose)


def find(names: dict[tuple[str, str], str], ministry: str, row: dict[str, str]) -> str | None:
    """The mart's name of the peer's project, matched strictly first."""
    strict, loose = keys(PEER_NAMES.get(row["project_name"], row["project_name"]))
    return names.get((ministry, strict)) or names.get((ministry, loose))


def peer_rows(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "ai-budget-2026" / "peer_verified.tsv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def ministry(path: str) -> str:
    return Path(path).stem


def our_projects(mart: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """(ministry, base name) → the project's name in the mart, by its name box and by the
    row labels of its own 총괄표 (another reading may name it as the 총괄표 does)."""
    names: dict[tuple[str, str], str] = {}
    labels = mart.execute(
        "SELECT DISTINCT d.path, b.project, b.account FROM budget_summary b "
        "JOIN documents d USING (document_id) WHERE b.column_letter IS NOT NULL"
    ).fetchall()
    boxes = mart.execute(
        "SELECT d.path, p.project, p.project FROM projects p JOIN documents d USING (document_id) "
        "WHERE p.project_code IS NOT NULL"
    ).fetchall()
    for path, project, label in [*boxes, *labels]:
        for key in keys(label):
            names.setdefault((ministry(path), key), project)
    return names


def test_every_project_of_every_book_is_a_section_with_its_code(ai_mart, corpus):
    rows = ai_mart.execute(
        "SELECT d.path, p.project, p.project_number, p.project_code, p.page FROM projects p "
        "JOIN documents d USING (document_id) WHERE p.project_code IS NOT NULL"
    ).fetchall()
    assert len(rows) == 148  # the peer's 147 and 행정안전부's 전자정부 성과평가 (pp. 119-120)
    assert all(re.fullmatch(r"\d{4}-\d{3}", code) for _, _, _, code, _ in rows)
    first = {
        (ministry(path), project): (number, code, page)
        for path, project, number, code, page in rows
    }
    assert first[("고용노동부", "내일배움카드(고보)")] == (12, "1151-352", 12)
    assert first[("개인정보보호위원회", "개인정보 안전활용 선도기술 개발(R&D)")] == (
        10,
        "1033-307",
        1,
    )
    assert first[("법무부", "법률구조")] == (None, "1131-300", 13)  # no number printed
    names = our_projects(ai_mart)
    unnamed = [
        (p["dept_name"], p["project_name"])
        for p in peer_rows(corpus)
        if find(names, p["dept_name"], p) is None
    ]
    assert unnamed == []


def test_a_project_never_takes_its_name_from_the_next_tables_header(ai_mart):
    """The 사업 소관부처 및 시행주체 table prints ``사업명 | 구분``: no project is named 구분."""
    projects = {
        p for (p,) in ai_mart.execute("SELECT DISTINCT project FROM budget_summary").fetchall()
    }
    assert "구분" not in projects and None not in projects


def test_every_peer_value_is_in_budget_summary_with_its_project_year_and_phase(ai_mart, corpus):
    names = our_projects(ai_mart)
    cells: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for path, project, year, phase, letter, won, percent in ai_mart.execute(
        "SELECT d.path, b.project, b.fiscal_year, b.phase, b.column_letter, b.amount_won, "
        "b.percent FROM budget_summary b JOIN documents d USING (document_id)"
    ).fetchall():
        cells[(ministry(path), project)].append((year, phase, letter, won, percent))
    found, differing = 0, {}
    for peer in peer_rows(corpus):
        key = (peer["dept_name"], find(names, peer["dept_name"], peer))
        for column in COLUMNS:
            if peer[column] == "":
                continue
            value = float(peer[column])
            if any(_holds(column, value, cell) for cell in cells[key]):
                found += 1
            else:
                differing[(peer["dept_name"], peer["project_name"], column)] = value
    assert set(differing) == set(DIFFERENCES)
    assert found == 854  # of the 863 values the peer gives: all but the 9 above


def _holds(column: str, value: float, cell: tuple) -> bool:
    """Whether a ``budget_summary`` cell is the peer's ``column`` with ``value``."""
    year, phase, letter, won, percent = cell
    if column == "change_rate":
        return phase == "증감률" and percent is not None and abs(percent - value) < 1e-9
    placed = {
        "budget_2024": year == 2024 and phase == "결산",
        "budget_2025": year == 2025 and phase in ("본예산", "예산", "당초"),
        # 추경 where the table prints one, else the (A) column it is compared with
        "budget_2025_sup": year == 2025 and (phase == "추경" or letter == "A"),
        "budget_2026_req": year == 2026 and phase in ("요구안", "정부안"),
        "budget_2026": year == 2026 and letter == "B",
        "change_amount": phase == "증감",
    }[column]
    return placed and won == round(value * 1_000_000)


def test_requests_and_adjustments_are_phases_of_their_own(ai_mart):
    phases = {
        row[0]
        for row in ai_mart.execute(
            "SELECT DISTINCT phase FROM budget_summary WHERE fiscal_year = 2026"
        ).fetchall()
    }
    assert {"요구안", "조정", "본예산", "정부안", "확정"} <= phases
    labels = dict(
        ai_mart.execute(
            "SELECT DISTINCT column_label, phase FROM budget_summary "
            "WHERE column_label IN ('2026년 예산 요구안', '2026년 요구 조정(B)', '요구')"
        ).fetchall()
    )
    assert labels and set(labels.values()) <= {"요구안", "조정"}


def test_every_accepted_inconsistency_of_these_books_is_still_found(ai_mart):
    """``expectations/accepted_findings.yaml`` lists the true inconsistencies of these books,
    each looked at on its page; each is still a failing finding, at the same place."""
    from pipeline.checks.accepted import load_accepted

    accepted = load_accepted(
        Path(__file__).resolve().parent.parent / "expectations" / "accepted_findings.yaml"
    )
    books = {d for (d,) in ai_mart.execute("SELECT document_id FROM documents").fetchall()}
    ours = {key for key in accepted if key[0] in books}
    failing = set(
        ai_mart.execute(
            "SELECT document_id, rule, location FROM findings WHERE status <> 'pass'"
        ).fetchall()
    )
    assert len(ours) > 90
    assert ours - failing == set()


def test_a_table_running_off_its_page_is_read_and_goes_on_on_the_next(ai_mart):
    """고용노동부 pp. 59–60 (rendered and read): the two-year 산출 table runs to the foot of
    p. 59 with only its 예산 cells closed; its 2026 ``ㆍ 중소기업재직근로자지원`` line ends at the
    top of p. 60 (``×1,732천원 + 10만명×135천원= 42,420백만원``). 가. 일반훈련's four lines add up
    to its 210,237백만원, and p. 60's ``ㅇ`` 비목 lines are the table's top level."""
    rows = ai_mart.execute(
        "SELECT b.line_id, b.parent_line_id, b.marker, b.name, b.amount_won, b.page "
        "FROM breakdown_lines b JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%고용노동부.pdf' AND b.fiscal_year = 2026 AND b.page IN (59, 60) "
        "AND b.form = 'table' ORDER BY b.line_id"
    ).fetchall()
    (general,) = [r for r in rows if r[3] == "일반훈련"]
    children = [r for r in rows if r[1] == general[0]]
    assert [(r[3][:8], r[4] // 1_000_000) for r in children] == [
        ("일반직무훈련", 129_973),
        ("유급휴가훈련", 15_864),
        ("중소기업재직근로", 42_420),
        ("최신원격훈련", 21_980),
    ]
    assert general[4] == sum(r[4] for r in children) == 210_237_000_000
    accounts = [r for r in rows if r[2] == "ㅇ"]
    assert [r[3] for r in accounts] == [
        "보험금(320-04)",
        "민간경상보조(320-01)",
        "일반용역비(210-14)",
        "출연금(350-02)",
    ]
    assert all(r[1] is None for r in accounts)
