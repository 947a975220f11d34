from decimal import Decimal

import pytest

from pipeline.transform.formula import parse_formula, split_formula


@pytest.mark.parametrize(
    ("printed", "product", "unit_price", "factors"),
    [
        ("279,940원*15일*12월", 50_389_200, 279_940, ["279,940원", "15일", "12월"]),
        (
            "500,000원(특별2급,2시간)*40회",
            20_000_000,
            500_000,
            ["500,000원(특별2급,2시간)", "40회"],
        ),
        ("10,000,000원", 10_000_000, 10_000_000, ["10,000,000원"]),
        (
            "115.0만 세대 × 5.3만원 × 100%",
            60_950_000_000,
            53_000,
            ["115.0만 세대", "5.3만원", "100%"],
        ),
        ("(2,300,000원/12)*12개월", 2_300_000, 191_667, ["(2,300,000원/12)", "12개월"]),
        ("71,760원(급여*0.0312)*12개월", 861_120, 71_760, ["71,760원(급여*0.0312)", "12개월"]),
        ("2명*3.5백만원", 7_000_000, 3_500_000, ["2명", "3.5백만원"]),
        ("1인*1,950,000원*12개월", 23_400_000, 1_950_000, ["1인", "1,950,000원", "12개월"]),
        ("150,000원 x 6회", 900_000, 150_000, ["150,000원", "6회"]),
        (
            "(350,000원*1회)+(340,000원*1회)",
            690_000,
            350_000,
            ["(350,000원*1회)", "(340,000원*1회)"],
        ),
        (
            "(센터장 350,000원+생활복지사 250,000원)*12개월",
            7_200_000,
            600_000,
            ["(센터장 350,000원+생활복지사 250,000원)", "12개월"],
        ),
        (
            "1인/7,000원 x 27명 x 20일(한 달평균 급식일수) x 12개월",
            45_360_000,
            7_000,
            ["1인", "7,000원", "27명", "20일(한 달평균 급식일수)", "12개월"],
        ),
    ],
)
def test_parse_formula(printed, product, unit_price, factors):
    formula = parse_formula(printed)
    assert formula is not None
    assert formula.product_won == product
    assert formula.unit_price_won == unit_price
    assert [f.printed for f in formula.factors] == factors


def test_scaled_count_and_percent_factors():
    formula = parse_formula("115.0만 세대 × 5.3만원 × 100%")
    assert [(f.value, f.unit, f.role) for f in formula.factors] == [
        (Decimal("1150000.0"), "세대", "count"),
        (Decimal("5.3"), "만원", "money"),
        (Decimal("100"), "%", "percent"),
    ]


@pytest.mark.parametrize(
    "printed", ["15명*12월", "협치자문운영", "2017년", "279,940원*", "(1,000원"]
)
def test_not_a_formula(printed):
    assert parse_formula(printed) is None


def test_split_formula_keeps_digits_inside_names():
    name, formula = split_formula("강사료1(주강사) 500,000원(특별2급,2시간)*40회")
    assert name == "강사료1(주강사)"
    assert formula.printed == "500,000원(특별2급,2시간)*40회"


def test_split_formula_without_formula():
    assert split_formula("협치 핵심인재양성 심화과정(협치의제발굴)") == (
        "협치 핵심인재양성 심화과정(협치의제발굴)",
        None,
    )


def test_split_formula_finds_a_bracketed_formula_glued_to_the_name():
    name, formula = split_formula("진단체계 및 문항 타당도 검증(20만원×3,000명)")
    assert name == "진단체계 및 문항 타당도 검증"
    assert formula is not None and formula.product_won == 600_000_000


def test_sums_take_products_first():
    formula = parse_formula("1,000원*2회+500원*3회")
    assert formula is not None and formula.product_won == 3_500
    assert formula.operators == ("*", "+", "*")


def test_a_name_is_a_term_label_only_inside_brackets():
    assert parse_formula("센터장 350,000원*12개월") is None


@pytest.mark.parametrize(
    ("text", "amount_won", "status"),
    [
        ("447점×3.32백만원", 1_483_000_000, "rounded"),  # 3.315 … 3.325백만원 × 447
        ("4명×4249천원", 16_997_000, "rounded"),  # 4,248.5 … 4,249.5천원 × 4
        ("4명×4249천원", 16_999_000, "mismatch"),
        ("20개소 × 204.7백만원 + 280백만원", 4_375_000_000, "mismatch"),  # a sum as printed
    ],
)
def test_a_product_may_lie_within_the_rounding_of_its_unit_price(text, amount_won, status):
    from pipeline.transform.breakdown import formula_status

    printed = f"{amount_won // 1_000:,}천원"
    assert formula_status(parse_formula(text), amount_won, "천원", printed) == status


