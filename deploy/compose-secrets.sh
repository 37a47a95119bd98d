#!/usr/bin/env bash
# Generates the compose file's five secrets once and keeps them in .env (git-ignored, mode 0600),
# which docker-compose reads by itself from the folder of docker-compose.yml: every later command
# (up, ps, stop, a rolling restart) then finds the same secrets. Run from the repository's root:
#   bash deploy/compose-secrets.sh            # writes ./.env
#   bash deploy/compose-secrets.sh PATH       # writes PATH instead
# It never overwrites: a new database password would not match the database's, and a new
# LEDGER_PERSONAL_DATA_KEY (the hashing key of id k1) would not find the names and ID-card numbers
# stored under k1 (the silo refuses to start with it). Passwords are hex: they sit in a connection string.
set -euo pipefail
file=${1:-.env}
if [ -e "$file" ]; then
  echo "$file exists: its secrets are kept (delete it only with the database it was made for)" >&2
  exit 1
fi
umask 077
set -o noclobber
{
  echo "# docker-compose's secrets, made by deploy/compose-secrets.sh on $(date -u +%F). Keep this file; never commit it."
  echo "POSTGRES_PASSWORD=$(openssl rand -hex 16)"
  echo "LEDGER_APP_DB_PASSWORD=$(openssl rand -hex 16)"
  echo "LEDGER_FEED_KEY=$(openssl rand -hex 24)"
  echo "LEDGER_OPERATOR_KEY=$(openssl rand -hex 24)"
  echo "LEDGER_PERSONAL_DATA_KEY=$(openssl rand -base64 32)"
} > "$file"
echo "wrote $file (mode 0600): POSTGRES_PASSWORD, LEDGER_APP_DB_PASSWORD, LEDGER_FEED_KEY, LEDGER_OPERATOR_KEY, LEDGER_PERSONAL_DATA_KEY"
