import pytest

from pipeline.transform.breakdown import formula_status, parse_line, raw_lines_to_tree
from pipeline.transform.formula import parse_formula


def test_amount_then_formula():
    line = parse_line("▷ 협치자문관 운영 = 50,390천원 279,940원*15일*12월")
    assert (line.marker, line.name, line.amount_printed) == ("▷", "협치자문관 운영", "50,390천원")
    assert line.formula.printed == "279,940원*15일*12월"


def test_name_continues_after_the_amount():
    line = parse_line(
        "▷ 협치진행 시범사업 = 29,200천원 추진(기획,회의운영비,아카이빙단 운영 등) 29,200,000원*1식"
    )
    assert line.name == "협치진행 시범사업 추진(기획,회의운영비,아카이빙단 운영 등)"
    assert line.formula.product_won == 29_200_000


def test_amount_in_its_own_column():
    line = parse_line("• 강사료1(주강사) 500,000원(특별2급,2시간)*40회", "= 20,000천원")
    assert (line.marker, line.name, line.amount_printed) == ("•", "강사료1(주강사)", "20,000천원")


def test_formula_then_amount_on_one_line():
    line = parse_line("ㆍ 115.0만 세대 × 5.3만원 × 100% = 60,950백만원")
    assert (line.marker, line.name, line.amount_printed) == ("ㆍ", "", "60,950백만원")
    assert line.formula.product_won == 60_950_000_000


def test_negative_number_is_not_a_marker():
    assert parse_line("-28,240").marker is None
    assert parse_line("- 협치자문운영 = 77,265천원").marker == "-"


def test_formula_status_tells_rounded_from_wrong():
    formula = parse_formula("279,940원*15일*12월")  # 50,389,200 원
    assert formula_status(formula, 50_390_000, "천원") == "rounded"
    assert formula_status(formula, 50_389_200, "원") == "exact"
    assert formula_status(formula, 50_400_000, "천원") == "mismatch"
    assert formula_status(formula, 50_390_000, "원") == "mismatch"
    assert formula_status(None, 50_390_000, "천원") is None


def raw(text, account="사무관리비", amount=None, unit_note=None):
    return {
        "text": text,
        "account": account,
        "fiscal_year": None,
        "amount_printed": amount,
        "unit_note": unit_note,
        "page": None,
        "line_no": None,
        "table_index": 0,
        "row_index": 0,
    }


def test_marker_order_is_learned_from_the_document():
    lines, _ = raw_lines_to_tree(
        [
            raw("□ 가 = 3,000원"),
            raw("◦ 나 = 1,000원"),
            raw("ㆍ 다 1,000원*1회 = 1,000원"),
            raw("◦ 라 2,000원*1식 = 2,000원"),
        ]
    )
    assert [(ln["level"], ln["parent_line_id"]) for ln in lines] == [
        (1, None),
        (2, 1),
        (3, 2),
        (2, 1),
    ]


def test_a_line_without_marker_continues_the_line_above():
    lines, _ = raw_lines_to_tree(
        [
            raw("○ 협치체계구축 = 1,000천원"),
            raw("▷ 협치진행 시범사업 = 1,000천원"),
            raw("추진(기획) 1,000,000원*1식"),
        ]
    )
    assert len(lines) == 2
    assert lines[1]["name"] == "협치진행 시범사업 추진(기획)"
    assert lines[1]["formula_status"] == "exact"


def test_a_new_account_starts_a_new_tree():
    lines, _ = raw_lines_to_tree(
        [raw("○ 가 = 1,000천원"), raw("- 나 = 1,000천원", account="업무추진비")]
    )
    assert lines[1]["parent_line_id"] is None


def test_unit_note_applies_when_the_amount_names_no_unit():
    lines, _ = raw_lines_to_tree([raw("○ 가 = 1,500", unit_note="(단위 : 천원)")])
    assert (lines[0]["unit"], lines[0]["amount_won"]) == ("천원", 1_500_000)


def test_korean_enumerators_and_trailing_amounts():
    line = parse_line("가. 하절기바우처 (60,950백만원)")
    assert (line.marker, line.name, line.amount_printed) == ("가.", "하절기바우처", "60,950백만원")
    line = parse_line("ㆍ 콜센터 운영 : 502.7백만원")
    assert (line.marker, line.name, line.amount_printed) == ("ㆍ", "콜센터 운영", "502.7백만원")
    line = parse_line("○ 민간경상보조(320-01) : 685,606백만원")
    assert (line.name, line.amount_printed) == ("민간경상보조(320-01)", "685,606백만원")
    assert parse_line("12) 사업비").marker == "1)"
    assert parse_line("(320-01) 코드").amount_printed is None


def test_energy_voucher_tree_with_enumerators():
    lines, _ = raw_lines_to_tree(
        [
            raw("○ 민간경상보조(320-01) : 685,606백만원", account=None),
            raw("가. 하절기바우처 (60,950백만원)", account=None),
            raw("ㆍ 115.0만 세대 × 5.3만원 × 100% = 60,950백만원", account=None),
            raw("나. 동절기바우처 (600,521백만원)", account=None),
            raw("ㆍ (’23확대) 113.1만 세대 × 30.4만원 × 70% = 240,677백만원", account=None),
        ]
    )
    assert [(ln["level"], ln["parent_line_id"], ln["amount_won"]) for ln in lines] == [
        (1, None, 685_606_000_000),
        (2, 1, 60_950_000_000),
        (3, 2, 60_950_000_000),
        (2, 1, 600_521_000_000),
        (3, 4, 240_677_000_000),
    ]
    assert [ln["formula_status"] for ln in lines] == [None, None, "exact", None, "rounded"]
    assert lines[4]["name"] == "(’23확대)"


