"""Recognisers: find budget structures in the document model by their content.

Each recogniser returns plain rows (dicts) with values exactly as printed and their
provenance; the transform stage turns them into numbers.
"""

from pipeline.extract.recognise.all import (
    ROW_LISTS,
    Recognised,
    document_to_recognised,
    section_to_recognised,
)

__all__ = ["ROW_LISTS", "Recognised", "document_to_recognised", "section_to_recognised"]
