"""PDF 예산서내역 (관·항·목 ledgers) whose ruling does not delimit their rows.

Printed from HWP, these tables draw no rule under the header nor around the 관/항
groups, so ruled cells merge header words with the first data row (``관`` over
``보조금수입``) and leave the 관/항 names in no cell at all. The columns, though, are
ruled top to bottom. This module keeps them and rebuilds the rows from the text: each
number in the 당초 column anchors a row; every text line goes to the column it starts
in, and to the row whose horizontal rules enclose it in that column, else to the
nearest anchor. Lines above the first anchor form the header, one row per text band.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.readers.pdf.tables import Line, _lines, group_by_line
from pipeline.model import Cell, Table

NUMBER = re.compile(r"^[△▲\-−]?[\d,]+(\.\d+)?$")
HEADER_WORDS = {"관", "항", "목"}
TOLERANCE = 1.5
MIN_RULE = 10.0  # points: shorter vertical strokes are not column rules


def looks_like_ledger(table: Table) -> bool:
    """A ruled table whose cells start with 관, 항 and 목 and mention 과목."""
    first_lines = {c.text.split("\n", 1)[0].strip() for c in table.cells}
    return first_lines >= HEADER_WORDS and any("과목" in c.text for c in table.cells)


def ledger_table(found: Any, page: Any, index: int, number: int) -> Table | None:
    """The ledger rebuilt from text positions, or ``None`` when no 당초 column anchors it."""
    top, bottom = found.bbox[1], found.bbox[3]
    xs = _column_edges(page, top, bottom, found.bbox)
    area = page.crop((xs[0], top, xs[-1], bottom), strict=False)
    verticals = _vertical_rules(page, top, bottom)
    segments = [s for s in _segments(area.chars, verticals) if s.text]
    columns = {id(s): _column(xs, _region_left(s, verticals, xs[0])) for s in segments}
    anchor_col = next((columns[id(s)] for s in segments if s.text == "당초"), None)
    if anchor_col is None:
        return None
    anchors = sorted(
        (s for s in segments if columns[id(s)] == anchor_col and NUMBER.match(s.text)),
        key=lambda s: s.top,
    )
    if not anchors:
        return None
    rules = _horizontal_rules(page, top, bottom)
    header = [s for s in segments if s.bottom <= anchors[0].top - TOLERANCE]
    bands = _bands(header)
    placed: dict[tuple[int, int], list[Line]] = {}
    for segment in segments:
        col = columns[id(segment)]
        if segment in header:
            row = next(i for i, band in enumerate(bands) if segment in band)
        else:
            row = len(bands) + _row(segment, anchors, rules, xs, col)
        placed.setdefault((row, col), []).append(segment)
    cells = [
        Cell(
            row,
            col,
            "\n".join(s.text for s in sorted(lines, key=lambda s: (s.top, s.x0))),
            page=number,
            bbox=_box(lines),
        )
        for (row, col), lines in sorted(placed.items())
    ]
    return Table(index, cells, page=number)


def _column_edges(page: Any, top: float, bottom: float, bbox: tuple) -> list[float]:
    """x of every vertical rule drawn inside the table, parts of columns included."""
    xs = sorted(e["x0"] for e in _vertical_rules(page, top, bottom))
    edges: list[float] = []
    for x in [*xs, bbox[0], bbox[2]]:
        if not any(abs(x - e) <= TOLERANCE for e in edges):
            edges.append(x)
    return sorted(edges)


def _vertical_rules(page: Any, top: float, bottom: float) -> list[dict]:
    return [
        e for e in page.vertical_edges if min(e["bottom"], bottom) - max(e["top"], top) > MIN_RULE
    ]


def _segments(chars: list[dict], rules: list[dict]) -> list[Line]:
    """Text lines, split wherever a vertical rule crosses them at their height."""
    segments: list[Line] = []
    for line_chars in group_by_line(chars):
        y = (line_chars[0]["top"] + line_chars[0]["bottom"]) / 2
        walls = [e["x0"] for e in rules if e["top"] - TOLERANCE <= y <= e["bottom"] + TOLERANCE]
        run: list[dict] = []
        for char in sorted(line_chars, key=lambda c: c["x0"]):
            if run and any(run[-1]["x1"] - TOLERANCE <= w <= char["x0"] + TOLERANCE for w in walls):
                segments += _lines(run)
                run = []
            run.append(char)
        segments += _lines(run)
    return segments


def _region_left(segment: Line, verticals: list[dict], leftmost: float) -> float:
    """The left rule of the (possibly merged) cell a segment sits in, at its height: a
    label centred across merged columns belongs to the first of them."""
    y = segment.centre
    walls = [e["x0"] for e in verticals if e["top"] - TOLERANCE <= y <= e["bottom"] + TOLERANCE]
    return max((w for w in walls if w <= segment.x0 + TOLERANCE), default=leftmost)


def _column(xs: list[float], x: float) -> int:
    return max(0, min(len(xs) - 2, sum(1 for edge in xs if edge <= x + TOLERANCE) - 1))


def _horizontal_rules(page: Any, top: float, bottom: float) -> list[tuple[float, float, float]]:
    return [
        (e["top"], e["x0"], e["x1"]) for e in page.horizontal_edges if top <= e["top"] <= bottom
    ]


def _bands(segments: list[Line]) -> list[list[Line]]:
    """Header text in bands: segments whose tops lie within a line's height of each other."""
    bands: list[list[Line]] = []
    for segment in sorted(segments, key=lambda s: s.top):
        if bands and segment.top - bands[-1][0].top < (segment.bottom - segment.top) * 1.2:
            bands[-1].append(segment)
        else:
            bands.append([segment])
    return bands


def _row(segment: Line, anchors: list[Line], rules: list, xs: list[float], col: int) -> int:
    """The anchor row of a segment: within the rules of its column, else the nearest."""
    left, right = xs[col], xs[col + 1]
    crossing = sorted(
        y for y, x0, x1 in rules if x0 <= left + TOLERANCE and x1 >= right - TOLERANCE
    )
    above = max((y for y in crossing if y <= segment.top + TOLERANCE), default=None)
    below = min((y for y in crossing if y >= segment.bottom - TOLERANCE), default=None)
    inside = [
        i
        for i, a in enumerate(anchors)
        if (above is None or a.centre > above) and (below is None or a.centre < below)
    ]
    candidates = (
        inside if inside and above is not None and below is not None else range(len(anchors))
    )
    return min(candidates, key=lambda i: abs(anchors[i].centre - segment.centre))


def _box(lines: list[Line]) -> tuple[float, float, float, float]:
    return (
        round(min(s.x0 for s in lines), 2),
        round(min(s.top for s in lines), 2),
        round(max(s.x1 for s in lines), 2),
        round(max(s.bottom for s in lines), 2),
    )
