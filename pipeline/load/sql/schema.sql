-- The marts contract (../shared/MARTS.md). Every column has a COMMENT; the README
-- documents the same columns, and a test fails when the two disagree.

CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY,
    path VARCHAR,
    format VARCHAR,
    title VARCHAR,
    pages INTEGER,
    size_bytes BIGINT,
    noise_dropped INTEGER,
    n_tables INTEGER,
    n_paragraphs INTEGER,
    budget_tables_found BOOLEAN,
    loaded_at TIMESTAMP,
    extractor_version VARCHAR,
    removed_at TIMESTAMP
);
ALTER TABLE documents ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS removed_at TIMESTAMP;

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    ended_at TIMESTAMP,
    documents_seen INTEGER,
    documents_new INTEGER,
    documents_changed INTEGER,
    documents_unchanged INTEGER,
    documents_failed INTEGER,
    documents_removed INTEGER,
    pipeline_version VARCHAR,
    extractor_version VARCHAR,
    rules_version VARCHAR,
    check_fingerprint VARCHAR
);
ALTER TABLE runs ADD COLUMN IF NOT EXISTS check_fingerprint VARCHAR;

CREATE TABLE IF NOT EXISTS pages (
    document_id VARCHAR,
    page INTEGER,
    printed_page VARCHAR,
    width DOUBLE,
    height DOUBLE,
    status VARCHAR,
    message VARCHAR
);

CREATE TABLE IF NOT EXISTS projects (
    document_id VARCHAR,
    project VARCHAR,
    period VARCHAR,
    project_type VARCHAR,
    continuity VARCHAR,
    nature VARCHAR,
    description VARCHAR,
    total_cost_printed VARCHAR,
    total_cost_won BIGINT,
    national_won BIGINT,
    city_won BIGINT,
    district_won BIGINT,
    other_won BIGINT,
    subsidy_rate_percent DOUBLE
);

CREATE TABLE IF NOT EXISTS contacts (
    document_id VARCHAR,
    office VARCHAR,
    department VARCHAR,
    role VARCHAR,
    name VARCHAR,
    phone VARCHAR,
    printed VARCHAR,
    table_index INTEGER,
    row_index INTEGER,
    page INTEGER,
    line_no INTEGER
);

CREATE TABLE IF NOT EXISTS budget_summary (
    document_id VARCHAR,
    project VARCHAR,
    account VARCHAR,
    account_path VARCHAR,
    account_level INTEGER,
    column_label VARCHAR,
    fiscal_year INTEGER,
    phase VARCHAR,
    column_letter VARCHAR,
    amount_won BIGINT,
    percent DOUBLE,
    printed VARCHAR,
    unit VARCHAR,
    page INTEGER,
    table_index INTEGER,
    row_index INTEGER,
    col_index INTEGER,
    line_no INTEGER
);

CREATE TABLE IF NOT EXISTS breakdown_lines (
    document_id VARCHAR,
    line_id INTEGER,
    parent_line_id INTEGER,
    level INTEGER,
    marker VARCHAR,
    account VARCHAR,
    fiscal_year INTEGER,
    name VARCHAR,
    path VARCHAR,
    printed VARCHAR,
    amount_printed VARCHAR,
    unit VARCHAR,
    amount_won BIGINT,
    formula VARCHAR,
    unit_price_won BIGINT,
    formula_product_won BIGINT,
    formula_status VARCHAR,
    page INTEGER,
    line_no INTEGER,
    table_index INTEGER,
    row_index INTEGER,
    project VARCHAR
);
ALTER TABLE breakdown_lines ADD COLUMN IF NOT EXISTS project VARCHAR;

CREATE TABLE IF NOT EXISTS breakdown_formula_factors (
    document_id VARCHAR,
    line_id INTEGER,
    position INTEGER,
    operator VARCHAR,
    printed VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    role VARCHAR,
    note VARCHAR,
    amount DOUBLE
);

CREATE TABLE IF NOT EXISTS schedule (
    document_id VARCHAR,
    step VARCHAR,
    period VARCHAR,
    amount_printed VARCHAR,
    unit VARCHAR,
    amount_won BIGINT,
    detail VARCHAR,
    page INTEGER,
    table_index INTEGER,
    row_index INTEGER,
    line_no INTEGER,
    project VARCHAR
);
ALTER TABLE schedule ADD COLUMN IF NOT EXISTS project VARCHAR;

CREATE TABLE IF NOT EXISTS cells (
    document_id VARCHAR,
    table_index INTEGER,
    parent_table_index INTEGER,
    row_index INTEGER,
    col_index INTEGER,
    row_span INTEGER,
    col_span INTEGER,
    text VARCHAR,
    column_header VARCHAR,
    unit_note VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    value_won BIGINT,
    page INTEGER,
    line_no INTEGER,
    bbox DOUBLE[]
);

CREATE TABLE IF NOT EXISTS paragraphs (
    document_id VARCHAR,
    block_index INTEGER,
    text VARCHAR,
    page INTEGER,
    line_no INTEGER,
    bbox DOUBLE[]
);

CREATE TABLE IF NOT EXISTS findings (
    document_id VARCHAR,
    rule VARCHAR,
    location VARCHAR,
    expected DOUBLE,
    actual DOUBLE,
    difference DOUBLE,
    unit VARCHAR,
    severity VARCHAR,
    status VARCHAR,
    message VARCHAR,
    accepted_reason VARCHAR,
    checked_at TIMESTAMP,
    run_id VARCHAR,
    state VARCHAR,
    first_seen_run_id VARCHAR,
    finding_id INTEGER,
    printed_unit VARCHAR,
    page INTEGER,
    table_index INTEGER,
    row_index INTEGER,
    col_index INTEGER,
    line_id INTEGER,
    line_no INTEGER
);
ALTER TABLE findings ADD COLUMN IF NOT EXISTS run_id VARCHAR;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS state VARCHAR;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS first_seen_run_id VARCHAR;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS finding_id INTEGER;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS printed_unit VARCHAR;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS page INTEGER;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS table_index INTEGER;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS row_index INTEGER;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS col_index INTEGER;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS line_id INTEGER;
ALTER TABLE findings ADD COLUMN IF NOT EXISTS line_no INTEGER;

CREATE TABLE IF NOT EXISTS finding_sources (
    finding_id INTEGER,
    document_id VARCHAR,
    role VARCHAR,
    page INTEGER,
    table_index INTEGER,
    row_index INTEGER,
    col_index INTEGER,
    line_id INTEGER,
    line_no INTEGER
);

CREATE TABLE IF NOT EXISTS findings_history (
    run_id VARCHAR,
    path VARCHAR,
    document_id VARCHAR,
    rule VARCHAR,
    location VARCHAR,
    expected DOUBLE,
    actual DOUBLE,
    state VARCHAR,
    checked_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS quarantine (
    path VARCHAR,
    sha256 VARCHAR,
    reason VARCHAR,
    message VARCHAR,
    run_id VARCHAR,
    quarantined_at TIMESTAMP
);
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS run_id VARCHAR;
