"""Render the reference 사업설명서 the way other programs lay it out: the rendering matrix.

Usage: ``python tools/render_matrix.py OUT_DIR [ENGINE:LAYOUT ...]`` (``make matrix`` runs
the whole matrix through ``tests/test_rendering_matrix.py``). Without pairs, every pair
of ``MATRIX`` is written; an engine that is not installed is reported and skipped.

The text conversion (``raw/000_2427d1ecc5489c44.txt``) is read with yesan's text reader;
its 산출내역 tables are then laid out in the arrangements printed books use, each a
``Layout`` of independent features:

- ``amount_column``: every line's amount in its own right-hand column
  (``▷ 협치모니터링 500,000원*40회`` | ``= 20,000천원``);
- ``merged_header``: ``세부 산출내역`` printed over the text and amount columns;
- ``narrow``: narrow columns, so amounts wrap (``= 190,000`` / ``천원``) and long lines
  wrap between words;
- ``spaced_units``: a number set apart from its unit (``279,940 원*15 일``);
- ``break_in_line``: a page break inside a line, its last factor (``*1식``) alone in a
  row at the top of the next page, the header repeated above it;
- ``continuation``: the first 산출내역 table continued on the next page with other
  column widths (so it is not one table on the page: the header repeated names it);
- ``merged_account``: the 과목구분 cell merged down over its lines;
- ``one_table``: (HWPX) the 산출내역 tables as one table, as a word processor keeps it.

Engines: ``chromium`` (HTML → print-to-PDF through Playwright, Debian's chromium),
``libreoffice`` (the same HTML imported by Writer, exported to PDF: ``soffice
--headless``) and ``hwpx`` (python-hwpx, cells merged with ``merge_cells``). The HTML
and HWPX bytes are deterministic; the PDFs are as deterministic as the engines are (they
stamp their creation dates).
"""

from __future__ import annotations

import html
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import bytes_to_document  # noqa: E402
from pipeline.model import Document  # noqa: E402
from pipeline.model import Table as ModelTable  # noqa: E402

SOURCE = ROOT / "raw" / "000_2427d1ecc5489c44.txt"
FAMILY = "'Noto Sans CJK KR'"  # Debian's fonts-noto-cjk, installed with chromium
CHECKBOXES = str.maketrans({"☑": "■", "☐": "□"})
INLINE_AMOUNT = re.compile(r"\s*(=\s*[\d,]+\s*천원)\s*")
UNIT_AFTER_NUMBER = re.compile(r"(\d)(천원|원|일|월|회|명|식|개|인|대)")
LAST_FACTOR = re.compile(r"(\*\s*\d[\d,]*\s*식)$")
# As root, and with no network: no sandbox, no background connections (the report test
# prints with them too).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Layout:
    """How the 산출내역 tables are printed; every feature is one arrangement of real books."""

    name: str
    amount_column: bool = False
    merged_header: bool = False
    narrow: bool = False
    spaced_units: bool = False
    break_in_line: bool = False
    continuation: bool = False
    merged_account: bool = False
    one_table: bool = False


LAYOUTS = {
    layout.name: layout
    for layout in [
        Layout("plain"),
        Layout("amount-column", amount_column=True),
        Layout("merged-header", amount_column=True, merged_header=True),
        Layout("narrow", amount_column=True, narrow=True),
        Layout("spaced-units", spaced_units=True),
        Layout("break-in-line", break_in_line=True),
        Layout("continuation", continuation=True),
        Layout("merged-account", merged_account=True),
        Layout(
            "book",
            amount_column=True,
            narrow=True,
            break_in_line=True,
            continuation=True,
            merged_account=True,
        ),
        Layout("one-table", amount_column=True, merged_account=True, one_table=True),
        Layout(
            "one-table-merged-header",
            amount_column=True,
            merged_header=True,
            merged_account=True,
            one_table=True,
        ),
    ]
}
PAGED = [name for name in LAYOUTS if not LAYOUTS[name].one_table]
MATRIX: list[tuple[str, str]] = (
    [("chromium", name) for name in PAGED]
    + [("libreoffice", name) for name in PAGED]
    + [
        ("hwpx", name)
        for name in ("plain", "merged-account", "one-table", "one-table-merged-header")
    ]
)
SUFFIX = {"chromium": ".pdf", "libreoffice": ".pdf", "hwpx": ".hwpx"}


