"""Benchmark: a generated budget book, the whole pipeline against bare pdfplumber.

Usage: ``make bench`` or ``python bench/book.py [PROJECTS] [--curve]``. In one run, on
the same book (``tools/budget_book.py``, seed 1; 900 세부사업 ≈ 1,000 pages; cached in
``bench/.cache``):

- bare pdfplumber: ``page.extract_tables()`` on every page, one process;
- ``yesan run`` on a folder holding only the book (extract with ``--jobs`` workers,
  transform, load, checks, report), as a subprocess;
- ``yesan run`` again with nothing changed;
- three analyst queries on a mart of one million 산출내역 lines (the book's lines
  copied under new document ids);
- ``yesan extract``, ``transform``, ``load`` and ``check`` one by one, in a fresh folder.

Peak memory is the largest proportional set size (PSS) of the process tree, sampled every
50 ms from ``/proc``. ``--curve`` adds ``yesan extract`` on books of 100, 500, 1,000 and
2,000 pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"
YESAN = Path(sys.executable).with_name("yesan")
STAGES = ("extract", "transform", "load", "check")
PAGES_PER_PROJECT = 942 / 850  # measured on seed 1
QUERIES = {
    "spend by account, top 10": """
        SELECT account, sum(amount_won) AS won FROM breakdown_lines
        WHERE parent_line_id IS NULL GROUP BY account ORDER BY won DESC LIMIT 10""",
    "parents off their children": """
        SELECT p.document_id, p.line_id, p.amount_won, sum(c.amount_won) AS children
        FROM breakdown_lines p JOIN breakdown_lines c
          ON c.document_id = p.document_id AND c.parent_line_id = p.line_id
        GROUP BY ALL HAVING sum(c.amount_won) <> p.amount_won""",
    "formula mismatches per project": """
        SELECT document_id, project, count(*) FROM breakdown_lines
        WHERE formula_status = 'mismatch' GROUP BY ALL ORDER BY 3 DESC LIMIT 20""",
}


def book(projects: int) -> Path:
    from tools.budget_book import write_book

    target = CACHE / f"book-{projects}-1.pdf"
    if not target.exists():
        write_book(projects, 1, CACHE, ("pdf",))
    return target


class PeakMemory:
    """The largest summed PSS of a process and its descendants, sampled from /proc: pages
    the workers share with the fork server (its preloaded libraries) count once, split
    between them, where summed RSS would count them once per worker."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            parents: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                        parents[int(entry)] = int(stat[1])
                    except (OSError, IndexError, ValueError):
                        continue
            tree, frontier = {self.pid}, [self.pid]
            while frontier:
                children = [p for p, parent in parents.items() if parent in frontier]
                frontier = [c for c in children if c not in tree]
                tree.update(frontier)
            self.peak = max(self.peak, sum(_pss(pid) for pid in tree))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def timed(command: list[str]) -> tuple[float, int, int]:
    """(seconds, peak bytes of the tree, exit code) of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = PeakMemory(process.pid)
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        print(stderr.decode(errors="replace")[-2000:], file=sys.stderr)
    return seconds, memory.stop(), process.returncode


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def project_folder(pdf: Path, base: Path) -> list[str]:
    (base / "raw").mkdir(parents=True)
    os.link(pdf, base / "raw" / pdf.name)
    shutil.copytree(ROOT / "expectations", base / "expectations")
    return [
        "--raw-dir", str(base / "raw"), "--staged-dir", str(base / "staged"),
        "--mart-path", str(base / "marts" / "budget.duckdb"),
        "--expectations-dir", str(base / "expectations"),
    ]  # fmt: skip


def analyst_queries(mart: Path, lines: int = 1_000_000) -> dict[str, float]:
    import duckdb

    connection = duckdb.connect(str(mart))
    per_copy = connection.execute("SELECT count(*) FROM breakdown_lines").fetchone()[0]
    copies = -(-lines // per_copy)
    connection.execute(
        "CREATE TABLE million AS SELECT * REPLACE (document_id || '-' || copy AS document_id) "
        f"FROM breakdown_lines, range({copies}) AS r(copy) LIMIT {lines}"
    )
    connection.execute("DROP TABLE breakdown_lines")
    connection.execute("ALTER TABLE million RENAME TO breakdown_lines")
    connection.execute("CHECKPOINT")
    timings = {}
    for name, sql in QUERIES.items():
        start = time.perf_counter()
        connection.execute(sql).fetchall()
        timings[name] = time.perf_counter() - start
    connection.close()
    return timings


def main(projects: int, curve: bool) -> None:
    pdf = book(projects)
    pages = len(__import__("pypdfium2").PdfDocument(str(pdf)))
    print(f"book: {pdf.name}, {pages} pages, {pdf.stat().st_size / 2**20:.1f} MiB")
    bare = timed([sys.executable, __file__, "--bare", str(pdf)])
    print(f"  bare pdfplumber extract_tables  {bare[0]:7.1f} s  {pages / bare[0]:6.2f} pages/s  "
          f"peak {bare[1] / 2**20:6.0f} MiB")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        options = project_folder(pdf, Path(folder))
        first = timed([str(YESAN), "run", *options])
        print(f"  yesan run (jobs {os.cpu_count()})           {first[0]:7.1f} s  "
              f"{pages / first[0]:6.2f} pages/s  peak {first[1] / 2**20:6.0f} MiB  "
              f"exit {first[2]}")  # fmt: skip
        print(f"  throughput: yesan run {bare[0] / first[0]:.2f}x bare pdfplumber")
        again = timed([str(YESAN), "run", *options])
        print(f"  yesan run again, nothing changed  {again[0]:5.1f} s  exit {again[2]}")
        timings = analyst_queries(Path(folder) / "marts" / "budget.duckdb")
    with tempfile.TemporaryDirectory() as folder:
        options = project_folder(pdf, Path(folder))
        stages = {s: timed([str(YESAN), s, *options]) for s in STAGES}
    print("  stage by stage: " + ", ".join(
        f"{stage} {seconds:.1f} s (peak {peak / 2**20:.0f} MiB)"
        for stage, (seconds, peak, _) in stages.items()
    ))  # fmt: skip
    for name, seconds in timings.items():
        print(f"  query on 1,000,000 산출내역 lines: {name:<32} {seconds * 1000:7.0f} ms")
    if curve:
        for size in (100, 500, 1000, 2000):
            pdf = book(round(size / PAGES_PER_PROJECT))
            with tempfile.TemporaryDirectory() as folder:
                seconds, peak, _ = timed(
                    [str(YESAN), "extract", *project_folder(pdf, Path(folder))]
                )
            print(f"  extract {size:>5} pages: {seconds:6.1f} s, peak {peak / 2**20:6.0f} MiB")
    print(json.dumps({"pages": pages, "bare_s": bare[0], "run_s": first[0], "again_s": again[0]}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--bare"]:
        bare_pdfplumber(Path(sys.argv[2]))
    else:
        numbers = [a for a in sys.argv[1:] if a.isdigit()]
        main(int(numbers[0]) if numbers else 900, "--curve" in sys.argv)
