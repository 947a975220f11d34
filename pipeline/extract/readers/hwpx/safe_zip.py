"""Reading zip archives nobody here controls, within bounds.

Checked from the central directory before anything is read: member count, duplicate
names, names that point outside the archive (``../``, ``/``), each member's declared
size and compression ratio, the total declared size, and members whose data would
overlap. Members are then read in chunks and rejected the moment they grow past their
declared size; nothing is extracted to disk. Written here because ``zipfile`` trusts
the archive (an archive of overlapping members expands 72 KB to gigabytes) and no
well-kept library bounds it for us.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass

from pipeline.errors import DocumentError

LOCAL_HEADER = 30  # bytes before a member's name in its local header


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 10_000
    max_member_bytes: int = 256 * 2**20
    max_total_bytes: int = 512 * 2**20
    max_ratio: int = 200  # uncompressed / compressed, per member larger than 1 MiB


def open_zip(data: bytes, limits: ZipLimits = ZipLimits()) -> zipfile.ZipFile:
    """Open an archive after checking its central directory against ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise DocumentError("broken-zip", f"the zip archive cannot be opened: {exc}") from exc
    members = archive.infolist()
    names = [m.filename for m in members]
    if len(members) > limits.max_members:
        raise DocumentError("zip-bomb", f"{len(members)} members (limit {limits.max_members})")
    if len(set(names)) != len(names):
        raise DocumentError("broken-zip", "the archive names a member twice")
    escaping = next((n for n in names if n.startswith("/") or ".." in n.split("/")), None)
    if escaping is not None:
        raise DocumentError(
            "unsafe-zip", f"the member name {escaping!r} points outside the archive"
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_total_bytes:
        raise DocumentError("zip-bomb", f"members expand to {total:,} bytes in all")
    for member in members:
        _check_member(member, limits)
    _check_overlaps(members)
    return archive


def _check_member(member: zipfile.ZipInfo, limits: ZipLimits) -> None:
    if member.file_size > limits.max_member_bytes:
        raise DocumentError("zip-bomb", f"{member.filename} expands to {member.file_size:,} bytes")
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > 2**20 and ratio > limits.max_ratio:
        raise DocumentError(
            "zip-bomb", f"{member.filename} expands {ratio:,.0f} times (limit {limits.max_ratio})"
        )


def _check_overlaps(members: list[zipfile.ZipInfo]) -> None:
    spans = sorted(
        (m.header_offset, m.header_offset + LOCAL_HEADER + len(m.filename) + m.compress_size)
        for m in members
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            raise DocumentError("zip-bomb", "members overlap in the archive (a zip bomb)")


def read_member(archive: zipfile.ZipFile, name: str, chunk: int = 2**20) -> bytes:
    """A member's bytes, read in chunks, never past its declared size."""
    member = archive.getinfo(name)
    parts, size = [], 0
    try:
        with archive.open(member) as stream:
            while block := stream.read(chunk):
                size += len(block)
                if size > member.file_size:
                    raise DocumentError("zip-bomb", f"{name} grows past its declared size")
                parts.append(block)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DocumentError("broken-zip", f"{name} cannot be read: {exc}") from exc
    return b"".join(parts)
