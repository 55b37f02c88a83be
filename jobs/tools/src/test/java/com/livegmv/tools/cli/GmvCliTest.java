package com.livegmv.tools.cli;

import static com.livegmv.tools.cli.GmvRun.gmv;
import static com.livegmv.tools.cli.GmvRun.replay;
import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.jobs.cli.Cli;
import com.livegmv.jobs.replay.ReplaySettings;
import com.livegmv.tools.GmvJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's contract: a usage error, a bad config or an unusable directory exits 2 with
 * one line that names the flag or field; {@code --help} exits 0; each run logs to its own file.
 */
class GmvCliTest {
    @TempDir static Path tmp;
    private static Path campaigns;
    private static Path events;

    @BeforeAll
    static void files() throws Exception {
        campaigns = tmp.resolve("c.yaml");
        Files.copy(example().resolve("campaigns.yaml"), campaigns);
        events = tmp.resolve("e.jsonl");
        Files.writeString(events, "");
    }

    private static Path example() throws Exception {
        return Path.of(GmvCliTest.class.getResource("/examples/1212-basic").toURI());
    }

    /** A command line with {C} a valid plan, {E} an empty event file and {T} a temp directory. */
    private static String[] words(String line) {
        return Arrays.stream(line.strip().split("\\s+"))
                .map(
                        w ->
                                w.replace("{C}", campaigns.toString())
                                        .replace("{E}", events.toString())
                                        .replace("{T}", tmp.toString()))
                .toArray(String[]::new);
    }

