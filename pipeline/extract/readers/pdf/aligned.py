"""Tables drawn with no vertical rules at all, found from the alignment of their text.

A table of figures printed with no column rules (at most a rule above and below it, or
its row bands shaded) is to pdfplumber's ruled finder no table: its text would be read
as lines. As in pdfplumber's ``text`` strategy and Camelot's ``stream`` method, the
columns are found from the text itself, but only where the evidence is strong, so that
no paragraph of prose becomes a table:

* a *row* is a text line (of the characters outside every ruled table) that splits,
  at gaps of at least ``GAP_EM`` of its font size, into ``MIN_COLUMNS`` or more
  segments: a label (or a figure) and then figures only (``FIGURE``), ``MIN_FIGURES``
  or more in all, not all of them years (``YEAR``: a line of years is a header);
* a *body* is ``MIN_ROWS`` or more consecutive rows, no further apart than
  ``MAX_PITCH`` line heights, with as many segments each, column by column
  overlapping the row above;
* a *header* is the line just above a body, no row itself, whose segments each
  overlap a column of their own: its segments become the first row (one line of
  labels, as printed). A body without one is no table: rows of a ruled table printed
  past its last rule, or a chart's axis labels, stay text lines.

Justified prose has word gaps well under an em and few figures per line: it never
gives a body. A table found so is kept only when its box holds no character but its
cells' (so each character is read once, in a cell or a text line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pdfplumber.utils import extract_text

from pipeline.extract.readers.pdf.tables import TEXT_SETTINGS, group_by_line
from pipeline.model import BBox, Cell, Table

GAP_EM = 1.0  # a gap this many font sizes wide separates columns
MIN_COLUMNS = 3
MIN_FIGURES = 2
MIN_ROWS = 3
MAX_PITCH = 2.5  # line heights from one row's top to the next row's top
YEAR = re.compile(r"^(?:[‘’']\d\d|(?:19|20)\d\d)(?:년|년도)?$")
FIGURE = re.compile(r"^[(\[]?[△▲\-−+]?\d[\d,]*(\.\d+)?%?[)\]]?%?$|^-$")


@dataclass
class Segment:
    text: str
    chars: list[dict]

    @property
    def box(self) -> BBox:
        return (
            round(min(c["x0"] for c in self.chars), 2),
            round(min(c["top"] for c in self.chars), 2),
            round(max(c["x1"] for c in self.chars), 2),
            round(max(c["bottom"] for c in self.chars), 2),
        )

    @property
    def figure(self) -> bool:
        return bool(FIGURE.match(self.text.replace(" ", "")))


def aligned_tables(chars: list[dict], first_index: int, number: int) -> list[Table]:
    """The tables of aligned text among ``chars`` (characters of no ruled table)."""
    lines = [_segments(line) for line in group_by_line(chars)]
    tables: list[Table] = []
    for start, end in _bodies(lines):
        header = _header(lines, start)
        if header is None:
            continue
        rows = [header, *lines[start:end]]
        table = _table(rows, lines[start], first_index + len(tables), number)
        if _holds_only_its_own(table, chars):
            tables.append(table)
    return tables


def _segments(line: list[dict]) -> list[Segment]:
    """A line's characters (left to right) split at gaps of ``GAP_EM`` or more."""
    segments: list[list[dict]] = []
    for char in sorted(line, key=lambda c: c["x0"]):
        if char["text"].isspace():
            continue
        if segments and char["x0"] - segments[-1][-1]["x1"] < GAP_EM * char["size"]:
            segments[-1].append(char)
        else:
            segments.append([char])
    return [Segment(extract_text(group, **TEXT_SETTINGS).strip(), group) for group in segments]


def _is_row(segments: list[Segment]) -> bool:
    """A label (or none) and figures; a line of years over figures is a header."""
    values = segments[1:]
    return (
        len(segments) >= MIN_COLUMNS
        and all(s.figure for s in values)
        and sum(s.figure for s in segments) >= MIN_FIGURES
        and not all(YEAR.match(s.text) for s in values)
    )


def _bodies(lines: list[list[Segment]]) -> list[tuple[int, int]]:
    """(start, end) of every run of ``MIN_ROWS`` or more aligned rows."""
    bodies = []
    start = 0
    while start < len(lines):
        end = start + 1
        if _is_row(lines[start]):
            while end < len(lines) and _continues(lines[end - 1], lines[end]):
                end += 1
            if end - start >= MIN_ROWS:
                bodies.append((start, end))
        start = end
    return bodies


def _continues(above: list[Segment], row: list[Segment]) -> bool:
    """Whether ``row`` is the next row of the body ending with ``above``."""
    if not _is_row(row) or len(row) != len(above):
        return False
    height = above[0].box[3] - above[0].box[1]
    if row[0].box[1] - above[0].box[1] > MAX_PITCH * height:
        return False
    return all(_overlap(a.box, b.box) for a, b in zip(above, row, strict=True))


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0])


def _header(lines: list[list[Segment]], start: int) -> list[Segment] | None:
    """The line above a body, when its segments are labels over the body's columns."""
    if start == 0:
        return None
    line, first = lines[start - 1], lines[start]
    height = first[0].box[3] - first[0].box[1]
    if first[0].box[1] - line[0].box[1] > MAX_PITCH * height or len(line) > len(first):
        return None
    if _is_row(line) or len(line) < 2:
        return None
    columns = [_column(s, first) for s in line]
    if None in columns or len(set(columns)) < len(columns):
        return None
    return line


def _column(segment: Segment, columns: list[Segment]) -> int | None:
    """The column (by a body row's segments) a segment overlaps most, if any."""
    widths = [min(segment.box[2], c.box[2]) - max(segment.box[0], c.box[0]) for c in columns]
    best = max(range(len(columns)), key=lambda i: widths[i])
    return best if widths[best] > 0 else None


def _table(rows: list[list[Segment]], columns: list[Segment], index: int, number: int) -> Table:
    cells = []
    for row, segments in enumerate(rows):
        for segment in segments:
            col = _column(segment, columns)
            cells.append(Cell(row, col or 0, segment.text, page=number, bbox=segment.box))
    return Table(index, cells, page=number)


def _holds_only_its_own(table: Table, chars: list[dict]) -> bool:
    """Whether every character centred in the table's box is in one of its cells'."""
    boxes = [c.bbox for c in table.cells if c.bbox]
    left, top, right, bottom = table_box(table)
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if char["text"].isspace() or not (left <= x <= right and top <= y <= bottom):
            continue
        if not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
            return False
    return True


def table_box(table: Table) -> BBox:
    """The box round a table's cells."""
    boxes = [c.bbox for c in table.cells if c.bbox]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
