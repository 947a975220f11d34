"""Reader for text conversions of budget documents (markdown with pipe tables).

Conversions of PDFs into markdown carry pipe tables whose cells may hold HTML
(nested ``<table>``, ``<ul><li>``, checkbox ``<input>``), and noise left by the
converter such as ``(x-)``, which is dropped and counted. Checkboxes become ``☑``
(checked) and ``☐`` (unchecked) so recognisers can read them as text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from pipeline.encoding import decode_text
from pipeline.errors import DocumentError
from pipeline.extract.readers.contract import WholeFileReader
from pipeline.extract.readers.text.html_table import parse_html_table
from pipeline.model import Block, Cell, PageRange, Paragraph, Table

CHECKED, UNCHECKED = "☑", "☐"
NOISE = re.compile(r"\(x-\)")
CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>", re.IGNORECASE)
NESTED_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
LINE_BREAK_TAG = re.compile(r"<\s*(br|/li|li|/p|/tr)\b[^>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
PIPE = re.compile(r"(?<!\\)\|")


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)
    noise: int = 0
    n_tables: int = 0

    def clean(self, text: str) -> str:
        text, count = NOISE.subn("", text)
        self.noise += count
        return text

    def cell_text(self, raw: str) -> str:
        raw = CHECKBOX.sub(_checkbox_symbol, raw)
        raw = LINE_BREAK_TAG.sub("\n", raw)
        raw = html.unescape(TAG.sub(" ", raw))
        lines = (" ".join(line.split()) for line in self.clean(raw).split("\n"))
        return "\n".join(line for line in lines if line)

    def add_table(self, rows: list[tuple[int, list[str]]]) -> None:
        table = Table(index=self.n_tables, cells=[])
        self.n_tables += 1
        nested: list[Table] = []
        for row_index, (line_no, raw_cells) in enumerate(rows):
            for col, raw in enumerate(raw_cells):
                inner = NESTED_TABLE.search(raw)
                if inner:
                    nested.append(self._nested(inner.group(0), (table.index, row_index, col)))
                    raw = _flatten(nested[-1])
                table.cells.append(Cell(row_index, col, self.cell_text(raw), line_no=line_no))
        self.blocks.append(table)
        self.blocks.extend(nested)

    def _nested(self, fragment: str, parent: tuple[int, int, int]) -> Table:
        cells = [
            Cell(c.row, c.col, self.cell_text(c.text), c.row_span, c.col_span)
            for c in parse_html_table(CHECKBOX.sub(_checkbox_symbol, fragment))
        ]
        table = Table(index=self.n_tables, cells=cells, parent=parent)
        self.n_tables += 1
        return table


def _flatten(table: Table) -> str:
    """A nested table's text as its parent cell shows it: one line per row."""
    return "<br>".join(" ".join(text for text in row if text) for row in table.grid())


def _checkbox_symbol(match: re.Match[str]) -> str:
    return CHECKED if "checked" in match.group(0).lower() else UNCHECKED


def split_pipe_row(line: str) -> list[str]:
    """Cells of a markdown pipe-table row, outer pipes removed."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.replace("\\|", "|") for cell in PIPE.split(inner)]


def text_to_reading(text: str) -> PageRange:
    """Read a text conversion into blocks (a file without pages)."""
    reader = _Reader()
    rows: list[tuple[int, list[str]]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("|"):
            cells = split_pipe_row(line)
            if not all(SEPARATOR_CELL.match(c) for c in cells):
                rows.append((line_no, cells))
            continue
        if rows:
            reader.add_table(rows)
            rows = []
        paragraph = " ".join(reader.clean(line).split())
        if paragraph:
            reader.blocks.append(Paragraph(paragraph, line_no=line_no))
    if rows:
        reader.add_table(rows)
    return PageRange(1, [], reader.blocks, reader.noise)


class TextReader(WholeFileReader):
    """Text conversions: UTF-8 or CP949 bytes (HTML is refused before, ``readers.html``)."""

    format = "text"

    def recognises(self, data: bytes, name: str) -> bool:
        return decode_text(data) is not None

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        text = decode_text(data)
        if text is None:
            raise DocumentError("not-text", "the bytes are not UTF-8 or CP949 text")
        return text_to_reading(text)
