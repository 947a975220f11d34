"""산출근거 formulas: ``279,940원*15일*12월``, ``500,000원(특별2급,2시간)*40회``,
``115.0만 세대 × 5.3만원 × 100%``, ``(2,300,000원/12)*12개월``.

A formula is a sum of terms, each a product (or quotient) of factors; a factor is a
number with an optional unit (money such as 원/천원/만원, a count word such as
일/월/회/명/식, or %) and optional notes in brackets, or a bracketed sub-formula whose
terms may carry names (``(센터장 350,000원+생활복지사 250,000원)*12개월``). A formula names at least
one money factor, so its product is in 원. Written as a small recursive-descent
parser because the grammar is tiny and no library parses these Korean units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from pipeline.budget.numbers import COUNT_SCALE as SCALE
from pipeline.budget.units import SPACED_MONEY_UNIT, WON_PER_UNIT

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SCALE_WORDS = sorted(SCALE, key=len, reverse=True)  # ``백만`` before ``만``
# A count word: Hangul, or Latin letters (``60core``, ``199MM``, ``122,489FP``) but not
# the ``x`` of a product.
COUNT_UNIT = re.compile(r"[가-힣]{1,4}|(?![xX](?![A-Za-z]))[A-Za-z]{1,5}")
# A unit some programs set apart from its number: money, %, or a count word that ends
# the factor (``279,940 원*15 일``; not the name in ``3 단계 사업``).
UNIT_APART = re.compile(
    r"[ \t](?=(?:" + SPACED_MONEY_UNIT.pattern + r"|%)|[가-힣]{1,4}(?:\s*[×xX*✕/÷+)(]|$))"
)
# The counted thing after its count word: ``1개 과제(신규)``, ``22개 기관(관리감독) +``,
# ``24개 대학원 본부 ×``.
COUNTED = re.compile(r"(?:\s+[가-힣]{1,6}){1,2}(?=\s*(?:[()]|[×xX*✕/÷+]|$))")
OPERATORS = {"*": "*", "×": "*", "x": "*", "X": "*", "✕": "*", "/": "/", "÷": "/", "+": "+"}
# The name of a term inside brackets: ``(데스크톱 923,900원+win11pro 177,000원)``.
TERM_LABEL = re.compile(r"(?:[가-힣]+|[A-Za-z][A-Za-z\d]*)\s+(?=\d)")
# A word that says what a factor counts, before it: ``7개 과제 × 과제당 270.4백``, ``× 분석가
# 3.5명``.
QUALIFIER = re.compile(r"[가-힣]{1,6}\s+(?=\d)")
# The name of an amount added (``업무협의 경비 2백``, ``전문위원회(12백만원)``, ``② 유지관리비
# 967백``) or of a product (``단독(수도권)2개 x 3,050백만원``): words before it, numbered or
# not, a remark in brackets after them.
NAMED_TERM = re.compile(
    r"(?:[①-⑳]\s*)?(?:[가-힣A-Za-z][가-힣A-Za-z·]*\s+)*[가-힣A-Za-z][가-힣A-Za-z·]*"
    r"(?:\([^()]*\))?\s*(?=\(?\d)"
)
# Inside brackets, a term named before its figure in brackets of its own: ``(홈페이지(7개) +
# 모바일 웹(7개)) X 1,250천원``.
BRACKETED_TERM = re.compile(r"[가-힣A-Za-z][가-힣A-Za-z ]*\((?=\s*\d[^()]*\))")
PRODUCT_NEXT = re.compile(r"\s*[×xX*✕]")  # the factor just read is the first of a product
GROUP_START = re.compile(r"(?:[가-힣]+\s+)?\d|" + BRACKETED_TERM.pattern)
# A remark in brackets before a term added names it: ``14,625백만원 + (1회 추경) 1,008백만원``.
TERM_REMARK = re.compile(r"\([^()]*[가-힣][^()]*\)\s*(?=\d)")


@dataclass(frozen=True)
class Factor:
    """One factor as printed; ``amount`` is its value in 원 (money) or as a plain count."""

    printed: str
    value: Decimal
    unit: str | None  # 원, 천원, 만원 … for money; 일, 회, 세대 … for counts; % ; None
    note: str | None  # bracketed remarks after the factor: ``(특별2급,2시간)``
    role: str  # money, count, percent, group

    @property
    def amount(self) -> Decimal:
        if self.role == "money" and self.unit:
            return self.value * WON_PER_UNIT[self.unit]
        return self.value / 100 if self.role == "percent" else self.value


@dataclass(frozen=True)
class Formula:
    printed: str
    factors: tuple[Factor, ...]
    operators: tuple[str, ...]  # between factors: "*", "/" or "+" (products first)
    product_won: int

    @property
    def unit_price_won(self) -> int | None:
        money = next((f for f in self.factors if f.role == "money"), None)
        return int(money.amount.quantize(Decimal(1), ROUND_HALF_UP)) if money else None

    @property
    def rounding_won(self) -> int:
        """How far the product may lie from the exact one because its unit price is
        printed rounded (an average ``204.7백만원``, ``4,249천원``): the product times the
        unit price's half step over the price. A sum of terms is taken as printed."""
        money = [f for f in self.factors if f.role == "money" and f.value]
        if "+" in self.operators or len(money) != 1:
            return 0
        (price,) = money
        figure = NUMBER.search(price.printed)
        decimals = len(figure[0].partition(".")[2]) if figure else 0
        half_step = Decimal(1).scaleb(-decimals) / 2
        return int(abs(self.product_won * half_step / price.value))


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0  # inside brackets, a term may carry a label: (센터장 350,000원+…)

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def expression(self, named_first: bool = False) -> tuple[list[Factor], list[str]]:
        factors = [self.factor(term=named_first)]
        operators: list[str] = []
        while True:
            self.skip_spaces()
            op = OPERATORS.get(self.text[self.pos : self.pos + 1])
            if op is None:
                return factors, operators
            self.pos += 1
            self.skip_spaces()
            qualifier = QUALIFIER.match(self.text, self.pos) if op != "+" else None
            self.pos = qualifier.end() if qualifier else self.pos
            factors.append(self.factor(term=op == "+"))
            if op == "/" and factors[-1].role == "money" and factors[-2].role == "count":
                op = "*"  # 1인/7,000원: money per head, not a count divided by money
            operators.append(op)

    def factor(self, term: bool = False) -> Factor:
        """A factor; ``term``: it opens a term after ``+``, so a remark may name it, and
        so may words if it is money (``출장비 1백 + 업무협의 경비 2백``, ``분과위원회(21백만원)
        +전문위원회(12백만원)``)."""
        named = NAMED_TERM.match(self.text, self.pos) if term and not self.depth else None
        self.pos = named.end() if named else self.pos
        factor = self._factor(term)
        product = PRODUCT_NEXT.match(self.text, self.pos) is not None
        if named and factor.role != "money" and not (product and factor.role == "count"):
            raise ValueError("a named term is an amount or a product")  # ``+이윤(10%)``: a rate
        return factor

    def _factor(self, term: bool) -> Factor:
        start = self.pos
        if self.depth:
            label = TERM_LABEL.match(self.text, self.pos)
            self.pos = label.end() if label else self.pos
        remark = TERM_REMARK.match(self.text, self.pos) if term else None
        if remark and not _is_group(self.text[remark.start() : remark.end()].strip()):
            self.pos = remark.end()
        if self.text.startswith("(", self.pos) and GROUP_START.match(self.text, self.pos + 1):
            self.pos += 1
            self.depth += 1
            inner, operators = self.expression()
            self.depth -= 1
            if not self.text.startswith(")", self.pos):
                raise ValueError("unclosed bracket")
            self.pos += 1
            value = _evaluate(inner, operators)
            role = "money" if any(f.role == "money" for f in inner) else "count"
            note = self.notes()
            return Factor(
                self.text[start : self.pos], value, "원" if role == "money" else None, note, role
            )
        bracketed = BRACKETED_TERM.match(self.text, self.pos) if self.depth else None
        if bracketed:
            self.pos = bracketed.end()
            self.skip_spaces()
        number = NUMBER.match(self.text, self.pos)
        if not number:
            raise ValueError(f"no number at {self.pos}")
        self.pos = number.end()
        value = Decimal(number.group(0).replace(",", ""))
        unit, role = self.unit()
        if bracketed and not self.text.startswith(")", self.pos):
            raise ValueError("unclosed bracket")
        self.pos += 1 if bracketed else 0
        if role == "count" and unit in SCALE:  # 115.0만 세대: a scale word, then the thing
            value *= SCALE[unit]
            self.skip_spaces()
            word = COUNT_UNIT.match(self.text, self.pos)
            unit = word.group(0) if word else None
            self.pos = word.end() if word else self.pos
        note = self.notes()
        return Factor(self.text[start : self.pos].strip(), value, unit, note, role)

    def unit(self) -> tuple[str | None, str]:
        apart = UNIT_APART.match(self.text, self.pos)  # ``279,940 원*15 일``: set apart
        self.pos = apart.end() if apart else self.pos
        if self.text.startswith("%", self.pos):
            self.pos += 1
            return "%", "percent"
        money = SPACED_MONEY_UNIT.match(self.text, self.pos)  # ``180천 원`` too
        if money:
            self.pos = money.end()
            return "".join(money.group(0).split()), "money"
        scale = next((w for w in SCALE_WORDS if self.text.startswith(w, self.pos)), None)
        if scale:
            self.pos += len(scale)
            return scale, "count"
        word = COUNT_UNIT.match(self.text, self.pos)
        if word:
            counted = COUNTED.match(self.text, word.end())
            self.pos = counted.end() if counted else word.end()
            return self.text[word.start() : self.pos], "count"
        return None, "count"

    def notes(self) -> str | None:
        notes = []
        while self.text.startswith("(", self.pos):
            end = self.text.find(")", self.pos)
            if end < 0:
                raise ValueError("unclosed note")
            notes.append(self.text[self.pos : end + 1])
            self.pos = end + 1
        return "".join(notes) or None


