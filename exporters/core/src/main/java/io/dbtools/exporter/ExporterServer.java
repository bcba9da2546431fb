package io.dbtools.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The exporter's HTTP face: {@code /metrics} (every target plus the exporter's own metrics),
 * {@code /probe?target=} (one target, the multi-target pattern), {@code /healthz}.
 */
public final class ExporterServer implements AutoCloseable {

    private final Exporter exporter;
    private final HttpServer server;
    private final ExpositionFormats formats = ExpositionFormats.init();

    private final boolean metricsWithTargets;

    /** An exporter whose {@code /metrics} scrapes every target too (standalone, from a targets file). */
    public ExporterServer(Exporter exporter, InetSocketAddress address) throws IOException {
        this(exporter, address, true);
    }

    /**
     * @param metricsWithTargets whether {@code /metrics} also scrapes every target; false behind service discovery,
     *     where Prometheus probes each target through {@code /probe} and {@code /metrics} should cost the databases nothing
     */
    public ExporterServer(Exporter exporter, InetSocketAddress address, boolean metricsWithTargets) throws IOException {
        this.exporter = exporter;
        this.metricsWithTargets = metricsWithTargets;
        this.server = HttpServer.create(address, 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", this::metrics);
        server.createContext("/probe", this::probe);
        server.createContext("/healthz", ex -> send(ex, 200, "text/plain; charset=utf-8", "ok\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", this::index);
    }

    public ExporterServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void metrics(HttpExchange ex) throws IOException {
        Duration budget = exporter.budget(ex.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
        List<Exposition.Labelled> parts;
        try {
            parts = metricsWithTargets ? exporter.scrapeAll(budget) : List.of();
        } catch (TargetSourceUnavailableException e) {
            parts = List.of(); // the exporter's own metrics still answer while the control API is away
        }
        write(ex, parts, exporter.selfRegistry().scrape());
    }

    private void probe(HttpExchange ex) throws IOException {
        Optional<String> name = queryParam(ex, "target");
        if (name.isEmpty() || name.get().isBlank()) {
            send(ex, 400, "text/plain; charset=utf-8", "missing query parameter 'target'\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Duration budget = exporter.budget(ex.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
        Optional<Exposition.Labelled> part;
        try {
            part = exporter.probe(name.get(), budget);
        } catch (TargetSourceUnavailableException e) {
            send(ex, 503, "text/plain; charset=utf-8", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (part.isEmpty()) {
            send(ex, 404, "text/plain; charset=utf-8",
                    ("unknown target '" + name.get() + "'\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        write(ex, List.of(part.get()), new MetricSnapshots(List.of()));
    }

    private void index(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/")) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String html = """
                <html><head><title>DbTools exporter</title></head><body>
                <h1>DbTools exporter</h1>
                <ul><li><a href="/metrics">/metrics</a>: every configured target and the exporter itself</li>
                <li>/probe?target=NAME: one target (Prometheus multi-target pattern)</li>
                <li><a href="/healthz">/healthz</a></li></ul>
                </body></html>
                """;
        send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** Targets' samples through {@link TextExposition} (text formats) and the exporter's own through client_java. */
    private void write(HttpExchange ex, List<Exposition.Labelled> targets, MetricSnapshots own) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(ex.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
        TextExposition.Format format = writer instanceof OpenMetricsTextFormatWriter ? TextExposition.Format.OPENMETRICS
                : writer instanceof PrometheusTextFormatWriter ? TextExposition.Format.TEXT : null;
        if (format == null) { // protobuf: client_java all the way
            List<MetricSnapshot> all = new ArrayList<>(Exposition.toSnapshots(targets).stream().toList());
            all.addAll(own.stream().toList());
            writer.write(body, new MetricSnapshots(all));
        } else {
            StringBuilder text = new StringBuilder(64 * 1024);
            TextExposition.write(text, targets, format);
            body.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
            writer.write(body, own); // the exporter's own families; ends with OpenMetrics' # EOF
        }
        String encoding = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (encoding != null && encoding.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.size() / 4 + 64);
            try (GZIPOutputStream gz = new FastGzip(zipped)) {
                body.writeTo(gz);
            }
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            send(ex, 200, writer.getContentType(), zipped.toByteArray());
        } else {
            send(ex, 200, writer.getContentType(), body.toByteArray());
        }
    }

    /** Fastest deflate level: a scrape body compresses almost as well, for a fraction of the CPU. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Optional<String> queryParam(HttpExchange ex, String key) {
        String query = ex.getRequestURI().getRawQuery();
        if (query == null) return Optional.empty();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(key)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
