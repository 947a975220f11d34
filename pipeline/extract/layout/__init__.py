"""What the extract stage does to every reader's blocks: stitch tables continued
across pages, annotate each table with its unit and caption, name the title."""

from pipeline.extract.layout.assemble import (
    assembled,
    ranges_to_blocks,
    ranges_to_document,
    reading_to_document,
)
from pipeline.extract.layout.notes import annotate_tables, annotated
from pipeline.extract.layout.stitch import stitch_tables, stitched

__all__ = [
    "annotate_tables",
    "annotated",
    "assembled",
    "ranges_to_blocks",
    "ranges_to_document",
    "reading_to_document",
    "stitch_tables",
    "stitched",
]
