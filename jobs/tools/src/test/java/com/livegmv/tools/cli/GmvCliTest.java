package com.livegmv.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.jobs.cli.CommandLine;
import com.livegmv.jobs.cli.LiveFlags;
import com.livegmv.jobs.cli.ReplayCommand;
import com.livegmv.jobs.cli.RunCommand;
import com.livegmv.jobs.live.LiveSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage and config errors: exit status 2 and one line that names the flag or field. */
class GmvCliTest {
    @TempDir Path tmp;

    private record Run(int status, String out, String err) {}

    private Run gmv(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Gmv.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path validCampaigns() throws Exception {
        Path p = tmp.resolve("c.yaml");
        Files.copy(
                Path.of(getClass().getResource("/examples/1212-basic/campaigns.yaml").toURI()),
                p,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    private Path events() throws Exception {
        Path p = tmp.resolve("e.jsonl");
        Files.writeString(p, "");
        return p;
    }

    private static void assertOneLineError(Run r, String mentions) {
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(mentions);
    }

    @Test
    void rejectsAnUnknownCommand() {
        assertOneLineError(gmv("explode"), "unknown command 'explode'");
    }

    @Test
    void rejectsAnUnknownFlag() throws Exception {
        assertOneLineError(
                gmv("replay", "--campaigns", validCampaigns().toString(), "--frobnicate", "1"),
                "unknown flag --frobnicate");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertOneLineError(gmv("replay", "--out"), "--out needs a value");
    }

    @Test
    void rejectsABadDuration() throws Exception {
        assertOneLineError(
                gmv(
                        "replay",
                        "--campaigns",
                        validCampaigns().toString(),
                        "--input",
                        events().toString(),
                        "--out",
                        tmp.resolve("o").toString(),
                        "--max-out-of-orderness",
                        "soon"),
                "--max-out-of-orderness");
    }

    @Test
    void rejectsParallelismOutOfRange() throws Exception {
        assertOneLineError(
                gmv(
                        "replay",
                        "--campaigns",
                        validCampaigns().toString(),
                        "--input",
                        events().toString(),
                        "--out",
                        tmp.resolve("o").toString(),
                        "--parallelism",
                        "0"),
                "--parallelism must be in 1..256");
    }

    @Test
    void rejectsAMissingInputFile() throws Exception {
        assertOneLineError(
                gmv(
                        "replay",
                        "--campaigns",
                        validCampaigns().toString(),
                        "--input",
                        tmp.resolve("nope.jsonl").toString(),
                        "--out",
                        tmp.resolve("o").toString()),
                "nope.jsonl");
    }

    @Test
    void rejectsAnUnwritableOutput() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        assertOneLineError(
                gmv(
                        "replay",
                        "--campaigns",
                        validCampaigns().toString(),
                        "--input",
                        events().toString(),
                        "--out",
                        file.resolve("sub").toString()),
                "--out: cannot write");
    }

    @Test
    void refusesABadCampaignFileNamingCampaignAndField() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(validCampaigns())
                        .replace("end: \"2024-12-13T00:00\"", "end: \"2024-12-01T00:00\""));
        Run r =
                gmv(
                        "replay",
                        "--campaigns",
                        bad.toString(),
                        "--input",
                        events().toString(),
                        "--out",
                        tmp.resolve("o").toString());
        assertOneLineError(r, "campaign \"1212-2024\"");
        assertThat(r.err()).contains("event.end");
    }

    @Test
    void printsHelpForEachCommandWithExitZero() {
        for (String c : Gmv.COMMANDS.keySet()) {
            Run r = gmv(c, "--help");
            assertThat(r.status()).as(c).isZero();
            assertThat(r.out()).as(c).contains("gmv " + c);
        }
    }

    @Test
    void benchRejectsAnUnknownCase() {
        assertOneLineError(
                gmv("bench", "--cases", "engine-heap,warp-drive"),
                "--cases: unknown case 'warp-drive'");
    }

    @Test
    void benchRejectsABadRateAndBackend() {
        assertOneLineError(gmv("bench", "--rate", "fast"), "--rate");
        assertOneLineError(gmv("bench", "--rate", "0"), "--rate");
        assertOneLineError(gmv("bench", "--e2e-state-backend", "memory"), "--e2e-state-backend");
        assertOneLineError(gmv("bench", "--rounds", "0"), "--rounds");
    }

    // ---- --max-future-skew (SPEC §2) ----------------------------------------------------------

    private String[] withCampaigns(String command, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--campaigns", validCampaigns().toString()));
        if (command.equals("replay")) {
            args.addAll(
                    List.of("--input", events().toString(), "--out", tmp.resolve("o").toString()));
        }
        args.addAll(List.of(flags));
        return args.toArray(new String[0]);
    }

