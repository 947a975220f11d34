"""예산 산출 근거 boxes (``3) 2026년도 예산(안) 산출 근거``): lines of a ruled rectangle, read as
산출내역 lines of form ``box``, with their year transitions, ``(산출)`` lists and formulas.

The corpus test counts, independently of the reader, the amounts printed inside every box
of the 24 ``ai-budget-2026`` books: pdfplumber's text lines of the box's pages, from its
heading to the next heading that starts about where it starts, cut where a column gap parts
two cells on one line; every one of them is in the box as yesan reads it (its lines,
notes or the 세부 산출내역 tables inside it), and yesan reads none that is not printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.extract.recognise.basis_box import (
    HEADING,
    NUMBERED,
    find_basis_box_lines,
    find_basis_boxes,
    listed_items,
)
from pipeline.model import Cell as ModelCell
from pipeline.model import Document, Paragraph, Table
from pipeline.transform.breakdown import parse_line, raw_lines_to_tree

# An amount as printed, the unit's syllables possibly set apart (``180천 원``).
AMOUNT = re.compile(
    r"\d[\d,.]*\s*(?:천\s*만\s*원|백\s*만\s*원|십\s*억\s*원|억\s*원|천\s*원|만\s*원|조\s*원|원)"
)
COLUMN_GAP = 2.0  # font sizes: wider, two cells share a text line
# pt: the next heading starts about where the box's does; a ``4)`` in a table cell further in
HEADING_INDENT = 20.0


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        # a title with its transition: the budget year's amount, the prior year's
        (
            "□ 기술개발 : (’25) 0 → ('26) 4,560백만원, 순증",
            None,
            ("기술개발", "4,560백만원", "0백만원"),
        ),
        ("1-1. 운영 : 1,056 → 0백만원 (순감)", None, ("운영", "0백만원", "1,056백만원")),
        ("□ 사업 : (2025 본예산) - → (2026) 200백만원", None, ("사업", "200백만원", "-")),
        # a count before each year's figure (산림청 p. 42); a change after it is no count
        (
            "- 연구과제 : ('25) 22과제 7,867백만원 → ('26) 22과제 8,605백만원(+9.4%)",
            None,
            ("연구과제", "8,605백만원", "7,867백만원"),
        ),
        (
            "⑫ 통합 운영 : ('25) 12,345백만원 → ('26요구) 12,188백만원 157백만원 감액",
            None,
            ("통합 운영", "12,188백만원", "12,345백만원"),
        ),
        # the amount, then its formula (with or without ``=``)
        ("ㆍ운영비 : 25,000천원 = 12개월 x 2,080천원", None, ("운영비", "25,000천원", None)),
        (
            "ㆍ 활동비 : 25,742,000천원 135개 기관 x 190,681천원",
            None,
            ("활동비", "25,742,000천원", None),
        ),
        ("· 우편통보 159백만원 = 15만명×2회×530원", None, ("우편통보", "159백만원", None)),
        # a last factor is no amount; ``= 1식`` counts, it is no amount
        ("가. 공무직 인건비 : 7명 × 30.7백만원", None, ("공무직 인건비", None, None)),
        ("가. 모니터링 : 109,000천원 = 1식 x 109,000천원", None, ("모니터링", "109,000천원", None)),
        # a bracketed remark or a pointer after the amount
        ("① 시스템 구축 446백만원(순증)", None, ("시스템 구축", "446백만원", None)),
        ("□ 사업 : 29,880백만원 ☞ 사업개요", None, ("사업", "29,880백만원", None)),
        # an amount column beside the line
        ("- 장비 등 유지관리비", "724", ("장비 등 유지관리비", "724", None)),
    ],
)
def test_a_line_gives_its_name_amount_and_prior_amount(text, column, expected):
    line = parse_line(text, column)
    assert (line.name, line.amount_printed, line.prior_printed) == expected


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("․1개 과제(신규) × 1,920백만원 × 9/12개월 = 1,440백만원", 1_440_000_000),
        (
            "ㆍ 점검 : 81,000천원 = 2,400천원 × 22개 기관(관리감독) + 9,600천원 × 3개 기관(재지정)",
            81_600_000,
        ),
        ("- 6,440백만원 = 5,567백만원 + 873백만원", 6_440_000_000),
        ("▷ 협치자문관 운영 279,940 원*15 일*12 월 = 50,390천원", 50_389_200),
        ("ㆍ 서버 60core x 8,085,000원 = 485,100천원", 485_100_000),
    ],
)
def test_formulas_of_boxes_parse(text, product):
    formula = parse_line(text).formula
    assert formula is not None and formula.product_won == product


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, page=1) for text in texts]


def test_a_box_gives_its_items_with_levels_parents_and_prior_amounts():
    split_title = Table(0, [ModelCell(0, 0, "□ 원본데이터 안전활용 기술개"), ModelCell(0, 1, "발")])
    document = Document(
        "d",
        "d.pdf",
        "pdf",
        blocks=[
            *paragraphs("2) 사업 집행", "- (산출) 999백만원", "3) ’26년도 예산 산출 근거"),
            split_title,
            *paragraphs(
                ": (’25) 0 → ('26) 4,560백만원, 순증",
                "- (요구) 합성데이터 기술 등 예산 요구, 100백만원 증액",
                "무단 도용 방지 기술 개발을 위한 예산 요구",
                "- (산출) 4,560백만원",
                "․1개 과제(신규) × 1,920백만원 × 9/12개월 = 1,440백만원",
                "․3개 과제(신규) × 1,387백만원 × 9/12개월 = 3,120백만원",
                "※ 과제당 단가는 전년 기준",
                "□ 플랫폼 운영",
                ": (‘25) 1,036백만원 → (’26) 1,599백만원",
                "- (산출) 유지관리비 724, 위탁운영비 440백만원, 임차료 435백만원",
                "4) 사업효과",
                "- (산출) 5백만원",
            ),
        ],
    )
    (box,) = find_basis_boxes(document)
    assert (box.year, box.number, [note.text for note in box.notes]) == (
        2026,
        3,
        ["※ 과제당 단가는 전년 기준"],
    )
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    got = [
        (ln["level"], ln["parent_line_id"], ln["name"], ln["amount_won"], ln["prior_amount_won"])
        for ln in lines
    ]
    assert got == [
        (1, None, "원본데이터 안전활용 기술개발", 4_560_000_000, 0),
        (2, 1, "(산출)", 4_560_000_000, None),
        (3, 2, "", 1_440_000_000, None),
        (3, 2, "", 3_120_000_000, None),
        (1, None, "플랫폼 운영", 1_599_000_000, 1_036_000_000),
        (2, 5, "유지관리비", 724_000_000, None),
        (2, 5, "위탁운영비", 440_000_000, None),
        (2, 5, "임차료", 435_000_000, None),
    ]
    assert [ln["formula_status"] for ln in lines[2:4]] == ["exact", "rounded"]  # 3,120.75
    assert {ln["form"] for ln in lines} == {"box"}


def test_the_first_box_of_the_first_book_as_printed(ai_mart):
    """개인정보보호위원회 p. 5 (rendered and read): three titles, each with its (산출)."""
    rows = ai_mart.execute(
        "SELECT b.level, b.name, b.amount_won, b.prior_amount_won, b.formula_status "
        "FROM breakdown_lines b JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%개인정보보호위원회.pdf' AND b.form = 'box' AND b.page = 5 "
        "ORDER BY b.line_id"
    ).fetchall()
    assert rows == [
        (1, "원본데이터 안전활용 기술개발", 4_560_000_000, 0, None),
        (2, "(산출)", 4_560_000_000, None, None),
        (3, "", 1_440_000_000, None, "exact"),
        (3, "", 3_120_000_000, None, "rounded"),
        (1, "AI 프라이버시 리스크 대응기술 개발", 1_344_000_000, 0, None),
        (2, "(산출)", 1_344_000_000, None, "exact"),
        (1, "기평비", 234_000_000, 0, None),
        (2, "(산출)", 234_000_000, None, "exact"),
    ]
    totals = ai_mart.execute(
        "SELECT f.location LIKE '%against its 산출 근거 box', f.status, f.actual "
        "FROM findings f JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%개인정보보호위원회.pdf' AND f.rule = 'summary-matches-breakdown' "
        "AND f.location LIKE '%(개인정보 안전활용 선도기술 개발(R&D)), column 5 (%' ORDER BY 1"
    ).fetchall()
    # 4,560 + 1,344 + 234 = the 총괄's (B), by the box and by its three 세부 산출내역 tables
    assert totals == [(False, "pass", 6_138_000_000), (True, "pass", 6_138_000_000)]


def test_a_years_lines_are_compared_with_the_phase_whose_total_they_make(ai_mart):
    """The 총괄표 prints 2025 as 본예산(A) and 추경, 2026 as 요구 and 조정(B). 산림청 p. 59:
    the 2025 산출내역 lines add up to the 추경 (101,499백만원), not the 본예산 (57,869): a pass
    that says so. 법무부 p. 67: the 2026 lines in 천원 add up to 12,285,508천원, the
    (B) 12,285백만원 rounded. 법무부 p. 67's 2025 lines (10,003,758천원) make neither the
    본예산 9,861 nor the 추경 column's 143: a fail against the lettered column."""
    rows = ai_mart.execute(
        "SELECT regexp_extract(d.path, '([^/]+)\\.pdf$', 1), f.page, f.status, f.severity, "
        "f.expected, f.actual, f.message LIKE '%(the 추경''s, not the 본예산''s)' "
        "FROM findings f JOIN documents d USING (document_id) "
        "WHERE f.rule = 'summary-matches-breakdown' AND f.location NOT LIKE '%against%' AND ("
        "(d.path LIKE '%산림청.pdf' AND f.page = 59 AND f.message LIKE '%2025%') OR "
        "(d.path LIKE '%법무부.pdf' AND f.page = 67)) ORDER BY 1, 2, f.col_index"
    ).fetchall()
    assert rows == [
        ("법무부", 67, "fail", "error", 9_861_000_000, 10_003_758_000, False),
        ("법무부", 67, "pass", "warning", 12_285_000_000, 12_285_508_000, False),
        ("산림청", 59, "pass", "warning", 101_499_000_000, 101_499_000_000, True),
    ]


