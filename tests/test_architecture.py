"""The shape the code keeps: one budget vocabulary, readers behind one contract and one
registry, layout applied by the stage to every reader, rules registered with their ids."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

from pipeline.budget import is_value, leading_marker, parse_number, row_kind, unit_from_note
from pipeline.checks.report import Finding
from pipeline.checks.rules import registry, rule_ids, rules
from pipeline.checks.suites import with_rule_expectations
from pipeline.errors import DocumentError
from pipeline.extract import bytes_to_document, sniff_format
from pipeline.extract.readers import READERS, reader_for
from pipeline.extract.readers.text import READER as TEXT
from pipeline.extract.recognise.breakdown import find_breakdown_lines
from pipeline.model import Cell, Document, Table
from pipeline.transform.breakdown import parse_line
from tests.compound_file import compound_file
from tests.conftest import SAMPLE, make_project, run_cli


def zipped(members: dict[str, bytes], mimetype: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype is not None:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OFFICE_FILES = {
    "plan.docx": (
        zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        "a Word document (.docx): save it as PDF or HWPX",
    ),
    "budget.xlsx": (
        zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        "an Excel workbook (.xlsx): save its sheets as PDF",
    ),
    "plan.odt": (
        zipped({"content.xml": b"<office/>"}, b"application/vnd.oasis.opendocument.text"),
        "an OpenDocument text (.odt): save it as PDF or HWPX",
    ),
    "budget.ods": (
        zipped({"content.xml": b"<office/>"}, b"application/vnd.oasis.opendocument.spreadsheet"),
        "an OpenDocument spreadsheet (.ods): save its sheets as PDF",
    ),
    "budget.xls": (
        compound_file({"Workbook": b"\x09\x08" * 300}),
        "an Excel 97-2003 workbook (.xls): save its sheets as PDF",
    ),
    "plan.doc": (
        compound_file({"WordDocument": b"\xec\xa5" * 300}),
        "a Word 97-2003 document (.doc): save it as PDF or HWPX",
    ),
}


@pytest.mark.parametrize("name", sorted(OFFICE_FILES))
def test_office_files_are_recognised_by_the_registry_and_refused_by_name(name):
    data, message = OFFICE_FILES[name]
    assert sniff_format(data, name) == "office"
    with pytest.raises(DocumentError) as refused:
        bytes_to_document(data, name)
    assert refused.value.reason == "unsupported-format"
    assert refused.value.message.startswith(message)
    assert "zip archive" not in refused.value.message


def test_office_files_in_a_batch_get_one_error_line_each_and_the_rest_loads(tmp_path):
    files = {name: data for name, (data, _) in OFFICE_FILES.items()}
    project = make_project(tmp_path, {SAMPLE.name: SAMPLE.read_bytes(), **files})
    result = run_cli(project, "extract")
    assert result.exit_code == 3
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error:"))
    assert errors == [
        f"error: {project / 'raw' / name}: unsupported-format: {OFFICE_FILES[name][1]}; "
        "yesan reads PDF, HWP, HWPX and text"
        for name in sorted(OFFICE_FILES)
    ]
    assert "documents read: 1, quarantined: 6" in result.output


def test_an_other_zip_and_an_other_ole_file_keep_their_reasons():
    with pytest.raises(DocumentError, match="without an HWPX") as other_zip:
        bytes_to_document(zipped({"a.txt": b"x"}), "a.zip")
    assert other_zip.value.reason == "unknown-format"
    with pytest.raises(DocumentError) as other_ole:
        bytes_to_document(compound_file({"Random": b"x" * 100}), "x.hwp")
    assert other_ole.value.reason == "not-hwp"


def test_every_reader_keeps_the_contract():
    formats = [reader.format for reader in READERS]
    assert formats == ["pdf", "office", "hwp", "old-hwp", "hwpx", "zip", "html", "text"]
    for reader in READERS:
        assert isinstance(reader.paged, bool) and isinstance(reader.has_fallback, bool)
        assert callable(reader.recognises) and callable(reader.read_pages)
    assert [r.format for r in READERS if r.paged] == ["pdf"]


class _Tsv:
    """A new format for the test: tab-separated text, one table."""

    format = "tsv"
    paged = False
    has_fallback = False

    def recognises(self, data: bytes, name: str) -> bool:
        return name.endswith(".tsv") and b"\t" in data

    def page_count(self, data: bytes) -> int | None:
        return None

    def read_pages(self, data, first=1, last=None, fallback=False):  # type: ignore[no-untyped-def]
        from pipeline.model import PageRange, Paragraph

        rows = [line.split("\t") for line in data.decode().splitlines()]
        cells = [Cell(r, c, text) for r, row in enumerate(rows[1:]) for c, text in enumerate(row)]
        return PageRange(1, [], [Paragraph(rows[0][0]), Table(0, cells)])


def test_a_new_format_is_one_registry_line_and_the_stage_lays_it_out(monkeypatch):
    """The stage, not the reader, annotates tables and names the title."""
    import pipeline.extract.readers as readers

    monkeypatch.setattr(readers, "READERS", (_Tsv(), *READERS))
    data = "(단위 : 천원)\n구분\t2024 예산\n계\t1,000\n".encode()
    document = bytes_to_document(data, "plan.tsv")
    assert document.format == "tsv" and document.title == "(단위 : 천원)"
    assert document.tables[0].unit == "(단위 : 천원)"


def test_a_readers_blocks_are_annotated_by_the_stage_only():
    data = SAMPLE.read_bytes()
    raw = TEXT.read_pages(data)
    laid_out = bytes_to_document(data, str(SAMPLE))
    raw_tables = [b for b in raw.blocks if isinstance(b, Table)]
    assert all(t.unit is None for t in raw_tables)
    assert any(t.unit == "(단위 : 천원)" for t in laid_out.tables)
    assert laid_out.title == next(b.text for b in raw.blocks if not isinstance(b, Table))


def test_an_empty_or_unknown_file_is_refused_before_any_reader():
    with pytest.raises(DocumentError, match="0 bytes"):
        reader_for(b"", "empty.pdf")
    with pytest.raises(DocumentError) as unknown:
        reader_for(bytes(range(256)), "x.bin")
    assert unknown.value.reason == "unknown-format"


# ---- the budget vocabulary: one list of units, so 조원 is known everywhere ----


def test_trillion_won_is_a_unit_in_every_stage():
    assert parse_number("1.5조원").value == pytest.approx(1.5)  # type: ignore[union-attr]
    assert is_value("2조원") and is_value("1,500천만원")
    assert unit_from_note("(단위 : 조원)") == "조원"
    line = parse_line("○ 국가 연구개발 예산 : 1.2조원")
    assert (line.name, line.amount_printed) == ("국가 연구개발 예산", "1.2조원")
    assert parse_line("○ 총사업비 3조원").amount_printed == "3조원"
    document = Document("id", "x", "text")
    document.blocks = [
        Table(0, [Cell(0, 0, "과목"), Cell(0, 1, "산출근거"), Cell(1, 0, "연구개발비")])
    ]
    document.tables[0].cells.append(Cell(1, 1, "○ 연구개발 : 1.2조원"))
    assert [row["text"] for row in find_breakdown_lines(document)] == ["○ 연구개발 : 1.2조원"]


def test_row_kinds_and_markers_come_from_one_vocabulary():
    assert [
        row_kind(label) for label in ("계", "○ 기능별 분류(합계)", "보조금수입 소계", "인건비")
    ] == [
        "total",
        "total",
        "subtotal",
        "item",
    ]
    # circled numbers open siblings; variants of one symbol are one level
    assert {leading_marker(label) for label in ("① 구축", "②유지보수", "⑥AI 상담")} == {"①"}
    assert leading_marker("· 홍보") == leading_marker("• 홍보") == "•"
    assert leading_marker("인건비") is None


def test_the_view_and_the_rule_agree_on_what_a_total_is(mart):
    """``fct_summary_totals`` and ``total-equals-rows`` read the same ``row_kind``."""
    viewed = mart.execute(
        "SELECT DISTINCT table_index, row_index FROM fct_summary_totals ORDER BY ALL"
    ).fetchall()
    totals = mart.execute(
        "SELECT DISTINCT table_index, row_index FROM budget_summary WHERE row_kind = 'total' "
        "AND phase NOT IN ('증감', '증감률') ORDER BY ALL"
    ).fetchall()
    checked = mart.execute(
        "SELECT DISTINCT table_index, row_index FROM findings WHERE rule = 'total-equals-rows'"
    ).fetchall()
    assert viewed == totals and set(checked) <= set(totals) and checked


# ---- rules: registered, with their ids; the suites come from the registry ----


def test_rules_are_registered_in_family_order_with_the_tables_they_read():
    assert rule_ids() == [
        "total-equals-rows",
        "subtotal-equals-rows",
        "change-equals-difference",
        "change-rate-matches",
        "parent-equals-children",
        "formula-matches-amount",
        "summary-matches-breakdown",
        "schedule-total-equals-rows",
        "total-cost-equals-sources",
        "row-total-equals-columns",
        "group-equals-parts",
        "difference-row-matches",
        "unit-unknown",
        "unparsed-amount",
    ]
    reads = {r.ids[0]: r.reads for r in rules()}
    assert reads["summary-matches-breakdown"] == ("budget_summary", "breakdown_lines")
    assert reads["row-total-equals-columns"] == ("cells", "budget_summary")


def test_a_new_rule_is_one_decorated_function(monkeypatch):
    monkeypatch.setattr(registry, "REGISTERED", list(registry.REGISTERED))

    @registry.rule("project-has-a-name", reads=("projects",))
    def project_has_a_name(projects: pd.DataFrame):  # type: ignore[no-untyped-def]
        for row in projects.itertuples():
            yield Finding(row.document_id, "", "사업개요", None, None, "pass", "named")

    assert rule_ids()[-1] == "project-has-a-name"  # its module is no family: it runs last
    found = list(project_has_a_name(pd.DataFrame({"document_id": ["d"]})))
    assert [f.rule for f in found] == ["project-has-a-name"]
    spec = {"name": "r", "meta": {"table": "findings", "kind": "reconciliation"}}
    expectations = with_rule_expectations(spec, rule_ids())["expectations"]
    assert expectations[-1]["meta"] == {"rule": "project-has-a-name"}
    assert len(expectations) == 15


def test_a_rule_id_is_registered_once_and_a_rule_yields_only_its_ids(monkeypatch):
    monkeypatch.setattr(registry, "REGISTERED", list(registry.REGISTERED))
    with pytest.raises(ValueError, match="registered twice"):
        registry.rule("total-equals-rows", reads=("budget_summary",))(lambda frame: iter(()))

    @registry.rule("a-check", "b-check", reads=("projects",))
    def mixed(projects: pd.DataFrame):  # type: ignore[no-untyped-def]
        base = Finding("d", "a-check", "x", None, None, "pass", "ok")
        yield base
        yield replace(base, rule="c-check")

    with pytest.raises(ValueError, match="unregistered 'c-check'"):
        list(mixed(pd.DataFrame()))


def test_the_marts_are_the_only_meeting_place_of_load_and_check(tmp_path):
    """A mart loaded by ``yesan load`` and checked by ``yesan check`` holds what
    ``yesan run`` publishes: the stages meet only in files and the mart."""
    split = make_project(tmp_path / "split", {SAMPLE.name: SAMPLE.read_bytes()})
    whole = make_project(tmp_path / "whole", {SAMPLE.name: SAMPLE.read_bytes()})
    for command in ("extract", "transform", "load", "check"):
        assert run_cli(split, command).exit_code == 0, command
    assert run_cli(whole, "run").exit_code == 0
    query = "SELECT rule, location, status, expected, actual FROM findings ORDER BY finding_id"
    marts = [
        duckdb.connect(str(p / "marts" / "budget.duckdb"), read_only=True) for p in (split, whole)
    ]
    assert marts[0].execute(query).fetchall() == marts[1].execute(query).fetchall()
