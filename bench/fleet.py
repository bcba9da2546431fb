#!/usr/bin/env python3
"""Scaling run: one exporter, N targets, each probed once per period (/probe?target=NAME, the
multi-target pattern) with the probes spread evenly over the period, for a bounded number of periods.
Samples PostgreSQL's and the exporter's CPU at every period boundary and counts PostgreSQL's
processes once a second. Writes one JSON file."""
import argparse
import concurrent.futures
import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import procstat  # noqa: E402
import scrape  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--label", required=True)
    ap.add_argument("--postmaster", type=int, action="append", required=True,
                    help="postmaster PID of a server the targets are on; repeat for several servers")
    ap.add_argument("--exporter-pid", type=int, required=True)
    ap.add_argument("--base", required=True, help="exporter base URL, e.g. http://127.0.0.1:9000")
    ap.add_argument("--targets-file", required=True, help="target names, one a line")
    ap.add_argument("--period", type=float, default=60)
    ap.add_argument("--periods", type=int, default=2)
    ap.add_argument("--workers", type=int, default=256, help="most probes in flight at once")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    with open(a.targets_file) as f:
        names = [line.strip() for line in f if line.strip()]
    n = len(names)
    results = []  # (period, latency, ok, lateness)
    lock = threading.Lock()
    stop = threading.Event()
    process_counts = []

    def count_processes():
        # PostgreSQL's processes (backends and background workers), once a second.
        while not stop.wait(1.0):
            try:
                process_counts.append(sum(len(procstat.children(pm)) for pm in a.postmaster))
            except (FileNotFoundError, ProcessLookupError):
                pass

    def probe(period, name, scheduled):
        lateness = time.monotonic() - scheduled
        r = scrape.scrape(f"{a.base}/probe?target={urllib.parse.quote(name)}")
        up = r.status == 200 and _is_up(r.text())
        with lock:
            results.append((period, r.seconds, up, lateness))

    counter = threading.Thread(target=count_processes, daemon=True)
    counter.start()
    scheduled = [0] * a.periods
    futures = []
    boundaries = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=a.workers)
    start = time.monotonic()
    boundaries.append(_sample(a))
    for p in range(a.periods):
        for i, name in enumerate(names):
            at = start + p * a.period + i * a.period / n
            _sleep_until(at)
            futures.append(pool.submit(probe, p, name, at))
            scheduled[p] += 1
        _sleep_until(start + (p + 1) * a.period)
        boundaries.append(_sample(a))
    postgres_pss = sum(procstat.postgres_pss_bytes(pm) for pm in a.postmaster)
    # Probes still in flight get the client timeout plus a little; any not even started by then are
    # dropped and count as failed (they were scheduled but never answered).
    concurrent.futures.wait(futures, timeout=scrape.SCRAPE_TIMEOUT_SECONDS + 10)
    pool.shutdown(wait=False, cancel_futures=True)
    stop.set()
    counter.join()

    periods = []
    for p in range(a.periods):
        rows = [r for r in results if r[0] == p]
        periods.append({
            "probes": scheduled[p],
            "answered": len(rows),
            "up": sum(1 for r in rows if r[2]),
            "latencies_seconds": [r[1] for r in rows],
            "max_lateness_seconds": max((r[3] for r in rows), default=0),
            "seconds": boundaries[p + 1]["t"] - boundaries[p]["t"],
            "postgres_cpu_seconds": boundaries[p + 1]["pg"] - boundaries[p]["pg"],
            "exporter_cpu_seconds": boundaries[p + 1]["ex"] - boundaries[p]["ex"],
            "machine_busy_seconds": boundaries[p + 1]["machine"] - boundaries[p]["machine"],
        })
    out = {
        "label": a.label,
        "targets": n,
        "period_seconds": a.period,
        "periods": periods,
        "postgres_processes_max": max(process_counts, default=0),
        "postgres_processes_mean": sum(process_counts) / len(process_counts) if process_counts else 0,
        "postgres_pss_bytes": postgres_pss,
        "exporter_rss_bytes": procstat.rss_bytes(a.exporter_pid),
        "exporter_threads": procstat.threads(a.exporter_pid),
    }
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
    last = periods[-1]
    print(f"fleet {a.label}: {n} targets, last period {last['up']}/{last['probes']} up, "
          f"exporter CPU {last['exporter_cpu_seconds']:.1f} s, PostgreSQL CPU {last['postgres_cpu_seconds']:.1f} s",
          file=sys.stderr)


def _sample(a):
    return {"t": time.monotonic(), "pg": sum(procstat.postgres_cpu_seconds(pm) for pm in a.postmaster),
            "ex": procstat.cpu_seconds(a.exporter_pid), "machine": procstat.machine_busy_seconds()}


def _is_up(text):
    for line in text.splitlines():
        if line.startswith("dbtools_up"):
            return line.rsplit(" ", 1)[-1].strip() in ("1", "1.0")
    return False


def _sleep_until(t):
    delay = t - time.monotonic()
    if delay > 0:
        time.sleep(delay)


if __name__ == "__main__":
    main()
