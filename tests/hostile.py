"""A hostile corpus the tests build themselves: broken, encrypted, looping and bomb files
in every format yesan reads, each named after the quarantine reason it must end in."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.compound_file import compound_file
from tests.hwp_factory import hwp_streams
from tests.pdf_factory import encrypted_pdf

HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
TEXT = b"BT /F1 12 Tf 72 700 Td (budget 1,000) Tj ET"


def xref_loop_pdf() -> bytes:
    """A sound page behind a trailer whose ``/Prev`` points at its own xref."""
    return raw_pdf([stream(TEXT)], prev_self=True)


def raw_pdf(contents: list[bytes], prev_self: bool = False) -> bytes:
    """A PDF with one page per content stream (each given with its dictionary)."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s "
            b"/Contents %d 0 R >>" % (HELVETICA, 4 + 2 * i)
        )
        objects.append(content)
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    prev = b" /Prev %d" % xref if prev_self else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, prev)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


def stream(data: bytes, flate: bool = False) -> bytes:
    extra = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def deflated_zeros(size: int, raw: bool = False) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    block = bytes(64 * 2**20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


def flate_bomb_pdf(size: int) -> bytes:
    return raw_pdf([stream(deflated_zeros(size), flate=True)])


def corrupt_stream_pdf() -> bytes:
    """Page 1's content stream is not deflate data; page 2 is sound."""
    return raw_pdf([stream(b"\x78\x9c" + bytes(range(200)), flate=True), stream(TEXT)])


def owner_password_pdf() -> bytes:
    """Encrypted with an empty user password and every permission denied (/P 0)."""
    from reportlab.lib import pdfencrypt

    buffer = io.BytesIO()
    page = canvas.Canvas(
        buffer, encrypt=pdfencrypt.StandardEncryption("", "owner", canPrint=0, canModify=0)
    )
    page.drawString(72, 700, "budget 1,000")
    page.save()
    data = buffer.getvalue()
    start = data.index(b"/P ") + 3
    end = start + len(data[start:].split(b" ", 1)[0].split(b"\n", 1)[0].split(b"/", 1)[0])
    return data[:start] + b"0".ljust(end - start) + data[end:]


def line_grid_pdf(n: int = 400) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(842, 842))
    page.setLineWidth(0.1)
    for i in range(n):
        position = 20 + i * 800 / n
        page.line(20, position, 820, position)
        page.line(position, 20, position, 820)
    page.drawString(30, 830, "budget 1,000")
    page.save()
    return buffer.getvalue()


def many_pages_pdf(pages: int = 150, rows: int = 40) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number in range(pages):
        for row in range(rows):
            text = f"page {number} row {row} amount {row * 1000:,}"
            page.drawString(72 + 250 * (row // 40), 800 - row % 40 * 18, text)
        page.showPage()
    page.save()
    return buffer.getvalue()


def ole_sector_loop() -> bytes:
    """An HWP whose BodyText/Section0 declares almost 4 GiB over a sector chain that
    loops (7 → 3): read naively, it never ends."""
    header = with_flags(b"HWP Document File".ljust(256, b"\0"), 0)
    data = bytearray(compound_file({"BodyText/Section0": bytes(8192), "FileHeader": header}))
    fat_sector = struct.unpack_from("<I", data, 76)[0]
    struct.pack_into("<I", data, 512 * (fat_sector + 1) + 4 * 7, 3)
    name = "Section0".encode("utf-16-le")
    entry = data.index(name, 512 * (struct.unpack_from("<I", data, 48)[0] + 1))
    struct.pack_into("<I", data, entry + 120, 0xFFFFFF00)
    return bytes(data)


def deep_ole_directory(entries: int = 3000) -> bytes:
    return compound_file({f"S{i}": b"x" for i in range(entries)})


def hwp_with(table_complex: bytes, **changes: bytes) -> bytes:
    streams = hwp_streams(table_complex)
    for name, value in changes.items():
        streams[name.replace("__", "/")] = value
    return compound_file(streams)


def with_flags(header: bytes, flags: int) -> bytes:
    return header[:36] + struct.pack("<I", flags) + header[40:]


def package(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/hwp+zip")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _central_entries(data: bytes) -> list[int]:
    found, at = [], data.find(b"PK\x01\x02")
    while at >= 0:
        found.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return found


def declared_huge_member() -> bytes:
    data = bytearray(package({"Contents/section0.xml": b"<a/>"}))
    last = _central_entries(bytes(data))[-1]
    struct.pack_into("<I", data, last + 24, 2**30)  # uncompressed size: 1 GiB
    return bytes(data)


def overlapping_members() -> bytes:
    data = bytearray(package({"Contents/section0.xml": b"<a/>", "Contents/section1.xml": b"<b/>"}))
    entries = _central_entries(bytes(data))
    first = struct.unpack_from("<I", data, entries[1] + 42)[0]
    struct.pack_into("<I", data, entries[2] + 42, first)  # both name the same local data
    return bytes(data)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]><hs:sec>&lol9;</hs:sec>"
).replace(b"&lol0;", b"&lol;")
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b"<hs:sec>&e;</hs:sec>"
)


