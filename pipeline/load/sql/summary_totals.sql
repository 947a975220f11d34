-- fct_summary_totals: each 계 row of a 예산 총괄 next to the sum of the rows below it.
-- What a total row is was decided once, by transform (budget_summary.row_kind).
CREATE OR REPLACE VIEW fct_summary_totals AS
WITH amounts AS (
    SELECT * FROM budget_summary WHERE phase NOT IN ('증감', '증감률')
),
totals AS (
    SELECT * FROM amounts WHERE row_kind = 'total'
),
items AS (
    SELECT document_id, table_index, col_index, sum(amount_won) AS items_won,
           count(amount_won) AS n_items
    FROM amounts
    WHERE row_kind = 'item'
    GROUP BY ALL
),
final AS (
    SELECT t.document_id, t.project, t.column_label, t.fiscal_year, t.phase,
           t.amount_won AS total_won, i.items_won, t.amount_won - i.items_won AS difference_won,
           i.n_items, t.table_index, t.row_index, t.col_index
    FROM totals t LEFT JOIN items i USING (document_id, table_index, col_index)
)
SELECT * FROM final;
