package io.dbtools.mongodb.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.Exposition;
import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mongodb.Fixtures;
import io.dbtools.plugin.Version;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Everything the collectors write from the recorded replies goes through the exporter's real
 * exposition path: names and label sets must be legal for client_java and consistent per family.
 */
class RecordedRepliesExpositionTest {

    @Test
    void every_metric_from_the_recorded_replies_renders_as_prometheus_text() throws Exception {
        SampleBuffer buffer = new SampleBuffer();
        ServerStatusCollector.parse(Fixtures.document("serverStatus-4.2.8.json"), Version.parse("4.2.8"), buffer);
        ReplSetGetStatusCollector.parse(Fixtures.document("replSetGetStatus-4.2.x-sharded-k8s-primary.json"), buffer);
        CurrentOpCollector.parse(Fixtures.documents("currentOp-7.0.json"), CurrentOpCollector.thresholds("1,10,60"), buffer);
        DbStatsCollector.parse("test", Fixtures.document("dbStats-mongos-4.4.json"), buffer);
        CollStatsCollector.emit(CollStatsCollector.parse(Fixtures.documents("collStats-aggregate-7.0-trimmed.json")), 20, buffer);
        OplogRsCollector.parse(new Document("ts", new BsonTimestamp(1601384000, 1)), new Document("ts", new BsonTimestamp(1601384207, 1)), buffer);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, Exposition.toSnapshots(List.of(
                new Exposition.Labelled(new String[] {"tenant", "acme", "server", "db1", "engine", "mongodb"}, buffer))));
        String text = out.toString();
        assertTrue(text.contains("dbtools_mongodb_connections_accepted_total{engine=\"mongodb\",server=\"db1\",tenant=\"acme\"} 83.0"), text);
        assertTrue(text.contains("dbtools_mongodb_oplog_window_seconds{engine=\"mongodb\",server=\"db1\",tenant=\"acme\"} 207.0"), text);
        assertTrue(text.contains("dbtools_mongodb_collection_documents{collection=\"foo\",database=\"test\",engine=\"mongodb\",server=\"db1\",tenant=\"acme\"} 210.0"), text);
    }
}
