"""Text files: their bytes decoded as UTF-8 or CP949, or recognised as not text."""

from __future__ import annotations

TEXT_ENCODINGS = ("utf-8-sig", "cp949")


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
