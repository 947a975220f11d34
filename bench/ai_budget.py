"""Benchmark: the real AI budget books, the whole pipeline against bare pdfplumber.

Usage: ``make bench`` or ``python bench/ai_budget.py [CORPUS]``. ``CORPUS`` is the shared
corpus folder (default ``../shared/corpus`` from the repository root) or its
``ai-budget-2026/`` folder itself: 24 ministries' sections of the 2026 정부 AI 예산사업
통합 설명자료, about 1,580 pages. In one run, on the same PDFs:

- bare pdfplumber: ``page.extract_tables()`` on every page of every PDF, pages closed as
  it goes, in one process;
- ``yesan run`` on a temporary ``raw/`` folder of symlinks to the PDFs (extract with
  ``--jobs`` workers, as many as cores, as in ``bench/book.py``; transform, load, checks,
  report), as a subprocess, with the repository's ``expectations/``.

Peak memory is the largest proportional set size (PSS) of the process tree, sampled every
50 ms from ``/proc`` (``bench/book.py``'s sampler). The figures are times measured side
by side in one run on one machine: quote them as ratios (bare time / yesan time), with
this command, not as absolute seconds.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from book import ROOT, YESAN, bare_pdfplumber, timed

CORPUS = ROOT.parent / "shared" / "corpus"
BOOKS = "ai-budget-2026"


def pdfs_of(corpus: Path) -> list[Path]:
    """The PDFs of ``corpus/ai-budget-2026`` (or of ``corpus`` if it is that folder)."""
    if not corpus.is_dir():
        sys.exit(f"ai_budget.py: no corpus folder at {corpus} (pass the one holding {BOOKS}/)")
    folder = corpus / BOOKS if (corpus / BOOKS).is_dir() else corpus
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"ai_budget.py: no PDFs in {folder} (pass the folder holding {BOOKS}/)")
    return pdfs


def page_count(pdfs: list[Path]) -> int:
    import pypdfium2

    total = 0
    for pdf in pdfs:
        document = pypdfium2.PdfDocument(str(pdf))
        total += len(document)
        document.close()
    return total


def raw_folder(pdfs: list[Path], base: Path) -> list[str]:
    """``yesan`` options for a folder whose ``raw/`` holds symlinks to ``pdfs``."""
    (base / "raw").mkdir(parents=True)
    for pdf in pdfs:
        (base / "raw" / pdf.name).symlink_to(pdf.resolve())
    return [
        "--raw-dir", str(base / "raw"), "--staged-dir", str(base / "staged"),
        "--mart-path", str(base / "marts" / "budget.duckdb"),
        "--expectations-dir", str(ROOT / "expectations"),
    ]  # fmt: skip


def quarantined(mart: Path) -> list[tuple[str, str]]:
    """(file name, reason) of the documents the run could not read."""
    import duckdb

    if not mart.exists():
        return []
    with duckdb.connect(str(mart), read_only=True) as connection:
        rows = connection.execute("SELECT path, reason FROM quarantine ORDER BY path").fetchall()
    return [(Path(path).name, reason) for path, reason in rows]


def main(corpus: Path) -> None:
    pdfs = pdfs_of(corpus)
    pages = page_count(pdfs)
    print(f"{BOOKS}: {len(pdfs)} PDFs, {pages:,} pages")
    bare = timed([sys.executable, __file__, "--bare", *map(str, pdfs)])
    if bare[2] != 0:
        sys.exit(f"ai_budget.py: bare pdfplumber failed (exit {bare[2]})")
    print(f"  {'bare pdfplumber extract_tables()':<34} {bare[0]:7.1f} s  "
          f"{pages / bare[0]:6.2f} pages/s  peak {bare[1] / 2**20:6.0f} MiB")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        options = raw_folder(pdfs, Path(folder))
        run = timed([str(YESAN), "run", *options])
        failed = quarantined(Path(folder) / "marts" / "budget.duckdb")
    print(f"  {f'yesan run (jobs {os.cpu_count()})':<34} {run[0]:7.1f} s  "
          f"{pages / run[0]:6.2f} pages/s  peak {run[1] / 2**20:6.0f} MiB  "
          f"exit {run[2]}")  # fmt: skip
    if failed:
        print("  quarantined by yesan run: " + ", ".join(f"{n} ({r})" for n, r in failed))
    print(f"  throughput: yesan run {bare[0] / run[0]:.2f}x bare pdfplumber")


if __name__ == "__main__":
    if sys.argv[1:2] in (["-h"], ["--help"]):
        print(__doc__)
    elif sys.argv[1:2] == ["--bare"]:
        for path in sys.argv[2:]:
            bare_pdfplumber(Path(path))
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
