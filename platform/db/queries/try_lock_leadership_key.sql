-- PostgreSQL only: a session lock, held until the leadership connection closes.
SELECT pg_try_advisory_lock($1)
