package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleBufferTest {

    @Test
    void metricNamesFollowThePrometheusGrammar() {
        assertTrue(SampleBuffer.validName("dbtools_up", true));
        assertTrue(SampleBuffer.validName("job:rate5m", true));
        assertTrue(SampleBuffer.validName("_x9", true));
        assertFalse(SampleBuffer.validName("9lives", true));
        assertFalse(SampleBuffer.validName("", true));
        assertFalse(SampleBuffer.validName("size-bytes", true));
        assertFalse(SampleBuffer.validName("größe", true));
    }

    @Test
    void labelNamesMayNotHoldAColon() {
        assertTrue(SampleBuffer.validName("datname", false));
        assertFalse(SampleBuffer.validName("a:b", false));
        assertFalse(SampleBuffer.validName("1st", false));
    }

    @Test
    void invalidNamesAreRejectedWhenEmitted() {
        SampleBuffer b = new SampleBuffer();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.gauge("bad-name", "h", 1)).getMessage().contains("invalid metric name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.gauge("ok", "h", 1, "bad:label", "v")).getMessage().contains("invalid label name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.counter("no_suffix", "h", 1)).getMessage().contains("_total"));
        b.gauge("ok", "h", 2, "db", null);
        assertEquals(1, b.sampleCount());
        assertArrayEquals(new String[] {"db", ""}, b.families().iterator().next().samples().get(0).labelPairs());
    }
}
