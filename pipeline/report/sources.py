"""The raw files behind the report: the printed lines of a text file, a page of a PDF.

The report reads the mart for what failed and where it is printed, and the raw files
only here and in ``images`` (page crops), never through the readers of extract.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.encoding import decode_text


def printed_lines(path: Path) -> list[str] | None:
    """The lines of a text file as printed; ``None`` if it is gone or not text."""
    if not path.exists():
        return None
    text = decode_text(path.read_bytes())
    return text.splitlines() if text is not None else None
