-- The journal, the ledger's truth: one row per entry (recorded, reversed, adjusted, identity changed),
-- never updated. Positions are dense and in commit order: appends are taken one at a time across
-- silos under an advisory lock and number their rows from the largest position. The payload is the
-- entry in Orleans' binary format (its surrogate's numbered fields); the columns are what is searched.
CREATE TABLE IF NOT EXISTS ledger_journal
(
    position     bigint      PRIMARY KEY,
    kind         smallint    NOT NULL,
    setl_id      text        NOT NULL,
    psn_no       text        NOT NULL,
    household_id text        NOT NULL,
    region_code  text        NOT NULL,
    year         integer     NOT NULL,
    setl_time    timestamptz NOT NULL,
    logged_at    timestamptz NOT NULL,
    payload      bytea       NOT NULL
);
-- Exactly once, for every year the journal holds: one recorded and one reversal entry per setl_id.
CREATE UNIQUE INDEX IF NOT EXISTS ledger_journal_settlement ON ledger_journal (setl_id, kind) WHERE kind IN (0, 1);
-- A household reads its members' entries by year: on activation, to re-adjudicate, for the history.
CREATE INDEX IF NOT EXISTS ledger_journal_person ON ledger_journal (psn_no, year, position);

-- Registrations: the household each person belongs to now and the record it computes with (personal
-- data masked). Written by that household with its journal entries, in the same transaction.
CREATE TABLE IF NOT EXISTS ledger_persons
(
    psn_no       text        PRIMARY KEY,
    household_id text        NOT NULL,
    region_code  text        NOT NULL,
    record       bytea       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_persons_household ON ledger_persons (household_id);
