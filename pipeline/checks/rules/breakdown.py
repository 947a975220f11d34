"""Rules over 산출내역 lines (``breakdown_lines``) and their 예산 총괄."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from pipeline.budget.labels import without_spaces
from pipeline.budget.periods import DERIVED_PHASES
from pipeline.budget.totals import net_term
from pipeline.budget.units import rounding_tolerance_won
from pipeline.checks.report import Finding
from pipeline.checks.rules.common import (
    Row,
    cell_location,
    finding,
    fmt_won,
    int_or_none,
    printed_unit,
    source,
)
from pipeline.checks.rules.registry import rule
from pipeline.staging import in_groups, records

LEDGER_ITEM_LEVEL = 4  # a 목 row of a 예산서내역 (1: 세입/세출 소계, 2: 관, 3: 항)


@rule("parent-equals-children", reads=("breakdown_lines",))
def parent_equals_children(lines: pd.DataFrame) -> Iterator[Finding]:
    """Rule 3: every 산출내역 parent line equals the sum of its children; a child that
    prints no amount counts with its formula's product (``- 공무직 3명*12.8백만원*12개월``).
    A grant printed net of its recipient's own revenue equals its items less the 자체수입
    line under it, and its items add up to the 총지출 line beside that; lines that add up to
    the change from the year before list that change."""
    rows = records(lines)
    children: dict[tuple[str, int], list[tuple[int, Row]]] = {}
    for row in rows:
        value = _line_value(row)
        if row["parent_line_id"] is not None and value is not None:
            key = (row["document_id"], int(row["parent_line_id"]))
            children.setdefault(key, []).append((value, row))
    for line in rows:
        kids = children.get((line["document_id"], int(line["line_id"])))
        if line["amount_won"] is None or not kids:
            continue
        expected, actual = sum(value for value, _ in kids), int(line["amount_won"])
        netted = _net_of_own_revenue(kids)
        expected = netted[0] if netted else expected
        ended = _itemises_the_year_before(line, expected)
        changed = _itemises_the_change(line, expected)
        actual = int(line["prior_amount_won"]) if ended else actual
        actual = actual - int(line["prior_amount_won"]) if changed else actual
        said = (
            " the year before (it ends)"
            if ended
            else " more than the year before"
            if changed
            else ""
        )
        difference = abs(actual - expected)
        rounded = 0 < difference < rounding_tolerance_won(line["amount_printed"], line["unit"])
        yield finding(
            str(line["document_id"]),
            _line(line),
            expected,
            actual,
            f"{line['name']} {fmt_won(actual)}{said}; "
            + (netted[1] if netted else f"its {len(kids)} lines add up to {fmt_won(expected)}"),
            ok=(difference == 0 or rounded) and (netted is None or netted[2]),
            severity="warning" if rounded else None,
            printed_unit=printed_unit(line),
            sources=[source(line, "checked"), *(source(kid) for _, kid in kids)],
        )


def _net_of_own_revenue(kids: list[tuple[int, Row]]) -> tuple[int, str, bool] | None:
    """A grant printed net of its recipient's own revenue (``○ 민간경상보조 63,888`` over
    items, ``○ 총지출 107,906`` and ``○ 자체수입 44,018``): the items less the 자체수입, what
    that says, and whether the items add up to the 총지출 printed."""
    terms = {net_term(kid["name"]): value for value, kid in kids}
    if "gross" not in terms or "revenue" not in terms:
        return None
    items = sum(value for value, kid in kids if net_term(kid["name"]) is None)
    gross, revenue = terms["gross"], terms["revenue"]
    said = (
        f"its items add up to {fmt_won(items)} (총지출 printed {fmt_won(gross)}), "
        f"less 자체수입 {fmt_won(revenue)}: {fmt_won(items - revenue)}"
    )
    return items - revenue, said, items == gross


def _itemises_the_year_before(line: Row, children: int) -> bool:
    """An item that ends (``(’25) 1,049 → (’26) 0백만원, 종료``) lists the money it had the
    year before: its lines add up to the prior year's amount, not to the year's 0."""
    prior = line.get("prior_amount_won")
    return int(line["amount_won"]) == 0 and not pd.isna(prior) and children == int(prior)


def _itemises_the_change(line: Row, children: int) -> bool:
    """An item whose ``(산출)`` lists what changed (``1) 인건비 (2025) 60,297백만원 → (2026)
    62,449백만원, 2,152백만원 증액`` over ``신규인력 40백만원, 처우개선 2,112백만원``): its lines
    add up to the year's amount less the year before's, not to the amount."""
    prior, amount = line.get("prior_amount_won"), int(line["amount_won"])
    if pd.isna(prior) or children == amount or int(prior) == 0:
        return False
    return children == amount - int(prior)


def _line_value(line: Row) -> int | None:
    """What a 산출내역 line adds to its parent: its amount, else its formula's product."""
    value = line["amount_won"] if line["amount_won"] is not None else line["formula_product_won"]
    return None if value is None else int(value)


