"""Reader for PDFs with a text layer (pdfplumber).

Per page: duplicate glyphs removed (``dedupe_chars``: many government PDFs draw each
Hangul glyph twice), a circle with a digit drawn inside it read as its circled number
(``overlaid``), ruled tables found by pdfplumber, and every cell's text rebuilt
from the characters inside it. Each character goes, by its centre, to the smallest
table and then the smallest cell holding it (``tables.claim``): glyph boxes overhang
their rules by fractions of a point, merged header cells overlap their neighbours
(pdfplumber's own ``extract`` puts ``(B-A)/A`` into both), tables are drawn inside
other tables' cells. Cells get their spans from the table's row and column
boundaries. Tables whose rules are partly not drawn (open sides, dotted row rules) are
completed first (``unruled``); among the characters of no ruled table, a table of
figures with no rules at all is found from the alignment of its text (``aligned``).
The characters of no table are text lines, kept in reading order, with their boxes.
A page whose text layer is shown to be broken (``(cid:N)`` glyphs, replacement
characters, glyph codes read as Latin-1, words drawn without text) is reported and its
content is not loaded; a page with far too many ruling lines for table finding keeps its
text as lines, with a recorded reason.
"""

from __future__ import annotations

import io
import re
import struct
from typing import Any

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap

from pipeline.errors import DocumentError
from pipeline.extract.readers.pdf.aligned import aligned_tables, table_box
from pipeline.extract.readers.pdf.autospace import absorb_autospace
from pipeline.extract.readers.pdf.ledger import ledger_table, looks_like_ledger
from pipeline.extract.readers.pdf.overlaid import compose_circled_numbers
from pipeline.extract.readers.pdf.pdfium import pdfium_page
from pipeline.extract.readers.pdf.tables import TEXT_SETTINGS, claim, holding, pdf_table
from pipeline.extract.readers.pdf.unruled import find_tables
from pipeline.model import BBox, Block, Page, PageRange, Paragraph, Table

PRINTED_PAGE = re.compile(r"^(?:-\s*(\d+)\s*-|(\d+)\s*/\s*\d+|\(\s*(\d+)\s*\))$")
CID = re.compile(r"\(cid:\d+\)")
# Where glyph codes land when read without their Unicode mapping: C1 controls, Latin-1 signs
# and letters (EUC-KR Hangul read as Latin-1: 예산 → ¿¹»ê) and private-use code points. Not
# counted: · and × (budget books print them), the soft hyphen and no-break space (drawn as
# rules and spaces), C0 controls (some fonts map their space glyph to \x07).
GLYPH_CODES = re.compile(r"[\x80-\x9f\xa1-\xac\xae-\xb6\xb8-\xd6\xd8-\xff\ue000-\uf8ff]")
# Marks printed against a word or number. With no glyph within half an em before or after
# it, a mark's word is drawn (as outlines or an image) but missing from the text layer.
ATTACHED_MARKS = frozenset(".,;!?()[]{}“”‘’\"'「」『』〈〉《》")
NEAR_EM = 0.5
# pdfplumber's table finder grows with the crossings of the ruling lines: a 400×400 grid
# keeps it busy for minutes. The densest real page in the corpus has 54 × 101 positions.
MAX_RULING_CROSSINGS = 40_000
PDFMINER_ERRORS = (
    PdfminerException,
    PDFPasswordIncorrect,
    PDFEncryptionError,
    PDFSyntaxError,
    struct.error,
)
GRID = 1 << 14  # 1-pt grid cells along a side, for finding glyphs drawn twice
MIN_RULE_LENGTH = 20.0  # points: shorter strokes are glyph parts or chart ticks, not rules


def pdf_page_count(data: bytes) -> int:
    """The number of pages (pypdfium2: milliseconds, where pdfplumber parses the tree)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise DocumentError("broken-pdf", f"pdfium cannot open it: {exc}") from exc
    try:
        return len(document)
    finally:
        document.close()


def read_pdf_range(
    data: bytes, first: int = 1, last: int | None = None, pdfium: bool = True
) -> PageRange:
    """Read pages ``first`` to ``last`` (1-based, inclusive; ``None``: to the end). Each
    page's objects come from PDFium where it can vouch for them (``pdf_pdfium``), else
    from pdfminer; each page's objects are let go once it is read, so memory does not
    grow with pages. ``pdfium=False`` reads every page with pdfminer."""
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError("truncated-pdf", "no %%EOF marker at the end: the file is cut short")
    document = _pdfium_document(data) if pdfium and b"/Encrypt" not in data else None
    try:
        with _PdfminerPages(data) as fallback:
            last = last if last is not None else (len(document) if document else fallback.count)
            return _read_pages(document, fallback, first, last)
    finally:
        if document is not None:
            document.close()


def _read_pages(document: Any, fallback: _PdfminerPages, first: int, last: int) -> PageRange:
    part = PageRange(first, [], [])
    tables = 0
    for number in range(first, last + 1):
        page = pdfium_page(document, number - 1) if document is not None else None
        if page is None or text_layer_problem(page.chars):
            page = painted_only(fallback.page(number))
        info, blocks = _read_page(page, number, tables)
        page.close()
        part.page_info.append(info)
        part.blocks += blocks
        tables += sum(isinstance(b, Table) for b in blocks)
    return part


def _pdfium_document(data: bytes) -> Any:
    """PDFium's view of the file, or ``None`` (pdfminer then reads it and names the fault)."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None


