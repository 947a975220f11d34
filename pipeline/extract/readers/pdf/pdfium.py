"""A page's characters and ruling lines read by PDFium, for pdfplumber's table finder.

Why not pdfplumber alone: pdfminer's layout pass (a Python PDF interpreter) is about
60 % of what ``extract_tables()`` costs a page; PDFium (C++, through pypdfium2) reads the
same glyphs and paths in a few milliseconds. This module turns them into the object
dicts pdfplumber's own algorithms take (``chars``; straight path segments as ``line``
objects, from which ``page.edges`` is made) and hands them to a ``pdfplumber`` page, so
table finding, text lines and duplicate-glyph removal run unchanged.

PDFium is trusted only where the two readers agree by construction: an unrotated page
whose media box starts at the origin, every glyph upright and mapped to Unicode. Any other
page gets ``None`` and is read by pdfminer as before (its text-layer diagnosis included).
"""

from __future__ import annotations

import ctypes
from functools import lru_cache
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium
from pdfplumber.page import Page

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# How PDFium codes a hyphen it sees ending a line (``FPDFText_IsHyphen``): U+FFFE, or
# U+0002 in recent builds. The glyph printed is a hyphen (pdfminer reads ``-``).
LINE_END_HYPHEN = 0xFFFE
STRAIGHT = 0.1  # points: a segment this close to level or plumb is a ruling line
MAX_FORM_DEPTH = 8


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
        chars = _chars(page, index + 1, height)
        if not chars:
            return None
        lines = _lines(page, index + 1, height)
        return PdfiumPage(index + 1, width, height, {"char": chars, "line": lines})
    finally:
        page.close()


def _media_box(page: Any) -> tuple[float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPage_GetMediaBox(page.raw, left, bottom, right, top):
        return None
    if abs(left.value) > 0.01 or abs(bottom.value) > 0.01:
        return None
    return float(right.value), float(top.value)


def _chars(page: Any, number: int, height: float) -> list[dict] | None:
    """Glyph dicts as pdfminer makes them: the box runs from the origin for the glyph's
    advance width and from the font's descent for one font size (``None`` on a glyph
    PDFium cannot vouch for)."""
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
        return chars
    finally:
        pdfium.FPDFText_ClosePage(textpage)


class _Fonts:
    """Per text object, its font, size and scale; per glyph of it, the advance width
    (PDFium asked once per object and glyph, not per character)."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        self.objects: dict[int, tuple[Any, float, float, float] | None] = {}
        self.widths: dict[tuple[int, int], float | None] = {}
        self.advance = ctypes.c_float()

    def glyph(self, index: int, code: int) -> tuple[float, float] | None:
        """(advance width, font size) of character ``index`` in page units, or ``None``
        for rotated, skewed or mirrored text or a glyph without a width."""
        text_object = pdfium.FPDFText_GetTextObject(self.textpage, index)
        key = ctypes.cast(text_object, ctypes.c_void_p).value or 0
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


def _lines(page: Any, number: int, height: float) -> list[dict]:
    """Every level or plumb straight segment of every painted path, forms included."""
    found: list[dict] = []
    for i in range(pdfium.FPDFPage_CountObjects(page.raw)):
        _walk(pdfium.FPDFPage_GetObject(page.raw, i), IDENTITY, 0, number, height, found)
    return found


def _walk(obj: Any, outer: Matrix, depth: int, number: int, height: float, found: list) -> None:
    kind = pdfium.FPDFPageObj_GetType(obj)
    if kind not in (pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM):
        return
    matrix = _compose(_matrix(obj), outer)
    if kind == pdfium.FPDF_PAGEOBJ_FORM:
        if depth < MAX_FORM_DEPTH:
            for i in range(pdfium.FPDFFormObj_CountObjects(obj)):
                _walk(
                    pdfium.FPDFFormObj_GetObject(obj, i), matrix, depth + 1, number, height, found
                )
        return
    for start, end in _segments(obj, matrix):
        line = _line(start, end, number, height)
        if line:
            found.append(line)


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