def amounts(text: str) -> Counter[str]:
    return Counter(re.sub(r"\s", "", m.group(0)) for m in AMOUNT.finditer(text))


def box_spans(path: Path, pdf) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The pages of each box (first and last, 1-based): PDFium's text finds the headings,
    pdfplumber's text lines confirm that the next one starts where the box's does. Where
    the box numbers its own items as far as its heading's number, the next number that
    prints an amount is one more item inside the rectangle (국세청 p. 4: ``4) 국세청 AI 시스템
    구축 : … 1,826백만원`` after ``3) 2026년도 예산 산출 근거``'s ``3) 정보분석시스템 …``)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    spans, start, end = [], None, BoxEnd(0, 0.0)
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range()
        if start is None and not any(HEADING.match(line) for line in text.splitlines()):
            continue
        for line in pdf.pages[index].extract_text_lines():
            heading = HEADING.match(line["text"])
            if heading and start is None:
                start, end = index + 1, BoxEnd(int(heading["number"]), line["x0"])
            elif start and end.ends(line):
                spans.append((start, index + 1))
                start = None
    document.close()
    return [*spans, (start, index + 1)] if start else spans


@dataclass
class BoxEnd:
    """Where a box ends: at the next heading's number, aligned with its own heading, that
    prints no amount when the box's items are numbered as far as its heading's number."""

    number: int
    left: float
    last: int = 0  # the last of the box's own numbered items

    def ends(self, line: dict) -> bool:
        numbered = NUMBERED.match(line["text"])
        if numbered is None:
            return False
        item, next_number = int(numbered["number"]), max(self.number, self.last) + 1
        if item == next_number and self.last >= self.number and AMOUNT.search(line["text"]):
            self.last = item  # the box's items go on past its heading's number
            return False
        if item == next_number and abs(line["x0"] - self.left) <= HEADING_INDENT:
            return True
        self.last = item if item == self.last + 1 else self.last
        return False


