"""HTTP scrapes the way Prometheus 2.x sends them, timed from request to the last body byte."""
import gzip
import time
import urllib.error
import urllib.request

SCRAPE_TIMEOUT_SECONDS = 10

# What Prometheus 2.42 sends; both exporters then answer in OpenMetrics, gzipped.
PROMETHEUS_HEADERS = {
    "Accept": "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
              "text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
    "Accept-Encoding": "gzip",
    "User-Agent": "Prometheus/2.42.0",
    "X-Prometheus-Scrape-Timeout-Seconds": str(SCRAPE_TIMEOUT_SECONDS),
}


class Result:
    __slots__ = ("status", "seconds", "body")

    def __init__(self, status, seconds, body):
        self.status = status
        self.seconds = seconds
        self.body = body

    def text(self):
        try:
            return gzip.decompress(self.body).decode("utf-8", "replace")
        except (OSError, EOFError):
            return self.body.decode("utf-8", "replace")


def scrape(url, client_timeout=SCRAPE_TIMEOUT_SECONDS + 5):
    """One scrape; status 0 when the exporter did not answer at all."""
    request = urllib.request.Request(url, headers=PROMETHEUS_HEADERS)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=client_timeout) as response:
            body = response.read()
            return Result(response.status, time.perf_counter() - start, body)
    except urllib.error.HTTPError as e:
        return Result(e.code, time.perf_counter() - start, e.read())
    except (urllib.error.URLError, OSError):
        return Result(0, time.perf_counter() - start, b"")


def text_format(url):
    """The exposition in the classic text format 0.0.4, uncompressed: what the counts are made from."""
    request = urllib.request.Request(url, headers={
        "Accept": "text/plain;version=0.0.4",
        "X-Prometheus-Scrape-Timeout-Seconds": str(SCRAPE_TIMEOUT_SECONDS),
    })
    with urllib.request.urlopen(request, timeout=SCRAPE_TIMEOUT_SECONDS + 5) as response:
        return response.read().decode("utf-8", "replace")


def wait_until_up(url, seconds):
    """Polls url until it answers 200, for at most the given seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    return False
