"""Tables written as HTML inside a text conversion's cells (``<table><tr><td>``).

The standard library's ``html.parser`` is enough: the conversions hold small,
well-formed fragments, and spans come from ``rowspan``/``colspan`` attributes.
"""

from __future__ import annotations

from html.parser import HTMLParser

from pipeline.model import Cell


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[Cell] = []
        self._row = -1
        self._taken: set[tuple[int, int]] = set()
        self._current: dict | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self._depth += 1
        elif self._depth > 1:
            return
        elif tag == "tr":
            self._row += 1
        elif tag in ("td", "th"):
            col = 0
            while (self._row, col) in self._taken:
                col += 1
            self._current = {
                "col": col,
                "row_span": int(values.get("rowspan") or 1),
                "col_span": int(values.get("colspan") or 1),
                "text": [],
            }
        elif tag == "br" and self._current is not None:
            self._current["text"].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif tag in ("td", "th") and self._current is not None and self._depth == 1:
            cur = self._current
            for dr in range(cur["row_span"]):
                for dc in range(cur["col_span"]):
                    self._taken.add((self._row + dr, cur["col"] + dc))
            text = " ".join("".join(cur["text"]).split())
            self.cells.append(Cell(self._row, cur["col"], text, cur["row_span"], cur["col_span"]))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["text"].append(data)


def parse_html_table(fragment: str) -> list[Cell]:
    """Cells of the outermost ``<table>`` in an HTML fragment, placed by span."""
    parser = _TableParser()
    parser.feed(fragment)
    parser.close()
    return parser.cells
