#!/usr/bin/env python3
"""Turns one run's raw JSON (bench/results/<stamp>/) into the Markdown results table."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from stats import median, percentile  # noqa: E402

MB = 1024 * 1024


def load(d, name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt(v, digits=2):
    if v is None:
        return "–"
    if isinstance(v, int):
        return str(v)
    return f"{v:.{digits}f}"


def ratio(ours, peer):
    return ours / peer if ours is not None and peer not in (None, 0) else None


def verdict(r, limit, higher_is_better=False):
    if r is None:
        return "not measured"
    ok = r >= limit if higher_is_better else r <= limit
    return "met" if ok else "**missed**"


def comparison(d, meta, out):
    ours, peer = load(d, "window-dbtools.json"), load(d, "window-peer.json")
    idle = [w for w in (load(d, "window-idle-before.json"), load(d, "window-idle-after.json")) if w]
    if not ours or not peer or not idle:
        return
    c_ours, c_peer = load(d, "counts-dbtools.json"), load(d, "counts-peer.json")
    idle_rate = sum(w["postgres_cpu_seconds"] for w in idle) / sum(w["duration_seconds"] for w in idle)

    def per100(w, key):
        return w[key] / len(w["latencies_seconds"]) * 100 if w["latencies_seconds"] else None

    def pg_net_per100(w):
        net = w["postgres_cpu_seconds"] - idle_rate * w["duration_seconds"]
        return net / len(w["latencies_seconds"]) * 100 if w["latencies_seconds"] else None

    rows = [
        ("scrape latency p50 (ms)", median(ours["latencies_seconds"]) * 1000, median(peer["latencies_seconds"]) * 1000, 1.0, False),
        ("scrape latency p90 (ms)", percentile(ours["latencies_seconds"], 90) * 1000,
         percentile(peer["latencies_seconds"], 90) * 1000, 1.0, False),
        ("exporter CPU s per 100 scrapes", per100(ours, "exporter_cpu_seconds"), per100(peer, "exporter_cpu_seconds"), 1.0, False),
    ]
    if "exporter_cpu_in_scrapes_seconds" in ours and "exporter_cpu_in_scrapes_seconds" in peer:
        rows += [
            ("  of which while answering a scrape", per100(ours, "exporter_cpu_in_scrapes_seconds"),
             per100(peer, "exporter_cpu_in_scrapes_seconds"), None, False),
        ]
    w_ours, w_peer = load(d, "warmup-dbtools.json"), load(d, "warmup-peer.json")
    if w_ours and w_peer and "exporter_cpu_seconds" in w_ours and "exporter_cpu_seconds" in w_peer:
        rows += [
            (f"exporter CPU s for the {w_ours['scrapes']} warm-up scrapes after start (once per process)",
             w_ours["exporter_cpu_seconds"], w_peer["exporter_cpu_seconds"], None, False),
        ]
    rows += [
        ("PostgreSQL CPU s per 100 scrapes (net of idle)", pg_net_per100(ours), pg_net_per100(peer), 0.5, False),
        ("PostgreSQL CPU s per 100 scrapes (gross, idle not subtracted)", per100(ours, "postgres_cpu_seconds"),
         per100(peer, "postgres_cpu_seconds"), None, False),
        ("exporter RSS at end (MB)", ours["exporter_rss_bytes"] / MB, peer["exporter_rss_bytes"] / MB, None, False),
    ]
    if c_ours and c_peer:
        rows += [
            ("series", c_ours["series"], c_peer["series"], None, True),
            ("metric families, raw (`# TYPE` lines)", c_ours["families"], c_peer["families"], None, True),
            ("families from PostgreSQL (no runtime/self)", c_ours["database_families"], c_peer["database_families"], 1.5, True),
            ("  of which settings families", c_ours["settings_families"], c_peer["settings_families"], None, True),
            ("families from PostgreSQL without settings", c_ours["database_families_without_settings"],
             c_peer["database_families_without_settings"], 1.5, True),
        ]
    out.append(f"## DbTools vs postgres_exporter: {ours['scrapes']} scrapes each, every {fmt(ours['interval_seconds'], 0)} s\n")
    out.append("| measure | DbTools | postgres_exporter | DbTools / peer | goal | |")
    out.append("|---|---:|---:|---:|---|---|")
    for name, a, b, goal, higher in rows:
        r = ratio(a, b)
        if goal is None:
            g, v = "", ""
        else:
            g = ("≥ " if higher else "≤ ") + f"{goal}× peer"
            v = verdict(r, goal, higher)
        out.append(f"| {name} | {fmt(a)} | {fmt(b)} | {fmt(r)} | {g} | {v} |")
    out.append("")
    out.append(f"Scrape failures: DbTools {ours['failures']}, postgres_exporter {peer['failures']}. "
               f"Gzipped body median: DbTools {median(ours['gzip_bytes']) / 1024:.1f} KiB, "
               f"postgres_exporter {median(peer['gzip_bytes']) / 1024:.1f} KiB.")
    out.append(f"PostgreSQL CPU, gross per window: DbTools {ours['postgres_cpu_seconds']:.2f} s, "
               f"postgres_exporter {peer['postgres_cpu_seconds']:.2f} s over {ours['duration_seconds']:.0f} s; "
               "idle windows " + ", ".join(f"{w['postgres_cpu_seconds']:.2f} s over {w['duration_seconds']:.0f} s" for w in idle)
               + f" (idle rate {idle_rate * 1000:.1f} ms CPU per s, subtracted).")
    if len(idle) == 2:
        rates = [w["postgres_cpu_seconds"] / w["duration_seconds"] for w in idle]
        band = abs(rates[0] - rates[1]) / 2 * ours["duration_seconds"] / max(1, len(ours["latencies_seconds"])) * 100
        out.append(f"Idle noise: the two idle windows differ by {abs(rates[0] - rates[1]) * ours['duration_seconds']:.2f} s over a window, "
                   f"i.e. about ±{band:.2f} s per 100 scrapes; a net PostgreSQL figure inside that band cannot be told from zero.")
    out.append("Other load on the machine (busy CPU of all cores minus PostgreSQL and the exporter), mean cores: "
               + ", ".join(f"{w['label']} {_others(w):.2f}" for w in [idle[0], ours, peer] + idle[1:]) + ".")
    out.append("")


def _others(w):
    return (w["machine_busy_seconds"] - w["postgres_cpu_seconds"] - w.get("exporter_cpu_seconds", 0)) / w["duration_seconds"]


def _warnings(d, log):
    path = os.path.join(d, log)
    if not os.path.exists(path):
        return None
    return sum(1 for line in open(path, errors="replace") if " WARN " in line or " ERROR " in line)


def heap_used_mb(d, n):
    path = os.path.join(d, f"heap-{n}.txt")
    if not os.path.exists(path):
        return None
    m = re.search(r"used (\d+)K", open(path).read())
    return int(m.group(1)) / 1024 if m else None


def fleet(d, meta, out):
    sizes = [s for s in meta.get("fleet_sizes", []) if load(d, f"fleet-{s}.json")]
    if not sizes:
        return
    idle = load(d, "fleet-idle.json")
    idle_rate = idle["postgres_cpu_seconds"] / idle["duration_seconds"] if idle else 0
    idle_pss = idle.get("postgres_pss_bytes", 0) if idle else 0
    out.append(f"## Fleet: one DbTools exporter, every target probed once per {meta['fleet_period']} s "
               f"(last of {meta['fleet_periods']} periods; the ones before warm up), "
               f"pool_idle_timeout_seconds {meta.get('fleet_idle_timeout')}\n")
    out.append("| targets | up / probes | p50 ms | p99 ms | max ms | p99 ms of each period, first to last | exporter CPU (cores) | exporter CPU ms per probe "
               "| PostgreSQL CPU ms per target scrape (net) | PG processes max / mean | PG memory (PSS) KB per target | RSS MB | RSS KB per target "
               "| live heap MB | threads | exporter warnings | other load (cores) |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rss = {}
    for n in sizes:
        f = load(d, f"fleet-{n}.json")
        last, first = f["periods"][-1], f["periods"][0]
        lat = last["latencies_seconds"]
        cores = last["exporter_cpu_seconds"] / last["seconds"]
        pg_net = last["postgres_cpu_seconds"] - idle_rate * last["seconds"]
        rss[n] = f["exporter_rss_bytes"]
        out.append(f"| {n} | {last['up']} / {last['probes']}"
                   + (f" ({last['probes'] - last['answered']} unanswered)" if last['answered'] < last['probes'] else "") + f" | {fmt(median(lat) * 1000, 1)} | {fmt(percentile(lat, 99) * 1000, 1)} "
                   f"| {fmt(max(lat) * 1000, 1)} | {' / '.join(fmt(percentile(p['latencies_seconds'], 99) * 1000, 0) for p in f['periods'])} | {fmt(cores)} "
                   f"| {fmt(last['exporter_cpu_seconds'] / max(1, last['answered']) * 1000, 1)} "
                   f"| {fmt(pg_net / max(1, last['probes']) * 1000, 1)} "
                   f"| {f['postgres_processes_max']} / {fmt(f['postgres_processes_mean'], 0)} "
                   f"| {fmt((f['postgres_pss_bytes'] - idle_pss) / 1024 / n, 0)} "
                   f"| {fmt(f['exporter_rss_bytes'] / MB, 0)} | {fmt(f['exporter_rss_bytes'] / 1024 / n, 0)} "
                   f"| {fmt(heap_used_mb(d, n), 0)} | {f['exporter_threads']} | {_warnings(d, f'dbtools-fleet-{n}.log')} "
                   f"| {fmt((last['machine_busy_seconds'] - last['postgres_cpu_seconds'] - last['exporter_cpu_seconds']) / last['seconds'])} |")
    out.append("")
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        heap_lo, heap_hi = heap_used_mb(d, lo), heap_used_mb(d, hi)
        marginal = (rss[hi] - rss[lo]) / (hi - lo) / 1024
        line = f"Marginal exporter memory from {lo} to {hi} targets: {marginal:.0f} KB RSS per target"
        if heap_lo is not None and heap_hi is not None:
            line += f", {(heap_hi - heap_lo) * 1024 / (hi - lo):.0f} KB live heap per target"
        out.append(line + ".")
    top = load(d, f"fleet-{max(sizes)}.json")
    p99 = percentile(top["periods"][-1]["latencies_seconds"], 99)
    out.append(f"Goal: {max(sizes)} targets with p99 < 1 s on {meta['nproc']} cores: p99 {p99 * 1000:.0f} ms, "
               + ("met." if max(sizes) >= 2000 and p99 < 1 else "**missed**." if p99 >= 1 else "not measured at 2,000."))
    out.append(f"Fleet idle baseline: {idle_rate * 1000:.1f} ms PostgreSQL CPU per s (subtracted)." if idle else "")
    out.append("")


def main():
    d = sys.argv[1]
    meta = load(d, "meta.json") or {}
    out = [f"# DbTools benchmark {meta.get('stamp', '')}\n",
           f"- command: `{meta.get('command', '')}`",
           f"- machine: {meta.get('nproc')} cores ({meta.get('cpu')}), {meta.get('memory_bytes', 0) / 1024 ** 3:.0f} GiB RAM, "
           f"Linux {meta.get('kernel')}",
           f"- PostgreSQL: {meta.get('postgres')}; peer: {meta.get('peer')}",
           f"- DbTools exporter: jar {meta.get('jar_sha256', '?')} built {meta.get('jar_built', '?')} "
           f"(checkout {meta.get('commit')}, `exporters/` last changed in {meta.get('exporters_commit', '?')}) "
           f"on {meta.get('java')}{' with ' + meta['java_opts'] if meta.get('java_opts') else ''}"]
    cat = os.path.join(d, "catalogue.txt")
    if os.path.exists(cat):
        dbs, tables, indexes, statements = open(cat).read().split()
        out.append(f"- catalogue: {dbs} databases; appdb has {tables} tables and {indexes} indexes; "
                   f"pg_stat_statements holds {statements} statements")
    out.append("")
    comparison(d, meta, out)
    fleet(d, meta, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
