package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.TestApi;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void metrics_show_request_timings_by_route_template_and_tenant_pool_gauges() {
        String slug = TestApi.newTenant("met");
        String viewer = TestApi.token(slug, "viewer");
        TestApi.http().get("/api/servers/12345", viewer, null);
        String text = TestApi.http().get("/metrics", null, null).body();
        assertTrue(text.contains("http_server_requests_seconds_count{method=\"GET\",status=\"404\",uri=\"/api/servers/{id}\"}"), text);
        assertTrue(!text.contains("uri=\"/api/servers/12345\""), "raw ids must not become label values");
        assertTrue(text.contains("hikaricp_connections_active{pool=\"tenant-" + slug + "\"}"), "tenant pool metrics");
    }
}
