-- PostgreSQL only: SQLite writes are already serial (one writer, BEGIN IMMEDIATE).
SELECT pg_advisory_xact_lock($1)
