package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder copies settings by component name: none may be lost on the way back. */
class LiveSettingsTest {
    private static final CampaignPlan PLAN =
            CampaignLoader.load(Path.of("../../config/campaigns.yaml"));

    @Test
    void shouldCopyEverySettingIntoItsBuilder() throws Exception {
        LiveSettings.Builder b =
                LiveSettings.builder(PLAN)
                        .kafka("broker:9092", List.of("in"), "out", "group")
                        .idleness(Duration.ofSeconds(7), true)
                        .jdbc("jdbc:postgresql://db/gmv", "gmv", "secret")
                        .checkpoints(Duration.ofSeconds(3), "file:///cp", "file:///sp");
        b.kafkaProperties = Map.of("security.protocol", "SSL");
        b.bounded = true;
        b.parallelism = 3;
        b.maxOutOfOrderness = Duration.ofSeconds(4);
        b.maxFutureSkew = Duration.ofMinutes(5);
        b.stateBackend = "hashmap";
        b.restartAttempts = 6;
        b.injectFailures = 1;
        b.progressInterval = Duration.ofSeconds(8);
        LiveSettings s = b.build();
        LiveSettings defaults = LiveSettings.builder(PLAN).build();

        // Every setting differs from its default, so a component the copy missed shows.
        for (RecordComponent c : LiveSettings.class.getRecordComponents()) {
            if (!c.getName().equals("plan")) {
                assertThat(c.getAccessor().invoke(s))
                        .as(c.getName())
                        .isNotEqualTo(c.getAccessor().invoke(defaults));
            }
        }
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }
}
