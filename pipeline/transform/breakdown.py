"""산출내역 lines to a tree: level from the marker, parent, path, amount and formula.

Markers give the level: ``○`` 1, ``-`` 2, ``▷`` 3, ``•``/``·`` 4 in the reference
document; other documents use other symbols (``□ ◦ ㅇ * ㆍ ①``), so the order is
learned from the order in which each document first uses them. A line without a
marker continues the line above it (a wrapped line). The tree is built line by line,
in order: each line's parent is the open line above it, which SQL does not express well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipeline.budget.markers import level_key, split_marker
from pipeline.budget.numbers import parse_number
from pipeline.budget.units import MONEY_AMOUNT as MONEY
from pipeline.budget.units import WON_PER_UNIT, to_won, unit_from_note
from pipeline.staging import in_groups, records, rows_to_frame, transform_columns
from pipeline.transform.formula import Formula, split_formula

AMOUNT = re.compile(r"=\s*(?P<amount>" + MONEY + r"?)")
# Without "=", an amount must name its unit and end the line: ``: 448백만원``,
# ``(60,950백만원)``, ``총 1,500백만원`` or ``확보 100백만원``.
TRAILING_AMOUNT = re.compile(
    r"(?::\s*(?P<colon>" + MONEY + r")|\(\s*(?P<paren>" + MONEY + r")\s*\)"
    r"|(?<=\s)(?:총\s*)?(?P<bare>" + MONEY + r"))\s*$"
)


@dataclass
class ParsedLine:
    marker: str | None
    name: str
    amount_printed: str | None
    formula: Formula | None


@dataclass
class _Tree:
    order: list[str] = field(default_factory=list)
    stack: list[tuple[int, int]] = field(default_factory=list)  # (level, line_id)

    def level(self, marker: str | None) -> int:
        if marker is None:
            return len(self.order) + 1
        key = level_key(marker)
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def parent(self, level: int, line_id: int) -> int | None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        self.stack.append((level, line_id))
        return parent


def parse_line(text: str, amount_column: str | None = None) -> ParsedLine:
    """``▷ 협치자문관 운영 = 50,390천원 279,940원*15일*12월`` → name, amount, formula."""
    marker, rest = split_marker(text)
    combined = f"{rest} {amount_column.strip()}" if amount_column else rest
    matches = list(AMOUNT.finditer(combined))
    if not matches:
        trailing = TRAILING_AMOUNT.search(combined)
        if trailing:
            amount = (trailing["colon"] or trailing["paren"] or trailing["bare"]).replace(" ", "")
            name, formula = split_formula(combined[: trailing.start()].strip())
            return ParsedLine(marker, name, amount, formula)
        name, formula = split_formula(combined)
        return ParsedLine(marker, name, None, formula)
    last = matches[-1]
    before, after = combined[: last.start()].strip(), combined[last.end() :].strip()
    continuation, formula = split_formula(after)
    if formula is None:
        before, formula = split_formula(before)
    name = " ".join(part for part in (before, continuation) if part)
    return ParsedLine(marker, name, last["amount"].replace(" ", ""), formula)


def formula_status(formula: Formula | None, amount_won: int | None, unit: str | None) -> str | None:
    """exact, rounded (within one printed unit: 50,389,200원 → 50,390천원), or mismatch."""
    if formula is None or amount_won is None:
        return None
    difference = abs(formula.product_won - amount_won)
    if difference == 0:
        return "exact"
    return "rounded" if difference < WON_PER_UNIT.get(unit or "원", 1) else "mismatch"


def _merge_wrapped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join a line without a marker to the line above it (the source wrapped it), unless
    it stands alone (a 예산서's 산출내역 item: one per line, no markers)."""
    merged: list[dict[str, Any]] = []
    for row in rows:
        marker, _ = split_marker(row["text"])
        same_tree = merged and (merged[-1]["account"], merged[-1]["fiscal_year"]) == (
            row["account"],
            row["fiscal_year"],
        )
        if marker is None and same_tree and not row.get("standalone"):
            previous = dict(merged[-1])
            previous["text"] = f"{previous['text']} {row['text'].strip()}".strip()
            previous["amount_printed"] = previous["amount_printed"] or row["amount_printed"]
            merged[-1] = previous
        else:
            merged.append(dict(row))
    return merged


