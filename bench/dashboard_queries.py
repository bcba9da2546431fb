#!/usr/bin/env python3
"""Runs every panel query of the fleet-overview and server-detail dashboards against a Prometheus,
as Grafana would for a time range, and times them.

Variables: the fleet overview with every variable at All (`.*`, the whole fleet); server detail
for one PostgreSQL and one SQL Server server. Each panel's step is Grafana's: range / the panel's
maxDataPoints (--max-points, 1000, the width in pixels of a wide panel, when the panel sets none),
rounded the way Grafana rounds intervals, and never below the panel's minimum interval (its
`interval`; --min-interval when it has none); `$__interval` is that step and `$__rate_interval`
is max(step + scrape interval, 4 x scrape interval). Instant panels (stats, tables) are evaluated at the end of the range. Queries run one
after the other; a warm-up pass is not counted, then --passes passes are.
"""
import argparse
import json
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

# Grafana's interval rounding (kbn.roundInterval), milliseconds: (below, rounds to).
ROUNDING = [(15, 10), (35, 20), (75, 50), (150, 100), (350, 200), (750, 500), (1500, 1000), (3500, 2000),
            (7500, 5000), (12500, 10000), (17500, 15000), (25000, 20000), (45000, 30000), (90000, 60000),
            (150000, 120000), (450000, 300000), (750000, 600000), (1050000, 900000), (1500000, 1200000),
            (2700000, 1800000), (5400000, 3600000), (9000000, 7200000), (16200000, 10800000),
            (32400000, 21600000), (86400000, 43200000)]


def round_interval(ms):
    for below, to in ROUNDING:
        if ms < below:
            return to
    return 86400000


def parse_duration(text):
    """Grafana's interval notation as used on panels ("30s", "1m", "2h"), in seconds."""
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    for unit in sorted(units, key=len, reverse=True):
        if text.endswith(unit) and text[:-len(unit)].isdigit():
            return int(text[:-len(unit)]) * units[unit]
    raise SystemExit(f"cannot read the panel interval {text!r}")


def step_for(rng, panel, max_points, min_interval):
    """Grafana's step for one panel: range / maxDataPoints rounded, at least the panel's interval."""
    points = panel.get("maxDataPoints") or max_points
    low = parse_duration(panel["interval"]) if panel.get("interval") else min_interval
    step = max(low, round_interval(rng * 1000 / points) / 1000)
    return int(step) if step == int(step) else step


def duration(seconds):
    if seconds < 60 or seconds % 1:
        return f"{int(seconds * 1000)}ms" if seconds % 1 else f"{int(seconds)}s"
    return f"{int(seconds // 60)}m{int(seconds % 60)}s" if seconds % 60 else f"{int(seconds // 60)}m"


def panel_targets(path):
    d = json.loads(Path(path).read_text())
    out = []
    for p in d["panels"]:
        for q in [p, *p.get("panels", [])]:
            for t in q.get("targets", []):
                instant = t.get("instant", False) and not t.get("range", False)
                out.append((f"{q['title']} / {t.get('refId', 'A')}", t["expr"], instant,
                            {"interval": q.get("interval"), "maxDataPoints": q.get("maxDataPoints")}))
    return d["title"], out


def substitute(expr, values):
    for k in sorted(values, key=len, reverse=True):  # $__rate_interval before $__interval
        expr = expr.replace("${" + k + "}", values[k]).replace("$" + k, values[k])
    if "$" in expr:
        raise SystemExit("unsubstituted variable in " + expr)
    return expr


def query(base, expr, instant, start, end, step):
    if instant:
        path, form = "/api/v1/query", {"query": expr, "time": str(end)}
    else:
        path, form = "/api/v1/query_range", {"query": expr, "start": str(start), "end": str(end), "step": str(step)}
    data = urllib.parse.urlencode(form).encode()
    t0 = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data), timeout=120) as r:
        body = json.loads(r.read())
    elapsed = time.perf_counter() - t0
    if body.get("status") != "success":
        raise SystemExit(f"query failed: {expr}: {body}")
    result = body["data"]["result"]
    points = sum(len(s.get("values", [])) or 1 for s in result)
    return elapsed, len(result), points


def p99(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prometheus", required=True)
    ap.add_argument("--dashboards", required=True, help="dashboards/rendered")
    ap.add_argument("--end", type=int, required=True, help="end of the ranges, Unix seconds")
    ap.add_argument("--scrape-interval", type=int, default=30)
    ap.add_argument("--max-points", type=int, default=1000, help="maxDataPoints of a panel that sets none")
    ap.add_argument("--min-interval", type=int, default=60, help="seconds; minimum step of a panel that sets no interval")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--pg-server", required=True, help="tenant/server of a PostgreSQL server")
    ap.add_argument("--mssql-server", required=True, help="tenant/server of a SQL Server server")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    views = []
    fleet_title, fleet = panel_targets(Path(a.dashboards) / "dbtools-fleet.json")
    views.append((fleet_title + " (all tenants, all servers)", fleet, {"tenant": ".*", "engine": ".*", "group": ".*", "server": ".*"}))
    server_title, server = panel_targets(Path(a.dashboards) / "dbtools-server.json")
    for label, ts in [("PostgreSQL", a.pg_server), ("SQL Server", a.mssql_server)]:
        tenant, name = ts.split("/")
        views.append((f"{server_title} ({label} server {name})", server,
                      {"tenant": tenant, "engine": ".*", "group": ".*", "server": name}))

    results = []
    for hours in (1, 24):
        rng = hours * 3600
        start = a.end - rng
        for title, targets, variables in views:
            exprs, steps = [], set()
            for where, expr, instant, panel in targets:
                step = step_for(rng, panel, a.max_points, a.min_interval)
                rate = max(step + a.scrape_interval, 4 * a.scrape_interval)
                values = {**variables, "__interval": duration(step), "__rate_interval": duration(rate),
                          "__range": duration(rng), "datasource": "prometheus"}
                exprs.append((where, substitute(expr, values), instant, step))
                if not instant:
                    steps.add(step)
            for where, expr, instant, step in exprs:  # warm-up pass, not counted
                query(a.prometheus, expr, instant, start, a.end, step)
            totals, each, slowest, per_query = [], [], {}, {}
            empty = set()
            for _ in range(a.passes):
                total = 0.0
                for where, expr, instant, step in exprs:
                    t, n, _points = query(a.prometheus, expr, instant, start, a.end, step)
                    total += t
                    each.append(t)
                    slowest[where] = max(slowest.get(where, 0), t)
                    per_query.setdefault(where, []).append(t)
                    if n == 0:
                        empty.add(where)
                totals.append(total)
            worst = max(slowest.items(), key=lambda kv: kv[1])
            results.append({"dashboard": title, "range_hours": hours, "steps_seconds": sorted(steps),
                            "queries": len(exprs), "passes": a.passes,
                            "total_median_s": statistics.median(totals), "total_max_s": max(totals),
                            "query_p99_s": p99(each), "query_median_s": statistics.median(each),
                            "slowest_query": worst[0], "slowest_query_s": worst[1], "empty": sorted(empty),
                            "per_query_median_s": {w: statistics.median(ts) for w, ts in per_query.items()},
                            "loadavg": open("/proc/loadavg").read().split()[:3]})
            r = results[-1]
            print(f"{title:60s} {hours:2d} h  {len(exprs):2d} queries  total {r['total_median_s']*1000:7.1f} ms"
                  f"  p99 {r['query_p99_s']*1000:6.1f} ms  slowest {worst[0]} {worst[1]*1000:.1f} ms", flush=True)
    Path(a.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
