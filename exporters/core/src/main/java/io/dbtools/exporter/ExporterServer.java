package io.dbtools.exporter;

import io.dbtools.exporter.http.HttpRequest;
import io.dbtools.exporter.http.HttpResponse;
import io.dbtools.exporter.http.VirtualThreadHttpServer;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The exporter's HTTP face: {@code /metrics} (every target plus the exporter's own metrics),
 * {@code /probe?target=} (one target, the multi-target pattern), {@code /healthz}.
 */
public final class ExporterServer implements AutoCloseable {

    private final Exporter exporter;
    private final VirtualThreadHttpServer server;
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
        this.server = new VirtualThreadHttpServer(address,
                Map.of("/metrics", this::metrics,
                        "/probe", this::probe,
                        "/healthz", r -> HttpResponse.text(200, "ok\n"),
                        "/", r -> HttpResponse.of(200, "text/html; charset=utf-8", INDEX)),
                r -> HttpResponse.text(404, "not found\n"),
                VirtualThreadHttpServer.Limits.DEFAULT,
                Clock.systemUTC());
    }

    public ExporterServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    private HttpResponse metrics(HttpRequest r) throws IOException {
        Duration budget = exporter.budget(r.header("X-Prometheus-Scrape-Timeout-Seconds"));
        List<Exposition.Labelled> parts;
        try {
            parts = metricsWithTargets ? exporter.scrapeAll(budget) : List.of();
        } catch (TargetSourceUnavailableException e) {
            parts = List.of(); // the exporter's own metrics still answer while the control API is away
        }
        return write(r, parts, exporter.selfRegistry().scrape());
    }

    private HttpResponse probe(HttpRequest r) throws IOException {
        Optional<String> name = r.queryParam("target");
        if (name.isEmpty() || name.get().isBlank()) {
            return HttpResponse.text(400, "missing query parameter 'target'\n");
        }
        Duration budget = exporter.budget(r.header("X-Prometheus-Scrape-Timeout-Seconds"));
        Optional<Exposition.Labelled> part;
        try {
            part = exporter.probe(name.get(), budget);
        } catch (TargetSourceUnavailableException e) {
            return HttpResponse.text(503, e.getMessage() + "\n");
        }
        if (part.isEmpty()) {
            return HttpResponse.text(404, "unknown target '" + name.get() + "'\n");
        }
        return write(r, List.of(part.get()), new MetricSnapshots(List.of()));
    }

    private static final byte[] INDEX = """
            <html><head><title>DbTools exporter</title></head><body>
            <h1>DbTools exporter</h1>
            <ul><li><a href="/metrics">/metrics</a>: every configured target and the exporter itself</li>
            <li>/probe?target=NAME: one target (Prometheus multi-target pattern)</li>
            <li><a href="/healthz">/healthz</a></li></ul>
            </body></html>
            """.getBytes(StandardCharsets.UTF_8);

    /** Targets' samples through {@link TextExposition} (text formats) and the exporter's own through client_java. */
    private HttpResponse write(HttpRequest r, List<Exposition.Labelled> targets, MetricSnapshots own) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(r.header("Accept"));
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
        String encoding = r.header("Accept-Encoding");
        if (encoding != null && encoding.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.size() / 4 + 64);
            try (GZIPOutputStream gz = new FastGzip(zipped)) {
                body.writeTo(gz);
            }
            return HttpResponse.of(200, writer.getContentType(), zipped.toByteArray()).withHeader("Content-Encoding", "gzip");
        }
        return HttpResponse.of(200, writer.getContentType(), body.toByteArray());
    }

    /** Fastest deflate level: a scrape body compresses almost as well, for a fraction of the CPU. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