def _line(line: Row) -> str:
    if pd.notna(line["line_no"]):
        source = f"source line {int_or_none(line['line_no'])}"
    elif pd.notna(line["table_index"]):
        source = f"table {int_or_none(line['table_index'])}, row {int_or_none(line['row_index'])}"
    else:
        source = f"page {int_or_none(line['page'])}"  # a line of a box, not of a table
    return f"산출내역 line {int_or_none(line['line_id'])} ({line['name']}), {source}"


@rule("formula-matches-amount", reads=("breakdown_lines",))
def formula_matches_amount(lines: pd.DataFrame) -> Iterator[Finding]:
    """Rule 4: a formula's product equals its amount: exact, rounded to the unit, or not."""
    for line in records(lines.dropna(subset=["formula_status"])):
        status = line["formula_status"]
        product = int_or_none(line["formula_product_won"])
        yield finding(
            str(line["document_id"]),
            _line(line),
            product,
            int_or_none(line["amount_won"]),
            f"{line['formula']} = {fmt_won(product)}, printed {line['amount_printed']} ({status})",
            ok=status != "mismatch",
            severity="warning" if status == "rounded" else None,
            printed_unit=printed_unit(line),
            sources=[source(line, "checked")],
        )


@rule("summary-matches-breakdown", reads=("budget_summary", "breakdown_lines"))
def summary_matches_breakdown(summary: pd.DataFrame, lines: pd.DataFrame) -> Iterator[Finding]:
    """Rule 5a: each 통계목's budget-year amount equals the sum of its top 산출내역 lines.

    Lines without a 통계목 (no 과목 column) are compared, per year, with the 총괄 total.
    In a budget book, each 세부사업's lines are compared with its own 총괄. A top line
    printing no amount over lines of its own (a heading) counts with the lines below it
    that print one; one printing a formula only counts with its product.
    """
    cells = records(summary)
    documents = in_groups(cells, "document_id")
    projects = in_groups(cells, "document_id", "project")
    books = {
        d for (d,), rows in documents.items() if len({r["project"] for r in rows} - {None}) > 1
    }
    top = records(valued_top_lines(lines))
    for (document_key, project), doc_lines in in_groups(top, "document_id", "project").items():
        document_id = str(document_key)
        book = document_id in books  # a budget book: this 세부사업's own tables
        doc_summary = (
            projects.get((document_id, project), []) if book else documents.get((document_id,), [])
        )
        # The lines of a 과목 column (the 통계목 printed beside them) against their 통계목;
        # the others (a coded 비목 line names no column) against the year's total.
        by_account = [line for line in doc_lines if _in_account_column(line)]
        named = str(project) if book else None  # a book says whose 산출내역 it is
        yield from _accounts_match(document_id, doc_summary, by_account, named)
        yield from _paths_match(document_id, doc_summary, by_account)
        unnamed = [line for line in doc_lines if not _in_account_column(line)]
        yield from _years_match(document_id, doc_summary, unnamed)


