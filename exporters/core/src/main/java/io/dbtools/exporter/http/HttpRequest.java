package io.dbtools.exporter.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request head as {@link HttpRequestReader} parsed it. Header names are lower case; a header sent
 * several times holds its values joined by ", ".
 */
public record HttpRequest(String method, String path, String rawQuery, String version, Map<String, String> headers) {

    /** The header's value, or null; {@code name} in any case. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The first value of a query parameter, URL-decoded; empty when absent. */
    public Optional<String> queryParam(String key) {
        if (rawQuery == null) return Optional.empty();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (k.equals(key)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** Whether the client wants the connection kept after the response (HTTP/1.1 unless "close"; HTTP/1.0 only if asked). */
    boolean keepAlive() {
        String connection = header("connection");
        String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if (version.equals("HTTP/1.1")) {
            return !tokens.contains("close");
        }
        return tokens.contains("keep-alive");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a stray '%': take the text as sent
            return s;
        }
    }
}
