"""The transform stage: the staged extract tables → the staged transform tables.

Each ``x_to_y`` step is pure (DataFrame in, DataFrame out), so tests and debug commands
can stop at any step; ``transform_staged`` reads the extract tables from one folder and
writes the transform tables to another.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.schema import tables
from pipeline.staging import read_staged, write_staged
from pipeline.transform.breakdown import breakdown_raw_to_lines
from pipeline.transform.cells import cells_to_values
from pipeline.transform.contacts import contacts_to_people
from pipeline.transform.projects import overview_to_projects
from pipeline.transform.schedule import schedule_raw_to_schedule
from pipeline.transform.summary import summary_cells_to_budget_summary

COPIED = ("documents", "pages", "paragraphs", "quarantine", "seen", "run")


def transform_staged(extract_dir: Path, transform_dir: Path) -> dict[str, pd.DataFrame]:
    """Read the staged extract tables, write the staged transform tables, return them."""

    def staged(name: str) -> pd.DataFrame:
        return read_staged(extract_dir, name)

    lines, factors = breakdown_raw_to_lines(staged("breakdown_raw"))
    frames = {
        **{name: staged(name) for name in COPIED},
        "budget_summary": summary_cells_to_budget_summary(staged("summary_cells")),
        "breakdown_lines": lines,
        "breakdown_formula_factors": factors,
        "schedule": schedule_raw_to_schedule(staged("schedule_raw")),
        "projects": overview_to_projects(
            staged("overview"), staged("documents"), staged("sections")
        ),
        "contacts": contacts_to_people(staged("contacts")),
        "cells": cells_to_values(staged("cells")),
    }
    write_staged(transform_dir, frames, tables().transform)
    return frames
