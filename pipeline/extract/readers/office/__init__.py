"""Office files: recognised and refused, naming the format and what to do."""

from pipeline.extract.readers.office.reader import OfficeReader, office_kind

READER = OfficeReader()

__all__ = ["READER", "OfficeReader", "office_kind"]
