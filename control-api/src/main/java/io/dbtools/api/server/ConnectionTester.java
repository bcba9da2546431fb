package io.dbtools.api.server;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the engine's plugin to connect, identify the server and check grants. The plugin promises
 * to honour the deadline; the future's timeout makes sure a request never waits much longer anyway.
 */
public final class ConnectionTester {

    public static final Duration MAX = Duration.ofSeconds(10);

    /** What the API answers: version and missing grants, or the failure kind and a message without secrets. */
    public record Result(boolean ok, String kind, String message, String flavor, String version, String edition,
                         List<String> missingPermissions, long tookMs) {

        static Result failed(FailureKind kind, String message, long tookMs) {
            return new Result(false, kind.label(), message, null, null, null, List.of(), tookMs);
        }
    }

    private final Engines engines;
    private final ExecutorService executor;

    public ConnectionTester(Engines engines, ExecutorService executor) {
        this.engines = engines;
        this.executor = executor;
    }

    /** @param password the plain password (from the request or decrypted), or null to use the secret reference */
    public Result test(ServerSpec spec, String password, Duration deadline) {
        Duration budget = deadline.compareTo(MAX) > 0 ? MAX : deadline;
        Optional<EnginePlugin> plugin = engines.plugins().forEngine(spec.engine());
        if (plugin.isEmpty()) {
            return Result.failed(FailureKind.CONFIGURATION,
                    "no " + spec.engine() + " engine plugin is installed in this API; installed: " + engines.plugins().engines(), 0);
        }
        Target target = target(spec, "test", "test", password);
        long start = System.nanoTime();
        Future<ConnectionCheck> f = executor.submit(() -> plugin.get().testConnection(target, budget));
        try {
            return switch (f.get(budget.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                case ConnectionCheck.Ok ok -> new Result(true, null, null, ok.server().flavor(), ok.server().versionText(),
                        ok.server().edition(), ok.missingPermissions(), ok.took().toMillis());
                case ConnectionCheck.Failed failed -> Result.failed(failed.kind(), failed.message(), failed.took().toMillis());
            };
        } catch (TimeoutException e) {
            f.cancel(true);
            return Result.failed(FailureKind.TIMEOUT, "no answer within " + budget.toSeconds() + " s", elapsed(start));
        } catch (ExecutionException e) {
            return Result.failed(FailureKind.ERROR, "the " + spec.engine() + " plugin failed: "
                    + e.getCause().getClass().getSimpleName(), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(FailureKind.ERROR, "interrupted", elapsed(start));
        }
    }

    /** The plugin's view of a server; shared with the exporter's target lookup. */
    public static Target target(ServerSpec spec, String targetId, String tenant, String password) {
        SecretRef secret = password != null ? SecretRef.literal(password)
                : spec.secretRef() != null ? SecretRef.parse(spec.secretRef()) : null;
        Target.Credentials credentials = new Target.Credentials(spec.authType(), spec.username(),
                "key_pair".equals(spec.authType()) ? null : secret, "key_pair".equals(spec.authType()) ? secret : null);
        var tls = spec.tls();
        return new Target(targetId, tenant, spec.name() == null ? spec.host() : spec.name(), spec.engine(), spec.host(), spec.port(),
                spec.database(), credentials, new Target.Tls(tls.mode(), tls.caFile(), tls.certFile(), tls.keyFile(),
                Boolean.TRUE.equals(tls.trustServerCertificate())), CollectorSelection.DEFAULTS, spec.options(), Map.of());
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
