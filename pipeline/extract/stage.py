"""The extract stage: every new or changed file of ``raw/`` to staged Parquet.

Each file is read by its reader in an isolated worker (``pipeline.extract.parallel``)
and laid out (``pipeline.extract.layout``); ``pipeline.extract.rows`` flattens it and
what the recognisers found into staged rows. Files that cannot be read are
quarantined, so the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from pipeline.errors import DocumentError
from pipeline.extract.executors import make_executor
from pipeline.extract.isolated import Limits
from pipeline.extract.parallel import ParallelReader
from pipeline.extract.result import ExtractResult, Problem
from pipeline.schema import tables
from pipeline.settings import PipelineSettings
from pipeline.staging import combine_partitions, extract_columns, rows_to_frame, write_staged
from pipeline.versions import extractor_version

# the staged tables each worker writes for its document (``documents``: the parent, from
# the row each worker hands back)
PARTITIONED = [
    "pages",
    "sections",
    "paragraphs",
    "cells",
    "overview",
    "contacts",
    "summary_cells",
    "breakdown_raw",
    "schedule_raw",
]
Known = dict[str, tuple[str, str | None]]  # path → (sha256, extractor version), from the mart


def raw_files(raw_dir: Path) -> list[Path]:
    """Every regular file under ``raw/``, hidden files left out, in a stable order."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir} is not a folder")
    return sorted(
        p
        for p in raw_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
    )


def extract_documents(
    settings: PipelineSettings,
    known: Known,
    on_document: Callable[[Path], None] | None = None,
    before_reading: Callable[[], None] | None = None,
) -> ExtractResult:
    """Read every new or changed file in ``raw/`` and write the staged extract tables.

    ``known`` is what the mart holds (path → sha256 and extractor version; the
    orchestrator reads it): a file whose path and sha256 are there, read by the same
    extraction code, is not read again; a path there that is gone from ``raw/`` counts
    as removed. A file with the same bytes as another (one ``document_id``) is loaded
    once, under the path the mart knows, else the first in path order; the other gets
    a warning and, if it was a document of its own before, counts as removed.
    """
    result = ExtractResult()
    limits = Limits(settings.memory_limit_mib, settings.time_limit_s)
    parts_dir = settings.extract_dir / "parts"
    shutil.rmtree(parts_dir, ignore_errors=True)  # what a killed run left
    files = raw_files(settings.raw_dir)
    present = {str(path) for path in files}
    owners = {sha256: path for path, (sha256, _) in known.items() if path in present}
    executor = make_executor(settings.executor, limits, settings.workers, settings.scheduler)
    with ParallelReader(executor, parts_dir) as reader:
        reading: dict[Path, tuple[str | None, Future]] = {}
        for path in files:
            sha256 = _sha256(path)
            if _classify(path, sha256, owners, known, result):
                if before_reading and not reading:
                    before_reading()
                reading[path] = (sha256, reader.submit(path, sha256))
        for path in files:  # results in path order, whatever order the workers end in
            if path in reading:
                sha256, future = reading[path]
                _take(path, sha256, future, result)
            if on_document:
                on_document(path)
    duplicates = set(result.duplicates)
    own = [path for path in result.seen if path not in duplicates]
    result.removed = len(set(known) - set(own))
    read = [d["document_id"] for d in result.documents]
    settings.extract_dir.mkdir(parents=True, exist_ok=True)
    combine_partitions(parts_dir, read, PARTITIONED, settings.extract_dir)
    frames = {"documents": rows_to_frame(result.documents, extract_columns("documents"))}
    frames["quarantine"] = rows_to_frame(
        [vars(p) for p in result.quarantined], extract_columns("quarantine")
    )
    frames["seen"] = rows_to_frame([{"path": p} for p in own], extract_columns("seen"))
    frames["run"] = rows_to_frame([result.run_row()], extract_columns("run"))
    write_staged(settings.extract_dir, frames, tables().extract)
    shutil.rmtree(parts_dir, ignore_errors=True)
    return result


def _classify(
    path: Path,
    sha256: str | None,
    owners: dict[str, str],
    known: Known,
    result: ExtractResult,
) -> bool:
    """Count ``path`` as seen (duplicate, unchanged, new or changed); whether to read it."""
    result.seen.append(str(path))
    owner = owners.setdefault(sha256, str(path)) if sha256 else str(path)
    if owner != str(path):
        result.duplicates.append(str(path))
        result.warnings.append(
            Problem(
                str(path),
                "duplicate",
                f"the same bytes as {owner}: one document, loaded once under that path",
                sha256,
                result.run_id,
            )
        )
        return False
    if known.get(str(path)) == (sha256, extractor_version()):
        result.unchanged += 1
        return False
    result.changed += str(path) in known
    result.new += str(path) not in known
    return True


def _take(path: Path, sha256: str | None, future: Future, result: ExtractResult) -> None:
    """A worker's document row into the result, or the file into the quarantine."""
    try:
        document, warnings = future.result()
    except DocumentError as exc:
        problem = Problem(str(path), exc.reason, exc.message, sha256, result.run_id)
        result.quarantined.append(problem)
        return
    result.documents.append({**document, "extractor_version": extractor_version()})
    result.warnings.extend(warnings)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
