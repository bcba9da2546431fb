#!/usr/bin/env python3
"""A synthetic DbTools fleet as OpenMetrics, for `promtool tsdb create-blocks-from openmetrics`.

Writes the series the fleet-overview and server-detail dashboards read, with the names and labels
the exporter emits (checked against docs/metrics.md and docs/metrics/*.md) and the recording-rule
series of alert-rules/rendered/dbtools-recording.rules.yml, the fleet aggregates included
(generated directly, since backfilled data is never evaluated by rules). One call writes one time
window; the caller loops over 2 h windows so promtool parses every sample once.

Fleet model (deterministic, --seed): servers spread over --tenants tenants; 60 % PostgreSQL (every
third one a standby of the one before), 25 % SQL Server (half in an availability group), 10 %
MongoDB (replica set members), 5 % Snowflake; 1 % offline for the whole period; each server in one
or two of three groups per tenant, every tenth in none; about 5 % with a firing alert.
"""
import argparse
import math
import random
import re
import sys
from pathlib import Path

PG_DATABASES = ["postgres", "app", "orders", "billing", "reporting", "audit"]
PG_STATES = ["active", "idle", "idle in transaction", "idle in transaction (aborted)"]
PG_LOCK_MODES = ["AccessShareLock", "RowShareLock", "RowExclusiveLock"]
MSSQL_DATABASES = ["master", "model", "msdb", "tempdb", "Sales", "Inventory", "HR", "Reporting"]
MSSQL_WAITS = [f"WAIT_{i:02d}" for i in range(48)] + [
    "PAGEIOLATCH_SH", "PAGEIOLATCH_EX", "WRITELOG", "LCK_M_X", "LCK_M_S", "LCK_M_U", "CXPACKET",
    "CXCONSUMER", "SOS_SCHEDULER_YIELD", "ASYNC_NETWORK_IO", "RESOURCE_SEMAPHORE", "THREADPOOL"]
MONGO_DATABASES = ["admin", "config", "local", "shop", "events"]
SNOWFLAKE_DATABASES = [f"DB_{i}" for i in range(10)]
STATUSES = ["healthy", "warning", "critical", "offline", "unknown"]
GROUPS = ["prod", "staging", "eu"]


def fleet(n, tenants, seed):
    """One dict per server: tenant, name, engine, role details, groups, health."""
    rnd = random.Random(seed)
    servers = []
    for i in range(n):
        r = i % 20
        engine = "postgres" if r < 12 else "mssql" if r < 17 else "mongodb" if r < 19 else "snowflake"
        tenant = f"tenant{i % tenants:02d}"
        s = {"i": i, "tenant": tenant, "server": f"{engine[:2]}-{i:04d}", "engine": engine,
             "offline": i % 100 == 99, "rnd": random.Random(seed * 100003 + i)}
        s["groups"] = [] if i % 10 == 3 else rnd.sample(GROUPS, 1 if i % 3 else 2)
        s["status"] = 3 if s["offline"] else rnd.choices([0, 1, 2], weights=[90, 7, 3])[0]
        s["alert"] = not s["offline"] and (s["status"] > 0 or rnd.random() < 0.02)
        servers.append(s)
    # PostgreSQL: every third is a standby of the previous one.
    pg = [s for s in servers if s["engine"] == "postgres"]
    for k, s in enumerate(pg):
        s["standby_of"] = pg[k - 1] if k % 3 == 2 else None
        if s["standby_of"] is not None:
            s["standby_of"]["standby"] = s
    return servers


class Series:
    """One series: a name, its labels and how its value moves."""

    __slots__ = ("prefix", "kind", "base", "amp", "period", "phase", "rate", "every")

    def __init__(self, name, labels, kind="gauge", base=0.0, amp=0.0, period=3600.0, phase=0.0, rate=0.0, every=None):
        body = ",".join(f'{k}="{v}"' for k, v in labels.items())
        self.prefix = f"{name}{{{body}}} "
        self.kind, self.base, self.amp, self.period, self.phase, self.rate = kind, base, amp, period, phase, rate
        self.every = every  # seconds between samples when sparser than the scrape interval (slower rule groups)

    def values(self, times):
        if self.kind == "counter":
            return [f"{self.base + self.rate * t:.0f}" for t in times]
        if self.amp == 0:
            v = f"{self.base:g}"
            return [v] * len(times)
        w = 2 * math.pi / self.period
        return [f"{max(0.0, self.base + self.amp * math.sin(w * t + self.phase)):.4g}" for t in times]


