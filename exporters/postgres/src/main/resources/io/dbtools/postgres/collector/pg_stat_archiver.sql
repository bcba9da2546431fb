-- WAL archiving: files archived and failed, and how long ago the last one succeeded.
SELECT archived_count, failed_count,
       EXTRACT(EPOCH FROM now() - last_archived_time) AS last_archive_age_seconds,
       EXTRACT(EPOCH FROM now() - last_failed_time) AS last_failure_age_seconds
FROM pg_stat_archiver
