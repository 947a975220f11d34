"""산출내역 lines to a tree: level from the marker, parent, path, amount and formula.

Markers give the level: ``○`` 1, ``-`` 2, ``▷`` 3, ``•``/``·`` 4 in the reference
document; other documents use other symbols (``□ ◦ ㅇ * ㆍ ①``), so the order is
learned from the order in which each document first uses them (a table that opens with
a marker not seen yet starts its own order; numbered enumerators nest by depth, ``1.``
over ``1-1.``). A line without a marker continues the line
above it (a wrapped line). Each form (a table's cells, a box of lines, a 예산서내역's items)
is its own tree. A box's lines are placed on the page, and where two start apart the
one further in is under the other (``①`` under ``- (산출)`` is that line's item though
``①`` also numbers the box's titles; ``ㅇ`` printed further out than ``-`` is above it);
where they start together, the marker order decides, and numbered headings always go by
their number. A box's unmarked lines are titles (centred or set out: where they start
says nothing of their depth). A year transition gives the
prior year's amount. The tree is built line by line, in order: each line's parent is
the open line above it, which SQL does not express well.

A line's ``account`` is its 과목구분 cell normalised as a 총괄 row label is (the cell as
printed in ``account_printed``); without a 과목 column, the coded 비목 line it is under
(``○ 연구개발활동비등(360-05)``) names it, so the lines join the 총괄's 비목 rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

import pandas as pd

from pipeline.budget.labels import normalise_label, without_spaces
from pipeline.budget.markers import (
    CIRCLED,
    follows,
    further_in,
    is_banner,
    is_note,
    is_numbered_heading,
    level_key,
    numbered_under,
    ordinal,
    split_marker,
)
from pipeline.budget.numbers import parse_number
from pipeline.budget.totals import net_term
from pipeline.budget.units import (
    BRACKETED,
    FORMULA_THEN_AMOUNT,
    MONEY_UNIT,
    NAMED_AMOUNT_THEN_FORMULA,
    SPACED_MONEY_UNIT,
    money_unit_in,
    rounding_tolerance_won,
    to_won,
    unit_from_note,
)
from pipeline.budget.units import MONEY_AMOUNT as MONEY
from pipeline.staging import in_groups, records, rows_to_frame, transform_columns
from pipeline.transform.formula import Formula, parse_formula, split_formula

FIGURE = r"[△▲\-−]?\d(?:[\d,]*\d)?(?:\.\d+)?"  # never ending in a comma (``0, 순감``)
YEAR_LABEL = r"\(\s*[‘’'`]?\s*\d{2,4}[^()]*\)"  # ``(’25)``, ``(2026 예산)``
YEAR_TAG = r"(?:" + YEAR_LABEL + r"\s*)?"
# ``= 50,390천원`` or ``= 190,000`` (the unit in the note): not a count (``= 1식 x …``) and
# not the first factor of a formula (``= 12개월 x 2,080천원``).
OPERATOR_NEXT = r"(?!\s*[×xX*/÷+])"
AMOUNT = re.compile(
    r"[=≒]\s*(?P<amount>"
    + FIGURE
    + r"(?:\s*(?:"
    + MONEY_UNIT
    + r")"
    + OPERATOR_NEXT
    + r"|(?![\d,.]|\s*[가-힣×xX*/÷])))"
)
# Without "=", an amount must name its unit and end the line, a bracketed remark or a
# pointer aside: ``: 448백만원``, ``(60,950백만원)``, ``총 1,500백만원``, ``446백만원(순증)``,
# ``운영관리 등1,900백만원`` (glued to the name), ``29,880백만원 ☞ 사업개요``, ``: (2026 예산)
# 88백만원, 전년동`` (the year's figure and what it is against the year before); a last
# factor (``7명 × 30.7백만원``) is no amount. A column of amounts set tight against its
# formula's unit reads glued to it: ``×10,720백만원1,111,000천원``.
AGAINST_PRIOR = r"(?:\s*,\s*(?:신설|신규|순증|종료|전년\s*동(?:일)?|동일))?"
# ``사업출연금 : 4,127백만원, 25-26년 국방 5G 인프라 구축``: after the colon's amount, a remark
# that names no other amount; or words that say what it pays for, no figure among them
# (``구조비 : 587,000천원 소송구조비, 야간상담비 등``).
COLON_REMARK = r"(?:\s*,(?![^,]*" + MONEY + r")[^,]+|\s+[가-힣][^\d=≒→×xX*÷+]*)?"
TRAILING_AMOUNT = re.compile(
    r"(?::\s*"
    + YEAR_TAG
    + r"(?P<colon>"
    + MONEY
    + r")(?=(?:\s*"
    + BRACKETED
    + r")*"
    + COLON_REMARK
    + r"\s*$)|\(\s*(?P<paren>"
    + MONEY
    + r")\s*\)"
    r"|(?:(?<=\s)|(?<=[가-힣]))(?<![×xX*/÷✕+]\s)(?:총\s*)?(?P<bare>" + MONEY + r"))"
    r"(?:\s*"
    + BRACKETED
    + r")*"
    + AGAINST_PRIOR
    + r"(?(colon)"
    + COLON_REMARK
    + r")\s*(?:\*|[☞‣].*)?$"
)
# ``name : 25,742,000천원 135개 기관 x 190,681천원``, ``우편통보 159백만원 = 15만명×2회×530원``,
# ``6,440백만원 = 5,567백만원 + 873백만원``, ``3,200백만원(관리용역비) = 2,326백만원 + 874백만원``:
# the amount (a remark after it), then the formula that is the rest; a figure right after
# an operator (``12개월x73.8백만원``) is a factor, not the amount.
AMOUNT_BEFORE_FORMULA = re.compile(
    r"^(?P<name>.*?)\s*:?\s*(?<![\d,.×xX*/÷✕+])(?P<amount>"
    + MONEY
    + r")(?:\s*\([^()]*\))?\s*[=≒]?\s*(?P<formula>\d.*)$"
)
# ``가. 인건비 : 14,625백만원 + (1회 추경) 1,008백만원``: a sum of amounts is the line's formula.
SUM_OF_AMOUNTS = re.compile(r"^(?P<name>[^:]*?)\s*:\s*(?P<formula>\d[^=≒]*\+[^=≒]*)$")
# An amount column: the figure alone, with or without ``=`` and its unit.
COLUMN_AMOUNT = re.compile(r"^=?\s*(?P<amount>" + FIGURE + r"(?:\s*(?:" + MONEY_UNIT + r"))?)$")
# ``name : 25,000천원 = 12개월 x 2,080천원``, ``(산출내역) 6,906백만원 = 2,619백만원(…) +
# 4,287백만원(…)``: the line's first amount, then ``=`` and what it equals (its formula,
# where that parses): the amount is the line's.
AMOUNT_THEN_FORMULA = re.compile(
    r"^(?P<name>.*?)\s*(?P<colon>:)?\s*(?<![\d,.])(?P<amount>"
    + MONEY
    + r")(?:\s*\([^()]*\))?\s*[=≒]\s*(?P<formula>.+)$"
)
# ``ㆍ 가치평가 품질관리 2,400백만원 (산출) … + 준거DB 수집·분석 200백만원``: the amount, then
# the ``(산출)`` that computes it (its formula, where that parses).
AMOUNT_THEN_COMPUTED = re.compile(
    r"^(?P<name>.*?)\s*:?\s*(?<![\d,.×xX*/÷✕+])(?P<amount>"
    + MONEY
    + r")\s*\(\s*산\s*출[^()]*\)\s*(?P<formula>.*)$"
)
# ``인건비(486백만원) = 3명 x 162백만원``, ``- 운영비 (139백만원) = 개발원 운영비 (①+②+③) + 외주
# 운영비 (④)``: a bracketed amount after the name, then ``=`` and what it is made of (its
# formula where that parses, else words).
NAMED_AMOUNT_EQUALS = re.compile(
    r"^(?P<name>.*?[^\s(])\s*\(\s*(?P<amount>" + MONEY + r")\s*\)\s*[=≒]\s*(?P<rest>.*)$"
)
# ``① 노동단체 지원 3,730백만원 민간경상보조 3,680백만원(…), 일반용역비 50백만원``, ``② … 930백만원
# : HR 플랫폼 이용 지원금 900백만원(…), 운영비 30백만원``: an item's amount, then what it is
# made of (after a colon, or named amounts that add up to it).
TOTAL_THEN_PARTS = re.compile(
    r"^(?P<name>[^:：]*?[^\d,.\s:：×xX*/÷✕+(])\s*(?P<amount>"
    + MONEY
    + r")\s*(?P<colon>[:：])?\s*(?P<parts>[^\s×xX*/÷✕+=≒(].*)$"
)
PART_AMOUNT = re.compile(r"(?<![\d,.×xX*/÷✕+(])(?<![×xX*/÷✕+(]\s)" + MONEY + r"(?!\s*[×xX*/÷✕])")
# A year transition: ``(’25) 0 → ('26) 4,560백만원, 순증``, ``31,912 → 29,240백만원 (△ 2,672)``.
# A count before a year's figure: ``(‘25) 22과제 8,605백만원 → (’26) 22과제 8,605백만원``,
# ``(’25) 5,698ha 3,685백만원 → …``; what a figure is made of may follow it:
# ``(’25) 631백만원(540명×1.2백만원) → (’26) 574백만원(…)``.
COUNT = r"(?:\d[\d,]*\s*(?!" + MONEY_UNIT + r")(?:[가-힣]{1,3}|[A-Za-z㎡]{1,3})\s+(?=\d))?"
TRANSITION = re.compile(
    YEAR_TAG
    + COUNT
    + r"(?P<prior>"
    + FIGURE
    + r"|[-–―]|신규|신설|해당\s*없음)\s*(?P<prior_unit>"
    + MONEY_UNIT
    + r")?\s*(?:\([^()]*[×xX*][^()]*\)\s*)?→\s*"
    + YEAR_TAG
    + COUNT
    + r"(?P<amount>"
    + FIGURE
    + r")\s*(?P<unit>"
    + MONEY_UNIT
    + r")?"
)


# ``(’25) 12개사 × 37.3백만원 = 447백만원 → (’26) 12개사 × 37.8백만원 = 454백만원``: each year
# its formula and amount; the amount after the arrow is the year's.
FORMULA_TRANSITION = re.compile(
    r"[=≒]\s*(?P<prior>"
    + MONEY
    + r")\s*→\s*(?P<formula>.*?)\s*[=≒]\s*(?P<amount>"
    + MONEY
    + r")\s*(?:\([^()]*\))?\s*$"
)


# Where a bare figure's unit is printed: the parent's amount or a line before it (box); the
# parent's (parent); the parent's, else the figure is no amount (parent only).
UnitSource = Literal["box", "parent", "parent only"]


@dataclass
class ParsedLine:
    marker: str | None
    name: str
    amount_printed: str | None
    formula: Formula | None
    prior_printed: str | None = None  # the prior year's figure of a year transition
    unit_from_context: bool = False  # a figure printed bare: its unit is printed elsewhere
    unit_of: UnitSource = "box"

    def __post_init__(self) -> None:
        self.name = self.name.strip().rstrip(":").strip()  # ``공무직 인건비 :`` before its formula


FORMULA_GOES_ON = re.compile(r"^\s*[×xX*÷+=≒]\s*\d")  # ``×1,732천원 + …``: a formula's rest
UNMARKED = ""  # a box's line without a marker is a title: a level of its own, learned


@dataclass
class _Tree:
    order: list[str] = field(default_factory=list)
    stack: list[tuple[int, int]] = field(default_factory=list)  # (level, line_id)
    placed: dict[int, tuple[str, float | None]] = field(default_factory=dict)  # key, indent
    scoped: list[tuple[int, list[str]]] = field(default_factory=list)  # (line_id, order)

    def level(self, marker: str | None) -> int:
        """A table line's level: its marker's rank. A marker not met before goes right
        under the open line (``-`` under ``○`` where the cells before went ``○ 가. ㆍ``):
        the lines after it that use known markers nest under it."""
        self._end_scopes()
        if marker is None:
            return len(self.order) + 1
        key = level_key(marker)
        if (
            key not in self.order
            and not is_banner(key)
            and self.stack
            and self.stack[-1][0] < len(self.order)
        ):
            self.order.insert(self.stack[-1][0], key)
            self.order[:] = numbered_by_depth(self.order)
        return self.order.index(self._learn(marker)) + 1

    def _learn(self, marker: str) -> str:
        """A key not met before ranks last, but one numbered within a number (``(②-1)``)
        ranks right under that number's series."""
        key = level_key(marker)
        within = numbered_under(key)
        if key not in self.order and is_banner(key):
            self.order.insert(0, key)
        elif key not in self.order and within in self.order:
            self.order.insert(self.order.index(within) + 1, key)
        elif key not in self.order:
            self.order.append(key)
            self.order[:] = numbered_by_depth(self.order)
        return key

    def place(self, marker: str, indent: float | None, line_id: int) -> tuple[int, int | None]:
        """A box line's level and parent: under the open line it starts further in than,
        beside or above one it starts further out than (``①`` under ``- (산출)`` is an
        item of that line, though ``①`` also numbers the box's titles); by its marker's
        rank where the two start together or either is not placed, and always for
        numbered headings (``1-5-1.``), whose number says where they go."""
        key = self._learn(marker)
        while self.stack and self._closes(key, indent, self.stack[-1][1]):
            self.stack.pop()
        level, parent = (self.stack[-1][0] + 1, self.stack[-1][1]) if self.stack else (1, None)
        self.stack.append((level, line_id))
        self.placed[line_id] = (key, indent)
        return level, parent

    def _closes(self, key: str, indent: float | None, open_id: int) -> bool:
        open_key, open_indent = self.placed[open_id]
        same = key == open_key
        deeper, shallower = (
            further_in(indent, open_indent, same),
            further_in(open_indent, indent, same),
        )
        ranked = is_banner(key) or is_banner(open_key)
        if (
            ranked
            or is_numbered_heading(key)
            or is_numbered_heading(open_key)
            or not (deeper or shallower)
        ):
            return self.order.index(open_key) >= self.order.index(key)
        return shallower

    def start_table(self, marker: str | None) -> None:
        """A table that opens with a marker not seen yet orders its own levels (a ``□``
        on top of its ``○``); one that opens with a known marker continues the last."""
        if marker is not None and level_key(marker) not in self.order:
            self.order.clear()
            self.stack.clear()
            self.scoped.clear()

    def rank_above(self, key: str, other: str, scope: int) -> None:
        """``key`` ranked right above ``other`` under the open line ``scope`` only (a list
        that nests its markers the other way round than the lines before it did); the
        document's order again once that line is closed."""
        saved = list(self.order)
        self.order.remove(key)
        self.order.insert(self.order.index(other), key)
        self.scoped.append((scope, saved))

    def _end_scopes(self) -> None:
        """Back to the order before a scope whose line is no longer open, with the keys
        learned meanwhile, each after the one it followed."""
        open_ids = {line_id for _, line_id in self.stack}
        while self.scoped and self.scoped[-1][0] not in open_ids:
            _, saved = self.scoped.pop()
            for i, key in enumerate(self.order):
                if key not in saved:
                    after = next((k for k in reversed(self.order[:i]) if k in saved), None)
                    saved.insert(saved.index(after) + 1 if after else 0, key)
            self.order[:] = saved

    def parent(self, level: int, line_id: int) -> int | None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        self.stack.append((level, line_id))
        return parent


