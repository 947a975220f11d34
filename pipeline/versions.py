"""Versions a run records: of the package, and of the code that decides its results.

A document whose bytes are unchanged is extracted again only when the extraction code
changed (``extractor_version``: a hash of the sources that decide extract's and
transform's results, the budget vocabulary and the table definitions included), so a
nightly run skips what it has already read without serving results of older code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_SUFFIXES = (".py", ".sql", ".json", ".yml")


def _source_hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        target = PACKAGE / part
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for file in (f for f in files if f.suffix in SOURCE_SUFFIXES and f.is_file()):
            digest.update(file.relative_to(PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@cache
def extractor_version() -> str:
    return _source_hash(
        "extract", "transform", "budget", "schema", "model.py", "staging.py", "encoding.py"
    )


@cache
def rules_version() -> str:
    return _source_hash("checks", "budget", "schema")


def pipeline_version() -> str:
    try:
        return version("yesan")
    except PackageNotFoundError:
        return "unknown"
