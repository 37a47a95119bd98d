-- The audit trail (silo/Security/Audit): who (key id) read or wrote which subject, when, with what
-- outcome. Appended only; the silo's role may insert and select, never update.
CREATE TABLE IF NOT EXISTS ledger_audit
(
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL,
    key_id  text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL,
    outcome text        NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_audit_subject ON ledger_audit (subject, at DESC);
CREATE INDEX IF NOT EXISTS ledger_audit_key ON ledger_audit (key_id, at DESC);
