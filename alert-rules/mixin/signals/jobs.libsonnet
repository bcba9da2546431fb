// Scheduled jobs, from the control API's /metrics (scrape job dbtools-control-api): every node
// exports the jobs it ran, so each signal takes the max over nodes per job.
local matchers = import 'matchers.libsonnet';
function(s) {
  local by = 'tenant, job_id, job_name, job_type, policy_type, server',
  local sel(extra) = matchers.join([s, extra]),
  lastSuccess(extra=''): 'max by (%s) (dbtools_job_last_success_timestamp_seconds{%s})' % [by, sel(extra)],
  lastFailure(extra=''): 'max by (%s) (dbtools_job_last_failure_timestamp_seconds{%s})' % [by, sel(extra)],
  // Jobs whose last run failed and that have not succeeded since (or never): the last failure time.
  failing: '(%s > %s) or (%s unless %s)' % [self.lastFailure(), self.lastSuccess(), self.lastFailure(), self.lastSuccess()],
  interval: 'max by (tenant, job_id) (dbtools_job_interval_seconds{%s})' % s,
  intervalPerJob: 'max by (%s) (dbtools_job_interval_seconds{%s})' % [by, s],
  failuresIn(w): 'sum by (%s) (increase(dbtools_job_failures_total{%s}[%s]))' % [by, s, w],
  durationAvg(w): 'sum by (%s) (rate(dbtools_job_duration_seconds_sum{%s}[%s])) / sum by (%s) (rate(dbtools_job_duration_seconds_count{%s}[%s]))' % [by, s, w, by, s, w],
}