@pytest.mark.parametrize(
    ("text", "product"),
    [  # 문화체육관광부 (ai-budget-2026) pp. 5–6, as printed
        ("20원×10백만어절", 200_000_000),
        ("211.9원×1.66백만어절×5종", 1_758_770_000),
        ("0.9백만어절x1,800원", 1_620_000_000),
    ],
)
def test_a_count_with_a_scale_word_of_two_syllables(text, product):
    assert parse_formula(text).product_won == product


@pytest.mark.parametrize(
    ("printed", "product"),
    [
        # 행정안전부 (ai-budget-2026) p. 34–35: named amounts added, ``N백`` for N백만원
        ("1백 + 업무협의 경비 2백", 3_000_000),
        ("245.6백 + 모델 정비 95.4백 + 위탁사업비 87백", 428_000_000),
        ("959백 + ② 유지관리비 967백", 1_926_000_000),
        ("(21백만원)+전문위원회(12백만원)+책임관 협의회(10백만원)", 43_000_000),
        # a word saying what a factor counts, after the operator
        ("7개 과제 × 과제당 270.4백", 1_892_800_000),
        ("23.9백(분석가 1인당 월 소요 비용) × 분석가 3.5명 × 10개월", 836_500_000),
        ("1개×500백만×9/12개월", 375_000_000),
    ],
)
def test_named_terms_qualified_factors_and_short_units(printed, product):
    formula = parse_formula(printed)
    assert formula is not None and formula.product_won == product


@pytest.mark.parametrize(
    "printed",
    [
        "122,489FP×605,784원×6.2%+이윤(10%)+부가세(10%)",  # a named rate is no amount added
        "5백명 × 2회",  # ``백`` before a word is no unit
    ],
)
def test_named_rates_and_hundreds_of_things_are_no_money(printed):
    assert parse_formula(printed) is None


def test_a_count_with_a_scale_word_set_apart_stays_a_count():
    formula = parse_formula("1.66백만 어절 × 10원")
    assert formula is not None
    assert [(f.unit, f.role) for f in formula.factors] == [("어절", "count"), ("원", "money")]
    assert formula.product_won == 16_600_000


def test_what_an_amount_equals_may_name_its_first_term():
    """교육부 (ai-budget-2026) p. 38: ``2,480백만원 = AI 교육과정 … 마련(200백만원 × 8종 + 200백만원
    x 4개 컨소시엄) + 사업관리비(80백만원)``: every term named, the first too; only where the
    text is all formula."""
    text = "교육과정 개발(200백만원 × 8종 + 200백만원 x 4개 컨소시엄) + 사업관리비(80백만원)"
    assert parse_formula(text, named_first=True).product_won == 2_480_000_000
    assert parse_formula(text) is None
    assert split_formula(text)[0] == "교육과정 개발"  # a name glued to its bracket stays a name


def test_a_count_alone_in_brackets_is_a_remark():
    """``14,625백만원 + (1회 추경) 1,008백만원``: ``(1회 추경)`` names the term, it adds nothing."""
    assert parse_formula("14,625백만원 + (1회 추경) 1,008백만원").product_won == 15_633_000_000


@pytest.mark.parametrize(
    ("printed", "product"),
    [
        # 법무부 (ai-budget-2026) p. 42: counts named before their brackets, inside a group
        ("(홈페이지(7개) + 모바일 웹(7개) + 모바일 앱(2개)) X 1,250천원", 20_000_000),
        # 국가데이터처 p. 25: a Latin name with digits names its term
        ("78대*(데스크톱 923,900원+win11pro 177,000원+설치비 26,000원)", 87_898_200),
    ],
)
def test_terms_named_in_brackets_and_with_latin_names(printed, product):
    formula = parse_formula(printed)
    assert formula is not None and formula.product_won == product


def test_a_sum_of_named_products():
    """교육부 (ai-budget-2026) p. 55: ``단독(수도권)2개 x 3,050백만원 + … + 반도체설계 2개 x
    1,000백만원``: each term a product named with a remark; a named rate is still no term."""
    text = (
        "단독(수도권)2개 x 3,050백만원 + 연합(비수도)2개 x 5,800백만원"
        " + 반도체설계 2개 x 1,000백만원"
    )
    assert parse_formula(text, named_first=True).product_won == 19_700_000_000
    assert parse_formula("1,000백만원 + 이윤(10%)", named_first=True) is None
