package io.dbtools.mongodb;

import io.dbtools.plugin.ServerInfo;
import org.bson.Document;

/** What kind of process answered: collectors run only where their command applies. */
public enum MongoTopology {
    STANDALONE("standalone"),
    REPLICA_SET("replica_set"),
    MONGOS("mongos");

    /** The key of {@link ServerInfo#extra()} (and label of {@code dbtools_server_info}) holding the topology. */
    public static final String KEY = "topology";

    private final String label;

    MongoTopology(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** From a {@code hello}/{@code isMaster} reply: mongos says {@code msg: "isdbgrid"}, set members name their set. */
    public static MongoTopology fromHello(Document hello) {
        if ("isdbgrid".equals(hello.get("msg"))) return MONGOS;
        if (hello.get("setName") != null) return REPLICA_SET;
        return STANDALONE;
    }

    public static MongoTopology of(ServerInfo server) {
        String v = server.extra().get(KEY);
        for (MongoTopology t : values()) {
            if (t.label.equals(v)) return t;
        }
        return STANDALONE;
    }
}
