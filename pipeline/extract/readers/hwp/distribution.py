"""배포용 (distribution) HWP: the body sits in ``ViewText/SectionN``, AES-128-ECB encrypted.

Each ViewText section starts with a DISTRIBUTE_DOC_DATA record of 256 bytes. Its first
4 bytes (little-endian) seed an MSVC ``rand()`` sequence that XOR-scrambles bytes
4..255; once unscrambled, the 16-byte AES key starts at offset ``4 + (seed & 0xF)``.
The rest of the stream is the section, encrypted (and raw-deflated first when the
document is compressed). The ``BodyText`` of such a file holds only a placeholder
paragraph, which is why several HWP libraries return 「…배포용 문서…」 instead of the body.
The cipher comes from ``cryptography``; the key schedule is Hancom's and written here.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from pipeline.errors import DocumentError
from pipeline.extract.readers.hwp.records import DISTRIBUTE_DOC_DATA, iter_records

HEAD_SIZE = 256
KEY_SIZE = 16


def _msvc_rand(seed: int) -> Iterator[int]:
    """MSVC's ``rand()`` after ``srand(seed)``: 15-bit outputs of a 32-bit LCG."""
    while True:
        seed = (seed * 214013 + 2531011) & 0xFFFFFFFF
        yield (seed >> 16) & 0x7FFF


def scramble_head(head: bytes) -> bytes:
    """XOR bytes 4..255 with the seeded sequence; its own inverse."""
    out = bytearray(head)
    rand = _msvc_rand(struct.unpack_from("<I", head)[0])
    key, run = 0, 0
    for i in range(HEAD_SIZE):
        if run == 0:
            key, run = next(rand) & 0xFF, (next(rand) & 0xF) + 1
        if i >= 4:
            out[i] ^= key
        run -= 1
    return bytes(out)


def head_to_key(head: bytes) -> bytes:
    """The AES-128 key hidden in a DISTRIBUTE_DOC_DATA payload."""
    plain = scramble_head(head)
    offset = 4 + (plain[0] & 0xF)
    return plain[offset : offset + KEY_SIZE]


def view_text_to_section(stream: bytes, name: str) -> bytes:
    """A ViewText section decrypted: what BodyText would hold (still deflated if compressed)."""
    first = next(iter_records(stream[: 4 + HEAD_SIZE], name), None)
    if first is None or first.tag != DISTRIBUTE_DOC_DATA or len(first.payload) != HEAD_SIZE:
        raise DocumentError("broken-hwp", f"{name} does not start with its 256-byte key record")
    body = stream[4 + HEAD_SIZE :]
    if len(body) % KEY_SIZE:
        raise DocumentError("truncated-hwp", f"{name}: the encrypted body is cut short")
    decryptor = Cipher(algorithms.AES(head_to_key(first.payload)), modes.ECB()).decryptor()
    return decryptor.update(body) + decryptor.finalize()