def raw_lines_to_tree(
    rows: list[dict[str, Any]], first_line_id: int = 1
) -> tuple[list[dict], list[dict]]:
    """Staged lines of one 세부사업 → (breakdown_lines rows, formula factor rows), the
    lines numbered from ``first_line_id``."""
    tree = _Tree()
    lines: list[dict] = []
    factors: list[dict] = []
    for line_id, row in enumerate(_merge_wrapped(rows), start=first_line_id):
        if lines and (row["account"], row["fiscal_year"]) != (
            lines[-1]["account"],
            lines[-1]["fiscal_year"],
        ):
            tree.stack.clear()  # a new 통계목 or year starts a new tree
        parsed = parse_line(row["text"], row["amount_printed"])
        number = parse_number(parsed.amount_printed)
        unit = (number.unit if number else None) or unit_from_note(row["unit_note"])
        amount_won = to_won(number.value, unit) if number else None
        level = tree.level(parsed.marker)
        parent = tree.parent(level, line_id)
        path = [ln["name"] for ln in _ancestors(lines, parent, first_line_id)] + [parsed.name]
        formula = parsed.formula
        lines.append(
            {
                "line_id": line_id,
                "parent_line_id": parent,
                "level": level,
                "marker": parsed.marker,
                "account": row["account"],
                "fiscal_year": row["fiscal_year"],
                "name": parsed.name,
                "path": " > ".join(path),
                "printed": row["text"]
                + (f" {row['amount_printed']}" if row["amount_printed"] else ""),
                "amount_printed": parsed.amount_printed,
                "unit": unit,
                "amount_won": amount_won,
                "formula": formula.printed if formula else None,
                "unit_price_won": formula.unit_price_won if formula else None,
                "formula_product_won": formula.product_won if formula else None,
                "formula_status": formula_status(formula, amount_won, unit),
                "page": row["page"],
                "line_no": row["line_no"],
                "table_index": row["table_index"],
                "row_index": row["row_index"],
            }
        )
        factors += _factor_rows(line_id, formula)
    return lines, factors


def _ancestors(lines: list[dict], parent: int | None, first_line_id: int) -> list[dict]:
    chain = []
    while parent is not None:
        line = lines[parent - first_line_id]
        chain.append(line)
        parent = line["parent_line_id"]
    return chain[::-1]


def _factor_rows(line_id: int, formula: Formula | None) -> list[dict]:
    if formula is None:
        return []
    operators = ("*", *formula.operators)
    return [
        {
            "line_id": line_id,
            "position": position,
            "operator": operator,
            "printed": factor.printed,
            "value": float(factor.value),
            "unit": factor.unit,
            "role": factor.role,
            "note": factor.note,
            "amount": float(factor.amount),
        }
        for position, (operator, factor) in enumerate(
            zip(operators, formula.factors, strict=True), 1
        )
    ]


def breakdown_raw_to_lines(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Staged 산출내역 lines → (breakdown_lines, breakdown_formula_factors)."""
    lines, factors = [], []
    next_ids: dict[str, int] = {}  # line ids run on through a document's 세부사업
    for (document_id, project), group in in_groups(records(raw), "document_id", "project").items():
        tag = {"document_id": document_id, "project": project if isinstance(project, str) else None}
        doc_lines, doc_factors = raw_lines_to_tree(group, next_ids.get(document_id, 1))
        lines += [{**tag, **row} for row in doc_lines]
        factors += [{"document_id": document_id, **row} for row in doc_factors]
        next_ids[document_id] = next_ids.get(document_id, 1) + len(doc_lines)
    return (
        rows_to_frame(lines, transform_columns("breakdown_lines")),
        rows_to_frame(factors, transform_columns("breakdown_formula_factors")),
    )
