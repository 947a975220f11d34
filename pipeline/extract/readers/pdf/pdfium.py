"""A page's characters and ruling lines read by PDFium, for pdfplumber's table finder.

Why not pdfplumber alone: pdfminer's layout pass (a Python PDF interpreter) is about
60 % of what ``extract_tables()`` costs a page; PDFium (C++, through pypdfium2) reads the
same glyphs and paths in a few milliseconds. This module turns them into the object
dicts pdfplumber's own algorithms take (``chars``; straight path segments as ``line``
objects, from which ``page.edges`` is made) and hands them to a ``pdfplumber`` page, so
table finding, text lines and duplicate-glyph removal run unchanged.

PDFium is trusted only where the two readers agree by construction: an unrotated page
whose media box starts at the origin, every glyph upright and mapped to Unicode, and every
text object drawn read into PDFium's text page. Any other page gets ``None`` and is read by
pdfminer as before (its text-layer diagnosis included).

Why the last condition: PDFium's text page leaves out a text object it takes for a copy of
one of the five drawn before it ("fake bold" removal, ``IsSameAsPreTextObject``), and it
compares the distance between the two in page space with a tolerance in text space (0.9
of the glyph's width at the *unscaled* font size). A book printed from HWP draws each glyph
as its own text object at a font size of 117 scaled by 0.12: two equal digits side by side
(``496,800``) are then "the same object", and the second ``0`` is silently gone
(``496,80 원``). PDFium also drops an object made of a line's leading hyphen and one whose
``/ActualText`` was already read. So where a text object that draws something (a width:
PDFium reads none without one; a height: one without draws only blanks) has no character
in the text page, the page is PDFium's only if the object is drawn where one of those five
earlier objects is, within ``SAME_PLACE`` on every side: a glyph drawn twice for bold,
which counts once (pdfminer's reading loses it to ``dedupe_chars``). Any other dropped
object sends the page to pdfminer, whose characters are every glyph drawn. The walk over
the page's objects is the one that finds the ruling lines, so the check costs little.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium
from pdfplumber.page import Page

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF space)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# How PDFium codes a hyphen it sees ending a line (``FPDFText_IsHyphen``): U+FFFE, or
# U+0002 in recent builds. The glyph printed is a hyphen (pdfminer reads ``-``).
LINE_END_HYPHEN = 0xFFFE
PAPER = (255, 255, 255)  # a path filled in white on white paper draws nothing
STRAIGHT = 0.1  # points: a segment this close to level or plumb is a ruling line
MAX_FORM_DEPTH = 8
# PDFium's text page reads no text object narrower than this (``kSizeEpsilon``); one no
# taller draws only blanks (spaces: the text page keeps one of two in a row). It compares
# each object it reads with the ``SAME_WINDOW`` text objects drawn before it in its holder.
MIN_TEXT_SIZE = 0.01
SAME_WINDOW = 5
SAME_PLACE = 1.0  # points: a glyph drawn again this close is drawn twice (``dedupe_chars``'s)


class PdfiumPage(Page):
    """A pdfplumber page whose objects come from PDFium, not from pdfminer's parse."""

    def __init__(self, number: int, width: float, height: float, objects: dict) -> None:
        self.pdf = None  # type: ignore[assignment]
        self.root_page = self
        self.page_obj = None  # type: ignore[assignment]
        self.page_number = number
        self.initial_doctop = 0
        self.rotation = 0
        self.mediabox = self.cropbox = self.bbox = (0, 0, width, height)
        self._objects = objects
        self.get_textmap = lru_cache()(self._get_textmap)


def pdfium_page(document: pypdfium2.PdfDocument, index: int) -> PdfiumPage | None:
    """Page ``index`` (0-based) as a pdfplumber page, or ``None`` when pdfminer must read it."""
    page = document[index]
    try:
        box = _media_box(page)
        if box is None or pdfium.FPDFPage_GetRotation(page.raw) != 0:
            return None
        width, height = box
        read = _chars(page, index + 1, height)
        if read is None or not read[0]:
            return None
        chars, objects = read
        drawn = _Objects(page, index + 1, height)
        if drawn.dropped_text(objects):
            return None
        return PdfiumPage(index + 1, width, height, {"char": chars, "line": drawn.lines})
    finally:
        page.close()


