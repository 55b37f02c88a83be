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
            """
              - id: "B"
                name: "Beauty week"
                timezone: UTC
                registration: { start: "2024-12-01T00:00", end: "2024-12-20T00:00" }
                event:        { start: "2024-12-06T00:00", end: "2024-12-10T00:00" }
                settlement_grace: P1D
                required_category: BEAUTY
                require_preview: false
                clawback_instant: false
                tiers:
                  - { level: 1, threshold_fen: 100000, instant_reward_fen: 1000, post_event_reward_fen: 2000 }
            """;

    static final long SETTLE_B = Ev.t("2024-12-11T00:00:00Z");

    /** FESTIVAL plus the overlapping BEAUTY_WEEK. */
    static final String TWO_CAMPAIGNS = FESTIVAL + BEAUTY_WEEK;

    /**
     * BEAUTY_WEEK after an early campaign with a long grace period, which is still open when B
     * settles: event 2024-12-01..12-03 UTC, settles 2025-01-02.
     */
    static final String EARLY_LONG_GRACE =
            """
            campaigns:
              - id: "E"
                name: "Early bird"
                timezone: UTC
                registration: { start: "2024-11-20T00:00", end: "2024-12-03T00:00" }
                event:        { start: "2024-12-01T00:00", end: "2024-12-03T00:00" }
                settlement_grace: P30D
                required_category: SHOPPING
                require_preview: false
                clawback_instant: false
                tiers:
                  - { level: 1, threshold_fen: 100000, instant_reward_fen: 1000, post_event_reward_fen: 2000 }
            """
                    + BEAUTY_WEEK;

    static final long SETTLE_E = Ev.t("2025-01-02T00:00:00Z");

    static CampaignPlan plan(String yaml) {
        return CampaignLoader.parse(yaml, "test.yaml");
    }
}
