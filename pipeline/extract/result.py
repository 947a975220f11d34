"""What an extract run found: the documents read, those quarantined, the warnings."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipeline.versions import extractor_version, pipeline_version, rules_version

# Page statuses worth a warning line, with what happened to the page's content.
PAGE_PROBLEMS = {
    "broken-text-layer": "its text is not loaded",
    "too-many-lines": "its text is loaded as lines",
}


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

    @property
    def read_nothing(self) -> bool:
        """No document new, changed, removed or unreadable: the last check still holds."""
        return not (self.documents_read or self.quarantined or self.removed)

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
