package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.Docs;
import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * {@code $currentOp}: active operations by type, operations running longer than thresholds, the
 * oldest running operation and operations waiting for a lock. Operations that wait by design are not
 * "long running": awaitable {@code hello}/{@code isMaster} (drivers' monitors hold them up to 10 s),
 * tailable {@code awaitData} getMores (oplog fetchers, change streams), background threads with no
 * operation ({@code op: "none"}) and this collector's own aggregation.
 */
public final class CurrentOpCollector extends MongoCollector {

    public static final String THRESHOLDS_OPTION = "long_operation_thresholds_seconds";
    static final String DEFAULT_THRESHOLDS = "1,10,60";
    static final String OWN_COMMENT = "dbtools-exporter current_op";
    static final String ACTIVE = "dbtools_mongodb_active_operations";
    static final String LONG = "dbtools_mongodb_long_operations";

    public CurrentOpCollector() {
        super(CollectorInfo.everyScrape("current_op", "$currentOp: active operations, long-running and lock-waiting operations"),
                EnumSet.allOf(MongoTopology.class));
    }

    @Override
    public void collect(MongoSource mongo, ScrapeContext ctx, MetricSink sink) {
        List<Document> pipeline = List.of(
                new Document("$currentOp", new Document("allUsers", true).append("idleConnections", false)),
                new Document("$match", new Document("active", true).append("command.comment", new Document("$ne", OWN_COMMENT))),
                new Document("$project", new Document("type", 1).append("op", 1).append("active", 1).append("secs_running", 1)
                        .append("microsecs_running", 1).append("waitingForLock", 1).append("command.hello", 1)
                        .append("command.isMaster", 1).append("command.ismaster", 1).append("command.comment", 1)
                        .append("cursor.tailable", 1).append("cursor.awaitData", 1)));
        // The aggregation's own entry in $currentOp carries the comment, so it leaves itself out.
        List<Document> ops = mongo.aggregate(ctx, "admin", pipeline, OWN_COMMENT);
        parse(ops, thresholds(ctx.target().option(THRESHOLDS_OPTION).orElse(DEFAULT_THRESHOLDS)), sink);
    }

    static double[] thresholds(String option) {
        return Arrays.stream(option.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToDouble(Double::parseDouble).sorted().toArray();
    }

    /** Pure: {@code $currentOp} result documents to samples. */
    public static void parse(List<Document> ops, double[] thresholds, MetricSink sink) {
        Map<String, Integer> activeByOp = new TreeMap<>();
        List<Double> running = new ArrayList<>();
        int waitingForLock = 0;
        for (Document op : ops) {
            if (!Boolean.TRUE.equals(op.get("active"))) continue;
            if (op.get("type") != null && !"op".equals(op.get("type"))) continue;
            String type = op.get("op") == null ? "unknown" : op.get("op").toString();
            activeByOp.merge(type, 1, Integer::sum);
            if (Boolean.TRUE.equals(op.get("waitingForLock"))) waitingForLock++;
            if (waitsByDesign(op, type)) continue;
            Double micros = Docs.number(op, "microsecs_running");
            Double secs = Docs.number(op, "secs_running");
            running.add(micros != null ? micros / 1e6 : secs != null ? secs : 0);
        }
        activeByOp.forEach((type, n) -> sink.gauge(ACTIVE, "Active operations by type (query, getmore, command, insert, update, remove, none, ...).",
                n, "op", type));
        for (double t : thresholds) {
            long over = running.stream().filter(s -> s >= t).count();
            sink.gauge(LONG, "Client operations running at least threshold_seconds (waiting-by-design operations excluded).", over,
                    "threshold_seconds", label(t));
        }
        double oldest = running.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        sink.gauge(CoreMetrics.OLDEST_QUERY_SECONDS, "Age of the longest-running operation (normalized across engines).", oldest);
        sink.gauge(CoreMetrics.BLOCKED_SESSIONS, "Operations waiting for a lock (normalized across engines).", waitingForLock);
    }

    private static boolean waitsByDesign(Document op, String type) {
        if (type.equals("none")) return true;
        Document command = Docs.document(op, "command");
        if (command != null) {
            if (command.containsKey("hello") || command.containsKey("isMaster") || command.containsKey("ismaster")) return true;
            if (OWN_COMMENT.equals(command.get("comment"))) return true;
        }
        return Boolean.TRUE.equals(Docs.at(op, "cursor", "tailable")) && Boolean.TRUE.equals(Docs.at(op, "cursor", "awaitData"));
    }

    private static String label(double threshold) {
        return java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
    }
}
