"""HTML pages: recognised and refused."""

from pipeline.extract.readers.html.reader import HtmlReader

READER = HtmlReader()

__all__ = ["READER", "HtmlReader"]
