-- The ledger's event log: every published event once (by event_id), in log order (seq), for SSE
-- replay by region prefix and for monthly reports.
CREATE TABLE IF NOT EXISTS ledger_events
(
    seq          bigserial   PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    region_code  text        NOT NULL,
    household_id text        NOT NULL,
    kind         text        NOT NULL,
    year         integer     NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_events_region_seq ON ledger_events (region_code text_pattern_ops, seq);
CREATE INDEX IF NOT EXISTS ledger_events_occurred ON ledger_events (occurred_at);
