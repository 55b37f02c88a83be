package com.livegmv.jobs;

import com.livegmv.jobs.metrics.PrometheusEndpoint;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * What the Flink of a local run ({@code gmv run} on its own MiniCluster, {@code gmv demo}) listens
 * on. Its REST API and web UI take jobs from anyone who reaches them (Flink has no authentication),
 * so they listen on one address, 127.0.0.1 unless told otherwise, and the web UI's jar upload is
 * off; the BLOB server, which only the MiniCluster itself talks to, stays on loopback. A cluster
 * ({@code flink run}) ignores this: its own configuration decides.
 */
public final class LocalCluster {
    /** The managed memory of a local run: about what a TaskManager of Flink's default size has. */
    private static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(512);

    private LocalCluster() {}

    /**
     * Gives the local cluster's task slots {@link #MANAGED_MEMORY} of managed memory, which RocksDB
     * shares out as its block cache and write buffers. A MiniCluster's default is 128 MB: with the
     * live job's state, RocksDB then read from its files and compacted far more, and a kafka-e2e
     * round at 112,500 events/s cost the job 51-72 CPU-seconds instead of 27-32. A cluster ignores
     * this: {@code taskmanager.memory.managed.*} in its own configuration decides.
     */
    public static void managedMemory(Configuration conf) {
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
    }

    /**
     * Sets where the REST API and the web UI listen, and turns off the web UI's jar upload and run
     * ({@code /jars}: code from a browser). Cancelling from the web UI stays: Flink's {@code
     * web.cancel.enable} only hides the button, the REST API cancels either way, and whoever
     * reaches the port is an operator of this machine, with checkpoints retained on cancellation.
     */
    public static void listenOn(Configuration conf, InetAddress bind) {
        conf.set(RestOptions.BIND_ADDRESS, bind.getHostAddress());
        conf.set(RestOptions.ADDRESS, host(bind));
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        // The BLOB server (job artifacts for the task managers): on every interface by default.
        conf.set(JobManagerOptions.BIND_HOST, PrometheusEndpoint.LOOPBACK);
    }

    /**
     * {@code http://HOST:PORT} of a server listening on {@code bind}: localhost unless it listens
     * on one other address only.
     */
    public static String url(InetAddress bind, int port) {
        return "http://" + host(bind) + ":" + port;
    }

    private static String host(InetAddress bind) {
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            return "localhost";
        }
        return bind instanceof Inet6Address
                ? "[" + bind.getHostAddress() + "]"
                : bind.getHostAddress();
    }
}
