"""Settings of a pipeline run, validated on creation.

Every field has a default and a ``help`` text; the CLI builds its options from them
and a test checks that the README documents each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class PipelineSettings:
    """Where a run reads its documents and writes its outputs."""

    raw_dir: Path = field(
        default=Path("raw"), metadata={"help": "folder of input documents (HWP, HWPX, PDF, text)"}
    )
    staged_dir: Path = field(
        default=Path("staged"), metadata={"help": "folder of Parquet written by extract/transform"}
    )
    mart_path: Path = field(
        default=Path("marts/budget.duckdb"), metadata={"help": "the DuckDB file of the marts"}
    )
    expectations_dir: Path = field(
        default=Path("expectations"), metadata={"help": "GX suites and accepted_findings.yaml"}
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, Path):
                object.__setattr__(self, f.name, Path(value))
        if self.mart_path.suffix != ".duckdb":
            raise ValueError(f"mart_path must end in .duckdb, got {self.mart_path}")

    @property
    def extract_dir(self) -> Path:
        return self.staged_dir / "extract"

    @property
    def transform_dir(self) -> Path:
        return self.staged_dir / "transform"

    @property
    def accepted_findings_path(self) -> Path:
        return self.expectations_dir / "accepted_findings.yaml"

    @property
    def suites_dir(self) -> Path:
        return self.expectations_dir / "suites"

    @property
    def report_path(self) -> Path:
        return self.mart_path.with_name("check_report.json")
