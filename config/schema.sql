-- The SPEC §9 tables, the job's own tables (the campaign plan, the job's status) and the analyst
-- views, in PostgreSQL. Applied by `gmv run` and `gmv demo` at start-up: every statement is
-- idempotent (IF NOT EXISTS / OR REPLACE), and views only ever gain columns at their end.
-- Money is bigint fen in the tables; the views add yuan as numeric(18,2). Times are timestamptz
-- (UTC instants); the views add timestamps in UTC and in the campaign's own time zone.
-- docs/analysts.md has an example query for each view.

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

-- ---- Not SPEC §9 outputs: the plan the job runs, and the job's status ----

-- The campaign plan, upserted by the job at start-up from the YAML it runs, so that the views
-- know each campaign's time zone and tiers. Never deleted: a campaign dropped from the plan
-- keeps its row for its settled figures.
CREATE TABLE IF NOT EXISTS campaign (
    campaign_id         text        PRIMARY KEY,
    plan_position       integer     NOT NULL,             -- 0 for the plan's first campaign
    name                text        NOT NULL,
    time_zone           text        NOT NULL,             -- IANA name, e.g. Asia/Shanghai
    registration_start  timestamptz NOT NULL,             -- windows are [start, end)
    registration_end    timestamptz NOT NULL,
    event_start         timestamptz NOT NULL,
    event_end           timestamptz NOT NULL,
    settle_at           timestamptz NOT NULL,             -- event_end + settlement_grace
    required_category   text        NOT NULL,
    require_preview     boolean     NOT NULL,
    clawback_instant    boolean     NOT NULL
);

CREATE TABLE IF NOT EXISTS campaign_tier (
    campaign_id            text    NOT NULL,
    tier                   integer NOT NULL,              -- 1..n
    threshold_fen          bigint  NOT NULL,
    instant_reward_fen     bigint  NOT NULL,
    post_event_reward_fen  bigint  NOT NULL,
    PRIMARY KEY (campaign_id, tier)
);