def valued_top_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The top lines, a top line that prints no amount but has lines below it (a
    heading) replaced by the first lines below it that print one."""
    below = lines[lines["parent_line_id"].notna()]
    under = pd.MultiIndex.from_arrays([below["document_id"], below["parent_line_id"]])
    level, found = lines[lines["parent_line_id"].isna()], []
    while not level.empty:
        own = pd.MultiIndex.from_arrays([level["document_id"], level["line_id"]])
        heading = (level["amount_won"].isna() & own.isin(under)).to_numpy()
        found.append(level[~heading])
        level = below[under.isin(own[heading])]
    return pd.concat(found) if found else lines.iloc[:0]


def _in_account_column(line: Row) -> bool:
    """A line under a 과목구분 cell (its 통계목 as printed), not only under a 비목 line."""
    return line.get("account_printed", line["account"]) is not None


def _paths_match(document_id: str, summary: list[Row], lines: list[Row]) -> Iterator[Finding]:
    """예산서내역: each 목's last amount (추경 after 당초) equals the sum of its 산출내역
    items, an item without a printed amount counting with its formula's product; a 목
    whose items print no amount at all is not compared."""
    items = [
        cell
        for cell in summary
        if cell["account_level"] == LEDGER_ITEM_LEVEL
        and cell["phase"] not in DERIVED_PHASES
        and cell["amount_won"] is not None
    ]
    if not items:
        return  # not a 예산서내역, or nothing printed
    valued: dict[str, list[tuple[int, Row]]] = {}
    for line in lines:
        value = _line_value(line)
        if value is not None:
            valued.setdefault(line["account"], []).append((value, line))
    last = {cell["account_path"]: cell for cell in sorted(items, key=lambda c: c["col_index"])}
    for path, cell in sorted(last.items(), key=lambda item: item[1]["col_index"]):
        if path not in valued:
            continue
        expected, actual = sum(value for value, _ in valued[path]), int(cell["amount_won"])
        yield finding(
            document_id,
            cell_location(cell),
            expected,
            actual,
            f"{path} {cell['phase']} {fmt_won(actual)}; "
            f"its {len(valued[path])} 산출내역 items add up to {fmt_won(expected)}",
            ok=expected == actual,
            printed_unit=printed_unit(cell),
            sources=[source(cell, "checked"), *(source(ln) for _, ln in valued[path])],
        )


def _accounts_match(
    document_id: str, summary: list[Row], lines: list[Row], project: str | None
) -> Iterator[Finding]:
    budget = _budget_year_cells(summary)
    by_account: dict[str, list[Row]] = {}
    for line in lines:
        by_account.setdefault(_account_key(line, budget), []).append(line)
    if not set(budget) & set(by_account):
        return  # the two tables name different things (사업명 rows, 통계목 lines)
    for account in dict.fromkeys([*budget, *sorted(by_account)]):
        cell = budget.get(account)
        account_lines = by_account.get(account)
        expected = int_or_none(cell["amount_won"]) if cell is not None else None
        actual = (
            sum(_line_value(ln) or 0 for ln in account_lines) if account_lines is not None else None
        )
        of = f"{project} 산출내역" if project else "산출내역"
        where = cell_location(cell) if cell is not None else f"{of} of {account}"
        checked = [source(cell, "checked")] if cell is not None else []
        yield finding(
            document_id,
            where,
            expected,
            actual,
            f"예산 총괄 {account} {fmt_won(expected)}; 산출내역 top lines {fmt_won(actual)}",
            ok=expected is not None and expected == actual,
            printed_unit=printed_unit(cell),
            sources=[*checked, *map(source, account_lines or [])],
        )


def _years_match(document_id: str, summary: list[Row], lines: list[Row]) -> Iterator[Finding]:
    """Each form's top lines of a year (a 산출 근거 box, a 세부 산출내역 table) add up to
    the year's 총괄 total on their own: the two explain the same money.

    The total is printed in a coarser unit than the lines (백만원 over 천원), so it may be
    their sum rounded. Where the 총괄표 prints the year in several phases (본예산(A) and
    추경, 요구안 and 확정(B)), the lines are those of one of them: a book itemises the year
    before as it stood (``(2025 추경) 10,004백만원``); they are compared with the phase
    whose total they make, else with the lettered column."""
    years: dict[tuple[str, int], list[Row]] = {}
    for line in lines:
        if line["fiscal_year"] is not None:
            key = (str(line["form"]), int(line["fiscal_year"]))
            years.setdefault(key, []).append(line)
    for (form, year), year_lines in sorted(years.items(), key=lambda item: item[0][::-1]):
        totals = _year_totals(summary, year)
        values = [_line_value(ln) for ln in year_lines]
        if not totals or all(value is None for value in values):
            continue  # no total, or lines that print no amount (``… 210백만원 증액``)
        actual = sum(value or 0 for value in values)
        yield _year_finding(document_id, str(form), totals, actual, year_lines)


def _year_finding(
    document_id: str, form: str, totals: list[Row], actual: int, lines: list[Row]
) -> Finding:
    """The year's lines, adding up to ``actual``, against the first of its totals they make."""
    made = [c for c in totals if _makes(actual, c)]
    cell = made[0] if made else totals[0]
    expected = int(cell["amount_won"])
    rounded = bool(made) and expected != actual
    other = cell is not totals[0]  # they make another phase's total, not the lettered one
    of = "산출 근거 box" if form == "box" else "산출내역"
    return finding(
        document_id,
        cell_location(cell) + (f" against its {of}" if form == "box" else ""),
        expected,
        actual,
        f"예산 총괄 {cell['fiscal_year']} {cell['phase']} {fmt_won(expected)}; "
        f"its {of} top lines {fmt_won(actual)}"
        + (" (rounded)" if rounded else "")
        + (f" (the {cell['phase']}'s, not the {totals[0]['phase']}'s)" if other else ""),
        ok=bool(made),
        severity="warning" if rounded or other else None,
        printed_unit=printed_unit(cell),
        sources=[source(cell, "checked"), *map(source, lines)],
    )


