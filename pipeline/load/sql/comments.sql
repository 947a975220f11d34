-- Column documentation kept inside the mart, so `SELECT * FROM duckdb_columns()` explains it.
COMMENT ON TABLE budget_summary IS '예산 총괄: one row per amount cell (account × column), long form';
COMMENT ON COLUMN budget_summary.amount_won IS '금액 in integer 원; NULL when the cell is empty (unknown, never 0)';
COMMENT ON COLUMN budget_summary.percent IS '증감률 (%) as printed, sign applied';
COMMENT ON COLUMN budget_summary.phase IS '결산, 본예산, 당초, 수정, 추경, 정부안, 국회확정, 확정, 예산, 증감, 증감률';
COMMENT ON TABLE breakdown_lines IS '산출내역: the tree of 산출근거 lines, one row per line';
COMMENT ON COLUMN breakdown_lines.formula_status IS 'exact, rounded (within one printed unit), mismatch; NULL without a formula';
COMMENT ON TABLE cells IS 'every table cell of every document, recognised or not';
COMMENT ON TABLE findings IS 'reconciliation results: one row per check, status pass or fail';
COMMENT ON TABLE finding_sources IS 'where each figure of a finding is printed: the checked figure and its terms';
COMMENT ON TABLE quarantine IS 'documents that could not be read, with the reason';