def test_a_sum_of_amounts_is_the_lines_formula():
    """산림청 (ai-budget-2026) p. 75: ``가. 인건비 : 14,625백만원 + (1회 추경) 1,008백만원``
    prints no one amount: the sum is its formula (its value to the parent); an amount
    before its formula may carry a remark (대법원 p. 11)."""
    line = parse_line("가. 인건비 : 14,625백만원 + (1회 추경) 1,008백만원")
    assert (line.name, line.amount_printed) == ("인건비", None)
    assert line.formula.product_won == 15_633_000_000
    line = parse_line("ㅇ 예산 : 3,200백만원(관리용역비) = 2,326백만원 + 874백만원")
    assert (line.name, line.amount_printed, line.formula.product_won) == (
        "예산",
        "3,200백만원",
        3_200_000_000,
    )


def test_a_numbered_word_is_an_enumerator():
    """질병관리청 (ai-budget-2026) p. 13: ``계속과제2. 참여자 모집 … : 6,024백만원`` opens a
    line of its own (it was read as the wrapped end of the formula above it)."""
    lines, _ = raw_lines_to_tree(
        [
            raw("계속과제1. 모집 및 홍보 : 69백만원"),
            raw("- 1개 과제 x 320백만원 x 12/12개월 x 21.40%"),
            raw("= 69백만원"),
            raw("계속과제2. 검체수집 : 6,024백만원"),
        ]
    )
    assert [(ln["marker"], ln["parent_line_id"], ln["amount_won"]) for ln in lines] == [
        ("계속과제1.", None, 69_000_000),
        ("-", 1, 69_000_000),
        ("계속과제1.", None, 6_024_000_000),
    ]


def test_a_table_continued_on_the_next_page_goes_on_in_each_year():
    """우주항공청 (ai-budget-2026) pp. 33–34: a table prints the 2025 and 2026 lines side by
    side, and its continuation on the next page does too: each year's lines there go on
    under that year's open lines, though the other year's came between."""
    rows = [
        {**raw("○ 주요사업비 : 46,829백만원"), "fiscal_year": 2025},
        {**raw("가. 기술 개발(13,301백만원)"), "fiscal_year": 2025},
        {**raw("○ 주요사업비 : 50,467백만원"), "fiscal_year": 2026},
        {**raw("나. 기술 개발(33,528백만원)"), "fiscal_year": 2025, "table_index": 1},
        {**raw("가. 기술 개발(50,467백만원)"), "fiscal_year": 2026, "table_index": 1},
    ]
    lines, _ = raw_lines_to_tree(rows)
    assert [ln["parent_line_id"] for ln in lines] == [None, 1, None, 1, 3]


def test_numbered_enumerators_nest_by_their_depth():
    """대법원 (ai-budget-2026) pp. 23–40: ``1-7.`` items come before the next ``2.``
    heading is seen; ``2.`` is above ``2-1.`` and never under ``1-7.``."""
    lines, _ = raw_lines_to_tree(
        [
            raw("1-7. 연수관리시스템 : 266백만원"),
            raw("2. 기반 구축 : 300백만원"),
            raw("2-1. 장비 : 300백만원"),
            raw("2-1-1. 서버 : 300백만원"),
        ]
    )
    assert [(ln["parent_line_id"]) for ln in lines] == [None, None, 2, 3]


def test_markers_of_other_fonts_and_series():
    """Markers printed in the ai-budget books (each seen on its page): ``‣`` (행정안전부),
    ``▪`` for a drawn ``■`` (지식재산처), ``▢`` (산림청), ``ⓐ`` (조달청), ``㉠`` (고용노동부),
    ``㉑`` (국세청); one series is one level."""
    from pipeline.budget.markers import level_key, split_marker

    printed = {
        "‣ 보안취약점 진단 : 424백만원": "‣",
        "▪ IP중개서비스 지원 : 3,953백만원": "▪",
        "▢ 상세내용 및 산출근거 : 52,124백만원": "□",
        "ⓑ 제안 평가 수당(11백만원)": "ⓑ",
        "㉡ 운영비 : 960백만원": "㉡",
        "㉑ 온나라 시스템 운영 : 191백만원": "㉑",
    }
    assert {text: split_marker(text)[0] for text in printed} == printed
    assert [level_key(m) for m in ("ⓑ", "ⓐ", "㉡", "㉯", "㉑", "①")] == [
        "ⓐ",
        "ⓐ",
        "㉠",
        "㉠",
        "①",
        "①",
    ]


def test_a_numbered_line_knows_its_series_and_number():
    from pipeline.budget.markers import ordinal

    assert [
        ordinal(text)
        for text in (
            "② 포털",
            "➁ 포털",
            "(3) 바이오",
            "나. 운영",
            "1-2. 구축",
            "- (1) 대학 125,400백만원",
        )
    ] == [("①", "2"), ("①", "2"), ("(1)", "3"), ("가.", "2"), ("1-1.", "1-2"), ("(1)", "1")]
    assert [ordinal(text) for text in ("- 그냥", "(신규) 1개", "○ 사업비")] == [None, None, None]


