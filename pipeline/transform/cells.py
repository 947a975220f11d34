"""Every table cell → ``cells``: the number it prints (sign applied), its unit, its 원.

A unit note makes money only of the money columns: a rate column (증감률, 집행률, %, 비율,
비중, ``(B-A)/A``) holds percents, a count column (인원, 수량) counts, and a year is a
year, never 원: one printed alone in the header rows or the label column (``2024``), or
in a column of years (연도, 사업기간, 착수연도).

A column is named by its header rows, the rows above the first that prints a figure
other than a year (or a dash): a ``(B-A)/A`` or ``비중`` under a spanned ``증감`` or
year is a rate column although row 0 names it otherwise (``column_kinds``). A table
without header rows keeps the name in its row 0 (``column_header``).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from pipeline.budget.numbers import is_dash
from pipeline.budget.periods import is_year_label, label_to_period
from pipeline.budget.units import HEADER_LENGTH, column_kind
from pipeline.transform.amounts import amount, each_distinct, nullable

# Headers of columns that hold years (and dates), whatever the unit note says.
YEAR_HEADER = re.compile(r"연도|년도|기간|착수|완료|시기")
KEYS = ["document_id", "table_index"]


def cells_to_values(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell with the number it prints (sign applied), its unit and its value in 원."""
    value, unit, won = each_distinct(cells[["text", "unit_note"]], amount, 3)
    printed = value != None  # noqa: E711 (elementwise)
    (year,) = each_distinct(cells[["text"]], lambda text: (is_year_label(text),), 1)
    (dash,) = each_distinct(cells[["text"]], lambda text: (is_dash(text),), 1)
    year, dash = year.astype(bool), dash.astype(bool)
    in_header, kind = column_kinds(cells, (printed & ~year) | dash)
    is_rate = (kind == "percent") & printed
    is_count = (kind == "count") & printed
    in_labels = (cells["col_index"] == 0).to_numpy() | in_header
    is_year = year & (in_labels | (kind == "year"))
    not_money = is_rate | is_count | is_year
    units = np.where(is_rate, "%", np.where(is_count | is_year, None, unit))
    return cells.assign(
        value=nullable(value, "Float64", cells.index),
        unit=pd.Series(units, index=cells.index, dtype=object),
        value_won=nullable(won, "Int64", cells.index).mask(not_money),
    )


def column_kinds(cells: pd.DataFrame, body: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(whether each cell is in its table's header rows, the kind of its column).

    The header rows are those above the first row with a ``body`` cell (a figure other
    than a year, or a dash) past the label column. Of the header cells covering a column
    that name a kind (percent, count, year), one of a single column wins over a spanned
    one, and the lowest wins among those; a table without header rows keeps the kind of
    its row 0's text (``column_header``)."""
    index = pd.RangeIndex(len(cells))
    if cells.empty:  # a run that read nothing new
        return np.zeros(0, dtype=bool), np.array([], dtype=object)
    frame = cells[[*KEYS, "row_index", "col_index", "col_span", "text"]].set_axis(index)
    starts = frame[body & (frame["col_index"] > 0).to_numpy()]
    first = starts.groupby(KEYS, sort=False)["row_index"].min().rename("body")
    frame = frame.join(first, on=KEYS)
    in_header = (frame["row_index"] < frame["body"].fillna(np.inf)).to_numpy()
    (row0,) = each_distinct(cells[["column_header"]], _column_kind, 1)
    header = frame[in_header & frame["text"].notna().to_numpy()]
    (named,) = each_distinct(header[["text"]], _column_kind, 1)
    header = header.assign(kind=named)[named != None]  # noqa: E711 (elementwise)
    if header.empty:
        return in_header, row0
    span = header["col_span"].fillna(1).astype(int).clip(lower=1)
    covered = header.loc[header.index.repeat(span)].assign(
        col_index=lambda f: f["col_index"] + f.groupby(level=0).cumcount(),
        single=span.loc[header.index.repeat(span)].to_numpy() == 1,
    )
    kinds = (
        covered.sort_values(["single", "row_index"])
        .groupby([*KEYS, "col_index"], sort=False)["kind"]
        .last()
        .rename("header_kind")
    )
    joined = frame.join(kinds, on=[*KEYS, "col_index"])
    has_header = (frame["body"].fillna(np.inf) > 0).to_numpy()
    kind = np.where(has_header, joined["header_kind"].astype(object).to_numpy(), row0)
    return in_header, pd.Series(kind, dtype=object).where(pd.notna(kind), None).to_numpy()


def _column_kind(header: str | None) -> tuple[str | None]:
    """``percent`` for a 증감률 column or a rate or share column, ``count`` for counts,
    ``year`` for a column of years (연도, 사업기간), else ``None``."""
    if not header or is_year_label(header):
        return (None,)
    if label_to_period(header).phase == "증감률":
        return ("percent",)
    kind = column_kind(header)
    text = "".join(unicodedata.normalize("NFKC", header).split())
    if kind is None and len(text) <= HEADER_LENGTH and YEAR_HEADER.search(text):
        return ("year",)
    return (kind,)