# -- the laid-out document: paragraphs and tables of cells with spans -------------------


@dataclass
class RCell:
    """A printed cell; a merged one spans ``rowspan`` × ``colspan`` positions."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "text"  # text, amount, account, header


@dataclass
class RTable:
    """A printed table: rows of the cells that start in them (covered positions absent)."""

    rows: list[list[RCell]]
    header_rows: int = 1
    widths: list[float] | None = None  # mm; None: the engine's natural widths
    page_break_before: bool = False
    breakdown: bool = False


@dataclass
class Laid:
    blocks: list[str | RTable] = field(default_factory=list)


@dataclass
class _Line:
    """One 산출내역 row of the text conversion: 과목구분, the line, its amount column."""

    account: str
    text: str
    amount: str


def is_breakdown(table: ModelTable) -> bool:
    return bool(table.n_rows) and any("산출" in text for text in table.grid()[0])


def reference_document(source: Path = SOURCE) -> Document:
    return bytes_to_document(source.read_bytes(), str(source))


def lay_out(document: Document, layout: Layout) -> Laid:
    """The document's blocks with its 산출내역 tables in ``layout``."""
    laid = Laid()
    pending: list[ModelTable] = []  # a run of 산출내역 tables, laid out together

    def flush() -> None:
        if pending:
            laid.blocks.extend(_breakdown_tables([_lines(t) for t in pending], layout))
            pending.clear()

    for block in document.blocks:
        if isinstance(block, ModelTable):
            if block.parent is not None:
                continue
            if is_breakdown(block):
                pending.append(block)
                continue
            flush()
            grid = [[RCell(t.translate(CHECKBOXES)) for t in row] for row in block.grid()]
            laid.blocks.append(RTable(grid))
        else:
            flush()
            laid.blocks.append(block.text.translate(CHECKBOXES))
    flush()
    return laid


def _lines(table: ModelTable) -> list[_Line]:
    grid = table.grid()
    header = grid[0]
    text_col = next(c for c, h in enumerate(header) if "산출" in h)
    amount_col = text_col + 1 if text_col + 1 < len(header) else None
    return [
        _Line(row[0] if text_col else "", row[text_col], row[amount_col] if amount_col else "")
        for row in grid[1:]
    ]


def _styled(line: _Line, layout: Layout) -> _Line:
    text, amount = line.text, line.amount
    if layout.amount_column and not amount:
        found = INLINE_AMOUNT.search(text)
        if found:
            amount = found[1]
            text = f"{text[: found.start()]} {text[found.end() :]}".strip()
    if layout.spaced_units:
        text = UNIT_AFTER_NUMBER.sub(r"\1 \2", text)
        amount = UNIT_AFTER_NUMBER.sub(r"\1 \2", amount)
    return _Line(line.account, text, amount)


