"""Office files (Word, Excel, PowerPoint; OOXML, OpenDocument and 97-2003): recognised
by what their container holds and refused as ``unsupported-format`` with what to do.

No reader of these formats is part of yesan yet; naming the format saves the user
from a message about zip archives or OLE files.
"""

from __future__ import annotations

from pipeline.extract.readers.containers import (
    OLE_MAGIC,
    ZIP_MAGIC,
    ole_streams,
    zip_member_start,
    zip_names,
)
from pipeline.extract.readers.contract import RefusingReader

# (what the file is, what to do with it) by the member that marks each kind of package.
OOXML_PARTS = {
    "word/document.xml": ("a Word document (.docx)", "save it as PDF or HWPX"),
    "xl/workbook.xml": ("an Excel workbook (.xlsx)", "save its sheets as PDF"),
    "ppt/presentation.xml": ("a PowerPoint presentation (.pptx)", "save it as PDF"),
}
OPENDOCUMENT_TYPES = {
    b"application/vnd.oasis.opendocument.text": (
        "an OpenDocument text (.odt)",
        "save it as PDF or HWPX",
    ),
    b"application/vnd.oasis.opendocument.spreadsheet": (
        "an OpenDocument spreadsheet (.ods)",
        "save its sheets as PDF",
    ),
    b"application/vnd.oasis.opendocument.presentation": (
        "an OpenDocument presentation (.odp)",
        "save it as PDF",
    ),
}
OLE_STREAMS = {
    "WordDocument": ("a Word 97-2003 document (.doc)", "save it as PDF or HWPX"),
    "Workbook": ("an Excel 97-2003 workbook (.xls)", "save its sheets as PDF"),
    "Book": ("an Excel 5.0/95 workbook (.xls)", "save its sheets as PDF"),
    "PowerPoint Document": ("a PowerPoint 97-2003 presentation (.ppt)", "save it as PDF"),
}


def office_kind(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) for an Office file, else ``None``."""
    if data.startswith(ZIP_MAGIC):
        names = set(zip_names(data) or ())
        if "mimetype" in names:
            kind = OPENDOCUMENT_TYPES.get(zip_member_start(data, "mimetype").strip())
            if kind:
                return kind
        return next((kind for part, kind in OOXML_PARTS.items() if part in names), None)
    if data.startswith(OLE_MAGIC):
        streams = ole_streams(data) or set()
        return next((kind for stream, kind in OLE_STREAMS.items() if stream in streams), None)
    return None


class OfficeReader(RefusingReader):
    format = "office"

    def recognises(self, data: bytes, name: str) -> bool:
        return office_kind(data) is not None

    def refusal(self, data: bytes) -> str:
        what, advice = office_kind(data) or ("an Office file", "save it as PDF")
        return f"{what}: {advice}; yesan reads PDF, HWP, HWPX and text"
