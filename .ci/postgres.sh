#!/usr/bin/env bash
# PostgreSQL 15 for the durable-mode tests: install when missing, start, and create role and database
# "ledger" (password "ledger", allowed to create the per-test databases, owner of their schema) and
# role "ledger_app" (password "ledger_app", the silos' login: rows only). Safe to run again.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done
pg_isready -h 127.0.0.1
as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'ledger'")" != "1" ]; then
  as_postgres "CREATE ROLE ledger LOGIN CREATEDB PASSWORD 'ledger'"
fi
# The silo's own login in the PostgreSQL-mode tests: no CREATEDB, owns nothing; `ledger db init
# --app-role ledger_app` grants it rows to read and write in each test database.
if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'ledger_app'")" != "1" ]; then
  as_postgres "CREATE ROLE ledger_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'ledger_app'"
fi
# The migration role administers the silos' role: dropping a test database ends the sessions silos
# left open in it, which PostgreSQL allows only to a member of the sessions' role.
as_postgres "GRANT ledger_app TO ledger" 2>/dev/null
if [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'ledger'")" != "1" ]; then
  as_postgres "CREATE DATABASE ledger OWNER ledger"
fi
echo "PostgreSQL $version: roles ledger (migrations) and ledger_app (silos), database ledger ready"
