package io.dbtools.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbtools.rules.testing.Repo;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProvisioningTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void the_datasource_file_provisions_one_prometheus_datasource() throws IOException {
        JsonNode f = YAML.readTree(Repo.dashboards().resolve("provisioning/datasources/dbtools.yml").toFile());
        assertEquals(1, f.path("apiVersion").asInt());
        assertEquals(1, f.path("datasources").size());
        assertEquals("prometheus", f.path("datasources").get(0).path("type").asText());
    }

    @Test
    void the_dashboards_file_provisions_a_dbtools_folder_from_files() throws IOException {
        JsonNode f = YAML.readTree(Repo.dashboards().resolve("provisioning/dashboards/dbtools.yml").toFile());
        assertEquals(1, f.path("apiVersion").asInt());
        JsonNode p = f.path("providers").get(0);
        assertEquals("file", p.path("type").asText());
        assertEquals("DbTools", p.path("folder").asText());
        assertEquals(false, p.path("options").path("path").asText().isBlank());
    }
}
