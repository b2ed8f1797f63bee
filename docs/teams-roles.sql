-- leadq on a shared PostgreSQL server: two roles and a database of leadq's own.
--   owner (default leadq_owner): owns the database and leadq's tables; leadq run as this role creates and migrates
--         the tables. Use it once after installing or upgrading leadq, not day to day.
--   app   (default leadq_app): what the reps' leadq connects as. It may read and write leadq's tables and nothing
--         else: no CREATE on the schema, no DROP/ALTER/TRUNCATE, no superuser, no other database.
-- Run it once as a superuser (or a role with CREATEROLE and CREATEDB), with psql:
--   psql "postgresql://postgres@db.example.com/postgres" -v db=leadq -v owner=leadq_owner -v app=leadq_app -f teams-roles.sql
-- then give each role its password with psql's \password (never written to a file or a log):
--   \password leadq_owner
--   \password leadq_app
-- and create the tables once as the owner: LEADQ_DB=postgresql://leadq_owner@db.example.com/leadq leadq db init
\set ON_ERROR_STOP on
\if :{?db}
\else
  \set db leadq
\endif
\if :{?owner}
\else
  \set owner leadq_owner
\endif
\if :{?app}
\else
  \set app leadq_app
\endif

CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE :"db" OWNER :"owner";
-- Only these two roles may connect (PUBLIC may by default).
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app";

\connect :"db"
-- The owner creates leadq's tables in schema public; nobody else creates anything there (PostgreSQL 15 already
-- keeps CREATE from PUBLIC; older servers grant it).
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
-- Read and write on every table and sequence the owner creates, now and in later migrations. Sequences: USAGE for
-- new ids, UPDATE for `leadq db copy`, which keeps ids and then moves the sequences past them.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app";
-- The same for tables that already exist (when the owner ran leadq before this script).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app";
