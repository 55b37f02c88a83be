package com.livegmv.engine;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;

/** Campaign plans for the engine's tests. */
final class Plans {
    private Plans() {}

    /** The SPEC §3 campaign: event 2024-12-04T16:00Z..12-12T16:00Z, settles 12-19T16:00Z. */
    static final String FESTIVAL =
            """
            campaigns:
              - id: "C"
                name: "12.12"
                timezone: Asia/Shanghai
                registration: { start: "2024-11-25T00:00", end: "2024-12-12T00:00" }
                event:        { start: "2024-12-05T00:00", end: "2024-12-13T00:00" }
                settlement_grace: P7D
                required_category: SHOPPING
                require_preview: true
                clawback_instant: true
                tiers:
                  - { level: 1, threshold_fen: 1000000,  instant_reward_fen: 10000,  post_event_reward_fen: 30000 }
                  - { level: 2, threshold_fen: 5000000,  instant_reward_fen: 50000,  post_event_reward_fen: 150000 }
                  - { level: 3, threshold_fen: 20000000, instant_reward_fen: 200000, post_event_reward_fen: 600000 }
            """;

    static final long SETTLE_C = Ev.t("2024-12-19T16:00:00Z");

    /** B: BEAUTY, event 2024-12-06..12-10 UTC, no preview, no clawback, settles 12-11. */
    static final String BEAUTY_WEEK =
            simple(
                    "B",
                    "Beauty week",
                    "2024-12-01",
                    "2024-12-20",
                    "2024-12-06",
                    "2024-12-10",
                    1,
                    "BEAUTY");

    static final long SETTLE_B = Ev.t("2024-12-11T00:00:00Z");

    /** FESTIVAL plus the overlapping BEAUTY_WEEK. */
    static final String TWO_CAMPAIGNS = FESTIVAL + BEAUTY_WEEK;

    /**
     * BEAUTY_WEEK after an early campaign with a long grace period, which is still open when B
     * settles: event 2024-12-01..12-03 UTC, settles 2025-01-02.
     */
    static final String EARLY_LONG_GRACE =
            "campaigns:\n"
                    + simple(
                            "E",
                            "Early bird",
                            "2024-11-20",
                            "2024-12-03",
                            "2024-12-01",
                            "2024-12-03",
                            30,
                            "SHOPPING")
                    + BEAUTY_WEEK;

    static final long SETTLE_E = Ev.t("2025-01-02T00:00:00Z");

    /**
     * A campaign list entry in UTC (windows from midnight to midnight), without preview or
     * clawback, with one tier: 1000 fen at once and 2000 after the event from 100000 fen of GMV.
     */
    private static String simple(
            String id,
            String name,
            String registrationStart,
            String registrationEnd,
            String eventStart,
            String eventEnd,
            int graceDays,
            String category) {
        return """
                  - id: "%s"
                    name: "%s"
                    timezone: UTC
                    registration: { start: "%sT00:00", end: "%sT00:00" }
                    event:        { start: "%sT00:00", end: "%sT00:00" }
                    settlement_grace: P%dD
                    required_category: %s
                    require_preview: false
                    clawback_instant: false
                    tiers:
                      - { level: 1, threshold_fen: 100000, instant_reward_fen: 1000, post_event_reward_fen: 2000 }
                """
                .formatted(
                        id,
                        name,
                        registrationStart,
                        registrationEnd,
                        eventStart,
                        eventEnd,
                        graceDays,
                        category);
    }

    static CampaignPlan plan(String yaml) {
        return CampaignLoader.parse(yaml, "test.yaml");
    }
}
