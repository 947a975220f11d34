"""PDFs with a text layer: PDFium's glyphs and rules, pdfplumber's table finder."""

from pipeline.extract.readers.pdf.reader import PdfReader, looks_like_pdf, read_pdf_range

READER = PdfReader()

__all__ = ["READER", "PdfReader", "looks_like_pdf", "read_pdf_range"]
