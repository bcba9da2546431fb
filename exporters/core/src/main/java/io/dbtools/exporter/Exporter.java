package io.dbtools.exporter;

import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.Target;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The multi-target exporter: keeps one {@link TargetScraper} per target (created on first use,
 * replaced when the target's configuration changes, closed when idle) and scrapes them in parallel.
 */
public final class Exporter implements AutoCloseable {

    private final PluginRegistry plugins;
    private final TargetSource targets;
    private final Clock clock;
    private final ExporterOptions options;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, TargetScraper> scrapers = new ConcurrentHashMap<>();
    private final Set<String> reportedSkips = ConcurrentHashMap.newKeySet();
    private final PrometheusRegistry selfRegistry;
    private final Counter scrapes;
    private final Histogram scrapeSeconds;

    public Exporter(PluginRegistry plugins, TargetSource targets, Clock clock, ExporterOptions options) {
        this.plugins = plugins;
        this.targets = targets;
        this.clock = clock;
        this.options = options;
        this.selfRegistry = new PrometheusRegistry();
        this.scrapes = Counter.builder().name("dbtools_exporter_target_scrapes_total")
                .help("Target scrapes by outcome (up: the server answered; down: it did not).")
                .labelNames("outcome").register(selfRegistry);
        this.scrapeSeconds = Histogram.builder().name("dbtools_exporter_target_scrape_duration_seconds")
                .help("Wall time of target scrapes, all targets together.")
                .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(selfRegistry);
        selfRegistry.register(() -> io.prometheus.metrics.model.snapshots.GaugeSnapshot.builder()
                .name("dbtools_exporter_open_sessions").help("Targets with an open session (pool or client).")
                .dataPoint(io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(scrapers.size()).build()).build());
    }

    public PrometheusRegistry selfRegistry() {
        return selfRegistry;
    }

    public Duration budget(String scrapeTimeoutHeader) {
        return options.budget(scrapeTimeoutHeader);
    }

    /** One target's metrics, or empty when no target has that name. */
    public Optional<Exposition.Labelled> probe(String name, Duration budget) {
        evictIdle();
        return targets.find(name).map(t -> scrape(t, Deadline.after(budget, clock)));
    }

    /** Every configured target, in parallel, all bounded by the same deadline. */
    public List<Exposition.Labelled> scrapeAll(Duration budget) {
        evictIdle();
        Deadline deadline = Deadline.after(budget, clock);
        List<Future<Exposition.Labelled>> futures = new ArrayList<>();
        for (Target t : targets.all()) {
            futures.add(executor.submit(() -> scrape(t, deadline)));
        }
        List<Exposition.Labelled> out = new ArrayList<>();
        for (Future<Exposition.Labelled> f : futures) {
            try {
                out.add(f.get());
            } catch (Exception e) {
                // scrape() never throws; an interrupted request just returns what it has.
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            }
        }
        return out;
    }

    private Exposition.Labelled scrape(Target target, Deadline deadline) {
        TargetScraper scraper = scraperFor(target);
        long start = System.nanoTime();
        TargetScraper.Result result = scraper.scrape(deadline, executor);
        scrapeSeconds.observe((System.nanoTime() - start) / 1e9);
        scrapes.labelValues(result.up() ? "up" : "down").inc();
        return new Exposition.Labelled(
                new String[] {"tenant", target.tenant(), "server", target.server(), "engine", target.engine()}, result.samples());
    }

    private TargetScraper scraperFor(Target target) {
        return scrapers.compute(target.name(), (name, existing) -> {
            if (existing != null && existing.target().equals(target)) return existing;
            if (existing != null) existing.close();
            var plugin = plugins.forEngine(target.engine())
                    .orElseThrow(() -> new IllegalStateException("no plugin for engine " + target.engine()));
            return new TargetScraper(target, plugin.open(target), clock, reportedSkips);
        });
    }

    /** Closes sessions of targets not scraped for a while (removed from discovery, or a paused Prometheus). */
    private void evictIdle() {
        var cutoff = clock.instant().minus(options.idleSessionTimeout());
        scrapers.entrySet().removeIf(e -> {
            if (e.getValue().lastUsed().isBefore(cutoff)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        scrapers.values().forEach(TargetScraper::close);
        scrapers.clear();
    }
}
