package io.dbtools.mongodb;

import io.dbtools.plugin.ServerInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Names the roles monitoring needs and the user lacks, from {@code connectionStatus} with
 * {@code showPrivileges}: {@code clusterMonitor} on admin for the server-wide commands and
 * {@code read} on local for the oplog window.
 */
final class MongoPermissions {

    static final String CLUSTER_MONITOR = "clusterMonitor role on admin";
    static final String READ_LOCAL = "read role on local (oplog window)";

    private MongoPermissions() {}

    /**
     * Pure: the user's privileges as {@code connectionStatus} reports them, against what the collectors
     * for this topology run.
     *
     * @param accessControlOff true when nobody is logged in yet server-wide commands work (no {@code --auth})
     */
    static List<String> missing(Document connectionStatus, MongoTopology topology, boolean accessControlOff) {
        if (accessControlOff) return List.of();
        List<Document> privileges = Docs.documents(connectionStatus, "authInfo", "authenticatedUserPrivileges");
        Set<String> lacking = new LinkedHashSet<>();
        List<String> clusterActions = new ArrayList<>(List.of("serverStatus", "listDatabases", "inprog"));
        if (topology == MongoTopology.REPLICA_SET) clusterActions.add("replSetGetStatus");
        for (String action : clusterActions) {
            if (!allowed(privileges, action, "cluster", null)) lacking.add(action);
        }
        for (String action : List.of("dbStats", "collStats")) {
            if (!allowed(privileges, action, "", "")) lacking.add(action);
        }
        List<String> missing = new ArrayList<>();
        if (!lacking.isEmpty()) missing.add(CLUSTER_MONITOR + " (lacks " + String.join(", ", lacking) + ")");
        if (topology == MongoTopology.REPLICA_SET && !allowed(privileges, "find", "local", "oplog.rs")) {
            missing.add(READ_LOCAL);
        }
        return missing;
    }

    /** True when no user is authenticated: either access control is off or the login was skipped. */
    static boolean nobodyLoggedIn(Document connectionStatus) {
        return Docs.documents(connectionStatus, "authInfo", "authenticatedUsers").isEmpty();
    }

    /**
     * @param db {@code "cluster"} for the cluster resource, {@code ""} for any database, or a name
     * @param collection null for the cluster resource, {@code ""} for any collection, or a name
     */
    private static boolean allowed(List<Document> privileges, String action, String db, String collection) {
        for (Document p : privileges) {
            if (!(p.get("actions") instanceof List<?> actions) || !actions.contains(action)) continue;
            Document r = Docs.document(p, "resource");
            if (r == null) continue;
            if (Boolean.TRUE.equals(r.get("anyResource"))) return true;
            if (collection == null) {
                if (Boolean.TRUE.equals(r.get("cluster"))) return true;
                continue;
            }
            String rdb = r.getString("db");
            String rcoll = r.getString("collection");
            if (rdb == null || rcoll == null) continue;
            boolean dbMatches = rdb.isEmpty() ? db.isEmpty() || !db.equals("local") : rdb.equals(db);
            boolean collMatches = rcoll.isEmpty() || rcoll.equals(collection);
            if (dbMatches && collMatches) return true;
        }
        return false;
    }
}
