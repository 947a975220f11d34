"""HWP 5.0 records: the tagged, levelled records of ``DocInfo`` and ``BodyText/SectionN``.

Hand-written because no well-kept library reads HWP 5.0 tables with their spans and
배포용 documents (pyhwp is AGPL and unmaintained; python-hwpx reads top-level tables
only and refuses 배포용): the record format is small and documented in Hancom's
「한글 문서 파일 형식 5.0」. A record header is a little-endian UINT32: tag in bits
0–9, level in bits 10–19, size in bits 20–31 (0xFFF: the size follows as a UINT32).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.errors import DocumentError

HWPTAG_BEGIN = 0x10
PARA_HEADER = HWPTAG_BEGIN + 50
PARA_TEXT = HWPTAG_BEGIN + 51
CTRL_HEADER = HWPTAG_BEGIN + 55
LIST_HEADER = HWPTAG_BEGIN + 56
TABLE = HWPTAG_BEGIN + 61
DISTRIBUTE_DOC_DATA = HWPTAG_BEGIN + 12
TABLE_CONTROL = b" lbt"  # 'tbl ' stored little-endian
# PARA_TEXT control characters that take 8 code units (the char, 6 units of data, the char).
EXTENDED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}
CHAR_CONTROLS = {10: "\n", 24: "-", 30: " ", 31: " "}
MAX_SECTION = 128 * 2**20  # a section's records, decompressed (real ones: a few MiB)
INFLATE_CHUNK = 16 * 2**20


@dataclass
class Record:
    tag: int
    level: int
    payload: bytes
    children: list[Record] = field(default_factory=list)


def inflate(data: bytes, name: str) -> bytes:
    """Raw deflate (no zlib header), bounded, and required to reach its end."""
    stream = zlib.decompressobj(-15)
    out = bytearray()
    pending = data
    try:
        while pending and not stream.eof:
            out += stream.decompress(pending, INFLATE_CHUNK)
            pending = stream.unconsumed_tail
            if len(out) > MAX_SECTION:
                raise DocumentError("zip-bomb", f"{name} expands past {MAX_SECTION:,} bytes")
    except zlib.error as exc:
        raise DocumentError("broken-hwp", f"{name} cannot be decompressed: {exc}") from exc
    if not stream.eof:
        raise DocumentError("truncated-hwp", f"{name} ends before its compressed data does")
    return bytes(out)


def iter_records(data: bytes, name: str) -> Iterator[Record]:
    offset = 0
    while offset < len(data):
        if offset + 4 > len(data):
            raise DocumentError("broken-hwp", f"{name}: a record header is cut short")
        (header,) = struct.unpack_from("<I", data, offset)
        offset += 4
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        if size == 0xFFF:
            if offset + 4 > len(data):
                raise DocumentError("broken-hwp", f"{name}: a record size is cut short")
            (size,) = struct.unpack_from("<I", data, offset)
            offset += 4
        if offset + size > len(data):
            raise DocumentError("broken-hwp", f"{name}: a record runs past the stream's end")
        yield Record(tag, level, data[offset : offset + size])
        offset += size


def record_tree(records: Iterator[Record]) -> list[Record]:
    """Records nested by level: each record's children are the deeper ones after it."""
    roots: list[Record] = []
    stack: list[Record] = []
    for record in records:
        while stack and stack[-1].level >= record.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(record)
        stack.append(record)
    return roots


def para_text(payload: bytes) -> str:
    """The text of a PARA_TEXT record, control characters removed or translated."""
    units = struct.unpack(f"<{len(payload) // 2}H", payload[: len(payload) // 2 * 2])
    out, i = [], 0
    while i < len(units):
        unit = units[i]
        if unit in EXTENDED:
            i += 8
            continue
        if unit < 32:
            out.append(CHAR_CONTROLS.get(unit, ""))
        else:
            out.append(chr(unit))
        i += 1
    # UTF-16: a character beyond the BMP arrives as two surrogate units; join them.
    return "".join(out).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
