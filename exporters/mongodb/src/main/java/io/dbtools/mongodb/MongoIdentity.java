package io.dbtools.mongodb;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** What a server is, from {@code buildInfo} (version, enterprise modules) and {@code hello} (topology, set name). */
public final class MongoIdentity {

    /** The oldest release the collectors are written for; older replies are parsed but the server is reported unsupported. */
    public static final Version MIN_VERSION = new Version(4, 4, 0);
    /** Wire version of 4.4, for servers whose version string does not parse. */
    static final int MIN_WIRE_VERSION = 9;

    private MongoIdentity() {}

    /** Pure, so recorded replies and live ones go through the same code. */
    public static ServerInfo from(Document buildInfo, Document hello) {
        String versionText = buildInfo.getString("version");
        List<?> modules = buildInfo.get("modules") instanceof List<?> l ? l : List.of();
        String edition = modules.contains("enterprise") ? "enterprise" : "community";
        MongoTopology topology = MongoTopology.fromHello(hello);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(MongoTopology.KEY, topology.label());
        if (topology == MongoTopology.REPLICA_SET) {
            extra.put("replica_set", hello.getString("setName"));
        }
        return new ServerInfo("mongodb", Version.parse(versionText), versionText, edition, extra);
    }

    /** 4.4 or newer by version, or by wire version when the version text is odd. */
    static boolean supported(ServerInfo server, Document hello) {
        if (server.version().compareTo(MIN_VERSION) >= 0) return true;
        Double wire = Docs.number(hello, "maxWireVersion");
        return server.version().major() == 0 && wire != null && wire >= MIN_WIRE_VERSION;
    }
}
