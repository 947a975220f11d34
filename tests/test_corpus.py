"""Real documents from ../shared/corpus: the sample's origin, and sniffing by content."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.extract import sniff_format
from tests.conftest import SAMPLE


def test_sample_is_the_corpus_reference_document(corpus):
    reference = corpus / "converted" / SAMPLE.name
    assert (
        hashlib.sha256(SAMPLE.read_bytes()).digest()
        == hashlib.sha256(reference.read_bytes()).digest()
    )


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("hwp-hwpx-pdf/table-complex.hwp", "hwp"),
        ("hwp-hwpx-pdf/table-complex-2022.pdf", "pdf"),
        ("hwp-hwpx-pdf/2024년 1분기 해외직접투자 보도자료 ff.hwpx", "hwpx"),
        ("negative/야생동물 종합관리 시스템 고도화(2023년)_제안요청서.hwp", "hwpx"),
        ("negative/test.hwpx", "hwpx"),
        ("moef-program-pdf/보건복지부_생계급여.pdf", "pdf"),
        ("converted/000_2427d1ecc5489c44.txt", "text"),
    ],
)
def test_sniff_by_content_not_extension(corpus, relative, kind):
    path = corpus / relative
    assert sniff_format(path.read_bytes(), path.name) == kind


def test_every_corpus_file_is_sniffed_as_its_content(corpus):
    """Every document's extension tells its content, but for the one HWPX under a .hwp name."""
    mislabelled = "야생동물 종합관리 시스템 고도화(2023년)_제안요청서.hwp"
    by_extension = {".hwp": "hwp", ".hwpx": "hwpx", ".pdf": "pdf", ".txt": "text"}
    paths = [p for p in sorted(corpus.rglob("*")) if p.suffix in by_extension]
    assert len(paths) == 58  # 34, and the 24 ministries' PDFs of ai-budget-2026
    for path in paths:
        expected = "hwpx" if path.name == mislabelled else by_extension[path.suffix]
        assert sniff_format(path.read_bytes(), path.name) == expected, path.name
