"""Fingerprints of the marts: prove that a change of code leaves every mart row the same.

Usage:
    python tools/mart_fingerprint.py build OUT_DIR [--raw RAW_DIR] [--corpus ../shared/corpus]
        [--book 10]
    python tools/mart_fingerprint.py compare OLD_DIR NEW_DIR

``build`` runs ``yesan run`` on every file of the shared corpus and a generated book of
``--book`` 세부사업 (text, PDF and HWPX, seed 1), laid out under ``RAW_DIR`` (default
``OUT_DIR/raw``) as links. Give both sides of a comparison the same ``--raw``: they then
read the same paths and the same book (its HWPX bytes differ each time it is written).
It then writes each mart table and view, rows sorted, without the columns that name a
run or a moment, to
``OUT_DIR/tables/<name>.parquet``, and ``OUT_DIR/fingerprint.json``: rows and a sha256
per table. ``compare`` prints, per table, whether the two sides are identical, and for a
table that differs its columns and the rows found on one side only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
# Columns that name a run, a moment or a code version: they differ between any two runs.
VOLATILE = {
    "run_id",
    "first_seen_run_id",
    "started_at",
    "ended_at",
    "loaded_at",
    "checked_at",
    "quarantined_at",
    "removed_at",
    "extractor_version",
    "rules_version",
    "pipeline_version",
    "check_fingerprint",
}
SAMPLE_ROWS = 5


def lay_out_raw(raw: Path, corpus: Path, book: int) -> None:
    """Links to every corpus file, and the generated book, under ``raw``."""
    shutil.rmtree(raw, ignore_errors=True)
    for source in sorted(p for p in corpus.rglob("*") if p.is_file()):
        if source.name in ("README.md", "MANIFEST.tsv") or source.suffix == ".tsv":
            continue
        target = raw / "corpus" / source.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(source.resolve())
    for sample in sorted(p for p in (ROOT / "raw").iterdir() if p.is_file()):
        (raw / "sample").mkdir(parents=True, exist_ok=True)
        (raw / "sample" / sample.name).symlink_to(sample.resolve())
    sys.path.insert(0, str(ROOT / "tools"))
    from budget_book import write_book

    write_book(book, 1, raw / "book", ("txt", "pdf", "hwpx"))
    for answers in (raw / "book").glob("*.json"):
        answers.unlink()


def run_pipeline(out: Path, raw: Path) -> int:
    command = [
        sys.executable,
        "-c",
        "from pipeline.cli import main; main()",
        "run",
        "--raw-dir",
        str(raw),
        "--staged-dir",
        str(out / "staged"),
        "--mart-path",
        str(out / "marts" / "budget.duckdb"),
        "--expectations-dir",
        str(ROOT / "expectations"),
    ]
    return subprocess.run(command, cwd=out, check=False).returncode


def snapshot(mart: Path, tables_dir: Path) -> dict[str, dict[str, object]]:
    """Each table and view of ``mart``, sorted and without volatile columns."""
    tables_dir.mkdir(parents=True, exist_ok=True)
    fingerprint: dict[str, dict[str, object]] = {}
    connection = duckdb.connect(str(mart), read_only=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name"
            ).fetchall()
        ]
        for name in names:
            frame = connection.execute(f'SELECT * FROM "{name}"').df()
            frame = frame.drop(columns=[c for c in frame.columns if c in VOLATILE])
            frame = _sorted(frame)
            frame.to_parquet(tables_dir / f"{name}.parquet", index=False)
            digest = hashlib.sha256()
            digest.update(json.dumps(list(frame.columns)).encode())
            for row in frame.itertuples(index=False):
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
            fingerprint[name] = {"rows": len(frame), "sha256": digest.hexdigest()}
    finally:
        connection.close()
    return fingerprint


def _plain(value: object) -> object:
    if hasattr(value, "tolist"):
        return value.tolist()  # numpy arrays (``bbox``) and scalars
    return None if value is None or pd.isna(value) else value  # type: ignore[call-overload]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = frame.astype(str)
    order = keys.sort_values(list(keys.columns), kind="mergesort").index if len(frame) else []
    return frame.loc[order].reset_index(drop=True)


def build(out: Path, raw: Path | None, corpus: Path, book: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("staged", "marts", "tables"):
        shutil.rmtree(out / folder, ignore_errors=True)
    if raw is None or not raw.exists():
        raw = raw or out / "raw"
        lay_out_raw(raw, corpus, book)
    code = run_pipeline(out, raw)
    fingerprint = snapshot(out / "marts" / "budget.duckdb", out / "tables")
    (out / "fingerprint.json").write_text(json.dumps(fingerprint, indent=2) + "\n")
    print(f"yesan run exit code {code}; {len(fingerprint)} tables fingerprinted in {out}")
    return 0


def compare(old: Path, new: Path) -> int:
    before = json.loads((old / "fingerprint.json").read_text())
    after = json.loads((new / "fingerprint.json").read_text())
    differing = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a == b:
            print(f"same      {name}: {a['rows']} rows")  # type: ignore[index]
            continue
        differing += 1
        print(f"DIFFERENT {name}: {a and a['rows']} → {b and b['rows']} rows")
        if a and b:
            _explain(old / "tables" / f"{name}.parquet", new / "tables" / f"{name}.parquet")
    print(f"{differing} of {len(set(before) | set(after))} tables differ")
    return 1 if differing else 0


def _explain(old: Path, new: Path) -> None:
    a, b = pd.read_parquet(old), pd.read_parquet(new)
    if list(a.columns) != list(b.columns):
        print(f"  columns only before: {sorted(set(a.columns) - set(b.columns))}")
        print(f"  columns only after: {sorted(set(b.columns) - set(a.columns))}")
    common = [c for c in a.columns if c in b.columns]
    rows_a = Counter(a[common].astype(str).itertuples(index=False, name=None))
    rows_b = Counter(b[common].astype(str).itertuples(index=False, name=None))
    only_a, only_b = rows_a - rows_b, rows_b - rows_a
    print(
        f"  over {len(common)} shared columns: {sum(only_a.values())} rows only before, "
        f"{sum(only_b.values())} only after"
    )
    for label, rows in (("before", only_a), ("after", only_b)):
        for row in list(rows)[:SAMPLE_ROWS]:
            print(f"  only {label}: {dict(zip(common, row, strict=True))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    make = verbs.add_parser("build")
    make.add_argument("out", type=Path)
    make.add_argument("--raw", type=Path, default=None)
    make.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    make.add_argument("--book", type=int, default=10)
    diff = verbs.add_parser("compare")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.verb == "build":
        raw = args.raw.resolve() if args.raw else None
        return build(args.out.resolve(), raw, args.corpus.resolve(), args.book)
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