def _media_box(page: Any) -> tuple[float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPage_GetMediaBox(page.raw, left, bottom, right, top):
        return None
    if abs(left.value) > 0.01 or abs(bottom.value) > 0.01:
        return None
    return float(right.value), float(top.value)


def _chars(page: Any, number: int, height: float) -> tuple[list[dict], set[int]] | None:
    """Glyph dicts as pdfminer makes them: the box runs from the origin for the glyph's
    advance width and from the font's descent for one font size; and the text objects
    (by address) the text page read a character of. ``None`` on a glyph PDFium cannot
    vouch for."""
    textpage = pdfium.FPDFText_LoadPage(page.raw)
    try:
        fonts = _Fonts(textpage)
        loose = pdfium.FS_RECTF()
        chars: list[dict] = []
        for i in range(pdfium.FPDFText_CountChars(textpage)):
            code = pdfium.FPDFText_GetUnicode(textpage, i)
            if code == LINE_END_HYPHEN or (
                code < 32 and pdfium.FPDFText_IsHyphen(textpage, i) == 1
            ):
                code = ord("-")  # ``intra-`` / ``view``: not nothing
            if code < 32:
                fonts.read.add(_address(pdfium.FPDFText_GetTextObject(textpage, i)))
                continue  # control codes (pdfminer keeps some, as \x07, inside words)
            if pdfium.FPDFText_IsGenerated(textpage, i) == 1:
                continue  # spaces and line breaks PDFium infers: pdfplumber finds its own
            if pdfium.FPDFText_HasUnicodeMapError(textpage, i) == 1:
                return None
            glyph = fonts.glyph(i, code)
            if glyph is None:
                return None
            width, size = glyph
            pdfium.FPDFText_GetLooseCharBox(textpage, i, loose)
            x0, bottom = loose.left, height - loose.bottom
            top = bottom - size
            chars.append(
                {
                    "object_type": "char",
                    "page_number": number,
                    "text": chr(code),
                    "fontname": "",
                    "size": size,
                    "upright": True,
                    "x0": x0,
                    "x1": x0 + width,
                    "y0": loose.bottom,
                    "y1": loose.bottom + size,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "width": width,
                    "height": size,
                }
            )
        return chars, fonts.read | fonts.objects.keys()
    finally:
        pdfium.FPDFText_ClosePage(textpage)


def _address(obj: Any) -> int:
    """A page object's identity: the address PDFium's text page and object lists share."""
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


class _Fonts:
    """Per text object, its font, size and scale; per glyph of it, the advance width
    (PDFium asked once per object and glyph, not per character)."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        self.objects: dict[int, tuple[Any, float, float, float] | None] = {}
        self.read: set[int] = set()  # objects of characters read but not kept (controls)
        self.widths: dict[tuple[int, int], float | None] = {}
        self.advance = ctypes.c_float()

    def glyph(self, index: int, code: int) -> tuple[float, float] | None:
        """(advance width, font size) of character ``index`` in page units, or ``None``
        for rotated, skewed or mirrored text or a glyph without a width."""
        text_object = pdfium.FPDFText_GetTextObject(self.textpage, index)
        key = _address(text_object)
        if key not in self.objects:
            self.objects[key] = self._object(index, text_object)
        found = self.objects[key]
        if found is None:
            return None
        font, em, scale_x, size = found
        if (key, code) not in self.widths:
            ok = pdfium.FPDFFont_GetGlyphWidth(font, code, em, self.advance)
            self.widths[key, code] = self.advance.value * scale_x if ok else None
        width = self.widths[key, code]
        return None if width is None else (width, size)

    def _object(self, index: int, text_object: Any) -> tuple[Any, float, float, float] | None:
        matrix = pdfium.FS_MATRIX()
        pdfium.FPDFText_GetMatrix(self.textpage, index, matrix)
        if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
            return None
        em = pdfium.FPDFText_GetFontSize(self.textpage, index)
        return pdfium.FPDFTextObj_GetFont(text_object), em, matrix.a, em * matrix.d


class _Objects:
    """A page's objects walked once, forms included: every level or plumb straight segment
    of every painted path (``lines``), and per object holder (the page, each form) its
    text objects in drawing order (``texts``)."""

    def __init__(self, page: Any, number: int, height: float) -> None:
        self.number, self.height = number, height
        self.lines: list[dict] = []
        self.texts: list[list[Any]] = []
        count = pdfium.FPDFPage_CountObjects(page.raw)
        self._holder([pdfium.FPDFPage_GetObject(page.raw, i) for i in range(count)], IDENTITY, 0)

    def _holder(self, objects: list[Any], matrix: Matrix, depth: int) -> None:
        texts: list[Any] = []
        self.texts.append(texts)
        for obj in objects:
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind == pdfium.FPDF_PAGEOBJ_TEXT:
                texts.append(obj)
            elif kind == pdfium.FPDF_PAGEOBJ_PATH and _paints(obj):
                for start, end in _segments(obj, _compose(_matrix(obj), matrix)):
                    line = _line(start, end, self.number, self.height)
                    if line:
                        self.lines.append(line)
            elif kind == pdfium.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = [
                    pdfium.FPDFFormObj_GetObject(obj, i)
                    for i in range(pdfium.FPDFFormObj_CountObjects(obj))
                ]
                self._holder(inner, _compose(_matrix(obj), matrix), depth + 1)

    def dropped_text(self, read: set[int]) -> bool:
        """Whether the text page left out a text object that draws glyphs of its own: one
        with a width and a height, none of its characters ``read``, and not drawn where one
        of the ``SAME_WINDOW`` text objects before it is (a glyph drawn twice counts once)."""
        for texts in self.texts:
            for i, obj in enumerate(texts):
                if _address(obj) in read:
                    continue
                box = _bounds(obj)
                if box is None or min(box[2] - box[0], box[3] - box[1]) < MIN_TEXT_SIZE:
                    continue  # nothing PDFium reads, or blanks
                before = texts[max(0, i - SAME_WINDOW) : i]
                if not any(_same_place(box, _bounds(other)) for other in before):
                    return True
        return False


def _bounds(obj: Any) -> Box | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def _same_place(box: Box, other: Box | None) -> bool:
    if other is None:
        return False
    return all(abs(a - b) <= SAME_PLACE for a, b in zip(box, other, strict=True))


def _paints(path: Any) -> bool:
    """Whether a path shows on the page: stroked, or filled in a colour that is not the
    paper's (a program printing from HWP fills each cell's and paragraph's background
    white; those boxes are no rules, and their edges would cut a table's rows)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium.FPDFPath_GetDrawMode(path, fill, stroke):
        return True
    if stroke.value:
        return True
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not fill.value or not pdfium.FPDFPageObj_GetFillColor(path, *rgba):
        return bool(fill.value)
    red, green, blue, alpha = (c.value for c in rgba)
    return alpha > 0 and (red, green, blue) != PAPER


def _segments(path: Any, matrix: Matrix) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path in page space, closing segments included."""
    x, y = ctypes.c_float(), ctypes.c_float()
    segments = []
    start = previous = None
    for i in range(pdfium.FPDFPath_CountSegments(path)):
        segment = pdfium.FPDFPath_GetPathSegment(path, i)
        pdfium.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        kind = pdfium.FPDFPathSegment_GetType(segment)
        if kind == pdfium.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium.FPDF_SEGMENT_LINETO and previous is not None:
            segments.append((previous, point))
        previous = point
        if pdfium.FPDFPathSegment_GetClose(segment) and start is not None and point != start:
            segments.append((point, start))
            previous = start
    return segments


def _line(
    start: tuple[float, float], end: tuple[float, float], number: int, height: float
) -> dict | None:
    (x0, y0), (x1, y1) = start, end
    if abs(y1 - y0) < STRAIGHT:
        y1 = y0
    elif abs(x1 - x0) < STRAIGHT:
        x1 = x0
    else:
        return None
    left, right = min(x0, x1), max(x0, x1)
    low, high = min(y0, y1), max(y0, y1)
    top, bottom = height - high, height - low
    return {
        "object_type": "line",
        "page_number": number,
        "x0": left,
        "x1": right,
        "y0": low,
        "y1": high,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": right - left,
        "height": bottom - top,
    }


def _matrix(obj: Any) -> Matrix:
    m = pdfium.FS_MATRIX()
    if not pdfium.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)