def test_a_list_printed_twice_is_counted_once():
    """교육부 (ai-budget-2026) p. 55: the ``(산출)`` list's items, the last wrapped to a line of
    its own (``(3) 로봇``), then each again in detail: each detail line goes under its item,
    the wrapped item beside the others, so the title's money is counted once."""
    lines, _ = raw_lines_to_tree(
        [
            raw("① 특성화대학 : 8,500백만원"),
            raw("- (1) 반도체 5,000백만원"),
            raw("- (2) 이차전지 2,000백만원"),
            raw("(3) 로봇 1,500백만원"),
            raw("(1) 반도체 : 2개 x 2,500백만원 = 5,000백만원"),
            raw("(2) 이차전지 : 1개 x 2,000백만원 = 2,000백만원"),
            raw("(3) 로봇 : 1개 x 1,500백만원 = 1,500백만원"),
        ]
    )
    assert [(ln["line_id"], ln["parent_line_id"], ln["level"]) for ln in lines] == [
        (1, None, 1),
        (2, 1, 2),
        (3, 1, 2),
        (4, 1, 2),
        (5, 2, 3),
        (6, 3, 3),
        (7, 4, 3),
    ]
    children = [ln["amount_won"] for ln in lines if ln["parent_line_id"] == 1]
    assert sum(children) == lines[0]["amount_won"] == 8_500_000_000


def test_a_sub_list_numbered_like_its_parent_stays_under_it():
    """산림청 (ai-budget-2026) p. 21: ``- ①…``, ``- ②…`` under ``① …`` are its items, not
    the next numbers of its series; a restatement needs the same number and amount."""
    lines, _ = raw_lines_to_tree(
        [
            raw("□ 솔루션 : 7,000백만원"),
            raw("① 지능형 솔루션 : 6,000백만원"),
            raw("- ①알고리즘 개발 4,000백만원"),
            raw("- ②정보공유 2,000백만원"),
            raw("② 네트워크 : 1,000백만원"),
            raw("① 다른 일 : 999백만원"),
        ]
    )
    assert [ln["parent_line_id"] for ln in lines] == [None, 1, 2, 2, 1, 1]


def test_a_letter_enumerator_set_tight_or_apart_from_its_stop():
    """법무부 (ai-budget-2026) pp. 7 and 40: ``가.범죄예방정보시스템 …`` (no space after the
    stop) and ``자 . 기록물관리시스템 …`` (a space before it) open items of their own."""
    from pipeline.budget.markers import split_marker

    assert split_marker("가.범죄예방정보시스템 유지보수 (1,115,810천원)") == (
        "가.",
        "범죄예방정보시스템 유지보수 (1,115,810천원)",
    )
    assert split_marker("자 . 기록물관리시스템 : 94,710천원") == (
        "가.",
        "기록물관리시스템 : 94,710천원",
    )
    assert split_marker("가.1") == (None, "가.1")
    lines, _ = raw_lines_to_tree(
        [
            raw("○ 관리용역비(210-15): 1,931,167천원"),
            raw("가.범죄예방정보시스템 유지보수 (1,115,810천원)"),
            raw("나. 개발SW 유지보수 (815,357천원)"),
        ]
    )
    assert [(ln["parent_line_id"], ln["amount_won"]) for ln in lines] == [
        (None, 1_931_167_000),
        (1, 1_115_810_000),
        (1, 815_357_000),
    ]


def test_a_unit_price_after_an_operator_is_no_amount():
    """고용노동부 (ai-budget-2026) p. 45: ``12개월x73.8백만원`` is the formula and
    ``886,000천원`` the amount of its own column, not the other way round."""
    parsed = parse_line("ㆍ 일반수용비 12개월x73.8백만원 886,000천원")
    assert (parsed.name, parsed.amount_printed) == ("일반수용비", "886,000천원")
    assert parsed.formula is not None and parsed.formula.product_won == 885_600_000
    # 지식재산처 p. 16: the amount after the name, then the ``(산출)`` that computes it
    computed = parse_line(
        "ㆍ 지식재산 가치평가 품질관리 2,200백만원 (산출) (표본조사 340건 x 5.6백만원) + "
        "(타당성조사 10건 x 9.6 백만원) + 평가정보체계 운영 200백만원"
    )
    assert (computed.name, computed.amount_printed) == ("지식재산 가치평가 품질관리", "2,200백만원")
    assert computed.formula is not None and computed.formula.product_won == 2_200_000_000
    # p. 45, 2026: the amount column set tight against the formula's unit
    glued = parse_line("ㆍ 시스템 유지보수료 0.1036요율x10,720백만원1,111,000천원")
    assert (glued.name, glued.amount_printed) == ("시스템 유지보수료", "1,111,000천원")
    assert glued.formula is not None and glued.formula.product_won == 1_110_592_000


