"""Benchmark: yesan's PDF reading against bare pdfplumber on the same pages.

Usage: ``make bench`` or ``python bench/pdf.py [FOLDER]`` (default: ../shared/corpus). Two
measurements, each in a fresh child process so their peak memory (ru_maxrss) is their own:

- ``pdfplumber``: ``page.extract_tables()`` on every page, nothing else;
- ``yesan``: ``read_document`` (dedupe_chars, tables with spans, text lines, page checks)
  plus the recognisers, i.e. what ``yesan extract`` does per PDF.

Quote the ratio of the two rates, measured side by side in one run, with this command.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pdf") if p.is_file())


def bare_pdfplumber(paths: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    return pages


def yesan_extract(paths: list[Path]) -> int:
    from pipeline.extract import read_document
    from pipeline.extract.rows import document_to_rows

    pages = 0
    for path in paths:
        document = read_document(path)
        document_to_rows(document)
        pages += document.pages or 0
    return pages


def child(mode: str, folder: Path) -> None:
    paths = pdfs(folder)
    start = time.perf_counter()
    pages = {"pdfplumber": bare_pdfplumber, "yesan": yesan_extract}[mode](paths)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mib": peak_mib}))


def main(folder: Path) -> None:
    results = {}
    for mode in ("pdfplumber", "yesan"):
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(folder)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[mode] = json.loads(output.strip().splitlines()[-1])
    files = len(pdfs(folder))
    print(f"{files} PDFs, {results['yesan']['pages']} pages under {folder}")
    for mode, r in results.items():
        print(
            f"  {mode:<11} {r['seconds']:7.2f} s  {r['pages'] / r['seconds']:6.2f} pages/s  "
            f"peak {r['peak_mib']:6.0f} MiB"
        )
    ratio = results["yesan"]["seconds"] / results["pdfplumber"]["seconds"]
    print(f"  yesan takes {ratio:.2f}x the time of bare extract_tables()")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
