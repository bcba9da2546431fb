package io.dbtools.api.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job outcomes for Prometheus (see docs/metrics.md): last success time, failures, durations per
 * tenant, job and server. The job's labels are {@code job_id} and {@code job_name} because
 * Prometheus keeps {@code job} for the scrape job.
 */
public final class JobMetrics {

    private final MeterRegistry registry;
    private final Map<Tags, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static Tags tags(String tenant, Job job, String server) {
        return Tags.of("tenant", tenant, "job_id", Long.toString(job.id()), "job_name", job.name(), "job_type", job.type(),
                "server", server == null ? "" : server);
    }

    public void record(String tenant, Job job, String server, Execution.Status status, Duration took, Instant finished) {
        Tags tags = tags(tenant, job, server);
        Timer.builder("dbtools.job.duration").description("How long job executions took, whatever their outcome")
                .tags(tags).register(registry).record(took);
        Counter failures = Counter.builder("dbtools.job.failures").description("Job executions that failed or timed out")
                .tags(tags).register(registry);
        if (status == Execution.Status.SUCCESS) {
            lastSuccess.computeIfAbsent(tags, t -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder("dbtools.job.last.success.timestamp", holder, AtomicLong::get).baseUnit("seconds")
                        .description("Unix time of the job's last successful execution").tags(t).register(registry);
                return holder;
            }).set(finished.getEpochSecond());
        } else if (status == Execution.Status.FAILED || status == Execution.Status.TIMED_OUT) {
            failures.increment();
        }
    }
}
