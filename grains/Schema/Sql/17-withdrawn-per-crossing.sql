-- Every withdrawn crossing is kept (issue 12 audit): 16 kept one per person, rule and year, so a person who
-- crossed, was withdrawn, crossed again and was withdrawn again lost the first crossing's rows from the
-- reports of months that had already been sent. A withdrawn crossing is now keyed by the crossing: the
-- journal position of the entry that opened it. The crossings the old key overwrote are only in the
-- journal: the first time this script runs the projections are emptied under the checkpoint's lock
-- (taken first, as a batch takes it) and the projector rebuilds them from position 0.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ledger_withdrawn_crossings_by_crossing') THEN
        PERFORM position FROM ledger_projection_checkpoint FOR UPDATE;
        DELETE FROM ledger_projection_checkpoint;
        DELETE FROM ledger_monitoring;
        DELETE FROM ledger_monitoring_counts;
        DELETE FROM ledger_person_months;
        DELETE FROM ledger_household_years;
        DELETE FROM ledger_kpis;
        DELETE FROM ledger_adjustments;
        DELETE FROM ledger_kpi_settlements;
        DELETE FROM ledger_withdrawn_crossings;
        DELETE FROM ledger_person_identities;
        ALTER TABLE ledger_withdrawn_crossings DROP CONSTRAINT IF EXISTS ledger_withdrawn_crossings_pkey;
        ALTER TABLE ledger_withdrawn_crossings
            ADD CONSTRAINT ledger_withdrawn_crossings_by_crossing PRIMARY KEY (subject_id, rule, year, position);
    END IF;
END
$$;