-- One row per live job, kept current by the job every 2 s. The job is named by its Kafka
-- consumer group, which stays the same across restarts and savepoints.
CREATE TABLE IF NOT EXISTS job_status (
    job                 text        PRIMARY KEY,          -- the Kafka consumer group
    flink_job_id        text        NOT NULL,
    state               text        NOT NULL CHECK (state IN ('RUNNING', 'FINISHED')),
    watermark           timestamptz NULL,                 -- event time the job has reached
    event_time_lag_ms   bigint      NULL,                 -- updated_at minus watermark
    events_in           bigint      NOT NULL,             -- valid events read, since the first start
    last_checkpoint_id  bigint      NULL,
    last_checkpoint_at  timestamptz NULL,
    restarts            integer     NOT NULL,             -- of the current Flink job
    parallelism         integer     NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- ---- Views ----

-- Live leaderboard: every streamer of every campaign, ranked by current GMV.
CREATE OR REPLACE VIEW campaign_leaderboard AS
SELECT campaign_id,
       rank() OVER (PARTITION BY campaign_id ORDER BY gmv_fen DESC) AS rank,
       streamer_id, gmv_fen, current_tier, next_threshold_fen, eligible,
       instant_tiers_granted, settled, last_event_time
  FROM streamer_progress;

-- Payout totals per campaign and grant kind (clawbacks are negative).
CREATE OR REPLACE VIEW campaign_payout_totals AS
SELECT campaign_id, kind, count(*) AS grants, sum(reward_fen) AS reward_fen,
       (sum(reward_fen) / 100)::numeric(18,2) AS reward_yuan
  FROM incentive_grant
 GROUP BY campaign_id, kind;

-- Eligible streamers within 10% of their next tier, not settled yet: who to nudge now.
CREATE OR REPLACE VIEW streamers_near_next_tier AS
SELECT campaign_id, streamer_id, gmv_fen, current_tier, next_threshold_fen,
       next_threshold_fen - gmv_fen AS missing_fen, eligible,
       ((next_threshold_fen - gmv_fen)::numeric / 100)::numeric(18,2) AS missing_yuan
  FROM streamer_progress
 WHERE next_threshold_fen IS NOT NULL
   AND NOT settled
   AND eligible
   AND gmv_fen * 10 >= next_threshold_fen * 9;

-- Each streamer in each campaign: the settled figures once settled, the live ones before.
CREATE OR REPLACE VIEW streamer_standing AS
SELECT coalesce(s.campaign_id, p.campaign_id) AS campaign_id,
       coalesce(s.streamer_id, p.streamer_id) AS streamer_id,
       s.campaign_id IS NOT NULL AS settled,
       coalesce(s.final_gmv_fen, p.gmv_fen) AS gmv_fen,
       coalesce(s.paid_fen, p.paid_fen) AS paid_fen,
       coalesce(s.refunded_fen, p.refunded_fen) AS refunded_fen,
       coalesce(s.qualifying_orders, p.qualifying_orders) AS qualifying_orders,
       coalesce(s.final_tier, p.current_tier) AS tier,
       coalesce(nt.threshold_fen, p.next_threshold_fen) AS next_threshold_fen,
       coalesce(s.eligible, p.eligible) AS eligible,
       s.ineligible_reason,
       (coalesce(s.final_gmv_fen, p.gmv_fen)::numeric / 100)::numeric(18,2) AS gmv_yuan
  FROM streamer_progress p
  FULL JOIN campaign_settlement s
         ON s.campaign_id = p.campaign_id AND s.streamer_id = p.streamer_id
  LEFT JOIN campaign_tier nt
         ON nt.campaign_id = coalesce(s.campaign_id, p.campaign_id)
        AND nt.tier = coalesce(s.final_tier, p.current_tier) + 1;

-- Per campaign: streamers, GMV and payouts; settled figures once settled, live ones before.
-- status: LIVE (nothing settled), SETTLING (the settlement rows are landing), SETTLED.
CREATE OR REPLACE VIEW campaign_totals AS
WITH standing AS (
    SELECT campaign_id,
           count(*) AS streamers,
           count(*) FILTER (WHERE settled) AS settled_streamers,
           count(*) FILTER (WHERE eligible) AS eligible,
           count(*) FILTER (WHERE eligible AND tier >= 1) AS rewarded,
           sum(gmv_fen) AS gmv_fen,
           sum(paid_fen) AS paid_fen,
           sum(refunded_fen) AS refunded_fen
      FROM streamer_standing
     GROUP BY campaign_id),
payouts AS (
    SELECT campaign_id, sum(reward_fen) AS reward_fen
      FROM incentive_grant
     GROUP BY campaign_id)
SELECT campaign_id, c.name, c.time_zone,
       CASE WHEN st.settled_streamers > 0 AND st.settled_streamers = st.streamers THEN 'SETTLED'
            WHEN st.settled_streamers > 0 THEN 'SETTLING'
            ELSE 'LIVE' END AS status,
       coalesce(st.streamers, 0) AS streamers,
       coalesce(st.eligible, 0) AS eligible,
       coalesce(st.rewarded, 0) AS rewarded,
       coalesce(st.gmv_fen, 0)::bigint AS gmv_fen,
       coalesce(st.paid_fen, 0)::bigint AS paid_fen,
       coalesce(st.refunded_fen, 0)::bigint AS refunded_fen,
       coalesce(pay.reward_fen, 0)::bigint AS reward_fen,
       (coalesce(st.gmv_fen, 0) / 100)::numeric(18,2) AS gmv_yuan,
       (coalesce(st.paid_fen, 0) / 100)::numeric(18,2) AS paid_yuan,
       (coalesce(st.refunded_fen, 0) / 100)::numeric(18,2) AS refunded_yuan,
       (coalesce(pay.reward_fen, 0) / 100)::numeric(18,2) AS reward_yuan,
       c.plan_position
  FROM campaign c
  FULL JOIN standing st USING (campaign_id)
  LEFT JOIN payouts pay USING (campaign_id);

-- The tier funnel: streamers at each tier (0 = none yet) and at or above it, per campaign.
CREATE OR REPLACE VIEW campaign_tier_distribution AS
WITH ladder AS (
    SELECT campaign_id, 0 AS tier, 0::bigint AS threshold_fen FROM campaign
    UNION ALL
    SELECT campaign_id, tier, threshold_fen FROM campaign_tier),
at_tier AS (
    SELECT l.campaign_id, l.tier, l.threshold_fen,
           count(s.streamer_id) AS streamers,
           count(s.streamer_id) FILTER (WHERE s.eligible) AS eligible_streamers
      FROM ladder l
      LEFT JOIN streamer_standing s ON s.campaign_id = l.campaign_id AND s.tier = l.tier
     GROUP BY l.campaign_id, l.tier, l.threshold_fen)
SELECT campaign_id, tier, threshold_fen,
       (threshold_fen::numeric / 100)::numeric(18,2) AS threshold_yuan,
       streamers, eligible_streamers,
       (sum(streamers) OVER above)::bigint AS reached,
       (sum(eligible_streamers) OVER above)::bigint AS eligible_reached
  FROM at_tier
WINDOW above AS (PARTITION BY campaign_id ORDER BY tier DESC);

-- What each settled streamer is paid, in yuan, with the settlement time in UTC and local time.
CREATE OR REPLACE VIEW streamer_payouts AS
SELECT campaign_id, s.streamer_id, s.final_tier, s.eligible, s.ineligible_reason,
       (s.final_gmv_fen::numeric / 100)::numeric(18,2) AS final_gmv_yuan,
       (s.instant_reward_fen::numeric / 100)::numeric(18,2) AS instant_yuan,
       (s.post_event_reward_fen::numeric / 100)::numeric(18,2) AS post_event_yuan,
       (s.clawback_fen::numeric / 100)::numeric(18,2) AS clawback_yuan,
       ((s.instant_reward_fen + s.post_event_reward_fen + s.clawback_fen)::numeric / 100)::numeric(18,2)
           AS total_yuan,
       s.settled_at AT TIME ZONE 'UTC' AS settled_at_utc,
       s.settled_at AT TIME ZONE c.time_zone AS settled_at_local,
       c.time_zone
  FROM campaign_settlement s
  LEFT JOIN campaign c USING (campaign_id);

-- Every grant in yuan, with the time it was earned in UTC and in the campaign's time zone.
CREATE OR REPLACE VIEW grant_ledger AS
SELECT g.grant_id, campaign_id, g.streamer_id, g.kind, g.tier,
       (g.reward_fen::numeric / 100)::numeric(18,2) AS reward_yuan,
       (g.gmv_fen::numeric / 100)::numeric(18,2) AS gmv_yuan,
       g.earned_at AT TIME ZONE 'UTC' AS earned_at_utc,
       g.earned_at AT TIME ZONE c.time_zone AS earned_at_local,
       c.time_zone, g.trigger_type, g.trigger_id
  FROM incentive_grant g
  LEFT JOIN campaign c USING (campaign_id);

-- Each campaign's windows in its own time zone and in UTC.
CREATE OR REPLACE VIEW campaign_calendar AS
SELECT campaign_id, name, time_zone,
       registration_start AT TIME ZONE time_zone AS registration_start_local,
       registration_end AT TIME ZONE time_zone AS registration_end_local,
       event_start AT TIME ZONE time_zone AS event_start_local,
       event_end AT TIME ZONE time_zone AS event_end_local,
       settle_at AT TIME ZONE time_zone AS settle_at_local,
       event_start AT TIME ZONE 'UTC' AS event_start_utc,
       event_end AT TIME ZONE 'UTC' AS event_end_utc,
       settle_at AT TIME ZONE 'UTC' AS settle_at_utc
  FROM campaign;

-- Events that reached the job after the watermark had passed them, or after their campaign
-- had settled. Refunds that applied to nothing are not late: see unapplied_refunds.
CREATE OR REPLACE VIEW late_arrivals AS
SELECT source, type, natural_key, streamer_id, handling, detail,
       event_time AT TIME ZONE 'UTC' AS event_time_utc,
       watermark AT TIME ZONE 'UTC' AS watermark_utc,
       watermark - event_time AS behind_watermark
  FROM late_event
 WHERE handling <> 'UNAPPLIED_REFUND';

-- Refunds that applied to no campaign: of an unknown order, or of one that counted nowhere.
CREATE OR REPLACE VIEW unapplied_refunds AS
SELECT source, natural_key AS refund_id, streamer_id, detail,
       event_time AT TIME ZONE 'UTC' AS event_time_utc
  FROM late_event
 WHERE handling = 'UNAPPLIED_REFUND';

-- ---- The analysts' role ----

-- gmv_analyst: NOLOGIN, SELECT on every table and view of this schema, now and later (default
-- privileges for what the installing user creates here). Created when the installing user may
-- create roles; otherwise a notice says so and a DBA creates it (see docs/analysts.md). Analysts
-- log in as their own users, members of it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gmv_analyst') THEN
        IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE NOTICE 'gmv: role gmv_analyst not created: % may not create roles; a DBA can run CREATE ROLE gmv_analyst NOLOGIN, and the next start grants it read access', current_user;
            RETURN;
        END IF;
        BEGIN
            CREATE ROLE gmv_analyst NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN
            NULL; -- created by a concurrent start
        END;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO gmv_analyst', current_schema());
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO gmv_analyst', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO gmv_analyst',
                   current_schema());
END
$$;