def test_an_unmarked_formula_with_its_amount_under_another_is_an_item_beside_it():
    """농림축산식품부 (ai-budget-2026) p. 60: ``ㆍ (신규) 12개×200백만×6/12개월=1,200백만원`` and
    the unmarked ``1개×500백만×9/12개월=375백만원`` below it are two items of 가. (1,575), not
    one line; a wrapped line without an amount of its own still continues the line."""
    lines, _ = raw_lines_to_tree(
        [
            raw("가. 치료기술 개발 (1,575백만원)"),
            raw("ㆍ (신규) 12개×200백만×6/12개월=1,200백만원"),
            raw("1개×500백만×9/12개월=375백만원"),
            raw("ㆍ 위탁 2개×100백만×12/12개월"),
            raw("=200백만원"),
        ]
    )
    assert [(ln["parent_line_id"], ln["level"], ln["amount_won"]) for ln in lines] == [
        (None, 1, 1_575_000_000),
        (1, 2, 1_200_000_000),
        (1, 2, 375_000_000),
        (1, 2, 200_000_000),
    ]


@pytest.mark.parametrize(
    ("text", "name", "amount", "product"),
    [
        # the amount before ``=`` is the line's, its right side the formula
        (
            "- (산출) 1,893백만원 = 7개 과제 × 과제당 270.4백",
            "(산출)",
            "1,893백만원",
            1_892_800_000,
        ),
        ("ㅇ (산출내역) 289백만원 = 17.4MM × 16,580,645원", "(산출내역)", "289백만원", 288_503_223),
        (
            "① 운영비 : 959만원 = 운영인력 총 4명 × 19.9백 × 12개월",
            "운영비",
            "959만원",
            955_200_000,
        ),
        # an amount after an operator is a factor, not the line's
        ("ㆍ564,000명×472천원=266,208,000천원", "", "266,208,000천원", 266_208_000_000),
        ("▷ 협치모니터링 = 20,000천원 500,000원*40회", "협치모니터링", "20,000천원", 20_000_000),
    ],
)
def test_an_amount_then_what_it_equals(text, name, amount, product):
    parsed = parse_line(text)
    assert (parsed.name, parsed.amount_printed) == (name, amount)
    assert parsed.formula is not None and parsed.formula.product_won == product


def test_hundreds_of_won_written_short_are_money():
    """``(’26예산) 1,105백`` is 1,105백만원; ``5백명`` is no money."""
    parsed = parse_line("‣ AI·데이터 인재 양성 : (’26예산) 1,105백")
    assert parsed.amount_printed == "1,105백"
    assert parse_line("- 교육 인원 5백명").amount_printed is None


def test_sub_numbers_and_diamonds_are_markers():
    from pipeline.budget.markers import split_marker

    assert split_marker("(1-2) AI 통계챗봇 서비스 운영") == ("(1-1)", "AI 통계챗봇 서비스 운영")
    assert split_marker("(②-3) 국외업무여비") == ("(②-1)", "국외업무여비")
    assert split_marker("◆ 식품 정보시스템") == ("◇", "식품 정보시스템")


def test_negative_circled_and_parenthesized_numbers_are_series_of_their_own():
    """행정안전부 (ai-budget-2026) p. 105: ``①`` over ``➊`` over ``⑴``; ``§`` is how the text
    layer codes a drawn ``▪``, and ``**`` a second ``*`` remark beside the first."""
    from pipeline.budget.markers import level_key, ordinal, split_marker

    assert [level_key(split_marker(t)[0]) for t in ("① 운영", "➋ 유지관리", "⑵ 응용SW")] == [
        "①",
        "➊",
        "⑴",
    ]
    assert ordinal("➋ 모바일 신분증 유지관리") == ("➊", "2")
    assert ordinal("⑶ 콜센터 운영") == ("⑴", "3")
    assert split_marker("§ 평가수당 : 2,500천원") == ("▪", "평가수당 : 2,500천원")
    assert split_marker("** 구독료 : 53백") == ("*", "구독료 : 53백")
    assert split_marker("**강조") == (None, "**강조")


def box(text, indent):
    return {**raw(text, account=None), "form": "box", "indent": indent, "table_index": None}


def test_a_title_in_angle_brackets_is_over_the_lines_after_it():
    """우주항공청 (ai-budget-2026) p. 6: ``< 기여금 1,200백만원 >`` then ``ㆍ …`` items and
    another ``< 기술개발 및 천문연구 600백만원 >`` on the cell's next line, after an item: each
    title is a line of its own (not the rest of the item) over the lines after it; 질병관리청
    p. 24: a box's ``< 국가 통합 바이오 빅데이터 구축 사업Ⅱ(R&D) : … 19,949백만원 >`` is over
    its ``①``, though printed further in."""
    lines, _ = raw_lines_to_tree(
        [
            raw("< 기여금 1,200백만원 >"),
            raw("ㆍ 건설 및 운영 분담금 600백만원"),
            raw("< 기술개발 및 천문연구 600백만원 >"),
            raw("ㆍ 연구비 600백만원"),
        ]
    )
    assert [(ln["parent_line_id"], ln["amount_won"]) for ln in lines] == [
        (None, 1_200_000_000),
        (1, 600_000_000),
        (None, 600_000_000),
        (3, 600_000_000),
    ]
    boxed, _ = raw_lines_to_tree(
        [
            box("< 바이오 빅데이터 구축 사업Ⅱ(R&D) : (2025) 1,245 → (2026) 19,949백만원 >", 80),
            box("① 바이오뱅킹 : (’25) 1,245백만원 → (’26) 19,949백만원", 66),
            box("- (산출) 19,949백만원", 72),
        ]
    )
    assert [ln["parent_line_id"] for ln in boxed] == [None, 1, 2]
    assert boxed[0]["name"] == "바이오 빅데이터 구축 사업Ⅱ(R&D)"
    # a bracketed tag before an item's figures (a 예산서내역's ``<시설장>``) is no title
    assert parse_line("장기요양보험 <시설장> 5,290원*12개월= 63,480원").marker is None
    assert parse_line("<생활복지사> 67,080원(급여*0.0312)*12개월= 804,960원").marker is None