def hostile_corpus(corpus: Path) -> dict[str, tuple[bytes, str]]:
    """File name → (bytes, the quarantine reason it must end in)."""
    moef = (corpus / "moef-program-pdf" / "보건복지부_생계급여.pdf").read_bytes()
    table_complex = (corpus / "hwp-hwpx-pdf" / "table-complex.hwp").read_bytes()
    header = hwp_streams(table_complex)["FileHeader"]
    section = hwp_streams(table_complex)["BodyText/Section0"]
    return {
        "empty.pdf": (b"", "empty-file"),
        "page.pdf": (b"<!DOCTYPE html><html><body>1,000</body></html>", "unsupported-format"),
        "cut-50.pdf": (moef[: len(moef) // 2], "truncated-pdf"),
        "cut-90.pdf": (moef[: len(moef) * 9 // 10], "truncated-pdf"),
        "user-password.pdf": (encrypted_pdf(), "encrypted-pdf"),
        "owner-password-p0.pdf": (owner_password_pdf(), "encrypted-pdf"),
        "flate-bomb.pdf": (flate_bomb_pdf(768 * 2**20), "memory-limit"),
        "random.hwp": (bytes((i * 7919) % 251 for i in range(4096)), "unknown-format"),
        "not-hwp.hwp": (compound_file({"Contents": b"x" * 100}), "not-hwp"),
        "memo.doc": (compound_file({"WordDocument": b"x" * 100}), "unsupported-format"),
        "cut-in-half.hwp": (table_complex[: len(table_complex) // 2], "broken-hwp"),
        "sector-loop.hwp": (ole_sector_loop(), "zip-bomb"),
        "deep-directory.hwp": (deep_ole_directory(), "broken-hwp"),
        "zlib-bomb.hwp": (
            hwp_with(table_complex, BodyText__Section0=deflated_zeros(256 * 2**20, raw=True)),
            "zip-bomb",
        ),
        "truncated-deflate.hwp": (
            hwp_with(table_complex, BodyText__Section0=section[: len(section) // 2]),
            "truncated-hwp",
        ),
        "password.hwp": (
            hwp_with(table_complex, FileHeader=with_flags(header, 3)),
            "encrypted-hwp",
        ),
        "huge-member.hwpx": (declared_huge_member(), "zip-bomb"),
        "overlapping.hwpx": (overlapping_members(), "zip-bomb"),
        "dot-dot.hwpx": (package({"../Contents/section0.xml": b"<a/>"}), "unsafe-zip"),
        "billion-laughs.hwpx": (package({"Contents/section0.xml": BILLION_LAUGHS}), "unsafe-xml"),
        "external-entity.hwpx": (package({"Contents/section0.xml": EXTERNAL_ENTITY}), "unsafe-xml"),
    }