class _PdfminerPages:
    r"""pdfplumber's own pages, opened only when a page needs them; its errors become
    ``DocumentError``\ s that name the file's fault."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: pdfplumber.PDF | None = None

    def __enter__(self) -> _PdfminerPages:
        return self

    def __exit__(self, kind: Any, exc: Any, trace: Any) -> None:
        if self.pdf is not None:
            self.pdf.close()
        if isinstance(exc, PDFMINER_ERRORS):
            raise _open_error(exc, encrypted=b"/Encrypt" in self.data) from exc

    @property
    def count(self) -> int:
        return len(self._open().pages)

    def page(self, number: int) -> Any:
        return self._open().pages[number - 1]

    def _open(self) -> Any:
        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf


def _open_error(exc: Exception, encrypted: bool) -> DocumentError:
    """pdfplumber wraps pdfminer's errors: name the file's problem from the inner one."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return DocumentError("encrypted-pdf", "the PDF is encrypted and needs a password")
    if isinstance(inner, struct.error) and encrypted:  # an odd /P (permissions) value
        return DocumentError("encrypted-pdf", f"an encryption pdfminer cannot open: {inner}")
    if isinstance(inner, MemoryError) or "allocate" in str(inner):
        return DocumentError("memory-limit", f"a stream needs more memory than allowed: {inner}")
    if isinstance(inner, RecursionError):
        return DocumentError("broken-pdf", "the cross-reference chain loops (/Prev)")
    return DocumentError("broken-pdf", f"the PDF cannot be parsed: {inner}")


def has_twice_drawn_glyphs(chars: list[dict]) -> bool:
    """Whether a glyph is drawn twice (same text within 1 pt), so ``dedupe_chars`` (53 ms
    on a generated book's page, 3× the page's whole reading) runs only where needed.

    A numpy pass first: a pair within 1 pt falls in the same or a neighbouring 1-pt grid
    cell; a page with no such pair of one text (most pages) is answered there."""
    if len(chars) < 2 or not _grid_neighbours(chars):
        return False
    seen: dict[tuple[str, int, int], list[dict]] = {}
    for char in chars:
        x, y = int(char["x0"]), int(char["top"])
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((char["text"], x + dx, y + dy), ()):
                    if abs(other["x0"] - char["x0"]) <= 1 and abs(other["top"] - char["top"]) <= 1:
                        return True
        seen.setdefault((char["text"], x, y), []).append(char)
    return False


def _grid_neighbours(chars: list[dict]) -> bool:
    """Whether two glyphs of one text sit in the same or neighbouring 1-pt grid cells."""
    texts: dict[str, int] = {}
    count = len(chars)
    text = np.fromiter((texts.setdefault(c["text"], len(texts)) for c in chars), np.int64, count)
    x = np.clip(np.fromiter((c["x0"] for c in chars), float, count), -1, GRID - 3)
    y = np.clip(np.fromiter((c["top"] for c in chars), float, count), -1, GRID - 3)
    keys = (
        (text * GRID + np.floor(x).astype(np.int64) + 1) * GRID + np.floor(y).astype(np.int64) + 1
    )
    ordered = np.sort(keys)
    if (np.diff(ordered) == 0).any():
        return True
    shifted = [keys + dx * GRID + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]
    return bool(np.isin(np.concatenate(shifted), ordered).any())


PATHS = ("line", "rect", "curve")


def painted_only(page: Any) -> Any:
    """pdfminer's page without the paths that show nothing: neither stroked nor filled in a
    colour (a box filled white behind a cell's text is no rule; a PDFium page leaves them
    out as it reads its paths)."""
    if all(_shows(path) for kind in PATHS for path in page.objects.get(kind, [])):
        return page
    return page.filter(lambda obj: obj.get("object_type") not in PATHS or _shows(obj))


def _shows(path: dict) -> bool:
    if path.get("stroke"):
        return True
    colour = path.get("non_stroking_color")
    return bool(path.get("fill")) and not _is_white(colour)


