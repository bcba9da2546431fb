package io.dbtools.exporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter's HTTP server over real sockets, byte for byte where the protocol matters. */
class VirtualThreadHttpServerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private static final VirtualThreadHttpServer.Limits FAST =
            new VirtualThreadHttpServer.Limits(1024, Duration.ofMillis(500), Duration.ofSeconds(30), 2);

    private final AtomicInteger calls = new AtomicInteger();
    private VirtualThreadHttpServer server;

    private VirtualThreadHttpServer start(VirtualThreadHttpServer.Limits limits) throws IOException {
        server = new VirtualThreadHttpServer(new InetSocketAddress("127.0.0.1", 0),
                Map.of("/hello", r -> {
                    calls.incrementAndGet();
                    return HttpResponse.text(200, "hello " + r.queryParam("name").orElse("?") + "\n");
                }, "/boom", r -> {
                    throw new IllegalStateException("boom");
                }),
                r -> HttpResponse.text(404, "not found\n"),
                limits, CLOCK).start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void keeps_the_connection_for_several_requests_and_answers_pipelined_ones_in_order() throws IOException {
        start(FAST);
        try (Socket s = connect()) {
            send(s, "GET /hello?name=a HTTP/1.1\r\nHost: x\r\n\r\n");
            Response first = Response.read(s.getInputStream());
            assertEquals(200, first.status);
            assertEquals("hello a\n", first.body);
            assertEquals("keep-alive", first.headers.get("connection"));
            assertEquals("Thu, 03 Dec 2026 10:00:00 GMT", first.headers.get("date"));
            assertEquals("text/plain; charset=utf-8", first.headers.get("content-type"));

            send(s, "GET /hello?name=b%20c HTTP/1.1\r\nHost: x\r\n\r\nGET /hello?name=d HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello b c\n", Response.read(s.getInputStream()).body);
            assertEquals("hello d\n", Response.read(s.getInputStream()).body);
        }
        assertEquals(3, calls.get());
    }

    @Test
    void closes_after_the_response_when_asked_and_for_http_1_0_unless_kept_alive() throws IOException {
        start(FAST);
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertEquals("close", Response.read(s.getInputStream()).headers.get("connection"));
            assertEquals(-1, s.getInputStream().read(), "closed by the server");
        }
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.0\r\n\r\n");
            assertEquals(200, Response.read(s.getInputStream()).status);
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("keep-alive", Response.read(s.getInputStream()).headers.get("connection"));
            send(s, "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals(200, Response.read(s.getInputStream()).status);
        }
    }

    @Test
    void head_sends_the_length_without_the_body() throws IOException {
        start(FAST);
        try (Socket s = connect()) {
            send(s, "HEAD /hello?name=a HTTP/1.1\r\n\r\nGET /hello?name=z HTTP/1.1\r\n\r\n");
            Response head = Response.readHead(s.getInputStream());
            assertEquals("8", head.headers.get("content-length"));
            // The next bytes on the wire are the second response, not a body.
            assertEquals("hello z\n", Response.read(s.getInputStream()).body);
        }
    }

    @Test
    void refuses_what_an_exporter_is_never_sent_and_closes_the_connection() throws IOException {
        start(FAST);
        Map<String, Integer> refused = new LinkedHashMap<>();
        refused.put("POST /hello HTTP/1.1\r\n\r\n", 405);
        refused.put("GET /hello HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 400);
        refused.put("GET /hello HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        refused.put("GET /hello\r\n\r\n", 400);
        refused.put("GET http://other/hello HTTP/1.1\r\n\r\n", 400);
        refused.put("GET /hello HTTP/2.0\r\n\r\n", 505);
        refused.put("GET /hello HTTP/1.1\r\n folded: header\r\n\r\n", 400);
        refused.put("GET /hello HTTP/1.1\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n", 431);
        for (var e : refused.entrySet()) {
            try (Socket s = connect()) {
                send(s, e.getKey());
                Response r = Response.read(s.getInputStream());
                assertEquals(e.getValue(), r.status, e.getKey());
                if (e.getValue() == 405) {
                    assertEquals("GET, HEAD", r.headers.get("allow"));
                    assertEquals("keep-alive", r.headers.get("connection"), "a 405 without a body keeps the connection");
                } else {
                    assertEquals("close", r.headers.get("connection"), e.getKey());
                    assertEquals(-1, s.getInputStream().read(), e.getKey());
                }
            }
        }
        assertEquals(0, calls.get(), "no handler saw a refused request");
    }

    @Test
    void a_client_that_sends_its_head_too_slowly_is_answered_408_and_dropped() throws Exception {
        start(FAST);
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            send(s, "GET /hello HTTP/1.1\r\n");
            Thread.sleep(300);
            send(s, "X-A: 1\r\n"); // a byte now and then does not extend the 500 ms
            Response r = Response.read(s.getInputStream());
            assertEquals(408, r.status);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 450 && ms < 5_000, "answered after " + ms + " ms");
        }
    }

    @Test
    void an_idle_kept_alive_connection_is_closed_after_the_idle_timeout() throws IOException {
        start(new VirtualThreadHttpServer.Limits(1024, Duration.ofSeconds(5), Duration.ofMillis(300), 4));
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.1\r\n\r\n");
            assertEquals(200, Response.read(s.getInputStream()).status);
            s.setSoTimeout(5_000);
            assertEquals(-1, s.getInputStream().read(), "closed by the server once idle");
        }
    }

    @Test
    void a_failing_handler_answers_500_without_details_and_the_server_goes_on() throws IOException {
        start(FAST);
        try (Socket s = connect()) {
            send(s, "GET /boom HTTP/1.1\r\n\r\n");
            Response r = Response.read(s.getInputStream());
            assertEquals(500, r.status);
            assertFalse(r.body.contains("boom"), "no exception text to the client");
            assertEquals("close", r.headers.get("connection"));
        }
        try (Socket s = connect()) {
            send(s, "GET /nowhere HTTP/1.1\r\n\r\n");
            assertEquals(404, Response.read(s.getInputStream()).status);
        }
    }

    @Test
    void connections_beyond_the_limit_are_answered_503_until_one_closes() throws Exception {
        start(FAST); // two connections at most
        try (Socket a = connect(); Socket b = connect()) {
            send(a, "GET /hello HTTP/1.1\r\n\r\n");
            send(b, "GET /hello HTTP/1.1\r\n\r\n");
            Response.read(a.getInputStream());
            Response.read(b.getInputStream());
            try (Socket c = connect()) {
                assertEquals(503, Response.read(c.getInputStream()).status);
            }
        }
        // a and b closed: their slots come back
        for (int i = 0; i < 50; i++) {
            try (Socket d = connect()) {
                send(d, "GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n");
                if (Response.read(d.getInputStream()).status == 200) return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no slot came back after two connections closed");
    }

    @Test
    void close_drops_idle_connections_and_frees_the_port() throws Exception {
        start(FAST);
        int port = server.port();
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.1\r\n\r\n");
            Response.read(s.getInputStream());
            server.close();
            s.setSoTimeout(5_000);
            assertEquals(-1, s.getInputStream().read(), "the kept-alive connection is closed");
        }
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void the_jdk_http_client_talks_to_it_over_one_kept_alive_connection() throws Exception {
        start(FAST);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/hello?name=" + i)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals("hello " + i + "\n", response.body());
            done.countDown();
        }
        assertEquals(0, done.getCount());
        assertEquals(20, calls.get());
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** A response read off the wire: status line, headers (lower-case names), and Content-Length bytes of body. */
    private record Response(int status, Map<String, String> headers, String body) {

        static Response read(InputStream in) throws IOException {
            Response head = readHead(in);
            int length = Integer.parseInt(head.headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Response(head.status, head.headers, new String(body, StandardCharsets.UTF_8));
        }

        static Response readHead(InputStream in) throws IOException {
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed after: " + b);
                if (c != '\r') b.write(c);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
