"""The budget vocabulary: units, numbers, markers, totals, phases and labels.

Every stage reads printed budget text through this package, so a unit, a marker or a
total label is defined once. It imports nothing else from ``pipeline``.
"""

from pipeline.budget.labels import Label, join_wrapped, normalise_label, squash, without_spaces
from pipeline.budget.markers import ROW_MARKERS, leading_marker, split_marker, strip_markers
from pipeline.budget.numbers import Number, is_value, normalise, parse_number
from pipeline.budget.periods import DERIVED_PHASES, ColumnPeriod, label_to_period, year_in
from pipeline.budget.totals import is_subtotal_label, is_total_label, row_kind
from pipeline.budget.units import WON_PER_UNIT, to_won, unit_from_note

__all__ = [
    "DERIVED_PHASES",
    "ROW_MARKERS",
    "WON_PER_UNIT",
    "ColumnPeriod",
    "Label",
    "Number",
    "is_subtotal_label",
    "is_total_label",
    "is_value",
    "join_wrapped",
    "label_to_period",
    "leading_marker",
    "normalise",
    "normalise_label",
    "parse_number",
    "row_kind",
    "split_marker",
    "squash",
    "strip_markers",
    "to_won",
    "unit_from_note",
    "without_spaces",
    "year_in",
]
