package com.livegmv.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                Path.of(getClass().getResource("/examples/1212-basic/campaigns.yaml").toURI()), p);
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

    @Test
    void findsTheRefusedConfigurationBehindAJobFailure() {
        // As a restore that refuses its campaign file reaches the client: wrapped twice.
        com.livegmv.campaign.ConfigException refused =
                new com.livegmv.campaign.ConfigException("campaign X is missing");
        Exception failure =
                new RuntimeException(
                        "Job execution failed.",
                        new org.apache.flink.runtime.execution.SuppressRestartsException(refused));
        assertThat(Gmv.configCause(failure)).isSameAs(refused);
        assertThat(Gmv.configCause(new RuntimeException("other"))).isNull();
    }
}
