-- Households taken by their grain. A household grain claims its household when it activates, before it
-- reads its members; a roll of registrations writes a household's members without its grain only by
-- claiming it in the same statement, and only while nobody is registered in it. Either claim waits
-- for the other's transaction on this key, so a grain never holds a member list a roll wrote behind it.
-- Claims are never released: once a grain has held a household, its registrations go through the grain.
CREATE TABLE IF NOT EXISTS ledger_households
(
    household_id text        PRIMARY KEY,
    claimed_at   timestamptz NOT NULL DEFAULT now()
);
-- Households registered before this script were written by their grains.
INSERT INTO ledger_households (household_id)
SELECT DISTINCT household_id FROM ledger_persons ORDER BY household_id
ON CONFLICT (household_id) DO NOTHING;
