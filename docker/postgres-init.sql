-- Runs once, when the postgres service starts on an empty data volume (docker-entrypoint-initdb.d),
-- as the superuser that Temporal also uses. Temporal's auto-setup creates its own databases
-- (temporal, temporal_visibility); the application gets a separate database and a role that owns
-- only that database, so the app never holds Temporal's credentials or superuser rights.
--
-- The password comes from the container environment (APP_DB_PASSWORD, set in docker-compose.yml).
-- To change it later, run ALTER ROLE rural_funds PASSWORD '...'; this script will not run again.
\getenv app_db_password APP_DB_PASSWORD

CREATE ROLE rural_funds LOGIN PASSWORD :'app_db_password';
CREATE DATABASE rural_funds OWNER rural_funds;
