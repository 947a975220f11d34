"""Reconciliation rules: where a budget document disagrees with itself.

Each rule reads mart tables (DataFrames) and returns one ``Finding`` per comparison it
makes, pass or fail. An empty cell is unknown: a comparison that needs it is skipped,
never made with 0. Derived columns (증감, 증감률) are checked by the change rules only,
so a row missing from the source is reported once, by ``total-equals-rows``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import pandas as pd

from pipeline.checks.report import Finding, Source
from pipeline.staging import in_groups, records
from pipeline.transform.columns import ROW_MARKERS, is_subtotal_label, is_total_label
from pipeline.transform.numbers import WON_PER_UNIT, decimals_of, normalise, round_half_up

Row = Any  # a row of a mart table: a pandas Series, or a dict from ``records``
DERIVED = ("증감", "증감률")
LEDGER_ITEM_LEVEL = 4  # a 목 row of a 예산서내역 (1: 세입/세출 소계, 2: 관, 3: 항)


def squash(label: object) -> str:
    return re.sub(r"\s", "", str(label)) if label is not None else ""


def _won(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def finding(
    document_id: str,
    rule: str,
    location: str,
    expected: float | None,
    actual: float | None,
    message: str,
    *,
    ok: bool,
    unit: str = "원",
    severity: str | None = None,
    printed_unit: str | None = None,
    sources: Iterable[Source] = (),
) -> Finding:
    return Finding(
        document_id,
        rule,
        location,
        expected,
        actual,
        "pass" if ok else "fail",
        message,
        unit,
        severity or ("info" if ok else "error"),
        printed_unit,
        tuple(sources),
    )


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def cell_source(row: Row, role: str = "term") -> Source:
    """The source of a ``budget_summary``, ``schedule`` or ``cells`` row."""
    return Source(
        role,
        page=_int(row.get("page")),
        table_index=_int(row.get("table_index")),
        row_index=_int(row.get("row_index")),
        col_index=_int(row.get("col_index")),
        line_no=_int(row.get("line_no")),
    )


def line_source(line: Row, role: str = "term") -> Source:
    """The source of a ``breakdown_lines`` row."""
    return Source(
        role,
        page=_int(line.get("page")),
        table_index=_int(line.get("table_index")),
        row_index=_int(line.get("row_index")),
        line_id=_int(line.get("line_id")),
        line_no=_int(line.get("line_no")),
    )


def _unit(row: Row | None) -> str | None:
    unit = None if row is None else row.get("unit")
    return unit if isinstance(unit, str) else None


def _cell(row: Row) -> str:
    return (
        f"table {row['table_index']}, row {row['row_index']} ({row['account']}), "
        f"column {row['col_index']} ({row['column_label']})"
    )


def fmt_won(won: float | None) -> str:
    return "empty" if won is None else f"{won:,.0f} 원"


def total_equals_rows(summary: pd.DataFrame) -> Iterator[Finding]:
    """Rule 1: a 계 row equals the sum of the rows below it, up to the next 계, per column."""
    amounts = summary[~summary["phase"].isin(DERIVED)].sort_values("row_index")
    for (document_key, _, _), column in _grouped(
        records(amounts), "document_id", "table_index", "col_index"
    ):
        document_id = str(document_key)
        for total, items in _sections(column):
            if total["amount_won"] is None or not items:
                continue
            expected = sum(int(item["amount_won"]) for item in items)
            actual = int(total["amount_won"])
            yield finding(
                document_id,
                "total-equals-rows",
                _cell(total),
                expected,
                actual,
                f"{total['account']} {fmt_won(actual)}; "
                f"its {len(items)} rows add up to {fmt_won(expected)}",
                ok=expected == actual,
                printed_unit=_unit(total),
                sources=[cell_source(total, "checked"), *map(cell_source, items)],
            )


def _sections(rows: list[Row]) -> Iterator[tuple[Row, list[Row]]]:
    """Each total row with the amounts of the rows under it, up to the next total.

    Only the first level under the total counts: when its rows carry a marker
    (``․가로주택정비사업``), deeper rows (``-기타민간융자금``) are their breakdown.
    """
    totals = [is_total_label(row["account"]) for row in rows]
    subtotals = [is_subtotal_label(row["account"]) for row in rows]
    markers = [_marker(row["account"]) for row in rows]
    for i, row in enumerate(rows):
        if not totals[i]:
            continue
        end = next((j for j in range(i + 1, len(rows)) if totals[j]), len(rows))
        below = [j for j in range(i + 1, end) if not subtotals[j]]
        level = markers[below[0]] if below else None
        yield (
            row,
            [rows[j] for j in below if markers[j] == level and rows[j]["amount_won"] is not None],
        )


def _mask(labels: pd.Series, test: Callable[[object], bool]) -> pd.Series:
    """A boolean mask of ``labels`` (an empty Series keeps a boolean dtype)."""
    return labels.map(test).astype(bool)


def _marker(label: object) -> str | None:
    """The leading row marker of a label (``․``, ``-``, ``○``), if any."""
    text = str(label).strip() if isinstance(label, str) else ""
    return text[0] if text and text[0] in ROW_MARKERS else None


def _letter_columns(rows: list[Row]) -> tuple[Row | None, Row | None]:
    """The (A) and (B) cells of one table row; unmarked, the two latest years, else the
    last two amount columns (당초 → 추경 in a 예산서)."""
    amounts = [r for r in rows if r["phase"] not in DERIVED]
    marked = {r["column_letter"]: r for r in amounts if isinstance(r["column_letter"], str)}
    if "A" in marked and "B" in marked:
        return marked["A"], marked["B"]
    dated = sorted((r for r in amounts if r["fiscal_year"] is not None), key=_year)
    if len(dated) >= 2:
        return dated[-2], dated[-1]
    if not dated and len(amounts) >= 2:
        ordered = sorted(amounts, key=lambda r: r["col_index"])
        return ordered[-2], ordered[-1]
    return None, None


def _year(row: Row) -> int:
    return int(row["fiscal_year"])


def _grouped(rows: list[Row], *keys: str) -> list[tuple[tuple, list[Row]]]:
    """``rows`` grouped by ``keys``, in key order, each group in row order."""
    return sorted(in_groups(rows, *keys).items(), key=lambda item: item[0])


def change_rules(summary: pd.DataFrame) -> Iterator[Finding]:
    """Rule 2: 증감 = B − A, and the printed 증감률 is (B − A)·100/A after its rounding."""
    for (document_id, _, _), rows in _grouped(
        records(summary), "document_id", "table_index", "row_index"
    ):
        a, b = _letter_columns(rows)
        if a is None or b is None or a["amount_won"] is None or b["amount_won"] is None:
            continue
        before = int(a["amount_won"])
        change = int(b["amount_won"]) - before
        for cell in rows:
            if cell["phase"] == "증감" and cell["amount_won"] is not None:
                yield _change_finding(str(document_id), cell, change, (a, b))
            elif cell["phase"] == "증감률" and cell["percent"] is not None and before != 0:
                yield _rate_finding(str(document_id), cell, change, before, (a, b))


def _change_finding(document_id: str, cell: Row, change: int, ab: tuple[Row, Row]) -> Finding:
    printed = int(cell["amount_won"])
    return finding(
        document_id,
        "change-equals-difference",
        _cell(cell),
        change,
        printed,
        f"증감 printed {fmt_won(printed)}; B − A = {fmt_won(change)}",
        ok=change == printed,
        printed_unit=_unit(cell),
        sources=[cell_source(cell, "checked"), *map(cell_source, ab)],
    )


def _rate_finding(
    document_id: str, cell: Row, change: int, before: int, ab: tuple[Row, Row]
) -> Finding:
    printed = Decimal(normalise(cell["printed"]).strip("%△▲-−").replace(",", ""))
    computed = Decimal(change) * 100 / Decimal(before)
    expected = round_half_up(computed, decimals_of(printed))
    return finding(
        document_id,
        "change-rate-matches",
        _cell(cell),
        float(expected),
        cell["percent"],
        f"증감률 printed {cell['percent']:g} %; (B − A)·100/A = {computed:.4f} %",
        ok=float(expected) == cell["percent"],
        unit="%",
        printed_unit="%",
        sources=[cell_source(cell, "checked"), *map(cell_source, ab)],
    )


def parent_equals_children(lines: pd.DataFrame) -> Iterator[Finding]:
    """Rule 3: every 산출내역 parent line equals the sum of its children; a child that
    prints no amount counts with its formula's product (``- 공무직 3명*12.8백만원*12개월``)."""
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
        difference = abs(actual - expected)
        rounded = 0 < difference < WON_PER_UNIT.get(line["unit"] or "원", 1)
        yield finding(
            str(line["document_id"]),
            "parent-equals-children",
            _line(line),
            expected,
            actual,
            f"{line['name']} {fmt_won(actual)}; "
            f"its {len(kids)} lines add up to {fmt_won(expected)}",
            ok=difference == 0 or rounded,
            severity="warning" if rounded else None,
            printed_unit=_unit(line),
            sources=[line_source(line, "checked"), *(line_source(kid) for _, kid in kids)],
        )


