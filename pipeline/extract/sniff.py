"""Choose a reader by a file's content, never by its extension."""

from __future__ import annotations

import io
import re
import zipfile

from pipeline.errors import DocumentError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HWPX_MIMETYPE = b"application/hwp+zip"
HWP3_SIGNATURE = b"HWP Document File V"  # HWP 3.x / 97: not a compound file
TEXT_ENCODINGS = ("utf-8-sig", "cp949")
HTML = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def looks_like_pdf(data: bytes) -> bool:
    """A PDF header in the first kilobyte (some writers put junk before it)."""
    return data.startswith(b"%PDF") or b"%PDF-" in data[:1024]


def sniff_format(data: bytes, name: str) -> str:
    """Return ``pdf``, ``hwp``, ``hwpx`` or ``text`` for a file's bytes.

    Raises ``DocumentError`` for an empty file or content no reader knows.
    """
    if not data:
        raise DocumentError("empty-file", "the file is empty (0 bytes)")
    if looks_like_pdf(data):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "hwp"
    if data.startswith(HWP3_SIGNATURE):
        raise DocumentError(
            "old-hwp",
            f"an HWP 3.x file ({data[17:23].decode('ascii', 'replace').strip()}): yesan reads "
            "HWP 5.0 and HWPX; save it as HWPX in 한글 or convert it with LibreOffice",
        )
    if data.startswith(ZIP_MAGIC):
        return _sniff_zip(data)
    text = decode_text(data)
    if text is not None and HTML.match(text):
        raise DocumentError(
            "unsupported-format",
            "HTML content"
            + (f" under a {name.rsplit('.', 1)[-1]!r} name" if "." in name else "")
            + ": save the page as PDF or convert its tables to text first",
        )
    if text is not None:
        return "text"
    raise DocumentError(
        "unknown-format",
        f"not a PDF, HWP, HWPX or text file: binary content (first bytes {data[:8].hex(' ')})"
        + (f" under a {name.rsplit('.', 1)[-1]!r} name" if "." in name else ""),
    )


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            mimetype = archive.read("mimetype")[:64] if "mimetype" in archive.namelist() else b""
    except zipfile.BadZipFile as exc:
        raise DocumentError("broken-zip", f"a zip archive that cannot be opened: {exc}") from exc
    if mimetype.strip() == HWPX_MIMETYPE:
        return "hwpx"
    raise DocumentError("unknown-format", "a zip archive without an HWPX (OWPML) mimetype")


def decode_text(data: bytes) -> str | None:
    """Decode text bytes (UTF-8, then CP949), or ``None`` when they are not text."""
    if b"\x00" in data:
        return None
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        return text if controls <= len(text) // 100 else None
    return None
