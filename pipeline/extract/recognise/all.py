"""Every recogniser over a document, 세부사업 by 세부사업: one list of rows per staged table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.recognise.basis_box import find_basis_box_lines
from pipeline.extract.recognise.breakdown import find_breakdown_lines
from pipeline.extract.recognise.contacts import find_contacts
from pipeline.extract.recognise.detail_box import find_detail_box_lines
from pipeline.extract.recognise.ledger import find_ledger_breakdown, find_ledger_cells
from pipeline.extract.recognise.overview import find_overview
from pipeline.extract.recognise.schedule import find_schedule_rows
from pipeline.extract.recognise.sections import project_sections
from pipeline.extract.recognise.summary import find_summary_cells
from pipeline.model import Document

Rows = list[dict[str, Any]]


@dataclass
class Recognised:
    """What the recognisers found in one document, one list of rows per staged table."""

    overview: Rows = field(default_factory=list)
    contacts: Rows = field(default_factory=list)
    summary_cells: Rows = field(default_factory=list)
    breakdown_raw: Rows = field(default_factory=list)
    schedule_raw: Rows = field(default_factory=list)

    @property
    def has_budget_table(self) -> bool:
        return bool(self.summary_cells or self.breakdown_raw or self.schedule_raw)


def document_to_recognised(document: Document) -> Recognised:
    """Every recogniser over each 세부사업 of the document, rows tagged with its name."""
    recognised = Recognised()
    for section in project_sections(document):
        found = section_to_recognised(section.project, section.document)
        for name in ROW_LISTS:
            getattr(recognised, name).extend(getattr(found, name))
    return recognised


ROW_LISTS = ("overview", "contacts", "summary_cells", "breakdown_raw", "schedule_raw")


def section_to_recognised(project: str | None, section: Document) -> Recognised:
    """Every recogniser over one 세부사업, rows tagged with its name."""
    found = _recognise(section)
    for name in ROW_LISTS:
        setattr(found, name, [{"project": project, **row} for row in getattr(found, name)])
    return found


def _recognise(document: Document) -> Recognised:
    return Recognised(
        overview=find_overview(document),
        contacts=find_contacts(document),
        summary_cells=find_summary_cells(document) + find_ledger_cells(document),
        breakdown_raw=[
            *_of_form("table", find_breakdown_lines(document)),
            *_of_form("box", find_detail_box_lines(document)),
            *find_basis_box_lines(document),
            *_of_form("ledger", find_ledger_breakdown(document)),
        ],
        schedule_raw=find_schedule_rows(document),
    )


def _of_form(form: str, rows: Rows) -> Rows:
    """산출내역 lines tagged with the form that printed them: a table's cell, a box of
    lines, or a 예산서내역's items."""
    return [{**row, "form": form} for row in rows]
