package com.livegmv.tools.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.tools.embedded.LocalKafka;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The screen's server without a database: the page and everything it loads come from the class path
 * (no CDN), a database that is down is a 503 with a reason, and it only reads.
 */
class FestivalScreenTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private FestivalScreen screen;

    @BeforeEach
    void start() throws IOException {
        String nobody =
                "jdbc:postgresql://127.0.0.1:" + LocalKafka.freePort() + "/gmv?connectTimeout=2";
        screen = FestivalScreen.start(nobody, InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        screen.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(screen.url()).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldServeThePageAndEverythingItLoadsFromTheClassPath() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> loaded = refs.results().map(m -> m.group(1)).toList();
        assertThat(loaded)
                .contains("/webjars/chart.js/4.4.1/dist/chart.umd.js", "/screen.js", "/screen.css")
                .allSatisfy(ref -> assertThat(ref).as("no other host").startsWith("/"));
        for (String ref : loaded) {
            HttpResponse<String> r = get(ref);
            assertThat(r.statusCode()).as(ref).isEqualTo(200);
            assertThat(r.body()).as(ref).isNotBlank();
        }
        try (InputStream css = getClass().getResourceAsStream("/screen/screen.css")) {
            assertThat(new String(css.readAllBytes(), StandardCharsets.UTF_8))
                    .as("no external font or image")
                    .doesNotContain("url(", "@import");
        }
    }

    @Test
    void shouldAnswerWithTheReasonWhenTheDatabaseIsDown() throws Exception {
        for (String api : List.of("campaigns", "leaders?campaign=x", "grants", "quality", "job")) {
            HttpResponse<String> r = get("/api/" + api);
            assertThat(r.statusCode()).as(api).isEqualTo(503);
            assertThat(r.body()).as(api).startsWith("{\"error\":\"database unavailable: ");
        }
    }

    @Test
    void shouldOnlyReadAndServeOnlyWhatItHas() throws Exception {
        HttpResponse<String> post =
                http.send(
                        HttpRequest.newBuilder(URI.create(screen.url() + "api/campaigns"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/api/drop-tables").statusCode()).isEqualTo(404);
        assertThat(get("/schema.sql").statusCode()).isEqualTo(404);
        HttpResponse<String> escape =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(screen.url() + "webjars/../screen/index.html"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(escape.statusCode()).isEqualTo(404);
    }
}