def _line_value(line: Row) -> int | None:
    """What a 산출내역 line adds to its parent: its amount, else its formula's product."""
    value = line["amount_won"] if line["amount_won"] is not None else line["formula_product_won"]
    return None if value is None else int(value)


def _line(line: Row) -> str:
    source = (
        f"source line {_int(line['line_no'])}"
        if pd.notna(line["line_no"])
        else f"table {_int(line['table_index'])}, row {_int(line['row_index'])}"
    )
    return f"산출내역 line {_int(line['line_id'])} ({line['name']}), {source}"


def formula_matches_amount(lines: pd.DataFrame) -> Iterator[Finding]:
    """Rule 4: a formula's product equals its amount: exact, rounded to the unit, or not."""
    for line in records(lines.dropna(subset=["formula_status"])):
        status = line["formula_status"]
        product = _won(line["formula_product_won"])
        yield finding(
            str(line["document_id"]),
            "formula-matches-amount",
            _line(line),
            product,
            _won(line["amount_won"]),
            f"{line['formula']} = {fmt_won(product)}, printed {line['amount_printed']} ({status})",
            ok=status != "mismatch",
            severity="warning" if status == "rounded" else None,
            printed_unit=_unit(line),
            sources=[line_source(line, "checked")],
        )


def summary_matches_breakdown(summary: pd.DataFrame, lines: pd.DataFrame) -> Iterator[Finding]:
    """Rule 5a: each 통계목's budget-year amount equals the sum of its top 산출내역 lines.

    Lines without a 통계목 (no 과목 column) are compared, per year, with the 총괄 total.
    In a budget book, each 세부사업's lines are compared with its own 총괄.
    """
    cells = records(summary)
    documents = in_groups(cells, "document_id")
    projects = in_groups(cells, "document_id", "project")
    books = {
        d for (d,), rows in documents.items() if len({r["project"] for r in rows} - {None}) > 1
    }
    top = records(lines[lines["parent_line_id"].isna()])
    for (document_key, project), doc_lines in in_groups(top, "document_id", "project").items():
        document_id = str(document_key)
        book = document_id in books  # a budget book: this 세부사업's own tables
        doc_summary = (
            projects.get((document_id, project), []) if book else documents.get((document_id,), [])
        )
        by_account = [line for line in doc_lines if line["account"] is not None]
        named = str(project) if book else None  # a book says whose 산출내역 it is
        yield from _accounts_match(document_id, doc_summary, by_account, named)
        yield from _paths_match(document_id, doc_summary, by_account)
        unnamed = [line for line in doc_lines if line["account"] is None]
        yield from _years_match(document_id, doc_summary, unnamed)