    private static void assertOneLineError(GmvRun r, String command, String mentions) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith(command + ": ")
                .doesNotContain(command + ": " + command)
                .contains(mentions);
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "gmv {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            explode                                                  | gmv         | unknown command 'explode'
            --frobnicate                                             | gmv         | unknown flag --frobnicate
            replay --campaigns {C} --frobnicate 1                    | gmv replay  | unknown flag --frobnicate
            replay --campaigns {C} stray                             | gmv replay  | unexpected argument stray
            replay --out                                             | gmv replay  | --out needs a value
            replay --input {E}                                       | gmv replay  | --out is required
            replay --out {T}/o                                       | gmv replay  | --input is required
            replay --input {E} --out {T}/o --out {T}/p               | gmv replay  | --out given twice
            replay --input {E} --out {T}/o --max-out-of-orderness soon | gmv replay | --max-out-of-orderness must be a duration like 2s, 500ms or PT2S, got "soon"
            replay --input {E} --out {T}/o --max-future-skew PT-1S   | gmv replay  | --max-future-skew must not be negative
            replay --input {E} --out {T}/o --max-future-skew 0       | gmv replay  | --max-future-skew must be at least 1s
            replay --input {E} --out {T}/o --max-future-skew 999ms   | gmv replay  | --max-future-skew must be at least 1s
            replay --input {E} --out {T}/o --checkpoint-interval 1ms | gmv replay  | --checkpoint-interval must be at least 10ms
            replay --input {E} --out {T}/o --parallelism 0           | gmv replay  | --parallelism must be in 1..256
            replay --input {E} --out {T}/o --parallelism 257         | gmv replay  | --parallelism must be in 1..256
            replay --input {E} --out {T}/o --parallelism two         | gmv replay  | --parallelism must be a whole number, got "two"
            replay --input {E} --out {T}/o --inject-failures 101     | gmv replay  | --inject-failures must be in 0..100
            replay --campaigns {T}/none.yaml --input {E} --out {T}/o | gmv replay  | --campaigns: no such file
            replay --campaigns {C} --input {T}/nope.jsonl --out {T}/o | gmv replay | --input: no such readable file
            replay --campaigns {C} --input {E} --out {E}/sub         | gmv replay  | --out: cannot write
            run --frobnicate                                         | gmv run     | unknown flag --frobnicate
            run --kafka localhost                                    | gmv run     | --kafka must be HOST:PORT
            run --jdbc-url jdbc:mysql://db/gmv                       | gmv run     | --jdbc-url must start with jdbc:postgresql:
            run --parallelism 300                                    | gmv run     | --parallelism must be in 1..256
            run --state-backend memory                               | gmv run     | --state-backend must be rocksdb or hashmap
            run --idle-only-empty-partitions yes                     | gmv run     | --idle-only-empty-partitions must be true or false
            run --restart-attempts -1                                | gmv run     | --restart-attempts must be at least 0
            run --partition-idleness soon                            | gmv run     | --partition-idleness must be a duration
            run --max-future-skew soon                               | gmv run     | --max-future-skew must be a duration
            run --max-future-skew 0s                                 | gmv run     | --max-future-skew must be at least 1s
            run --checkpoint-interval 5ms                            | gmv run     | --checkpoint-interval must be at least 10ms
            run --metrics-port -1                                    | gmv run     | --metrics-port must be in 0..65535, got -1
            run --metrics-port 65536                                 | gmv run     | --metrics-port must be in 0..65535, got 65536
            run --metrics-port nine                                  | gmv run     | --metrics-port must be a whole number, got "nine"
            run --progress-interval 0s                               | gmv run     | --progress-interval must be at least 1ms
            run --progress-interval often                            | gmv run     | --progress-interval must be a duration
            run --input-topics a,,b                                  | gmv run     | --input-topics must not be empty
            run --grants-topic                                       | gmv run     | --grants-topic needs a value
            run --config {T}/none.yaml                               | gmv run     | --config: no such file
            run --campaigns {T}/none.yaml                            | gmv run     | --campaigns: no such file
            run --campaigns {C} --kafka-property group.id=g          | gmv run     | --kafka-property group.id is set by --group-id (gmv.kafka.group-id); remove it
            run --campaigns {C} --kafka-property isolation.level=read_uncommitted | gmv run | --kafka-property isolation.level is set by the job: read_committed
            run --campaigns {C} --kafka-property sasl.jaas.config=x  | gmv run     | --kafka-property sasl.jaas.config: a secret on the command line is visible to other users (ps)
            run --campaigns {C} --kafka-property ssl.key.password=x  | gmv run     | --kafka-property ssl.key.password: a secret on the command line
            run --kafka-property security.protocol                   | gmv run     | --kafka-property must be KEY=VALUE, got "security.protocol"
            run --kafka-property =SSL                                | gmv run     | --kafka-property must be KEY=VALUE, got "=SSL"
            run --bind nosuch                                        | gmv run     | --bind must be an address of this machine such as 127.0.0.1 or 0.0.0.0, got nosuch
            demo --frobnicate                                        | gmv demo    | unknown flag --frobnicate
            demo --streamers 0                                       | gmv demo    | --streamers must be in 1..100000000
            demo --events 0                                          | gmv demo    | --events must be at least 1
            demo --rate fast                                         | gmv demo    | --rate must be a number, got "fast"
            demo --rate 0                                            | gmv demo    | --rate must be in 1..10000000
            demo --seed x                                            | gmv demo    | --seed must be a whole number
            demo --parallelism 257                                   | gmv demo    | --parallelism must be in 1..256
            demo --web-port 70000                                    | gmv demo    | --web-port must be in 1..65535
            demo --max-future-skew soon                              | gmv demo    | --max-future-skew must be a duration
            demo --max-future-skew 500ms                             | gmv demo    | --max-future-skew must be at least 1s
            demo --inject-failures -1                                | gmv demo    | --inject-failures must be in 0..100
            demo --kafka broker                                      | gmv demo    | --kafka must be HOST:PORT
            demo --bind nosuch                                       | gmv demo    | --bind must be an address of this machine
            demo --jdbc-url mysql://db                               | gmv demo    | --jdbc-url must start with jdbc:postgresql:
            demo --campaigns {C} --input {T}/nope.jsonl              | gmv demo    | --input: no such readable file
            demo --campaigns {T}/none.yaml                           | gmv demo    | --campaigns: no such file
            demo --campaigns {C} --work-dir {E}/sub                  | gmv demo    | --work-dir: cannot write
            generate --events 10 --out {T}/g.jsonl                   | gmv generate | --streamers is required
            generate --streamers 10 --out {T}/g.jsonl                | gmv generate | --events is required
            generate                                                 | gmv generate | --streamers, --events, --out are required
            generate --streamers 0 --events 10 --out {T}/g.jsonl     | gmv generate | --streamers must be in 1..100000000
            generate --streamers 10 --events x --out {T}/g.jsonl     | gmv generate | --events must be a whole number
            generate --streamers 10 --events 10 --out {T}/g.jsonl --malformed 1   | gmv generate | --malformed must be below 1
            generate --streamers 10 --events 10 --out {T}/g.jsonl --malformed lots | gmv generate | --malformed must be a number
            generate --streamers 10 --events 10 --out {E}/sub/g.jsonl | gmv generate | --out: cannot write
            bench --cases engine-heap,warp-drive                     | gmv bench   | --cases: unknown case 'warp-drive'
            bench --rate fast                                        | gmv bench   | --rate must be a number
            bench --rate 0                                           | gmv bench   | --rate must be in 1..10000000
            bench --e2e-state-backend memory                         | gmv bench   | --e2e-state-backend must be rocksdb or hashmap
            bench --rounds 0                                         | gmv bench   | --rounds must be in 1..100
            bench --events 10                                        | gmv bench   | --events must be at least 1000
            bench --duration 500ms                                   | gmv bench   | --duration must be at least 1s
            bench --parallelism 0                                    | gmv bench   | --parallelism must be in 1..256
            bench --no-state=yes                                     | gmv bench   | --no-state
            screen                                                   | gmv screen  | --jdbc-url is required
            screen --jdbc-url jdbc:mysql://db/gmv                    | gmv screen  | --jdbc-url must start with jdbc:postgresql:
            screen --jdbc-url jdbc:postgresql://127.0.0.1/gmv --bind nosuch | gmv screen | --bind must be an address of this machine
            screen --jdbc-url jdbc:postgresql://127.0.0.1/gmv --port 70000  | gmv screen | --port must be in 0..65535
            bench --no-capacity=yes                                  | gmv bench   | --no-capacity
            bench --capacity-rounds 2                                | gmv bench   | --capacity-rounds must be odd
            bench --capacity-rounds 11                               | gmv bench   | --capacity-rounds must be in 1..9
            """)
    void refusesAUsageErrorWithOneLineNamingTheFlag(String line, String command, String mentions) {
        assertOneLineError(gmv(words(line)), command, mentions);
    }

    @Test
    void refusesABadCampaignFileNamingCampaignAndField() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(campaigns)
                        .replace("end: \"2024-12-13T00:00\"", "end: \"2024-12-01T00:00\""));
        GmvRun r = replay(bad, events, tmp.resolve("o"));
        assertOneLineError(r, "gmv replay", "campaign \"1212-2024\"");
        assertThat(r.err()).contains("event.end");
    }

    /**
     * A bad --config file: one line naming the file and the key (or where the YAML breaks). In the
     * YAML, {@code \n} stands for a line break.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            gmv.parallelism: 0                          | : gmv.parallelism must be in 1..256, got 0
            gmv.max-future-skew: soon                   | : gmv.max-future-skew must be a duration
            gmv.max-future-skew: 0s                     | : gmv.max-future-skew must be at least 1s
            gmv.kafka.bootstrap-servers: nohost         | : gmv.kafka.bootstrap-servers must be HOST:PORT
            gmv.kafka.input-topics: [a, "", b]          | : gmv.kafka.input-topics must not be empty
            gmv.no-such-key: 1                          | unknown key 'gmv.no-such-key'
            gmv.kafka.properties.: x                    | unknown key 'gmv.kafka.properties.'
            gmv.kafka.properties.sasl.mechanism: [PLAIN] | : gmv.kafka.properties.sasl.mechanism must be one value
            gmv.kafka.properties.group.id: g            | : gmv.kafka.properties.group.id is set by --group-id (gmv.kafka.group-id); remove it
            gmv.bind-address: example.org               | : gmv.bind-address must be an address of this machine
            'gmv.parallelism: [1'                       | is not valid YAML at line
            gmv.parallelism: 2\\nfoo\\ngmv.group-id: x      | line 3, column 1: could not find expected ':'
            just text                                   | must be a mapping of gmv.* keys
            """)
    void refusesABadConfigFileNamingTheKey(String yaml, String mentions) throws Exception {
        Path config = Files.createTempFile(tmp, "config", ".yaml");
        Files.writeString(config, yaml.replace("\\n", "\n") + "\n");
        GmvRun r = gmv("run", "--config", config.toString(), "--campaigns", campaigns.toString());
        assertOneLineError(r, "gmv run", mentions);
        assertThat(r.err()).contains(config.toString());
    }

    /**
     * Directories run cannot use, refused before anything is contacted (no broker runs here). A
     * remote scheme is not checked from here, so the next check (Kafka) is what fails.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            --checkpoint-dir | /proc/x/ckpt             | --checkpoint-dir: cannot create or write /proc/x/ckpt
            --checkpoint-dir | file:///proc/x/ckpt      | --checkpoint-dir: cannot create or write file:///proc/x/ckpt
            --savepoint-dir  | /proc/x/svp              | --savepoint-dir: cannot create or write /proc/x/svp
            --from-savepoint | /nonexistent             | --from-savepoint: no such file or directory: /nonexistent
            --from-savepoint | file:///nonexistent      | --from-savepoint: no such file or directory: file:///nonexistent
            --from-savepoint | {T}/empty-dir            | is not a savepoint: no readable _metadata
            --from-savepoint | {T}/chk-1                | cannot reach Kafka at no-such-host.invalid:9092
            --from-savepoint | {T}/chk-1/_metadata      | cannot reach Kafka at no-such-host.invalid:9092
            --checkpoint-dir | s3://bucket/ckpt         | cannot reach Kafka at no-such-host.invalid:9092
            """)
    void refusesAnUnusableDirectoryBeforeStarting(String flag, String value, String mentions)
            throws Exception {
        // {T}/chk-1 holds a _metadata file: a savepoint that is one passes on to the next check.
        Files.createDirectories(tmp.resolve("empty-dir"));
        Files.writeString(Files.createDirectories(tmp.resolve("chk-1")).resolve("_metadata"), "x");
        List<String> flags = List.of(flag, value.replace("{T}", tmp.toString()));
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--campaigns",
                                campaigns.toString(),
                                "--kafka",
                                "no-such-host.invalid:9092"));
        args.addAll(flags);
        // Usable directories unless the case is about one (not the defaults under /tmp/gmv).
        if (!flags.contains("--checkpoint-dir")) {
            args.addAll(List.of("--checkpoint-dir", tmp.resolve("ckpt").toUri().toString()));
        }
        if (!flags.contains("--savepoint-dir")) {
            args.addAll(List.of("--savepoint-dir", tmp.resolve("svp").toString()));
        }
        assertOneLineError(gmv(args.toArray(String[]::new)), "gmv run", mentions);
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void printsHelpForEachCommandWithExitZero(String command) {
        GmvRun r = gmv(command, "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("gmv " + command).doesNotContain("${");
        assertThat(r.err()).isEmpty();
    }

    static Stream<String> commandNames() {
        return Cli.commandLine(Gmv.commands(), System.out, System.err)
                .getSubcommands()
                .keySet()
                .stream();
    }

    @Test
    void refusesAMetricsPortInUseBeforeTouchingKafka() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // No Kafka at this address: the port is checked first, and named.
            assertOneLineError(
                    gmv(
                            "run",
                            "--campaigns",
                            campaigns.toString(),
                            "--kafka",
                            "127.0.0.1:1",
                            "--metrics-port",
                            Integer.toString(port)),
                    "gmv run",
                    "--metrics-port: 127.0.0.1:" + port + " is in use");
        }
    }

    @Test
    void listsEveryCommandInTheTopLevelHelp() {
        GmvRun r = gmv("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("replay", "run", "demo", "generate", "bench");
        assertThat(gmv("help").out()).isEqualTo(r.out());
        assertThat(gmv("help", "replay").out()).isEqualTo(gmv("replay", "--help").out());
        // No command at all is a usage error that shows the same list.
        GmvRun none = gmv();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.out()).contains("replay", "run", "demo", "generate", "bench");
    }

    @Test
    void showsTheDefaultsOfGmvOptionsInTheHelp() {
        assertThat(help("run"))
                .contains("--max-future-skew")
                .contains("turnsthecheckoff.Default:1h.")
                .contains("Default:live-sessions,campaign-signups,order-events.")
                .contains("Default:file:///tmp/gmv/checkpoints.");
        assertThat(help("replay")).contains("Default:2s.").contains("Default:1h.");
        assertThat(help("demo")).contains("--max-future-skew").contains("Default:20000.");
    }

    /** A switch is false until given (bench's settings negate its switches). */
    @Test
    void readsASwitchAsFalseUntilItIsGiven() {
        CommandLine gmv = Cli.commandLine(Gmv.commands(), System.out, System.err);
        gmv.parseArgs("bench", "--no-state");
        CommandSpec bench = gmv.getSubcommands().get("bench").getCommandSpec();
        assertThat(bench.findOption("--no-capacity").<Boolean>getValue()).isFalse();
        assertThat(bench.findOption("--no-state").<Boolean>getValue()).isTrue();
    }

    /** The help of replay's own flags states the defaults the job applies (ReplaySettings). */
    @Test
    void showsReplaysOwnDefaultsInTheHelp() {
        assertThat(help("replay"))
                .contains(
                        "Default:"
                                + ReplaySettings.DEFAULT_RESTART_ATTEMPTS
                                + ",plusoneperinjectedfailure.")
                .contains("Default:" + ReplaySettings.DEFAULT_STATE_BACKEND + ".");
    }

    /** A command's help without white space, which wraps lines wherever the width ends. */
    private static String help(String command) {
        return gmv(command, "--help").out().replaceAll("\\s+", "");
    }

    /**
     * Two real launches of the command line, as ./gmv does them: a replay that logs, then a command
     * that fails on a bad flag. The replay's log is a file of its own, named on its first line, and
     * the second run leaves it as it was.
     */
    @Test
    void givesEachRunItsOwnLogThatNoLaterRunTruncates() throws Exception {
        Path logs = tmp.resolve("logs");
        Process replay =
                launch(
                        logs,
                        "replay",
                        "--campaigns",
                        example().resolve("campaigns.yaml").toString(),
                        "--input",
                        example().resolve("events.jsonl").toString(),
                        "--out",
                        tmp.resolve("log-test-out").toString());
        String err = new String(replay.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(replay.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(replay.exitValue()).as(err).isZero();
        Matcher first = Pattern.compile("^gmv replay: log in (\\S+)\n").matcher(err);
        assertThat(first.find()).as(err).isTrue();
        Path log = Path.of(first.group(1));
        assertThat(log.getParent()).isEqualTo(logs);
        assertThat(log.getFileName().toString())
                .matches("gmv-replay-\\d{8}-\\d{6}-" + replay.pid() + "\\.log");
        byte[] before = Files.readAllBytes(log);
        assertThat(new String(before, StandardCharsets.UTF_8)).contains("INFO");

        Process bad = launch(logs, "replay", "--out");
        String badErr = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(badErr.strip()).isEqualTo("gmv replay: --out needs a value: --out DIR");

        assertThat(Files.readAllBytes(log)).isEqualTo(before);
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.toList()).containsExactly(log);
        }
    }

    private static Process launch(Path logs, String... args) throws Exception {
        return new ProcessBuilder(GmvJvm.command("1g", logs, Gmv.class, List.of(args)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @Test
    void aYamlSyntaxErrorInTheCampaignFileSaysWhere() throws Exception {
        Path bad = tmp.resolve("syntax-campaigns.yaml");
        Files.writeString(bad, "campaigns:\n  - id: a\n    name: b\nfoo\nbar: 1\n");

        assertOneLineError(
                replay(bad, events, tmp.resolve("o-syntax")),
                "gmv replay",
                "syntax-campaigns.yaml: not valid YAML at line 5, column 1: could not find"
                        + " expected ':'");
    }

    /** The flag reaches the replay job: an event 2 h ahead of now is rejected unless 3h is set. */
    @Test
    void replayRejectsAnEventAheadOfTheClockByMoreThanTheFlagAllows() throws Exception {
        Path in = tmp.resolve("ahead.jsonl");
        Files.writeString(
                in,
                "{\"type\":\"REGISTRATION\",\"event_time\":\""
                        + Instant.now().plus(Duration.ofHours(2))
                        + "\",\"streamer_id\":\"s1\",\"campaign_id\":\"1212-2024\"}\n");

        GmvRun byDefault = replay(campaigns, in, tmp.resolve("ahead1"), "--parallelism", "1");
        GmvRun with3h =
                replay(
                        campaigns,
                        in,
                        tmp.resolve("ahead2"),
                        "--parallelism",
                        "1",
                        "--max-future-skew",
                        "3h");

        assertThat(byDefault.status()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).contains("1 records (0 events, 1 rejected)");
        assertThat(Files.readString(tmp.resolve("ahead1/rejected_event.jsonl")))
                .contains("max_future_skew is 1h");
        assertThat(with3h.status()).as(with3h.err()).isZero();
        assertThat(with3h.out()).contains("1 records (1 events, 0 rejected)");
    }

    @Test
    void replayCountsRecordsAsTheReaderSplitsThem() throws Exception {
        Path f = tmp.resolve("lines.jsonl");
        // a record; a CR LF blank line; a lone \r (a record); spaces; a last line ending in \r
        Files.writeString(f, "{}\r\n\r\n\r\r\n  \t\n[1]\r");

        GmvRun r = replay(campaigns, f, tmp.resolve("cr"));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 records (0 events, 3 rejected)");
    }

    @Test
    void screenSaysWhenTheDatabaseIsUnreachableWithoutShowingThePassword() {
        GmvRun r =
                gmv(
                        "screen",
                        "--jdbc-url",
                        "jdbc:postgresql://127.0.0.1:"
                                + com.livegmv.tools.embedded.LocalKafka.freePort()
                                + "/gmv?password=secret&connectTimeout=2");
        assertOneLineError(
                r, "gmv screen", "cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:");
        assertThat(r.err()).doesNotContain("secret");
    }
}
