package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is a 4xx JSON error that names the field — never a 500 or a stack trace. */
class RequestValidationTest {

    private final Http http = TestApi.http();
    // one tenant for the whole class: nothing here is ever stored
    private static final String slug = TestApi.newTenant("val");
    private static final String op = TestApi.token(slug, "operator");

    private void assertError(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(status, r.json().get("error").get("status").asInt());
        assertEquals(field, r.errorField(), r.body());
        assertFalse(r.json().get("error").get("message").asText().isEmpty());
        assertFalse(r.body().contains("at io.") || r.body().contains("Exception"), r.body());
    }

    @Test
    void malformed_json_is_400_naming_the_body() {
        assertError(http.post("/api/servers", op, null, "{\"name\": \"x\","), 400, "body");
        assertError(http.post("/api/servers", op, null, "not json"), 400, "body");
        assertError(http.post("/api/servers", op, null, "{} {}"), 400, "body");
    }

    @Test
    void an_empty_body_or_an_array_instead_of_an_object_is_400() {
        assertError(http.post("/api/servers", op, null, ""), 400, "body");
        assertError(http.post("/api/servers", op, null, "[1,2]"), 400, "body");
        assertError(http.post("/api/servers", op, null, "null"), 400, "body");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"port\":\"5432\"}|port",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"port\":54.5}|port",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"port\":99999999999}|port",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"enabled\":\"yes\"}|enabled",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"labels\":\"prod\"}|labels",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"labels\":[{}]}|labels[0]",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"tls\":{\"trustServerCertificate\":\"no\"}}|tls.trustServerCertificate",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"options\":{\"account\":[1]}}|options.account",
            "{\"name\":5,\"engine\":\"postgres\",\"host\":\"h\"}|name",
    })
    void a_wrong_type_is_400_naming_the_field(String body, String field) {
        assertError(http.post("/api/servers", op, null, body), 400, field);
    }

    @Test
    void an_unknown_field_is_400_naming_it() {
        assertError(http.post("/api/servers", op, null, TestApi.pgServer("u", "\"colour\":\"red\"")), 400, "colour");
        assertError(http.post("/api/servers", op, null, TestApi.pgServer("u", "\"tls\":{\"mode\":\"require\",\"sni\":true}")), 400, "tls.sni");
        assertError(http.post("/api/tenants", TestApi.superToken(), null, "{\"slug\":\"abc\",\"name\":\"x\",\"plan\":\"gold\"}"), 400, "plan");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}|name",
            "{\"name\":\"a\",\"engine\":\"oracle\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}|engine",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"bad host/\",\"username\":\"u\",\"password\":\"p\"}|host",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"port\":0,\"username\":\"u\",\"password\":\"p\"}|port",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"password\":\"p\"}|username",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\"}|password",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"secretRef\":\"env:X\"}|secretRef",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"authType\":\"magic\"}|authType",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"tls\":{\"mode\":\"sometimes\"}}|tls.mode",
            "{\"name\":\"a\",\"engine\":\"snowflake\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}|options.account",
            "{\"name\":\"a\",\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"labels\":[\"ok\",\"Not Ok\"]}|labels[1]",
    })
    void an_invalid_value_is_400_naming_the_field(String body, String field) {
        assertError(http.post("/api/servers", op, null, body), 400, field);
    }

    @Test
    void an_oversize_body_is_413_naming_the_body() {
        String big = TestApi.pgServer("big", "\"options\":{\"note\":\"" + "x".repeat((int) TestApi.MAX_BODY) + "\"}");
        assertError(http.post("/api/servers", op, null, big), 413, "body");
    }

    @Test
    void bad_query_and_path_parameters_are_400_naming_them() {
        assertError(http.get("/api/servers?page=abc", op, null), 400, "page");
        assertError(http.get("/api/servers?size=100000", op, null), 400, "size");
        assertError(http.get("/api/servers/not-a-number", op, null), 400, "id");
        assertError(http.get("/api/servers?engine=oracle", op, null), 400, "engine");
        assertError(http.get("/api/activity?from=yesterday", op, null), 400, "from");
        assertError(http.get("/api/sd/targets?shard=3&shards=2", op, null), 400, "shard");
    }

    @Test
    void an_unknown_route_is_a_json_404() {
        var r = http.get("/api/nothing-here", op, null);
        assertEquals(404, r.status());
        assertTrue(r.json().get("error").get("message").asText().contains("/api/nothing-here"));
    }
}
