"""HWP files built in the tests: a real HWP re-packed as 배포용 (distribution) or with
other FileHeader flags, through ``tests.compound_file``."""

from __future__ import annotations

import io
import random
import struct
import zlib

import olefile
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from pipeline.extract.readers.hwp.distribution import HEAD_SIZE, KEY_SIZE, scramble_head
from pipeline.extract.readers.hwp.records import DISTRIBUTE_DOC_DATA, PARA_HEADER, PARA_TEXT
from tests.compound_file import compound_file

PLACEHOLDER = "이 문서는 배포용 문서입니다. 내용은 ViewText에 있습니다."


def hwp_streams(data: bytes) -> dict[str, bytes]:
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        return {"/".join(p): bytes(ole.openstream(p).read()) for p in ole.listdir()}


def record(tag: int, level: int, payload: bytes) -> bytes:
    return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload


def placeholder_section() -> bytes:
    text = PLACEHOLDER.encode("utf-16-le") + struct.pack("<H", 13)
    body = record(PARA_HEADER, 0, bytes(22)) + record(PARA_TEXT, 1, text)
    packer = zlib.compressobj(wbits=-15)
    return packer.compress(body) + packer.flush()


def encrypted_view_text(section: bytes, seed: int, rng: random.Random) -> bytes:
    """DISTRIBUTE_DOC_DATA (key hidden at 4 + seed & 0xF, scrambled) + AES-ECB of ``section``."""
    key = rng.randbytes(KEY_SIZE)
    plain = bytearray(struct.pack("<I", seed) + rng.randbytes(HEAD_SIZE - 4))
    offset = 4 + (seed & 0xF)
    plain[offset : offset + KEY_SIZE] = key
    head = scramble_head(bytes(plain))
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    body = encryptor.update(section + bytes(-len(section) % KEY_SIZE)) + encryptor.finalize()
    return record(DISTRIBUTE_DOC_DATA, 0, head) + body


def distribution_copy(data: bytes, seed: int = 0x5EED1234) -> bytes:
    """``data`` (an HWP 5.0 file) as a 배포용 document: sections moved to ViewText, encrypted,
    BodyText left with the placeholder paragraph, the 배포용 flag set."""
    streams = hwp_streams(data)
    rng = random.Random(seed)
    out = {}
    for name, content in streams.items():
        if name == "FileHeader":
            flags = struct.unpack_from("<I", content, 36)[0] | 0x4
            out[name] = content[:36] + struct.pack("<I", flags) + content[40:]
        elif name.startswith("BodyText/"):
            out[name] = placeholder_section()
            view = "ViewText/" + name.split("/")[1]
            out[view] = encrypted_view_text(content, seed, rng)
        else:
            out[name] = content
    return compound_file(out)
