package com.livegmv.jobs.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.prometheus.BoundPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The Prometheus endpoint of a local run ({@code gmv run} on its own MiniCluster, {@code gmv
 * demo}): Flink's Prometheus reporter on one address, 127.0.0.1 unless told otherwise. A cluster
 * ({@code flink run}) ignores this: its reporters are cluster configuration (docker/).
 */
public final class PrometheusEndpoint implements MetricReporterFactory {
    /** The reporter's name in Flink's configuration: {@code metrics.reporter.prom.*}. */
    public static final String REPORTER = "prom";

    public static final String LOOPBACK = "127.0.0.1";

    private static final String PREFIX = "metrics.reporter." + REPORTER + ".";

    /** Turns the endpoint on in the configuration a local environment starts its cluster with. */
    public static void configure(Configuration conf, String host, int port) {
        conf.setString(PREFIX + "factory.class", PrometheusEndpoint.class.getName());
        conf.setString(PREFIX + "host", host);
        conf.setString(PREFIX + "port", Integer.toString(port));
    }

    /** Whether nothing listens on {@code host:port} now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        MetricConfig c = (MetricConfig) properties;
        String host = c.getString("host", LOOPBACK);
        int port = c.getInteger("port", 0);
        try {
            return new BoundPrometheusReporter(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve Prometheus metrics on " + host + ":" + port, e);
        }
    }
}