def series_for(s, now):
    """Every series one server contributes."""
    rnd = s["rnd"]
    key = {"tenant": s["tenant"], "server": s["server"], "engine": s["engine"]}
    out = []

    def g(name, extra=None, **kw):
        kw.setdefault("phase", rnd.random() * 6.28)
        out.append(Series(name, {**key, **(extra or {})}, **kw))

    def c(name, extra=None, rate=1.0):
        out.append(Series(name, {**key, **(extra or {})}, kind="counter", base=rnd.random() * 1e9, rate=rate))

    out.append(Series("up", {"instance": "exporter:9630", "job": "dbtools", **key}, base=1))
    out.append(Series("dbtools_up", key, base=0 if s["offline"] else 1))
    # recording rules (alert-rules/rendered/dbtools-recording.rules.yml)
    out.append(Series("dbtools:server:known", key, base=1))
    for grp in s["groups"] or ["ungrouped"]:
        out.append(Series("dbtools:server_group:info", {"tenant": s["tenant"], "server": s["server"], "group": grp}, base=1))
    for grp in s["groups"]:
        out.append(Series("dbtools_server_group_info", {"instance": "control-api:8420", "job": "dbtools-inventory",
                                                        "tenant": s["tenant"], "server": s["server"], "group": grp}, base=1))
    out.append(Series("dbtools:server_health:status", key, base=s["status"]))
    for code, status in enumerate(STATUSES):
        out.append(Series("dbtools:server_health:info", {**key, "status": status}, base=1 if code == s["status"] else 0))
    if s["offline"]:
        out.append(Series("dbtools_target_connect_error", {**key, "kind": "unreachable"}, base=1))
        out.append(Series("dbtools:server_last_success:timestamp_seconds", key, base=now - 3 * 86400))
        return out
    out.append(Series("dbtools:server_last_success:timestamp_seconds", key, kind="counter", base=0, rate=1))
    if s["alert"]:
        severity = "critical" if s["status"] == 2 else "warning"
        out.append(Series("ALERTS", {"alertname": "DbToolsBlockedSessions", "alertstate": "firing", "severity": severity, **key},
                          base=1))
    e = s["engine"]
    # the fleet trend rules (group dbtools-fleet-trends, every 5 minutes): one series per server and group
    trends = [("cpu_utilization", 0.4, 0.3, 86400), ("memory_utilization", 0.7, 0.1, 86400)] if e == "mssql" else []
    if e != "snowflake":
        trends += [("connections_utilization", 0.3, 0.2, 86400), ("blocked_sessions", 0, 1.5 if s["alert"] else 0, 900)]
    if s.get("standby_of") is not None or s.get("standby") is not None or e == "mongodb" or (e == "mssql" and s["i"] % 2):
        trends.append(("replication_lag_seconds", 1, 1, 600))
    for signal, base, amp, period in trends:
        phase = rnd.random() * 6.28
        for grp in s["groups"] or ["ungrouped"]:
            out.append(Series(f"dbtools:server_{signal}:trend_max", {**key, "group": grp}, base=base, amp=amp, period=period,
                              phase=phase, every=300))
    version = {"postgres": "16.4", "mssql": "16.0.4135.4", "mongodb": "7.0.14", "snowflake": "8.39.2"}[e]
    out.append(Series("dbtools_server_info", {**key, "flavor": e, "version": version, "edition": ""}, base=1))

    if e == "postgres":
        g("dbtools_connections_used", base=40, amp=30, period=86400)
        g("dbtools_connections_max", base=200)
        g("dbtools_blocked_sessions", base=0.3 if s["alert"] else 0, amp=1.5 if s["alert"] else 0, period=900)
        g("dbtools_oldest_query_seconds", base=20, amp=15, period=1800)
        for db in PG_DATABASES:
            g("dbtools_database_size_bytes", {"database": db}, base=rnd.randint(8, 500) * 1e8, amp=1e6, period=86400)
            c("dbtools_postgres_blocks_read_total", {"datname": db}, rate=rnd.randint(10, 2000))
            c("dbtools_postgres_blocks_hit_total", {"datname": db}, rate=rnd.randint(10_000, 200_000))
            for st in PG_STATES:
                g("dbtools_postgres_sessions", {"datname": db, "state": st}, base=3, amp=3, period=600)
            for mode in PG_LOCK_MODES:
                g("dbtools_postgres_locks", {"datname": db, "mode": mode, "granted": "true"}, base=4, amp=4, period=300)
        g("dbtools_postgres_locks", {"datname": "app", "mode": "ShareLock", "granted": "false"}, base=0.5, amp=1, period=300)
        c("dbtools_postgres_wal_bytes_total", rate=rnd.randint(10_000, 5_000_000))
        if s.get("standby_of") is not None:
            g("dbtools_replication_lag_seconds", base=1, amp=1, period=600)
        if s.get("standby") is not None:
            g("dbtools_replication_lag_seconds", base=1, amp=1, period=600)
            g("dbtools_postgres_replication_replay_lag_bytes",
              {"application_name": s["standby"]["server"], "client_addr": f"10.0.{s['i'] % 250}.{s['i'] % 200 + 2}"},
              base=50_000, amp=50_000, period=600)
    elif e == "mssql":
        g("dbtools_cpu_utilization_ratio", base=0.4, amp=0.3, period=86400)
        g("dbtools_memory_utilization_ratio", base=0.7, amp=0.1, period=86400)
        g("dbtools:server_cpu_utilization:avg", base=0.4, amp=0.3, period=86400)
        g("dbtools:server_memory_utilization:avg", base=0.7, amp=0.1, period=86400)
        g("dbtools_connections_used", base=150, amp=100, period=86400)
        g("dbtools_connections_max", base=32767)
        g("dbtools_blocked_sessions", base=0, amp=1 if s["alert"] else 0, period=900)
        g("dbtools_oldest_query_seconds", base=30, amp=20, period=1800)
        if s["i"] % 2:
            g("dbtools_replication_lag_seconds", base=2, amp=2, period=600)
        for w in MSSQL_WAITS:
            c("dbtools_mssql_wait_seconds_total", {"wait_type": w}, rate=rnd.random() * 5)
        for db in MSSQL_DATABASES:
            g("dbtools_database_size_bytes", {"database": db}, base=rnd.randint(1, 900) * 1e8, amp=1e6, period=86400)
            g("dbtools_mssql_database_log_used_ratio", {"database": db}, base=0.3, amp=0.2, period=7200)
            for typ in ["full", "differential", "log"]:
                step = {"full": 86400, "differential": 21600, "log": 900}[typ]
                g("dbtools_last_backup_timestamp_seconds", {"database": db, "type": typ}, base=(now // step) * step - step)
            for f, ft in [(db + "_data", "ROWS"), (db + "_log", "LOG")]:
                lab = {"database": db, "file": f, "file_type": ft}
                c("dbtools_mssql_file_reads_total", lab, rate=rnd.randint(1, 500))
                c("dbtools_mssql_file_writes_total", lab, rate=rnd.randint(1, 500))
                c("dbtools_mssql_file_read_stall_seconds_total", lab, rate=rnd.random() * 2)
                c("dbtools_mssql_file_write_stall_seconds_total", lab, rate=rnd.random() * 2)
    elif e == "mongodb":
        g("dbtools_connections_used", base=80, amp=40, period=86400)
        g("dbtools_connections_max", base=51200)
        g("dbtools_oldest_query_seconds", base=5, amp=5, period=1800)
        g("dbtools_replication_lag_seconds", base=1, amp=1, period=600)
        for st, b in [("current", 80), ("available", 51120), ("active", 10)]:
            g("dbtools_mongodb_connections", {"state": st}, base=b, amp=b / 4, period=86400)
        for t in ["readers", "writers"]:
            g("dbtools_mongodb_global_lock_queue", {"type": t}, base=0.5, amp=1, period=600)
        c("dbtools_mongodb_network_received_bytes_total", rate=rnd.randint(10_000, 1_000_000))
        c("dbtools_mongodb_network_sent_bytes_total", rate=rnd.randint(10_000, 1_000_000))
        for m in range(2):
            g("dbtools_mongodb_replset_member_lag_seconds", {"member": f"{s['server']}-{m + 1}:27017"}, base=1, amp=1, period=600)
        for db in MONGO_DATABASES:
            g("dbtools_database_size_bytes", {"database": db}, base=rnd.randint(1, 300) * 1e8, amp=1e6, period=86400)
    else:
        for db in SNOWFLAKE_DATABASES:
            g("dbtools_database_size_bytes", {"database": db}, base=rnd.randint(1, 9000) * 1e9, amp=1e7, period=86400)
    return out


def fleet_aggregates(servers):
    """The fleet recording rules: servers per tenant, engine and status, and per group too (zeros
    included, as the rules sum the 0/1 dbtools:server_health:info series)."""
    tenant, group = {}, {}
    for s in servers:
        for code, status in enumerate(STATUSES):
            k = (s["tenant"], s["engine"], status)
            tenant[k] = tenant.get(k, 0) + (code == s["status"])
            for grp in s["groups"] or ["ungrouped"]:
                group[(*k, grp)] = group.get((*k, grp), 0) + (code == s["status"])
    out = [Series("dbtools:tenant_health:servers", {"tenant": t, "engine": e, "status": st}, base=n)
           for (t, e, st), n in tenant.items()]
    out += [Series("dbtools:group_health:servers", {"tenant": t, "engine": e, "group": grp, "status": st}, base=n)
            for (t, e, st, grp), n in group.items()]
    return out


def documented_names(root):
    names = set()
    for md in [root / "docs/metrics.md", *sorted((root / "docs/metrics").glob("*.md"))]:
        names.update(re.findall(r"`(dbtools_[a-z0-9_]*[a-z0-9])`", md.read_text()))
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--servers", type=int, default=500)
    ap.add_argument("--tenants", type=int, default=20)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--start", type=int, required=True, help="first sample, Unix seconds (inclusive)")
    ap.add_argument("--end", type=int, required=True, help="Unix seconds (exclusive)")
    ap.add_argument("--interval", type=int, default=30, help="seconds between samples (the scrape interval)")
    ap.add_argument("--now", type=int, required=True, help="end of the whole period (backup times are relative to it)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--count", action="store_true", help="print the series count and check the names; write nothing")
    a = ap.parse_args()

    servers = fleet(a.servers, a.tenants, a.seed)
    all_series = [x for s in servers for x in series_for(s, a.now)] + fleet_aggregates(servers)
    if a.count:
        docs = documented_names(Path(a.root))
        names = {x.prefix.split("{")[0] for x in all_series}
        unknown = sorted(n for n in names if n.startswith("dbtools_") and n not in docs)
        if unknown:
            sys.exit("not in docs/metrics*.md (renamed?): " + ", ".join(unknown))
        print(len(all_series))
        return
    all_series.sort(key=lambda x: x.prefix)  # families contiguous, as OpenMetrics wants
    first = a.start + (-a.start) % a.interval
    times = list(range(first, a.end, a.interval))
    stamps = [str(t) for t in times]
    with open(a.out, "w", buffering=1 << 20) as f:
        for x in all_series:
            p = x.prefix
            if x.every:
                sparse = [t for t in times if t % x.every == 0]
                f.write("\n".join(p + v + " " + str(t) for v, t in zip(x.values(sparse), sparse)))
            else:
                f.write("\n".join(p + v + " " + t for v, t in zip(x.values(times), stamps)))
            f.write("\n")
        f.write("# EOF\n")


if __name__ == "__main__":
    main()
