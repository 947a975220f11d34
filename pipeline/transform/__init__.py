"""Transform: printed strings in the staged extract tables → typed values.

Printed amounts become integer 원, column labels year and phase, rows their kind, and
산출내역 lines a tree with parsed formulas.
"""

from pipeline.transform.stage import transform_staged

__all__ = ["transform_staged"]