def _is_white(colour: Any) -> bool:
    """Gray 1, RGB (1, 1, 1) or CMYK (0, 0, 0, 0): the paper's colour."""
    if isinstance(colour, int | float):
        return bool(colour == 1)
    if not isinstance(colour, tuple | list) or not all(isinstance(c, int | float) for c in colour):
        return False
    return all(c == 0 for c in colour) if len(colour) == 4 else all(c == 1 for c in colour)


def glyphs_as_drawn(page: Any) -> Any:
    """The page's glyphs as the page shows them: each glyph drawn twice kept once, a
    circle with its digits inside read as the circled number."""
    if has_twice_drawn_glyphs(page.chars):
        page = page.dedupe_chars()
    return compose_circled_numbers(page)


def _read_page(page: Any, number: int, first_table: int) -> tuple[Page, list[Block]]:
    page = glyphs_as_drawn(page)
    spaces_drawn = absorb_autospace(page)
    width, height = float(page.width), float(page.height)
    if not page.chars:
        return Page(number, None, width, height, "empty", "no text on this page"), []
    problem = text_layer_problem(page.chars)
    if problem:
        return Page(number, None, width, height, "broken-text-layer", problem), []
    crossings = ruling_crossings(page.edges)
    found_tables = find_tables(page) if crossings <= MAX_RULING_CROSSINGS else []
    owned, free = claim(page.chars, [found.bbox for found in found_tables])
    built = [  # each table sees its own characters and those of no table (a ledger's
        # columns reach past pdfplumber's box), never another table's
        _table(found, holding(page, chars + free), first_table + i, number, spaces_drawn)
        for i, (found, chars) in enumerate(zip(found_tables, owned, strict=True))
    ]
    areas = [
        _extent(found.bbox, table) for found, (table, _) in zip(found_tables, built, strict=True)
    ]
    unruled = aligned_tables(_outside(page.chars, areas), first_table + len(built), number)
    areas += [table_box(table) for table in unruled]
    built += [(table, []) for table in unruled]
    printed, blocks = _text_blocks(page, areas, number)
    blocks += [  # text inside a table's area that no ruled cell holds: kept as paragraphs
        (line.top, Paragraph(line.text, page=number, bbox=_bbox(vars(line))))
        for _, stray in built
        for line in stray
    ]
    blocks += [(t.cells[0].bbox[1] if t.cells and t.cells[0].bbox else 0.0, t) for t, _ in built]
    blocks.sort(key=lambda pair: pair[0])
    if crossings > MAX_RULING_CROSSINGS:
        message = f"{crossings:,} ruling-line crossings: tables not searched, text kept as lines"
        return Page(number, printed, width, height, "too-many-lines", message), [
            block for _, block in blocks
        ]
    return Page(number, printed, width, height), [block for _, block in blocks]


def ruling_crossings(edges: list[dict]) -> int:
    """Distinct horizontal rule positions × distinct vertical ones (a table finder's load)."""
    rows = {
        round(e["top"]) for e in edges if e["orientation"] == "h" and _length(e) > MIN_RULE_LENGTH
    }
    cols = {
        round(e["x0"]) for e in edges if e["orientation"] == "v" and _length(e) > MIN_RULE_LENGTH
    }
    return len(rows) * len(cols)


def _length(edge: dict) -> float:
    return float(edge["x1"] - edge["x0"] + edge["bottom"] - edge["top"])


def _table(
    found: Any, page: Any, index: int, number: int, spaces_drawn: bool
) -> tuple[Table, list]:
    """A ruled table; a 관·항·목 ledger whose rows the ruling does not delimit is rebuilt
    from its text (``pipeline.extract.readers.pdf.ledger``)."""
    table, stray = pdf_table(found, page, index, number, spaces_drawn)
    if looks_like_ledger(table):
        ledger = ledger_table(found, page, index, number)
        if ledger is not None:
            return ledger, []
    return table, stray


def _extent(bbox: BBox, table: Table) -> BBox:
    """The area a table covers: pdfplumber's box and every cell's box."""
    boxes = [bbox, *(c.bbox for c in table.cells if c.bbox)]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _text_blocks(
    page: Any, table_boxes: list[BBox], number: int
) -> tuple[str | None, list[tuple[float, Block]]]:
    """Text lines outside tables (decided per character: a line may straddle a table's
    edge), as paragraphs with their top; and the printed page numbers, left out of them."""
    outside = _outside(page.chars, table_boxes)
    lines = (
        chars_to_textmap(
            outside,
            layout_bbox=page.bbox,
            layout_width=page.width,
            layout_height=page.height,
            **TEXT_SETTINGS,
        ).extract_text_lines()
        if outside
        else []
    )
    numbers = _page_numbers(lines, page.height)
    return "\n".join(numbers) or None, [
        (line["top"], Paragraph(line["text"], page=number, bbox=_bbox(line)))
        for line in lines
        if line["text"].strip() not in numbers
    ]


