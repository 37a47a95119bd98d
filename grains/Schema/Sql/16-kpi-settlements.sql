-- Projections that follow a settlement, a crossing and a person's identities through later entries
-- (issue 12 audit). A settlement is counted once in the KPIs, with all its amounts, in the population of
-- its latest context; a month-end crossing withdrawn afterwards stays in the reports already due; a
-- report reads the identities a person held at month end. Projections made before this script lack
-- these rows: the first time it runs they are emptied under the checkpoint's lock (taken first, as a
-- batch takes it) and the projector rebuilds them from position 0.
DO $$
BEGIN
    IF to_regclass('ledger_kpi_settlements') IS NULL THEN
        PERFORM position FROM ledger_projection_checkpoint FOR UPDATE;
        DELETE FROM ledger_projection_checkpoint;
        DELETE FROM ledger_monitoring;
        DELETE FROM ledger_monitoring_counts;
        DELETE FROM ledger_person_months;
        DELETE FROM ledger_household_years;
        DELETE FROM ledger_kpis;
        DELETE FROM ledger_adjustments;
    END IF;
END
$$;

-- Which members are of the KPI population is read from the settlements below.
ALTER TABLE ledger_household_years DROP COLUMN IF EXISTS in_population;

-- Each settlement's signed sums and where they are counted: the region, household and person of its
-- latest re-adjudication, and the KPI population its latest context is in (null: none). A reversal moves
-- the sums, not the population.
CREATE TABLE IF NOT EXISTS ledger_kpi_settlements
(
    setl_id          text COLLATE "C" PRIMARY KEY,
    psn_no           text COLLATE "C" NOT NULL,
    household_id     text COLLATE "C" NOT NULL,
    region_code      text COLLATE "C" NOT NULL,
    year             integer          NOT NULL,
    population       text,
    settlement_count bigint           NOT NULL,
    medfee_sumamt    numeric          NOT NULL,
    fund_pay_sumamt  numeric          NOT NULL,
    psn_part_amt     numeric          NOT NULL
);
-- The high-cost clearance rate's households (by region) and their members of the population (by household).
CREATE INDEX IF NOT EXISTS ledger_kpi_settlements_region ON ledger_kpi_settlements (year, region_code, household_id)
    WHERE population IS NOT NULL AND settlement_count > 0;
CREATE INDEX IF NOT EXISTS ledger_kpi_settlements_household ON ledger_kpi_settlements (household_id, year, psn_no)
    WHERE population IS NOT NULL AND settlement_count > 0;

-- Month-end crossings cleared after they were listed (see WithdrawnCrossing): the row as it stood and
-- when the withdrawal was logged (17-withdrawn-per-crossing.sql keys it by the crossing, keeping every one).
CREATE TABLE IF NOT EXISTS ledger_withdrawn_crossings
(
    subject_id   text COLLATE "C" NOT NULL,
    rule         text COLLATE "C" NOT NULL,
    year         integer          NOT NULL,
    household_id text COLLATE "C" NOT NULL,
    region_code  text COLLATE "C" NOT NULL,
    city_code    text COLLATE "C" NOT NULL,
    value        numeric          NOT NULL,
    threshold    numeric          NOT NULL,
    setl_id      text COLLATE "C" NOT NULL,
    setl_time    timestamptz      NOT NULL,
    position     bigint           NOT NULL,
    withdrawn_at timestamptz      NOT NULL,
    PRIMARY KEY (subject_id, rule, year)
);
CREATE INDEX IF NOT EXISTS ledger_withdrawn_crossings_region ON ledger_withdrawn_crossings (year, region_code);

-- A person's dated identities as of the latest identity change (IdentityTimeline's text).
CREATE TABLE IF NOT EXISTS ledger_person_identities
(
    psn_no  text COLLATE "C" PRIMARY KEY,
    periods text             NOT NULL
);
