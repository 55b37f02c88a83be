package com.livegmv.tools.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.config.GmvOptions;
import com.livegmv.output.Money;
import com.livegmv.tools.demo.Demo;
import com.livegmv.tools.embedded.Sql;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The festival screen of {@code gmv demo} in a real browser (headless Chromium): a small synthetic
 * festival runs through the live job into the embedded PostgreSQL while the page is open; once the
 * page shows every campaign settled, its numbers must equal SQL over the tables and the demo's own
 * settlement summary. Leaves a screenshot in {@code target/festival-screen.png}.
 */
@Tag("slow")
class FestivalScreenITCase {
    private static final Duration FESTIVAL = Duration.ofMinutes(6);

    @TempDir Path tmp;

    @Test
    void shouldShowTheSettledFiguresOfTheTablesAndTheDemoSummary() throws Exception {
        String[] browser = chromium();
        CampaignPlan plan = CampaignLoader.load(Path.of("../../config/campaigns.yaml"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Demo demo =
                new Demo(
                        new Demo.Settings(
                                plan,
                                Path.of("../../config/campaigns.yaml"),
                                null,
                                null,
                                null,
                                null,
                                2_000,
                                40_000,
                                20_000,
                                7,
                                2,
                                GmvOptions.MAX_FUTURE_SKEW.defaultValue(),
                                18_181,
                                0,
                                InetAddress.getLoopbackAddress(),
                                tmp.resolve("demo"),
                                true,
                                0),
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        AtomicReference<Throwable> demoFailure = new AtomicReference<>();
        Thread running =
                new Thread(
                        () -> {
                            try {
                                demo.run();
                            } catch (InterruptedException stopped) {
                                // the end of the test: the demo closes everything it started
                            } catch (Throwable t) {
                                demoFailure.set(t);
                            }
                        },
                        "festival-demo");
        running.start();
        WebDriver page = null;
        try {
            Supplier<String> out = () -> printed.toString(StandardCharsets.UTF_8);
            String url =
                    await(
                            "the demo prints the screen's address",
                            demoFailure,
                            () -> find(out.get(), "festival screen: (http://localhost:\\d+/)"));
            page = open(browser);
            page.get(url);
            WebDriver p = page;

            // Wait until the demo is done (summary printed) and the page shows every campaign
            // settled.
            String psql =
                    await(
                            "the demo settles every campaign",
                            demoFailure,
                            () -> find(out.get(), "Query the tables:  psql '([^']+)'"));
            String jdbc = "jdbc:" + psql;
            Map<String, Long> gmv =
                    longs(
                            jdbc,
                            "SELECT campaign_id, sum(final_gmv_fen) FROM campaign_settlement"
                                    + " GROUP BY 1 ORDER BY 1");
            assertThat(gmv.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            plan.campaigns().stream().map(c -> c.id()).toList());
            await(
                    "the page shows every campaign settled with its settled GMV",
                    demoFailure,
                    () -> {
                        for (Map.Entry<String, Long> e : gmv.entrySet()) {
                            WebElement card = campaignCard(p, e.getKey());
                            if (card == null
                                    || !text(card, ".status").equals("SETTLED")
                                    || !text(card, ".gmv").equals(Money.yuan(e.getValue()))) {
                                return null;
                            }
                        }
                        return "settled";
                    });

            // Each GMV is the one the demo's settlement summary printed for the campaign.
            Map<String, String> summary = summaryGmv(out.get());
            assertThat(summary.keySet()).isEqualTo(gmv.keySet());
            for (String id : gmv.keySet()) {
                assertThat(text(campaignCard(p, id), ".gmv")).as(id).isEqualTo(summary.get(id));
            }

            // Grants paid by kind: count and yuan.
            Map<String, String> grants = new LinkedHashMap<>();
            for (List<String> r :
                    Sql.rows(
                            jdbc,
                            "SELECT kind, count(*), sum(reward_fen) FROM incentive_grant"
                                    + " GROUP BY 1 ORDER BY 1")) {
                long count = Long.parseLong(r.get(1));
                grants.put(r.get(0), String.format("%,d", count) + " " + yuan(r.get(2)));
            }
            assertThat(grants).containsKeys("INSTANT", "POST_EVENT");
            await(
                    "the grants by kind " + grants,
                    demoFailure,
                    () -> grantsOnPage(p).equals(grants) ? "yes" : null);

            // The job finished, and the events it read.
            Map<String, Long> events = longs(jdbc, "SELECT state, events_in FROM job_status");
            assertThat(events).containsOnlyKeys("FINISHED");
            await(
                    "the page shows the finished job",
                    demoFailure,
                    () ->
                            text(p, "#job-state").contains("FINISHED")
                                            && text(p, "#job-events")
                                                    .equals(
                                                            String.format(
                                                                    "%,d", events.get("FINISHED")))
                                    ? "yes"
                                    : null);

            // The screenshot shows the first campaign's leaders.
            Path shot = Path.of("target", "festival-screen.png");
            Files.createDirectories(shot.getParent());
            Files.copy(
                    ((ChromeDriver) p).getScreenshotAs(OutputType.FILE).toPath(),
                    shot,
                    StandardCopyOption.REPLACE_EXISTING);

            // The top 20 streamers of each campaign, in order, with their settled GMV.
            for (String id : gmv.keySet()) {
                List<String> expected = leaders(jdbc, id);
                assertThat(expected).hasSize(20);
                p.get(url + "?campaign=" + id);
                await(
                        "the leaders of " + id,
                        demoFailure,
                        () -> leadersOnPage(p).equals(expected) ? "yes" : null);
            }
        } finally {
            if (page != null) {
                page.quit();
            }
            running.interrupt();
            running.join(Duration.ofMinutes(2).toMillis());
        }
        assertThat(running.isAlive()).as("the demo stopped").isFalse();
        assertThat(demoFailure.get()).as("the demo ran without failing").isNull();
    }

    /** The paths of Debian's chromium and chromium-driver; fails when they are missing. */
    static String[] chromium() {
        String browser = onPath("chromium");
        String driver = onPath("chromedriver");
        if (browser == null || driver == null) {
            fail(
                    "headless Chromium is missing ("
                            + (browser == null ? "no chromium" : "no chromedriver")
                            + " on the PATH): install Debian's packages with"
                            + " `apt-get install -y chromium chromium-driver` (.ci/run does)");
        }
        return new String[] {browser, driver};
    }

    private static String onPath(String name) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
    }

    /**
     * Headless Chromium at a wall screen's size. A fresh profile, and no background connections:
     * this machine has no network, and the attempts would only be refused.
     */
    private WebDriver open(String[] chromium) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium[0]);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"),
                "--window-size=1920,1080");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(chromium[1]))
                        .usingAnyFreePort()
                        .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The window size counts the (invisible) browser frame: make the page itself 1920x1080.
        long inner = (Long) driver.executeScript("return window.innerHeight;");
        driver.manage().window().setSize(new Dimension(1920, (int) (2 * 1080 - inner)));
        return driver;
    }

    /** Polls until {@code probe} answers non-null; fails early when the demo failed. */
    private static <T> T await(
            String what, AtomicReference<Throwable> demoFailure, Supplier<T> probe) {
        return new FluentWait<>(demoFailure)
                .withTimeout(FESTIVAL)
                .pollingEvery(Duration.ofMillis(250))
                .withMessage(what)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(
                        failure -> {
                            if (failure.get() != null) {
                                throw new AssertionError("the demo failed", failure.get());
                            }
                            return probe.get();
                        });
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static WebElement campaignCard(WebDriver page, String id) {
        List<WebElement> cards =
                page.findElements(By.cssSelector(".campaign[data-campaign='" + id + "']"));
        return cards.isEmpty() ? null : cards.get(0);
    }

    private static String text(WebElement e, String css) {
        return e.findElement(By.cssSelector(css)).getText();
    }

    private static String text(WebDriver page, String css) {
        return page.findElement(By.cssSelector(css)).getText();
    }

    /** Count and yuan of each kind in the grants table. */
    private static Map<String, String> grantsOnPage(WebDriver page) {
        Map<String, String> m = new LinkedHashMap<>();
        for (WebElement tile : page.findElements(By.cssSelector("#grants [data-kind]"))) {
            m.put(
                    tile.getDomAttribute("data-kind"),
                    text(tile, ".count") + " " + text(tile, ".yuan"));
        }
        return m;
    }

    /** Streamer and GMV of each row of the leader table. */
    private static List<String> leadersOnPage(WebDriver page) {
        List<String> rows = new ArrayList<>();
        for (WebElement tr : page.findElements(By.cssSelector("#leaders tbody tr"))) {
            rows.add(tr.getDomAttribute("data-streamer") + " " + text(tr, ".gmv"));
        }
        return rows;
    }

    private static List<String> leaders(String jdbc, String campaign) throws SQLException {
        return Sql.rows(
                        jdbc,
                        "SELECT streamer_id, final_gmv_fen FROM campaign_settlement"
                                + " WHERE campaign_id = ?"
                                + " ORDER BY final_gmv_fen DESC, streamer_id LIMIT 20",
                        campaign)
                .stream()
                .map(r -> r.get(0) + " " + yuan(r.get(1)))
                .toList();
    }

    /** Fen as PostgreSQL prints a bigint or a sum of them, in yuan as the page shows it. */
    private static String yuan(String fen) {
        return Money.yuan(Long.parseLong(fen));
    }

    private static Map<String, Long> longs(String jdbc, String sql) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (List<String> r : Sql.rows(jdbc, sql)) {
            m.put(r.get(0), Long.parseLong(r.get(1)));
        }
        return m;
    }

    /** The GMV column of the demo's settlement summary, by campaign. */
    private static Map<String, String> summaryGmv(String printed) {
        Map<String, String> m = new LinkedHashMap<>();
        String table = printed.substring(printed.indexOf("Settlement summary"));
        Matcher row =
                Pattern.compile("(?m)^  (\\S+) +[\\d,]+ +[\\d,]+ +[\\d,]+ +(-?[\\d,]+\\.\\d\\d) ")
                        .matcher(table);
        while (row.find()) {
            m.put(row.group(1), row.group(2));
        }
        return m;
    }
}