def test_a_heading_restated_in_another_part_of_the_description_is_counted_once():
    """식품의약품안전처 (ai-budget-2026) pp. 27-32: a project's heading is printed again over
    its 사업내용 and its 소요예산 (``◇``), nearly word for word, with the same amount: each
    restatement details the line before it, so the heading's money is counted once; two
    lines of other years are two lines, though their names and amounts are alike."""
    lines, _ = raw_lines_to_tree(
        [
            box("(2) 식품 정보시스템 통합구축 ISP 수립 : 877백만원", 60),
            box("◇ 식품 정보시스템 차세대 통합구축 ISP 수립 : 877백만원", 62),
            box("◇ 식품 정보시스템 통합구축 ISP 수립 : 877백만원", 62),
            box("(3) 운영비 : 200백만원", 60),
            box("- 2025년 운영비 : 100백만원", 66),
            box("- 2026년 운영비 : 100백만원", 66),
        ]
    )
    assert [(ln["line_id"], ln["parent_line_id"]) for ln in lines] == [
        (1, None),
        (2, 1),
        (3, 2),
        (4, None),
        (5, 4),
        (6, 4),
    ]


def test_the_numbered_parts_of_a_computing_line_go_under_it():
    """행정안전부 (ai-budget-2026) p. 105: ``(산출) 2,633백 = ①322백(…)+②2,201백(…)+③110백(…)``,
    then each part in detail, printed further out than the ``(산출)`` line: the parts are
    the ``(산출)`` line's, not its parent's, so the money is counted once."""
    lines, _ = raw_lines_to_tree(
        [
            box("‣ 모바일 신분증 활용 확대 : ’26 2,633백", 62),
            box("▪ (산출) 2,633백 = ①322백(확산)+②2,201백(개선 및 확충) + ③110백(홍보)", 73),
            box("①「모바일 신분증 확산」 (’26) 322백", 68),
            box("②「모바일 신분증 개선 및 확충」 (’26) 2,201백", 68),
            box("➊ 안면인식 AI모델 품질 개선 및 인증 : (’26) 1,067백", 73),
            box("③「모바일 신분증 홍보」 (’26) 110백", 68),
        ]
    )
    assert [(ln["line_id"], ln["parent_line_id"]) for ln in lines] == [
        (1, None),
        (2, 1),
        (3, 2),
        (4, 2),
        (5, 4),
        (6, 2),
    ]


@pytest.mark.parametrize(
    ("text", "name", "amount"),
    [
        (
            "④ AI 응용제품 신속 상용화 : (2026 예산) 64,500백만원, 신설",
            "AI 응용제품 신속 상용화",
            "64,500백만원",
        ),
        (
            "⑩ 감정인 안전보호장구 등 지원 : (2026 예산) 88백만원, 전년동",
            "감정인 안전보호장구 등 지원",
            "88백만원",
        ),
        (
            "② 노무제공자 미수금 회수 지원 : (2026 예산) 200백만원, 순증",
            "노무제공자 미수금 회수 지원",
            "200백만원",
        ),
        (
            "① 노동법 준수 자율점검 844백만원 : AI 이용료(148백만원) + GPU 등 임차료(360백만원)",
            "노동법 준수 자율점검",
            "844백만원",
        ),
        (
            "① 노동단체 지원 3,730백만원 민간경상보조 3,680백만원(92백만원×40), 용역비 50백만원",
            "노동단체 지원",
            "3,730백만원",
        ),
        (
            "③ 센터 시설개선 지원 민간자본보조 5,100백만원",
            "센터 시설개선 지원 민간자본보조",
            "5,100백만원",
        ),
    ],
)
def test_an_items_amount_before_what_it_is_against_or_made_of(text, name, amount):
    """The year's amount, then its change against the year before (``, 신설``) or the parts it
    is made of (after a colon, or named amounts that add up to it)."""
    parsed = parse_line(text)
    assert (parsed.name, parsed.amount_printed) == (name, amount)


def test_named_amounts_that_do_not_add_up_are_no_total():
    """``시스템 개발용역비 950백만원, 감리비 50백만원``: two items, not a total and its parts."""
    parsed = parse_line("- 시스템 개발용역비 950백만원, 감리비 50백만원")
    assert parsed.amount_printed != "950백만원"


def test_a_marker_new_to_the_table_goes_under_the_open_line():
    """고용노동부 (ai-budget-2026) p. 16: the 2025 cell nests ``○ 가. ㆍ``; the 2026 cell
    ``○ - ㆍ``: its ``-`` is new and goes under the open ``○``, and the ``ㆍ`` lines after
    it nest under the ``-``, so the ``○`` counts its money once."""
    lines, _ = raw_lines_to_tree(
        [
            {**raw("○ 보험금 : 200백만원"), "fiscal_year": 2025},
            {**raw("가. 훈련비 : 200백만원"), "fiscal_year": 2025},
            {**raw("ㆍ 100명 × 2백만원 = 200백만원"), "fiscal_year": 2025},
            {**raw("○ 보험금 : 300백만원"), "fiscal_year": 2026},
            {**raw("- 훈련비 : 300백만원"), "fiscal_year": 2026},
            {**raw("ㆍ 100명 × 3백만원 = 300백만원"), "fiscal_year": 2026},
        ]
    )
    assert [ln["parent_line_id"] for ln in lines] == [None, 1, 2, None, 4, 5]


