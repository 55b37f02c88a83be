-- The SPEC §9 tables and the analyst views, in PostgreSQL. Applied by `gmv run` and
-- `gmv demo` at start-up: every statement is idempotent (IF NOT EXISTS / OR REPLACE).
-- Money is bigint fen; times are timestamptz (UTC instants).

CREATE TABLE IF NOT EXISTS incentive_grant (
    grant_id      text        PRIMARY KEY,            -- {campaign_id}/{streamer_id}/{kind}/{tier}
    campaign_id   text        NOT NULL,
    streamer_id   text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('INSTANT', 'POST_EVENT', 'CLAWBACK')),
    tier          integer     NOT NULL,
    reward_fen    bigint      NOT NULL,               -- negative for CLAWBACK
    gmv_fen       bigint      NOT NULL,
    earned_at     timestamptz NOT NULL,
    trigger_type  text        NOT NULL,
    trigger_id    text        NOT NULL,
    emitted_at    timestamptz NOT NULL,               -- wall clock when the engine emitted it
    inserted_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS incentive_grant_campaign ON incentive_grant (campaign_id, kind);

CREATE TABLE IF NOT EXISTS campaign_settlement (
    campaign_id            text        NOT NULL,
    streamer_id            text        NOT NULL,
    final_gmv_fen          bigint      NOT NULL,
    paid_fen               bigint      NOT NULL,
    refunded_fen           bigint      NOT NULL,
    qualifying_orders      bigint      NOT NULL,
    final_tier             integer     NOT NULL,
    eligible               boolean     NOT NULL,
    ineligible_reason      text        NULL CHECK (ineligible_reason IN ('NOT_REGISTERED', 'NO_PREVIEW')),
    instant_reward_fen     bigint      NOT NULL,
    post_event_reward_fen  bigint      NOT NULL,
    clawback_fen           bigint      NOT NULL,      -- zero or negative
    settled_at             timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, streamer_id)
);

CREATE TABLE IF NOT EXISTS streamer_progress (
    campaign_id            text        NOT NULL,
    streamer_id            text        NOT NULL,
    gmv_fen                bigint      NOT NULL,
    paid_fen               bigint      NOT NULL,
    refunded_fen           bigint      NOT NULL,
    qualifying_orders      bigint      NOT NULL,
    current_tier           integer     NOT NULL,
    next_threshold_fen     bigint      NULL,          -- null at the top tier
    eligible               boolean     NOT NULL,
    instant_tiers_granted  integer     NOT NULL,
    last_event_time        timestamptz NOT NULL,
    settled                boolean     NOT NULL,
    updated_at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (campaign_id, streamer_id)
);
CREATE INDEX IF NOT EXISTS streamer_progress_gmv ON streamer_progress (campaign_id, gmv_fen DESC);

CREATE TABLE IF NOT EXISTS rejected_event (
    source       text        PRIMARY KEY,             -- topic:partition:offset or file:line
    raw          text        NOT NULL,
    reason       text        NOT NULL,
    detail       text        NOT NULL,
    received_at  timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS late_event (
    source       text        PRIMARY KEY,
    type         text        NOT NULL,
    natural_key  text        NOT NULL,
    streamer_id  text        NOT NULL,
    event_time   timestamptz NOT NULL,
    watermark    timestamptz NULL,
    handling     text        NOT NULL CHECK (handling IN ('APPLIED', 'AFTER_SETTLEMENT', 'UNAPPLIED_REFUND')),
    detail       text        NULL
);

-- Live leaderboard: every streamer of every campaign, ranked by current GMV.
CREATE OR REPLACE VIEW campaign_leaderboard AS
SELECT campaign_id,
       rank() OVER (PARTITION BY campaign_id ORDER BY gmv_fen DESC) AS rank,
       streamer_id, gmv_fen, current_tier, next_threshold_fen, eligible,
       instant_tiers_granted, settled, last_event_time
  FROM streamer_progress;

-- Payout totals per campaign and grant kind (clawbacks are negative).
CREATE OR REPLACE VIEW campaign_payout_totals AS
SELECT campaign_id, kind, count(*) AS grants, sum(reward_fen) AS reward_fen
  FROM incentive_grant
 GROUP BY campaign_id, kind;

-- Streamers within 10% of their next tier and not settled yet: who to nudge now.
CREATE OR REPLACE VIEW streamers_near_next_tier AS
SELECT campaign_id, streamer_id, gmv_fen, current_tier, next_threshold_fen,
       next_threshold_fen - gmv_fen AS missing_fen, eligible
  FROM streamer_progress
 WHERE next_threshold_fen IS NOT NULL
   AND NOT settled
   AND gmv_fen * 10 >= next_threshold_fen * 9;