def parse_line(text: str, amount_column: str | None = None) -> ParsedLine:
    """``▷ 협치자문관 운영 = 50,390천원 279,940원*15일*12월`` → name, amount, formula."""
    marker, rest = split_marker(UNIT_WRAPPED.sub(_unwrapped, DISPLACED_TAG.sub("", text)))
    rest = NUMBER_AFTER_BULLET.sub("", rest) if marker else rest
    column = COLUMN_AMOUNT.match(amount_column.strip()) if amount_column else None
    if column:
        name, formula = split_formula(rest.rstrip(" =:"))
        return ParsedLine(marker, name, _compact(column["amount"]), formula)
    combined = f"{rest} {amount_column.strip()}" if amount_column else rest
    by_formula = FORMULA_TRANSITION.search(combined)
    if by_formula:
        name = combined[: by_formula.start()].rstrip(":").strip()
        _, formula = split_formula(YEAR_TAG_START.sub("", by_formula["formula"]))
        amount, prior = _compact(by_formula["amount"]), _compact(by_formula["prior"])
        return ParsedLine(marker, _year_part(name), amount, formula, prior)
    ended = ENDED_AFTER_YEAR.search(combined)
    if ended:  # ``1식×130백만원=130백만원(2025년) → 순감(2026년)``: the formula is that year's
        name, _ = split_formula(combined[: ended.start()].strip())
        unit = money_unit_in(ended["prior"]) or ""
        return ParsedLine(marker, name, f"0{unit}", None, _compact(ended["prior"]))
    by_formulas = _formulas_transition(combined)
    if by_formulas:
        return ParsedLine(marker, by_formulas[0], None, by_formulas[1])
    transition = next(
        (found for found in TRANSITION.finditer(combined) if _outside_brackets(combined, found)),
        None,
    )
    if transition:
        return _transition_line(marker, combined, transition)
    unchanged = UNCHANGED.match(combined)
    if unchanged:
        amount = _compact(unchanged["amount"])
        return ParsedLine(marker, unchanged["name"], amount, None, amount, unit_from_context=True)
    then_formula = AMOUNT_THEN_FORMULA.match(combined)
    if then_formula and not re.search(MONEY + r"|[×xX*/÷✕+]\s*$", then_formula["name"]):
        formula = _what_it_equals(then_formula["formula"])
        return ParsedLine(marker, then_formula["name"], _compact(then_formula["amount"]), formula)
    computed = AMOUNT_THEN_COMPUTED.match(combined)
    if computed and not re.search(MONEY, computed["name"]):
        formula = parse_formula(computed["formula"]) if computed["formula"] else None
        return ParsedLine(marker, computed["name"], _compact(computed["amount"]), formula)
    named_equals = NAMED_AMOUNT_EQUALS.match(combined)
    if named_equals and not re.search(MONEY, named_equals["name"]):
        formula = _what_it_equals(named_equals["rest"])  # none where it is words
        return ParsedLine(marker, named_equals["name"], _compact(named_equals["amount"]), formula)
    matches = list(AMOUNT.finditer(combined))
    named_sum = _named_sum(combined) if not matches else None
    if named_sum:
        return ParsedLine(marker, named_sum[0], None, named_sum[1])
    itemised = _total_then_parts(combined) if not matches else None
    if itemised:
        formula = parse_formula(itemised["parts"])  # ``45,557백만원(본예산)+16,000백만원(추경)``
        return ParsedLine(marker, itemised["name"], _compact(itemised["amount"]), formula)
    named = NAMED_AMOUNT_THEN_FORMULA.match(combined) if not matches else None
    if named:  # ``AP개선(92백만원) : 1식×92백만원``
        formula = parse_formula(named["formula"])
        return ParsedLine(marker, named["name"], _compact(named["amount"]), formula)
    before_formula = AMOUNT_BEFORE_FORMULA.match(combined) if not matches else None
    formula = parse_formula(before_formula["formula"]) if before_formula else None
    if before_formula and formula:
        return ParsedLine(
            marker, before_formula["name"], _compact(before_formula["amount"]), formula
        )
    added = SUM_OF_AMOUNTS.match(combined) if not matches else None
    total = parse_formula(added["formula"]) if added else None
    if added and total:
        return ParsedLine(marker, added["name"], None, total)
    if not matches:
        trailing = TRAILING_AMOUNT.search(combined)
        if trailing:
            amount = trailing["colon"] or trailing["paren"] or trailing["bare"]
            name, formula = split_formula(combined[: trailing.start()].strip())
            return ParsedLine(marker, name, _compact(amount), formula)
        name, formula = split_formula(combined)
        alone = BARE_AMOUNT.match(combined) if formula is None else None
        if alone and not re.search(MONEY, combined):
            name, amount = alone["name"], alone["amount"]
            return ParsedLine(
                marker, name, amount, None, unit_from_context=True, unit_of="parent only"
            )
        return ParsedLine(marker, name, None, formula)
    last = matches[-1]
    before, after = combined[: last.start()].strip(), combined[last.end() :].strip()
    continuation, formula = split_formula(after)
    if formula is None:
        before, formula = split_formula(before)
        before, formula = _named_terms(before, formula) or (before, formula)
    name = " ".join(part for part in (before, continuation) if part)
    amount = _compact(last["amount"])
    # ``가. 물품 운송료 : 5,849*10회=58,498`` under ``○ 공공요금 : 58,498천원``: a line that
    # names no money unit at all prints its amount in its parent's
    unitless = _unit(amount, None) is None and not re.search(MONEY, combined)
    return ParsedLine(marker, name, amount, formula, unit_from_context=unitless, unit_of="parent")