def _paths_match(document_id: str, summary: list[Row], lines: list[Row]) -> Iterator[Finding]:
    """예산서내역: each 목's last amount (추경 after 당초) equals the sum of its 산출내역
    items, an item without a printed amount counting with its formula's product; a 목
    whose items print no amount at all is not compared."""
    items = [
        cell
        for cell in summary
        if cell["account_level"] == LEDGER_ITEM_LEVEL
        and cell["phase"] not in DERIVED
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
            "summary-matches-breakdown",
            _cell(cell),
            expected,
            actual,
            f"{path} {cell['phase']} {fmt_won(actual)}; "
            f"its {len(valued[path])} 산출내역 items add up to {fmt_won(expected)}",
            ok=expected == actual,
            printed_unit=_unit(cell),
            sources=[cell_source(cell, "checked"), *(line_source(ln) for _, ln in valued[path])],
        )


def _accounts_match(
    document_id: str, summary: list[Row], lines: list[Row], project: str | None
) -> Iterator[Finding]:
    budget = _budget_year_cells(summary)
    by_account: dict[str, list[Row]] = {}
    for line in lines:
        by_account.setdefault(squash(line["account"]), []).append(line)
    if not set(budget) & set(by_account):
        return  # the two tables name different things (사업명 rows, 통계목 lines)
    for account in dict.fromkeys([*budget, *sorted(by_account)]):
        cell = budget.get(account)
        account_lines = by_account.get(account)
        expected = _won(cell["amount_won"]) if cell is not None else None
        actual = (
            sum(int(ln["amount_won"]) for ln in account_lines if ln["amount_won"] is not None)
            if account_lines is not None
            else None
        )
        of = f"{project} 산출내역" if project else "산출내역"
        where = _cell(cell) if cell is not None else f"{of} of {account}"
        checked = [cell_source(cell, "checked")] if cell is not None else []
        yield finding(
            document_id,
            "summary-matches-breakdown",
            where,
            expected,
            actual,
            f"예산 총괄 {account} {fmt_won(expected)}; 산출내역 top lines {fmt_won(actual)}",
            ok=expected is not None and expected == actual,
            printed_unit=_unit(cell),
            sources=[*checked, *map(line_source, account_lines or [])],
        )


