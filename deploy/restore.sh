#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh into an empty database (create it first: createdb NAME),
# all or nothing (one transaction). Connection from the libpq environment: PGHOST, PGPORT, PGUSER,
# PGPASSWORD, PGDATABASE (the new, empty database). Then point the silos' ConnectionStrings__Ledger
# at it and start them; the schema they apply at start is already there and is left as it is.
#   createdb ledger_restored && PGDATABASE=ledger_restored deploy/restore.sh ledger-2026-11-30.dump
set -euo pipefail
file=${1:?usage: deploy/restore.sh FILE}
tables=$(psql --no-psqlrc --tuples-only --no-align --command "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore: database ${PGDATABASE:-?} is not empty ($tables tables): restore into a new one" >&2
  exit 1
fi
pg_restore --no-owner --exit-on-error --single-transaction --dbname="${PGDATABASE:?set PGDATABASE}" "$file"
echo "restore: $file restored into database $PGDATABASE on ${PGHOST:-local}"
