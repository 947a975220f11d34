"""Reader for HWPX (OWPML, KS X 6101): a zip of XML parts.

Sections come in the order of ``Contents/content.hpf``'s spine. A table is
``hp:tbl > hp:tr > hp:tc``; each cell says where it sits (``hp:cellAddr``) and what it
covers (``hp:cellSpan``), and cells covered by a merge are absent, so cells are placed
by address, never by position. Text is every ``hp:t`` of a paragraph's runs (line
breaks inside kept); tables nested in a cell become tables of their own with a
``parent``. Elements are matched by local name, so the 2011 and 2016 namespaces both
read. XML with a ``<!DOCTYPE`` is refused (no entity can be declared), and expat
fetches nothing from the network. Written on the standard library: the format is
plain XML, and python-hwpx (used in the tests as an oracle) reads top-level tables only.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from pipeline.errors import DocumentError
from pipeline.extract.readers.containers import ZIP_MAGIC, zip_member_start, zip_names
from pipeline.extract.readers.contract import RefusingReader, WholeFileReader
from pipeline.extract.readers.hwpx.safe_zip import open_zip, read_member
from pipeline.model import Block, Cell, PageRange, Paragraph, Table

HWPX_MIMETYPE = b"application/hwp+zip"
DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
SECTION = re.compile(r"Contents/section\d+\.xml$")
# Elements inside hp:t that stand for characters: breaks, tabs, fixed-width and
# non-breaking spaces, and the soft hyphen.
INLINE = {"lineBreak": "\n", "tab": "\t", "fwSpace": " ", "nbSpace": " ", "hyphen": "-"}


def local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def parse_xml(data: bytes, name: str) -> ET.Element:
    if DOCTYPE.search(data[:4096]) or DOCTYPE.search(data):
        raise DocumentError("unsafe-xml", f"{name} declares a DOCTYPE (entities are refused)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocumentError("broken-xml", f"{name} is not well-formed XML: {exc}") from exc


def section_names(archive: object) -> list[str]:
    """Section parts in spine order; every section part when the package has no spine."""
    names = archive.namelist()  # type: ignore[attr-defined]
    if "Contents/content.hpf" in names:
        package = parse_xml(read_member(archive, "Contents/content.hpf"), "content.hpf")  # type: ignore[arg-type]
        hrefs = {
            item.get("id"): item.get("href") for item in package.iter() if local(item) == "item"
        }
        spine = [hrefs.get(ref.get("idref")) for ref in package.iter() if local(ref) == "itemref"]
        ordered = [href for href in spine if href and SECTION.search(href) and href in names]
        if ordered:
            return ordered
    return sorted((n for n in names if SECTION.search(n)), key=lambda n: int(re.sub(r"\D", "", n)))


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)
    n_tables: int = 0

    def section(self, root: ET.Element) -> None:
        for paragraph in root:
            if local(paragraph) == "p":
                self.paragraph(paragraph)

    def paragraph(self, element: ET.Element) -> None:
        text, tables = paragraph_content(element)
        if text.strip():
            self.blocks.append(Paragraph(text.strip()))
        for table in tables:
            self.table(table, None)

    def table(self, element: ET.Element, parent: tuple[int, int, int] | None) -> None:
        table = Table(self.n_tables, [], parent=parent)
        self.n_tables += 1
        self.blocks.append(table)
        for cell in (c for row in element if local(row) == "tr" for c in row if local(c) == "tc"):
            row, col, row_span, col_span, lines, nested = cell_content(cell)
            table.cells.append(Cell(row, col, "\n".join(lines), row_span, col_span))
            for inner in nested:
                self.table(inner, (table.index, row, col))
        table.cells.sort(key=lambda c: (c.row, c.col))


def paragraph_content(element: ET.Element) -> tuple[str, list[ET.Element]]:
    """The text of a paragraph's runs and the tables anchored in them."""
    text, tables = [], []
    for run in element:
        if local(run) != "run":
            continue
        for child in run:
            if local(child) == "t":
                text.append(run_text(child))
            elif local(child) == "tbl":
                tables.append(child)
    return "".join(text), tables


def run_text(element: ET.Element) -> str:
    """All text of an ``hp:t``, with its line breaks and tabs."""
    parts = [element.text or ""]
    for child in element:
        parts.append(INLINE.get(local(child), ""))
        parts.append(child.tail or "")
    return "".join(parts)


def cell_content(
    cell: ET.Element,
) -> tuple[int, int, int, int, list[str], list[ET.Element]]:
    """(row, col, row span, col span, text lines, nested tables) of one ``hp:tc``."""
    address = {"colAddr": "0", "rowAddr": "0"}
    span = {"colSpan": "1", "rowSpan": "1"}
    lines: list[str] = []
    nested: list[ET.Element] = []
    for child in cell:
        if local(child) == "cellAddr":
            address.update(child.attrib)
        elif local(child) == "cellSpan":
            span.update(child.attrib)
        elif local(child) == "subList":
            for paragraph in child:
                if local(paragraph) == "p":
                    text, tables = paragraph_content(paragraph)
                    lines += [ln.strip() for ln in text.split("\n") if ln.strip()]
                    nested += tables
    return (
        int(address["rowAddr"]),
        int(address["colAddr"]),
        max(int(span["rowSpan"]), 1),
        max(int(span["colSpan"]), 1),
        lines,
        nested,
    )


def hwpx_to_reading(data: bytes) -> PageRange:
    """Read an HWPX package into blocks (pages unknown)."""
    archive = open_zip(data)
    reader = _Reader()
    names = section_names(archive)
    if not names:
        raise DocumentError("broken-hwpx", "the package has no Contents/section*.xml part")
    for name in names:
        reader.section(parse_xml(read_member(archive, name), name))
    return PageRange(1, [], reader.blocks)


class HwpxReader(WholeFileReader):
    """HWPX: a zip whose ``mimetype`` member says ``application/hwp+zip``."""

    format = "hwpx"

    def recognises(self, data: bytes, name: str) -> bool:
        mimetype = zip_member_start(data, "mimetype") if data.startswith(ZIP_MAGIC) else b""
        return mimetype.strip() == HWPX_MIMETYPE

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        return hwpx_to_reading(data)


class OtherZipReader(RefusingReader):
    """Any other zip archive (after HWPX and the Office formats): refused, naming why."""

    format = "zip"
    reason = "unknown-format"

    def recognises(self, data: bytes, name: str) -> bool:
        return data.startswith(ZIP_MAGIC)

    def refusal(self, data: bytes) -> str:
        if zip_names(data) is None:
            open_zip(data)  # raises broken-zip with zipfile's reason
        return "a zip archive without an HWPX (OWPML) mimetype"
