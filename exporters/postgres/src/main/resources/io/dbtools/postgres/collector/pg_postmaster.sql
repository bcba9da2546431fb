-- When the server started and last loaded its configuration files.
SELECT EXTRACT(EPOCH FROM pg_postmaster_start_time()) AS start_time,
       EXTRACT(EPOCH FROM pg_conf_load_time()) AS conf_load_time,
       EXTRACT(EPOCH FROM now() - pg_postmaster_start_time()) AS uptime
