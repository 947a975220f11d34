from pipeline.extract import bytes_to_document
from pipeline.extract.readers.text import split_pipe_row
from pipeline.extract.recognise import document_to_recognised
from tests.conftest import SAMPLE


def sample_document():
    return bytes_to_document(SAMPLE.read_bytes(), str(SAMPLE))


def test_sample_blocks():
    document = sample_document()
    assert document.title == "민관협치 체계구축 및 활성화 지원"
    assert len(document.tables) == 10
    assert document.noise_dropped == 16  # every "(x-)" of the 예산 총괄 table


def test_nested_html_table_becomes_a_child_table():
    document = sample_document()
    nested = [t for t in document.tables if t.parent is not None]
    assert len(nested) == 1
    assert nested[0].parent == (0, 3, 1)
    assert nested[0].grid() == [
        ["총", "(국비)", "(사비)", "(보조율)", "(구비)"],
        ["663,465천원", "", "663,465천원", "0 %", ""],
    ]


def test_checkboxes_and_units():
    document = sample_document()
    assert document.tables[0].grid()[1][1] == "☐ 연례반복, ☑ 2017.01 ~ 2017.12"
    summary = document.tables[4]
    assert (summary.caption, summary.unit) == ("예산 총괄", "(단위 : 천원)")


def test_split_pipe_row_keeps_escaped_pipes():
    assert split_pipe_row("| a | b \\| c | |") == [" a ", " b | c ", " "]


def test_recognisers_work_by_content_not_position():
    text = SAMPLE.read_text(encoding="utf-8")
    schedule_start = text.index("□ 2017년도 추진일정")
    schedule_end = text.index("4 사업 효과")
    summary_start = text.index("□ 예산 총괄")
    moved = (
        text[:summary_start]
        + text[schedule_start:schedule_end]
        + text[summary_start:schedule_start]
        + text[schedule_end:]
    )
    before = document_to_recognised(sample_document())
    after = document_to_recognised(bytes_to_document(moved.encode(), "moved"))
    assert len(after.summary_cells) == len(before.summary_cells) == 15
    assert len(after.schedule_raw) == len(before.schedule_raw) == 9
    assert [r["text"] for r in after.breakdown_raw] == [r["text"] for r in before.breakdown_raw]


def test_prose_with_thousand_won_and_equals_is_not_a_budget():
    document = bytes_to_document(
        "안내\n\n총 예산은 1,000천원 = 100만원 규모입니다.\n\n"
        "| 항목 | 내용 |\n|---|---|\n| 가 | 나 |\n".encode(),
        "prose",
    )
    assert not document_to_recognised(document).has_budget_table


def test_wrapped_labels_join_as_printed():
    from pipeline.budget import join_wrapped

    assert join_wrapped("증감 (B-\nA)") == "증감 (B-A)"
    assert join_wrapped("시책추진업무추진\n비") == "시책추진업무추진비"
    assert join_wrapped("기타예금이자수\n입") == "기타예금이자수입"
    assert join_wrapped("노인일자리 및\n사회활동 지원") == "노인일자리 및 사회활동 지원"
    assert join_wrapped("2023년 예산\n본예산(A)") == "2023년 예산 본예산(A)"
    assert join_wrapped("계획액\n(수정)") == "계획액 (수정)"
