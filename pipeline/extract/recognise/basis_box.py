"""예산 산출 근거 boxes: the lines of ``3) 2026년도 예산(안) 산출 근거``, read as printed.

The 기획재정부 사업설명자료 form explains a project's money in a ruled rectangle of
lines, not a grid: titles (``□ 원본데이터 안전활용 기술개발``) with their year transition on
the next line (``: (’25) 0 → ('26) 4,560백만원, 순증``), tagged lines (``- (요구) …`` explains,
``- (산출) 4,560백만원`` computes) and formula lines (``․1개 과제(신규) × 1,920백만원 × 9/12개월
= 1,440백만원``). The box runs from its heading to the next numbered heading (``4) 사업효과``);
세부 산출내역 tables inside it are read by the table recogniser.

A line a program drew as a one-row table (an underlined or shaded title split at a rule:
``□ 기평`` | ``비``) is read back as one line. Lines that explain rather than compute
(``(요구)``, ``(변동요인)`` and the lines under them) are prose, not items. An ``(산출)`` line
that lists several items (``가명정보 활용 실태 모니터링 109백만원, 가명정보 제도개선
205백만원``) gives one line per item, a figure without a unit taking the line's unit
(``유지관리비 724, 위탁운영비 440, 임차료 435백만원``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.budget.markers import (
    CIRCLED,
    NUMBER_SERIES,
    follows,
    further_in,
    is_note,
    is_numbered_heading,
    is_symbol_glyph,
    level_key,
    number_between,
    ordinal,
    split_marker,
)
from pipeline.budget.periods import year_in
from pipeline.budget.units import (
    BRACKETED,
    FORMULA_THEN_AMOUNT,
    MONEY_AMOUNT,
    MONEY_UNIT,
    NAMED_AMOUNT_THEN_FORMULA,
    is_unit_note,
    money_unit_in,
)
from pipeline.model import Document, Paragraph, Table

HEADING = re.compile(r"^\s*(?P<number>\d{1,2})\)\s*.*산\s*출\s*(?:근\s*거|내\s*역)")
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,2})\)\s*\S")
TAG = re.compile(r"^\(\s*(?P<tag>[가-힣]{1,6})\s*\)\s*")
# ``(산출)`` computes the amount and ``(변동내역)`` lists its items; other tags explain it.
COMPUTES = ("산출", "산출내역", "변동내역")
STATUS = ("신규", "계속")  # an item's: new, or going on from the year before
# An amount, a year transition (``4,591 → …``; not the arrow of ``생계·의료→생계``), or a
# year's figure the same as the year before (``('25, ’26) 1,811(전년동)``).
FIGURE = re.compile(r"\d[\d,.]*\s*(?:" + MONEY_UNIT + r")|\d\S*\s*→|\d\s*\(\s*전년\s*동")
# An explaining tag is set apart from what it says (``(요구) 지역균형발전 …``); a name in
# brackets before its amount (``(일반수용비) 15백만원→15백만원``) or glued to the rest of the
# name (``(기관)운영비``) is an item's.
EXPLAINING_TAG = re.compile(TAG.pattern + r"(?:(?<=\s)(?!" + FIGURE.pattern + r")|$)")
SPLIT_CELL = 2  # a title split at a rule leaves at most this many glyphs in its last cell
# A name starts here (not a ``x`` product: ``x 12``, ``x12/12개월``), or a tag naming the
# next item: ``(신규) 1개 × …``, ``(2타입) 10,000백만원``.
NAME_NEXT = re.compile(
    r"(?![xX][\s\d])[가-힣A-Za-z]|\((?=[^()]*[가-힣])[\d가-힣/·]{1,6}\)\s*[\d가-힣A-Za-z]"
)
# An item of a list: ``유지관리비 724``, ``임차료 435백만원``, ``에너지복지 홍보(448백만원)``,
# ``신규 학습콘텐츠 제작 900백만원 (실험실습 400, AI교양 500)`` (a remark after it), and
# ``900백만원(6개소×375백만원×40%)`` after a named one (it shares the name).
PART = re.compile(
    r"^(?P<name>(?:.*?\S)?)\s*(?P<open>\()?\s*(?<![\d,.])(?P<amount>[△▲]?\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>" + MONEY_UNIT + r")?\s*(?(open)\))(?:\s*(?P<remark>" + BRACKETED + r"))?$"
)


@dataclass(frozen=True)
class BoxLine:
    """A printed line of a box (a one-row table read back as a line)."""

    text: str
    page: int | None
    line_no: int | None
    indent: float | None = None  # where the line starts on the page (x0, pt), if placed
    beside: bool = False  # an unmarked item beside the line above, not the rest of it


BREAK = BoxLine("", None, None)  # a table or a unit note between lines: no line runs on


@dataclass
class BasisBox:
    """One 산출 근거 box: the year its heading names, its lines, the tables inside it and
    its notes."""

    year: int | None
    number: int  # the heading's: ``3)``
    lines: list[BoxLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[BoxLine] = field(default_factory=list)  # ``※ …`` and unit notes: no items

    def printed_items(self) -> list[BoxLine]:
        """Lines joined where the print wrapped them: a line without a marker continues
        the one above (``: (’25) 0 → …`` under its title, a wrapped ``(산출)`` list), and so
        does a ``②`` whose ``①`` the line above holds within it (a list inside a line). An
        unmarked formula with its amount under another (``1개×500백만×9/12개월=375백만원``
        under ``- (산출) (신규) 12개×200백만×6/12개월=1,200백만원``) is an item beside it."""
        items: list[BoxLine] = []
        opened = ""  # the last circled number a line opened with
        for line in self.lines:
            marker, _ = split_marker(line.text)
            runs_on = items and items[-1] is not BREAK and line is not BREAK
            inner = runs_on and marker and _continues_inner_list(items[-1], line, marker, opened)
            beside = (
                runs_on
                and marker is None
                and _complete(items[-1])
                and _complete(line)
                and not GOES_ON.match(line.text)
            )
            if beside:
                items.append(replace(line, beside=True))
            elif runs_on and (marker is None or inner):
                items[-1] = replace(items[-1], text=f"{items[-1].text} {line.text}")
            else:
                items.append(line)
                opened = marker if marker and marker in CIRCLED else opened
        return [item for item in items if item is not BREAK and item.text]


GOES_ON = re.compile(r"\s*[→×xX*÷+=≒]")  # ``→ (’26) 12개사 × 37.8백만원 = 454백만원``: the rest


def _complete(line: BoxLine) -> bool:
    """A line that ends with its amount after a formula (``… × 9/12개월 = 375백만원``) or a sum
    (``임차(1,390백만원) + 유지보수(210백만원) = 1,600백만원``), or names its amount before the
    formula (``AP개선(92백만원) : 1식×92백만원``)."""
    text = line.text
    return line is not BREAK and bool(
        FORMULA_THEN_AMOUNT.search(text)
        or SUM_EQUALS.search(text)
        or NAMED_AMOUNT_THEN_FORMULA.match(text)
    )


def _continues_inner_list(above: BoxLine, line: BoxLine, marker: str, opened: str) -> bool:
    """``②`` under a line holding ``①`` within it, when no line opened with ``①`` or the
    ``②`` starts further in than that line (under the list it goes on with: ``- (산출) ①
    … 1,950백만원 /`` over ``② … 298백만원``, the title above them numbered ``①`` too)."""
    number = CIRCLED.find(marker)
    previous = CIRCLED[number - 1] if number > 0 else None
    under = further_in(line.indent, above.indent, same_marker=True)
    return previous is not None and (previous != opened or under) and previous in above.text[1:]


def find_basis_box_lines(document: Document) -> list[dict[str, Any]]:
    """Every item line of every 산출 근거 box of the document."""
    rows: list[dict[str, Any]] = []
    for box in find_basis_boxes(document):
        rows += _item_rows(box.year, restore_numbers(drop_stray_numbers(box.printed_items())))
    return rows


STRAY_NUMBER = re.compile(rf"^(?P<number>\d{{1,2}})\)\s*(?=[{NUMBER_SERIES}])")


def drop_stray_numbers(items: list[BoxLine]) -> list[BoxLine]:
    """A number a word processor's list printed before the line's own (``25) ① 국비유학생
    선발파견 : …``, no ``24)`` before it in the box) numbers nothing here: the line is ``①``'s."""
    kept, numbers = [], set()
    for item in items:
        stray = STRAY_NUMBER.match(item.text)
        if stray and int(stray["number"]) > 1 and str(int(stray["number"]) - 1) not in numbers:
            item = replace(item, text=item.text[stray.end() :])
        number = ordinal(item.text)
        if number and number[0] == "1)":
            numbers.add(number[1])
        kept.append(item)
    return kept