def text_layer_problem(chars: list[dict]) -> str | None:
    """Why a page's characters cannot be trusted, or ``None``. Each glyph is one char.

    A page is refused only on evidence that its text layer is broken, never for what its
    text lacks: an English annex or a page of figures has no Hangul and is sound. Evidence:
    unmapped glyphs (pdfminer's ``(cid:N)``); replacement characters; ``GLYPH_CODES`` for a
    quarter of the characters (Korean read as Latin-1 is nearly all of them; sound corpus
    pages have at most 3 %); stranded marks, ``ATTACHED_MARKS`` with no glyph beside them,
    at least 4 and 1 in 100 glyphs. Stranded marks are words drawn without text: a PDF
    that paints its Hangul as vector outlines keeps only digits and punctuation in its
    text layer, the marks standing apart from the words they belonged to (3 % to 27 % of
    the glyphs of such pages in the corpus); sound corpus pages have at most 2 (0.3 %).
    """
    unmapped = sum(1 for c in chars if CID.fullmatch(c["text"]))
    if unmapped >= max(3, len(chars) // 50):
        return f"{unmapped} of {len(chars)} glyphs have no Unicode mapping ((cid:N))"
    text = "".join(c["text"] for c in chars)
    replacement = text.count("\ufffd")
    if replacement:
        return f"{replacement} replacement characters (U+FFFD): glyphs lost their mapping"
    glyphs = [c for c in chars if not c["text"].isspace()]
    codes = len(GLYPH_CODES.findall(text))
    if codes >= max(20, len(glyphs) // 4):
        return (
            f"{codes} of {len(glyphs)} characters are C1 control, Latin-1 or private-use"
            " codes: glyph codes read without their Unicode mapping"
        )
    stranded = _stranded_marks(glyphs)
    if stranded >= max(4, len(glyphs) // 100):
        return (
            f"{stranded} punctuation marks with no glyph beside them: the words they belong"
            " to are drawn but not in the text layer"
        )
    return None


def _stranded_marks(glyphs: list[dict]) -> int:
    """``ATTACHED_MARKS`` touching neither the glyph drawn before nor the one after."""
    last = len(glyphs) - 1
    return sum(
        1
        for i, glyph in enumerate(glyphs)
        if glyph["text"] in ATTACHED_MARKS
        and not (i > 0 and _touching(glyphs[i - 1], glyph))
        and not (i < last and _touching(glyph, glyphs[i + 1]))
    )


def _touching(a: dict, b: dict) -> bool:
    """Whether two glyph boxes are less than half an em apart across and down."""
    gap = max(b["x0"] - a["x1"], a["x0"] - b["x1"], b["top"] - a["bottom"], a["top"] - b["bottom"])
    return gap < NEAR_EM * max(a["size"], b["size"])


def _page_numbers(lines: list[dict], height: float) -> list[str]:
    """``- 3 -`` or ``1/4`` printed in the top or bottom tenth of the page, the page's own
    number first (a section of a book may print its number in the book under it:
    ``- 4 -`` over ``- 3278 -``)."""
    return [
        line["text"].strip()
        for line in lines
        if (line["top"] > height * 0.9 or line["bottom"] < height * 0.1)
        and PRINTED_PAGE.match(line["text"].strip())
    ]


def _outside(chars: list[dict], boxes: list[BBox]) -> list[dict]:
    """The characters whose centre is in none of ``boxes``."""
    if not boxes or not chars:
        return list(chars)
    x = np.array([(c["x0"] + c["x1"]) / 2 for c in chars])
    y = np.array([(c["top"] + c["bottom"]) / 2 for c in chars])
    inside = np.zeros(len(chars), dtype=bool)
    for left, top, right, bottom in boxes:
        inside |= (left <= x) & (x <= right) & (top <= y) & (y <= bottom)
    return [c for c, within in zip(chars, inside, strict=True) if not within]


def _bbox(obj: dict) -> BBox:
    return (round(obj["x0"], 2), round(obj["top"], 2), round(obj["x1"], 2), round(obj["bottom"], 2))


def looks_like_pdf(data: bytes) -> bool:
    """A PDF header in the first kilobyte (some writers put junk before it)."""
    return data.startswith(b"%PDF") or b"%PDF-" in data[:1024]


class PdfReader:
    """PDFs with a text layer, read page range by page range; pdfminer alone is the
    fallback when PDFium crashes on a file."""

    format = "pdf"
    paged = True
    has_fallback = True

    def recognises(self, data: bytes, name: str) -> bool:
        return looks_like_pdf(data)

    def page_count(self, data: bytes) -> int | None:
        return pdf_page_count(data)

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        return read_pdf_range(data, first, last, pdfium=not fallback)