YEAR_TAG_START = re.compile(r"^" + YEAR_TAG)

# ``- ① ‘23년 동절기 지원확대 …``: an item of a numbered list split from its line keeps its
# number in ``printed`` (where its detail finds it), not in its name.
NUMBER_AFTER_BULLET = re.compile(rf"^[{CIRCLED}]\s+")

# ``‧ 단수조정 1,000``, ``‧ 단수조정 : 400`` under ``○ 기타보전금 : 3,280,000천원``: a name, then a
# figure alone, in a line that names no money unit.
BARE_AMOUNT = re.compile(r"^(?P<name>.*[가-힣)])\s*:?\s+(?P<amount>" + FIGURE + r")$")

# ``① 개발 SW 유지보수 915(전년동)``, ``사이버안전센터 운영: ('25, ’26) 1,811(전년동)``: the
# year's figure, the same as the year before, printed without a unit.
UNCHANGED = re.compile(
    r"^(?P<name>.*?[^\d,.\s:])\s*:?\s*"
    + YEAR_TAG
    + r"(?P<amount>"
    + FIGURE
    + r")\s*\(\s*전년\s*동(?:일)?\s*\)\s*$"
)
# A year's figure that ends the transition or its clause (``→ (’26) 100(전년동)``,
# ``→ (’26) 0 (순감)``), not a count (``→ (’26) 1개 x 4,000백만원``).
ENDS_CLAUSE = re.compile(r"\s*(?:[(,]|$)")
# A year's amount, then the next year's end of it, each tagged with its year after it:
# ``130백만원(2025년) → 순감(2026년)``: the line's amount is 0, the prior year's the figure.
ENDED_AFTER_YEAR = re.compile(
    r"[=≒]?\s*(?P<prior>" + MONEY + r")\s*\(\s*(?:20)?\d{2}\s*년?\s*\)\s*→\s*"
    r"(?:순감|폐지|종료)\s*(?:\(\s*(?:20)?\d{2}\s*년?\s*\))?\s*$"
)


