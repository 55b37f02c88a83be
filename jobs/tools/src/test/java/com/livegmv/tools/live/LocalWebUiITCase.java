package com.livegmv.tools.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.livegmv.jobs.LocalCluster;
import com.livegmv.tools.embedded.LocalKafka;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Flink of a local run ({@code gmv run}, {@code gmv demo}) as {@link LocalCluster} configures
 * it, with the web UI on the class path as under {@code ./gmv}: by default its REST API and web UI
 * answer on 127.0.0.1 only, without the jar upload, and nothing of it listens elsewhere; {@code
 * --bind 0.0.0.0} widens the web UI alone.
 */
@Tag("slow")
class LocalWebUiITCase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A MiniCluster started as a local run's, with its REST API on {@code port}. */
    private static MiniCluster start(InetAddress bind, int port) throws Exception {
        Configuration conf = new Configuration();
        LocalCluster.listenOn(conf, bind);
        conf.set(RestOptions.PORT, port);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        cluster.start();
        return cluster;
    }

    @Test
    void shouldAnswerOnLoopbackOnlyWithoutTheJarUpload() throws Exception {
        int port = LocalKafka.freePort();
        Set<InetSocketAddress> before =
                Listening.supported() ? Listening.ofThisProcess() : Set.of();
        try (MiniCluster cluster = start(InetAddress.getByName("127.0.0.1"), port)) {
            String base = "http://127.0.0.1:" + port;
            assertThat(config(base)).contains("\"web-submit\":false", "\"web-cancel\":true");
            // The handlers of /jars (list, upload, run) are gone, not merely hidden in the page.
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/jars"))).statusCode())
                    .isEqualTo(404);

            if (Listening.supported()) {
                assertThat(opened(before))
                        .as("what the cluster listens on (REST API, BLOB server)")
                        .hasSizeGreaterThanOrEqualTo(2)
                        .anyMatch(a -> a.getPort() == port)
                        .allMatch(a -> a.getAddress().isLoopbackAddress());
            }
            for (InetAddress other : Listening.nonLoopbackAddresses()) {
                assertThat(reachable(other, port)).as("REST API on %s", other).isFalse();
            }
        }
    }

    @Test
    void shouldAnswerOnEveryInterfaceWhenWidenedAndKeepTheBlobServerOnLoopback() throws Exception {
        assumeThat(Listening.supported()).as("/proc/net/tcp").isTrue();
        int port = LocalKafka.freePort();
        Set<InetSocketAddress> before = Listening.ofThisProcess();
        try (MiniCluster cluster = start(InetAddress.getByName("0.0.0.0"), port)) {
            Set<InetSocketAddress> opened = opened(before);
            assertThat(opened)
                    .filteredOn(a -> a.getPort() == port)
                    .singleElement()
                    .matches(a -> a.getAddress().isAnyLocalAddress(), "every interface");
            assertThat(opened)
                    .filteredOn(a -> a.getPort() != port)
                    .isNotEmpty()
                    .allMatch(a -> a.getAddress().isLoopbackAddress());
            // 0.0.0.0 is every IPv4 interface.
            for (InetAddress other : Listening.nonLoopbackAddresses()) {
                if (other instanceof Inet4Address) {
                    assertThat(reachable(other, port)).as("REST API on %s", other).isTrue();
                }
            }
        }
    }

    /**
     * The REST API still takes a job as {@code flink run} sends it (the client builds the graph and
     * posts it to {@code /jobs}): web.submit.enable removes only the web UI's jar upload and run.
     * The compose client relies on it.
     */
    @Test
    void shouldStillTakeAJobGraphAsFlinkRunPostsIt() throws Exception {
        int port = LocalKafka.freePort();
        try (MiniCluster cluster = start(InetAddress.getByName("127.0.0.1"), port)) {
            assertThat(config("http://127.0.0.1:" + port)).contains("\"web-submit\":false");
            Configuration client = new Configuration();
            client.set(RestOptions.ADDRESS, "127.0.0.1");
            client.set(RestOptions.PORT, port);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.fromSequence(1, 100).sinkTo(new DiscardingSink<>());
            try (RestClusterClient<String> rest = new RestClusterClient<>(client, "local")) {
                JobID id =
                        rest.submitJob(env.getStreamGraph().getJobGraph()).get(1, TimeUnit.MINUTES);
                JobResult result = rest.requestJobResult(id).get(2, TimeUnit.MINUTES);
                assertThat(result.isSuccess()).as("%s", result.getSerializedThrowable()).isTrue();
            }
        }
    }

    /** {@code /config}, once the REST API answers it: it does once a leader is elected. */
    private static String config(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/config")));
            if (r.statusCode() == 200) {
                return r.body();
            }
            assertThat(System.nanoTime())
                    .as("/config within 60 s: %s", r.body())
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100); // polling interval of a condition
        }
    }

    private static Set<InetSocketAddress> opened(Set<InetSocketAddress> before) {
        Set<InetSocketAddress> now = new HashSet<>(Listening.ofThisProcess());
        now.removeAll(before);
        return now;
    }

    private static boolean reachable(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
