"""The format-neutral document model that every reader fills.

A document is a sequence of blocks in reading order: paragraphs (one printed line
each) and tables (cells placed by row and column, with spans). Page numbers and
bounding boxes are filled when the format knows them (PDF), and left ``None`` when
it does not (text conversions).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Paragraph:
    """One printed line of running text."""

    text: str
    line_no: int | None = None  # 1-based line in the source, when the format has lines
    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class Cell:
    """One table cell; ``row``/``col`` are 0-based and count the header row."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    bbox: BBox | None = None
    line_no: int | None = None


@dataclass
class Table:
    """A table; ``index`` is its 0-based position among the document's tables.

    ``parent`` is ``(table_index, row, col)`` of the cell holding a nested table.
    ``unit`` is the ``(단위 : 천원)`` note printed just above the table, verbatim.
    ``repeated_headers`` are the header cells a continuation page printed again; they
    are kept here, out of the grid, so stitching loses no text.

    Cells are only ever appended (readers, stitching), never removed, and changed only as
    stitching appends (a number a page break cut gets its digits back), so the grid is
    kept for as long as the number of cells stays the same: recognisers ask for it tens
    of times per table.
    """

    index: int
    cells: list[Cell]
    page: int | None = None
    unit: str | None = None
    caption: str | None = None
    parent: tuple[int, int, int] | None = None
    repeated_headers: list[Cell] = field(default_factory=list)
    _grid: tuple[int, list[list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def is_frame(self) -> bool:
        """A table of one row is a frame, never a table of data: HWP authors draw boxed
        titles, tabs (``별첨``) and borderless layout lines (``보도시점 … 배포 …``) so, and a
        PDF shows them as text, or as one line split at a rule."""
        return self.n_rows == 1

    @property
    def n_rows(self) -> int:
        return len(self._dense_grid())

    @property
    def n_cols(self) -> int:
        rows = self._dense_grid()
        return len(rows[0]) if rows else 0

    def grid(self) -> list[list[str]]:
        """Cell texts as a dense grid; a merged cell's text sits at its top-left only."""
        return [row[:] for row in self._dense_grid()]

    def _dense_grid(self) -> list[list[str]]:
        if self._grid is None or self._grid[0] != len(self.cells):
            width = max((c.col + c.col_span for c in self.cells), default=0)
            height = max((c.row + c.row_span for c in self.cells), default=0)
            rows = [[""] * width for _ in range(height)]
            for cell in self.cells:
                rows[cell.row][cell.col] = cell.text
            self._grid = (len(self.cells), rows)
        return self._grid[1]

    def filled_grid(self) -> list[list[str]]:
        """Cell texts as a dense grid, a merged cell's text in every position it covers.

        A cell that starts at a position wins over a merged cell that overlaps it (PDF
        ruling can make a merged header box overlap its neighbours).
        """
        rows = self.grid()
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    rows[r][c] = rows[r][c] or cell.text
        return rows

    def cell_at(self, row: int, col: int) -> Cell | None:
        for cell in self.cells:
            if cell.row == row and cell.col == col:
                return cell
        return None


Block = Paragraph | Table


@dataclass(frozen=True)
class Page:
    """One page as the format knows it; ``status`` says whether its text can be trusted."""

    number: int  # 1-based position in the file
    # the page number printed on it: ``- 3 -``, ``1/4``; a section of a book may print the
    # book's under its own, one a line (``- 4 -`` / ``- 3278 -``)
    printed: str | None = None
    width: float | None = None
    height: float | None = None
    status: str = "ok"  # ok, empty (no text), broken-text-layer, too-many-lines
    message: str | None = None


@dataclass
class PageRange:
    """What a reader read of a file: pages ``first`` onwards (all of a file without
    pages), blocks in reading order before tables are stitched and annotated; table
    indices count from 0 within the range."""

    first: int
    page_info: list[Page]
    blocks: list[Block]
    noise_dropped: int = 0  # conversion noise such as ``(x-)`` removed while reading


@dataclass
class Document:
    """One input file read into blocks; ``document_id`` is the sha256 of its bytes."""

    document_id: str
    path: str
    format: str  # pdf, hwp, hwpx, text
    title: str | None = None
    pages: int | None = None
    blocks: list[Block] = field(default_factory=list)
    page_info: list[Page] = field(default_factory=list)
    noise_dropped: int = 0  # conversion noise such as ``(x-)`` removed while reading

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