@pytest.mark.parametrize(
    ("text", "name", "amount", "prior", "product"),
    [
        # a unit broken by a line wrap (``584백`` / ``만원``)
        (
            "ㆍ 서비스 구현 : 584백만원x1식=584백 만원",
            "서비스 구현",
            "584백만원",
            None,
            584_000_000,
        ),
        # a count in Latin letters before each year's figure
        (
            "- 시험림 : (’25) 5,698ha 3,685백만원 → (’26) 5,698ha 4,370백만원",
            "시험림",
            "4,370백만원",
            "3,685백만원",
            None,
        ),
        # each year its formula and no amount: the year's formula is after the arrow
        (
            "- (산출) (’25) 117명 × 29,929천원 → (’26) 120명 × 29,917천원",
            "(산출)",
            None,
            None,
            3_590_040_000,
        ),
        # each year tagged after its figure, the year's a word (고용노동부 p. 98): it ends
        (
            "가. (관리시스템 구축 및 유지보수) 1식×130백만원=130백만원(2025년) → 순감(2026년)",
            "(관리시스템 구축 및 유지보수)",
            "0백만원",
            "130백만원",
            None,
        ),
        # an amount, then how it is computed, brackets within brackets (고용노동부 p. 7)
        (
            "- ① AI API이용료 367백만원(질문1회 165원 × 81.78만회 사용(통계 근거로 추정) × 2.47배)",
            "AI API이용료",
            "367백만원",
            None,
            None,
        ),
        # what each year's figure is made of after it (교육부 p. 77)
        (
            "④ 청소년교류지원 : (’25) 631백만원(540명×1.2백만원) → (’26) 574백만원(488명×1.2)",
            "청소년교류지원",
            "574백만원",
            "631백만원",
            None,
        ),
    ],
)
def test_wrapped_units_counted_areas_and_formulas_on_both_sides_of_a_year(
    text, name, amount, prior, product
):
    parsed = parse_line(text)
    assert (parsed.name, parsed.amount_printed, parsed.prior_printed) == (name, amount, prior)
    assert (parsed.formula.product_won if parsed.formula else None) == product


def test_an_item_that_ends_lists_the_money_of_the_year_before():
    """문화체육관광부 (ai-budget-2026) p. 5: ``ㅇ … 진단체계 개발: (’25) 450 → (’26) 0백만원``
    over the lines of its 2025 money (350 + 100): they add up to the year before, not to the
    0; an item that does not end still adds up to its own year."""
    import pandas as pd

    from pipeline.checks.rules.breakdown import parent_equals_children

    lines, _ = raw_lines_to_tree(
        [
            box("ㅇ 진단체계 개발: (’25) 450 → (’26) 0백만원 (감 450백만원), △100%", 70),
            box("· 글쓰기 자료 수집: 350백만원(7,000건×5만원) (감 350)", 80),
            box("· 채점자 교육: 100백만원(1식×100백만원) (감 100)", 80),
            box("ㅇ 말뭉치 구축: (’25) 453 → (’26) 412백만원", 70),
            box("· 말뭉치 수집: 453백만원", 80),
        ]
    )
    frame = pd.DataFrame([{**ln, "document_id": "d"} for ln in lines])
    outcome = {f.location.split(" (")[0]: f.status for f in parent_equals_children(frame)}
    assert outcome == {"산출내역 line 1": "pass", "산출내역 line 4": "fail"}


def test_lines_that_list_what_changed_add_up_to_the_change():
    """우주항공청 (ai-budget-2026) p. 33: ``1) 인건비 (2025) 60,297백만원 → (2026) 62,449백만원,
    2,152백만원 증액`` over ``(산출)`` items of 40 and 2,112백만원: they list the increase, and
    pass against it; items adding up to neither the year nor the change fail."""
    import pandas as pd

    from pipeline.checks.rules.breakdown import parent_equals_children

    lines, _ = raw_lines_to_tree(
        [
            box(
                "1) 인건비 (2025 본예산) 60,297백만원 → (2026 예산) 62,449백만원, 2,152백만원 증액",
                70,
            ),
            box("- ’25년 신규인력 미반영(2명) 인건비 40백만원", 80),
            box("- 인건비 처우개선 2,112백만원", 80),
            box(
                "2) 경상경비 (2025 본예산) 1,760백만원 → (2026 예산) 1,810백만원, 50백만원 증액", 70
            ),
            box("- 자회사 처우개선 31백만원", 80),
            box("- 공공요금 증액 소요 63백만원", 80),
        ]
    )
    frame = pd.DataFrame([{**ln, "document_id": "d"} for ln in lines])
    outcome = {f.location.split(" (")[0]: f.status for f in parent_equals_children(frame)}
    assert outcome == {"산출내역 line 1": "pass", "산출내역 line 4": "fail"}