    @ParameterizedTest
    @CsvSource({"replay, 0", "replay, 999ms", "run, 0", "run, 0s", "demo, 0", "demo, 500ms"})
    void refusesAMaxFutureSkewBelowOneSecondRatherThanTurningTheCheckOff(
            String command, String value) throws Exception {
        assertOneLineError(
                gmv(withCampaigns(command, "--max-future-skew", value)),
                "--max-future-skew must be at least 1s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "run", "demo"})
    void refusesAMaxFutureSkewThatIsNotADuration(String command) throws Exception {
        assertOneLineError(
                gmv(withCampaigns(command, "--max-future-skew", "soon")), "--max-future-skew");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "run", "demo"})
    void listsMaxFutureSkewInTheHelpOfEveryCommandThatReadsEvents(String command) {
        Run r = gmv(command, "--help");

        assertThat(r.out()).contains("--max-future-skew");
    }

    @Test
    void liveSettingsTakeMaxFutureSkewFromTheFlagOrTheConfigFileAndDefaultToOneHour()
            throws Exception {
        Path config = tmp.resolve("gmv.yaml");
        Files.writeString(config, "gmv.max-future-skew: 90s\n");

        assertThat(settings(withCampaigns("run")).maxFutureSkew()).isEqualTo(Duration.ofHours(1));
        assertThat(settings(withCampaigns("run", "--max-future-skew", "2h")).maxFutureSkew())
                .isEqualTo(Duration.ofHours(2));
        assertThat(settings(withCampaigns("run", "--config", config.toString())).maxFutureSkew())
                .isEqualTo(Duration.ofSeconds(90));
    }

    private static LiveSettings settings(String[] args) {
        CommandLine flags = new RunCommand().flags().parse(args, 1);
        return LiveFlags.settings(LiveFlags.configuration(flags), false);
    }

    // ---- --metrics-port ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536"})
    void refusesAMetricsPortOutOfRange(String port) throws Exception {
        assertOneLineError(
                gmv(withCampaigns("run", "--metrics-port", port)),
                "--metrics-port must be in 0..65535 (0: off), got " + port);
    }

    @Test
    void refusesAMetricsPortThatIsNotANumberNamingFlagAndKey() throws Exception {
        assertOneLineError(
                gmv(withCampaigns("run", "--metrics-port", "nine")),
                "--metrics-port (gmv.metrics-port): invalid value \"nine\"");
    }

    @Test
    void refusesAMetricsPortInUseBeforeTouchingKafka() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // No Kafka at this address: the port is checked first, and named.
            assertOneLineError(
                    gmv(
                            withCampaigns(
                                    "run",
                                    "--kafka",
                                    "127.0.0.1:1",
                                    "--metrics-port",
                                    Integer.toString(port))),
                    "--metrics-port: 127.0.0.1:" + port + " is in use");
        }
    }

    @Test
    void refusesAConfigFileKeyThatWouldTurnTheCheckOffNamingTheFlag() throws Exception {
        Path config = tmp.resolve("gmv.yaml");
        Files.writeString(config, "gmv.max-future-skew: 0s\n");

        assertOneLineError(
                gmv(withCampaigns("run", "--config", config.toString())),
                "--max-future-skew must be at least 1s");
    }

    @Test
    void aYamlSyntaxErrorInTheConfigFileSaysWhere() throws Exception {
        Path config = tmp.resolve("gmv.yaml");
        Files.writeString(config, "gmv.parallelism: 2\nfoo\ngmv.group-id: x\n");

        assertOneLineError(
                gmv(withCampaigns("run", "--config", config.toString())),
                "is not valid YAML at line 3, column 1: could not find expected ':'");
    }

    @Test
    void aYamlSyntaxErrorInTheCampaignFileSaysWhere() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "campaigns:\n  - id: a\n    name: b\nfoo\nbar: 1\n");

        assertOneLineError(
                gmv(
                        "replay",
                        "--campaigns",
                        bad.toString(),
                        "--input",
                        events().toString(),
                        "--out",
                        tmp.resolve("o").toString()),
                "bad.yaml: not valid YAML at line 5, column 1: could not find expected ':'");
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
        String campaigns = validCampaigns().toString();

        Run byDefault =
                gmv(
                        "replay",
                        "--campaigns",
                        campaigns,
                        "--input",
                        in.toString(),
                        "--out",
                        tmp.resolve("o1").toString(),
                        "--parallelism",
                        "1");
        Run with3h =
                gmv(
                        "replay",
                        "--campaigns",
                        campaigns,
                        "--input",
                        in.toString(),
                        "--out",
                        tmp.resolve("o2").toString(),
                        "--parallelism",
                        "1",
                        "--max-future-skew",
                        "3h");

        assertThat(byDefault.status()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).contains("1 records (0 events, 1 rejected)");
        assertThat(Files.readString(tmp.resolve("o1/rejected_event.jsonl")))
                .contains("max_future_skew is 1h");
        assertThat(with3h.status()).as(with3h.err()).isZero();
        assertThat(with3h.out()).contains("1 records (1 events, 0 rejected)");
    }

    @Test
    void replayCountsRecordsAsTheReaderSplitsThem() throws Exception {
        Path f = tmp.resolve("lines.jsonl");
        // a record; a CR LF blank line; a lone \r (a record); spaces; a last line ending in \r
        Files.writeString(f, "{}\r\n\r\n\r\r\n  \t\n[1]\r");

        assertThat(ReplayCommand.nonBlankLines(f)).isEqualTo(3);
    }
}
