#!/usr/bin/env bash
# Backs up the ledger's PostgreSQL database while the silos run: one consistent snapshot
# (pg_dump's own transaction), custom format, compressed. Connection from the libpq environment:
# PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass), PGDATABASE.
#   deploy/backup.sh ledger-$(date +%F).dump
# The cluster membership rows are left out: they describe the silos running now, and a database
# restored from this file starts a new cluster generation instead of probing silos long gone.
# The file holds personal data (profiles in grain state): store it encrypted, with access control.
set -euo pipefail
file=${1:?usage: deploy/backup.sh FILE}
pg_dump --format=custom --no-owner \
  --exclude-table-data=orleansmembershiptable --exclude-table-data=orleansmembershipversiontable \
  --file="$file"
pg_restore --list "$file" >/dev/null
echo "backup: $(du -h "$file" | cut -f1) written to $file from database ${PGDATABASE:-?} on ${PGHOST:-local}"
