"""Benchmark: yesan's HWP 5.0 and HWPX readers on the corpus, next to python-hwpx.

Usage: ``make bench`` or ``python bench/hwp.py [FOLDER]`` (default: ../shared/corpus).
Each measurement runs in a fresh child process, so its peak memory (ru_maxrss) is its own:

- ``yesan hwp`` / ``yesan hwpx``: ``read_document`` plus the recognisers (what
  ``yesan extract`` does per file) on every file whose content is HWP 5.0 / HWPX;
- ``python-hwpx``: ``HwpxDocument.open`` and every top-level table's grid on the same
  files (an independent reader; it skips nested tables, so it does less work);
- the 55-table ``2022년 국립국어원 업무계획.hwp`` alone, best of 5 reads.

Quote ratios measured side by side in one run, with this command.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LARGE = "hwp-hwpx-pdf/2022년 국립국어원 업무계획.hwp"


def files_of(folder: Path, kind: str) -> list[Path]:
    from pipeline.extract import sniff_format

    found = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".hwp", ".hwpx")):
        try:
            if sniff_format(path.read_bytes(), path.name) == kind:
                found.append(path)
        except Exception:
            continue
    return found


def yesan(paths: list[Path]) -> None:
    from pipeline.extract import read_document
    from pipeline.extract.rows import document_to_rows

    for path in paths:
        document_to_rows(read_document(path))


def python_hwpx(paths: list[Path]) -> None:
    import hwpx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            document = hwpx.HwpxDocument.open(str(path))
            for paragraph in document.paragraphs:
                for table in getattr(paragraph, "tables", []):
                    list(table.iter_grid())


def large(folder: Path) -> float:
    from pipeline.extract import read_document

    times = []
    for _ in range(5):
        start = time.perf_counter()
        read_document(folder / LARGE)
        times.append(time.perf_counter() - start)
    return min(times)


def child(mode: str, kind: str, folder: Path) -> None:
    paths = files_of(folder, kind)
    start = time.perf_counter()
    if mode == "large":
        seconds = large(folder)
    else:
        (yesan if mode == "yesan" else python_hwpx)(paths)
        seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"files": len(paths), "seconds": seconds, "peak_mib": peak_mib}))


def run(mode: str, kind: str, folder: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, kind, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main(folder: Path) -> None:
    for kind in ("hwp", "hwpx"):
        ours, theirs = run("yesan", kind, folder), run("python-hwpx", kind, folder)
        print(f"{ours['files']} {kind.upper()} files under {folder}")
        for name, r in (("yesan", ours), ("python-hwpx", theirs)):
            print(
                f"  {name:<12} {r['seconds']:6.2f} s  {r['files'] / r['seconds']:6.1f} docs/s  "
                f"peak {r['peak_mib']:5.0f} MiB"
            )
        print(f"  yesan takes {ours['seconds'] / theirs['seconds']:.2f}x python-hwpx's time")
    big = run("large", "hwp", folder)
    print(f"{LARGE} (55 tables): {big['seconds'] * 1000:.0f} ms, best of 5")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
