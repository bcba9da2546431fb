-- Per enabled job: the outcome of its last completed run (step_id 0 is the job outcome row) and its failed runs in
-- the last 24 hours. run_date is yyyymmdd and run_time hhmmss, both int, in server local time.
WITH runs AS (
  SELECT h.job_id, h.run_status,
         DATEADD(second, (h.run_time / 10000) * 3600 + (h.run_time / 100 % 100) * 60 + h.run_time % 100,
                 CONVERT(datetime, CONVERT(char(8), h.run_date), 112)) AS run_at,
         ROW_NUMBER() OVER (PARTITION BY h.job_id ORDER BY h.instance_id DESC) AS newest
  FROM msdb.dbo.sysjobhistory AS h
  WHERE h.step_id = 0
)
SELECT TOP (/*TOP_N*/50) j.name AS job_name,
       MAX(CASE WHEN r.newest = 1 THEN r.run_status END) AS last_run_status,
       SUM(CASE WHEN r.run_status = 0 AND r.run_at >= DATEADD(hour, -24, GETDATE()) THEN 1 ELSE 0 END) AS failures_24h
FROM msdb.dbo.sysjobs AS j
LEFT JOIN runs AS r ON r.job_id = j.job_id
WHERE j.enabled = 1
GROUP BY j.name
ORDER BY failures_24h DESC, j.name