def printed_in_boxes(page_lines: list[list[dict]]) -> Counter[str]:
    """Amounts on pdfplumber's text lines between a box's heading and the next one."""
    found: Counter[str] = Counter()
    inside, end = False, BoxEnd(0, 0.0)
    for lines in page_lines:
        above: list[Segment] = []  # the segments of the lines above on the page
        for line in lines:
            heading = HEADING.match(line["text"])
            if heading:
                inside, end = True, BoxEnd(int(heading["number"]), line["x0"])
                continue
            if inside and end.ends(line):
                inside = False
            elif inside:
                parts = placed_segments(line["chars"])
                found += sum((amounts(part.text) for part in parts), Counter())
                found += wrapped_amounts(above, parts)
                above += parts
    return found


@dataclass(frozen=True)
class Segment:
    x0: float
    top: float
    size: float
    text: str


# A formula wrapped in a narrow column, a figure's unit going on at the start of the next
# line (``0.105요율x12,097백만`` / ``원x1.1부가세``, ``x11,731`` / ``백만원x1.1부가세``), the
# two lines set tight, with no line spacing, as prose never is (the row beside them may
# stand between them on the page's lines); the reader joins the two. A figure alone in
# its cell over its unit (``15,609`` / ``백만원``) is counted by neither side.
FIGURE_CUT = re.compile(r"\d[\d,.]*\s*[천백만억조십]*(?=\s|$)")  # not followed by its 원
UNIT_AT_START = re.compile(r"^[천백만억조십\s]*원")
COLUMN_START = 1.0  # pt: the lines of one narrow column start together
TIGHT = 0.25  # font sizes at most between a wrapped line's bottom and its rest's top
# (tops compared: a segment's bottom may be its amount's, set lower beside it)


def wrapped_amounts(above: list[Segment], parts: list[Segment]) -> Counter[str]:
    """Amounts wrapped from a segment above to one starting where it does, right under it."""
    found: Counter[str] = Counter()
    for part in parts:
        rest = UNIT_AT_START.match(part.text)
        for upper in above if rest else []:
            cut = [*FIGURE_CUT.finditer(upper.text)]
            if (
                cut
                and cut[-1].start() > 0
                and abs(upper.x0 - part.x0) <= COLUMN_START
                and 0 < part.top - upper.top <= (1 + TIGHT) * part.size
            ):
                found += amounts(cut[-1].group(0).strip() + rest.group(0))
    return found


def placed_segments(chars: list[dict]) -> list[Segment]:
    """A text line cut where a column gap parts two cells, each part placed."""
    groups: list[list[dict]] = []
    for char in chars:
        if not groups or char["x0"] - groups[-1][-1]["x1"] > COLUMN_GAP * char["size"]:
            groups.append([])
        groups[-1].append(char)
    return [_segment(group) for group in groups]


def _segment(chars: list[dict]) -> Segment:
    text, previous = "", None
    for char in chars:
        if previous and char["x0"] - previous["x1"] > char["size"] / 4:
            text += " "
        text += char["text"]
        previous = char
    return Segment(chars[0]["x0"], min(c["top"] for c in chars), chars[0]["size"], text)


def read_in_boxes(path: Path, first: int, last: int) -> tuple[Counter[str], int]:
    """Amounts in the boxes as yesan reads the pages, and the item lines it loads."""
    from pipeline.extract.documents import read_range

    document = Document("d", str(path), "pdf", blocks=read_range(path, first, last).blocks)
    found: Counter[str] = Counter()
    for box in find_basis_boxes(document):
        texts = [line.text for line in [*box.lines, *box.notes]]
        texts += [c.text for t in box.tables for c in [*t.cells, *t.repeated_headers]]
        found += sum((amounts(line) for text in texts for line in text.split("\n")), Counter())
    return found, len(find_basis_box_lines(document))


def test_a_list_printed_twice_in_a_box_is_counted_once(ai_mart):
    """교육부 p. 55 (rendered and read): ``① 첨단산업 인재양성 부트캠프 … 134,175백만원`` lists
    its four items in one ``(산출)`` line, then prints each again with its formula. Each
    detail line is its item's child; the four items add up to the title."""
    rows = ai_mart.execute(
        "SELECT b.line_id, b.parent_line_id, b.printed, b.amount_won "
        "FROM breakdown_lines b JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%교육부.pdf' AND b.form = 'box' AND b.page = 55 ORDER BY b.line_id"
    ).fetchall()
    by_id = {line_id: (parent, printed, won) for line_id, parent, printed, won in rows}
    (title,) = [i for i, (_, printed, _) in by_id.items() if "① 첨단산업 인재양성" in printed]
    items = [i for i, (parent, _, _) in by_id.items() if parent == title]
    assert [by_id[i][1] for i in items] == [
        "- (1) 대학 125,400백만원",
        "- (2) AI융합 5,000백만원",
        "- (3) 협약기관 2,050백만원",
        "- (4) 사업관리비 1,725백만원",
    ]
    assert sum(by_id[i][2] for i in items) == by_id[title][2] == 134_175_000_000
    details = [(by_id[by_id[i][0]][1][:9], by_id[i][1][:8]) for i in by_id if by_id[i][0] in items]
    assert details == [
        ("- (1) 대학 ", "(1) 대학 :"),
        ("- (2) AI융", "(2) AI융합"),
        ("- (3) 협약기", "(3) 협약기관"),
        ("- (4) 사업관", "(4) 사업관리"),
    ]


