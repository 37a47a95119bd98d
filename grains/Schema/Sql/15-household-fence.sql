-- A household's newest entry, found from the end of its entries: a household grain reads it when it
-- activates, and each of its appends is written only if the household has no newer entry (its fence).
-- Orleans can briefly run two activations of one grain while silos join or leave; the second writer
-- is then refused and reloads instead of planning on a ledger missing the first one's commits.
CREATE INDEX IF NOT EXISTS ledger_journal_household ON ledger_journal (household_id, position);