def _years_match(document_id: str, summary: list[Row], lines: list[Row]) -> Iterator[Finding]:
    years: dict[int, list[Row]] = {}
    for line in lines:
        if line["fiscal_year"] is not None:
            years.setdefault(int(line["fiscal_year"]), []).append(line)
    for year, year_lines in sorted(years.items()):
        cell = _year_total(summary, year)
        if cell is None:
            continue
        expected = _won(cell["amount_won"])
        actual = sum(int(ln["amount_won"]) for ln in year_lines if ln["amount_won"] is not None)
        yield finding(
            document_id,
            "summary-matches-breakdown",
            _cell(cell),
            expected,
            actual,
            f"예산 총괄 {year} {fmt_won(expected)}; its 산출내역 top lines {fmt_won(actual)}",
            ok=expected == actual,
            printed_unit=_unit(cell),
            sources=[cell_source(cell, "checked"), *map(line_source, year_lines)],
        )


def _year_total(summary: list[Row], year: int) -> Row | None:
    """The 총괄 total of a year: the 계 row, or the only row; the lettered column first."""
    cells = [c for c in summary if c["fiscal_year"] == year and c["amount_won"] is not None]
    if not cells:
        return None
    first_table = min(c["table_index"] for c in cells)
    cells = [c for c in cells if c["table_index"] == first_table]  # the 총괄표 itself
    totals = [c for c in cells if is_total_label(c["account"])]
    if totals:
        cells = totals
    elif len({c["account"] for c in cells}) != 1:
        return None
    chosen = [c for c in cells if c["column_letter"] is not None] or cells
    return sorted(chosen, key=lambda c: c["col_index"])[-1]


def _budget_year_cells(summary: list[Row]) -> dict[str, Row]:
    """Per 통계목 (not 계), the cell of the budget-year column: (B), else the latest year."""
    amounts = [c for c in summary if c["phase"] not in DERIVED]
    latest = [c for c in amounts if c["column_letter"] == "B"]
    if not latest:
        years = [c["fiscal_year"] for c in amounts if c["fiscal_year"] is not None]
        latest = [c for c in amounts if years and c["fiscal_year"] == max(years)]
    return {
        squash(c["account"]): c
        for c in latest
        if not is_total_label(c["account"])
        and not is_subtotal_label(c["account"])
        and c["amount_won"] is not None
    }


