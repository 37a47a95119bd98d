-- Which region each person (and so each household) belongs to, for scope checks made before any
-- grain is called (silo/Security/Directory). Written after each accepted registration.
CREATE TABLE IF NOT EXISTS ledger_person_regions
(
    psn_no       text NOT NULL PRIMARY KEY,
    household_id text NOT NULL,
    region_code  text NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_person_regions_household ON ledger_person_regions (household_id);
