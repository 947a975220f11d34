"""Markers that open a printed line or row label: ``○ - ▷ •``, ``□ ㅇ ① ․`` and ``가.``.

One set serves every stage: a 산출내역 line's marker gives its level, a 총괄 row's
marker says which rows are first-level, and a PDF cell line that opens with one starts
a new row. Variants of one symbol share a marker (``·`` is ``•``).
"""

from __future__ import annotations

import re

# Unicode's circled numbers 1 to 50, in order (``⑳`` is followed by ``㉑``).
CIRCLED = (
    "".join(chr(c) for c in range(0x2460, 0x2474))
    + "".join(chr(c) for c in range(0x3251, 0x3260))
    + "".join(chr(c) for c in range(0x32B1, 0x32C0))
)
DINGBAT_CIRCLED = "➀➁➂➃➄➅➆➇➈➉"  # the same numbers, as some fonts draw them
CIRCLED_LETTERS = "".join(chr(c) for c in range(0x24D0, 0x24EA))  # ⓐ … ⓩ
CIRCLED_HANGUL = "".join(chr(c) for c in range(0x3260, 0x327C))  # ㉠ … ㉭, ㉮ … ㉻
NEGATIVE_CIRCLED = "".join(chr(c) for c in range(0x278A, 0x2794))  # ➊ … ➓
NEGATIVE_CIRCLED_SERIF = "".join(chr(c) for c in range(0x2776, 0x2780))  # ❶ … ❿
PARENTHESIZED = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴ … ⒇
NUMBER_SERIES = (
    CIRCLED
    + DINGBAT_CIRCLED
    + CIRCLED_LETTERS
    + CIRCLED_HANGUL
    + NEGATIVE_CIRCLED
    + NEGATIVE_CIRCLED_SERIF
    + PARENTHESIZED
)
MARKERS = "○●◦ㅇ□■▢▪§◇◆‣-–−▷▶•·∙ㆍ․‧*>" + NUMBER_SERIES
ROW_MARKERS = MARKERS  # a table row label may open with any of them
# ``▪`` is how a text layer may code a drawn ``■``, and ``§`` how one codes a drawn ``▪``;
# ``▢`` is a ``□`` with round corners; ``‣`` is a triangular bullet of its own, and so is
# ``>`` before a space (``> 2021년 도입분 : 504백만원``).
SAME_MARKER = {
    "·": "•",
    "∙": "•",
    "▶": "▷",
    "◦": "○",
    "■": "□",
    "▢": "□",
    "◆": "◇",
    "§": "▪",
    "–": "-",
    "−": "-",
}
# Dots of one height mark one level, whichever dot a font draws (``ㆍ`` ``․`` ``‧`` ``•``).
SAME_LEVEL = {**SAME_MARKER, "ㆍ": "•", "․": "•", "‧": "•"}
DOUBLE_STAR = "** "
SPACED = "-–−*>"  # markers that are one only when a space follows (``-5`` is a number)
# The 가나다 series, one syllable each: ``(신규)`` is a remark, not an enumerator; numbers
# may be numbered within numbers (``1-1.``, ``1-5-1.``, ``(1-2)``, ``(②-1)`` with the ``②``
# perhaps a symbol font's glyph, ``< ②-1 유학생 교류사업>``: each depth a level of its own).
LETTER = "가나다라마바사아자차카타파하"
# A numbered word enumerates too: ``계속과제2. 참여자 모집 : 6,024백만원``.
# A 가나다 letter may be set tight against its item (``가.범죄예방정보시스템 …``), or apart from
# its full stop (``자 . 기록물관리시스템``): a syllable and a full stop never start a word.
ENUMERATOR = re.compile(
    rf"^(?:(?P<marker>[{LETTER}] ?\.\.?|(?:[가-힣]{{2,6}})?\d{{1,2}}(?:-\d{{1,2}})*\."
    rf"|\d{{1,2}}\)|\((?:[{LETTER}]|\d{{1,2}}(?:-\d{{1,2}})*|[{CIRCLED}\ue000-\uf8ff]-\d{{1,2}})\)"
    rf"|<\s*[{CIRCLED}]-\d{{1,2}})\s+|(?P<tight>[{LETTER}]\.)(?=[가-힣A-Za-z(]))"
)


