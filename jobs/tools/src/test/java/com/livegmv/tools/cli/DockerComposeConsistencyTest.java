package com.livegmv.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.cli.Flags;
import com.livegmv.jobs.cli.RunCommand;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.jobs.live.PostgresTables;
import com.livegmv.jobs.metrics.PrometheusEndpoint;
import com.livegmv.metrics.GmvMetric;
import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.runtime.checkpoint.DefaultCheckpointStatsTracker;
import org.apache.flink.runtime.metrics.MetricNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docker/ (the compose stack and the image) against the code: topic names, the flags of {@code gmv
 * run}, the schema, the jar name, the volumes and the versions, the metrics reporters, Prometheus'
 * targets and the metrics the Grafana dashboard queries all come from the code or the poms, never
 * from copies in this test. What the stack exposes is checked too: every published port on the
 * host's loopback, no jar upload in the JobManager's web UI. Renaming a topic in {@link
 * GmvOptions}, a table in schema.sql or the shaded jar fails it.
 *
 * <p>In package {@code cli} because {@link Gmv#commands()} is package-private.
 */
class DockerComposeConsistencyTest {
    private static Path root;
    private static Path dockerDir;
    private static JsonNode services;
    private static JsonNode topLevelVolumes;
    private static List<String> dockerfile;
    private static ClientRun client;

    /** The client's {@code flink run} invocation, split into words. */
    private record ClientRun(String jar, List<String> programArgs, Map<String, String> flags) {}

    @BeforeAll
    static void load() throws Exception {
        root = repositoryRoot();
        dockerDir = root.resolve("docker");
        JsonNode compose =
                new ObjectMapper(new YAMLFactory())
                        .readTree(dockerDir.resolve("docker-compose.yaml").toFile());
        services = compose.path("services");
        topLevelVolumes = compose.path("volumes");
        dockerfile = Files.readAllLines(dockerDir.resolve("Dockerfile"));
        client = clientRun();
    }

    // ---- Kafka

    @Test
    void kafkaInitCreatesExactlyTheJobsDefaultTopics() {
        List<String> expected = new ArrayList<>(GmvOptions.INPUT_TOPICS.defaultValue());
        expected.add(GmvOptions.GRANTS_TOPIC.defaultValue());

        List<String> created = new ArrayList<>();
        for (String line : logicalLines(script(service("kafka-init")))) {
            if (line.contains("kafka-topics.sh") && words(line).contains("--create")) {
                List<String> w = words(line);
                assertThat(w).as("idempotent: %s", line).contains("--if-not-exists");
                created.add(w.get(w.indexOf("--topic") + 1));
            }
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(service("kafka-init").path("image").asText())
                .isEqualTo(service("kafka").path("image").asText());
    }

    @Test
    void theJobAndKafkaInitReachKafkaThroughItsComposeListener() {
        String bootstrap = client.flags().get("--kafka");
        assertThat(bootstrap).isNotNull();
        String host = bootstrap.substring(0, bootstrap.lastIndexOf(':'));
        assertThat(services.has(host)).as("--kafka names the service %s", host).isTrue();
        assertThat(listeners(env(service(host)).get("KAFKA_ADVERTISED_LISTENERS")))
                .as("a listener advertised as %s", bootstrap)
                .contains(bootstrap);
        assertThat(script(service("kafka-init"))).contains(bootstrap);
    }

    @Test
    void theHostListenerIsTheDefaultBootstrapOfAHostSideGmvRun() {
        // Host-side `./gmv run` with default flags reaches this broker.
        String hostDefault = GmvOptions.KAFKA_BOOTSTRAP.defaultValue();
        assertThat(listeners(env(service("kafka")).get("KAFKA_ADVERTISED_LISTENERS")))
                .contains(hostDefault);
        String hostPort = hostDefault.substring(hostDefault.lastIndexOf(':') + 1);
        assertThat(publishedPorts(service("kafka"))).containsKey(hostPort);
    }

    @Test
    void theKafkaImageIsTheBrokerVersionOfTheBuild() {
        assertThat(service("kafka").path("image").asText())
                .isEqualTo("apache/kafka:" + pomProperty(root.resolve("pom.xml"), "kafka.version"));
    }

    // ---- the client's flink run

    @Test
    void theClientRunsGmvRunWithOnlyFlagsThatGmvRunAccepts() {
        assertThat(client.programArgs()).isNotEmpty();
        assertThat(client.programArgs().get(0)).as("first program argument").isEqualTo("run");
        picocli.CommandLine gmv = Cli.commandLine(Gmv.commands(), System.out, System.err);
        picocli.CommandLine run = gmv.getSubcommands().get("run");
        assertThat(run.<Object>getCommand()).isInstanceOf(RunCommand.class);

        Set<String> accepted = new LinkedHashSet<>(run.getCommandSpec().optionsMap().keySet());
        assertThat(client.flags().keySet()).isSubsetOf(accepted);
        // Resuming (README) goes through the optional --from-savepoint.
        assertThat(client.flags()).containsKey("--from-savepoint");

        // And gmv run's own parser takes the whole argument list: known flags, each with a value.
        String[] args = client.programArgs().toArray(String[]::new);
        assertThatCode(() -> gmv.parseArgs(args)).doesNotThrowAnyException();
    }

    @Test
    void theClientWritesToTheComposePostgres() {
        Matcher url =
                Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)")
                        .matcher(client.flags().get("--jdbc-url"));
        assertThat(url.matches()).as("--jdbc-url %s", client.flags().get("--jdbc-url")).isTrue();
        String host = url.group(1);
        assertThat(services.has(host)).as("--jdbc-url names the service %s", host).isTrue();
        JsonNode postgres = service(host);
        Map<String, String> pgEnv = env(postgres);
        assertThat(url.group(2)).isEqualTo("5432");
        assertThat(url.group(3)).isEqualTo(pgEnv.get("POSTGRES_DB"));
        assertThat(client.flags().get("--jdbc-user")).isEqualTo(pgEnv.get("POSTGRES_USER"));

        // The password reaches the job through the environment variable it documents, never a
        // flag, and is the one the database was created with.
        Map<String, String> clientEnv = env(service("client"));
        assertThat(new HtmlFormatter().format(GmvOptions.JDBC_PASSWORD.description()))
                .contains("GMV_JDBC_PASSWORD");
        assertThat(clientEnv.get("GMV_JDBC_PASSWORD"))
                .isNotBlank()
                .isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
        assertThat(client.programArgs()).noneMatch(a -> a.contains("password"));
        assertThat(dependsOn(service("client"))).contains(host, "kafka-init", "jobmanager");
    }

    @Test
    void theClientTalksToTheJobManagerService() {
        Map<String, String> props = flinkProperties(service("client"));
        assertThat(props.get(RestOptions.ADDRESS.key())).isEqualTo("jobmanager");
        assertThat(props.get(JobManagerOptions.ADDRESS.key())).isEqualTo("jobmanager");
        assertThat(services.has("jobmanager")).isTrue();
    }

    @Test
    void theJobManagerTakesNoJarFromItsWebUiWhileTheClientSubmitsWithFlinkRun() {
        // web.submit.enable gates the web UI's /jars handlers only; `flink run` posts a job graph
        // to /jobs (LocalWebUiITCase shows both). Cancelling stays, as in a local run: the option
        // for it only hides the web UI's button, the REST API cancels either way.
        assertThat(flinkProperties(service("jobmanager")))
                .containsEntry(WebOptions.SUBMIT_ENABLE.key(), "false")
                .doesNotContainKey(WebOptions.CANCEL_ENABLE.key());
        assertThat(client.jar()).endsWith(".jar");
        assertThat(publishedPorts(service("jobmanager")))
                .containsEntry(
                        String.valueOf(RestOptions.PORT.defaultValue()),
                        String.valueOf(RestOptions.PORT.defaultValue()));
    }

    // ---- PostgreSQL

    @Test
    void postgresIsInitialisedFromConfigSchemaSqlWithEveryTable() throws Exception {
        List<String[]> initScripts =
                volumes(service("postgres")).stream()
                        .filter(v -> v[1].startsWith("/docker-entrypoint-initdb.d/"))
                        .toList();
        assertThat(initScripts).hasSize(1);
        Path mounted = dockerDir.resolve(initScripts.get(0)[0]).normalize();
        Path schema = root.resolve("config/schema.sql");
        assertThat(mounted).isEqualTo(schema);
        assertThat(initScripts.get(0)[1]).endsWith(".sql");

        String ddl = Files.readString(schema);
        for (Table<?> table : Tables.ALL) {
            assertThat(ddl)
                    .as("schema.sql creates table %s", table.name())
                    .containsPattern(
                            "CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+"
                                    + Pattern.quote(table.name())
                                    + "\\s*\\(");
        }
        // The DDL the job applies at start-up (from its jar) is the same file.
        try (InputStream in = PostgresTables.class.getResourceAsStream("/schema.sql")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ddl);
        }
    }

    // ---- the image

    @Test
    void theImageShipsTheShadedJarUnderItsFinalName() {
        String jar = shadeOutputFile();

        List<String> copies =
                dockerfile.stream()
                        .map(String::strip)
                        .filter(l -> l.startsWith("COPY --from=build"))
                        .toList();
        assertThat(copies).hasSize(1);
        List<String> w = words(copies.get(0));
        String src = w.get(w.size() - 2);
        String dest = w.get(w.size() - 1);
        assertThat(src).endsWith("/jobs/job/target/" + jar);
        assertThat(dest).isEqualTo("/opt/flink/usrlib/" + jar);
        assertThat(client.jar()).isEqualTo(dest);

        // Every other mention of a built jar (the build stage's check) uses the same name.
        Matcher m =
                Pattern.compile("jobs/job/target/([\\w.-]+\\.jar)")
                        .matcher(String.join("\n", dockerfile));
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo(jar);
        }
        assertThat(String.join("\n", dockerfile))
                .contains("mvn -B -DskipTests -pl jobs/job -am package");
    }

    @Test
    void theImageShipsTheDefaultCampaignPlanWhereTheClientReadsIt() {
        String source = GmvOptions.CAMPAIGNS.defaultValue();
        List<String> copies =
                dockerfile.stream()
                        .map(String::strip)
                        .filter(l -> l.startsWith("COPY ") && words(l).contains(source))
                        .toList();
        assertThat(copies).as("COPY of %s", source).hasSize(1);
        List<String> w = words(copies.get(0));
        String dest = w.get(w.size() - 1);
        String campaigns = client.flags().get("--campaigns");
        assertThat(dest.endsWith("/") ? dest + Path.of(source).getFileName() : dest)
                .isEqualTo(campaigns);
        // The file the image ships is a valid plan.
        assertThatCode(() -> Flags.campaigns(root.resolve(source).toString()))
                .doesNotThrowAnyException();
    }

    @Test
    void theFlinkImageIsTheFlinkAndJavaVersionOfTheBuild() {
        Path pom = root.resolve("pom.xml");
        String flinkVersion = pomProperty(pom, "flink.version");
        String javaRelease = pomProperty(pom, "maven.compiler.release");

        List<String> froms =
                dockerfile.stream()
                        .map(String::strip)
                        .filter(l -> l.regionMatches(true, 0, "FROM ", 0, 5))
                        .map(l -> words(l).get(1))
                        .toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).startsWith("maven:").endsWith("-temurin-" + javaRelease);

        Matcher m =
                Pattern.compile("flink:(\\d+\\.\\d+)(\\.\\d+)?-java(\\d+)").matcher(froms.get(1));
        assertThat(m.matches()).as("runtime image %s", froms.get(1)).isTrue();
        String majorMinor = flinkVersion.replaceAll("^(\\d+\\.\\d+).*", "$1");
        assertThat(m.group(1)).isEqualTo(majorMinor);
        if (m.group(2) != null) {
            assertThat(m.group(1) + m.group(2)).isEqualTo(flinkVersion);
        }
        assertThat(m.group(3)).isEqualTo(javaRelease);

        for (String s : List.of("jobmanager", "taskmanager", "client")) {
            JsonNode build = service(s).path("build");
            assertThat(build.path("context").asText()).as(s).isEqualTo("..");
            assertThat(build.path("dockerfile").asText()).as(s).isEqualTo("docker/Dockerfile");
        }
        assertThat(service("taskmanager").path("image"))
                .isEqualTo(service("jobmanager").path("image"));
        assertThat(service("client").path("image")).isEqualTo(service("jobmanager").path("image"));
    }

    // ---- Flink configuration and volumes

    @Test
    void checkpointAndSavepointVolumesAreSharedAndConfigured() {
        String checkpointDir = client.flags().get("--checkpoint-dir");
        String savepointDir = client.flags().get("--savepoint-dir");
        assertThat(checkpointDir).isNotNull();
        assertThat(savepointDir).isNotNull();
        String checkpointPath = URI.create(checkpointDir).getPath();
        String savepointPath = URI.create(savepointDir).getPath();

        String checkpointVolume = null;
        String savepointVolume = null;
        for (String s : List.of("jobmanager", "taskmanager", "client")) {
            Map<String, String> byTarget = new LinkedHashMap<>();
            for (String[] v : volumes(service(s))) {
                byTarget.put(v[1], v[0]);
            }
            assertThat(byTarget).as(s).containsKeys(checkpointPath, savepointPath);
            String cv = byTarget.get(checkpointPath);
            String sv = byTarget.get(savepointPath);
            assertThat(topLevelVolumes.has(cv)).as("%s: named volume %s", s, cv).isTrue();
            assertThat(topLevelVolumes.has(sv)).as("%s: named volume %s", s, sv).isTrue();
            checkpointVolume = checkpointVolume == null ? cv : checkpointVolume;
            savepointVolume = savepointVolume == null ? sv : savepointVolume;
            assertThat(cv).as("%s: the shared checkpoint volume", s).isEqualTo(checkpointVolume);
            assertThat(sv).as("%s: the shared savepoint volume", s).isEqualTo(savepointVolume);
        }
        assertThat(checkpointVolume).isNotEqualTo(savepointVolume);

        for (String s : List.of("jobmanager", "taskmanager")) {
            Map<String, String> props = flinkProperties(service(s));
            assertThat(props.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()))
                    .as(s)
                    .isEqualTo(checkpointDir);
            assertThat(props.get(CheckpointingOptions.SAVEPOINT_DIRECTORY.key()))
                    .as(s)
                    .isEqualTo(savepointDir);
            assertThat(props.get(StateBackendOptions.STATE_BACKEND.key()))
                    .as(s)
                    .isEqualTo("rocksdb")
                    .isEqualTo(
                            client.flags()
                                    .getOrDefault(
                                            "--state-backend",
                                            GmvOptions.STATE_BACKEND.defaultValue()));
            assertThat(props.get(JobManagerOptions.ADDRESS.key())).as(s).isEqualTo("jobmanager");
        }
        // The image creates the mount points owned by the flink user, so that fresh named volumes
        // are writable by Flink.
        String image = String.join("\n", dockerfile);
        assertThat(image).contains(checkpointPath, savepointPath);
    }

    @Test
    void theTaskManagersHaveASlotForEveryParallelSubtask() {
        int slots =
                Integer.parseInt(
                        flinkProperties(service("taskmanager"))
                                .get(TaskManagerOptions.NUM_TASK_SLOTS.key()));
        int replicas = service("taskmanager").path("deploy").path("replicas").asInt(1);
        int parallelism =
                client.flags().containsKey("--parallelism")
                        ? Integer.parseInt(client.flags().get("--parallelism"))
                        : GmvOptions.PARALLELISM.defaultValue();
        assertThat(slots * replicas).isGreaterThanOrEqualTo(parallelism);
    }

    // ---- metrics: reporters, Prometheus, Grafana

    /** FLINK_PROPERTIES key of the compose reporter, named as the local runs name theirs. */
    private static String reporterKey(String option) {
        return "metrics.reporter." + PrometheusEndpoint.REPORTER + "." + option;
    }

    @Test
    void everyFlinkProcessRunsFlinksPrometheusReporter() {
        for (String s : List.of("jobmanager", "taskmanager")) {
            Map<String, String> props = flinkProperties(service(s));
            // Flink's own factory, from the image's plugins/: the job jar brings no reporter.
            assertThat(props.get(reporterKey("factory.class")))
                    .as(s)
                    .isEqualTo(PrometheusReporterFactory.class.getName());
            assertThat(props.get(reporterKey("port"))).as(s).matches("\\d+");
        }
    }

    @Test
    void prometheusScrapesTheReporterOfEveryFlinkService() throws Exception {
        JsonNode config = yaml(mountedFile(service("prometheus"), prometheusConfigFile()));
        Map<String, String> scraped = new LinkedHashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sd : job.path("dns_sd_configs")) {
                for (JsonNode name : sd.path("names")) {
                    scraped.put(name.asText(), sd.path("port").asText());
                }
            }
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode target : sc.path("targets")) {
                    String t = target.asText();
                    scraped.put(
                            t.substring(0, t.lastIndexOf(':')),
                            t.substring(t.lastIndexOf(':') + 1));
                }
            }
        }
        Map<String, String> reporters = new LinkedHashMap<>();
        services.fieldNames()
                .forEachRemaining(
                        name -> {
                            String text = env(service(name)).get("FLINK_PROPERTIES");
                            if (text != null
                                    && flinkProperties(service(name))
                                            .containsKey(reporterKey("port"))) {
                                reporters.put(
                                        name,
                                        flinkProperties(service(name)).get(reporterKey("port")));
                            }
                        });
        assertThat(reporters).containsOnlyKeys("jobmanager", "taskmanager");
        assertThat(scraped).as("Prometheus' targets: service -> port").isEqualTo(reporters);
        assertThat(dependsOn(service("prometheus"))).containsAll(reporters.keySet());
    }

    @Test
    void grafanaReadsTheComposePrometheusAndShowsTheGmvDashboard() throws Exception {
        JsonNode grafana = service("grafana");
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String[] v : volumes(grafana)) {
            mounts.put(v[1], v[0]);
        }
        // The datasource: the compose Prometheus, on the port it listens on.
        Path provisioning = dockerDir.resolve(mounts.get("/etc/grafana/provisioning")).normalize();
        JsonNode datasources =
                yaml(provisioning.resolve("datasources/prometheus.yaml")).path("datasources");
        assertThat(datasources.size()).isEqualTo(1);
        JsonNode ds = datasources.get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        URI url = URI.create(ds.path("url").asText());
        assertThat(services.has(url.getHost())).as("datasource host %s", url.getHost()).isTrue();
        assertThat(service(url.getHost()).path("image").asText()).startsWith("prom/prometheus:");
        assertThat(url.getPort()).isEqualTo(prometheusListenPort());
        assertThat(dependsOn(grafana)).contains(url.getHost());

        // The dashboard: where the provider looks, mounted from docker/grafana/dashboards.
        JsonNode providers = yaml(provisioning.resolve("dashboards/gmv.yaml")).path("providers");
        assertThat(providers.size()).isEqualTo(1);
        String path = providers.get(0).path("options").path("path").asText();
        assertThat(mounts).containsKey(path);
        Path dashboards = dockerDir.resolve(mounts.get(path)).normalize();
        assertThat(dashboards).isEqualTo(dockerDir.resolve("grafana/dashboards"));
        assertThat(dashboards.resolve("gmv.json")).isRegularFile();
        assertThat(env(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(path + "/gmv.json");

        // Every panel and query reads that datasource.
        String uid = ds.path("uid").asText();
        GmvDashboard dashboard = GmvDashboard.load();
        assertThat(dashboard.json.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.json.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText())
                    .as("panel %s", panel.path("title").asText())
                    .isEqualTo(uid);
            assertThat(panel.path("targets")).isNotEmpty();
            for (JsonNode t : panel.path("targets")) {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(uid);
            }
        }
    }

    @Test
    void theDashboardQueriesOnlyMetricsThatTheJobOrFlinkRegistersAndEveryGmvMetric() {
        Set<String> gmv = new LinkedHashSet<>();
        for (GmvMetric m : GmvMetric.values()) {
            gmv.add(m.prometheusName());
        }
        Set<String> flink = flinkMetricNames();
        Set<String> queried = GmvDashboard.load().metricNames();
        for (String name : queried) {
            if (name.startsWith(GmvMetric.OPERATOR_SCOPE + GmvMetric.GROUP + "_")) {
                assertThat(gmv).as("a gmv metric the job registers").contains(name);
            } else {
                Matcher m =
                        Pattern.compile(
                                        "flink_(jobmanager_job|taskmanager_job_task_operator|taskmanager_job_task)_(\\w+)")
                                .matcher(name);
                assertThat(m.matches()).as("%s: a job, task or operator metric", name).isTrue();
                assertThat(flink).as("%s: a metric Flink registers", name).contains(m.group(2));
            }
        }
        assertThat(queried).as("every gmv metric on the dashboard").containsAll(gmv);
    }

    @Test
    void theDashboardBreaksEachGmvMetricDownByItsOwnLabel() {
        Pattern by = Pattern.compile("\\bby \\(([^)]*)\\)");
        for (String expr : GmvDashboard.load().expressions()) {
            for (GmvMetric m : GmvMetric.values()) {
                if (m.label != null
                        && GmvDashboard.metricNames(expr).contains(m.prometheusName())) {
                    Matcher g = by.matcher(expr);
                    while (g.find()) {
                        assertThat(g.group(1).strip()).as(expr).isEqualTo(m.label);
                    }
                }
            }
        }
    }

    @Test
    void everyPulledImageIsPinnedToAVersion() {
        services.fieldNames()
                .forEachRemaining(
                        name -> {
                            JsonNode s = service(name);
                            if (!s.has("build")) {
                                String image = s.path("image").asText();
                                assertThat(image)
                                        .as(name)
                                        .matches("[\\w./-]+:v?\\d[\\w.-]*")
                                        .doesNotEndWith(":latest");
                            }
                        });
    }

    @Test
    void everyPublishedPortIsOnTheHostsLoopbackOnly() {
        List<String> publishing = new ArrayList<>();
        services.fieldNames()
                .forEachRemaining(
                        name -> {
                            for (JsonNode p : service(name).path("ports")) {
                                publishing.add(name);
                                // Long syntax has host_ip; short is [HOST_IP:]HOST_PORT:PORT.
                                String hostIp =
                                        p.isObject()
                                                ? p.path("host_ip").asText()
                                                : p.asText().split(":").length == 3
                                                        ? p.asText().split(":")[0]
                                                        : "";
                                assertThat(hostIp)
                                        .as("%s publishes %s", name, p)
                                        .isEqualTo("127.0.0.1");
                            }
                        });
        assertThat(publishing).contains("kafka", "postgres", "jobmanager", "prometheus", "grafana");
        // The Flink reporters are scraped on the compose network and never published.
        for (String s : List.of("jobmanager", "taskmanager")) {
            assertThat(publishedPorts(service(s)))
                    .as(s)
                    .doesNotContainKey(flinkProperties(service(s)).get(reporterKey("port")));
        }
    }

    /** Prometheus' --config.file, from its command. */
    private static String prometheusConfigFile() {
        return prometheusFlag("--config.file", null);
    }

    /** The port Prometheus listens on: --web.listen-address, else its default 9090. */
    private static int prometheusListenPort() {
        String address = prometheusFlag("--web.listen-address", ":9090");
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static String prometheusFlag(String flag, String absent) {
        for (JsonNode a : service("prometheus").path("command")) {
            if (a.asText().startsWith(flag + "=")) {
                return a.asText().substring(flag.length() + 1);
            }
        }
        assertThat(absent).as("%s in Prometheus' command", flag).isNotNull();
        return absent;
    }

    /** The file of docker/ that a service mounts at {@code target}. */
    private static Path mountedFile(JsonNode service, String target) {
        for (String[] v : volumes(service)) {
            if (v[1].equals(target)) {
                Path file = dockerDir.resolve(v[0]).normalize();
                assertThat(file).as("%s mounted at %s", v[0], target).isRegularFile();
                return file;
            }
        }
        throw new AssertionError("nothing mounted at " + target);
    }

    private static JsonNode yaml(Path file) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    /**
     * Every metric name Flink's runtime registers for jobs, tasks and operators: the constants of
     * {@link MetricNames} and of the checkpoint statistics tracker (package-private there).
     */
    private static Set<String> flinkMetricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> c : List.of(MetricNames.class, DefaultCheckpointStatsTracker.class)) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    try {
                        f.setAccessible(true);
                        names.add((String) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }

    // ---- helpers

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker/docker-compose.yaml"))
                    && Files.isRegularFile(p.resolve("config/schema.sql"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docker/docker-compose.yaml above the working dir");
    }

    private static JsonNode service(String name) {
        JsonNode s = services.path(name);
        assertThat(s.isObject()).as("compose service %s", name).isTrue();
        return s;
    }

    /** The service's environment, as a map (either compose form). */
    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isArray()) {
            e.forEach(
                    n -> {
                        String kv = n.asText();
                        int eq = kv.indexOf('=');
                        env.put(
                                eq < 0 ? kv : kv.substring(0, eq),
                                eq < 0 ? "" : kv.substring(eq + 1));
                    });
        } else {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        return env;
    }

    /** FLINK_PROPERTIES, read the way the image's entrypoint reads it: "key: value" per line. */
    private static Map<String, String> flinkProperties(JsonNode service) {
        Map<String, String> props = new LinkedHashMap<>();
        String text = env(service).get("FLINK_PROPERTIES");
        assertThat(text).as("FLINK_PROPERTIES").isNotNull();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            assertThat(colon).as("key: value in %s", line).isPositive();
            props.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return props;
    }

    /** Volume mounts as {source, target}. */
    private static List<String[]> volumes(JsonNode service) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode v : service.path("volumes")) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                out.add(new String[] {parts[0], parts[1]});
            } else {
                out.add(new String[] {v.path("source").asText(), v.path("target").asText()});
            }
        }
        return out;
    }

    private static Map<String, String> publishedPorts(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : service.path("ports")) {
            String[] parts = p.asText().split(":");
            out.put(parts[parts.length - 2], parts[parts.length - 1]);
        }
        return out;
    }

    private static List<String> dependsOn(JsonNode service) {
        List<String> out = new ArrayList<>();
        JsonNode d = service.path("depends_on");
        if (d.isArray()) {
            d.forEach(n -> out.add(n.asText()));
        } else {
            d.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** KAFKA_ADVERTISED_LISTENERS "NAME://host:port,..." to the host:port parts. */
    private static List<String> listeners(String advertised) {
        assertThat(advertised).isNotNull();
        List<String> out = new ArrayList<>();
        for (String l : advertised.split(",")) {
            out.add(l.strip().replaceFirst("^[A-Za-z_]+://", ""));
        }
        return out;
    }

    /** The shell script of a {@code [bash, -c, SCRIPT]} command, with compose's $$ unescaped. */
    private static String script(JsonNode service) {
        JsonNode cmd = service.path("command");
        assertThat(cmd.isArray() && cmd.size() == 3).as("command: [bash, -c, script]").isTrue();
        assertThat(cmd.get(1).asText()).isEqualTo("-c");
        return cmd.get(2).asText().replace("$$", "$");
    }

    /** Lines with backslash continuations joined, comments dropped. */
    private static List<String> logicalLines(String script) {
        return script.replace("\\\n", " ")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /**
     * Shell words of one line: whitespace-separated, quotes removed, {@code ${VAR:+WORDS}} taken as
     * if VAR were set (its words are inlined).
     */
    private static List<String> words(String line) {
        Matcher m = Pattern.compile("\\$\\{\\w+:\\+([^}]*)}").matcher(line);
        String expanded = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : expanded.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    private static ClientRun clientRun() {
        List<String> runs =
                logicalLines(script(service("client"))).stream()
                        .filter(l -> l.matches("(exec\\s+)?(\\S*/)?flink\\s+run\\s.*"))
                        .toList();
        assertThat(runs).as("one flink run in the client's command").hasSize(1);
        List<String> w = words(runs.get(0));
        int jarAt = -1;
        for (int i = 0; i < w.size(); i++) {
            if (w.get(i).endsWith(".jar")) {
                jarAt = i;
                break;
            }
        }
        assertThat(jarAt).as("a jar in %s", runs.get(0)).isPositive();
        List<String> programArgs = w.subList(jarAt + 1, w.size());
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < programArgs.size(); i++) {
            String a = programArgs.get(i);
            if (a.startsWith("--")) {
                flags.put(a, i + 1 < programArgs.size() ? programArgs.get(i + 1) : null);
            }
        }
        return new ClientRun(w.get(jarAt), List.copyOf(programArgs), flags);
    }

    private static Document xml(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static String pomProperty(Path pom, String name) {
        NodeList props = xml(pom).getDocumentElement().getElementsByTagName("properties");
        assertThat(props.getLength()).isPositive();
        NodeList n = ((Element) props.item(0)).getElementsByTagName(name);
        assertThat(n.getLength()).as("<%s> in %s", name, pom).isEqualTo(1);
        return n.item(0).getTextContent().strip();
    }

    /** The file name of the maven-shade-plugin's {@code <outputFile>} in jobs/job/pom.xml. */
    private static String shadeOutputFile() {
        NodeList plugins = xml(root.resolve("jobs/job/pom.xml")).getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            NodeList id = p.getElementsByTagName("artifactId");
            if (id.getLength() > 0
                    && id.item(0).getTextContent().strip().equals("maven-shade-plugin")) {
                NodeList fn = p.getElementsByTagName("outputFile");
                assertThat(fn.getLength()).as("shade <outputFile>").isEqualTo(1);
                String file = fn.item(0).getTextContent().strip();
                return file.substring(file.lastIndexOf('/') + 1);
            }
        }
        throw new AssertionError("no maven-shade-plugin in jobs/job/pom.xml");
    }
}
