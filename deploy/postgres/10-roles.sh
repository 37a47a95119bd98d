#!/bin/bash
# Run once by the postgres image when it creates the database (docker-entrypoint-initdb.d): the
# silos' own login, which owns nothing and gets rows to read and write from `ledger db init`.
set -euo pipefail
: "${LEDGER_APP_DB_PASSWORD:?set LEDGER_APP_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$LEDGER_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE ledger_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
