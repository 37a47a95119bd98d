-- The ledger's own grain state (households, persons, regions), written by PostgresGrainStorage in
-- batches: many grains' writes in one statement and one commit. "version" is the ETag: a write names
-- the version it read (null = "I read nothing") or changes nothing. The payload is Orleans' binary
-- format; it is not compressed (EXTERNAL): compressing every write cost more CPU than it saved.
CREATE TABLE IF NOT EXISTS ledger_grain_state
(
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key)
);
ALTER TABLE ledger_grain_state ALTER COLUMN payload SET STORAGE EXTERNAL;
-- Keep rows up to a page inline instead of moving anything over ~2 KB out to the TOAST table: a
-- household's state is written whole on every settlement, and out-of-line chunks doubled the work.
ALTER TABLE ledger_grain_state SET (toast_tuple_target = 8160);
