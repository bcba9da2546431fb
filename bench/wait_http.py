#!/usr/bin/env python3
"""Waits (bounded) until a URL answers 200; exits 1 if it never does."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import scrape  # noqa: E402

if __name__ == "__main__":
    sys.exit(0 if scrape.wait_until_up(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60) else 1)
