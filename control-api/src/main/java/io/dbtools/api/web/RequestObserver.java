package io.dbtools.api.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timer sample per request. The line names the tenant and the token id —
 * never the token, headers or body — and the timer uses the route template, not the raw path,
 * so ids do not explode the metric's cardinality.
 */
public final class RequestObserver {

    private static final Logger log = LoggerFactory.getLogger("io.dbtools.api.requests");

    private final MeterRegistry registry;

    public RequestObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A tenant header the auth step refused, shown defanged so a crafted header cannot forge log lines. */
    static String unresolved(String header) {
        if (header == null) {
            return "-";
        }
        String clean = header.replaceAll("[^a-z0-9-]", "?");
        return (clean.length() > 60 ? clean.substring(0, 60) : clean) + "(refused)";
    }

    public void observe(Context ctx, Float millis) {
        var scope = RequestContext.scopeOrNull(ctx);
        var principal = RequestContext.principalOrNull(ctx);
        String tenant = scope != null ? scope.tenant().slug() : unresolved(ctx.header("X-Tenant-Slug"));
        String token = principal != null ? Long.toString(principal.tokenId()) : "-";
        int status = ctx.statusCode();
        log.info("{} {} {} {}ms tenant={} token={}", ctx.method(), ctx.path(), status, Math.round(millis), tenant, token);
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (IllegalStateException noEndpoint) {
            // no route matched (404): Javalin has no template to give
            route = null;
        }
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("uri", route == null || route.isEmpty() || "*".equals(route) ? "UNMATCHED" : route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