# ``운영비(1,005백만원) + 직업훈련성과관리(627백만원)``, ``(산출) 통합DB확대 80백만원 + 평가모델
# 고도화 660백만원``: named amounts added, no total printed; the sum is the line's formula.
NAMED_SUM = re.compile(r"^(?P<tag>\(\s*산\s*출[^()]*\)\s*)?(?P<formula>[^=≒:：]+\+[^=≒:：]+)$")


def _named_sum(text: str) -> tuple[str, Formula] | None:
    added = NAMED_SUM.match(text)
    formula = parse_formula(added["formula"], named_first=True) if added else None
    if added is None or formula is None or not re.match(r"\D", added["formula"]):
        return None
    return (added["tag"] or "").strip() or added["formula"].strip(), formula


def _named_terms(name: str, formula: Formula | None) -> tuple[str, Formula] | None:
    """``(1) 반도체 : 단독(수도권)2개 x 3,050백만원 + … + 반도체설계 2개 x 1,000백만원``: where
    the formula found leaves figures in the name, the terms are named; the whole sum after
    the colon (or the whole line) is the formula."""
    if formula is None or not re.search(r"\d", name):
        return None
    head, colon, rest = f"{name} {formula.printed}".rpartition(":")
    whole = parse_formula(rest, named_first=True)
    if whole is None or "+" not in whole.operators:
        return None
    return (head.strip() if colon else rest.strip()), whole


