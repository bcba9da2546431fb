package io.dbtools.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Missing roles from {@code connectionStatus} privileges. The replies are built in the shape the
 * server returns ({@code authInfo.authenticatedUserPrivileges[].resource/actions}); no recorded
 * reply with privileges was available.
 */
class MongoPermissionsTest {

    private static Document privilege(Document resource, String... actions) {
        return new Document("resource", resource).append("actions", List.of(actions));
    }

    private static final Document CLUSTER = privilege(new Document("cluster", true), "serverStatus", "listDatabases", "inprog", "replSetGetStatus");
    private static final Document ANY_DB = privilege(new Document("db", "").append("collection", ""), "dbStats", "collStats", "indexStats");
    private static final Document LOCAL = privilege(new Document("db", "local").append("collection", ""), "find", "listCollections");

    private static Document status(Document... privileges) {
        return new Document("authInfo", new Document("authenticatedUsers", List.of(new Document("user", "dbtools").append("db", "admin")))
                .append("authenticatedUserPrivileges", List.of(privileges))).append("ok", 1.0);
    }

    @Test
    void cluster_monitor_plus_read_on_local_lacks_nothing_on_a_replica_set_member() {
        assertEquals(List.of(), MongoPermissions.missing(status(CLUSTER, ANY_DB, LOCAL), MongoTopology.REPLICA_SET, false));
    }

    @Test
    void cluster_monitor_alone_lacks_read_on_local_only_where_there_is_an_oplog() {
        assertEquals(List.of(MongoPermissions.READ_LOCAL), MongoPermissions.missing(status(CLUSTER, ANY_DB), MongoTopology.REPLICA_SET, false));
        assertEquals(List.of(), MongoPermissions.missing(status(CLUSTER, ANY_DB), MongoTopology.STANDALONE, false));
    }

    @Test
    void a_user_with_only_read_access_is_told_which_cluster_monitor_actions_it_lacks() {
        Document readOnly = privilege(new Document("db", "shop").append("collection", ""), "find", "collStats", "dbStats");
        assertEquals(List.of("clusterMonitor role on admin (lacks serverStatus, listDatabases, inprog, dbStats, collStats)"),
                MongoPermissions.missing(status(readOnly), MongoTopology.MONGOS, false));
    }

    @Test
    void any_resource_covers_everything_and_no_access_control_needs_nothing() {
        Document root = privilege(new Document("anyResource", true), "serverStatus", "listDatabases", "inprog", "replSetGetStatus",
                "dbStats", "collStats", "find");
        assertEquals(List.of(), MongoPermissions.missing(status(root), MongoTopology.REPLICA_SET, false));
        assertEquals(List.of(), MongoPermissions.missing(new Document("authInfo", new Document()), MongoTopology.REPLICA_SET, true));
    }
}
