"""HWPX (OWPML, KS X 6101): a zip of XML parts, read within bounds; other zips refused."""

from pipeline.extract.readers.hwpx.reader import HwpxReader, OtherZipReader, hwpx_to_reading

READER = HwpxReader()
OTHER_ZIP = OtherZipReader()

__all__ = ["OTHER_ZIP", "READER", "HwpxReader", "OtherZipReader", "hwpx_to_reading"]