def restore_numbers(items: list[BoxLine]) -> list[BoxLine]:
    """A symbol font's glyph with no Unicode where a series misses a number (``⑳``, then a
    line opening with unmapped glyphs at its indent, then ``㉒``) is that number: nothing
    else is printed there."""
    restored = list(items)
    for index, item in enumerate(items):
        text = item.text.lstrip()
        if not (text and is_symbol_glyph(text[0])):
            continue
        before = _numbered_near(items[index - 1 :: -1] if index else [])
        after = _numbered_near(items[index + 1 :])
        if before is None or after is None:
            continue
        number = number_between(before.text[0], after.text[0])
        apart = further_in(item.indent, before.indent, same_marker=True) or further_in(
            before.indent, item.indent, same_marker=True
        )
        if number and not apart:
            restored[index] = replace(item, text=number + SYMBOL_GLYPHS.sub("", text))
    return restored


SYMBOL_GLYPHS = re.compile("^[\ue000-\uf8ff]+")


def _numbered_near(lines: list[BoxLine]) -> BoxLine | None:
    """The first line that opens with a number of a series (``⑳``), if any."""
    return next(
        (line for line in lines if ordinal(line.text) and line.text[:1] in NUMBER_SERIES), None
    )


def ends_box(box: BasisBox, line: BoxLine) -> bool:
    """The heading after the box's: ``4) 사업효과`` after ``3) … 산출 근거`` (a ``1)`` inside
    numbers the box's own items; a table's cells are no lines). Items numbered as far as
    the heading go on with a figure (``3) 정보분석시스템 … 3,155백만원`` then ``4) 국세청 AI
    시스템 구축 : (2025) 0원 → (2026) 1,826백만원``); the number after the last ends the box."""
    numbered = NUMBERED.match(line.text)
    if numbered is None:
        return False
    number, figure = int(numbered["number"]), FIGURE.search(line.text) is not None
    items = [int(m["number"]) for m in (NUMBERED.match(ln.text) for ln in box.lines) if m]
    last = items[-1] if items and items[-1] >= box.number else None
    if number == box.number + 1 and not (last == box.number and figure):
        return True
    return last is not None and number == last + 1 and not figure


