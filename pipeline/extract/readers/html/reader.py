"""HTML pages saved as files: recognised and refused (their tables are not pipe tables)."""

from __future__ import annotations

import re

from pipeline.encoding import decode_text
from pipeline.errors import DocumentError
from pipeline.model import PageRange

HTML = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


class HtmlReader:
    format = "html"
    paged = False
    has_fallback = False

    def recognises(self, data: bytes, name: str) -> bool:
        text = decode_text(data)
        return text is not None and bool(HTML.match(text))

    def page_count(self, data: bytes) -> int | None:
        return None

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        raise DocumentError(
            "unsupported-format",
            "HTML content: save the page as PDF or convert its tables to text first",
        )