NUMBERED_HEADING = re.compile(r"^[가-힣]*1(?:-1)*\.$")  # ``1.``, ``1-1.``, ``계속과제1.``


SUB_NUMBERED = re.compile(rf"^[(<]\s*[{CIRCLED}\ue000-\uf8ff]-1\)?$")  # ``(②-1)``, ``<②-1``


def numbered_under(key: str) -> str | None:
    """The level key of the number a key numbers within (``①`` for ``(②-1)`` and
    ``< ②-1 …>``), if it is such a key."""
    return "①" if SUB_NUMBERED.match(key) else None


def is_numbered_heading(key: str | None) -> bool:
    """Whether a level key is a numbered heading's (``1-5-1.``): its number, not where it
    is printed, says where it goes."""
    return key is not None and NUMBERED_HEADING.match(key) is not None


INDENT_STEP = 3.0  # pt: lines whose starts differ by more are at different depths
# pt: one marker's lines may start this much apart in a text layer (a glyph placed off
# its printed place); further in, the same marker numbers the items of a line above.
SAME_MARKER_STEP = 8.0


def further_in(indent: float | None, than: float | None, same_marker: bool = False) -> bool:
    """Whether a line starting at ``indent`` (pt) is printed further in than one starting
    at ``than``: deeper in the outline. ``False`` where either is not placed."""
    if indent is None or than is None:
        return False
    return indent - than > (SAME_MARKER_STEP if same_marker else INDENT_STEP)


NOTE = "※"  # a remark on the line above: not an item, and no continuation of it


def is_note(text: str) -> bool:
    return text.lstrip().startswith(NOTE)


def is_symbol_glyph(char: str) -> bool:
    """A private-use code point: a symbol font's bullet whose shape has no Unicode."""
    return "\ue000" <= char <= "\uf8ff"


def split_marker(text: str) -> tuple[str | None, str]:
    """The leading marker and the rest; ``가.``/``나.`` (and ``가..``) share the marker ``가.``; a
    symbol font's bullet (a private-use code point) is a marker of its own."""
    text = text.strip()
    if text.startswith(DOUBLE_STAR):  # ``** 구독료 : 53백`` beside ``* 임차비 : 377백``
        return "*", text[len(DOUBLE_STAR) :].strip()
    if text and (
        (text[0] in MARKERS and (text[0] not in SPACED or text[1:2] == " "))
        or is_symbol_glyph(text[0])
    ):
        return SAME_MARKER.get(text[0], text[0]), text[1:].strip()
    enumerator = ENUMERATOR.match(text)
    if enumerator:
        marker = enumerator["marker"] or enumerator["tight"]
        kind = re.sub(f"[{LETTER}]", "가", re.sub(r"\d+", "1", marker)).replace(" ", "")
        kind = kind.replace("..", ".")  # ``가.. DB 구축``: a stop typed twice
        rest = text[enumerator.end() :].strip()
        if kind.startswith("<"):  # ``< ②-1 유학생 교류사업> : …``: the bracket closes on the name
            rest = rest.replace(">", "", 1).strip()
        return kind, rest
    banner = BANNER_LINE.match(text)
    if banner:
        return BANNER, f"{banner['title']} {text[banner.end() :]}".strip()
    return None, text


