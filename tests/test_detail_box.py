"""예산 세부 내역 boxes in a work plan: 2022년 국립국어원 업무계획.hwp, its 27 lines, their
amounts in 억원/백만원, formulas, and the three places where the source disagrees."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_project, run_and_open

NAME = "2022년 국립국어원 업무계획.hwp"


@pytest.fixture(scope="module")
def mart(corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    source = corpus / "hwp-hwpx-pdf" / NAME
    project = make_project(tmp_path_factory.mktemp("nikl"), {NAME: source.read_bytes()})
    with run_and_open(project) as (_, connection):
        yield connection


def test_the_box_becomes_a_tree_of_lines(mart):
    tops = mart.execute(
        "SELECT name, amount_won, fiscal_year FROM breakdown_lines "
        "WHERE parent_line_id IS NULL ORDER BY line_id"
    ).fetchall()
    assert tops == [
        ("인공지능의 한국어능력 평가체계 개발, 운영", 2_070_000_000, 2023),
        ("인공지능 활용 일반국민의 국어능력 진단체계 개발", 2_000_000_000, 2023),
        ("인공지능 활용 공공기관 언어 사용 평가 지원 체계 개발", 500_000_000, 2023),
    ]
    assert mart.execute("SELECT count(*), count(amount_won) FROM breakdown_lines").fetchone() == (
        27,
        20,
    )
    bare = mart.execute(
        "SELECT amount_won FROM breakdown_lines WHERE name LIKE '인프라(시설%'"
    ).fetchone()
    assert bare == (100_000_000,)  # ``확보 100백만원``: an amount that ends the line


def test_formulas_are_parsed(mart):
    formulas = mart.execute(
        "SELECT formula, formula_product_won, formula_status FROM breakdown_lines "
        "WHERE formula IS NOT NULL ORDER BY line_id"
    ).fetchall()
    assert formulas == [
        ("2명*3.5백만원", 7_000_000, "mismatch"),
        ("(20만원×3,000명)", 600_000_000, None),
        ("3명*12.8백만원*12개월", 460_800_000, None),
        ("2명*3.5백만원", 7_000_000, "mismatch"),
    ]


def test_the_findings_say_where_the_source_disagrees(mart):
    fails = mart.execute(
        "SELECT rule, location, expected, actual FROM findings WHERE status = 'fail' "
        "AND rule NOT LIKE '%-suite' ORDER BY rule, location"
    ).fetchall()
    assert fails == [
        (
            "formula-matches-amount",
            "산출내역 line 27 (학예(연구)보조 공무직), table 41, row 0",
            7_000_000,
            70_000_000,
        ),
        (
            "formula-matches-amount",
            "산출내역 line 8 (학예(연구)보조 공무직), table 41, row 0",
            7_000_000,
            70_000_000,
        ),
        (
            "parent-equals-children",
            "산출내역 line 19 (공무직 인건비), table 41, row 0",
            460_800_000,
            100_000_000,
        ),
    ]
    (suite,) = mart.execute(
        "SELECT status, message FROM findings WHERE rule = 'reconciliation-suite'"
    ).fetchall()
    named = sorted(re.findall(r"line_id=(\d+)", suite[1]))
    assert suite[0] == "fail" and named == ["19", "27", "8"]  # the suite names the same lines
    passes = mart.execute(
        "SELECT count(*) FROM findings WHERE rule = 'parent-equals-children' AND status = 'pass'"
    ).fetchone()
    assert passes == (8,)  # 20.7억원 = 1,500 + 500 + 70 백만원, 20억원, 5억원, and the rest
