#!/usr/bin/env python3
"""Metric families (# TYPE lines) and series (sample lines) of one scrape in text format 0.0.4.

Families are also counted without the exporter's own runtime/self metrics (what is left comes from
PostgreSQL), and without settings: postgres_exporter gives every pg_settings row its own family
(pg_settings_<name>), DbTools one family with a name label (dbtools_postgres_setting)."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import scrape  # noqa: E402

# Families that describe the exporter process or the scrape, not the database.
SELF_PREFIXES = ("go_", "process_", "promhttp_", "jvm_", "postgres_exporter_", "pg_exporter_",
                 "pg_scrape_collector_", "dbtools_scrape_", "dbtools_exporter_")
SETTINGS_PREFIXES = ("pg_settings_", "dbtools_postgres_setting")


def count(text):
    families, series = [], 0
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            families.append(line.split()[2])
        elif line and not line.startswith("#"):
            series += 1
    database = [f for f in families if not f.startswith(SELF_PREFIXES)]
    settings = [f for f in database if f.startswith(SETTINGS_PREFIXES)]
    return {
        "families": len(families),
        "series": series,
        "database_families": len(database),
        "settings_families": len(settings),
        "database_families_without_settings": len(database) - len(settings),
        "family_names": families,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--save-text", help="also keep the exposition text here")
    a = ap.parse_args()
    text = scrape.text_format(a.url)
    if a.save_text:
        with open(a.save_text, "w") as f:
            f.write(text)
    result = count(text)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"counts {a.url}: {result['families']} families, {result['series']} series", file=sys.stderr)


if __name__ == "__main__":
    main()
