#!/usr/bin/env python3
"""One measurement window on a quiet PostgreSQL: N scrapes of one exporter at a fixed interval
(or none, for the idle baseline), with PostgreSQL's and the exporter's CPU sampled at the window's
start and end. The window lasts scrapes x interval (or --duration), so whatever an exporter makes
PostgreSQL do between scrapes is billed too. Writes one JSON file."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import procstat  # noqa: E402
import scrape  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--label", required=True)
    ap.add_argument("--postmaster", type=int, action="append", required=True,
                    help="postmaster PID; repeat to sum several servers")
    ap.add_argument("--exporter-pid", type=int)
    ap.add_argument("--url", help="scrape URL (omit for an idle baseline)")
    ap.add_argument("--scrapes", type=int, default=0)
    ap.add_argument("--interval", type=float, default=15)
    ap.add_argument("--duration", type=float, help="window length when not scraping")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    duration = a.scrapes * a.interval if a.scrapes else a.duration
    if not duration or duration <= 0:
        sys.exit("window: need --scrapes with --url, or --duration")

    latencies, failures, sizes = [], 0, []
    ex_in_scrapes = 0.0  # exporter CPU between sending a request and reading the answer's last byte
    start = time.monotonic()
    machine_start = procstat.machine_busy_seconds()
    pg_start = sum(procstat.postgres_cpu_seconds(pm) for pm in a.postmaster)
    ex_start = procstat.cpu_seconds(a.exporter_pid) if a.exporter_pid else None
    for i in range(a.scrapes):
        _sleep_until(start + i * a.interval)
        before = procstat.cpu_seconds(a.exporter_pid) if a.exporter_pid else 0
        r = scrape.scrape(a.url)
        ex_in_scrapes += (procstat.cpu_seconds(a.exporter_pid) - before) if a.exporter_pid else 0
        if r.status == 200:
            latencies.append(r.seconds)
            sizes.append(len(r.body))
        else:
            failures += 1
            print(f"window {a.label}: scrape {i + 1} answered {r.status}", file=sys.stderr)
    _sleep_until(start + duration)
    pg_end = sum(procstat.postgres_cpu_seconds(pm) for pm in a.postmaster)
    ex_end = procstat.cpu_seconds(a.exporter_pid) if a.exporter_pid else None
    machine_end = procstat.machine_busy_seconds()
    elapsed = time.monotonic() - start

    out = {
        "label": a.label,
        "duration_seconds": elapsed,
        "interval_seconds": a.interval,
        "scrapes": a.scrapes,
        "failures": failures,
        "latencies_seconds": latencies,
        "gzip_bytes": sizes,
        "postgres_cpu_seconds": pg_end - pg_start,
        "machine_busy_seconds": machine_end - machine_start,
        "postgres_pss_bytes": sum(procstat.postgres_pss_bytes(pm) for pm in a.postmaster),
    }
    if a.exporter_pid:
        out["exporter_cpu_seconds"] = ex_end - ex_start
        out["exporter_cpu_in_scrapes_seconds"] = ex_in_scrapes
        out["exporter_rss_bytes"] = procstat.rss_bytes(a.exporter_pid)
        out["exporter_threads"] = procstat.threads(a.exporter_pid)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"window {a.label}: {a.scrapes} scrapes in {elapsed:.0f} s, PostgreSQL CPU {out['postgres_cpu_seconds']:.2f} s"
          + (f", exporter CPU {out['exporter_cpu_seconds']:.2f} s" if a.exporter_pid else ""), file=sys.stderr)


def _sleep_until(t):
    delay = t - time.monotonic()
    if delay > 0:
        time.sleep(delay)


if __name__ == "__main__":
    main()
