"""Ruled tables whose rules are partly not drawn: dotted row rules, open outer sides.

pdfplumber closes a cell only where four rules meet, and two habits of documents printed
from HWP leave rows and columns of a table's figures in no cell at all:

* *open sides*: a table with no outer vertical rule (the label column at its left, the
  last column at its right, or the lower rows of a column whose upper cells are shaded),
  whose top and bottom rules run on to where the table ends. Where both rules end at one
  x (within ``END_TOLERANCE``) and no vertical rule there spans the table, a rule from
  the top to the bottom closes the side: a side partly ruled already, or one with text
  between the table's outermost rule and the rules' ends, at most its widest column
  away (boxes of a flow chart under a frame's long rules are not closed into a grid);
* *dotted rules*, in a table drawn open: its row rules drawn as runs of dots, each under
  a point long, which the table finder drops before joining
  (``edge_min_length_prefilter``), so the rows they separate become one cell of stacked
  figures. A level run of at least ``MIN_DOTS`` dots, ``DOT_GAP`` or less apart and
  ``MIN_RULE`` long, across half the table's width or more, is given to the finder as
  one rule. Only in a table whose side is closed: in the corpus's closed tables dotted
  rules split 총괄표 rows the 예산 총괄 recogniser reads stacked (and a dotted rule
  never makes a table: guide lines inside a framed page of prose stay out).

* *an open bottom*: a table that runs to the foot of its page with no closing rule (its
  last rows bounded by a dotted rule, or by nothing, or only its budget column's cell
  closed), its column rules ending together with no rule across the table there: a rule
  across the table where they end closes it (``bottom_rule``), and its dotted row rules
  are joined.

A table whose sides and bottom are ruled is found exactly as before: nothing is added to
it, its dotted rules included.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import Any

DOT = 1.0  # points: shorter strokes are dots (pdfplumber's prefilter drops them)
DOT_GAP = 2.0  # points: dots of one rule are no further apart
MIN_DOTS = 5
MIN_RULE = 10.0  # points: a shorter run of dots is not a rule
END_TOLERANCE = 2.0  # points: two rules ending this close end at one x
SNAP = 3.0  # points: pdfplumber's snap tolerance, a rule this close is the same rule
MIN_OPEN_COLUMNS = 3  # rules: a frame's two sides are no table's columns

Edge = dict[str, Any]


def find_tables(page: Any) -> list[Any]:
    """pdfplumber's ruled tables of ``page``; a table with an open side found again with
    that side closed and its dotted rules joined."""
    tables = page.find_tables()
    horizontals = [e for e in page.edges if e["orientation"] == "h"]
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    dots = dotted_rules(page.edges)
    closing: list[Edge] = []
    dotted: list[Edge] = []
    for table in tables:
        floor = bottom_rule(table, horizontals, verticals)
        box = (*table.bbox[:3], floor["top"]) if floor else table.bbox
        inside = [rule for rule in dots if _splits(rule, box)]
        sides = closing_rules(table, horizontals + inside, verticals, page.chars)
        opened = floor is not None and floor["top"] > table.bbox[3] + SNAP
        if floor:
            dotted += [floor, *inside] if opened else [floor]
        if sides:
            closing += sides
            dotted += [] if opened else inside
    if not closing and not dotted:
        return tables
    return page.find_tables(
        {"explicit_horizontal_lines": dotted, "explicit_vertical_lines": closing}
    )


def bottom_rule(table: Any, horizontals: list[Edge], verticals: list[Edge]) -> Edge | None:
    """A rule closing a table that runs on to the foot of its page without one: where the
    table's column rules, each starting at its top, end together at or below its last row
    rule, and no rule there crosses half the table (none, or one under a few cells: a
    budget column closed, the text columns beside it open), a rule there across it."""
    left, top, right, bottom = table.bbox
    starts: list[float] = []
    for e in verticals:
        near = left - SNAP <= e["x0"] <= right + SNAP and abs(e["top"] - top) <= SNAP
        if near and all(abs(e["x0"] - x) > SNAP for x in starts):
            starts.append(e["x0"])
    ends = [_reach(x, top, verticals) for x in starts]
    if len(starts) < MIN_OPEN_COLUMNS or max(ends) - min(ends) > END_TOLERANCE:
        return None
    floor = min(ends)
    if floor < bottom - SNAP or _drawn_across(horizontals, floor, left, right):
        return None  # a rule is drawn there: pdfplumber closed the table itself
    return _rule("h", floor, left, right)


def _drawn_across(horizontals: list[Edge], y: float, left: float, right: float) -> bool:
    """Whether the rules at height ``y`` cover half the span from ``left`` to ``right``
    or more (a bottom rule drawn under a few cells only leaves the others open)."""
    spans = sorted(
        (max(e["x0"], left), min(e["x1"], right))
        for e in horizontals
        if abs(e["top"] - y) <= SNAP and e["x1"] > left and e["x0"] < right
    )
    covered = sum(high - low for low, high, _ in _runs(spans))
    return covered >= (right - left) / 2


def _splits(rule: Edge, bbox: tuple) -> bool:
    """Whether a rule runs inside a table's box, across half its width or more."""
    left, top, right, bottom = bbox
    overlap = min(rule["x1"], right) - max(rule["x0"], left)
    return top + SNAP < rule["top"] < bottom - SNAP and overlap >= (right - left) / 2


