"""The containers several formats share: OLE compound files and zip archives.

Readers look inside them to recognise their own (HWP 5.0 and Excel 97 are both OLE
files; HWPX, DOCX and ODT are all zips). Only directories are read here, never a
member's data: the readers that take a file read it within bounds.
"""

from __future__ import annotations

import io
import zipfile

import olefile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def zip_names(data: bytes) -> list[str] | None:
    """The member names of a zip archive, or ``None`` when it cannot be opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return None


def zip_member_start(data: bytes, name: str, size: int = 128) -> bytes:
    """The first ``size`` bytes of one small member (a ``mimetype``), or ``b""``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(name) as member:
            return member.read(size)
    except (KeyError, zipfile.BadZipFile, ValueError, EOFError, OSError, RuntimeError):
        return b""


def ole_streams(data: bytes) -> set[str] | None:
    """The top-level stream and storage names of an OLE compound file, or ``None``."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # olefile raises OSError and assorted parse errors
        return None