def _total_then_parts(text: str) -> re.Match[str] | None:
    """``name AMOUNT : parts`` or ``name AMOUNT parts`` whose named amounts add up to it."""
    total = TOTAL_THEN_PARTS.match(text)
    if total is None or re.search(MONEY, total["name"]):
        return None
    if total["colon"]:
        return total
    parts = [_printed_won(part[0]) for part in PART_AMOUNT.finditer(total["parts"])]
    known = [part for part in parts if part is not None]
    adds_up = len(parts) > 1 and len(known) == len(parts)
    return total if adds_up and sum(known) == _printed_won(total["amount"]) else None


def _printed_won(amount: str) -> int | None:
    """An amount printed with its unit, in 원."""
    return _won(_compact(amount), _unit(_compact(amount), None))


# ``(산출) (’25) 117명 × 29,929천원 → (’26) 120명 × 29,917천원``: each year its formula, no
# amount; the formula after the arrow is the year's.
FORMULAS_TRANSITION = re.compile(
    r"^(?P<name>[^→]*?)\s*:?\s*"
    + YEAR_LABEL
    + r"\s*(?P<prior>[^→]+?)\s*→\s*"
    + YEAR_LABEL
    + r"\s*(?P<formula>[^→]+)$"
)


def _formulas_transition(text: str) -> tuple[str, Formula] | None:
    """Each year its formula; the terms may be named (``(’25) 국내 IP중개지원 1,577백만원(…) +
    해외 IP중개지원 1,820백만원(…) → (’26) 국내 IP중개지원 2,133백만원(…) + …``)."""
    both = FORMULAS_TRANSITION.match(text)
    if both is None or _year_formula(both["prior"]) is None:
        return None
    formula = _year_formula(both["formula"])
    return (both["name"], formula) if formula and formula.operators else None


def _year_formula(text: str) -> Formula | None:
    return parse_formula(text) or parse_formula(text, named_first=True)


def _what_it_equals(text: str) -> Formula | None:
    """The formula after an amount's ``=``: all of it where its terms are named (a sum of
    named parts), else the formula it ends with."""
    whole = parse_formula(text, named_first=True) if "+" in text else None
    return whole or split_formula(text)[1]


def _year_part(name: str) -> str:
    """The name before the prior year's formula: ``산출내역 : (’25) 12개사 × …`` → ``산출내역``."""
    tag = re.search(YEAR_LABEL, name)
    return name[: tag.start()].rstrip(" :") if tag else split_formula(name)[0]


def _outside_brackets(text: str, found: re.Match[str]) -> bool:
    """Whether a transition's arrow stands outside brackets: ``(900→650)`` after an amount
    is a remark on the change, not the line's year transition."""
    arrow = text.index("→", found.start())
    before = text[:arrow]
    return before.count("(") <= before.count(")")


def _transition_line(marker: str | None, text: str, transition: re.Match[str]) -> ParsedLine:
    """A year transition: the second figure is the year's amount, the first the prior
    year's; a figure printed without a unit takes the other's."""
    unit = transition["unit"] or transition["prior_unit"] or ""
    prior_unit = (transition["prior_unit"] or unit) if transition["prior"][-1].isdigit() else ""
    name = text[: transition.start()].strip().rstrip(":").strip()
    bare = not unit and ENDS_CLAUSE.match(text, transition.end()) is not None
    return ParsedLine(
        marker,
        name,
        transition["amount"] + unit,
        None,
        transition["prior"] + prior_unit,
        unit_from_context=bare,
    )


# ``… : (2026) 1,405백만원 ’26예산``: a year tag set as a superscript over the next line's
# amount, read at the end of the line above it; it tags no figure of this line.
DISPLACED_TAG = re.compile(r"(?<=[\d원백천])\s+[‘’'`]\d{2}\s*(?:본?예산|추경|결산|요구안?)\s*$")
# ``584백 만원``: a unit broken by a line wrap, joined back with a space.
UNIT_WRAPPED = re.compile(r"(?<=\d)(?:" + SPACED_MONEY_UNIT.pattern + r")")


def _unwrapped(unit: re.Match[str]) -> str:
    return "".join(unit[0].split())


def _compact(amount: str) -> str:
    return amount.replace(" ", "")


def formula_status(
    formula: Formula | None, amount_won: int | None, unit: str | None, printed: str | None = None
) -> str | None:
    """exact, rounded (to the printed precision: 50,389,200원 → 50,390천원, 24,960천원 →
    25,000천원; or within the rounding of its unit price: 447점 × 3.32백만원 = 1,483백만원),
    or mismatch."""
    if formula is None or amount_won is None:
        return None
    difference = abs(formula.product_won - amount_won)
    if difference == 0:
        return "exact"
    tolerance = max(rounding_tolerance_won(printed, unit), formula.rounding_won + 1)
    return "rounded" if difference < tolerance else "mismatch"


def _tree_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """Lines of one form, 통계목 and year make one tree."""
    return row.get("form"), row["account"], row["fiscal_year"]


