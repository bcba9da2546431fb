package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.Docs;
import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import java.util.EnumSet;
import java.util.List;
import org.bson.Document;

/**
 * {@code replSetGetStatus}: state and health of every member as this member sees them, and each
 * secondary's lag behind the primary's last applied optime. Labels are member names, bounded by the
 * replica set size (at most 50 members).
 */
public final class ReplSetGetStatusCollector extends MongoCollector {

    static final int PRIMARY = 1;
    static final int SECONDARY = 2;
    static final String MEMBER_STATE = "dbtools_mongodb_replset_member_state";
    static final String MEMBER_HEALTH = "dbtools_mongodb_replset_member_health";
    static final String MEMBER_LAG = "dbtools_mongodb_replset_member_lag_seconds";

    public ReplSetGetStatusCollector() {
        super(CollectorInfo.everyScrape("repl_set_get_status", "replSetGetStatus: member state and health, replication lag"),
                EnumSet.of(MongoTopology.REPLICA_SET));
    }

    @Override
    public void collect(MongoSource mongo, ScrapeContext ctx, MetricSink sink) {
        parse(mongo.command(ctx, "admin", new Document("replSetGetStatus", 1)), sink);
    }

    /** Pure: a {@code replSetGetStatus} reply to samples. */
    public static void parse(Document status, MetricSink sink) {
        List<Document> members = Docs.documents(status, "members");
        Double myState = Docs.number(status, "myState");
        if (myState != null) {
            sink.gauge("dbtools_mongodb_replset_my_state", "This member's replica set state (1 primary, 2 secondary, 7 arbiter, ...).", myState);
        }
        Double reference = referenceOptime(members);
        double maxLag = 0;
        boolean anySecondary = false;
        for (Document m : members) {
            String name = m.getString("name");
            Double state = Docs.number(m, "state");
            if (name == null || state == null) continue;
            sink.gauge(MEMBER_STATE, "Member state as this member sees it (1 primary, 2 secondary, 7 arbiter, 8 down, ...).", state,
                    "member", name);
            Double health = Docs.number(m, "health");
            if (health != null) {
                sink.gauge(MEMBER_HEALTH, "1 if the member is up as this member sees it, else 0.", health, "member", name);
            }
            Double optime = optimeSeconds(m);
            if (state == SECONDARY && optime != null && reference != null) {
                double lag = Math.max(0, reference - optime);
                anySecondary = true;
                maxLag = Math.max(maxLag, lag);
                sink.gauge(MEMBER_LAG, "Seconds the secondary's last applied optime is behind the primary's.", lag, "member", name);
            }
        }
        if (reference != null) {
            sink.gauge(CoreMetrics.REPLICATION_LAG_SECONDS,
                    "Largest secondary lag behind the primary in the replica set (normalized across engines).", anySecondary ? maxLag : 0);
        }
    }

    /** The primary's optime; with no primary (an election), the newest optime any member reports. */
    static Double referenceOptime(List<Document> members) {
        Double newest = null;
        for (Document m : members) {
            Double optime = optimeSeconds(m);
            if (optime == null) continue;
            if (Double.valueOf(PRIMARY).equals(Docs.number(m, "state"))) return optime;
            newest = newest == null ? optime : Math.max(newest, optime);
        }
        return newest;
    }

    /** {@code optime} is {@code {ts, t}} under protocol version 1, a bare timestamp before; {@code optimeDate} as fallback. */
    static Double optimeSeconds(Document member) {
        Object optime = member.get("optime");
        Double seconds = optime instanceof Document d && d.containsKey("ts") ? Docs.epochSeconds(d.get("ts")) : Docs.epochSeconds(optime);
        return seconds != null ? seconds : Docs.epochSeconds(member.get("optimeDate"));
    }
}