def test_every_amount_printed_in_a_box_is_read_and_none_invented(corpus, ai_mart):
    import pdfplumber

    printed, read, items = Counter(), Counter(), 0
    for path in sorted((corpus / "ai-budget-2026").glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for first, last in box_spans(path, pdf):
                pages = [pdf.pages[n - 1].extract_text_lines() for n in range(first, last + 1)]
                on_pages = printed_in_boxes(pages)
                in_boxes, loaded = read_in_boxes(path, first, last)
                assert on_pages == in_boxes, (path.name, first, on_pages - in_boxes)
                printed, read, items = printed + on_pages, read + in_boxes, items + loaded
    assert sum(printed.values()) == sum(read.values()) > 8_000
    (loaded,) = ai_mart.execute(
        "SELECT count(*) FROM breakdown_lines WHERE form = 'box'"
    ).fetchone()
    assert items == loaded > 2_000  # every item line the boxes give is in the mart


def test_a_box_orders_its_levels_by_how_far_in_each_marker_starts():
    """``ㅇ`` used after ``-`` but printed further out is the level above it."""

    def line(text: str, x0: float) -> Paragraph:
        return Paragraph(text, page=1, bbox=(x0, 0.0, 500.0, 10.0))

    document = Document(
        "d",
        "d.pdf",
        "pdf",
        blocks=[
            line("3) 2026년도 예산 산출 근거", 50),
            line("➀ 위탁 운영 : 1,075백만원", 60),
            line("- 홍보비 : 50백만원", 90),
            line("ㅇ 운영인력 인건비 : 427백만원(전년 동)", 75),
            line("- 월평균 급여 3,975천원 × 8명 × 12개월 = 427,786천원", 90),
        ],
    )
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [(ln["level"], ln["parent_line_id"]) for ln in lines] == [
        (1, None),
        (2, 1),
        (2, 1),
        (3, 3),
    ]


def test_a_unit_whose_syllables_are_set_apart_is_its_unit():
    """``180천 원``, ``12,000 명``: a text layer set the syllables apart."""
    line = parse_line("ㆍ (239,000명 × 180천 원 ×1.3)+(12,000 명 ×230 천 원 ×1.3)=59,514,000천원")
    assert line.formula is not None and line.formula.product_won == 59_514_000_000


@pytest.mark.parametrize(
    ("listed", "items"),
    [
        (  # 중소벤처기업부 (ai-budget-2026) p. 89, as printed
            ["- (산출) 기술사업화자금 121,622백만원 + 핵심분야 특화지원 프로그램 24,000백만원"],
            [
                ("기술사업화자금", 121_622_000_000, None),
                ("핵심분야 특화지원 프로그램", 24_000_000_000, None),
            ],
        ),
        (  # a sum inside one item's formula is no list, and its last term no amount
            ["- (산출) 20개소 × 204.7백만원 + 280백만원"],
            [("(산출)", None, 4_374_000_000)],
        ),
        (  # 행정안전부 p. 59: a line of its own for each formula with its amount
            [
                "- (산출) (계속) 10개 × 1,469백만원 × 12/12개월 = 14,690백만원",
                "(신규) 1개 × 640백만원 × 9/12개월 = 480백만원",
            ],
            [
                ("(산출) (계속)", 14_690_000_000, 14_690_000_000),
                ("(신규)", 480_000_000, 480_000_000),
            ],
        ),
        (  # 교육부 p. 22: an item with a remark after its amount, then the next item
            [
                "- (산출) 신규 학습콘텐츠 제작 900백만원 (실험실습 400, AI교양 500)",
                "기존 학습콘텐츠 수정 100백만원",
            ],
            [
                ("신규 학습콘텐츠 제작 (실험실습 400, AI교양 500)", 900_000_000, None),
                ("기존 학습콘텐츠 수정", 100_000_000, None),
            ],
        ),
        (  # 산림청 p. 77: the second amount shares the first's name
            ["- (산출) ICT플랫폼 : 1,125백만원(3개소×375백만원), 900백만원(6개소×375백만원×40%)"],
            [("ICT플랫폼", 1_125_000_000, 1_125_000_000), ("", 900_000_000, 900_000_000)],
        ),
    ],
)
def test_a_list_of_named_amounts_gives_one_line_each(listed, items):
    document = Document(
        "d",
        "d.pdf",
        "pdf",
        blocks=paragraphs(
            "3) 2026년도 예산 산출 근거", "□ 창업지원 : 145,622백만원", *listed, "4) 사업효과"
        ),
    )
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    got = [(ln["name"], ln["amount_won"], ln["formula_product_won"]) for ln in lines[1:]]
    assert got == items


def _box(*lines: tuple[str, float]) -> Document:
    blocks = [Paragraph("3) 2026년도 예산 산출 근거", page=1, bbox=(50.0, 0.0, 500.0, 10.0))]
    blocks += [Paragraph(text, page=1, bbox=(x0, 0.0, 500.0, 10.0)) for text, x0 in lines]
    return Document("d", "d.pdf", "pdf", blocks=blocks)


def _tree(document: Document) -> list[tuple[int | None, int | None]]:
    """(amount in 백만원, parent line) of each item line of the box."""
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    return [
        (ln["amount_won"] // 1_000_000 if ln["amount_won"] else None, ln["parent_line_id"])
        for ln in lines
    ]


def test_a_box_line_printed_further_in_is_under_the_line_above():
    """해양경찰청 p. 13: ``①``–``④`` under ``- (산출)`` are its items, though ``①`` also
    numbers the box's titles; the next title ``②`` closes them. 식품의약품안전처 p. 40: a
    marker's glyph 5.5 pt off its sibling's is still its sibling."""
    document = _box(
        ("① 기술개발 : (2026 예산) 4,800백만원", 66.6),
        ("- (산출) 1개 과제 X 4,800백만원 X 12/12개월 = 4,800백만원", 75.6),
        ("① 데이터 체계 개발 1,710백만원", 89.2),
        ("② 플랫폼 개발 3,090백만원", 89.2),
        ("② 운영 : (2026 예산) 500백만원", 66.6),
        ("ㅇ 인건비 : 400백만원", 77.9),
        ("ㅇ 운영경비 : 100백만원", 83.4),
    )
    assert _tree(document) == [
        (4_800, None),
        (4_800, 1),
        (1_710, 2),
        (3_090, 2),
        (500, None),
        (400, 5),
        (100, 5),
    ]


def test_numbered_headings_go_by_their_number_wherever_they_start():
    """대법원 pp. 9–12: ``1-5-1.`` printed as far out as ``ㅇ`` (a one-row table) is first
    seen after the bullets under ``1-5.``; it is still under ``1-5.`` and over its ``ㅇ``."""
    document = _box(
        ("1. 운영 : 100 → 300백만원", 74.5),
        ("1-1. 센터 : 100 → 100백만원", 66.6),
        ("ㅇ 예산 : 100백만원", 66.6),
        ("- 유지보수 : 100백만원", 80.5),
        ("1-5. 장비 : 200 → 200백만원", 66.6),
        ("1-5-1. 데이터센터 : 100 → 200백만원", 66.6),
        ("ㅇ 예산 : 200백만원", 66.6),
    )
    assert _tree(document) == [
        (300, None),
        (100, 1),
        (100, 2),
        (100, 3),
        (200, 1),
        (200, 5),
        (200, 6),
    ]


def test_lines_printed_further_in_than_an_explanation_explain_with_it():
    """고용노동부 p. 7: under ``- (변동요인)``, ``- 기존 리스계약 임차료 …`` is printed further in:
    an explanation, no item. A tagged line (``- (산출)`` after ``- (요구)``, 조달청 p. 8) and
    a heading printed further out (국가데이터처 p. 8) are parts of their own."""
    document = _box(
        ("□ 정보시스템 운영 : 12,450백만원", 60.0),
        ("- (변동요인) 리스계약 종료", 76.0),
        ("① 리스계약 종료로 인한 임차료 자연감소", 86.0),
        ("- 기존 리스계약 임차료: (’25) 6,211 → (‘26) 6,163백만원", 89.8),
        ("- (요구) 공무직 근로자 보수 등 인건비", 76.0),
        ("- (산출) 인건비 1,000백만원", 86.0),
        ("(1-1) 통합 DB 운영 : 2,790백만원", 70.0),
    )
    assert _tree(document) == [(12_450, None), (1_000, 1), (2_790, 1)]


def test_an_inner_list_goes_on_on_the_next_line_printed_further_in():
    """고용노동부 p. 113: ``- (산출) ① 근로자 이음센터 운영 1,950백만원 /`` over ``② 취약노동자
    타운홀 미팅 운영 298백만원``, aligned under the list, the title above numbered ``①`` too:
    two items of the title."""
    document = _box(
        ("① 참여·소통 활성화 지원 : (2026) 2,248백만원", 66.6),
        ("- (산출) ① 근로자 이음센터 운영 1,950백만원 /", 75.6),
        ("② 취약노동자 타운홀 미팅 운영 298백만원", 111.7),
    )
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [(ln["amount_won"], ln["parent_line_id"]) for ln in lines] == [
        (2_248_000_000, None),
        (1_950_000_000, 1),
        (298_000_000, 1),
    ]


def test_a_computing_line_that_restates_the_line_before_it_details_it():
    """우주항공청 p. 18: ``- 근지구 우주전파환경 예경보 체계 개발 1,407백만원`` then ``- (산출)
    (계속) 3과제×469백만원(평균) = 1,407백만원``: the (산출) line computes the line before it
    and goes under it, so ② has one child of 1,407, not two."""
    document = _box(
        ("② 근지구 우주전파환경 예경보 체계 개발 : (’25) 831백만원 → (’26) 1,407백만원", 66.6),
        ("- 근지구 우주전파환경 예경보 체계 개발 1,407백만원", 75.6),
        ("- (산출) (계속) 3과제×469백만원(평균) = 1,407백만원", 75.6),
        ("③ 관측망 운영 : (’26) 100백만원", 66.6),
    )
    assert _tree(document) == [(1_407, None), (1_407, 1), (1_407, 2), (100, None)]


def test_an_unmarked_formula_with_its_amount_under_another_is_an_item_beside_it():
    """농림축산식품부 p. 60: ``1개×500백만×9/12개월=375백만원`` under ``- (산출) (신규)
    12개×200백만×6/12개월=1,200백만원`` is a second item of ① (1,200 + 375 = 1,575), and
    ``x12/12개월`` is a factor, not a name. 지식재산처 p. 14: a line going on with ``→ (’26)``
    is the rest of the line above, not an item beside it."""
    document = _box(
        ("① 첨단바이오 치료기술 개발 : (’26) 1,575백만원", 66.6),
        ("- (산출) (신규) 12개×200백만×6/12개월=1,200백만원", 75.6),
        ("1개×500백만×9/12개월=375백만원", 90.0),
        ("② IP거래기반 구축 : (’25) 447 → (’26) 454백만원", 66.6),
        ("- 산출내역 : (’25) 12개사 × 37.3백만원 = 447백만원", 78.2),
        ("→ (’26) 12개사 × 37.8백만원 = 454백만원", 154.3),
    )
    assert _tree(document) == [(1_575, None), (1_200, 1), (375, 1), (454, None), (454, 4)]


def test_a_list_detailed_after_an_item_beside_goes_on_under_each_item():
    """교육부 p. 56: ``(2) 제도운영 150백만원`` of an inline list is detailed by ``(2) 제도 운영 …
    = 150백만원`` after an unmarked item beside ``(1)``'s detail: the beside item does not
    hold the lines after it."""
    document = _box(
        ("⑥ 산학연협력 기반조성 : (2026 예산) 350백만원", 66.6),
        ("- (산출) (1) 실태조사 200백만원, (2) 제도운영 150백만원", 75.6),
        ("(1) 조사 추진 1식 × 20백만원 = 20백만원", 89.2),
        ("조사 시스템 운영 1식 × 180백만원 = 180백만원", 102.7),
        ("(2) 제도 운영 3식 × 50백만원 = 150백만원", 89.2),
    )
    assert _tree(document)[-1] == (150, 3)


def test_a_line_of_named_amounts_alone_gives_one_item_each():
    """국가데이터처 p. 10: ``- 일반수용비 72백만원, 국내여비 9백만원, 사업추진비 9백만원``
    under ``(1-5) 경상운영비 … 90백만원`` is three items (72 + 9 + 9 = 90), not one of 9. A
    line that shares out its amount (``총사업비 …, 국비 …``) or computes one stays one line."""
    document = _box(
        ("(1-5) 경상운영비 : (’25) 90 → (’26) 90백만원", 60.0),
        ("- 일반수용비 72백만원, 국내여비 9백만원, 사업추진비 9백만원", 75.0),
        ("(1-6) 시설비 : (’26) 500백만원", 60.0),
        ("- 총사업비 1,000백만원, 국비 500백만원", 75.0),
        ("- 설계 : 32백만, 감리 16백만원", 75.0),
    )
    assert _tree(document) == [(90, None), (72, 1), (9, 1), (9, 1), (500, None), (500, 5), (16, 5)]
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [ln["printed"] for ln in lines[5:]] == [
        "- 총사업비 1,000백만원, 국비 500백만원",
        "- 설계 : 32백만, 감리 16백만원",
    ]


def test_a_numbered_title_without_an_amount_keeps_its_siblings_beside_it():
    """고용노동부 p. 25: ``① K-하이테크 플러스 사업`` prints no amount, its two ``▪`` lines do;
    ``②`` after them is ``①``'s sibling, not an item of the last ``▪``. A line of prose without
    a figure is still no line."""
    document = _box(
        ("① K-하이테크 플러스 사업", 66.6),
        ("▪ 실무인재 양성훈련 : (2025 예산) 478백만원 → (2026 예산) 521백만원", 66.6),
        ("▪ 기초역량훈련 : (2025 예산) 20백만원 → (2026 예산) 20백만원, 전년동", 66.6),
        ("- (산출) 훈련비 등 20백만원", 76.3),
        ("- 노동시장 참여자가 디지털 역량을 갖추도록 기초 훈련을 지원하여 전환을 돕는다", 76.3),
        ("② 돌봄서비스 훈련 : (2025 예산) 33백만원 → (2026 예산) 29백만원", 66.6),
    )
    assert _tree(document) == [(None, None), (521, 1), (20, 1), (20, 3), (29, None)]


def test_a_years_figure_the_same_as_the_year_before_is_a_line():
    """고용노동부 p. 7: ``③ 사이버안전센터 운영: ('25, ’26) 1,811(전년동)`` prints its figure
    without a unit; it is a line, in the unit of the line before it, not prose."""
    document = _box(
        ("② 정보시스템 유지보수: ('25) 4,591 → ('26) 5,041백만원", 66.6),
        ("③ 사이버안전센터 운영: ('25, ’26) 1,811(전년동)", 66.6),
        ("- (변동내역) 전년동", 76.3),
    )
    assert _tree(document) == [(5_041, None), (1_811, None)]


def test_the_next_number_of_a_list_of_items_ends_an_explanation():
    """국가데이터처 p. 37: ``③ 시설운영 및 개선: (’25) 1,368 → …`` after the ``ㅇ (요구내용)`` of
    ``②`` is the next item of the list, though printed further in than the tag; 식품의약품안전처
    p. 41: ``· (청각장애인용) … 요금: 2,500천원×12개월=30,000천원`` computes, its tag names it."""
    document = _box(
        ("(1-3) 센터 운영: (’25) 2,734 → (‘26예산) 2,759백만원", 60.0),
        ("① 분석역량 강화: (’25) 186 → (‘26예산) 186백만원", 66.6),
        ("② 민간데이터 확충: (’25) 1,180 → (‘26예산) 1,250백만원", 66.6),
        ("ㅇ (요구내용)", 64.0),
        ("- 나우캐스트 15개 지표 시계열 유지, 25백만원 규모", 70.0),
        ("③ 시설운영 및 개선: (’25) 1,368 → (‘26예산) 1,323백만원", 68.0),
        ("- 공공요금 : 42백만원", 66.6),
        ("· (청각장애인용) 수어영상 생성 서비스 요금: 2,500천원×12개월=30,000천원", 70.0),
    )
    assert [amount for amount, _ in _tree(document)] == [2_759, 186, 1_250, 1_323, 42, 30]


def test_a_box_that_prints_no_amount_of_its_year_is_compared_with_nothing(ai_mart):
    """금융위원회 p. 14: the box says only ``(산출) … 2025년도 계획 대비 210백만원 증액``; its
    line prints no amount, so no 0 is set against the 총괄's 2,244백만원."""
    (zeros,) = ai_mart.execute(
        "SELECT count(*) FROM findings WHERE rule = 'summary-matches-breakdown' "
        "AND status = 'fail' AND actual = 0 AND location LIKE '%against its 산출 근거 box'"
    ).fetchone()
    assert zeros == 0


def test_items_numbered_in_a_line_keep_their_numbers_for_their_details():
    """방송미디어통신위원회 p. 26: ``- (산출) ① 제보내역 확인 197.4백만원, ② 플랫폼 운영
    45.6백만원`` gives one line per item, each with its number; ``① 제보내역 확인 197.4백만원``
    printed after in detail goes under the first, not under the last item."""
    document = _box(
        ("• 이용자 참여 플랫폼 : (2025) 278백만원 → (2026) 278백만원, 전년동", 60.0),
        ("- (산출) ① 제보내역 확인 197.4백만원, ② 플랫폼 운영 80.6백만원", 66.6),
        ("① 제보내역 확인 197.4백만원", 70.0),
        ("② 플랫폼 운영 80.6백만원", 70.0),
    )
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [(ln["name"], ln["parent_line_id"]) for ln in lines] == [
        ("이용자 참여 플랫폼", None),
        ("제보내역 확인", 1),
        ("플랫폼 운영", 1),
        ("제보내역 확인", 2),
        ("플랫폼 운영", 3),
    ]
    assert lines[1]["printed"] == "- ① 제보내역 확인 197.4백만원"


def test_a_glyph_without_unicode_where_a_number_is_missing_is_that_number():
    """국세청 p. 17: ``㉑`` is drawn in a symbol font that maps it to two private-use code
    points; between ``⑳`` and ``㉒``, at their indent, it is ``㉑``, a sibling of both, not an
    item of ``⑳``. A symbol glyph printed further in stays a bullet of its own."""
    document = _box(
        ("□ 국세행정지원시스템 운영 : ('25) 300 → ('26) 2,806백만원", 56.0),
        ("⑳ 가상자산 통합분석시스템 : ('25) 148백만원 → ('26) 2,600백만원", 66.6),
        ("- 감리비 2,600백만원", 76.0),
        ("\uf000\uf000 온나라 시스템 운영 : ('25) 191백만원 → ('26) 191백만원, 전년동", 66.6),
        ("\uf0a7 상용SW 임차료 191백만원", 76.0),
        ("㉒ AI 전화상담 운영 : (’25) 해당없음 → ('26) 15백만원", 66.6),
    )
    assert _tree(document) == [(2_806, None), (2_600, 1), (2_600, 2), (191, 1), (191, 4), (15, 1)]
    items = find_basis_box_lines(document)
    assert [item["text"][:2] for item in items[1::2]] == ["⑳ ", "㉑ ", "㉒ "]


def test_a_price_after_a_products_operator_is_no_amount():
    """산림청 p. 79: ``(산출) 운영비 : 45대 × 0.75백만원, 15대 × 3.6백만원`` lists two
    products without their amounts; each is an item whose formula gives its money
    (33.75 and 54백만원), not one of 0.75 and one of 3.6백만원."""
    document = _box(
        ("㉓ 고성능 산불방지드론 : (2025 추경) 3,600백만원 → (2026 예산) 88백만원", 66.6),
        (
            "- (산출) 산불방지드론 및 드론 차량 운영비 : 45대 × 0.75백만원, 15대 × 3.6백만원",
            76.0,
        ),
    )
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [(ln["amount_won"], ln["formula_product_won"]) for ln in lines] == [
        (88_000_000, None),
        (None, 33_750_000),
        (None, 54_000_000),
    ]


def test_lines_naming_their_amount_before_their_formula_are_items_each():
    """산림청 p. 107: under ``- (산출)``, unmarked lines ``이름(505백만원) : 3,952백만원x12.78%``
    each name their amount in brackets, then the formula: one item each, beside the first,
    not one line with the last formula's product; a formula listing terms stays one item."""
    document = _box(
        (
            "① 스마트 산림재해 대응 체계 구축 : (2025 본예산) 947백만원 → (2026 예산) 947백만원",
            66.6,
        ),
        ("- (산출) 개발시스템(응용SW) 운영 및 유지관리(505백만원) : 3,952백만원x12.78%", 76.0),
        ("도입 상용SW 유지관리(116백만원) : 781백만원x14.87%", 80.0),
        ("공간정보 현행화 및 헬프데스크 운영(311백만원) : 11.53백만원x27M/M", 80.0),
        ("산림재난 교육 및 워크숍(15백만원) : 3회×5백만원", 80.0),
        ("② 서버 증설 : (2025 본예산) - → (2026 예산) 955백만원, 순증", 66.6),
        ("- (산출) H/W, S/W 증설(863백만원) : (H/W) 10식×47.4백만원, (S/W) 67식×5.8백만원", 76.0),
        ("AP개선(92백만원) : 1식×92백만원", 80.0),
    )
    assert _tree(document) == [
        (947, None),
        (505, 1),
        (116, 1),
        (311, 1),
        (15, 1),
        (955, None),
        (863, 6),
        (92, 6),
    ]


def test_a_detail_of_one_item_of_a_list_goes_under_that_item():
    """행정안전부 p. 103: ``▪ 기술지원인력 347백만원`` and ``▪ 상담인력 213백만원`` are a list;
    the ``·`` lines after it compute each item, the first under the first though printed
    under the last."""
    document = _box(
        ("‣ 행정전자서명 인증관리센터 운영 : ’26 560백", 60.0),
        ("▪ 기술지원인력 347백만원", 70.0),
        ("▪ 상담인력 213백만원", 70.0),
        ("· 기술지원 인력 : 28,916천원 × 1명 × 12개월 = 347백만원", 76.0),
        ("· 상담 인력 : 13,353천원 × 2명 × 8개월 = 213백만원", 76.0),
    )
    assert _tree(document) == [(560, None), (347, 1), (213, 1), (347, 2), (213, 3)]


def test_an_unmarked_sum_with_its_amount_is_an_item_beside_the_line_above():
    """중소벤처기업부 p. 19: under ``- (산출) … : 1식 x 522백만원 = 522백만원`` come unmarked
    ``인프라구축·운영 : 임차(1,390백만원) + 유지보수(210백만원) = 1,600백만원`` and ``생태계조성 :
    1식 x 1,150백만원 = 1,150백만원``: items beside it, not one line split at its ``+``."""
    document = _box(
        ("① 데이터인프라구축 : (2025년) 3,186백만원 → (2026년) 3,272백만원, +86백만원 증액", 66.6),
        ("- (산출) 제조AI 24 플랫폼 ISP : 1식 x 522백만원 = 522백만원", 76.0),
        (
            "인프라구축·운영 : 민간클라우드 임차(1,390백만원) + 유지보수(210백만원) = 1,600백만원",
            80.0,
        ),
        ("생태계조성 : 1식 x 1,150백만원 = 1,150백만원", 80.0),
    )
    assert _tree(document) == [(3_272, None), (522, 1), (1_600, 1), (1_150, 1)]
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [ln["formula_status"] for ln in lines] == [None, "exact", "exact", "exact"]


def test_the_footnote_of_a_marked_figure_is_no_item():
    """중소벤처기업부 p. 118: ``* (1개 연구기관) ①…(20개 x 10백만원) + …`` under ``(산출) …
    4개 x 437백만원* x 6/6개월 ≒ 1,750백만원`` says what the marked 437백만원 is made of; a
    ``*`` line under a line without the mark is an item (``* 장비 임차료 : 603백만원``)."""
    document = _box(
        ("① 사전연구 및 제조현장진단: (‘25) 0 → (’26) 1,750백만원, 순증", 66.6),
        ("- (산출) 전문연구기관 4개 x 437백만원* x 6/6개월 ≒ 1,750백만원", 76.0),
        ("* (1개 연구기관) 분석(20개 x 10백만원) + 진단(15개 x 7.92백만원)", 80.0),
        ("② 장비 운영 : (’25) 0 → (’26) 603백만원", 66.6),
        ("* 장비 임차료 : 603백만원", 76.0),
    )
    assert _tree(document) == [(1_750, None), (1_750, 1), (603, None), (603, 3)]


def test_numbers_within_a_number_go_under_it_and_a_stray_list_number_is_dropped():
    """교육부 pp. 74–77: ``25) ① 국비유학생선발파견 : …`` carries a word processor's list
    number before its ``①``; ``< ②-1 … > : (’25) 3,521백만원(11.0백만원×321명) → (’26)
    2,797백만원(…)`` and ``< ②-2 …>`` go under ``②``, each with its ``(산출)``; ``③`` is
    ``②``'s sibling, and a year's figure keeps its amount before what it is made of."""
    document = _box(
        ("25) ① 국비유학생선발파견 : (2025 본예산) 6,545백만원 → (2026) 7,015백만원", 66.6),
        ("- (산출) 국비유학생선발파견: 38.5백만원×182명= 7,015백만원", 66.6),
        ("② 한일교육교류협력사업: (‘25) 5,235백만원 → (’26) 4,450백만원, 785백만원 감액", 66.6),
        ("< ②-1 유학생 교류사업> : (’25) 3,521백만원(11.0백만원×321명) → (’26) 2,797백만원", 66.6),
        ("- (산출) 9.2백만원×304명= 2,797백만원", 66.6),
        ("< ②-2 한일청년인재양성사업> : (‘25) 1,714백만원 → (’26) 1,653백만원", 66.6),
        ("- (산출) (학위과정) 43명×24,200천원=1,041백만원", 66.6),
        (
            "③ 청소년교류지원 : (’25) 631백만원(540명×1.2백만원) → (’26) 574백만원(488명×1.2)",
            66.6,
        ),
    )
    assert _tree(document) == [
        (7_015, None),
        (7_015, 1),
        (4_450, None),
        (2_797, 3),
        (2_797, 4),
        (1_653, 3),
        (1_041, 6),
        (574, None),
    ]
    lines, _ = raw_lines_to_tree(find_basis_box_lines(document))
    assert [ln["name"] for ln in lines if ln["marker"] == "<②-1"] == [
        "유학생 교류사업",
        "한일청년인재양성사업",
    ]
    assert lines[0]["printed"].startswith("① 국비유학생선발파견")


def test_items_tagged_with_a_number_in_a_computing_line_are_items_each():
    """농림축산식품부 p. 4: ``(산출) (1타입) 30,000백만원(15개×2,860백만원×국비 70%) (2타입)
    10,000백만원(10개×…× 50%(1년차))`` lists two items, the second's remark with brackets in
    it: one line each, not one of the last amount."""
    document = _box(
        ("□ AI 응용제품 신속 상용화 지원사업(농업) : (’25) 0 → (’26) 40,000백만원", 60.0),
        (
            "- (산출) (1타입) 30,000백만원(15개×2,860백만원×국비 70%) (2타입) "
            "10,000백만원(10개×2,860백만원×국비 70%× 50%(1년차))",
            70.0,
        ),
    )
    assert _tree(document) == [(40_000, None), (30_000, 1), (10_000, 1)]


def test_items_numbered_as_far_as_the_heading_go_on_past_it():
    """국세청 pp. 3–4: the box of ``3) 2026년도 예산 산출 근거`` numbers its items ``1) 2) 3)``
    and goes on with ``4) 국세청 AI 시스템 구축 : (2025) 0원 → (2026) 1,826백만원``: an item, not
    the next heading; ``5) 타당성조사 …``, after the last item, ends the box."""
    document = _box(
        ("1) 빅데이터시스템 운영 : (2025) 4,508백만원 → (2026) 4,418백만원", 60.0),
        ("2) 빅데이터 활용 연구과제 개발 : (2025) 2,211백만원 → (2026) 2,211백만원", 60.0),
        ("3) 정보분석시스템 운영 : (2025) 3,037백만원 → (2026) 3,155백만원", 60.0),
        ("4) 국세청 AI 시스템 구축 : (2025) 0원 → (2026) 1,826백만원(신규)", 60.0),
        ("5) 타당성조사 및 예비타당성조사 시행여부 및 결과 요지", 50.0),
        ("- 용역비 500백만원", 60.0),
    )
    assert [amount for amount, _ in _tree(document)] == [4_418, 2_211, 3_155, 1_826]
    assert _tree(
        _box(("1) 운영 : 100백만원", 60.0), ("4) 사업효과", 50.0), ("- 300백만원", 60))
    ) == [(100, None)]


def test_a_tag_that_says_an_item_is_new_names_it():
    """문화체육관광부 p. 70: ``- (신규) 생성형 AI 활용 … 구축: (‘25) 0백만원 → (’26) 1,000백만원,
    순증`` is an item of its own beside the others; ``- (요구) …`` still explains."""
    document = _box(
        ("③ 국내 저작권 보호활동 : (‘25) 2,966백만원 → (’26) 4,022백만원", 60.0),
        ("- 온라인 저작권침해 재택모니터링: (‘25) 2,966백만원 → (’26) 3,022백만원", 66.0),
        (
            "- (신규) 생성형 AI 저작권 보호시스템 구축: (‘25) 0백만원 → (’26) 1,000백만원, 순증",
            66.0,
        ),
        ("- (요구) 침해 대응 강화를 위해 1,000백만원 증액 요구", 66.0),
    )
    assert _tree(document) == [(4_022, None), (3_022, 1), (1_000, 1)]


def test_a_table_line_of_named_amounts_gives_one_line_each():
    """소방청 p. 29: a 세부 산출내역 cell's ``· 시스템 개발용역비 950백만원, 감리비 50백만원``
    is two items, each with its marker, as in a box; a line with a formula stays one."""
    assert listed_items("· 시스템 개발용역비 950백만원, 감리비 50백만원") == [
        "· 시스템 개발용역비 950백만원",
        "· 감리비 50백만원",
    ]
    assert listed_items("· 유지관리비 79.8백만원 x 12개월 = 957백만원") == [
        "· 유지관리비 79.8백만원 x 12개월 = 957백만원"
    ]


def test_an_angle_before_a_space_marks_the_items_of_the_line_above():
    """대법원 p. 13: ``․ 기계약분(2021~2025년 도입분) : 5,813백만원`` then ``> 2021년 도입분 :
    504백만원(126,000,000원×4회)`` and four more ``>`` lines: items under it, not the rest of
    its line."""
    document = _box(
        ("- 장비 임차료 : 6,481백만원(임차료)", 60.0),
        ("․ 기계약분(2021~2025년 도입분) : 5,813백만원", 64.0),
        ("> 2021년 도입분 : 504백만원(126,000,000원×4회)", 64.0),
        ("> 2022년 도입분 : 5,309백만원(1,327,250,000원×4회)", 64.0),
        ("․ 2026년 노후 장비 교체분 : 668백만원", 64.0),
        ("> 전산장비 도입분 : 668백만원(…×1.8%×3개월)", 64.0),
    )
    assert _tree(document) == [(6_481, None), (5_813, 1), (504, 2), (5_309, 2), (668, 1), (668, 5)]
