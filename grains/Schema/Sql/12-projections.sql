-- Read projections of the journal (DESIGN §3), kept by the projector that holds the "projector"
-- advisory lock. Each batch of entries and the checkpoint naming its last position are committed in
-- one transaction: the tables always equal the fold of the journal up to the checkpoint. Codes and
-- ids are in the "C" collation, so a region prefix (LIKE '35%') is an index range and the order the
-- pages and reports use is the index's.
CREATE TABLE IF NOT EXISTS ledger_projection_checkpoint
(
    name     text   PRIMARY KEY,
    position bigint NOT NULL
);

-- Open threshold levels, one row per subject, rule, year and level.
CREATE TABLE IF NOT EXISTS ledger_monitoring
(
    subject_type text COLLATE "C" NOT NULL,
    subject_id   text COLLATE "C" NOT NULL,
    rule         text COLLATE "C" NOT NULL,
    year         integer          NOT NULL,
    level        text COLLATE "C" NOT NULL,
    household_id text COLLATE "C" NOT NULL,
    region_code  text COLLATE "C" NOT NULL,
    city_code    text COLLATE "C" NOT NULL,
    value        numeric          NOT NULL,
    threshold    numeric          NOT NULL,
    setl_id      text COLLATE "C" NOT NULL,
    setl_time    timestamptz      NOT NULL,
    position     bigint           NOT NULL,
    PRIMARY KEY (subject_type, subject_id, rule, year, level)
);
CREATE INDEX IF NOT EXISTS ledger_monitoring_region ON ledger_monitoring (year, region_code, subject_id, subject_type, rule, level);

-- A person's self-pay by the month of the settlement's time (China time), signed sums of every entry;
-- the latest time an entry of that month was logged (late data), and the identities last settled with.
CREATE TABLE IF NOT EXISTS ledger_person_months
(
    psn_no           text COLLATE "C" NOT NULL,
    year             integer          NOT NULL,
    month            smallint         NOT NULL,
    household_id     text COLLATE "C" NOT NULL,
    region_code      text COLLATE "C" NOT NULL,
    self_pay         numeric          NOT NULL,
    warm_fund        numeric          NOT NULL,
    logged_max       timestamptz      NOT NULL,
    identities       text,
    identities_time  timestamptz      NOT NULL,
    identities_setl  text COLLATE "C" NOT NULL,
    PRIMARY KEY (psn_no, year, month)
);
CREATE INDEX IF NOT EXISTS ledger_person_months_household ON ledger_person_months (household_id, year);

-- A household's year burden after and the warm fund's payment (the burden before it is their sum) and the
-- caps of the policy that settled it (which members are of the KPI population: ledger_kpi_settlements).
CREATE TABLE IF NOT EXISTS ledger_household_years
(
    household_id   text COLLATE "C" NOT NULL,
    year           integer          NOT NULL,
    region_code    text COLLATE "C" NOT NULL,
    self_pay       numeric          NOT NULL,
    warm_fund      numeric          NOT NULL,
    individual_cap numeric,
    household_cap  numeric,
    PRIMARY KEY (household_id, year)
);

-- KPI sums per region code, year and the population they are measured over (the sums of ledger_kpi_settlements' rows).
CREATE TABLE IF NOT EXISTS ledger_kpis
(
    region_code      text COLLATE "C" NOT NULL,
    year             integer          NOT NULL,
    population       text             NOT NULL,
    settlement_count bigint           NOT NULL,
    medfee_sumamt    numeric          NOT NULL,
    fund_pay_sumamt  numeric          NOT NULL,
    psn_part_amt     numeric          NOT NULL,
    PRIMARY KEY (region_code, year, population)
);

-- settlement_adjusted entries, for the month's adjustments report (by the time they were logged).
CREATE TABLE IF NOT EXISTS ledger_adjustments
(
    position          bigint           PRIMARY KEY,
    region_code       text COLLATE "C" NOT NULL,
    setl_id           text             NOT NULL,
    psn_no            text             NOT NULL,
    household_id      text             NOT NULL,
    setl_time         timestamptz      NOT NULL,
    logged_at         timestamptz      NOT NULL,
    cause             text             NOT NULL,
    cause_id          text             NOT NULL,
    medfee_sumamt     numeric          NOT NULL,
    hifp_pay          numeric          NOT NULL,
    hifmi_pay         numeric          NOT NULL,
    maf_pay           numeric          NOT NULL,
    floor_pay         numeric          NOT NULL,
    supplementary_pay numeric          NOT NULL,
    warm_fund_pay     numeric          NOT NULL,
    fund_pay_sumamt   numeric          NOT NULL,
    psn_part_amt      numeric          NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_adjustments_logged ON ledger_adjustments (logged_at, region_code);
