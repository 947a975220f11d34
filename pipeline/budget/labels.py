"""Printed labels compared across documents: spacing, brackets and wrapping vary."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from pipeline.budget.markers import ROW_MARKERS, SAME_MARKER, SPACED, split_marker

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


# A 목 code at a label's end: ``(360-05)``, ``(320-01)``, ``360-05``, ``210-02)`` (a
# bracket lost to the layout); a 사업 code (``(2047-500)``) is no 목 code.
MOK_CODE = re.compile(r"\s*[(（]?\s*(?<!\d)(?P<code>\d{3}\s*[-－‐–]\s*\d{2})(?!\d)\s*[)）]*\s*$")
SYLLABLE = re.compile(r"[가-힣]")  # one Hangul syllable alone: a letter of a spaced word
STARTS_HANGUL = re.compile(r"^[가-힣]")


class Label(NamedTuple):
    """A row label normalised: ``․ 일 반 수 용 비 (210-01)`` → 일반수용비, ``․``, 210-01."""

    name: str
    marker: str | None
    code: str | None


@lru_cache(maxsize=65536)
def normalise_label(printed: str) -> Label:
    """The name a label gives a row, with its leading marker and its 목 code apart.

    - the marker it opens with (``․ - ○ ㆍ``, ``가.``, ``1)``) goes to ``marker``
      (variants as one: ``·`` is ``•``);
    - a 목 code at its end (``(360-05)``, ``360-05``) goes to ``code``, and the name it
      follows is a 비목 of the code list: its spaces are the layout's, all dropped
      (``연구개발활동비 등 (360-05)`` is ``연구개발활동비등``), and a 목 printed under its
      편성목 is the 목 (``연구개발출연금-연구개발활동비 등(360-05)``: ``연구개발활동비등``);
    - in any other label, three or more syllables each standing alone are one word
      spaced out (``일 반 수 용 비``, ``기 능 별 분류``), and so are two that make the
      whole label (``합 계``) or open it; a syllable alone at the start joins the word
      after it (``업 무환경``, a line wrap). Other spaces are words' own:
      ``가명정보 실태 모니터링`` and ``개인정보 이노베이션 존 운영 지원`` keep theirs.

    A label that is only a marker or a code keeps its text as its name (never empty).
    """
    text = " ".join(printed.split())
    marker, rest = _label_marker(text)
    found = MOK_CODE.search(rest)
    if found:
        code = re.sub(r"\s", "", unicodedata.normalize("NFKC", found["code"]))
        code = re.sub(r"[-‐–]", "-", code)
        name = "".join(rest[: found.start()].split()).rsplit("-", 1)[-1]
        return Label(name or "".join(rest.split()), marker, code)
    return Label(join_spaced(rest) or text, marker, None)


def _label_marker(text: str) -> tuple[str | None, str]:
    """A row label's marker: any row marker (``-기타민간융자금`` too, not ``-5``), else an
    enumerator or a symbol font's bullet."""
    if text and text[0] in ROW_MARKERS and not (text[0] in SPACED and text[1:2].isdigit()):
        return SAME_MARKER.get(text[0], text[0]), text[1:].strip()
    return split_marker(text)


def join_spaced(text: str) -> str:
    """Words spaced out letter by letter joined (see ``normalise_label``)."""
    words = text.split()
    alone = [bool(SYLLABLE.fullmatch(word)) for word in words]
    joined: list[str] = []
    i = 0
    while i < len(words):
        end = i
        while end < len(words) and alone[end]:
            end += 1
        run = end - i
        if run >= 3 or (run == 2 and (i == 0 or len(words) == 2)):
            joined.append("".join(words[i:end]))
            i = end
        else:
            joined.append(words[i])
            i += 1
    if len(joined) > 1 and SYLLABLE.fullmatch(joined[0]) and STARTS_HANGUL.match(joined[1]):
        joined[:2] = [joined[0] + joined[1]]
    return " ".join(joined)
