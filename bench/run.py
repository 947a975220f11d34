"""Benchmark: time each pipeline stage over N generated copies of the sample.

Usage: ``make bench`` or ``python bench/run.py [N]``. Each copy differs by one line so it
has its own document id. Figures are stage times measured side by side in one run;
quote them as ratios, with this command.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import run  # noqa: E402
from pipeline.settings import PipelineSettings  # noqa: E402

SAMPLE = ROOT / "raw" / "000_2427d1ecc5489c44.txt"


def main(copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "raw").mkdir()
        text = SAMPLE.read_text(encoding="utf-8")
        for i in range(copies):
            (base / "raw" / f"copy_{i:04d}.txt").write_text(f"{text}\n사본 {i}\n", "utf-8")
        settings = PipelineSettings(
            raw_dir=base / "raw",
            staged_dir=base / "staged",
            mart_path=base / "marts" / "budget.duckdb",
            expectations_dir=ROOT / "expectations",
        )
        timings = {}
        for name, stage in (
            ("extract", run.extract),
            ("transform", run.transform),
            ("load", run.load),
            ("check", run.check),
        ):
            start = time.perf_counter()
            stage(settings)
            timings[name] = time.perf_counter() - start
    total = sum(timings.values())
    print(f"{copies} documents, {total:.2f} s in all ({copies / total:.1f} documents/s)")
    for name, seconds in timings.items():
        print(
            f"  {name:<9} {seconds:7.2f} s  {seconds / total:6.1%}  "
            f"{copies / seconds:8.1f} documents/s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