def find_basis_boxes(document: Document) -> list[BasisBox]:
    """The boxes, each from its heading (``3)``) to the next heading (``4)``): a ``1)``
    inside the box numbers its own items."""
    boxes: list[BasisBox] = []
    box: BasisBox | None = None
    for block in document.blocks:
        line = _as_line(block)
        heading = HEADING.match(line.text) if line is not None else None
        if line is not None and heading:
            box = BasisBox(year_in(line.text), int(heading["number"]))
            boxes.append(box)
        elif box is None:
            continue
        elif line is not None and ends_box(box, line):
            box = None
        elif line is None or is_unit_note(line.text) or is_note(line.text):
            box.lines.append(BREAK)
            if isinstance(block, Table):
                box.tables.append(block)
            elif line is not None:
                box.notes.append(line)
        else:
            box.lines.append(line)
    return boxes


def _as_line(block: Paragraph | Table) -> BoxLine | None:
    """A paragraph, or a one-row table that is a line split at a rule; else ``None``."""
    if isinstance(block, Paragraph):
        indent = block.bbox[0] if block.bbox else None
        return BoxLine(block.text.strip(), block.page, block.line_no, indent)
    cells = sorted(block.cells, key=lambda c: c.col)
    if not block.is_frame or block.parent is not None or any("\n" in c.text for c in cells):
        return None
    texts = [c.text.strip() for c in cells]
    glue = "" if len(texts[-1]) <= SPLIT_CELL else " "
    return BoxLine(glue.join(t for t in texts if t), block.page, None)