def _breakdown_tables(groups: list[list[_Line]], layout: Layout) -> list[RTable]:
    """The 산출내역 tables of one run of them (the text conversion's page-sized pieces)."""
    groups = [[_styled(line, layout) for line in group] for group in groups]
    if layout.one_table:
        groups = [[line for group in groups for line in group]]
    with_amount = [layout.amount_column or any(line.amount for line in g) for g in groups]
    pieces: list[tuple[list[_Line], bool, bool, int]] = []  # lines, amount col, break, widths
    for number, (group, amounts) in enumerate(zip(groups, with_amount, strict=True)):
        cuts: list[tuple[int, int]] = []  # (row, width variant) where a new page starts
        if number == 0 and layout.continuation:
            cuts.append((len(group) // 2, 1))
        split_group = list(group)
        if number == 0 and layout.break_in_line:
            at = max(i for i, line in enumerate(split_group) if LAST_FACTOR.search(line.text))
            line = split_group[at]
            factor = LAST_FACTOR.search(line.text)
            assert factor
            split_group[at : at + 1] = [
                replace(line, text=line.text[: factor.start()].rstrip()),
                _Line("", factor[1], ""),
            ]
            cuts = [(row + (row > at), variant) for row, variant in cuts]
            cuts.append((at + 1, -1))  # the same widths: the table continues
        start, variant = 0, 0
        for row, next_variant in sorted(cuts):
            pieces.append((split_group[start:row], amounts, start > 0, variant))
            start, variant = row, next_variant if next_variant >= 0 else variant
        pieces.append((split_group[start:], amounts, start > 0, variant))
    return [
        _breakdown_table(lines, amounts, layout, broken or n > 0, variant)
        for n, (lines, amounts, broken, variant) in enumerate(pieces)
    ]


WIDTHS = {  # mm: 과목구분, 세부 산출내역, amount
    (False, 0): [30, 150],
    (False, 1): [22, 158],
    (True, 0): [30, 118, 32],
    (True, 1): [24, 126, 30],
}
NARROW = {
    (False, 0): [24, 74],
    (False, 1): [20, 78],
    (True, 0): [24, 58, 16.5],
    (True, 1): [20, 62, 16.5],
}


def _breakdown_table(
    lines: list[_Line], amounts: bool, layout: Layout, page_break: bool, variant: int
) -> RTable:
    if amounts and layout.merged_header:
        header = [
            RCell("과목구분", kind="header"),
            RCell("세부 산출내역", colspan=2, kind="header"),
        ]
    else:
        header = [RCell("과목구분", kind="header"), RCell("세부 산출내역", kind="header")]
        header += [RCell("", kind="header")] if amounts else []
    rows: list[list[RCell]] = [header]
    for line in lines:
        row = [RCell(line.account, kind="account"), RCell(line.text)]
        rows.append(row + ([RCell(line.amount, kind="amount")] if amounts else []))
    if layout.merged_account:
        _merge_accounts(rows)
    widths = (NARROW if layout.narrow else WIDTHS)[(amounts, variant)]
    return RTable(rows, 1, list(widths), page_break, breakdown=True)


def _merge_accounts(rows: list[list[RCell]]) -> None:
    """The 과목구분 cell spans its lines (down to the next 과목구분); covered cells go."""
    body = rows[1:]
    starts = [i for i, row in enumerate(body) if row[0].text or i == 0]
    for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
        body[start][0].rowspan = end - start
        for row in body[start + 1 : end]:
            del row[0]


# -- HTML (Chromium, LibreOffice) -------------------------------------------------------


def _cell_html(cell: RCell, tag: str, narrow: bool) -> str:
    attributes = ""
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    classes = [cell.kind]
    if cell.kind == "amount":
        attributes += ' align="right"'
    if cell.kind == "account" and cell.rowspan > 1:
        attributes += ' valign="middle"'
    text = cell.text
    if cell.kind == "amount" and narrow:
        # the amount may wrap only between its number and its unit: ``= 190,000`` / ``천원``
        body = re.sub(r"(\d)(\s*천원)", r"\1<wbr>\2", html.escape(text).replace("= ", "=&nbsp;"))
    else:
        # lines wrap between words only (as 한글 wraps by 어절), never inside one
        body = " ".join(
            f'<span class="w">{html.escape(word)}</span>' for word in text.split(" ") if word
        ).replace("\n", "<br>")
    return f'<{tag} class="{" ".join(classes)}"{attributes}>{body}</{tag}>'


def _table_html(table: RTable, narrow: bool) -> str:
    parts = []
    if table.page_break_before:
        parts.append('<p class="break" style="page-break-before: always"></p>')
    if table.widths:
        width = sum(table.widths)
        parts.append(
            f'<table class="fixed" border="1" cellspacing="0" cellpadding="2" '
            f'width="{round(width * 96 / 25.4)}" style="width:{width}mm">'
        )
        parts.append(
            "<colgroup>"
            + "".join(
                f'<col width="{round(w * 96 / 25.4)}" style="width:{w}mm">' for w in table.widths
            )
            + "</colgroup>"
        )
    else:
        parts.append('<table border="1" cellspacing="0" cellpadding="2" width="100%">')
    for r, row in enumerate(table.rows):
        tag = "th" if r < table.header_rows and table.breakdown else "td"
        parts.append("<tr>" + "".join(_cell_html(c, tag, narrow) for c in row) + "</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def to_html(laid: Laid, layout: Layout, engine: str) -> str:
    """One HTML page, the same for both engines (LibreOffice reads the HTML attributes,
    Chromium the CSS), in the system's Noto Sans CJK KR (``fonts-noto-cjk``)."""
    style = f"""@page {{ size: A4; margin: 15mm 15mm 20mm 15mm; }}
body {{ font-family: {FAMILY}; font-size: 9pt; margin: 0; word-break: keep-all; }}
p {{ margin: 0; line-height: 13pt; }}
table {{ border-collapse: collapse; margin: 0 0 3mm 0; width: 180mm; }}
table.fixed {{ table-layout: fixed; }}
td, th {{ border: 0.5pt solid black; padding: 1pt 3pt; font-size: 7.5pt; font-weight: normal;
  line-height: 10pt; vertical-align: middle; text-align: left; word-break: keep-all; }}
th {{ background: #e8e8e8; }}
td.amount {{ text-align: right; }}
span.w {{ white-space: nowrap; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
"""
    body = [
        _table_html(block, layout.narrow)
        if isinstance(block, RTable)
        else f"<p>{html.escape(block)}</p>"
        for block in laid.blocks
    ]
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        f"<title>{html.escape(str(laid.blocks[0]))}</title><style>{style}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


FOOTER = (
    f'<div style="font-size:9pt;width:100%;text-align:center;font-family:{FAMILY}">'
    '- <span class="pageNumber"></span> -</div>'
)


def chromium_path() -> str | None:
    return shutil.which("chromium")


def print_with_chromium(pages: Iterable[tuple[Path, Path]]) -> None:
    """Each HTML file printed to its PDF by one headless Chromium (A4, ``- N -`` footers)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit("Debian's chromium is missing: apt-get install chromium fonts-noto-cjk")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for source, target in pages:
            page.goto(source.as_uri())
            page.pdf(
                path=str(target),
                format="A4",
                prefer_css_page_size=True,
                print_background=True,
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=FOOTER,
            )
        browser.close()


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_with_libreoffice(pages: Sequence[tuple[Path, Path]]) -> None:
    """Each HTML file imported by Writer (not Writer/Web: pages) and exported to PDF."""
    executable = soffice_path()
    if executable is None:
        raise SystemExit("LibreOffice is missing: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="yesan-soffice-") as profile:
        for source, target in pages:
            with tempfile.TemporaryDirectory(prefix="yesan-soffice-out-") as out:
                subprocess.run(
                    [
                        executable,
                        f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless",
                        "--norestore",
                        "--infilter=HTML (StarWriter)",
                        "--convert-to",
                        "pdf:writer_pdf_Export",
                        "--outdir",
                        out,
                        str(source),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=120,
                )
                shutil.move(str(Path(out) / f"{source.stem}.pdf"), target)


# -- HWPX -------------------------------------------------------------------------------


def to_hwpx(laid: Laid) -> bytes:
    """The laid-out document as HWPX (python-hwpx), merged cells merged; the zip is
    rewritten with fixed times so the same layout gives the same bytes."""
    from hwpx.document import HwpxDocument
    from hwpx.oxml import _document_primitives as primitives

    numbers = itertools.count(1)
    random_ids = primitives.uuid4
    primitives.uuid4 = lambda: uuid.UUID(int=next(numbers))  # element ids: 1, 2, 3, …
    try:
        document = HwpxDocument.new()
        for block in laid.blocks:
            if isinstance(block, RTable):
                _hwpx_table(document, block)
            else:
                document.add_paragraph(block)
        with tempfile.TemporaryDirectory(prefix="yesan-hwpx-") as folder:
            path = Path(folder) / "out.hwpx"
            document.save_to_path(str(path))
            return _fixed_zip(path.read_bytes())
    finally:
        primitives.uuid4 = random_ids


def _hwpx_table(document, table: RTable) -> None:  # type: ignore[no-untyped-def]
    placed = _placed(table)
    n_rows = len(table.rows)
    n_cols = max(c + cell.colspan for (_, c), cell in placed.items())
    out = document.add_table(n_rows, n_cols)
    for (r, c), cell in placed.items():
        if cell.text:
            out.set_cell_text(r, c, cell.text)
    for (r, c), cell in sorted(placed.items(), reverse=True):
        if cell.rowspan > 1 or cell.colspan > 1:
            out.merge_cells(r, c, r + cell.rowspan - 1, c + cell.colspan - 1)


def _placed(table: RTable) -> dict[tuple[int, int], RCell]:
    """Cells by (row, col) of their top-left corner, the covered positions skipped."""
    covered: set[tuple[int, int]] = set()
    placed: dict[tuple[int, int], RCell] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            placed[(r, c)] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
    return placed


def _fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        for name in ["mimetype", *(n for n in names if n != "mimetype")]:
            info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return out.getvalue()


# -- the matrix -------------------------------------------------------------------------


def engine_available(engine: str) -> bool:
    if engine == "chromium":
        return chromium_path() is not None
    if engine == "libreoffice":
        return soffice_path() is not None
    return True


def file_name(engine: str, layout: str) -> str:
    return f"{SOURCE.stem}.{engine}-{layout}{SUFFIX[engine]}"


def render_matrix(
    folder: Path, pairs: Sequence[tuple[str, str]] = MATRIX, source: Path = SOURCE
) -> dict[tuple[str, str], Path]:
    """Write each (engine, layout) rendering into ``folder``; return their paths. The
    HTML handed to the engines is kept beside them (``*.html``)."""
    folder.mkdir(parents=True, exist_ok=True)
    document = reference_document(source)
    written: dict[tuple[str, str], Path] = {}
    to_print: dict[str, list[tuple[Path, Path]]] = {"chromium": [], "libreoffice": []}
    for engine, name in pairs:
        layout = LAYOUTS[name]
        laid = lay_out(document, layout)
        target = folder / file_name(engine, name)
        if engine == "hwpx":
            target.write_bytes(to_hwpx(laid))
        else:
            page = folder / f"{SOURCE.stem}.{engine}-{name}.html"
            page.write_text(to_html(laid, layout, engine), encoding="utf-8")
            to_print[engine].append((page, target))
        written[(engine, name)] = target
    if to_print["chromium"]:
        print_with_chromium(to_print["chromium"])
    if to_print["libreoffice"]:
        print_with_libreoffice(to_print["libreoffice"])
    return written


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    folder = Path(arguments[0])
    pairs = [tuple(a.split(":", 1)) for a in arguments[1:]] or MATRIX
    chosen = []
    for engine, layout in pairs:
        if engine_available(engine):
            chosen.append((engine, layout))
        else:
            print(f"skipped {engine}:{layout}: {engine} is not installed", file=sys.stderr)
    for (engine, layout), path in render_matrix(folder, chosen).items():  # type: ignore[arg-type]
        print(f"{engine}:{layout}: {path}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main(sys.argv[1:]))
