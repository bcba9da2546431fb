// Scheduled jobs, from the control API's /metrics (scrape job dbtools-control-api): every node
// exports the jobs it ran, so each signal takes the max over nodes per job.
local matchers = import 'matchers.libsonnet';
function(s) {
  local by = 'tenant, job_id, job_name, job_type, policy_type, server',
  local sel(extra) = matchers.join([s, extra]),
  lastSuccess(extra=''): 'max by (%s) (dbtools_job_last_success_timestamp_seconds{%s})' % [by, sel(extra)],
  lastFailure(extra=''): 'max by (%s) (dbtools_job_last_failure_timestamp_seconds{%s})' % [by, sel(extra)],
  interval: 'max by (tenant, job_id) (dbtools_job_interval_seconds{%s})' % s,
  failures: 'sum by (%s) (dbtools_job_failures_total{%s})' % [by, s],
  durationAvg(w): 'sum by (%s) (rate(dbtools_job_duration_seconds_sum{%s}[%s])) / sum by (%s) (rate(dbtools_job_duration_seconds_count{%s}[%s]))' % [by, s, w, by, s, w],
  durationMax: 'max by (%s) (dbtools_job_duration_seconds_max{%s})' % [by, s],
}
