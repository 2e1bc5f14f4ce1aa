#!/usr/bin/env bash
# Creates one role and one database per service, each role owning only its own database, with the
# passwords from the secret files <svc>_db_password in OPENMEDIA_SECRETS_DIR (default /run/secrets).
#
# The PostgreSQL image runs this once, when its data volume is first initialised (it is mounted into
# /docker-entrypoint-initdb.d/). It is idempotent, so after adding a service, or to reset the passwords
# to the secret files, run it again:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-openmedia-databases.sh
# deploy/smoke-run runs it against a throwaway server with PGHOST/PGPORT/PGUSER set.
set -euo pipefail

SECRETS_DIR=${OPENMEDIA_SECRETS_DIR:-/run/secrets}
DATABASES=${OPENMEDIA_DATABASES:-gateway appeals events_and_hearings media_partners broadcasts knowledge grants}

for name in $DATABASES; do
  file="$SECRETS_DIR/${name}_db_password"
  if [ ! -r "$file" ]; then
    echo "init-databases: cannot read $file: give the postgres service the secret ${name}_db_password" >&2
    exit 1
  fi
  password=$(tr -d '\r\n' < "$file")
  # psql variables quote the names and the password, so nothing here is spliced into SQL by the shell.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-${PGUSER:-postgres}}" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name')
\gexec
ALTER ROLE :"name" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')
\gexec
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT ALL ON DATABASE :"name" TO :"name";
SQL
  echo "init-databases: role and database $name ready"
done
