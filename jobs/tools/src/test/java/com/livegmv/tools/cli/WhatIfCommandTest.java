package com.livegmv.tools.cli;

import static com.livegmv.tools.cli.GmvRun.gmv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gmv whatif}'s usage errors: exit status 2 and one line naming the flag or field. */
class WhatIfCommandTest {
    @TempDir Path tmp;

    private static void assertOneLineError(GmvRun r, String... mentions) {
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip())
                .startsWith("gmv whatif: ")
                .doesNotContain("\n")
                .contains(mentions);
    }

    private Path plan(String name) throws Exception {
        Path p = tmp.resolve(name);
        Files.copy(Path.of(getClass().getResource("/whatif/plan-a.yaml").toURI()), p);
        return p;
    }

    private Path events() throws Exception {
        Path p = tmp.resolve("events.jsonl");
        Files.writeString(p, "");
        return p;
    }

    /** A valid command line with these flags added. */
    private String[] whatif(String... more) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "whatif",
                                "--input",
                                events().toString(),
                                "--campaigns",
                                plan("a.yaml").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void shouldRefuseASinglePlan() throws Exception {
        assertOneLineError(gmv(whatif()), "--campaigns must be given two or more times");
    }

    @Test
    void shouldRefuseAPlanThatDoesNotExist() throws Exception {
        assertOneLineError(
                gmv(whatif("--campaigns", tmp.resolve("nope.yaml").toString())),
                "--campaigns",
                "nope.yaml");
    }

    @Test
    void shouldNameTheFileCampaignAndFieldOfABadPlan() throws Exception {
        Path bad = plan("b.yaml");
        Files.writeString(
                bad,
                Files.readString(bad).replace("threshold_fen: 5000000", "threshold_fen: 900000"));
        assertOneLineError(
                gmv(whatif("--campaigns", bad.toString())),
                "b.yaml",
                "campaign \"fest\"",
                "tiers[1].threshold_fen");
    }

    @Test
    void shouldRequireAnInput() throws Exception {
        assertOneLineError(
                gmv(
                        "whatif",
                        "--campaigns",
                        plan("a.yaml").toString(),
                        "--campaigns",
                        plan("b.yaml").toString()),
                "--input is required");
    }

    @Test
    void shouldRefuseAMissingInputFile() throws Exception {
        assertOneLineError(
                gmv(
                        "whatif",
                        "--input",
                        tmp.resolve("none.jsonl").toString(),
                        "--campaigns",
                        plan("a.yaml").toString(),
                        "--campaigns",
                        plan("b.yaml").toString()),
                "--input",
                "none.jsonl");
    }

    @Test
    void shouldRefuseParallelismOutOfRange() throws Exception {
        assertOneLineError(
                gmv(whatif("--campaigns", plan("b.yaml").toString(), "--parallelism", "0")),
                "--parallelism must be in 1..256");
    }

    @Test
    void shouldRefuseAnUnwritableOutput() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        assertOneLineError(
                gmv(whatif("--campaigns", plan("b.yaml").toString(), "--out", file.toString())),
                "--out");
    }

    @Test
    void shouldRefuseOutGivenTwice() throws Exception {
        assertOneLineError(
                gmv(whatif("--campaigns", plan("b.yaml").toString(), "--out", "x", "--out", "y")),
                "--out given twice");
    }

    @Test
    void shouldPrintItsFlagsOnHelp() {
        GmvRun r = gmv("whatif", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("--campaigns=FILE", "--input=FILE", "--out=DIR", "--parallelism=N");
    }
}
