-- The application's role and database, on the primary. Idempotent: ./run.sh (deploy/lib/postgres.sh) and the
-- data node containers (deploy/compose/postgres/entrypoint.sh) run it at every start, so a rotated password
-- takes effect then. The caller sends "\set app_password '<password>'" on stdin before this file, so the
-- password is never on a command line (the generated passwords are hex: nothing to escape).
SELECT 'CREATE ROLE squadra LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'squadra') \gexec
ALTER ROLE squadra WITH LOGIN PASSWORD :'app_password';
SELECT 'CREATE DATABASE squadra' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'squadra') \gexec
ALTER DATABASE squadra OWNER TO squadra;