def _is_group(bracketed: str) -> bool:
    """Whether ``(…)`` is a sub-formula (``(316개 x 5백만원)``, ``(45백)``), not a remark
    (``(1회 추경)``: a count alone)."""
    parser = _Parser(bracketed)
    try:
        factor = parser.factor()
    except (ValueError, ArithmeticError):
        return False
    computes = factor.role == "money" or any(op in bracketed for op in OPERATORS)
    return parser.pos == len(bracketed) and computes


def _evaluate(factors: list[Factor], operators: list[str]) -> Decimal:
    """Products and quotients first, then the sum of the terms."""
    with localcontext() as context:
        context.prec = 50
        total, term = Decimal(0), factors[0].amount
        for op, factor in zip(operators, factors[1:], strict=True):
            if op == "+":
                total, term = total + term, factor.amount
            elif op == "*":
                term *= factor.amount
            else:
                term /= factor.amount
        return total + term


def parse_formula(text: str, named_first: bool = False) -> Formula | None:
    """The formula that is exactly ``text``, or ``None``; it must name a money factor.
    ``named_first``: the text is all formula (what an amount equals), so its first term
    may be named as the terms added to it are (``2,480백만원 = 교육과정 개발(200백만원 × 8종) +
    사업관리비(80백만원)``)."""
    parser = _Parser(text.strip())
    try:
        factors, operators = parser.expression(named_first)
    except (ValueError, ArithmeticError):
        return None
    parser.skip_spaces()
    if parser.pos != len(parser.text) or not any(f.role == "money" for f in factors):
        return None
    try:
        product = _evaluate(factors, operators)
    except ArithmeticError:
        return None
    return Formula(
        parser.text,
        tuple(factors),
        tuple(operators),
        int(product.quantize(Decimal(1), ROUND_HALF_UP)),
    )


def split_formula(text: str) -> tuple[str, Formula | None]:
    """Split ``name formula`` into the name and the formula at the end of the text.

    The formula starts at the first word boundary (or bracket) from which the rest of
    the text parses as a formula: ``강사료1(주강사) 500,000원(특별2급,2시간)*40회``,
    ``진단 시범 운영(20만원×3,000명)``.
    """
    for start in range(len(text)):
        glued = start and not text[start - 1].isspace()
        if text[start] not in "0123456789(" or (glued and text[start] != "("):
            continue
        formula = parse_formula(text[start:])
        if formula:
            return text[:start].strip(), formula
    return text.strip(), None
