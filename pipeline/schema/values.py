"""Values of mart columns that more than one stage relies on."""

# ``findings.rule`` of the rows that hold a Great Expectations suite's outcome, not a
# rule's (the rules' own ids are registered in ``pipeline.checks.rules``).
SUITE_RULES = ("data-quality-suite", "reconciliation-suite")
