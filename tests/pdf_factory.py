"""Small PDFs built in the tests: scanned (no text), encrypted, truncated, ruled tables."""

from __future__ import annotations

import io

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas


def _pdf(draw, **options) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, **options)
    draw(page)
    page.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """Pages with pictures of text but no text layer (drawn shapes only)."""

    def draw(page):  # type: ignore[no-untyped-def]
        for _ in range(2):
            page.rect(72, 600, 300, 100, fill=1)
            page.showPage()

    return _pdf(draw)


def encrypted_pdf() -> bytes:
    return _pdf(
        lambda page: page.drawString(72, 700, "budget 1,000"),
        encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0),
    )


def text_pdf(text: str = "budget 1,000") -> bytes:
    return _pdf(lambda page: page.drawString(72, 700, text))
