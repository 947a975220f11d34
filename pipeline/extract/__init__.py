"""Extract: files → document model → recognised values, staged as Parquet."""

from pipeline.extract.documents import bytes_to_document, read_document
from pipeline.extract.readers import sniff_format
from pipeline.extract.result import ExtractResult, Problem
from pipeline.extract.stage import Known, extract_documents, raw_files

__all__ = [
    "ExtractResult",
    "Known",
    "Problem",
    "bytes_to_document",
    "extract_documents",
    "raw_files",
    "read_document",
    "sniff_format",
]
