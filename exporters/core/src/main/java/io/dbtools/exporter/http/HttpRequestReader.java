package io.dbtools.exporter.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request heads from one connection, one after the other (pipelined requests stay in the
 * buffer for the next call). Only what an exporter is asked for is accepted: a request line, at
 * most {@link #MAX_HEADERS} headers, {@code maxHeadBytes} in all, and no body, since a body this
 * server would not read could be taken for the next request.
 */
final class HttpRequestReader {

    static final int MAX_HEADERS = 100;

    /** A request this server refuses; the connection is closed after the answer. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final byte[] buf;
    private final int idleTimeoutMillis;
    private final long headTimeoutNanos;
    private int start; // first unread byte
    private int end; // one past the last byte read

    HttpRequestReader(Socket socket, int maxHeadBytes, Duration idleTimeout, Duration headTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.buf = new byte[maxHeadBytes];
        this.idleTimeoutMillis = Math.toIntExact(idleTimeout.toMillis());
        this.headTimeoutNanos = headTimeout.toNanos();
    }

    /**
     * The next request head, or null when the client closed the connection or stayed idle past the idle
     * timeout between requests.
     *
     * @throws Refused a head that is malformed, too large, carries a body, or took longer than the head timeout
     */
    HttpRequest next() throws IOException, Refused {
        int headEnd;
        // The head's clock starts with its first byte: a client sending a byte now and then cannot hold a connection.
        boolean started = end > start;
        long deadline = System.nanoTime() + headTimeoutNanos;
        while ((headEnd = headEnd()) < 0) {
            if (start > 0) { // keep the unread bytes at the front
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                throw new Refused(431, "request head larger than " + buf.length + " bytes");
            }
            int n;
            try {
                long left = deadline - System.nanoTime();
                if (started && left <= 0) {
                    throw new Refused(408, "request head not received in time");
                }
                socket.setSoTimeout(started ? (int) Math.max(1, left / 1_000_000) : idleTimeoutMillis);
                n = in.read(buf, end, buf.length - end);
            } catch (SocketTimeoutException e) {
                if (end == start) return null; // idle keep-alive connection
                throw new Refused(408, "request head not received in time");
            }
            if (n < 0) {
                if (end == start) return null;
                throw new Refused(400, "connection closed in the middle of a request head");
            }
            end += n;
            if (!started) {
                started = true;
                deadline = System.nanoTime() + headTimeoutNanos;
            }
        }
        String head = new String(buf, start, headEnd - start, StandardCharsets.ISO_8859_1);
        start = headEnd;
        return parse(head);
    }

    /** Index just past the blank line ending the head (CRLF CRLF, or bare LF LF), or -1. */
    private int headEnd() {
        while (start < end && (buf[start] == '\r' || buf[start] == '\n')) {
            start++; // empty lines before a request line are allowed (RFC 9112 2.2)
        }
        for (int i = start; i < end; i++) {
            if (buf[i] != '\n') continue;
            if (i + 1 < end && buf[i + 1] == '\n') return i + 2;
            if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    private static HttpRequest parse(String head) throws Refused {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || !token(requestLine[0])) {
            throw new Refused(400, "malformed request line");
        }
        String version = requestLine[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new Refused(505, "HTTP version not supported: only HTTP/1.1 and HTTP/1.0");
        }
        String target = requestLine[1];
        if (!target.startsWith("/")) {
            throw new Refused(400, "request target must be a path");
        }
        if (lines.length - 1 > MAX_HEADERS) {
            throw new Refused(431, "more than " + MAX_HEADERS + " headers");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line.substring(0, colon))) { // also refuses obsolete line folding
                throw new Refused(400, "malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        String length = headers.get("content-length");
        if (headers.containsKey("transfer-encoding") || (length != null && !length.equals("0"))) {
            throw new Refused(400, "request bodies are not accepted");
        }
        int q = target.indexOf('?');
        return new HttpRequest(requestLine[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                version, headers);
    }

    /** RFC 9110 token characters (method and header names). */
    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }
}
