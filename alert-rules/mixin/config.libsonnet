// Selectors and thresholds of the DbTools mixin. Everything a site may want to tune is here;
// rules, alerts and dashboards read it and hold no literal thresholds of their own.
// Override in a wrapper: (import 'mixin.libsonnet') + { _config+:: { cpuWarningRatio: 0.7 } }.
{
  _config+:: {
    // Every DbTools series carries these labels (the runtime adds them).
    serverLabels: ['tenant', 'server', 'engine'],
    // Extra selector put on every raw dbtools_* series (e.g. 'cluster="eu-1"'); empty for none.
    dbtoolsSelector: '',
    // Prometheus' own `up` of the /probe scrape jobs (labels tenant, server, engine from the
    // control API's service discovery). Lets a server that was never collected show as unknown.
    probeUpSelector: 'job="dbtools", tenant!="", server!=""',
    // The exporters' own /metrics scrape job (self-monitoring).
    exporterJobSelector: 'job="dbtools-exporter"',

    // ---- normalized health model (recording rules) ----
    // Averaging window for CPU/memory before comparing with the thresholds (smooths spikes).
    healthWindow: '5m',
    cpuWarningRatio: 0.80,
    cpuCriticalRatio: 0.95,
    memoryWarningRatio: 0.85,
    memoryCriticalRatio: 0.95,
    // Offline: no successful scrape (dbtools_up == 1) for this long.
    offlineAfterSeconds: 300,
    // A server's last successful scrape is remembered this long after it stops being scraped
    // (keeps a removed exporter's servers visible as offline); then it is forgotten.
    forgetAfterSeconds: 7 * 24 * 3600,
    // Status codes of dbtools:server_health:status (ordered so that max() is "worst").
    statusCodes: { healthy: 0, warning: 1, critical: 2, offline: 3, unknown: 4 },

    // ---- alert thresholds ----
    // Range of rate()/increase() in alert expressions (dashboards use $__rate_interval).
    rateWindow: '5m',
    serverDownFor: '1m',  // on top of offlineAfterSeconds
    serverUnknownFor: '15m',
    cpuAlertFor: '10m',
    memoryAlertFor: '10m',
    connectionsWarningRatio: 0.80,
    connectionsCriticalRatio: 0.95,
    connectionsAlertFor: '5m',
    blockedSessionsWarning: 1,
    blockedSessionsCritical: 10,
    blockedSessionsFor: '5m',
    oldestQueryWarningSeconds: 3600,
    oldestQueryFor: '5m',
    replicationLagWarningSeconds: 300,
    replicationLagCriticalSeconds: 1800,
    replicationLagFor: '5m',
    // Backups: newest successful backup of each database (any type but log) older than this.
    // Later replaced per server group by backup policies.
    backupMaxAgeSeconds: 26 * 3600,
    logBackupMaxAgeSeconds: 2 * 3600,
    backupAlertFor: '15m',
    collectorFailingFor: '15m',
    scrapeSlowSeconds: 20,
    scrapeSlowFor: '15m',
    exporterDownFor: '5m',
    exporterConfigReloadFailedFor: '10m',

    // PostgreSQL
    postgresWraparoundWarningHeadroom: 0.50,
    postgresWraparoundCriticalHeadroom: 0.25,
    postgresWraparoundFor: '5m',
    postgresDeadlocksWarning15m: 5,
    postgresDeadlocksFor: '0m',  // the 15-minute increase already smooths
    postgresSlotRetainedWalWarningBytes: 10 * 1024 * 1024 * 1024,
    postgresSlotInactiveFor: '30m',
    postgresArchiveFailingFor: '15m',
    // SQL Server
    mssqlLogUsedWarningRatio: 0.80,
    mssqlLogUsedCriticalRatio: 0.95,
    mssqlSpaceFor: '10m',
    mssqlDatabaseStateFor: '5m',
    mssqlAgUnhealthyFor: '5m',
    // MongoDB
    mongodbOplogWindowWarningSeconds: 6 * 3600,
    mongodbOplogWindowCriticalSeconds: 3600,
    mongodbOplogWindowFor: '10m',
    mongodbMemberUnhealthyFor: '5m',
    mongodbTicketsExhaustedFor: '5m',
    // Snowflake: credits used per warehouse over the target's usage window (the plugin's
    // window_hours option, default 24 complete hours; scale these when it differs).
    snowflakeWarehouseCreditsWarning: 100,
    snowflakeWarehouseCreditsCritical: 500,
    snowflakeCreditBurnFor: '30m',

    // ---- scheduled jobs (control API /metrics, scrape job dbtools-control-api) ----
    // Extra selector on the job series (e.g. 'job="dbtools-control-api"'); empty for none.
    jobSelector: '',
    // The job's last run failed and nothing succeeded since, for this long (lets retries in flight finish).
    jobFailingFor: '10m',
    // Stale: no success for this many of the job's intervals, and never less than jobStaleMinSeconds
    // (a job every minute is not stale after three minutes of a slow scrape).
    jobStaleIntervals: 3,
    jobStaleMinSeconds: 3600,
    jobStaleFor: '15m',
    // Backup policy jobs: last success older than this (the policy's own schedule plus slack).
    backupJobMaxAgeSeconds: 26 * 3600,
    backupJobAlertFor: '15m',

    // ---- documentation links ----
    // Where docs/runbooks.md is served; the default is the path in the repository. Point it at
    // the hosted copy (e.g. your Git server's URL of the file) so that links open from Alertmanager.
    runbookBaseUrl: 'docs/runbooks.md',

    // ---- dashboards ----
    dashboardTags: ['dbtools'],
    dashboardUidPrefix: 'dbtools-',
    dashboardRefresh: '1m',
    dashboardTimeFrom: 'now-6h',
    worstServersLimit: 10,
    // The fleet overview's time series draw at most this many points per line: 1-minute steps up
    // to 2.5 h, 2 m over 6 h, 10 m over 24 h. Each step of a fleet query reads every server, so
    // a day at 1-minute steps costs seconds; the per-minute detail is on Server detail.
    fleetMaxDataPoints: 150,
    // Interval of the fleet trend rules (dbtools-fleet-trends): one point per server and signal per
    // interval, its highest value; the fleet overview's "top N" time series step no finer than this.
    fleetTrendInterval: '5m',
  },
}
