"""Extract: files → document model → recognised values, staged as Parquet.

``read_document`` sniffs a file's content and calls the reader for its format;
``pipeline.extract.rows`` flattens a document and what the recognisers found into
staged rows; ``extract_documents`` does both for every file in ``raw/`` and quarantines
the files that cannot be read, so the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import secrets
import shutil
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.hwp import hwp_to_document
from pipeline.extract.hwpx import hwpx_to_document
from pipeline.extract.pdf import pdf_to_document
from pipeline.extract.sniff import decode_text, sniff_format
from pipeline.extract.text import text_to_document
from pipeline.model import Document
from pipeline.settings import PipelineSettings
from pipeline.staging import EXTRACT_COLUMNS, combine_partitions, rows_to_frame, write_staged
from pipeline.versions import extractor_version, pipeline_version, rules_version
from pipeline.worker import Limits

Reader = Callable[[bytes, str, str], Document]
# Page statuses worth a warning line, with what happened to the page's content.
PAGE_PROBLEMS = {
    "broken-text-layer": "its text is not loaded",
    "too-many-lines": "its text is loaded as lines",
}


def _read_text(data: bytes, document_id: str, path: str) -> Document:
    text = decode_text(data)
    if text is None:
        raise DocumentError("not-text", "the bytes are not UTF-8 or CP949 text")
    return text_to_document(text, document_id, path)


# the staged tables each worker writes for its document (``documents``: the parent, from
# the row each worker hands back)
PARTITIONED = [
    "pages",
    "paragraphs",
    "cells",
    "overview",
    "contacts",
    "summary_cells",
    "breakdown_raw",
    "schedule_raw",
]

READERS: dict[str, Reader] = {
    "text": _read_text,
    "pdf": pdf_to_document,
    "hwpx": hwpx_to_document,
    "hwp": hwp_to_document,
}


def read_document(path: Path, pdfium: bool = True) -> Document:
    """Read one file into the document model; raises ``DocumentError`` with a reason.
    ``pdfium=False`` reads a PDF with pdfminer alone (``pipeline.extract.pdf``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError("unreadable-file", f"cannot read the file: {exc.strerror}") from exc
    kind = sniff_format(data, path.name)
    reader = READERS.get(kind)
    if reader is None:
        raise DocumentError("unsupported-format", f"{kind} content: no {kind} reader yet")
    document_id = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        return pdf_to_document(data, document_id, str(path), pdfium=pdfium)
    return reader(data, document_id, str(path))


def new_run_id() -> str:
    """``20261125T203000Z-3f9a1c``: when a run started (UTC), and a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class Problem:
    """One document that could not be read (quarantined) or read with a warning."""

    path: str
    reason: str
    message: str
    sha256: str | None = None
    run_id: str | None = None


@dataclass
class ExtractResult:
    documents: list[dict[str, Any]] = field(default_factory=list)  # the rows of those read
    quarantined: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    run_id: str = field(default_factory=new_run_id)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    seen: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # same bytes as another file
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def documents_read(self) -> int:
        return len(self.documents)

    def run_row(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "started_at": self.started_at.replace(tzinfo=None),
            "documents_seen": len(self.seen),
            "documents_new": self.new,
            "documents_changed": self.changed,
            "documents_unchanged": self.unchanged,
            "documents_failed": len(self.quarantined),
            "documents_removed": self.removed,
            "pipeline_version": pipeline_version(),
            "extractor_version": extractor_version(),
            "rules_version": rules_version(),
        }


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
    on_document: Callable[[Path], None] | None = None,
    before_reading: Callable[[], None] | None = None,
) -> ExtractResult:
    """Read every new or changed file in ``raw/`` and write the staged extract tables.

    A file whose path and sha256 are in the mart, read by the same extraction code, is
    not read again; a path in the mart that is gone from ``raw/`` counts as removed. A
    file with the same bytes as another (one ``document_id``) is loaded once, under the
    path the mart knows, else the first in path order; the other gets a warning and,
    if it was a document of its own before, counts as removed.
    """
    from pipeline.extract.executors import make_executor
    from pipeline.extract.parallel import ParallelReader

    result = ExtractResult()
    limits = Limits(settings.memory_limit_mib, settings.time_limit_s)
    parts_dir = settings.extract_dir / "parts"
    shutil.rmtree(parts_dir, ignore_errors=True)  # what a killed run left
    known = loaded_documents(settings.mart_path)
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
    frames = {"documents": rows_to_frame(result.documents, EXTRACT_COLUMNS["documents"])}
    frames["quarantine"] = rows_to_frame(
        [vars(p) for p in result.quarantined], EXTRACT_COLUMNS["quarantine"]
    )
    frames["seen"] = rows_to_frame([{"path": p} for p in own], EXTRACT_COLUMNS["seen"])
    frames["run"] = rows_to_frame([result.run_row()], EXTRACT_COLUMNS["run"])
    write_staged(settings.extract_dir, frames)
    shutil.rmtree(parts_dir, ignore_errors=True)
    return result


def loaded_documents(mart_path: Path) -> dict[str, tuple[str, str | None]]:
    """Path → (sha256, extractor version) of every document in the mart not removed."""
    if not mart_path.exists():
        return {}
    from pipeline.load.mart import read_mart

    with read_mart(mart_path) as connection:
        columns = {row[0] for row in connection.execute("DESCRIBE documents").fetchall()}
        if "removed_at" not in columns:
            return {}
        rows = connection.execute(
            "SELECT path, document_id, extractor_version FROM documents WHERE removed_at IS NULL"
        ).fetchall()
    return {path: (document_id, version) for path, document_id, version in rows}


def _classify(
    path: Path,
    sha256: str | None,
    owners: dict[str, str],
    known: dict[str, tuple[str, str | None]],
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
