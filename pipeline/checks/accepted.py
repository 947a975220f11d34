"""``expectations/accepted_findings.yaml``: failures known to be in the source, with why.

``yesan check --strict`` fails on any failing finding not listed here. An entry names
the document (sha256), the rule and the location exactly as ``findings`` prints them,
and says why the finding is accepted.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def load_accepted(path: Path) -> dict[tuple[str, str, str], str]:
    """(document_id, rule, location) → reason."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    accepted = {}
    for entry in data.get("accepted", []):
        missing = {"document_id", "rule", "location", "reason"} - set(entry)
        if missing:
            raise ValueError(f"{path}: an entry lacks {', '.join(sorted(missing))}: {entry}")
        accepted[(entry["document_id"], entry["rule"], entry["location"])] = entry["reason"]
    return accepted
