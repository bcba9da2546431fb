package io.dbtools.exporter;

import io.dbtools.plugin.Cancellation;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target: identify the server, then run its selected, version-supported collectors one
 * after another on the target's own connection. The caller gets an answer by the deadline whatever
 * the target does: collectors that have not finished by then are reported as failed.
 */
final class TargetScraper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetScraper.class);

    private final Target target;
    private final TargetSession<?> session;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    /** Skips already reported, shared by every target of the exporter: one line per collector and kind of server, not per target. */
    private final Set<String> reportedSkips;
    private volatile Instant lastUsed;

    /** A target's samples, and whether the server was reached. */
    record Result(SampleBuffer samples, boolean up) {}

    private record Cached(SampleBuffer samples, Instant at, double seconds) {}

    private record Outcome(String collector, boolean success, double seconds, SampleBuffer samples, Instant collectedAt) {}

    /** What the worker has produced so far; closed at the deadline so late results are dropped. */
    private static final class Progress {
        ServerInfo server;
        ConnectException connectError;
        List<String> planned = List.of();
        final List<Outcome> done = new ArrayList<>();
        boolean closed;
    }

    TargetScraper(Target target, TargetSession<?> session, Clock clock, Set<String> reportedSkips) {
        this.target = target;
        this.reportedSkips = reportedSkips;
        this.session = session;
        this.clock = clock;
        this.lastUsed = clock.instant();
    }

    Target target() {
        return target;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    /** Runs a scrape on the executor and returns what was collected by the deadline. */
    Result scrape(Deadline deadline, ExecutorService executor) {
        lastUsed = clock.instant();
        Instant start = clock.instant();
        Progress progress = new Progress();
        Cancellation cancellation = new Cancellation();
        Future<?> work = executor.submit(() -> run(session, deadline, progress, cancellation));
        boolean timedOut = false;
        try {
            work.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not cancel(true): interrupting a thread in socket I/O closes the connection, and under load
            // every timed-out scrape would then reconnect, making the next one slower still. The worker
            // stops by itself once its running query is cancelled here.
            timedOut = true;
            work.cancel(false);
            cancellation.cancel();
        } catch (ExecutionException e) {
            log.warn("target {}: scrape failed: {}", target.name(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.cancel(false);
        }
        synchronized (progress) {
            progress.closed = true;
            return new Result(render(progress, timedOut, Duration.between(start, clock.instant())), progress.server != null);
        }
    }

    private <C> void run(TargetSession<C> s, Deadline deadline, Progress progress, Cancellation cancellation) {
        ServerInfo server;
        try {
            server = s.identify(deadline);
        } catch (ConnectException e) {
            logChange("connect", e.kind().label() + ": " + e.getMessage());
            synchronized (progress) {
                progress.connectError = e;
            }
            return;
        }
        lastErrors.remove("connect");
        List<Collector<C>> selected = new ArrayList<>();
        for (Collector<C> c : s.collectors()) {
            if (!target.collectors().runs(c.info())) continue;
            if (!c.supports(server)) {
                // Expected, not a fault (a CockroachDB collector on PostgreSQL, a view the version lacks): said once
                // per collector and kind of server, so 2,000 targets do not log 2,000 lines each.
                if (reportedSkips.add(c.info().name() + "|" + server.flavor() + "|" + server.version().major())) {
                    log.info("collector {} does not apply to {} {} ({}): skipped on such servers, first seen on target {}",
                            c.info().name(), server.flavor(), server.versionText(), server.extra(), target.name());
                }
                continue;
            }
            selected.add(c);
        }
        synchronized (progress) {
            progress.server = server;
            progress.planned = selected.stream().map(c -> c.info().name()).toList();
        }
        ScrapeContext context = new ScrapeContext(server, deadline, target, cancellation);
        for (Collector<C> c : selected) {
            if (Thread.currentThread().isInterrupted() || deadline.expired()) return;
            synchronized (progress) {
                if (progress.closed) return;
            }
            Outcome outcome = runOne(s, c, context);
            synchronized (progress) {
                if (progress.closed) return;
                progress.done.add(outcome);
            }
        }
    }

    private <C> Outcome runOne(TargetSession<C> s, Collector<C> c, ScrapeContext context) {
        String name = c.info().name();
        Duration refresh = c.info().refreshInterval();
        Cached cached = cache.get(name);
        if (!refresh.isZero() && cached != null && cached.at().plus(refresh).isAfter(clock.instant())) {
            return new Outcome(name, true, cached.seconds(), cached.samples(), cached.at());
        }
        Instant start = clock.instant();
        SampleBuffer buffer = new SampleBuffer();
        try {
            c.collect(s.source(), context, buffer);
            double seconds = seconds(Duration.between(start, clock.instant()));
            lastErrors.remove(name);
            if (!refresh.isZero()) cache.put(name, new Cached(buffer, start, seconds));
            return new Outcome(name, true, seconds, buffer, start);
        } catch (Exception | LinkageError e) {
            logChange(name, e.toString());
            return new Outcome(name, false, seconds(Duration.between(start, clock.instant())), null, start);
        }
    }

    private SampleBuffer render(Progress p, boolean timedOut, Duration took) {
        SampleBuffer out = new SampleBuffer();
        boolean up = p.server != null;
        out.gauge(CoreMetrics.UP, "1 if the exporter reached and identified the server in this scrape, else 0.", up ? 1 : 0);
        if (!up) {
            FailureKind kind = p.connectError != null ? p.connectError.kind() : (timedOut ? FailureKind.TIMEOUT : FailureKind.ERROR);
            out.gauge("dbtools_target_connect_error", "1 while the target cannot be used; the kind says why.", 1, "kind", kind.label());
        } else {
            List<String> labels = new ArrayList<>(List.of("flavor", p.server.flavor(), "version", p.server.versionText(),
                    "edition", p.server.edition() == null ? "" : p.server.edition()));
            p.server.extra().forEach((k, v) -> { labels.add(k); labels.add(v); });
            target.labels().forEach((k, v) -> { labels.add("label_" + k); labels.add(v); });
            out.info(CoreMetrics.SERVER_INFO, "What the server is: version, edition, flavor, and the target's labels.",
                    labels.toArray(String[]::new));
        }
        Instant now = clock.instant();
        List<String> finished = new ArrayList<>();
        for (Outcome o : p.done) {
            finished.add(o.collector());
            collectorMeta(out, o.collector(), o.success(), o.seconds());
            if (o.success()) {
                out.addAll(o.samples());
                out.gauge("dbtools_scrape_collector_age_seconds",
                        "Age of the collector's data: 0 when read in this scrape, more when served from its refresh cache.",
                        seconds(Duration.between(o.collectedAt(), now)), "collector", o.collector());
            }
        }
        for (String planned : p.planned) {
            if (!finished.contains(planned)) {
                collectorMeta(out, planned, false, 0);
                logChange(planned, "did not finish before the scrape deadline");
            }
        }
        out.gauge("dbtools_scrape_duration_seconds", "How long the scrape of this target took.", seconds(took));
        return out;
    }

    private static void collectorMeta(SampleBuffer out, String collector, boolean success, double seconds) {
        out.gauge("dbtools_scrape_collector_success", "1 if the collector succeeded in this scrape, else 0.",
                success ? 1 : 0, "collector", collector);
        out.gauge("dbtools_scrape_collector_duration_seconds", "How long the collector took (its last real run when cached).",
                seconds, "collector", collector);
    }

    /** Logs a failure when it first happens or changes, not on every scrape. */
    private void logChange(String what, String error) {
        String previous = lastErrors.put(what, error);
        if (!error.equals(previous)) {
            log.warn("target {}: {} failed: {}", target.name(), what, error);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Override
    public void close() {
        session.close();
    }
}
