-- What each personal-data key id stood for when a silo first used it: an HMAC-SHA256 of a fixed label
-- under the key (PersonalDataProtector.CheckValue), which says nothing of the key. Hashes of names and
-- ID-card numbers name only their key id, so a key regenerated under the same id would silently stop
-- matching every stored hash (a roll re-registered its persons); a silo whose key under an id differs
-- from the one recorded here refuses to start. The silos' role inserts, never updates (GrantAsync).
CREATE TABLE IF NOT EXISTS ledger_personal_data_keys
(
    key_id      text        PRIMARY KEY,
    check_value text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
