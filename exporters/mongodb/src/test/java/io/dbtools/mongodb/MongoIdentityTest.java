package io.dbtools.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.ServerInfo;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Identity from buildInfo and hello replies (fields as the server documents them). */
class MongoIdentityTest {

    private static Document buildInfo(String version, String... modules) {
        return new Document("version", version).append("modules", List.of(modules)).append("ok", 1.0);
    }

    @Test
    void mongos_is_recognised_by_isdbgrid() {
        ServerInfo info = MongoIdentity.from(buildInfo("7.0.12"), new Document("ismaster", true).append("msg", "isdbgrid"));
        assertEquals("mongos", info.extra().get("topology"));
        assertEquals(MongoTopology.MONGOS, MongoTopology.of(info));
        assertFalse(info.extra().containsKey("replica_set"));
    }

    @Test
    void a_replica_set_member_names_its_set_and_enterprise_comes_from_modules() {
        ServerInfo info = MongoIdentity.from(buildInfo("8.0.3", "enterprise"),
                new Document("isWritablePrimary", false).append("secondary", true).append("setName", "rs1"));
        assertEquals("replica_set", info.extra().get("topology"));
        assertEquals("rs1", info.extra().get("replica_set"));
        assertEquals("enterprise", info.edition());
        assertEquals(8, info.version().major());
    }

    @Test
    void versions_before_4_4_are_not_supported() {
        Document hello = new Document("maxWireVersion", 8);
        assertFalse(MongoIdentity.supported(MongoIdentity.from(buildInfo("4.2.8"), hello), hello));
        assertTrue(MongoIdentity.supported(MongoIdentity.from(buildInfo("4.4.0"), new Document("maxWireVersion", 9)), hello));
        assertEquals("community", MongoIdentity.from(buildInfo("4.4.0"), hello).edition());
    }
}
