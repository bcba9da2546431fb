// PostgreSQL (exporters/postgres, docs/metrics/postgres.md).
local m = import 'matchers.libsonnet';
local by = 'tenant, server, engine';
function(s, w='5m') {
  local sel = m.join([s, 'engine="postgres"']),
  sessionsByState: 'sum by (%s, state) (dbtools_postgres_sessions{%s})' % [by, sel],
  commits: 'sum by (%s) (rate(dbtools_postgres_transactions_committed_total{%s}[%s]))' % [by, sel, w],
  rollbacks: 'sum by (%s) (rate(dbtools_postgres_transactions_rolled_back_total{%s}[%s]))' % [by, sel, w],
  cacheHitRatio: 'sum by (%(by)s) (rate(dbtools_postgres_blocks_hit_total{%(s)s}[%(w)s])) / (sum by (%(by)s) (rate(dbtools_postgres_blocks_hit_total{%(s)s}[%(w)s])) + sum by (%(by)s) (rate(dbtools_postgres_blocks_read_total{%(s)s}[%(w)s])) > 0)' % { by: by, s: sel, w: w },
  blocksRead: 'sum by (%s) (rate(dbtools_postgres_blocks_read_total{%s}[%s]))' % [by, sel, w],
  blockReadTime: 'sum by (%s) (rate(dbtools_postgres_block_read_seconds_total{%s}[%s]))' % [by, sel, w],
  tempBytes: 'sum by (%s) (rate(dbtools_postgres_temp_bytes_total{%s}[%s]))' % [by, sel, w],
  tuples(kind): 'sum by (%s) (rate(dbtools_postgres_tuples_%s_total{%s}[%s]))' % [by, kind, sel, w],
  deadlocks: 'sum by (%s) (increase(dbtools_postgres_deadlocks_total{%s}[%s]))' % [by, sel, w],
  deadlocks15m: 'sum by (%s) (increase(dbtools_postgres_deadlocks_total{%s}[15m]))' % [by, sel],
  locksWaiting: 'sum by (%s, mode) (dbtools_postgres_locks{%s, granted="false"})' % [by, sel],
  headBlockers: 'dbtools_postgres_head_blockers{%s}' % sel,
  lockWaitLongest: 'dbtools_postgres_lock_wait_longest_seconds{%s}' % sel,
  oldestTransaction: 'dbtools_postgres_oldest_transaction_seconds{%s}' % sel,
  wraparoundHeadroom: 'min by (%s) (dbtools_postgres_database_wraparound_headroom_ratio{%s})' % [by, sel],
  frozenXidAge: 'dbtools_postgres_database_frozen_xid_age{%s}' % sel,
  standbyReplayLagBytes: 'dbtools_postgres_replication_replay_lag_bytes{%s}' % sel,
  slotRetainedWal: 'dbtools_postgres_replication_slot_retained_wal_bytes{%s}' % sel,
  slotInactiveRetaining(bytes): '(dbtools_postgres_replication_slot_active{%(s)s} == 0) * on (tenant, server, engine, slot_name) group_left () (dbtools_postgres_replication_slot_retained_wal_bytes{%(s)s} > %(b)d)' % { s: sel, b: bytes },
  // The newest archive attempt failed (failure newer than the last success, or no success yet).
  archiveFailing: '(dbtools_postgres_wal_last_archive_failure_age_seconds{%(s)s} < on (tenant, server, engine) dbtools_postgres_wal_last_archive_age_seconds{%(s)s}) or (dbtools_postgres_wal_last_archive_failure_age_seconds{%(s)s} unless on (tenant, server, engine) dbtools_postgres_wal_last_archive_age_seconds{%(s)s})' % { s: sel },
  walBytes: 'sum by (%s) (rate(dbtools_postgres_wal_bytes_total{%s}[%s]))' % [by, sel, w],
  checkpointsRequested: 'sum by (%s) (rate(dbtools_postgres_checkpoints_requested_total{%s}[%s]))' % [by, sel, w],
  checkpointsTimed: 'sum by (%s) (rate(dbtools_postgres_checkpoints_timed_total{%s}[%s]))' % [by, sel, w],
  uptime: 'dbtools_postgres_uptime_seconds{%s}' % sel,
  inRecovery: 'dbtools_postgres_in_recovery{%s}' % sel,
}
