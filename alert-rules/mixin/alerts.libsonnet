// Alert rules, fleet-wide (normalized metrics and health model) and per engine.
// Every alert: CamelCase name starting with DbTools, severity critical|warning|info, summary,
// description, runbook_url pointing at its section of docs/runbooks.md.
local fleetSignals = import 'signals/fleet.libsonnet';
local exporterSignals = import 'signals/exporter.libsonnet';
local postgresSignals = import 'signals/postgres.libsonnet';
local mssqlSignals = import 'signals/mssql.libsonnet';
local mongodbSignals = import 'signals/mongodb.libsonnet';
local snowflakeSignals = import 'signals/snowflake.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    local s = c.dbtoolsSelector,
    local fleet = fleetSignals(s, c.rateWindow),
    local exporter = exporterSignals(s, c.rateWindow, c.exporterJobSelector),
    local pg = postgresSignals(s, c.rateWindow),
    local ms = mssqlSignals(s, c.rateWindow),
    local mg = mongodbSignals(s, c.rateWindow),
    local sf = snowflakeSignals(s, c.rateWindow),
    local on = '{{ $labels.server }} ({{ $labels.engine }}, tenant {{ $labels.tenant }})',

    local alert(name, severity, expr, forDuration, summary, description) = {
      alert: name,
      expr: expr,
      'for': forDuration,
      labels: { severity: severity },
      annotations: {
        summary: summary,
        description: description,
        runbook_url: '%s#%s' % [c.runbookBaseUrl, std.asciiLower(name)],
      },
    },
    // The same alert at warning and critical, so Alertmanager's critical-inhibits-warning applies.
    local twoLevels(name, exprFor, warn, crit, forDuration, summary, description) = [
      alert(name, 'warning', exprFor(warn), forDuration, summary, description),
      alert(name, 'critical', exprFor(crit), forDuration, summary, description),
    ],
    local pct(x) = '%g%%' % (x * 100),

    groups+: [
      {
        name: 'dbtools-fleet',
        rules: [
          alert('DbToolsServerDown', 'critical',
                'dbtools:server_health:status == %d' % c.statusCodes.offline, c.serverDownFor,
                'Database server %s is not being collected' % on,
                'No successful scrape of {{ $labels.server }} for more than %d seconds: the server is down, unreachable or refuses the exporter. dbtools_target_connect_error{kind} names the reason.' % c.offlineAfterSeconds),
          alert('DbToolsServerNeverCollected', 'warning',
                'dbtools:server_health:status == %d' % c.statusCodes.unknown, c.serverUnknownFor,
                'Database server %s has never been collected' % on,
                '{{ $labels.server }} is a configured target but no scrape has ever succeeded (onboarding incomplete, wrong address or credentials).'),
        ] + twoLevels('DbToolsCpuHigh',
                      function(t) 'dbtools:server_cpu_utilization:avg > %g' % t,
                      c.cpuWarningRatio, c.cpuCriticalRatio, c.cpuAlertFor,
                      'CPU of %s at {{ $value | humanizePercentage }}' % on,
                      'Database CPU utilization averaged over %s is above %s (warning) / %s (critical).' % [c.healthWindow, pct(c.cpuWarningRatio), pct(c.cpuCriticalRatio)])
          + twoLevels('DbToolsMemoryHigh',
                      function(t) 'dbtools:server_memory_utilization:avg > %g' % t,
                      c.memoryWarningRatio, c.memoryCriticalRatio, c.memoryAlertFor,
                      'Memory of %s at {{ $value | humanizePercentage }}' % on,
                      'Database memory utilization averaged over %s is above %s (warning) / %s (critical).' % [c.healthWindow, pct(c.memoryWarningRatio), pct(c.memoryCriticalRatio)])
          + twoLevels('DbToolsConnectionsNearMax',
                      function(t) '%s > %g' % [fleet.connectionsRatio, t],
                      c.connectionsWarningRatio, c.connectionsCriticalRatio, c.connectionsAlertFor,
                      'Connections on %s at {{ $value | humanizePercentage }} of the maximum' % on,
                      'Client connections in use are above %s (warning) / %s (critical) of the maximum; new sessions will soon be refused.' % [pct(c.connectionsWarningRatio), pct(c.connectionsCriticalRatio)])
          + twoLevels('DbToolsBlockedSessions',
                      function(t) '%s >= %d' % [fleet.blockedSessions, t],
                      c.blockedSessionsWarning, c.blockedSessionsCritical, c.blockedSessionsFor,
                      '{{ $value }} blocked sessions on %s' % on,
                      'Sessions have been waiting on locks held by other sessions for %s (warning from %d, critical from %d blocked sessions).' % [c.blockedSessionsFor, c.blockedSessionsWarning, c.blockedSessionsCritical])
          + [
            alert('DbToolsLongRunningQuery', 'warning',
                  '%s > %d' % [fleet.oldestQuery, c.oldestQueryWarningSeconds], c.oldestQueryFor,
                  'A query has been running for {{ $value | humanizeDuration }} on %s' % on,
                  'The oldest running query is older than %d seconds.' % c.oldestQueryWarningSeconds),
          ]
          + twoLevels('DbToolsReplicationLag',
                      function(t) '%s > %d' % [fleet.replicationLag, t],
                      c.replicationLagWarningSeconds, c.replicationLagCriticalSeconds, c.replicationLagFor,
                      'Replication lag of {{ $value | humanizeDuration }} on %s' % on,
                      'Replication lag is above %d seconds (warning) / %d seconds (critical).' % [c.replicationLagWarningSeconds, c.replicationLagCriticalSeconds])
          + [
            alert('DbToolsBackupTooOld', 'warning',
                  '%s > %d' % [fleet.backupAge, c.backupMaxAgeSeconds], c.backupAlertFor,
                  'Last backup of {{ $labels.database }} on %s is {{ $value | humanizeDuration }} old' % on,
                  'The newest successful (non-log) backup of the database is older than %d seconds.' % c.backupMaxAgeSeconds),
            alert('DbToolsLogBackupTooOld', 'warning',
                  '%s > %d' % [fleet.logBackupAge, c.logBackupMaxAgeSeconds], c.backupAlertFor,
                  'Last log backup of {{ $labels.database }} on %s is {{ $value | humanizeDuration }} old' % on,
                  'The newest transaction log backup of the database is older than %d seconds; the log cannot be truncated and point-in-time recovery loses data.' % c.logBackupMaxAgeSeconds),
          ],
      },
      {
        name: 'dbtools-exporter',
        rules: [
          alert('DbToolsCollectorFailing', 'warning',
                exporter.collectorFailing, c.collectorFailingFor,
                'Collector {{ $labels.collector }} failing on %s' % on,
                'The collector has failed every scrape for %s; its metrics are missing (other collectors still work). Usually a missing grant or an unsupported feature.' % c.collectorFailingFor),
          alert('DbToolsScrapeSlow', 'info',
                '%s > %d' % [exporter.scrapeDuration, c.scrapeSlowSeconds], c.scrapeSlowFor,
                'Scraping %s takes {{ $value | humanizeDuration }}' % on,
                'The scrape of this target takes more than %d seconds; it risks hitting the scrape timeout.' % c.scrapeSlowSeconds),
          alert('DbToolsExporterDown', 'critical',
                '%s == 0' % exporter.exporterUp, c.exporterDownFor,
                'DbTools exporter {{ $labels.instance }} is down',
                'Prometheus cannot scrape the exporter itself; every server it collects will go offline.'),
          alert('DbToolsExporterConfigReloadFailed', 'warning',
                '%s == 0' % exporter.configReloadOk, c.exporterConfigReloadFailedFor,
                'DbTools exporter {{ $labels.instance }} ignores a broken targets file',
                'The last read of the targets file failed; the exporter keeps serving the previous targets until the file is fixed.'),
        ],
      },
      {
        name: 'dbtools-postgres',
        rules: twoLevels('DbToolsPostgresTxidWraparound',
                         function(t) '%s < %g' % [pg.wraparoundHeadroom, t],
                         c.postgresWraparoundWarningHeadroom, c.postgresWraparoundCriticalHeadroom, c.postgresWraparoundFor,
                         'Transaction ID wraparound headroom at {{ $value | humanizePercentage }} on %s' % on,
                         'The oldest unfrozen transaction ID of a database leaves less than %s (warning) / %s (critical) of the XID space; PostgreSQL stops accepting writes when it runs out.' % [pct(c.postgresWraparoundWarningHeadroom), pct(c.postgresWraparoundCriticalHeadroom)])
               + [
                 alert('DbToolsPostgresDeadlocks', 'warning',
                       '%s > %d' % [pg.deadlocks15m, c.postgresDeadlocksWarning15m], c.postgresDeadlocksFor,
                       '{{ $value }} deadlocks in 15 minutes on %s' % on,
                       'More than %d deadlocks were detected in the last 15 minutes.' % c.postgresDeadlocksWarning15m),
                 alert('DbToolsPostgresReplicationSlotRetainingWal', 'warning',
                       pg.slotInactiveRetaining(c.postgresSlotRetainedWalWarningBytes), c.postgresSlotInactiveFor,
                       'Inactive replication slot {{ $labels.slot_name }} on %s retains WAL' % on,
                       'The slot is not used by any connection and keeps more than %d bytes of WAL; the disk fills until it is dropped or its consumer returns.' % c.postgresSlotRetainedWalWarningBytes),
                 alert('DbToolsPostgresWalArchiveFailing', 'warning',
                       pg.archiveFailing, c.postgresArchiveFailingFor,
                       'WAL archiving is failing on %s' % on,
                       'The newest archive attempt failed (archive_command); WAL accumulates in pg_wal and point-in-time recovery has a gap.'),
               ],
      },
      {
        name: 'dbtools-mssql',
        rules: twoLevels('DbToolsMssqlLogSpaceLow',
                         function(t) '%s > %g' % [ms.logUsed, t],
                         c.mssqlLogUsedWarningRatio, c.mssqlLogUsedCriticalRatio, c.mssqlSpaceFor,
                         'Transaction log of {{ $labels.database }} on %s is {{ $value | humanizePercentage }} full' % on,
                         'Used log space is above %s (warning) / %s (critical) of the log files; when it is full (and cannot grow), writes fail with error 9002.' % [pct(c.mssqlLogUsedWarningRatio), pct(c.mssqlLogUsedCriticalRatio)])
               + [
                 alert('DbToolsMssqlDatabaseUnavailable', 'critical',
                       ms.databaseBadState, c.mssqlDatabaseStateFor,
                       'Database {{ $labels.database }} on %s is {{ $labels.state }}' % on,
                       'The database is SUSPECT, RECOVERY_PENDING or EMERGENCY: applications cannot use it.'),
                 alert('DbToolsMssqlAvailabilityGroupUnhealthy', 'critical',
                       ms.agUnhealthy, c.mssqlAgUnhealthyFor,
                       'Availability group {{ $labels.availability_group }} database {{ $labels.database }} is not healthy on replica {{ $labels.replica }}, seen from %s' % on,
                       'synchronization_health is NOT_HEALTHY: the replica is not synchronizing; failover to it may lose data.'),
               ],
      },
      {
        name: 'dbtools-mongodb',
        rules: [
          alert('DbToolsMongodbReplicaSetMemberUnhealthy', 'critical',
                mg.memberUnhealthy, c.mongodbMemberUnhealthyFor,
                'Replica set member {{ $labels.member }} is down as seen from %s' % on,
                'The member reports health 0; the set has less redundancy and may lose its majority.'),
          alert('DbToolsMongodbTicketsExhausted', 'warning',
                mg.ticketsExhausted, c.mongodbTicketsExhaustedFor,
                'No {{ $labels.operation }} tickets left on %s' % on,
                'All WiredTiger {{ $labels.operation }} execution tickets are in use; further operations queue.'),
        ] + twoLevels('DbToolsMongodbOplogWindowShort',
                      function(t) '%s < %d' % [mg.oplogWindow, t],
                      c.mongodbOplogWindowWarningSeconds, c.mongodbOplogWindowCriticalSeconds, c.mongodbOplogWindowFor,
                      'Oplog window of %s is {{ $value | humanizeDuration }}' % on,
                      'A member away for longer than the oplog window (below %d s warning / %d s critical) needs a full resync.' % [c.mongodbOplogWindowWarningSeconds, c.mongodbOplogWindowCriticalSeconds]),
      },
      {
        name: 'dbtools-snowflake',
        rules: twoLevels('DbToolsSnowflakeCreditBurnHigh',
                         function(t) '%s > %g' % [sf.warehouseCredits, t],
                         c.snowflakeWarehouseCreditsWarning, c.snowflakeWarehouseCreditsCritical, c.snowflakeCreditBurnFor,
                         'Warehouse {{ $labels.warehouse }} of %s used {{ $value }} credits in its usage window' % on,
                         'Credits used by the warehouse over the target\'s usage window (window_hours, default 24 h) are above %g (warning) / %g (critical).' % [c.snowflakeWarehouseCreditsWarning, c.snowflakeWarehouseCreditsCritical]),
      },
    ],
  },
}
