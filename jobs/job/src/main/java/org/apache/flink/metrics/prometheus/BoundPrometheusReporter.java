package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Flink's Prometheus reporter, listening on one address: Flink 2.2's {@link PrometheusReporter} has
 * a port option but no host, and always listens on every interface. Names, labels and values are
 * {@link AbstractPrometheusReporter}'s, so a scrape reads as one of Flink's own reporter.
 *
 * <p>In Flink's package because the registry it serves is package-private there; only local runs
 * load it ({@code com.livegmv.jobs.metrics.PrometheusEndpoint}), and the job jar leaves it out.
 * Drop it once Flink's reporter can bind an address.
 */
public final class BoundPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;

    public BoundPrometheusReporter(InetSocketAddress address) throws IOException {
        // Daemon threads: a local run's JVM exits when its job is done.
        server = new HTTPServer(address, registry, true);
        log.info("Serving Prometheus metrics on {}:{}", address.getHostString(), server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }
}