def _merge_wrapped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join a line without a marker to the line above it in its tree (the source wrapped
    it; in a two-year table, the line of its year: ``×1,732천원 + … = 42,420백만원`` at the
    top of the next page ends the 2026 line above it; a line of another table where it
    directly follows or goes on with an operator), unless it stands alone (a 예산서's
    산출내역 item: one per line, no markers)."""
    merged: list[dict[str, Any]] = []
    last: dict[tuple[Any, ...], int] = {}  # per tree, its last line in ``merged``
    for row in rows:
        if is_note(row["text"]) and not row["amount_printed"]:
            continue  # ``※ …``: a remark in the cell, not a 산출 line
        marker, _ = split_marker(row["text"])
        above = last.get(_tree_key(row))
        if marker is None and above is not None and _continues(row, merged, above):
            if _complete(merged[above]) and _complete(row):
                last[_tree_key(row)] = len(merged)
                merged.append({**row, "beside": True})
                continue
            previous = dict(merged[above])
            previous["text"] = f"{previous['text']} {row['text'].strip()}".strip()
            previous["amount_printed"] = previous["amount_printed"] or row["amount_printed"]
            merged[above] = previous
        else:
            last[_tree_key(row)] = len(merged)
            merged.append(dict(row))
    return merged


def _complete(row: dict[str, Any]) -> bool:
    """A line that ends with its amount after a formula (``… × 9/12개월 = 375백만원``): one
    more such line under it is an item beside it, not the rest of it."""
    return FORMULA_THEN_AMOUNT.search(row["text"]) is not None


def _continues(row: dict[str, Any], merged: list[dict[str, Any]], above: int) -> bool:
    """Whether an unmarked ``row`` goes on with the line ``merged[above]`` of its tree."""
    if row.get("standalone"):
        return False
    return (
        above == len(merged) - 1
        or merged[above]["table_index"] == row["table_index"]
        or FORMULA_GOES_ON.match(row["text"]) is not None
    )


def raw_lines_to_tree(
    rows: list[dict[str, Any]], first_line_id: int = 1
) -> tuple[list[dict], list[dict]]:
    """Staged lines of one 세부사업 → (breakdown_lines rows, formula factor rows), the
    lines numbered from ``first_line_id``; each form (table, box) learns its own levels."""
    trees: dict[Any, _Tree] = {}
    open_lines: dict[tuple[Any, ...], list[tuple[int, int]]] = {}  # per tree: its stack
    lines: list[dict] = []
    factors: list[dict] = []
    previous: tuple[tuple[Any, ...], Any] | None = None  # the last line's tree and table
    last_line: dict[tuple[Any, ...], dict] = {}  # per tree, its last line
    merged = _merge_wrapped(rows)
    for line_id, row in enumerate(merged, start=first_line_id):
        tree = trees.setdefault(row.get("form"), _Tree())
        parsed = parse_line(row["text"], row["amount_printed"])
        if previous is None or _tree_key(row) != previous[0]:
            # a new 통계목 or year starts its tree; one met before (the year beside it in
            # the table continued on the next page) goes on where it stopped
            tree.stack = open_lines.setdefault(_tree_key(row), [])
        if previous is not None and row["table_index"] != previous[1]:
            tree.start_table(parsed.marker)
        previous = (_tree_key(row), row["table_index"])
        line = _line(row, parsed, tree, line_id)
        if parsed.unit_from_context and line["unit"] is None:
            _take_unit_from_context(line, lines, first_line_id, parsed.unit_of)
        if row.get("beside") and _tree_key(row) in last_line:
            _beside(line, last_line[_tree_key(row)], tree, lines, first_line_id)
        _renumber(line, tree, lines, first_line_id)
        _computes_sibling(line, tree, lines, first_line_id)
        _restates_sibling(line, tree, lines, first_line_id)
        _details_uncle(line, tree, lines, first_line_id)
        _nets_own_revenue(line, tree, lines, first_line_id)
        _details_skipping_line(line, tree, lines, first_line_id)
        last_line[_tree_key(row)] = line
        ancestors = _ancestors(lines, line["parent_line_id"], first_line_id)
        line["path"] = " > ".join([ln["name"] for ln in ancestors] + [line["name"]])
        if line["account_printed"] is None:
            line.update(_coded_account(line, ancestors[-1] if ancestors else None))
        lines.append(line)
        factors += _factor_rows(line_id, parsed.formula)
    return lines, factors


def _take_unit_from_context(
    line: dict, lines: list[dict], first_line_id: int, unit_of: UnitSource
) -> None:
    """A figure printed bare (``(’25) 100 → (’26) 100(전년동)``) is in the unit its parent's
    amount is printed in, else (``box``) the last unit printed before it in its tree; where
    none is and the figure may be no amount (``parent only``), it is part of the name."""
    before, only = unit_of == "box", unit_of == "parent only"
    parent = line["parent_line_id"]
    above = [lines[parent - first_line_id]] if parent is not None else []
    earlier = [ln for ln in reversed(lines) if _line_tree(ln) == _line_tree(line)] if before else []
    unit = next((ln["unit"] for ln in [*above, *earlier] if ln["unit"]), None)
    if unit is None and only:
        line["name"] = f"{line['name']} {line['amount_printed']}"
        line["amount_printed"] = None
    if unit is None:
        return
    line["unit"] = unit
    line["amount_won"] = _won(line["amount_printed"], unit)
    line["prior_amount_won"] = _won(line["prior_amount_printed"], unit)


def _beside(line: dict, previous: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """``line`` (unmarked) a sibling of ``previous``, of its kind: its parent, level, and
    in a box its marker's rank and indent (the next ``(2)`` closes both); the lines after
    it nest under it."""
    line["parent_line_id"], line["level"] = previous["parent_line_id"], previous["level"]
    if previous["line_id"] in tree.placed:
        tree.placed[line["line_id"]] = tree.placed[previous["line_id"]]
    chain = _ancestors(lines, line["parent_line_id"], first_line_id)
    tree.stack[:] = [(ln["level"], ln["line_id"]) for ln in [*chain, line]]


def _restated_item(line: dict, lines: list[dict], first_line_id: int) -> dict | None:
    """The earlier item a numbered line restates: a list printed twice (the items of an
    ``(산출)`` line, ``(1) 대학 125,400백만원, (2) …``, then each in detail, ``(1) 대학 : 88개 x
    1,425백만원 = 125,400백만원``; a 사업내용 list repeated under 소요예산). The item has the
    line's number and its amount, and is the line's sibling or its parent's: the line
    details it and goes under it, so its money is counted once."""
    number = ordinal(line["printed"])
    if number is None or line["amount_won"] is None:
        return None
    parent = lines[line["parent_line_id"] - first_line_id]
    near = {parent["line_id"], parent["parent_line_id"]} - {None}
    for earlier in reversed(lines):
        if earlier["parent_line_id"] not in near:
            continue
        if earlier["amount_won"] == line["amount_won"] and ordinal(earlier["printed"]) == number:
            return earlier
        if _itemises(earlier, number, line["amount_won"]):
            return earlier
    return None


NUMBERED_PART = re.compile(r"[①-⑳]\s*" + MONEY)  # ``①704백(모바일 공무원증 …)``


def _itemises(computing: dict, number: tuple[str, str], amount_won: int) -> bool:
    """Whether an ``(산출)`` line lists the numbered part with this amount: ``(산출) 7,201백 =
    ①704백(…) + ②6,072백(…)`` then ``①「…」 704백`` in detail is that part."""
    if not COMPUTING.match(computing["name"]):
        return False
    for part in NUMBERED_PART.finditer(computing["printed"]):
        figure = part[0][1:].strip()
        if ordinal(part[0]) == number and _printed_won(figure) == amount_won:
            return True
    return False


def _renumber(line: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """A numbered line placed by its number where its marker alone misplaces it: the
    restatement of an earlier item goes under that item; the next number of an open line's
    series (``(5) 사업관리비`` wrapped from a ``(4) 로봇`` list, ``(2-2)`` printed further in than
    the ``ㅇ (산출)`` of ``(2-1)``) is that line's sibling, unless a line of its series is
    already beside it."""
    number = ordinal(line["printed"])
    if number is None or line["parent_line_id"] is None:
        return
    restated = _restated_item(line, lines, first_line_id)
    if restated is not None:
        _place(line, restated, tree, lines, first_line_id)
        return
    numbered_by_marker = line["marker"] is not None and level_key(line["marker"]) == number[0]
    if not numbered_by_marker or _has_numbered_sibling(line, number, lines):
        return
    for above in reversed(_ancestors(lines, line["parent_line_id"], first_line_id)):
        printed = ordinal(above["printed"])
        if printed and printed[0] == number[0] and follows(printed[1], number[1]):
            grand = above["parent_line_id"]
            _place(
                line, lines[grand - first_line_id] if grand else None, tree, lines, first_line_id
            )
            return


def _has_numbered_sibling(line: dict, number: tuple[str, str], lines: list[dict]) -> bool:
    """Whether a line of the same series is already under the line's parent (an inner list:
    its ``②`` follows the ``①`` beside it, not the ``①`` of a title above)."""
    for earlier in reversed(lines):
        if earlier["parent_line_id"] == line["parent_line_id"]:
            printed = ordinal(earlier["printed"])
            if printed and printed[0] == number[0]:
                return True
        if earlier["line_id"] == line["parent_line_id"]:
            return False
    return False


COMPUTING = re.compile(r"^\(\s*산\s*출")  # ``(산출)``, ``(산출내역)``: a line that computes


def _computes_sibling(line: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """An ``(산출)`` line that computes what the line before it prints (``- 근지구 우주전파환경
    예경보 체계 개발 1,407백만원`` then ``- (산출) 3과제×469백만원(평균) = 1,407백만원``) details
    that line and goes under it, so the money is counted once."""
    value = line["amount_won"] if line["amount_won"] is not None else line["formula_product_won"]
    if not COMPUTING.match(line["name"]) or value is None:
        return
    before = next((ln for ln in reversed(lines) if ln["form"] == line["form"]), None)
    if before is None or before["parent_line_id"] != line["parent_line_id"]:
        return
    amount = before["amount_won"]
    if amount and abs(amount - value) < rounding_tolerance_won(
        before["amount_printed"], before["unit"]
    ):
        _place(line, before, tree, lines, first_line_id)


SAME_NAME = 0.85  # of two names, the share of characters they have in common, in order


def _restates_sibling(line: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """A box line that prints an earlier sibling's amount and (nearly) its name restates
    it (a 사업내용 heading ``◇ 식품 정보시스템 차세대 통합구축 ISP 수립 : 877백만원`` printed
    again over its 소요예산): it details that line and goes under it, so the money is
    counted once. Names with other figures (``2025년``, ``2026년``) are other lines."""
    name = without_spaces(line["name"])
    if line["form"] != "box" or line["amount_won"] is None or len(name) < MIN_RESTATED_NAME:
        return
    if COMPUTING.match(name):
        return
    for earlier in reversed(lines):
        if _line_tree(earlier) != _line_tree(line):
            continue
        if earlier["parent_line_id"] != line["parent_line_id"]:
            continue
        if earlier["amount_won"] == line["amount_won"] and _same_name(
            without_spaces(earlier["name"]), name
        ):
            _place(line, earlier, tree, lines, first_line_id)
        return


MIN_RESTATED_NAME = 6


def _details_uncle(line: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """A line under one item of a list that names and prints another item of it
    (``▪ 기술지원인력 347백만원``, ``▪ 상담인력 213백만원``, then ``· 기술지원 인력 : 28,916천원 ×
    1명 × 12개월 = 347백만원`` under the last) details that item and goes under it. Only the
    list's items count: the search ends at the first line that is none of them, or in
    another table."""
    parent_id = line["parent_line_id"]
    if parent_id is None or line["amount_won"] is None:
        return
    parent = lines[parent_id - first_line_id]
    if parent["amount_won"] in (None, line["amount_won"]):
        return
    name = without_spaces(line["name"])
    for earlier in reversed(lines):
        if earlier["line_id"] == parent_id or earlier["parent_line_id"] == parent_id:
            continue
        item = earlier["parent_line_id"] == parent["parent_line_id"]
        same_table = earlier["table_index"] == line["table_index"]
        if not (item and same_table and _line_tree(earlier) == _line_tree(line)):
            return
        named = without_spaces(earlier["name"])
        if earlier["amount_won"] == line["amount_won"] and named and name.startswith(named):
            _place(line, earlier, tree, lines, first_line_id)
            return


def _nets_own_revenue(line: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """``○ 총지출 107,906`` then ``○ 자체수입 44,018`` after a grant printed net of them
    (``○ 민간경상보조 63,888``, over items that add up to the 총지출): both detail the grant
    and go under it, so its money is counted once."""
    gross = lines[-1] if lines else None
    if net_term(line["name"]) != "revenue" or gross is None or net_term(gross["name"]) != "gross":
        return
    if line["amount_won"] is None or gross["amount_won"] is None:
        return
    net = gross["amount_won"] - line["amount_won"]
    for earlier in reversed(lines[:-1]):
        if _line_tree(earlier) != _line_tree(line):
            continue  # the other year's column of the table
        if earlier["level"] < gross["level"]:
            return
        if earlier["parent_line_id"] == gross["parent_line_id"] and earlier["amount_won"] == net:
            _place(gross, earlier, tree, lines, first_line_id)
            gross["path"] = f"{earlier['path']} > {gross['name']}"
            _place(line, earlier, tree, lines, first_line_id)
            return


def _details_skipping_line(line: dict, tree: _Tree, lines: list[dict], first_line_id: int) -> None:
    """A table line whose marker the lines before ranked between its open line and the
    line above it, which skipped that rank (``① 일반상담 콜센터 : 13,491백만원``, ``- 사업비
    (13,079백만원)``, then ``· (인건비) 300명×39.128백만원*`` where ``·`` ranked above ``-``),
    details the line above it when it prints no more money than that line: it goes under
    it, and so do the lines of its marker after it, under that open line."""
    above = next((ln for ln in reversed(lines) if _line_tree(ln) == _line_tree(line)), None)
    parent_id = line["parent_line_id"]
    if line["form"] != "table" or above is None or parent_id is None:
        return
    if above["parent_line_id"] != parent_id or line["marker"] is None or above["marker"] is None:
        return
    parent = lines[parent_id - first_line_id]
    if not parent["level"] < line["level"] < above["level"]:
        return
    value = line["amount_won"] if line["amount_won"] is not None else line["formula_product_won"]
    if above["amount_won"] is None or (value is not None and value > above["amount_won"]):
        return
    key, other = level_key(above["marker"]), level_key(line["marker"])
    if key not in tree.order or other not in tree.order:
        return
    if tree.order.index(key) < tree.order.index(other):
        return
    tree.rank_above(key, other, parent_id)
    above["level"] = line["level"]
    _place(line, above, tree, lines, first_line_id)


def _line_tree(line: dict) -> tuple[Any, ...]:
    return line["form"], line["account_printed"], line["fiscal_year"]


def _same_name(one: str, other: str) -> bool:
    return (
        re.findall(r"\d+", one) == re.findall(r"\d+", other)
        and SequenceMatcher(None, one, other).ratio() >= SAME_NAME
    )


def _place(
    line: dict, parent: dict | None, tree: _Tree, lines: list[dict], first_line_id: int
) -> None:
    """``line`` a child of ``parent`` (a top line without one), one level below it; the
    lines after it nest under it."""
    line["parent_line_id"] = parent["line_id"] if parent else None
    line["level"] = parent["level"] + 1 if parent else 1
    chain = _ancestors(lines, line["parent_line_id"], first_line_id)
    tree.stack[:] = [(ln["level"], ln["line_id"]) for ln in [*chain, line]]


def numbered_by_depth(order: list[str]) -> list[str]:
    """Numbered enumerators together where the first of them is ranked, shallow before
    deep: ``1-1.`` right under ``1.`` and ``1-1-1.`` under ``1-1.``, above the bullets
    under ``1.``, whichever a box uses first."""
    numbered = sorted(
        (key for key in order if is_numbered_heading(key)), key=lambda k: k.count("-")
    )
    if not numbered:
        return list(order)
    first = next(i for i, key in enumerate(order) if is_numbered_heading(key))
    rest = [key for key in order if not is_numbered_heading(key)]
    return rest[:first] + numbered + rest[first:]


def _line(row: dict[str, Any], parsed: ParsedLine, tree: _Tree, line_id: int) -> dict[str, Any]:
    unit = _unit(parsed.amount_printed, row["unit_note"])
    amount_won = _won(parsed.amount_printed, unit)
    if row.get("form") == "box":
        level, parent = tree.place(parsed.marker or UNMARKED, _indent(row, parsed), line_id)
    else:
        level = tree.level(parsed.marker)
        parent = tree.parent(level, line_id)
    formula = parsed.formula
    return {
        "line_id": line_id,
        "parent_line_id": parent,
        "level": level,
        "marker": parsed.marker,
        **_account(row),
        "fiscal_year": row["fiscal_year"],
        "name": parsed.name,
        "printed": row["text"] + (f" {row['amount_printed']}" if row["amount_printed"] else ""),
        "amount_printed": parsed.amount_printed,
        "unit": unit,
        "amount_won": amount_won,
        "formula": formula.printed if formula else None,
        "unit_price_won": formula.unit_price_won if formula else None,
        "formula_product_won": formula.product_won if formula else None,
        "formula_status": formula_status(formula, amount_won, unit, parsed.amount_printed),
        "page": row["page"],
        "line_no": row["line_no"],
        "table_index": row["table_index"],
        "row_index": row["row_index"],
        "prior_amount_printed": parsed.prior_printed,
        "prior_amount_won": _won(
            parsed.prior_printed, _unit(parsed.prior_printed, row["unit_note"])
        ),
        "form": row.get("form") or "table",
    }


def _indent(row: dict[str, Any], parsed: ParsedLine) -> float | None:
    """Where a marked box line starts on its page (pt), if placed; a title's start (often
    centred) says nothing of its depth."""
    indent = row.get("indent")
    if parsed.marker is None or indent is None or pd.isna(indent):
        return None
    return float(indent)


def _account(row: dict[str, Any]) -> dict[str, Any]:
    """The 과목구분 cell a line is under, normalised (``일 반 수 용 비 (210-01)`` →
    ``일반수용비``, 210-01); a 예산서내역's 목 path stays as it is."""
    printed = row["account"]
    if printed is None or row.get("form") == "ledger":
        return {"account": printed, "account_code": None, "account_printed": printed}
    label = normalise_label(printed)
    return {"account": label.name, "account_code": label.code, "account_printed": printed}


def _coded_account(line: dict[str, Any], parent: dict[str, Any] | None) -> dict[str, Any]:
    """Without a 과목 column, a line named as a coded 비목 (``○ 연구개발활동비등(360-05)``)
    names the account of itself and of the lines under it; a name with figures before its
    code (``관리용역비(210-15):5,685,940천원○관리용역비(210-15)``, lines run together) is
    no 비목's."""
    label = normalise_label(line["name"])
    if label.code is not None and not any(char.isdigit() for char in label.name):
        return {"account": label.name, "account_code": label.code}
    if parent is not None:
        return {"account": parent["account"], "account_code": parent["account_code"]}
    return {}


def _unit(printed: str | None, unit_note: str | None) -> str | None:
    number = parse_number(printed)
    return (number.unit if number else None) or unit_from_note(unit_note)


def _won(printed: str | None, unit: str | None) -> int | None:
    number = parse_number(printed)
    return to_won(number.value, unit) if number else None


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
