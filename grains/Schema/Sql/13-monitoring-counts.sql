-- The monitoring list at any depth (issue 12). Which levels a page without a level filter lists is kept
-- by the projector, not worked out per request: `listed` is true for a crossed level, and for a warning
-- while the same subject, rule and year has no crossed level. ledger_monitoring_counts holds how many
-- rows each year, region code, rule, level and `listed` have, moved in the same transaction as the rows:
-- a page's total_count is a sum over a few rows, and a deep page starts at the region its offset falls in.
-- Rows projected before this script are backfilled under the checkpoint's lock (taken first: a batch
-- locks the checkpoint before the tables), so no batch commits between the backfill and the counts.
SELECT position FROM ledger_projection_checkpoint FOR UPDATE;
ALTER TABLE ledger_monitoring ADD COLUMN IF NOT EXISTS listed boolean;
UPDATE ledger_monitoring m SET listed = m.level = 'crossed' OR NOT EXISTS (SELECT 1 FROM ledger_monitoring c
    WHERE c.subject_type = m.subject_type AND c.subject_id = m.subject_id AND c.rule = m.rule AND c.year = m.year AND c.level = 'crossed')
WHERE m.listed IS NULL;
ALTER TABLE ledger_monitoring ALTER COLUMN listed SET NOT NULL;
-- Pages without a level filter walk this index in their ORDER BY; those with one walk ledger_monitoring_region.
-- A city filter is a range of region codes (its four digits are their prefix): no index of its own.
DROP INDEX IF EXISTS ledger_monitoring_city;
CREATE INDEX IF NOT EXISTS ledger_monitoring_listed ON ledger_monitoring (year, region_code, subject_id, subject_type, rule, level) WHERE listed;

CREATE TABLE IF NOT EXISTS ledger_monitoring_counts
(
    year        integer          NOT NULL,
    region_code text COLLATE "C" NOT NULL,
    rule        text COLLATE "C" NOT NULL,
    level       text COLLATE "C" NOT NULL,
    listed      boolean          NOT NULL,
    rows        bigint           NOT NULL,
    PRIMARY KEY (year, region_code, rule, level, listed)
);
-- Recounted from the rows whenever the schema is applied: the counts always equal the rows they count.
DELETE FROM ledger_monitoring_counts;
INSERT INTO ledger_monitoring_counts (year, region_code, rule, level, listed, rows)
SELECT year, region_code, rule, level, listed, count(*) FROM ledger_monitoring GROUP BY year, region_code, rule, level, listed;
