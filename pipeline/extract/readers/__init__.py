"""The readers, in the order they are asked whether bytes are theirs.

Adding a format is a folder beside these and one line here. The order matters where
containers are shared: Office files before HWP (both may be OLE files) and before the
other zips; HTML before text (both decode as text).
"""

from __future__ import annotations

from pipeline.errors import DocumentError
from pipeline.extract.readers import html, hwp, hwpx, office, pdf, text
from pipeline.extract.readers.contract import Reader

READERS: tuple[Reader, ...] = (
    pdf.READER,
    office.READER,
    hwp.READER,
    hwp.OLD_HWP,
    hwpx.READER,
    hwpx.OTHER_ZIP,
    html.READER,
    text.READER,
)
READ_FORMATS = "PDF, HWP, HWPX or text"


def reader_for(data: bytes, name: str) -> Reader:
    """The reader whose bytes these are; raises ``DocumentError`` for an empty file or
    bytes no reader recognises."""
    if not data:
        raise DocumentError("empty-file", "the file is empty (0 bytes)")
    for reader in READERS:
        if reader.recognises(data, name):
            return reader
    suffix = f" under a {name.rsplit('.', 1)[-1]!r} name" if "." in name else ""
    raise DocumentError(
        "unknown-format",
        f"not a {READ_FORMATS} file: binary content (first bytes {data[:8].hex(' ')}){suffix}",
    )


def sniff_format(data: bytes, name: str) -> str:
    """The format of a file's bytes, by content: ``pdf``, ``hwp``, ``hwpx``, ``text`` or
    the kind a reader refuses (``office``, ``html``, ``old-hwp``, ``zip``)."""
    return reader_for(data, name).format


def head_reader(head: bytes, name: str) -> Reader | None:
    """The paged reader, or the reader with a fallback, of a file whose first kibibyte
    is ``head`` (the parent process plans page ranges and retries from there alone)."""
    planned = (r for r in READERS if r.paged or r.has_fallback)
    return next((r for r in planned if r.recognises(head, name)), None)


__all__ = ["READERS", "Reader", "head_reader", "reader_for", "sniff_format"]
