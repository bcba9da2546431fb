package io.dbtools.mongodb.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dbtools.mongodb.Fixtures;
import io.dbtools.mongodb.Samples;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** replSetGetStatus parsing against recorded replies (see fixtures/mongodb/SOURCES.md). */
class ReplSetGetStatusCollectorTest {

    private static Samples parse(Document reply) {
        Samples s = new Samples();
        ReplSetGetStatusCollector.parse(reply, s);
        return s;
    }

    @Test
    void lag_is_the_primary_optime_minus_each_secondary_optime() {
        // 3.6.20: primary at ts 1601987590, both secondaries at 1601987575.
        Samples s = parse(Fixtures.document("replSetGetStatus-3.6.20.json"));
        assertEquals(15, s.value("dbtools_mongodb_replset_member_lag_seconds", "member", "172.18.0.3:27017"));
        assertEquals(15, s.value("dbtools_mongodb_replset_member_lag_seconds", "member", "172.18.0.8:27017"));
        assertEquals(15, s.value("dbtools_replication_lag_seconds"));
        assertFalse(s.named("dbtools_mongodb_replset_member_lag_seconds").stream()
                .anyMatch(x -> x.labels().get("member").equals("172.18.0.9:27017")), "the primary has no lag series");
    }

    @Test
    void members_state_and_health_from_a_4_2_reply_in_ftdc_form() {
        Samples s = parse(Fixtures.document("replSetGetStatus-4.2.8.json"));
        assertEquals(1, s.value("dbtools_mongodb_replset_member_state", "member", "172.19.0.9:27017"));
        assertEquals(2, s.value("dbtools_mongodb_replset_member_state", "member", "172.19.0.7:27017"));
        assertEquals(1, s.value("dbtools_mongodb_replset_member_health", "member", "172.19.0.6:27017"));
        assertEquals(1, s.value("dbtools_mongodb_replset_my_state"));
        // All three members recorded the same optime (1599759587).
        assertEquals(0, s.value("dbtools_replication_lag_seconds"));
        assertEquals(2, s.named("dbtools_mongodb_replset_member_lag_seconds").size());
    }

    @Test
    void an_arbiter_has_state_and_health_but_no_lag_in_extended_json_form() {
        Samples s = parse(Fixtures.document("replSetGetStatus-4.2.x-sharded-k8s-primary.json"));
        String arbiter = "replset-arbiter-0.mongo.default.svc.cluster.local:27017";
        assertEquals(7, s.value("dbtools_mongodb_replset_member_state", "member", arbiter));
        assertEquals(1, s.value("dbtools_mongodb_replset_member_health", "member", arbiter));
        assertEquals(4, s.named("dbtools_mongodb_replset_member_state").size());
        assertEquals(2, s.named("dbtools_mongodb_replset_member_lag_seconds").size());
        assertEquals(0, s.value("dbtools_replication_lag_seconds"));
    }

    @Test
    void without_a_primary_lag_is_measured_against_the_newest_member() {
        // The recorded 3.6.20 set with its primary marked as in an election (state 0 → not PRIMARY).
        Document reply = Fixtures.document("replSetGetStatus-3.6.20.json");
        List<Document> members = reply.getList("members", Document.class);
        members.get(0).put("state", 0);
        Samples s = parse(reply);
        assertEquals(15, s.value("dbtools_replication_lag_seconds"));
    }

    @Test
    void a_down_member_reports_health_0() {
        Document reply = Fixtures.document("replSetGetStatus-4.2.8.json");
        Document down = reply.getList("members", Document.class).get(2);
        down.put("health", 0);
        down.put("state", 8);
        Samples s = parse(reply);
        assertEquals(0, s.value("dbtools_mongodb_replset_member_health", "member", "172.19.0.6:27017"));
        assertEquals(8, s.value("dbtools_mongodb_replset_member_state", "member", "172.19.0.6:27017"));
        assertEquals(1, s.named("dbtools_mongodb_replset_member_lag_seconds").size(), "a down member is no secondary");
    }
}
