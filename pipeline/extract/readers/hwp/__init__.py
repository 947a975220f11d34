"""HWP 5.0 (OLE compound files of record streams, 배포용 included); HWP 3.x refused."""

from pipeline.extract.readers.hwp.reader import HwpReader, OldHwpReader, hwp_to_reading

READER = HwpReader()
OLD_HWP = OldHwpReader()

__all__ = ["OLD_HWP", "READER", "HwpReader", "OldHwpReader", "hwp_to_reading"]
