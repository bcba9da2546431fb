package io.dbtools.api.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job outcomes for Prometheus (see docs/metrics.md): last success and last failure times, failures,
 * durations and the schedule's interval, per tenant, job and server. The job's labels are
 * {@code job_id} and {@code job_name} because Prometheus keeps {@code job} for the scrape job;
 * {@code policy_type} says which policy a policy_execution job runs (so backup jobs can be told
 * apart), empty for other jobs. Seeded from the execution history when the scheduler starts, so a
 * restart neither forgets a stale job nor hides the first failure after it.
 */
public final class JobMetrics {

    /** The labels of one job's series; {@code server} and {@code policyType} are empty when they do not apply. */
    public record Labels(String tenant, long jobId, String jobName, String jobType, String server, String policyType) {

        public static Labels of(String tenant, Job job, String server, String policyType) {
            return new Labels(tenant, job.id(), job.name(), job.type(), server == null ? "" : server, policyType == null ? "" : policyType);
        }

        Tags tags() {
            return Tags.of("tenant", tenant, "job_id", Long.toString(jobId), "job_name", jobName, "job_type", jobType, "server", server,
                    "policy_type", policyType);
        }
    }

    /** One job's live series. */
    private static final class Series {
        final Tags tags;
        final Counter failures;
        final Timer duration;
        final AtomicLong lastSuccess = new AtomicLong();
        final AtomicLong lastFailure = new AtomicLong();
        final AtomicLong interval = new AtomicLong();
        final List<Meter> gauges = new ArrayList<>();
        boolean hasSuccess;
        boolean hasFailure;
        boolean hasInterval;

        Series(Tags tags, Counter failures, Timer duration) {
            this.tags = tags;
            this.failures = failures;
            this.duration = duration;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Series> byJob = new HashMap<>();

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static String key(String tenant, long jobId) {
        return tenant + "/" + jobId;
    }

    /** An execution finished; {@code now} also fixes a cron job's current interval. */
    public synchronized void record(Labels labels, Schedule schedule, Execution.Status status, Duration took, Instant finished) {
        Series s = series(labels);
        s.duration.record(took);
        if (status == Execution.Status.SUCCESS) {
            setSuccess(s, finished);
        } else if (status == Execution.Status.FAILED || status == Execution.Status.TIMED_OUT) {
            s.failures.increment();
            setFailure(s, finished);
        }
        setInterval(s, schedule, finished);
    }

    /** At start: the job's series from its history, the failure counter at zero so the first failure is an increase. */
    public synchronized void seed(Labels labels, Schedule schedule, Instant lastSuccess, Instant lastFailure, Instant now) {
        Series s = series(labels);
        if (lastSuccess != null) {
            setSuccess(s, lastSuccess);
        }
        if (lastFailure != null) {
            setFailure(s, lastFailure);
        }
        setInterval(s, schedule, now);
    }

    /** The job was deleted or disabled: its series go, so no alert is left about a job nobody runs. */
    public synchronized void forget(String tenant, long jobId) {
        Series s = byJob.remove(key(tenant, jobId));
        if (s != null) {
            registry.remove(s.failures);
            registry.remove(s.duration);
            s.gauges.forEach(registry::remove);
        }
    }

    private Series series(Labels labels) {
        Tags tags = labels.tags();
        Series s = byJob.get(key(labels.tenant(), labels.jobId()));
        if (s != null && s.tags.equals(tags)) {
            return s;
        }
        // renamed or moved to another server: the old series end rather than linger beside the new ones
        forget(labels.tenant(), labels.jobId());
        Series fresh = new Series(tags,
                Counter.builder("dbtools.job.failures").description("Job executions that failed or timed out").tags(tags).register(registry),
                Timer.builder("dbtools.job.duration").description("How long job executions took, whatever their outcome").tags(tags)
                        .register(registry));
        byJob.put(key(labels.tenant(), labels.jobId()), fresh);
        return fresh;
    }

    private void setSuccess(Series s, Instant at) {
        if (!s.hasSuccess) {
            s.gauges.add(gauge("dbtools.job.last.success.timestamp", "Unix time of the job's last successful execution", s.lastSuccess, s.tags));
            s.hasSuccess = true;
        }
        s.lastSuccess.accumulateAndGet(at.getEpochSecond(), Math::max);
    }

    private void setFailure(Series s, Instant at) {
        if (!s.hasFailure) {
            s.gauges.add(gauge("dbtools.job.last.failure.timestamp", "Unix time of the job's last failed or timed-out execution",
                    s.lastFailure, s.tags));
            s.hasFailure = true;
        }
        s.lastFailure.accumulateAndGet(at.getEpochSecond(), Math::max);
    }

    private void setInterval(Series s, Schedule schedule, Instant now) {
        Optional<Long> seconds = intervalSeconds(schedule, now);
        if (seconds.isEmpty()) {
            return;
        }
        if (!s.hasInterval) {
            s.gauges.add(gauge("dbtools.job.interval", "Seconds between the job's scheduled runs (interval, or the gap between its next two "
                    + "cron times)", s.interval, s.tags));
            s.hasInterval = true;
        }
        s.interval.set(seconds.get());
    }

    private Gauge gauge(String name, String description, AtomicLong holder, Tags tags) {
        return Gauge.builder(name, holder, AtomicLong::get).baseUnit("seconds").description(description).tags(tags).strongReference(true)
                .register(registry);
    }

    /** How often a job is meant to run: empty for once and event jobs, which have no rhythm to fall behind. */
    static Optional<Long> intervalSeconds(Schedule schedule, Instant now) {
        if (schedule == null) {
            return Optional.empty();
        }
        return switch (schedule.kind()) {
            case INTERVAL -> Optional.of((long) schedule.intervalSeconds());
            case CRON -> {
                List<Instant> next = Cron.parse(schedule.cron()).next(now, 2);
                yield next.size() == 2 ? Optional.of(Duration.between(next.get(0), next.get(1)).toSeconds()) : Optional.empty();
            }
            case ONCE, EVENT -> Optional.empty();
        };
    }
}
