"""A small writer of OLE compound files (CFB version 3), for HWP files built in the tests.

olefile reads compound files but cannot add streams, and no well-kept Python library
writes them; the tests need new streams (``ViewText/SectionN`` for 배포용 documents), so
this writes the format from [MS-CFB]: 512-byte sectors, a FAT, a mini stream with its
mini FAT for streams under 4,096 bytes, and a directory whose siblings are chained on
the right in the order [MS-CFB] sorts them (length, then upper case).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from itertools import pairwise

SECTOR, MINI_SECTOR, CUTOFF = 512, 64, 4096
FREE, END, FAT_SECTOR, NO_ENTRY = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    start: int = END
    kids: list[_Entry] = field(default_factory=list)
    left: int = NO_ENTRY
    right: int = NO_ENTRY
    child: int = NO_ENTRY


def _padded(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)


def _tree(streams: dict[str, bytes]) -> list[_Entry]:
    root = _Entry("Root Entry", ROOT)
    entries = [root]
    for path, data in streams.items():
        parent = root
        *storages, name = path.split("/")
        for part in storages:
            found = next((k for k in parent.kids if k.name == part), None)
            if found is None:
                found = _Entry(part, STORAGE)
                parent.kids.append(found)
                entries.append(found)
            parent = found
        leaf = _Entry(name, STREAM, data)
        parent.kids.append(leaf)
        entries.append(leaf)
    for entry in entries:
        kids = sorted(entry.kids, key=lambda k: (len(k.name), k.name.upper()))
        if kids:
            entry.child = entries.index(kids[0])
        for kid, after in pairwise(kids):
            kid.right = entries.index(after)
    return entries


def _chain(fat: list[int], start: int, count: int) -> None:
    fat.extend(range(start + 1, start + count))
    fat.append(END)


def _append(sectors: list[bytes], fat: list[int], data: bytes) -> int:
    """Store ``data`` in new sectors chained in the FAT; its first sector, or END if empty."""
    if not data:
        return END
    first = len(sectors)
    chunk = _padded(data, SECTOR)
    sectors += [chunk[i : i + SECTOR] for i in range(0, len(chunk), SECTOR)]
    _chain(fat, first, len(chunk) // SECTOR)
    return first


def _directory_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\0\0"
    size = len(entry.data)
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB3I", len(name), entry.kind, 1, entry.left, entry.right, entry.child)
        + bytes(36)
        + struct.pack("<IQ", entry.start if size or entry.kind == ROOT else END, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """The bytes of a compound file holding ``streams`` (paths like ``BodyText/Section0``)."""
    entries = _tree(streams)
    sectors: list[bytes] = []
    fat: list[int] = []
    mini = bytearray()
    mini_fat: list[int] = []
    for entry in entries[1:]:
        if entry.kind != STREAM or not entry.data:
            continue
        if len(entry.data) >= CUTOFF:
            entry.start = _append(sectors, fat, entry.data)
        else:
            entry.start = len(mini) // MINI_SECTOR
            chunk = _padded(entry.data, MINI_SECTOR)
            mini += chunk
            _chain(mini_fat, entry.start, len(chunk) // MINI_SECTOR)
    root = entries[0]
    root.data = bytes(mini)
    root.start = _append(sectors, fat, root.data)
    mini_fat_start = _append(sectors, fat, b"".join(struct.pack("<I", n) for n in mini_fat))
    mini_fat_count = -(-len(mini_fat) * 4 // SECTOR)
    directory_start = _append(sectors, fat, b"".join(_directory_entry(e) for e in entries))
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_start = len(sectors)
    fat += [FAT_SECTOR] * fat_count
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    table = b"".join(struct.pack("<I", n) for n in fat)
    sectors += [table[i : i + SECTOR] for i in range(0, len(table), SECTOR)]
    if fat_count > 109:
        raise ValueError("the test writer keeps the FAT in the header's 109 slots")
    difat = list(range(fat_start, fat_start + fat_count)) + [FREE] * (109 - fat_count)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<9I", 0, fat_count, directory_start, 0, CUTOFF, mini_fat_start, mini_fat_count, END, 0
        )
        + struct.pack("<109I", *difat)
    )
    return header + b"".join(sectors)