# ``< 4단계 두뇌한국21 사업 523,764백만원 >``: a title in angle brackets over the lines of the
# money it names (a 사업, a year's table); every line under it, however far out it starts.
# A bracketed tag before an item's figures (``<시설장> 5,290원*12개월``) is no title.
BANNER = "<>"
BANNER_LINE = re.compile(
    r"^[<〈‹《]\s*(?P<title>[^<>〈〉‹›《》]+?)\s*[>〉›》]"
    r"(?=\s*(?:[+△▲-]?\s*[\d,.]+\s*(?:백만원|%)?\s*(?:증액|감액|순증)?|-\s*전년\s*동)?\s*$)"
)  # after it, at most the change from the year before


def is_banner(key: str | None) -> bool:
    return key == BANNER


SERIES = (  # each numbers its items one glyph a number
    CIRCLED,
    DINGBAT_CIRCLED,
    CIRCLED_LETTERS,
    CIRCLED_HANGUL[:14],
    CIRCLED_HANGUL[14:],
    NEGATIVE_CIRCLED,
    NEGATIVE_CIRCLED_SERIF,
    PARENTHESIZED,
)
SYMBOL_BEFORE_NUMBER = re.compile(r"^[-–−•·ㆍ․‧]\s+")  # ``- (1) 대학 …``: an item of a split list


def ordinal(text: str) -> tuple[str, str] | None:
    """The series and the number a numbered line opens with: ``② 포털`` → (``①``, ``2``),
    ``(3) 바이오`` → (``(1)``, ``3``), ``나. 운영`` → (``가.``, ``2``), ``1-2. 구축`` →
    (``1-1.``, ``1-2``); a bullet before the number is skipped (``- (1) 대학``). ``None``
    for a line that is not numbered."""
    text = SYMBOL_BEFORE_NUMBER.sub("", text.strip())
    first = text[:1]
    for series in SERIES:
        if first and first in series:
            return level_key(first), str(series.index(first) + 1)
    enumerator = ENUMERATOR.match(text)
    if enumerator is None:
        return None
    marker = enumerator["marker"] or enumerator["tight"]
    letter = re.search(f"[{LETTER}](?= ?[.)])", marker)
    number = str(LETTER.index(letter[0]) + 1) if letter else re.findall(r"\d+(?:-\d+)*", marker)[-1]
    return split_marker(text)[0] or marker, number


def number_between(before: str, after: str) -> str | None:
    """The number of a series printed between two others (``㉑`` between ``⑳`` and ``㉒``),
    or ``None`` where they are no two apart in one series."""
    for series in SERIES:
        if before in series and after in series and series.index(after) == series.index(before) + 2:
            return series[series.index(before) + 1]
    return None


def level_key(marker: str) -> str:
    """What marks one level: variants of a symbol are one (``·`` is ``•``), and so are
    the circled numbers (``①``, ``②`` … open siblings), and the circled letters
    (``ⓐ``, ``㉠``, ``㉮``)."""
    if marker in CIRCLED + DINGBAT_CIRCLED:
        return "①"
    if marker in CIRCLED_LETTERS:
        return "ⓐ"
    if marker in CIRCLED_HANGUL:
        return "㉠"
    if marker in NEGATIVE_CIRCLED + NEGATIVE_CIRCLED_SERIF:
        return "➊"
    if marker in PARENTHESIZED:
        return "⑴"
    return SAME_LEVEL.get(marker, marker)


def leading_marker(label: object) -> str | None:
    """The level a row label's marker gives (``․``, ``-``, ``○``, ``①``), if it has one."""
    text = label.strip() if isinstance(label, str) else ""
    return level_key(text[0]) if text and text[0] in ROW_MARKERS else None


def opens_with_marker(text: str) -> bool:
    return bool(text) and text[0] in ROW_MARKERS


def strip_markers(label: str) -> str:
    """A row label without the markers it opens with."""
    return label.lstrip(ROW_MARKERS)


def follows(before: str, number: str) -> bool:
    """``2`` after ``1``, ``2-2`` after ``2-1``."""
    *head, last = before.split("-")
    *number_head, number_last = number.split("-")
    same_head = head == number_head
    return (
        same_head and last.isdigit() and number_last.isdigit() and int(number_last) == int(last) + 1
    )
