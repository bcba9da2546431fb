package io.dbtools.exporter.testing;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import io.dbtools.plugin.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory engine ("fake") whose behaviour tests script: which collectors exist, how long they
 * take, whether they fail, whether the server is reachable. Shared through the core test-jar.
 */
public final class FakePlugin implements EnginePlugin {

    public final List<Collector<Object>> collectors = new ArrayList<>();
    public volatile FailureKind connectFailure;
    public volatile Version version = new Version(16, 4, 0);
    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public Set<String> engines() {
        return Set.of("fake");
    }

    @Override
    public int defaultPort(String engine) {
        return 1234;
    }

    @Override
    public List<CollectorInfo> collectors() {
        return collectors.stream().map(Collector::info).toList();
    }

    /** Adds a collector that writes one gauge {@code dbtools_fake_<name>} after sleeping {@code delay}. */
    public FakePlugin collector(String name, Duration delay, Duration refresh, AtomicInteger runs, Version min) {
        collectors.add(new Collector<>() {
            @Override
            public CollectorInfo info() {
                return new CollectorInfo(name, "fake " + name, true, refresh);
            }

            @Override
            public boolean supports(ServerInfo server) {
                return min == null || server.version().compareTo(min) >= 0;
            }

            @Override
            public void collect(Object source, ScrapeContext ctx, MetricSink sink) throws Exception {
                int n = runs.incrementAndGet();
                Thread.sleep(delay.toMillis());
                sink.gauge("dbtools_fake_" + name, "fake value", n);
            }
        });
        return this;
    }

    /** Adds a collector that always throws. */
    public FakePlugin failing(String name) {
        collectors.add(new Collector<>() {
            @Override
            public CollectorInfo info() {
                return CollectorInfo.everyScrape(name, "always fails");
            }

            @Override
            public void collect(Object source, ScrapeContext ctx, MetricSink sink) {
                sink.gauge("dbtools_fake_partial", "written before the failure", 1);
                throw new IllegalStateException("boom");
            }
        });
        return this;
    }

    @Override
    public TargetSession<Object> open(Target target) {
        opened.incrementAndGet();
        return new TargetSession<>() {
            @Override
            public ServerInfo identify(Deadline deadline) throws ConnectException {
                if (connectFailure != null) throw new ConnectException(connectFailure, "scripted failure", null);
                return new ServerInfo("fake", version, version.toString(), "test", Map.of());
            }

            @Override
            public Object source() {
                return target;
            }

            @Override
            public List<Collector<Object>> collectors() {
                return collectors;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public ConnectionCheck testConnection(Target target, Duration deadline) {
        return connectFailure == null
                ? new ConnectionCheck.Ok(new ServerInfo("fake", version, version.toString(), "test", Map.of()), List.of(), Duration.ZERO)
                : new ConnectionCheck.Failed(connectFailure, "scripted failure", Duration.ZERO);
    }
}
