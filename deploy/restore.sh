#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh into an empty database (create it first: createdb NAME),
# all or nothing (one transaction), as the migration role that is to own it (PGUSER, e.g. ledger).
# Connection from the libpq environment: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (the new,
# empty database). Privileges are not restored (the silos' role need not exist where the backup was
# taken): grant them with `ledger db init --app-role ledger_app` as the same owner, then start the
# silos on the new database as ledger_app. Silos never run DDL.
#   createdb ledger_restored && PGDATABASE=ledger_restored deploy/restore.sh ledger-2026-11-30.dump
#   ledger db init --connection "Host=…;Username=ledger;Password=…;Database=ledger_restored" --app-role ledger_app
set -euo pipefail
file=${1:?usage: deploy/restore.sh FILE}
tables=$(psql --no-psqlrc --tuples-only --no-align --command "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore: database ${PGDATABASE:-?} is not empty ($tables tables): restore into a new one" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="${PGDATABASE:?set PGDATABASE}" "$file"
echo "restore: $file restored into database $PGDATABASE on ${PGHOST:-local}; next: ledger db init --app-role <the silos' role> as ${PGUSER:-this role}, then start the silos"
