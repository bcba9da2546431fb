package io.dbtools.exporter.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's HTTP/1.1 server: blocking sockets, one virtual thread per connection, keep-alive.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: its dispatcher wakes every second (a fixed
 * 1 s select timeout) and handles every request's key registration, which at one scrape every 15 s
 * was a fifth of the exporter's CPU (docs/benchmarks.md). Here an idle server costs nothing: the
 * accepting thread blocks in accept() and an idle connection's virtual thread is parked in the JDK's
 * I/O poller. It serves only what Prometheus and a browser ask of an exporter: GET and HEAD
 * without a body, answered with a complete body and its Content-Length.
 */
public final class VirtualThreadHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualThreadHttpServer.class);
    /** HTTP's IMF-fixdate (two-digit day, unlike RFC_1123_DATE_TIME). */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Answers one request; an exception becomes a 500 and closes the connection. */
    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(HttpRequest request) throws IOException;
    }

    /**
     * @param maxHeadBytes request line and headers together (431 beyond)
     * @param headTimeout from a request's first byte to the end of its head (408 beyond)
     * @param idleTimeout a kept-alive connection with no request this long is closed
     * @param maxConnections connections open at once; one more is answered 503 and closed
     */
    public record Limits(int maxHeadBytes, Duration headTimeout, Duration idleTimeout, int maxConnections) {

        /** Prometheus keeps a connection per target and scrape pool; 5 minutes outlasts any usual scrape interval. */
        public static final Limits DEFAULT = new Limits(16 * 1024, Duration.ofSeconds(10), Duration.ofMinutes(5), 4096);
    }

    private final ServerSocket listener;
    private final Map<String, Handler> routes;
    private final Handler fallback;
    private final Limits limits;
    private final Clock clock;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * @param routes handlers by exact path
     * @param fallback every other path
     */
    public VirtualThreadHttpServer(InetSocketAddress address, Map<String, Handler> routes, Handler fallback, Limits limits,
                                   Clock clock) throws IOException {
        this.routes = Map.copyOf(routes);
        this.fallback = fallback;
        this.limits = limits;
        this.clock = clock;
        this.slots = new Semaphore(limits.maxConnections());
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, 128);
        // A platform thread blocked in accept() costs nothing while idle and, not being a daemon, keeps
        // the process alive as long as the server is open.
        this.acceptor = Thread.ofPlatform().name("dbtools-http-accept").unstarted(this::acceptLoop);
    }

    public VirtualThreadHttpServer start() {
        acceptor.start();
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) return;
                log.warn("accepting a connection failed: {}", e.toString());
                pause(); // e.g. out of file descriptors: do not spin
                continue;
            }
            if (!slots.tryAcquire()) {
                Thread.ofVirtual().start(() -> refuseBusy(socket));
                continue;
            }
            open.add(socket);
            Thread.ofVirtual().name("dbtools-http").start(() -> {
                try {
                    serve(socket);
                } finally {
                    open.remove(socket);
                    slots.release();
                    closeQuietly(socket);
                }
            });
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true); // head and body are written apart: no Nagle wait for the last segment
            var reader = new HttpRequestReader(socket, limits.maxHeadBytes(), limits.idleTimeout(), limits.headTimeout());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                HttpRequest request;
                try {
                    request = reader.next();
                } catch (HttpRequestReader.Refused e) {
                    write(out, HttpResponse.text(e.status, e.getMessage() + "\n"), false, false);
                    return;
                }
                if (request == null) return;
                boolean keepAlive = request.keepAlive() && !closed;
                boolean head = request.method().equals("HEAD");
                HttpResponse response;
                if (!head && !request.method().equals("GET")) {
                    response = HttpResponse.text(405, "only GET and HEAD\n").withHeader("Allow", "GET, HEAD");
                } else {
                    try {
                        response = routes.getOrDefault(request.path(), fallback).handle(request);
                    } catch (IOException | RuntimeException e) {
                        log.warn("{} {} failed: {}", request.method(), request.path(), e.toString());
                        response = HttpResponse.text(500, "internal error\n");
                        keepAlive = false;
                    }
                }
                write(out, response, keepAlive, head);
                if (!keepAlive) return;
            }
        } catch (SocketException e) {
            // the client went away, or close() closed the socket
        } catch (IOException e) {
            log.debug("connection ended: {}", e.toString());
        }
    }

    private void write(OutputStream out, HttpResponse r, boolean keepAlive, boolean headOnly) throws IOException {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        h.append("Date: ").append(DATE.format(clock.instant())).append("\r\n");
        h.append("Content-Type: ").append(r.contentType()).append("\r\n");
        h.append("Content-Length: ").append(r.body().length).append("\r\n");
        r.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly) out.write(r.body());
        out.flush();
    }

    private void refuseBusy(Socket socket) {
        try (socket) {
            write(socket.getOutputStream(), HttpResponse.text(503, "too many connections\n"), false, false);
        } catch (IOException ignored) {
            // nothing to tell a client that is gone
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** Stops accepting and closes every connection, idle or busy. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all that is left to do
        }
    }
}
