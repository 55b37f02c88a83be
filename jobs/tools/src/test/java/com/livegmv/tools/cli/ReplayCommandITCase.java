package com.livegmv.tools.cli;

import static com.livegmv.tools.cli.GmvRun.replay;
import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.tools.generate.CampaignWindow;
import com.livegmv.tools.generate.EventGenerator;
import com.livegmv.tools.generate.GeneratorOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code gmv replay} tells its user: progress while it runs, one line when the job keeps
 * failing, a warning when an input is mostly rejected.
 */
class ReplayCommandITCase {
    static final String CAMPAIGNS = "../../config/campaigns.yaml";

    @TempDir static Path tmp;
    static Path events;

    @BeforeAll
    static void generate() throws Exception {
        events = tmp.resolve("events.jsonl");
        new EventGenerator(
                        new GeneratorOptions(
                                3_000,
                                600_000,
                                11,
                                CampaignWindow.of(CampaignLoader.load(Path.of(CAMPAIGNS))),
                                0.005))
                .writeTo(events);
    }

    @Test
    void shouldStopWithOneLineNamingTheCauseWhenTheJobKeepsFailing() {
        GmvRun r =
                replay(
                        CAMPAIGNS,
                        events,
                        tmp.resolve("failing"),
                        "--inject-failures",
                        "2",
                        "--restart-attempts",
                        "1",
                        "--checkpoint-interval",
                        "50ms");
        assertThat(r.status()).isEqualTo(1);
        List<String> failed = r.errLines().stream().filter(l -> l.contains("failed")).toList();
        assertThat(failed)
                .singleElement()
                .asString()
                .startsWith("gmv replay: failed after 1 restart")
                .contains("InjectedFailure")
                .contains("injected failure 2/2");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Caused by");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldWarnLoudlyAboutAnInputThatIsMostlyRejected() throws Exception {
        Path compressed = tmp.resolve("orders.jsonl");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            Files.copy(events, out);
        }
        GmvRun r =
                replay(CAMPAIGNS, events, tmp.resolve("warned"), "--input", compressed.toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<String> warnings =
                r.errLines().stream().filter(l -> l.startsWith("WARNING:")).toList();
        assertThat(warnings).singleElement().asString().startsWith("WARNING: " + compressed + ": ");
        assertThat(r.out()).startsWith("replay: ");
    }

    @Test
    void shouldRefuseTheSameFileGivenTwice() {
        GmvRun r =
                replay(
                        CAMPAIGNS,
                        events,
                        tmp.resolve("twice"),
                        "--input",
                        tmp.resolve(".").resolve("events.jsonl").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("are the same file");
    }

    @Test
    void shouldRefuseAnUnknownStateBackendInOneLine() {
        GmvRun r = replay(CAMPAIGNS, events, tmp.resolve("backend"), "--state-backend", "memory");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--state-backend");
    }
}