def schedule_total_equals_rows(schedule: pd.DataFrame) -> Iterator[Finding]:
    """Rule 5b: the 추진일정 계 equals the sum of its rows."""
    for (document_key, table_index), rows in schedule.groupby(["document_id", "table_index"]):
        document_id = str(document_key)
        items = rows[~_mask(rows["step"], is_total_label)].dropna(subset=["amount_won"])
        for _, total in rows[_mask(rows["step"], is_total_label)].iterrows():
            if pd.isna(total.amount_won) or items.empty:
                continue
            expected, actual = int(items["amount_won"].sum()), int(total.amount_won)
            yield finding(
                document_id,
                "schedule-total-equals-rows",
                f"table {table_index}, row {total.row_index} ({total.step})",
                expected,
                actual,
                f"추진일정 {total.step} {fmt_won(actual)}; its {len(items)} rows add up to "
                f"{fmt_won(expected)}",
                ok=expected == actual,
                printed_unit=_unit(total),
                sources=[
                    cell_source(total, "checked"),
                    *(cell_source(item) for _, item in items.iterrows()),
                ],
            )


def total_cost_equals_sources(projects: pd.DataFrame) -> Iterator[Finding]:
    """Rule 5c: 총사업비 equals the sum of its 재원 split (국비, 시비, 구비, 기타)."""
    sources = ["national_won", "city_won", "district_won", "other_won"]
    per_document = projects["document_id"].value_counts()
    for _, project in projects.iterrows():
        book = per_document[project.document_id] > 1  # name the 세부사업 in a book
        where = f"사업개요 총사업비 ({project.project})" if book else "사업개요 총사업비"
        split = [_won(project[s]) for s in sources]
        known = [won for won in split if won is not None]
        total = _won(project.total_cost_won)
        if total is None or not known:
            continue
        yield finding(
            str(project.document_id),
            "total-cost-equals-sources",
            where,
            sum(known),
            total,
            f"총사업비 {fmt_won(total)}; 국비+시비+구비+기타 = {fmt_won(sum(known))}",
            ok=total == sum(known),
        )


def subtotal_equals_rows(summary: pd.DataFrame) -> Iterator[Finding]:
    """Rule 1b: in a 예산서, each 소계 equals the sum of the 목 rows under its path."""
    ledger = summary[summary["account_level"].notna() & ~summary["phase"].isin(DERIVED)]
    for (document_key, _), column in ledger.groupby(["document_id", "column_label"]):
        items = column[column["account_level"] == 4]
        for _, total in column[column["account_level"] < 4].iterrows():
            if pd.isna(total.amount_won):
                continue
            prefix = f"{total.account_path} > "
            under = items[items["account_path"].str.startswith(prefix)].dropna(
                subset=["amount_won"]
            )
            if under.empty:
                continue
            expected, actual = int(under["amount_won"].sum()), int(total.amount_won)
            yield finding(
                str(document_key),
                "subtotal-equals-rows",
                _cell(total),
                expected,
                actual,
                f"{total.account} {fmt_won(actual)}; its {len(under)} 목 rows under "
                f"{total.account_path} add up to {fmt_won(expected)}",
                ok=expected == actual,
                printed_unit=_unit(total),
                sources=[
                    cell_source(total, "checked"),
                    *(cell_source(item) for _, item in under.iterrows()),
                ],
            )


def run_rules(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """Every rule over the budget marts, in rule order (statistics tables: ``table_rules``)."""
    summary, lines = tables["budget_summary"], tables["breakdown_lines"]
    return [
        *total_equals_rows(summary),
        *subtotal_equals_rows(summary),
        *change_rules(summary),
        *parent_equals_children(lines),
        *formula_matches_amount(lines),
        *summary_matches_breakdown(summary, lines),
        *schedule_total_equals_rows(tables["schedule"]),
        *total_cost_equals_sources(tables["projects"]),
    ]
