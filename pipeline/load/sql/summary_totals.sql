-- fct_summary_totals: each 계 row of a 예산 총괄 next to the sum of the rows below it.
CREATE OR REPLACE VIEW fct_summary_totals AS
WITH amounts AS (
    SELECT * FROM budget_summary WHERE phase NOT IN ('증감', '증감률')
),
totals AS (
    SELECT * FROM amounts WHERE regexp_replace(account, '\s', '', 'g') IN ('계', '합계', '총계')
),
items AS (
    SELECT document_id, table_index, col_index, sum(amount_won) AS items_won,
           count(amount_won) AS n_items
    FROM amounts
    WHERE regexp_replace(account, '\s', '', 'g') NOT IN ('계', '합계', '총계', '소계')
    GROUP BY ALL
),
final AS (
    SELECT t.document_id, t.project, t.column_label, t.fiscal_year, t.phase,
           t.amount_won AS total_won, i.items_won, t.amount_won - i.items_won AS difference_won,
           i.n_items, t.table_index, t.row_index, t.col_index
    FROM totals t LEFT JOIN items i USING (document_id, table_index, col_index)
)
SELECT * FROM final;