def _item_rows(year: int | None, items: list[BoxLine]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    order: list[str] = []
    explaining: tuple[int, str | None, BoxLine] | None = None  # the line explaining on
    numbered: dict[str, str] = {}  # per series, the number of its last item line
    for index, item in enumerate(items):
        marker, rest = split_marker(item.text)
        level = _level(order, marker)
        number = ordinal(item.text)
        next_item = number is not None and follows(numbered.get(number[0], ""), number[1])
        if explaining and not next_item and _explains(explaining, level, marker, rest, item):
            continue
        explaining = None
        if index and footnote_of(items[index - 1].text, item.text):
            continue  # the lines it wraps to are joined to it already
        tag = TAG.match(rest)
        # a tag before a formula and its amount names the item (``(청각장애인용) … 요금:
        # 2,500천원×12개월=30,000천원``), as does one that says it is new (``(신규) 생성형 AI
        # 활용 … : (‘25) 0백만원 → (’26) 1,000백만원``): it explains nothing
        explains = bool(tag and tag["tag"] not in COMPUTES + STATUS and EXPLAINING_TAG.match(rest))
        explains = explains and not FORMULA_THEN_AMOUNT.search(rest)
        if explains and not item.beside:
            explaining = (level, marker, item)
            continue
        following = items[index + 1 : index + 1 + TITLE_REACH]
        if not FIGURE.search(item.text) and not _numbered_title(rest, item.text, following):
            continue  # prose: no figure to explain
        for part, (text, amount, unit) in enumerate(_parts(item.text, rest, tag)):
            rows.append(_row(year, item, part, text, amount, unit))
        if number is not None:
            numbered[number[0]] = number[1]
    return rows


def footnote_of(above: str, text: str) -> bool:
    """Whether ``text`` is the footnote of a mark in the line above it: ``* (1개 연구기관)
    …`` under ``… 4개 x 437백만원* x 6/6개월``, ``** 임대료 …`` under ``(ASP) 300명×4.469백만원**``.
    It says what the marked figure is made of: no item."""
    stars = len(text) - len(text.lstrip("*"))
    return 0 < stars <= 2 and re.search(rf"[^\s*]\*{{{stars}}}(?!\*)", above) is not None


TITLE_LENGTH = 40  # a numbered title without a figure names the items under it; prose is longer


TITLE_REACH = 3  # a title's items start within this many lines after it


def _numbered_title(rest: str, text: str, following: list[BoxLine]) -> bool:
    """``① K-하이테크 플러스 사업``, ``2) 합동·지도감독``: a numbered heading that prints no
    amount of its own, the items right under it do (it keeps its numbered siblings beside
    it); numbered lines with no figure near (``1) 모든 제출 서류를 구비하여 접수…``) are prose."""
    items_follow = any(FIGURE.search(line.text) for line in following)
    return ordinal(text) is not None and 0 < len(rest) <= TITLE_LENGTH and items_follow


def _explains(
    explaining: tuple[int, str | None, BoxLine],
    level: int,
    marker: str | None,
    rest: str,
    item: BoxLine,
) -> bool:
    """Whether ``item`` is under the explaining line (``- (변동요인)``): a level below its
    marker's, or printed further in (``- 기존 리스계약 임차료 …``); never one printed further
    out. A tagged line (``- (산출)``) starts a part of its own; a numbered heading goes
    where its number says."""
    above_level, above_marker, above = explaining
    if marker is None or above_marker is None:
        return level > above_level
    key = level_key(marker)
    if TAG.match(rest) or is_numbered_heading(key):
        return False
    same = key == level_key(above_marker)
    if further_in(above.indent, item.indent, same):
        return False  # printed further out: a part above the explanation
    return level > above_level or further_in(item.indent, above.indent, same)


def _level(order: list[str], marker: str | None) -> int:
    if marker is None:
        return len(order) + 1
    key = level_key(marker)
    if key not in order:
        order.append(key)
    return order.index(key) + 1


Part = tuple[str, str | None, str | None]  # text, amount as printed, the line's unit


# Items numbered within a line: what comes before the ``①`` (the prior year's figure) is
# no item; each keeps its number (``- ① 이용자 제보내역 197.4백만원``), so its detail printed
# after the line goes under it.
INNER_LIST = re.compile(rf"(?:^|\s)([{CIRCLED}])\s")


# ``(산출내역) 6,906백만원 = 2,619백만원(…) + 4,287백만원(…)``: the amount, then what it
# equals; one line, not a list, as is a sum with its total after it.
EQUATION = re.compile(r"\s*" + MONEY_AMOUNT + r"(?:\s*\([^()]*\))?\s*[=≒]")
# ``인건비(332백) + 일반관리비(56백) + 직접경비(126백) = 514백만원``: a sum, then its total.
SUM_EQUALS = re.compile(r"\+[^=≒]*[=≒]\s*" + MONEY_AMOUNT + r"\s*$")


def _parts(text: str, rest: str, tag: re.Match[str] | None) -> list[Part]:
    """An ``(산출)`` line listing items gives one line per item (its name, and its figure
    as the amount; or numbered ``①`` ``②`` within the line), as does a line that is
    nothing but named amounts (``- 일반수용비 72백만원, 국내여비 9백만원``); any other
    line is one."""
    if tag is None:
        return _named_list(text, rest) or [(text, None, None)]
    marker = text[: len(text) - len(rest)].strip()
    inner = INNER_LIST.split(rest[tag.end() :])  # before, ①, its item, ②, its item …
    if len(inner) > 3:  # ``85.3만 세대 x 15.2만원 → ① 확대 : … , ② 지원 : …``
        items = zip(inner[1::2], inner[2::2], strict=True)
        return [(f"{marker} {number} {item.strip(' ,/')}", None, None) for number, item in items]
    if EQUATION.match(rest, tag.end()) or SUM_EQUALS.search(rest, tag.end()):
        return [(text, None, None)]
    if NAMED_AMOUNT_THEN_FORMULA.match(rest[tag.end() :]):  # its formula may list terms
        return [(text, None, None)]
    pieces = _split_list(rest[tag.end() :])
    matches = [PART.match(piece) for piece in pieces]
    if len(pieces) < 2 or not all(matches):
        return [(text, None, None)]
    return _as_parts(marker, matches, money_unit_in(rest))


def _as_parts(marker: str, matches: list[re.Match[str] | None], unit: str | None) -> list[Part]:
    """One part per item: the marker and the item's name, its amount as printed, the
    line's unit; a figure after a product's operator is its price, not its amount (``45대 ×
    0.75백만원, 15대 × 3.6백만원``): the item is its formula."""
    return [
        (f"{marker} {m[0]}", None, unit)
        if PRICED.search(m["name"])
        else (
            f"{marker} {m['name']} {m['remark'] or ''}".strip(),
            m["amount"] + (m["unit"] or ""),
            unit,
        )
        for m in matches
        if m
    ]


PRICED = re.compile(r"(?:[×✕*xX]|\d\s*[xX])\s*$")  # ``45대 ×`` before ``0.75백만원``


# A title (``:``), a sum, a product or a transition: the amounts are no list of items.
NOT_A_LIST = re.compile(r"[:=≒→+×✕*÷]|\d\s*[xX]\s*\d")
# Words that make an amount a share or a change of the one before it, not an item beside
# it: ``총사업비 5,000백만원, 국비 2,500백만원``, ``1,200백만원, 전년 대비 200백만원 증``.
NOT_AN_ITEM = re.compile(r"총|국비|지방비|도비|시비|군비|민간|자부담|전년|대비|증감|순증|[증감]$")


def listed_items(text: str) -> list[str]:
    """A line that is nothing but named amounts (``· 시스템 개발용역비 950백만원, 감리비
    50백만원``), one text per item, each with its marker; any other line, itself."""
    marker, rest = split_marker(text)
    parts = _named_list(text, rest) if marker else []
    return [f"{name} {amount}" for name, amount, _ in parts] or [text]


def _named_list(text: str, rest: str) -> list[Part]:
    """A line of two or more named amounts with their units, split at ``,`` or ``/``: no
    title (``:``), sum, product or transition around them."""
    if NOT_A_LIST.search(rest):
        return []
    pieces = _split_list(rest, at_space=False)
    matches = [PART.match(piece) for piece in pieces]
    if len(pieces) < 2 or not all(
        m
        and m["unit"]
        and re.search("[가-힣]", m["name"])
        and not NOT_AN_ITEM.search(m["name"])
        and not FIGURE.search(m["name"])
        for m in matches
    ):
        return []
    return _as_parts(text[: len(text) - len(rest)].strip(), matches, money_unit_in(rest))


def _split_list(text: str, at_space: bool = True) -> list[str]:
    """``A 109백만원, B 205백만원``, ``A 764백만원 B 300백만원`` or ``A 121,622백만원 + B
    24,000백만원`` → the items: split outside brackets at ``,`` or ``/`` after a figure, at
    ``+`` after a named amount with its unit, or at a space after an amount with its unit
    when a name follows (not an operator: ``896백만원 × 9/12개월`` is one item)."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        before = text[start:i].strip()
        listed = char in ",/" and text[i + 1 : i + 2] == " " and PART.match(before)
        added = at_space and char == "+" and _named_amount(before)
        named = at_space and char == " " and NAME_NEXT.match(text, i + 1) and _with_unit(before)
        if depth == 0 and (listed or added or named):
            pieces.append(before)
            start = i + 1
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _with_unit(piece: str) -> bool:
    part = PART.match(piece)
    return bool(part and part["unit"])


def _named_amount(piece: str) -> bool:
    """``예비창업패키지 49,125백만원``: a name and an amount with its unit, no product."""
    part = PART.match(piece)
    return bool(part and part["unit"] and not re.search(r"[×xX*✕/÷]", part["name"]))


def _row(
    year: int | None, item: BoxLine, part: int, text: str, amount: str | None, unit: str | None
) -> dict[str, Any]:
    return {
        "table_index": None,
        "row_index": None,
        "col_index": None,
        "part": part,
        "account": None,
        "fiscal_year": year,
        "text": text,
        "amount_printed": amount,
        "unit_note": f"(단위: {unit})" if unit else None,
        "page": item.page,
        "line_no": item.line_no,
        "standalone": True,  # wrapped lines are joined here already
        "form": "box",
        "indent": item.indent,
        "beside": item.beside,
    }