def test_the_next_number_of_an_open_heading_is_its_sibling_wherever_it_starts():
    """국가데이터처 (ai-budget-2026) p. 38: ``(2-2)`` printed further in than the ``ㅇ (산출내역)``
    of ``(2-1)`` is ``(2-1)``'s sibling; an inner list's ``②`` stays beside its ``①``."""
    lines, _ = raw_lines_to_tree(
        [
            box("(2-1) 데이터 DB 구축: (’25) 1,477 → (’26예산) 1,477백만원(전년동)", 71),
            box("ㅇ (산출내역) 1,477백만원", 76),
            box("(2-2) 관리체계 유지관리: (’25) 1,176 → (’26예산) 1,404백만원", 81),
            box("ㅇ (산출내용) 1,404백만원", 76),
            box("① 기술개발 : (2026 예산) 4,800백만원", 66),
            box("- (산출) 1개 과제 X 4,800백만원 = 4,800백만원", 75),
            box("① 데이터 체계 개발 1,710백만원", 89),
            box("② 플랫폼 개발 3,090백만원", 89),
        ]
    )
    assert [ln["parent_line_id"] for ln in lines] == [None, 1, None, 3, None, 5, 6, 6]


def test_named_amounts_added_without_a_total_and_a_stop_typed_twice():
    """고용노동부 (ai-budget-2026) p. 60: ``ㆍ 운영비(1,005백만원) + 직업훈련성과관리(627백만원)``
    adds up to its formula; 농촌진흥청 p. 29: ``가.. DB 구축`` is ``가.``, its stop typed twice."""
    added = parse_line("ㆍ 운영비(1,005백만원) + 직업훈련성과관리(627백만원)")
    assert (added.amount_printed, added.formula.product_won) == (None, 1_632_000_000)
    computed = parse_line(
        "ㆍ (산출) 통합DB확대 80백만원 + 평가모델 고도화 및 신뢰성 검증 660백만원"
    )
    assert (computed.name, computed.formula.product_won) == ("(산출)", 740_000_000)
    lines, _ = raw_lines_to_tree(
        [
            raw("○ 관리용역비(210-15) : 322백만원"),
            raw("가.. DB 구축 (90백만원)"),
            raw("나. 위탁운영 (232백만원)"),
        ]
    )
    assert [(ln["marker"], ln["parent_line_id"]) for ln in lines] == [
        ("○", None),
        ("가.", 1),
        ("가.", 1),
    ]


def test_a_years_figure_printed_bare_takes_the_unit_of_its_box():
    """고용노동부 (ai-budget-2026) pp. 6–7: ``① 개발 SW 유지보수 915(전년동)``,
    ``('25, ’26) 1,811(전년동)`` and ``(’25) 100 → (’26) 100(전년동)`` print the year's figure
    without a unit: it is in the unit of the parent's amount, else of the line before; a
    count after the arrow (``→ (’26) 1개 x 4,000백만원``) is no amount."""

    def line(text, indent):  # as the box recogniser gives it: wrapped lines joined
        return {**box(text, indent), "standalone": True}

    lines, _ = raw_lines_to_tree(
        [
            line("정보시스템 유지보수: ('25) 4,591 → ('26) 5,041백만원", 70),
            line("① 개발 SW 유지보수 915(전년동)", 80),
            line("② 청소년 교육 (‘25) 100 → (’26) 100(전년동)", 80),
            line("③ 품질관리 : (’25) 540 → (’26) 0 (순감)", 80),
            line("사이버안전센터 운영: ('25, ’26) 1,811(전년동)", 70),
            line("- (산출) (‘25) - → (’26) 1개 x 4,000백만원 x 9/12개월", 80),
        ]
    )
    assert [(ln["amount_won"], ln["prior_amount_won"]) for ln in lines] == [
        (5_041_000_000, 4_591_000_000),
        (915_000_000, 915_000_000),
        (100_000_000, 100_000_000),
        (0, 540_000_000),
        (1_811_000_000, 1_811_000_000),
        (None, None),
    ]
    assert lines[4]["name"] == "사이버안전센터 운영"


@pytest.mark.parametrize(
    ("text", "name", "amount"),
    [
        # 행정안전부 (ai-budget-2026) p. 87: ``’26예산`` set as a superscript over the next
        # line's amount reads at the end of the line above
        (
            "(1) 온나라 문서시스템 운영 : (2026) 1,405백만원 ’26예산",
            "온나라 문서시스템 운영",
            "1,405백만원",
        ),
        ("- (산출) 재개발 1식 784,000천원 ’26예산", "(산출) 재개발 1식", "784,000천원"),
        ("• 상용SW 연간 라이센스 : 94백 ’26예산", "상용SW 연간 라이센스", "94백"),
    ],
)
def test_a_year_tag_displaced_from_the_next_line_tags_nothing(text, name, amount):
    parsed = parse_line(text)
    assert (parsed.name, parsed.amount_printed) == (name, amount)


def test_a_grant_printed_net_of_its_own_revenue_is_checked_against_its_items():
    """법무부 (ai-budget-2026) p. 21: ``○ 민간경상보조 63,888,000천원`` over items that add up
    to ``○ 총지출 107,906,000천원``, less ``○ 자체수입 44,018,000천원``, printed after them as top
    lines: both go under the grant, which passes as items less 자체수입; a 총지출 its items
    do not add up to fails."""
    import pandas as pd

    from pipeline.checks.rules.breakdown import parent_equals_children

    def grant(net, gross):
        return [
            raw(f"○ 민간경상보조(320-01) {net:,}천원"),
            raw("가. 인건비 (66,470,000천원)"),
            raw("나. 사업비 (41,436,000천원)"),
            raw(f"○ 총지출 : {gross:,}천원"),
            raw("○ 자체수입 : 44,018,000천원"),
        ]

    lines, _ = raw_lines_to_tree(grant(63_888_000, 107_906_000) + grant(63_882_000, 107_900_000))
    assert [ln["parent_line_id"] for ln in lines] == [None, 1, 1, 1, 1, None, 6, 6, 6, 6]
    frame = pd.DataFrame([{**ln, "document_id": "d"} for ln in lines])
    outcome = [f.status for f in parent_equals_children(frame)]
    assert outcome == ["pass", "fail"]


