package io.dbtools.api.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alertmanager's webhook, the tenant's alerts (list, one with its history, acknowledge) and the
 * platform-level alerts of no known tenant (the same, for super-admins).
 */
public final class AlertController {

    /** {@code duration}: a Prometheus duration such as 2h, from one minute to 90 days. */
    public record AcknowledgeRequest(String comment, String duration) {}

    static final Duration MIN_SILENCE = Duration.ofMinutes(1);
    static final Duration MAX_SILENCE = Duration.ofDays(90);
    private static final Set<String> STATES = Set.of("active", "resolved", "all");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final AlertIngest ingest;
    private final AlertStore store;
    private final Silences silences;
    private final ActivityLog activity;
    private final Db system;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AlertController(AlertIngest ingest, AlertStore store, Silences silences, ActivityLog activity, Db system,
                           ObjectMapper mapper, Clock clock) {
        this.ingest = ingest;
        this.store = store;
        this.silences = silences;
        this.activity = activity;
        this.system = system;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** POST /api/alertmanager/webhook: checked whole, then filed; answers with counts (Alertmanager ignores the body). */
    public void webhook(Context ctx) {
        var alerts = WebhookPayload.parse(Json.body(ctx, mapper, JsonNode.class));
        ctx.json(ingest.ingest(RequestContext.principal(ctx), alerts));
    }

    public void list(Context ctx) {
        ctx.json(store.search(RequestContext.scope(ctx).db(), AlertStore.Tables.TENANT, filter(ctx), Paging.of(ctx)));
    }

    public void get(Context ctx) {
        ctx.json(detail(RequestContext.scope(ctx).db(), AlertStore.Tables.TENANT, Params.idPath(ctx, "id")));
    }

    public void systemList(Context ctx) {
        ctx.json(store.search(system, AlertStore.Tables.PLATFORM, filter(ctx), Paging.of(ctx)));
    }

    public void systemGet(Context ctx) {
        ctx.json(detail(system, AlertStore.Tables.PLATFORM, Params.idPath(ctx, "id")));
    }

    /** POST /api/alerts/{id}/acknowledge: an alert of the caller's tenant. */
    public void acknowledge(Context ctx) {
        acknowledge(ctx, RequestContext.scope(ctx).db(), AlertStore.Tables.TENANT);
    }

    /** POST /api/system/alerts/{id}/acknowledge: a platform-level alert (super-admins), recorded in the system database. */
    public void systemAcknowledge(Context ctx) {
        acknowledge(ctx, system, AlertStore.Tables.PLATFORM);
    }

    /**
     * Creates the Alertmanager silence first, then records it in the same transaction that locked the
     * alert: Alertmanager unreachable → 502 and nothing recorded; a failure after the silence exists
     * expires it again. The activity entry goes to the log of the database holding the alert.
     */
    private void acknowledge(Context ctx, Db db, AlertStore.Tables t) {
        long id = Params.idPath(ctx, "id");
        Alert current = find(db, t, id, false);
        AcknowledgeRequest req = Json.body(ctx, mapper, AcknowledgeRequest.class);
        String comment = req.comment() == null ? "" : req.comment().strip();
        if (comment.isEmpty() || comment.length() > 1000) {
            throw ApiError.badRequest("comment", "comment must be 1-1000 characters: why the alert is acknowledged");
        }
        Duration duration = PromDuration.parse(req.duration() == null ? null : req.duration().strip())
                .orElseThrow(() -> ApiError.badRequest("duration", "expected a duration such as 30m, 2h or 1d"));
        if (duration.compareTo(MIN_SILENCE) < 0 || duration.compareTo(MAX_SILENCE) > 0) {
            throw ApiError.badRequest("duration", "duration must be from 1m to 90d");
        }
        refuseIfDone(current);
        if (!silences.configured()) {
            throw new ApiError(503, null, "acknowledging needs Alertmanager: DBTOOLS_ALERTMANAGER_URL is not set");
        }
        Principal p = RequestContext.principal(ctx);
        String[] created = new String[1];
        try {
            db.inTransaction(tx -> {
                Alert locked = find(tx, t, id, true);
                refuseIfDone(locked);
                // Alertmanager keeps milliseconds: recorded times then equal the silence's own
                Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                Instant until = now.plus(duration);
                created[0] = silences.create(locked.labels(), now, until, p.name(), comment);
                var ack = new Alert.Acknowledgement(p.name(), comment, now, created[0], until);
                store.acknowledge(tx, t, id, ack);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("comment", comment);
                details.put("silenceId", created[0]);
                details.put("until", until.toString());
                store.event(tx, t, id, now, "acknowledged", p.actor(), details);
                details.put("server", locked.server());
                if (t.platform()) {
                    details.put("tenant", locked.tenant());
                }
                activity.record(tx, p, "alert.acknowledge", "alert", id, locked.alertname(), details);
                return null;
            });
        } catch (RuntimeException e) {
            if (created[0] != null) {
                silences.expireQuietly(created[0]);
            }
            throw e;
        }
        ctx.json(detail(db, t, id));
    }

    private static void refuseIfDone(Alert a) {
        if (a.acknowledgement() != null) {
            throw ApiError.conflict("id", "alert " + a.id() + " is already acknowledged (silence " + a.acknowledgement().silenceId() + ")");
        }
        if (!a.firing()) {
            throw ApiError.conflict("id", "alert " + a.id() + " is resolved; only firing alerts can be acknowledged");
        }
    }

    private Alert find(Db db, AlertStore.Tables t, long id, boolean forUpdate) {
        return store.find(db, t, id, forUpdate).orElseThrow(() -> ApiError.notFound("no alert " + id));
    }

    /** The alert's fields with its event history under {@code events}. */
    private Map<String, Object> detail(Db db, AlertStore.Tables t, long id) {
        Map<String, Object> out = mapper.convertValue(find(db, t, id, false), MAP);
        List<Alert.Event> events = store.events(db, t, id);
        out.put("events", events);
        return out;
    }

    private static AlertStore.Filter filter(Context ctx) {
        String state = Params.text(ctx, "state");
        if (state == null) {
            state = "active";
        } else if (!STATES.contains(state)) {
            throw ApiError.badRequest("state", "state must be active, resolved or all");
        }
        return new AlertStore.Filter(state, Params.text(ctx, "severity"), Params.text(ctx, "server"), Params.text(ctx, "alertname"));
    }
}
