"""Render the reference 사업설명서 (a text conversion) as a real PDF with ruled tables.

Usage: ``make reference-pdf`` (or ``python tools/render_reference.py [SOURCE] [TARGET]``).
The text is read with yesan's own text reader, then laid out block by block with
reportlab: paragraphs as lines, tables as ruled grids that split across pages with
their header row repeated, ``- N -`` printed at the foot of every page. Checkboxes are
printed as ■/□, as printed 사업설명서 do (NanumGothic has no ☑/☐). The font is
NanumGothic (SIL OFL) from the koreanize-matplotlib wheel, so no system font is needed.
Output is deterministic (reportlab's invariant mode): the same source gives the same bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import bytes_to_document  # noqa: E402
from pipeline.model import Document  # noqa: E402
from pipeline.model import Table as ModelTable  # noqa: E402

SOURCE = ROOT / "raw" / "000_2427d1ecc5489c44.txt"
TARGET = ROOT / "raw" / "000_2427d1ecc5489c44.pdf"
FONT = "NanumGothic"
WIDTH = A4[0] - 30 * mm
CHECKBOXES = str.maketrans({"☑": "■", "☐": "□"})
TEXT = ParagraphStyle("text", fontName=FONT, fontSize=9, leading=13)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=10)


def font_path() -> Path:
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("koreanize-matplotlib is not installed: pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_flowable(table: ModelTable) -> Table:
    grid = [[text.translate(CHECKBOXES) for text in row] for row in table.grid()]
    size = CELL.fontSize
    while size > 4 and sum(column_widths(grid, size)[0]) > WIDTH:
        size -= 0.5  # a table too wide for its words gets a smaller font, never a broken word
    minimum, natural = column_widths(grid, size)
    widths = fit(minimum, natural)
    style = ParagraphStyle(f"cell{size}", parent=CELL, fontSize=size, leading=size * 1.35)
    cells = [[Paragraph(escape(t).replace("\n", "<br/>"), style) for t in row] for row in grid]
    flowable = Table(cells, colWidths=widths, repeatRows=1)
    flowable.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ]
        )
    )
    return flowable


def column_widths(grid: list[list[str]], size: float) -> tuple[list[float], list[float]]:
    """(the longest word, the longest line) of each column, in points with padding."""
    n_cols = max(len(row) for row in grid)
    texts = [[row[c] for row in grid if c < len(row)] for c in range(n_cols)]

    def widest(pieces: list[str]) -> float:
        return max((pdfmetrics.stringWidth(p, FONT, size) for p in pieces), default=0) + 14

    minimum = [max(widest([w for t in col for w in t.split()]), 14) for col in texts]
    natural = [max(widest([ln for t in col for ln in t.split("\n")]), 14) for col in texts]
    return minimum, natural


def fit(minimum: list[float], natural: list[float]) -> list[float]:
    """Natural widths when they fit; else share the room above each minimum."""
    if sum(natural) <= WIDTH:
        return natural
    room = WIDTH - sum(minimum)
    slack = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + room * s / sum(slack) for m, s in zip(minimum, slack, strict=True)]


def story(document: Document) -> list:
    flowables: list = []
    for block in document.blocks:
        if isinstance(block, ModelTable):
            if block.parent is None:
                flowables += [table_flowable(block), Spacer(1, 3 * mm)]
        else:
            flowables.append(Paragraph(escape(block.text.translate(CHECKBOXES)), TEXT))
    return flowables


def page_number(canvas, template) -> None:  # type: ignore[no-untyped-def]
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {template.page} -")


def render(source: Path = SOURCE, target: Path = TARGET) -> str:
    """Render ``source`` to ``target``; return the PDF's sha256."""
    pdfmetrics.registerFont(TTFont(FONT, str(font_path())))
    text = source.read_text(encoding="utf-8")
    document = bytes_to_document(text.encode(), str(source))
    template = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=20 * mm,
        invariant=1,
        title=document.title or "",
        author="yesan tools/render_reference.py",
    )
    template.build(story(document), onFirstPage=page_number, onLaterPages=page_number)
    return hashlib.sha256(target.read_bytes()).hexdigest()


if __name__ == "__main__":
    arguments = [Path(a) for a in sys.argv[1:3]]
    print(render(*arguments))