def _makes(actual: int, total: Row) -> bool:
    """Lines adding up to ``actual`` make a printed total: exactly, or less than one of
    its printed units away (the total of 천원 lines printed in 백만원)."""
    tolerance = rounding_tolerance_won(None, total["unit"])
    return abs(int(total["amount_won"]) - actual) < tolerance


def _year_totals(summary: list[Row], year: int) -> list[Row]:
    """The 총괄 totals of a year, one per phase printed: the 계 row, or the only row; the
    lettered column first, then from right to left."""
    cells = [
        c
        for c in summary
        if c["fiscal_year"] == year
        and c["amount_won"] is not None
        and c["phase"] not in DERIVED_PHASES
    ]
    if not cells:
        return []
    first_table = min(c["table_index"] for c in cells)
    cells = [c for c in cells if c["table_index"] == first_table]  # the 총괄표 itself
    totals = [c for c in cells if c["row_kind"] == "total"]
    if totals:
        cells = totals
    elif len({c["account"] for c in cells}) != 1:
        return []
    return sorted(cells, key=lambda c: (c["column_letter"] is None, -c["col_index"]))


def _budget_year_cells(summary: list[Row]) -> dict[str, Row]:
    """Per 통계목 (not 계), the cell of the budget-year column: (B), else the latest year."""
    amounts = [c for c in summary if c["phase"] not in DERIVED_PHASES]
    latest = [c for c in amounts if c["column_letter"] == "B"]
    if not latest:
        years = [c["fiscal_year"] for c in amounts if c["fiscal_year"] is not None]
        latest = [c for c in amounts if years and c["fiscal_year"] == max(years)]
    items = [c for c in latest if c["row_kind"] == "item" and c["amount_won"] is not None]
    return {_account_key(c): c for c in items}


def _account_key(row: Row, known: dict[str, Row] | None = None) -> str:
    """What names one 통계목 in both tables: the normalised account, with its 목 code
    where one is printed. A code printed on one side only joins the one account of that
    name that has a code on the other (``일반수용비`` and ``일반수용비 (210-01)``)."""
    name = without_spaces(row["account"])
    code = row.get("account_code")
    known = known if known is not None else {}
    if isinstance(code, str):
        key = f"{name} ({code})"
        return name if key not in known and name in known else key
    coded = [key for key in known if key.startswith(f"{name} (")]
    return coded[0] if len(coded) == 1 else name
