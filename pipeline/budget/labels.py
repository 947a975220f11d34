"""Printed labels compared across documents: spacing, brackets and wrapping vary."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BRACKETS = re.compile(r"[()\[\]{}<>]")
GLUE_END = ("-", "(", "/", "·", "‧", "~")
GLUE_START = (")", "/", "-", "%", "~")
HANGUL_END = re.compile(r"[가-힣]$")
WORD_TAIL = re.compile(r"[가-힣]{1,2}")


@lru_cache(maxsize=65536)  # a book prints the same labels on every page
def squash(text: str) -> str:
    """A label without spaces or brackets, NFKC-normalised, for comparison."""
    return BRACKETS.sub("", "".join(unicodedata.normalize("NFKC", text).split()))


def without_spaces(label: object) -> str:
    """A label without white space (``None`` → ``""``): ``사 무 관 리 비`` → ``사무관리비``."""
    return re.sub(r"\s", "", str(label)) if label is not None else ""


@lru_cache(maxsize=65536)
def join_wrapped(text: str) -> str:
    """A label wrapped over lines, joined as printed before the wrap.

    ``증감 (B-`` + ``A)`` → ``증감 (B-A)``; ``시책추진업무추진`` + ``비`` → ``시책추진업무추진비``
    (a one- or two-syllable remainder is the end of a word); otherwise with a space.
    """
    joined = ""
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        glued = (
            joined.endswith(GLUE_END)
            or line.startswith(GLUE_START)
            or (HANGUL_END.search(joined) and WORD_TAIL.fullmatch(line.split(" ")[0]))
        )
        joined = f"{joined}{line}" if glued or not joined else f"{joined} {line}"
    return " ".join(joined.split(" "))