def test_words_after_a_colons_amount_say_what_it_pays_for():
    """법무부 (ai-budget-2026) p. 22: ``ㆍ 구조비 : 587,000천원 소송구조비, 야간상담비 등``."""
    parsed = parse_line("ㆍ 구조비 : 587,000천원 소송구조비, 야간상담비, 법률계몽비 등")
    assert (parsed.name, parsed.amount_printed) == ("구조비", "587,000천원")


def test_a_figure_in_a_line_without_a_money_unit_is_in_its_parents_unit():
    """교육부 (ai-budget-2026) pp. 76–77, a table without a unit note: ``가. 물품 운송료 :
    5,849*10회=58,498`` and ``‧ 단수조정 1,000`` under ``○ … : 58,498천원`` print their amounts
    in the parent's unit; with no unit above, ``단수조정 1,000`` is no amount and ``= 12``
    stays without a value (a warning names it)."""
    lines, _ = raw_lines_to_tree(
        [
            raw("○ 공공요금및제세(210-02) : 58,498천원"),
            raw("가. 한국유학 홍보 물품 운송료 : 5,849*10회=58,498"),
            raw("‧ 단수조정 1,000"),
            raw("○ 사업 개요"),
            raw("가. 단수조정 1,000"),
            raw("가. 위치정보 이용료 33월 x 992건 x 365일 = 12"),
        ]
    )
    assert [(ln["name"], ln["amount_won"]) for ln in lines] == [
        ("공공요금및제세(210-02)", 58_498_000),
        ("한국유학 홍보 물품 운송료 : 5,849*10회", 58_498_000),
        ("단수조정", 1_000_000),
        ("사업 개요", None),
        ("단수조정 1,000", None),
        ("위치정보 이용료 33월 x 992건 x 365일", None),
    ]
    assert lines[-1]["amount_printed"] == "12"


@pytest.mark.parametrize(
    ("text", "name", "amount", "product"),
    [
        # 지식재산처 (ai-budget-2026) p. 14: named terms on both sides of a year
        (
            "- 산출내역 : (’25) 국내 IP중개지원 1,577백만원(316개 과제×5백만원) + 해외 IP중개지원"
            " 1,820백만원(20개 과제×130백만원×70%) → (’26) 국내 IP중개지원 2,133백만원(474개"
            " 과제×5백만원×90%) + 해외 IP중개지원 1,820백만원(20개 과제×130백만원×70%)",
            "산출내역",
            None,
            3_953_000_000,
        ),
        # 문화체육관광부 p. 48: an amount glued to the name
        (
            "· K-컬처 스퀘어 운영관리 등1,900백만원",
            "K-컬처 스퀘어 운영관리 등",
            "1,900백만원",
            None,
        ),
    ],
)
def test_named_formulas_of_each_year_and_an_amount_glued_to_its_name(text, name, amount, product):
    parsed = parse_line(text)
    assert (parsed.name, parsed.amount_printed) == (name, amount)
    assert (parsed.formula.product_won if parsed.formula else None) == product


def test_a_list_that_nests_its_markers_the_other_way_round_keeps_its_own_order():
    """교육부 (ai-budget-2026) p. 88: the cells before rank ``·`` above ``-``; under ``①``
    the ``-`` lines come first and the ``·`` lines detail one of them: they go under it,
    the next ``-`` goes beside it, and the next ``①`` list nests the same way."""
    lines, _ = raw_lines_to_tree(
        [
            raw("ㅇ 조사연구 : 460백만원"),
            raw("· 조사비 : 450백만원"),
            raw("- 설문 : 450백만원"),
            raw("· 운영비 : 10백만원"),
            raw("ㅇ 콜센터 운영 : 18,425백만원"),
            raw("① 일반상담 콜센터 : 13,491백만원"),
            raw("- 사업비(13,079백만원)"),
            raw("· (인건비) 300명×39.128백만원*"),
            raw("· (ASP) 300명×4.469백만원**"),
            raw("* 직·간접 인건비 포함"),
            raw("** 임대료 등"),
            raw("- 운영비(412백만원)"),
            raw("② 상환상담콜센터 : 4,934백만원"),
            raw("- 사업비(4,796백만원)"),
            raw("· (인건비) 110명×39.128백만원*"),
            raw("- 운영비(138백만원)"),
            raw("ㅇ 모니터링 : 1,557백만원"),
            raw("· 지역센터 운영(1,557백만원)"),
            raw("- 센터 : 1,557백만원"),
        ]
    )
    assert [ln["parent_line_id"] for ln in lines] == [
        None,
        1,
        2,
        1,
        None,
        5,
        6,
        7,
        7,
        9,
        9,
        6,
        5,
        13,
        14,
        13,
        None,
        17,
        18,
    ]
