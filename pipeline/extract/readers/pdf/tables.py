"""PDF tables: the page's characters shared out, cells with spans, stacked rows split.

Where a character goes is decided by its centre, not its whole box: a glyph's box (its
advance width, one font size up from the descent) often overhangs the rule it is
printed against by a fraction of a point (the last digit of a right-aligned number past
the table's outer edge: ``19.0``, not ``19.``; a boxed title's line above and below its
box), while its centre says where it is printed. The page's characters go first to the
tables (``claim``: the smallest table box holding the centre, so a table drawn inside
another's cell keeps its own text and the frame keeps only the rest), and those of no
table are the running text (but for what a 관·항·목 ledger, its columns reaching past
pdfplumber's box, takes of them); a table's characters then go to its cells the same way
(the smallest cell: merged header boxes often overlap their neighbours, and
``(B-A)/A`` belongs to its own cell, not to the ``증감`` box drawn over it). A table's
characters in no ruled cell (pdfplumber closes no cell where a rule is missing) are
kept as text lines. So each glyph is read once: in one cell or in one text line.

pdfplumber finds the ruled cells; this module places them on a grid (spans from the
table's row and column boundaries), gives each cell its characters, and splits
*stacked rows*: one ruled row whose label cell lists several rows
(``○ 기능별 분류(합계)``, ``․하절기바우처``, …) with their numbers stacked beside them.
The split follows the geometry: label lines are grouped into rows by their leading
marker (a line without one continues the label above), and each number goes to the
row whose lines are nearest its centre. A bracketed line (``[218,062]``, 실집행액)
stays with the number above it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pdfplumber.utils import extract_text

from pipeline.budget.markers import opens_with_marker
from pipeline.model import BBox, Cell, Table

TOLERANCE = 1.0  # points: edges closer than this are the same line
LINE_TOLERANCE = 3.0  # points: characters whose tops differ less share a text line
TEXT_SETTINGS: dict[str, Any] = {"x_tolerance": 1.5, "y_tolerance": LINE_TOLERANCE}
SPACE_WIDTH = 0.25  # em: the narrowest space a font sets
STACKED_VALUE = re.compile(r"^(\[.*\]|[△▲\-−]?[\d,.]+%?|-)$")


@dataclass
class Line:
    top: float
    bottom: float
    text: str
    x0: float = 0.0
    x1: float = 0.0

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Cell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: BBox
    lines: list[Line] = field(default_factory=list)


def pdf_table(
    found: Any, page: Any, index: int, number: int, spaces_drawn: bool = False
) -> tuple[Table, list[Line]]:
    """A pdfplumber table → a ``Table`` of cells with spans, page and box, and the text
    lines of its characters that no ruled cell holds (they must not be lost). Its
    characters are those of ``page`` centred in its box (``page`` holds none of another
    table's: see ``claim``). On a page that draws every space as a glyph
    (``spaces_drawn``), a cell's line broken inside a word joins the next (``_rejoined``)."""
    boxes = [tuple(box) for box in found.cells]
    xs = _edges(box[0] for box in boxes)
    ys = _edges(box[1] for box in boxes)
    (inside,), _ = claim(page.chars, [found.bbox])
    owned, stray = claim(inside, boxes)
    cells = [
        _Cell(
            _position(ys, box[1]),
            _position(xs, box[0]),
            max(sum(1 for y in ys if box[1] - TOLERANCE <= y < box[3] - TOLERANCE), 1),
            max(sum(1 for x in xs if box[0] - TOLERANCE <= x < box[2] - TOLERANCE), 1),
            tuple(round(v, 2) for v in box),  # type: ignore[arg-type]
            _lines(chars, box if spaces_drawn else None, cell=True),
        )
        for box, chars in zip(boxes, owned, strict=True)
    ]
    cells = split_stacked_rows(split_spanning_cells(cells))
    table = Table(
        index,
        sorted(
            (
                Cell(
                    c.row,
                    c.col,
                    "\n".join(ln.text for ln in c.lines),
                    c.row_span,
                    c.col_span,
                    number,
                    c.box,
                )
                for c in cells
            ),
            key=lambda c: (c.row, c.col),
        ),
        page=number,
    )
    return table, _lines(stray)


def _edges(values: Iterable[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > TOLERANCE:
            edges.append(value)
    return edges


def _position(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def claim(
    chars: list[dict], boxes: Sequence[Sequence[float]]
) -> tuple[list[list[dict]], list[dict]]:
    """Each character to the smallest of ``boxes`` that holds its centre; apart, the
    characters that none holds.

    Vectorised: a characters × boxes matrix of "holds", the smallest holder by area.
    """
    owned: list[list[dict]] = [[] for _ in boxes]
    if not chars or not boxes:
        return owned, list(chars)
    grid = np.array(boxes, dtype=float)
    x = np.array([(c["x0"] + c["x1"]) / 2 for c in chars])[:, None]
    y = np.array([(c["top"] + c["bottom"]) / 2 for c in chars])[:, None]
    holds = (grid[:, 0] <= x) & (x <= grid[:, 2]) & (grid[:, 1] <= y) & (y <= grid[:, 3])
    areas = (grid[:, 2] - grid[:, 0]) * (grid[:, 3] - grid[:, 1])
    smallest = np.where(holds, areas, np.inf).argmin(axis=1)
    smallest[~holds.any(axis=1)] = -1
    rest: list[dict] = []
    for char, box in zip(chars, smallest.tolist(), strict=True):
        (owned[box] if box >= 0 else rest).append(char)
    return owned, rest


def holding(page: Any, chars: list[dict]) -> Any:
    """``page`` with only ``chars`` for characters, its ruling lines kept (as
    pdfplumber's own ``dedupe_chars`` derives a page)."""
    derived = page.filter(lambda _: True)
    derived._objects = {**page.objects, "char": chars}
    return derived


def group_by_line(chars: list[dict]) -> list[list[dict]]:
    """Characters in printed lines (tops within ``LINE_TOLERANCE``), top to bottom, each
    line left to right."""
    groups: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if groups and abs(char["top"] - groups[-1][0]["top"]) <= LINE_TOLERANCE:
            groups[-1].append(char)
        else:
            groups.append([char])
    return groups


def _lines(chars: list[dict], frame: tuple | None = None, cell: bool = False) -> list[Line]:
    """Characters grouped into text lines, top to bottom; in a cell, a row beside a text
    wrapped tight is one line with it; in the cell box ``frame`` of a page that draws its
    spaces, a line broken inside a word joined to the next."""
    groups = group_by_line(chars)
    lines = [
        Line(
            min(c["top"] for c in g),
            max(c["bottom"] for c in g),
            extract_text(g, **TEXT_SETTINGS).strip(),
            min(c["x0"] for c in g),
            max(c["x1"] for c in g),
        )
        for g in groups
    ]
    if cell:
        groups, lines = _unstacked(groups, lines)
    if frame is not None and groups:
        lines = _rejoined([sorted(g, key=lambda c: c["x0"]) for g in groups], lines, frame)
    return [line for line in lines if line.text]


STACK_GAP = 0.25  # line heights: two lines this close are one text wrapped in a narrow column
# The halves of a wrapped formula join with no space at an operator or a cut unit
# (``백만`` / ``원x1.1``); other text wraps at a space.
NO_SPACE_AFTER = "x×X*÷/=(+"
NO_SPACE_BEFORE = "원x×X*÷/=)+"


def _unstacked(groups: list[list[dict]], lines: list[Line]) -> tuple[list[list[dict]], list[Line]]:
    """A text wrapped tight in a narrow column of the cell, with the rest of its row set
    beside it at the middle of the two lines (``0.105요율x12,097백만`` / ``원x1.1부가세``
    beside ``ㆍ 개발 SW 유지관리 … 1,397,000천원``), is one line: the row, with the wrapped
    text where it stands (``ㆍ 개발 SW 유지관리 0.105요율x12,097백만원x1.1부가세
    1,397,000천원``). Apart from its two halves, the row would go to the lines above and
    below it."""
    out_groups: list[list[dict]] = []
    out_lines: list[Line] = []
    i = 0
    while i < len(lines):
        if i + 2 < len(lines) and _straddles(lines[i], groups[i + 1], lines[i + 2]):
            out_groups.append(groups[i] + groups[i + 1] + groups[i + 2])
            out_lines.append(_row_with_stack(lines[i], groups[i + 1], lines[i + 2]))
            i += 3
        else:
            out_groups.append(groups[i])
            out_lines.append(lines[i])
            i += 1
    return out_groups, out_lines


def _straddles(upper: Line, row: list[dict], lower: Line) -> bool:
    """Whether the characters ``row`` sit beside the two halves of a text wrapped tight
    above each other, between their tops and bottoms and clear of their column."""
    stacked = abs(lower.top - upper.bottom) <= STACK_GAP * (upper.bottom - upper.top)
    left, right = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    return (
        stacked
        and upper.top < min(c["top"] for c in row)
        and max(c["bottom"] for c in row) < lower.bottom
        and all(c["x1"] <= left or c["x0"] >= right for c in row)
    )


def _row_with_stack(upper: Line, row: list[dict], lower: Line) -> Line:
    """The row's text with the wrapped text joined in where it stands."""
    glue = "" if upper.text[-1:] in NO_SPACE_AFTER or lower.text[:1] in NO_SPACE_BEFORE else " "
    stack = upper.text + glue + lower.text
    left = min(upper.x0, lower.x0)
    before = extract_text([c for c in row if c["x1"] <= left], **TEXT_SETTINGS).strip()
    after = extract_text([c for c in row if c["x1"] > left], **TEXT_SETTINGS).strip()
    text = " ".join(part for part in (before, stack, after) if part)
    x0 = min(upper.x0, lower.x0, *(c["x0"] for c in row))
    x1 = max(upper.x1, lower.x1, *(c["x1"] for c in row))
    return Line(upper.top, lower.bottom, text, x0, x1)


def _rejoined(groups: list[list[dict]], lines: list[Line], frame: tuple) -> list[Line]:
    """A line a word processor broke inside a word joined to the next, no space between
    (``회의운영비,`` / ``아카이빙단``). A break at a space leaves the space as the line's last
    glyph on a page that draws its spaces; a line that ends in none, with room for one
    before the text's right edge but not for the next line's first word, was broken where
    no space is. A line ending flush is left as it is: a space may have been dropped there.
    The text's right edge is the cell's, less the padding its text keeps on the left."""
    edge = frame[2] - (min(c["x0"] for g in groups for c in g) - frame[0])
    result = [lines[0]]
    for above, below, line in zip(groups, groups[1:], lines[1:], strict=False):
        if _broken_in_word(above, below, edge) and not opens_with_marker(line.text):
            last = result[-1]
            result[-1] = Line(
                last.top, line.bottom, last.text + line.text, last.x0, max(last.x1, line.x1)
            )
        else:
            result.append(line)
    return result


def _broken_in_word(above: list[dict], below: list[dict], edge: float) -> bool:
    """Whether the line ``above`` was broken inside a word (see ``_rejoined``)."""
    last = above[-1]
    room = edge - last["x1"]
    if last["text"].isspace() or room < SPACE_WIDTH * float(last["size"]):
        return False
    word = list(itertools.takewhile(lambda c: not c["text"].isspace(), below))
    return bool(word) and word[-1]["x1"] - word[0]["x0"] > room


def split_spanning_cells(cells: list[_Cell]) -> list[_Cell]:
    """Split a cell drawn over several ruled rows into one cell per row, where each of
    those rows holds a line of it and it is a column of the table's body (figures, or
    labels beside a figure in every row) with no row rules beside columns that have them.
    A cell whose lines leave a row empty is one merged over them (a 과목 cell merged down
    its lines), and a header over two rows (``2024`` / ``결산``) is one: both stay whole."""
    bands = _row_bands(cells)
    with_figures = {c.row for c in cells if c.row_span == 1 and any(map(_is_figure, c.lines))}
    result = []
    for cell in cells:
        rows = range(cell.row, cell.row + cell.row_span)
        parts = [[ln for ln in cell.lines if _within(ln, bands.get(r))] for r in rows]
        body = all(map(_is_figure, cell.lines)) or all(r in with_figures for r in rows)
        every_line_placed = sum(map(len, parts)) == len(cell.lines)
        if cell.row_span < 2 or not body or not all(parts) or not every_line_placed:
            result.append(cell)
            continue
        for r, lines in zip(rows, parts, strict=True):
            top, bottom = bands[r]
            result.append(
                _Cell(r, cell.col, 1, cell.col_span, (cell.box[0], top, cell.box[2], bottom), lines)
            )
    return result


def _row_bands(cells: list[_Cell]) -> dict[int, tuple[float, float]]:
    """Each row's top and bottom, from the cells of that row alone."""
    bands: dict[int, tuple[float, float]] = {}
    for cell in cells:
        if cell.row_span == 1:
            top, bottom = bands.get(cell.row, (cell.box[1], cell.box[3]))
            bands[cell.row] = (min(top, cell.box[1]), max(bottom, cell.box[3]))
    return bands


def _is_figure(line: Line) -> bool:
    return STACKED_VALUE.match(line.text) is not None


def _within(line: Line, band: tuple[float, float] | None) -> bool:
    return band is not None and band[0] <= line.centre <= band[1]


def split_stacked_rows(cells: list[_Cell]) -> list[_Cell]:
    """Split each stacked row into one row per label; rows below move down."""
    n_rows = max((c.row + c.row_span for c in cells), default=0)
    slots = {r: _row_slots(cells, r) or {} for r in range(n_rows)}
    growth = [len(next(iter(slots[r].values()))) if slots[r] else 1 for r in range(n_rows)]
    start = [sum(growth[:r]) for r in range(n_rows + 1)]
    result = []
    for cell in cells:
        groups = slots[cell.row].get(id(cell))
        if groups is None:
            span = start[cell.row + cell.row_span] - start[cell.row]
            result.append(
                _Cell(start[cell.row], cell.col, span, cell.col_span, cell.box, cell.lines)
            )
            continue
        for offset, lines in enumerate(groups):
            top = round(min((ln.top for ln in lines), default=cell.box[1]), 2)
            bottom = round(max((ln.bottom for ln in lines), default=cell.box[3]), 2)
            box = (cell.box[0], top, cell.box[2], bottom)
            result.append(_Cell(start[cell.row] + offset, cell.col, 1, cell.col_span, box, lines))
    return result


def _row_slots(cells: list[_Cell], row: int) -> dict[int, list[list[Line]]] | None:
    """For a stacked row: per cell (by id), its lines for each logical row; else ``None``."""
    in_row = sorted((c for c in cells if c.row == row and c.row_span == 1), key=lambda c: c.col)
    if len(in_row) < 2:
        return None
    values = in_row[1:]
    labels = _label_groups(in_row[0].lines, [c.lines for c in values])
    stacked = [
        len(c.lines) >= 2 and all(STACKED_VALUE.match(ln.text) for ln in c.lines) for c in values
    ]
    if (
        len(labels) < 2
        and all(stacked)
        and {len(c.lines) for c in values} == {len(in_row[0].lines)}
    ):
        labels = [[line] for line in in_row[0].lines]  # unmarked labels, one per stacked value
    if len(labels) < 2 or not any(stacked):
        return None
    slots = {id(in_row[0]): labels}
    for cell in values:
        slots[id(cell)] = _assign(_value_groups(cell.lines), labels)
    return slots


def _label_groups(lines: list[Line], columns: list[list[Line]]) -> list[list[Line]]:
    """The label lines grouped into rows: a marker opens one, a line without continues
    the label above (a wrapped name), unless it and the line above each have a figure of
    their own at their height in most value columns (an item printed without its marker:
    ``시설장비유지비(210-09)`` under ``․AI·디지털 학습관``, each with its figures; a
    bracketed 실집행액 under a figure is not one)."""
    groups: list[list[Line]] = []
    for line in lines:
        own_row = bool(groups) and _own_figures(groups[-1][-1], line, columns)
        if opens_with_marker(line.text) or not groups or own_row:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _own_figures(above: Line, line: Line, columns: list[list[Line]]) -> bool:
    """Whether most value columns print a figure at the height of each of two lines, one
    figure each (a figure centred between two close lines is at the height of both)."""
    both = 0
    for column in columns:
        figures = [ln for ln in column if not ln.text.startswith("[")]
        upper = [f for f in figures if above.top <= f.centre <= above.bottom]
        lower = [f for f in figures if line.top <= f.centre <= line.bottom and f not in upper]
        both += bool(upper and lower)
    return both * 2 > len(columns)


def _value_groups(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if line.text.startswith("[") and groups:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _assign(values: list[list[Line]], labels: list[list[Line]]) -> list[list[Line]]:
    """Each value group to the label group whose span is nearest its first line's centre."""
    slots: list[list[Line]] = [[] for _ in labels]
    for group in values:
        centre = group[0].centre
        nearest = min(
            range(len(labels)),
            key=lambda i: max(labels[i][0].top - centre, centre - labels[i][-1].bottom, 0),
        )
        slots[nearest] += group
    return slots
