"""HTML pages saved as files: recognised and refused (their tables are not pipe tables)."""

from __future__ import annotations

import re

from pipeline.encoding import decode_text
from pipeline.extract.readers.contract import RefusingReader

HTML = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


class HtmlReader(RefusingReader):
    format = "html"

    def recognises(self, data: bytes, name: str) -> bool:
        text = decode_text(data)
        return text is not None and bool(HTML.match(text))

    def refusal(self, data: bytes) -> str:
        return "HTML content: save the page as PDF or convert its tables to text first"
