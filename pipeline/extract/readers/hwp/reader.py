"""Reader for HWP 5.0 (binary): an OLE compound file of record streams.

olefile opens the container in strict defect mode; ``FileHeader`` says whether the
sections are compressed, password-protected (refused: no public reader decrypts them)
or 배포용 (distribution: the body is read from ``ViewText``, decrypted by
``pipeline.extract.readers.hwp.distribution``). Each ``BodyText/SectionN`` is a tree of records
(``pipeline.extract.readers.hwp.records``): paragraphs (PARA_HEADER with its PARA_TEXT) and
controls; a table control (CTRL_HEADER ``tbl ``) holds a TABLE record and, per cell,
a LIST_HEADER giving the cell's column, row and spans, followed by the cell's
paragraphs. Tables nested in a cell become tables of their own with a ``parent``.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

import olefile

from pipeline.errors import DocumentError
from pipeline.extract.readers.containers import OLE_MAGIC
from pipeline.extract.readers.contract import RefusingReader, WholeFileReader
from pipeline.extract.readers.hwp.distribution import view_text_to_section
from pipeline.extract.readers.hwp.records import (
    CTRL_HEADER,
    LIST_HEADER,
    PARA_HEADER,
    PARA_TEXT,
    TABLE,
    TABLE_CONTROL,
    Record,
    inflate,
    iter_records,
    para_text,
    record_tree,
)
from pipeline.model import Block, Cell, PageRange, Paragraph, Table

SIGNATURE = b"HWP Document File"
HWP3_SIGNATURE = b"HWP Document File V"  # HWP 3.x / 97: not a compound file
COMPRESSED, PASSWORD, DISTRIBUTION = 0x1, 0x2, 0x4
MAX_STREAM = 128 * 2**20


def _open(data: bytes) -> olefile.OleFileIO:
    try:
        return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    except Exception as exc:  # olefile raises OSError and assorted parse errors
        raise DocumentError("broken-hwp", f"the OLE container cannot be read: {exc}") from exc


def _stream(ole: olefile.OleFileIO, name: str) -> bytes:
    try:
        if ole.get_size(name) > MAX_STREAM:
            raise DocumentError("zip-bomb", f"{name} declares {ole.get_size(name):,} bytes")
        return bytes(ole.openstream(name).read())
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("broken-hwp", f"{name} cannot be read: {exc}") from exc


def file_flags(ole: olefile.OleFileIO) -> int:
    if not ole.exists("FileHeader"):
        raise DocumentError("not-hwp", "an OLE file without a FileHeader stream: not an HWP")
    header = _stream(ole, "FileHeader")
    if not header.startswith(SIGNATURE) or len(header) < 40:
        raise DocumentError("not-hwp", "the FileHeader has no HWP 5.0 signature (HWP 3.x?)")
    flags: int = struct.unpack_from("<I", header, 36)[0]
    if flags & PASSWORD:
        raise DocumentError("encrypted-hwp", "the document is password-protected")
    return flags


def section_names(ole: olefile.OleFileIO, storage: str) -> list[str]:
    names = ["/".join(p) for p in ole.listdir() if len(p) == 2 and p[0] == storage]
    sections = [n for n in names if n.split("/")[1].startswith("Section")]
    return sorted(sections, key=lambda n: int(n.rsplit("Section", 1)[1] or 0))


def section_records(ole: olefile.OleFileIO, flags: int) -> Iterator[Record]:
    """The records of every section in order; a 배포용 document's from ViewText, decrypted."""
    storage = "ViewText" if flags & DISTRIBUTION else "BodyText"
    names = section_names(ole, storage)
    if not names:
        raise DocumentError("broken-hwp", f"no {storage}/Section stream")
    for name in names:
        raw = _stream(ole, name)
        if flags & DISTRIBUTION:
            raw = view_text_to_section(raw, name)
        body = inflate(raw, name) if flags & COMPRESSED else raw
        yield from iter_records(body, name)


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)
    n_tables: int = 0

    def paragraph(self, record: Record) -> None:
        text = "".join(para_text(c.payload) for c in record.children if c.tag == PARA_TEXT)
        if text.strip():
            self.blocks.append(Paragraph(text.strip()))
        for control in (c for c in record.children if c.tag == CTRL_HEADER):
            self.control(control, None)

    def control(self, record: Record, parent: tuple[int, int, int] | None) -> None:
        if record.payload[:4] == TABLE_CONTROL:
            self.table(record, parent)
            return
        for child in record.children:  # text boxes and other containers: their paragraphs
            if child.tag == PARA_HEADER:
                self.paragraph(child)

    def table(self, record: Record, parent: tuple[int, int, int] | None) -> None:
        table = Table(self.n_tables, [], parent=parent)
        self.n_tables += 1
        self.blocks.append(table)
        seen_table = False
        cell: tuple[Record, list[Record]] | None = None
        cells: list[tuple[Record, list[Record]]] = []
        for child in record.children:
            if child.tag == TABLE:
                seen_table = True
            elif child.tag == LIST_HEADER and seen_table:  # before TABLE: a caption
                cell = (child, [])
                cells.append(cell)
            elif child.tag == PARA_HEADER and cell is not None:
                cell[1].append(child)
        for header, paragraphs in cells:
            self.cell(table, header, paragraphs)
        table.cells.sort(key=lambda c: (c.row, c.col))

    def cell(self, table: Table, header: Record, paragraphs: list[Record]) -> None:
        if len(header.payload) < 16:
            raise DocumentError("broken-hwp", "a table cell's LIST_HEADER is cut short")
        col, row, col_span, row_span = struct.unpack_from("<4H", header.payload, 8)
        lines = []
        for paragraph in paragraphs:
            text = "".join(para_text(c.payload) for c in paragraph.children if c.tag == PARA_TEXT)
            lines += [ln.strip() for ln in text.split("\n") if ln.strip()]
        table.cells.append(Cell(row, col, "\n".join(lines), max(row_span, 1), max(col_span, 1)))
        for paragraph in paragraphs:
            for control in (c for c in paragraph.children if c.tag == CTRL_HEADER):
                self.control(control, (table.index, row, col))


def hwp_to_reading(data: bytes) -> PageRange:
    """Read an HWP 5.0 file into blocks (pages unknown)."""
    with _open(data) as ole:
        flags = file_flags(ole)
        reader = _Reader()
        for record in record_tree(section_records(ole, flags)):
            if record.tag == PARA_HEADER:
                reader.paragraph(record)
    return PageRange(1, [], reader.blocks)


class HwpReader(WholeFileReader):
    """HWP 5.0: an OLE compound file (one no Office reader claimed before)."""

    format = "hwp"

    def recognises(self, data: bytes, name: str) -> bool:
        return data.startswith(OLE_MAGIC)

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        return hwp_to_reading(data)


class OldHwpReader(RefusingReader):
    """HWP 3.x / 97 files, refused with what to do about them."""

    format = "old-hwp"
    reason = "old-hwp"

    def recognises(self, data: bytes, name: str) -> bool:
        return data.startswith(HWP3_SIGNATURE)

    def refusal(self, data: bytes) -> str:
        return (
            f"an HWP 3.x file ({data[17:23].decode('ascii', 'replace').strip()}): yesan reads "
            "HWP 5.0 and HWPX; save it as HWPX in 한글 or convert it with LibreOffice"
        )