def dotted_rules(edges: list[Edge]) -> list[Edge]:
    """Every run of dots on one level line, as one horizontal rule."""
    lines: dict[float, list[Edge]] = defaultdict(list)
    for edge in edges:
        if edge["orientation"] == "h" and edge["x1"] - edge["x0"] < DOT:
            lines[round(edge["top"], 1)].append(edge)
    return [
        _rule("h", y, low, high)
        for y, dots in lines.items()
        for low, high, count in _runs(sorted((d["x0"], d["x1"]) for d in dots))
        if count >= MIN_DOTS and high - low >= MIN_RULE
    ]


def _runs(spans: list[tuple[float, float]]) -> list[tuple[float, float, int]]:
    """Spans (sorted) joined where no more than ``DOT_GAP`` apart: (start, end, count)."""
    runs: list[tuple[float, float, int]] = []
    for low, high in spans:
        if runs and low - runs[-1][1] <= DOT_GAP:
            first, last, count = runs[-1]
            runs[-1] = (first, max(last, high), count + 1)
        else:
            runs.append((low, high, 1))
    return runs


def _rule(orientation: str, position: float, low: float, high: float) -> Edge:
    if orientation == "h":
        box = {"x0": low, "x1": high, "top": position, "bottom": position}
    else:
        box = {"x0": position, "x1": position, "top": low, "bottom": high}
    return {
        **box,
        "object_type": "line",
        "width": box["x1"] - box["x0"],
        "height": box["bottom"] - box["top"],
        "orientation": orientation,
    }


def closing_rules(
    table: Any, horizontals: list[Edge], verticals: list[Edge], chars: list[dict]
) -> list[Edge]:
    """Vertical rules closing a table's open sides at the common ends of its top and
    bottom rules: where a side's rule is partly drawn, or where text stands between the
    table's outermost rule and the rules' ends, no further out than its widest column."""
    left, top, right, bottom = table.bbox
    upper = _extent(horizontals, top, left, right)
    lower = _extent(horizontals, bottom, left, right)
    if upper is None or lower is None or len(_columns(table)) < 2:
        return []
    reach = max(_columns(table))
    rules = []
    for x_top, x_bottom, end, edge in (
        (upper[0], lower[0], min, left),
        (upper[1], lower[1], max, right),
    ):
        x = _snapped(end(x_top, x_bottom), verticals)
        if abs(x_top - x_bottom) > END_TOLERANCE or abs(x - edge) > reach:
            continue
        outside = abs(x - edge) > SNAP
        if outside and not _holds_text(chars, (min(x, edge), top, max(x, edge), bottom)):
            continue
        if not _spanned(x, top, bottom, verticals):
            rules.append(_rule("v", x, top, bottom))
    return rules


def _columns(table: Any) -> list[float]:
    """The widths between a table's distinct cell edges."""
    xs = sorted({round(v, 1) for cell in table.cells for v in (cell[0], cell[2])})
    return [b - a for a, b in pairwise(xs) if b - a > SNAP]


def _holds_text(chars: list[dict], box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    return any(
        left <= (c["x0"] + c["x1"]) / 2 <= right
        and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        and not c["text"].isspace()
        for c in chars
    )


def _extent(horizontals: list[Edge], y: float, left: float, right: float) -> tuple | None:
    """Where the rule at height ``y`` through the table's span starts and ends (touching
    segments joined), or ``None`` when no rule crosses the table there."""
    spans = sorted(
        (e["x0"], e["x1"])
        for e in horizontals
        if abs(e["top"] - y) <= SNAP / 3 and e["x1"] - e["x0"] >= DOT
    )
    for low, high, _ in _runs(spans):
        if low <= left + SNAP and high >= right - SNAP:
            return low, high
    return None


def _snapped(x: float, verticals: list[Edge]) -> float:
    """``x``, or the x of a vertical rule within the snap tolerance of it."""
    near = [e["x0"] for e in verticals if abs(e["x0"] - x) <= SNAP]
    return min(near, key=lambda v: abs(v - x)) if near else x


def _spanned(x: float, top: float, bottom: float, verticals: list[Edge]) -> bool:
    """Whether vertical rules at ``x`` run from ``top`` to ``bottom`` without a gap."""
    return _reach(x, top, verticals) >= bottom - SNAP


def _reach(x: float, top: float, verticals: list[Edge]) -> float:
    """How far down the vertical rules at ``x`` run from ``top`` without a gap."""
    spans = sorted((e["top"], e["bottom"]) for e in verticals if abs(e["x0"] - x) <= SNAP / 3)
    reach = top
    for low, high in spans:
        if low > reach + SNAP:
            break
        reach = max(reach, high)
    return reach
