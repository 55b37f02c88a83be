package com.livegmv.engine;

import static com.livegmv.engine.Ev.order;
import static com.livegmv.engine.Ev.preview;
import static com.livegmv.engine.Ev.refund;
import static com.livegmv.engine.Ev.registration;
import static com.livegmv.engine.Ev.riskyOrder;
import static com.livegmv.engine.Ev.session;
import static com.livegmv.engine.Ev.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.ConfigException;
import com.livegmv.events.Event;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.LateHandling;
import com.livegmv.output.Progress;
import com.livegmv.output.Settlement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the keyed engine with elements and watermarks, and checks its grants, settlements,
 * progress, late records, and that no state or timer outlives the campaigns.
 */
class IncentiveEngineHarnessTest {
    private KeyedOneInputStreamOperatorTestHarness<String, Event, Grant> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(Plans.FESTIVAL, true);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Event, Grant> harness(
            String yaml, boolean liveProgress) throws Exception {
        CampaignPlan plan = Plans.plan(yaml);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new IncentiveEngine(plan, liveProgress), e -> e.streamerId, Types.STRING);
    }

    private void send(Event... events) throws Exception {
        for (Event e : events) {
            harness.processElement(e, e.eventTime);
        }
    }

    private void watermark(String iso) throws Exception {
        harness.processWatermark(t(iso));
    }

    private void endOfInput() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
    }

    private List<Grant> grants() {
        return harness.extractOutputValues();
    }

    private List<String> grantIds() {
        return grants().stream().map(Grant::grantId).collect(Collectors.toList());
    }

    private <T> List<T> side(OutputTag<T> tag) {
        return harness.getSideOutput(tag) == null
                ? List.of()
                : harness.getSideOutput(tag).stream()
                        .map(StreamRecord::getValue)
                        .collect(Collectors.toList());
    }

    private Settlement settlement(String streamer) {
        return side(IncentiveEngine.SETTLEMENTS).stream()
                .filter(s -> s.streamerId.equals(streamer))
                .findFirst()
                .orElseThrow();
    }

    /** Registered, previewed and live in SHOPPING: every counted order can earn. */
    private void eligibleStreamer(String s) throws Exception {
        send(
                registration(s, "C", "2024-11-26T02:00:00Z"),
                preview(s, "p-" + s, "2024-12-04T12:00:00Z"),
                session(s, "l-" + s, "SHOPPING", true, "2024-12-05T11:00:00Z"));
    }

    @Test
    void shouldGrantTier2WhenOneOrderJumpsTwoTiers() throws Exception {
        eligibleStreamer("s1");
        send(order("s1", "o1", "l-s1", 6_000_000, "2024-12-05T11:10:00Z"));
        watermark("2024-12-06T00:00:00Z");

        assertThat(grants())
                .extracting(
                        g -> g.kind, g -> g.tier, g -> g.rewardFen, g -> g.gmvFen, g -> g.triggerId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                GrantKind.INSTANT, 1, 10_000L, 6_000_000L, "o1"),
                        org.assertj.core.groups.Tuple.tuple(
                                GrantKind.INSTANT, 2, 50_000L, 6_000_000L, "o1"));
        assertThat(grants().get(0).earnedAt).isEqualTo(t("2024-12-05T11:10:00Z"));
    }

    @Test
    void shouldHoldEventsUntilTheWatermarkPassesThem() throws Exception {
        eligibleStreamer("s1");
        send(order("s1", "o1", "l-s1", 2_000_000, "2024-12-05T11:10:00Z"));
        watermark("2024-12-05T11:09:59.999Z");
        assertThat(grants()).isEmpty();
        watermark("2024-12-05T11:10:00Z");
        assertThat(grantIds()).containsExactly("C/s1/INSTANT/1");
    }

    @Test
    void shouldApplyEventsOfOneMillisecondByTypeRankNotArrival() throws Exception {
        // The order arrives before the session that it was sold in, both at the same instant:
        // rank puts LIVE_SESSION_STARTED first, so the order counts.
        send(
                registration("s1", "C", "2024-11-26T02:00:00Z"),
                preview("s1", "p1", "2024-12-04T12:00:00Z"),
                order("s1", "o1", "l1", 1_500_000, "2024-12-05T11:00:00Z"),
                session("s1", "l1", "SHOPPING", true, "2024-12-05T11:00:00Z"));
        watermark("2024-12-06T00:00:00Z");
        assertThat(grantIds()).containsExactly("C/s1/INSTANT/1");
    }

    @Test
    void shouldBreakTiesBetweenOrdersOfOneMillisecondByOrderId() throws Exception {
        eligibleStreamer("s1");
        send(
                order("s1", "o-b", "l-s1", 600_000, "2024-12-05T12:00:00Z"),
                order("s1", "o-a", "l-s1", 600_000, "2024-12-05T12:00:00Z"));
        watermark("2024-12-06T00:00:00Z");
        // o-a is applied first, so the tier is crossed by o-b whatever the arrival order.
        assertThat(grants())
                .singleElement()
                .satisfies(g -> assertThat(g.triggerId).isEqualTo("o-b"));
    }

    @Test
    void shouldGrantOnRegistrationWhenTierWasCrossedBeforeIt() throws Exception {
        send(
                preview("s4", "p4", "2024-12-04T13:00:00Z"),
                session("s4", "l4", "SHOPPING", true, "2024-12-06T01:00:00Z"),
                order("s4", "o7", "l4", 1_200_000, "2024-12-06T01:30:00Z"),
                registration("s4", "C", "2024-12-07T01:00:00Z"));
        watermark("2024-12-08T00:00:00Z");
        assertThat(grants())
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.triggerType).isEqualTo("REGISTRATION");
                            assertThat(g.triggerId).isEqualTo("C");
                            assertThat(g.earnedAt).isEqualTo(t("2024-12-07T01:00:00Z"));
                        });
    }

    @Test
    void shouldGrantOnPreviewWhenItCompletesEligibilityDuringTheEvent() throws Exception {
        send(
                registration("s1", "C", "2024-11-26T02:00:00Z"),
                session("s1", "l1", "SHOPPING", true, "2024-12-05T11:00:00Z"),
                order("s1", "o1", "l1", 1_000_000, "2024-12-05T11:10:00Z"),
                preview("s1", "p1", "2024-12-06T11:10:00Z"));
        watermark("2024-12-07T00:00:00Z");
        assertThat(grants())
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.triggerType).isEqualTo("PREVIEW_PUBLISHED");
                            assertThat(g.triggerId).isEqualTo("p1");
                        });
    }

    @Test
    void shouldApplyOnlyTheFirstOfDuplicateOrders() throws Exception {
        eligibleStreamer("s1");
        send(
                order("s1", "o1", "l-s1", 600_000, "2024-12-05T11:10:00Z"),
                order("s1", "o1", "l-s1", 600_000, "2024-12-05T11:10:00Z"),
                order("s1", "o1", "l-s1", 600_000, "2024-12-05T11:20:00Z"));
        endOfInput();
        assertThat(grants()).isEmpty();
        assertThat(settlement("s1").paidFen).isEqualTo(600_000);
        assertThat(settlement("s1").qualifyingOrders).isEqualTo(1);
    }

    @Test
    void shouldNotCountOrdersOutsideAQualifyingSession() throws Exception {
        send(
                registration("s1", "C", "2024-11-26T02:00:00Z"),
                preview("s1", "p1", "2024-12-04T12:00:00Z"),
                session("s1", "game", "GAMING", true, "2024-12-05T11:00:00Z"),
                session("s1", "nogoods", "SHOPPING", false, "2024-12-05T11:00:00Z"),
                session("s1", "shop", "SHOPPING", true, "2024-12-05T11:00:00Z"),
                order("s1", "o-game", "game", 5_000_000, "2024-12-05T11:10:00Z"),
                order("s1", "o-nogoods", "nogoods", 5_000_000, "2024-12-05T11:10:00Z"),
                order("s1", "o-none", null, 5_000_000, "2024-12-05T11:10:00Z"),
                order("s1", "o-unknown", "never-started", 5_000_000, "2024-12-05T11:10:00Z"),
                riskyOrder("s1", "o-risky", "shop", 5_000_000, "2024-12-05T11:10:00Z"),
                order("s1", "o-before", "shop", 5_000_000, "2024-12-04T15:59:59.999Z"),
                order("s1", "o-ok", "shop", 100, "2024-12-05T11:10:00Z"));
        endOfInput();
        assertThat(grants()).isEmpty();
        Settlement s = settlement("s1");
        assertThat(s.paidFen).isEqualTo(100);
        assertThat(s.qualifyingOrders).isEqualTo(1);
    }

    @Test
    void shouldNotCountAnOrderWhoseSessionStartsLater() throws Exception {
        eligibleStreamer("s1");
        send(
                order("s1", "o1", "l-late", 2_000_000, "2024-12-05T11:10:00Z"),
                session("s1", "l-late", "SHOPPING", true, "2024-12-05T11:10:00.001Z"));
        endOfInput();
        assertThat(grants()).isEmpty();
    }

    @Test
    void shouldNotGrantAgainWhenGmvFallsAndRisesAgain() throws Exception {
        eligibleStreamer("s1");
        send(
                order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"),
                refund("s1", "r1", "o1", 500_000, "2024-12-05T12:00:00Z"),
                order("s1", "o2", "l-s1", 600_000, "2024-12-05T13:00:00Z"));
        endOfInput();
        assertThat(grantIds()).containsExactlyInAnyOrder("C/s1/INSTANT/1", "C/s1/POST_EVENT/1");
        assertThat(settlement("s1").finalGmvFen).isEqualTo(1_100_000);
    }

    @Test
    void shouldSettleWithPostEventGrantAndClawbackAfterGraceRefund() throws Exception {
        eligibleStreamer("s1");
        send(
                order("s1", "o1", "l-s1", 1_100_000, "2024-12-05T11:10:00Z"),
                order("s1", "o3", "l-s1", 4_000_000, "2024-12-05T11:30:00Z"),
                refund("s1", "r1", "o3", 300_000, "2024-12-15T03:00:00Z"));
        endOfInput();

        Settlement s = settlement("s1");
        assertThat(s.finalGmvFen).isEqualTo(4_800_000);
        assertThat(s.finalTier).isEqualTo(1);
        assertThat(s.eligible).isTrue();
        assertThat(s.ineligibleReason).isNull();
        assertThat(s.instantRewardFen).isEqualTo(60_000);
        assertThat(s.postEventRewardFen).isEqualTo(30_000);
        assertThat(s.clawbackFen).isEqualTo(-50_000);
        assertThat(s.settledAt).isEqualTo(Plans.SETTLE_C);
        Grant claw =
                grants().stream()
                        .filter(g -> g.kind == GrantKind.CLAWBACK)
                        .findFirst()
                        .orElseThrow();
        assertThat(claw.tier).isEqualTo(2);
        assertThat(claw.rewardFen).isEqualTo(-50_000);
        assertThat(claw.earnedAt).isEqualTo(Plans.SETTLE_C);
        assertThat(claw.triggerType).isEqualTo("SETTLEMENT");
    }

    @Test
    void shouldApplyARefundJustBeforeSettlementAndRecordOneAtSettlementAsAfterSettlement()
            throws Exception {
        eligibleStreamer("s1");
        eligibleStreamer("s2");
        send(
                order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"),
                order("s2", "o2", "l-s2", 1_000_000, "2024-12-05T11:10:00Z"),
                refund("s1", "r1", "o1", 1, "2024-12-19T15:59:59.999Z"),
                refund("s2", "r2", "o2", 1, "2024-12-19T16:00:00Z"));
        endOfInput();
        assertThat(settlement("s1").finalTier).isZero();
        assertThat(settlement("s2").finalTier).isEqualTo(1);
        assertThat(side(IncentiveEngine.LATE))
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.naturalKey).isEqualTo("r2");
                            assertThat(l.handling).isEqualTo(LateHandling.AFTER_SETTLEMENT);
                        });
    }

    @Test
    void shouldCapRefundsAtWhatWasPaid() throws Exception {
        eligibleStreamer("s1");
        send(
                order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"),
                refund("s1", "r1", "o1", 700_000, "2024-12-06T00:00:00Z"),
                refund("s1", "r2", "o1", 700_000, "2024-12-07T00:00:00Z"),
                refund("s1", "r2", "o1", 700_000, "2024-12-08T00:00:00Z"));
        endOfInput();
        assertThat(settlement("s1").refundedFen).isEqualTo(1_000_000);
        assertThat(settlement("s1").finalGmvFen).isZero();
    }

    @Test
    void shouldRecordARefundOfAnUnknownOrderAsUnapplied() throws Exception {
        eligibleStreamer("s1");
        send(refund("s1", "r1", "nope", 100, "2024-12-06T00:00:00Z"));
        endOfInput();
        assertThat(side(IncentiveEngine.LATE))
                .singleElement()
                .satisfies(l -> assertThat(l.handling).isEqualTo(LateHandling.UNAPPLIED_REFUND));
    }

    @Test
    void shouldRecordARefundBeforeAnyCampaignAsUnappliedAndOneAfterAllSettledAsAfterSettlement()
            throws Exception {
        send(
                refund("s1", "r-early", "o-early", 100, "2024-11-01T00:00:00Z"),
                refund("s1", "r-after", "o-gone", 100, "2024-12-25T00:00:00Z"));
        endOfInput();
        assertThat(side(IncentiveEngine.LATE))
                .extracting(l -> l.naturalKey + ":" + l.handling)
                .containsExactlyInAnyOrder("r-early:UNAPPLIED_REFUND", "r-after:AFTER_SETTLEMENT");
    }

    @Test
    void shouldSettleUnregisteredAndUnpreviewedStreamersWithoutGrants() throws Exception {
        send(
                session("s2", "l2", "SHOPPING", true, "2024-12-05T11:05:00Z"),
                order("s2", "o5", "l2", 2_000_000, "2024-12-05T11:12:00Z"),
                registration("s5", "C", "2024-11-26T02:00:00Z"),
                session("s5", "l5", "SHOPPING", true, "2024-12-05T11:05:00Z"),
                order("s5", "o6", "l5", 2_000_000, "2024-12-05T11:12:00Z"));
        endOfInput();
        assertThat(grants()).isEmpty();
        assertThat(settlement("s2").ineligibleReason).isEqualTo("NOT_REGISTERED");
        assertThat(settlement("s2").finalTier).isEqualTo(1);
        assertThat(settlement("s5").ineligibleReason).isEqualTo("NO_PREVIEW");
        assertThat(settlement("s5").eligible).isFalse();
    }

    @Test
    void shouldIgnoreRegistrationsOutsideTheWindowAndForUnknownCampaigns() throws Exception {
        send(
                registration("s1", "C", "2024-11-24T15:59:59.999Z"),
                registration("s2", "C", "2024-12-11T16:00:00Z"),
                registration("s3", "NOPE", "2024-11-26T00:00:00Z"));
        endOfInput();
        assertThat(side(IncentiveEngine.SETTLEMENTS)).isEmpty();
        assertThat(side(IncentiveEngine.PROGRESS)).isEmpty();
    }

    @Test
    void shouldCountOneOrderTowardEveryOverlappingCampaignItQualifiesFor() throws Exception {
        harness.close();
        harness = harness(Plans.TWO_CAMPAIGNS, true);
        harness.open();
        send(
                registration("s1", "C", "2024-11-26T02:00:00Z"),
                registration("s1", "B", "2024-12-02T00:00:00Z"),
                preview("s1", "p1", "2024-12-04T12:00:00Z"),
                session("s1", "shop", "SHOPPING", true, "2024-12-07T00:00:00Z"),
                session("s1", "beauty", "BEAUTY", true, "2024-12-07T00:00:00Z"),
                order("s1", "o1", "shop", 1_000_000, "2024-12-07T01:00:00Z"),
                order("s1", "o2", "beauty", 100_000, "2024-12-07T01:00:00Z"));
        endOfInput();
        assertThat(grantIds())
                .containsExactlyInAnyOrder(
                        "C/s1/INSTANT/1",
                        "C/s1/POST_EVENT/1",
                        "B/s1/INSTANT/1",
                        "B/s1/POST_EVENT/1");
        assertThat(side(IncentiveEngine.SETTLEMENTS)).hasSize(2);
    }

    @Test
    void shouldApplyALateEventWhoseCampaignHasNotSettled() throws Exception {
        eligibleStreamer("s1");
        watermark("2024-12-06T00:00:00Z");
        send(order("s1", "o-late", "l-s1", 1_000_000, "2024-12-05T12:00:00Z"));
        // Applied at once, with its own event time.
        assertThat(grants())
                .singleElement()
                .satisfies(g -> assertThat(g.earnedAt).isEqualTo(t("2024-12-05T12:00:00Z")));
        assertThat(side(IncentiveEngine.LATE))
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.handling).isEqualTo(LateHandling.APPLIED);
                            assertThat(l.watermark).isEqualTo(t("2024-12-06T00:00:00Z"));
                        });
    }

    @Test
    void shouldChangeNothingForALateEventAfterSettlement() throws Exception {
        eligibleStreamer("s1");
        send(order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"));
        watermark("2024-12-20T00:00:00Z");
        int before = grants().size();
        send(
                order("s1", "o-late", "l-s1", 30_000_000, "2024-12-10T00:00:00Z"),
                refund("s1", "r-late", "o1", 1_000_000, "2024-12-10T00:00:00Z"));
        assertThat(grants()).hasSize(before);
        assertThat(side(IncentiveEngine.LATE))
                .extracting(l -> l.handling)
                .containsExactly(LateHandling.AFTER_SETTLEMENT, LateHandling.AFTER_SETTLEMENT);
    }

    @Test
    void shouldEmitLiveProgressOnEveryChangeAndAFinalSettledRow() throws Exception {
        // Each event in a batch of its own: every change shows.
        for (Event e :
                List.of(
                        registration("s1", "C", "2024-11-26T02:00:00Z"),
                        preview("s1", "p-s1", "2024-12-04T12:00:00Z"),
                        session("s1", "l-s1", "SHOPPING", true, "2024-12-05T11:00:00Z"),
                        order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"),
                        order("s1", "o2", "l-s1", 5_000_000, "2024-12-05T11:20:00Z"))) {
            send(e);
            harness.processWatermark(e.eventTime);
        }
        endOfInput();
        List<Progress> rows = side(IncentiveEngine.PROGRESS);
        assertThat(rows)
                .extracting(p -> p.gmvFen)
                .containsExactly(0L, 0L, 1_000_000L, 6_000_000L, 6_000_000L);
        // registration (not yet eligible), preview (eligible), two orders, settlement; the
        // session changes no campaign
        assertThat(rows).extracting(p -> p.eligible).containsExactly(false, true, true, true, true);
        Progress last = rows.get(rows.size() - 1);
        assertThat(last.settled).isTrue();
        assertThat(last.currentTier).isEqualTo(2);
        assertThat(last.nextThresholdFen).isEqualTo(20_000_000L);
        assertThat(last.instantTiersGranted).isEqualTo(2);
    }

    @Test
    void shouldEmitOneProgressRowPerCampaignAndStreamerForAWatermarksBatch() throws Exception {
        eligibleStreamer("s1");
        eligibleStreamer("s2");
        send(
                order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"),
                order("s1", "o2", "l-s1", 5_000_000, "2024-12-05T11:20:00Z"),
                order("s2", "o3", "l-s2", 700_000, "2024-12-05T11:20:00Z"));
        watermark("2024-12-06T00:00:00Z");
        assertThat(side(IncentiveEngine.PROGRESS))
                .extracting(p -> p.streamerId + ":" + p.gmvFen + ":" + p.settled)
                .containsExactlyInAnyOrder("s1:6000000:false", "s2:700000:false");
        // The grants of the batch are all there, each with its own trigger.
        assertThat(grants())
                .extracting(g -> g.triggerId + ":" + g.tier)
                .containsExactly("o1:1", "o2:2");
    }

    @Test
    void shouldReleaseAllStateAndTimersOnceEveryCampaignHasSettled() throws Exception {
        harness.close();
        harness = harness(Plans.TWO_CAMPAIGNS, true);
        harness.open();
        eligibleStreamer("s1");
        send(
                session("s2", "g", "GAMING", true, "2024-12-05T11:00:00Z"),
                order("s2", "og", "g", 100, "2024-12-05T11:10:00Z"),
                order("s1", "o1", "l-s1", 1_000_000, "2024-12-05T11:10:00Z"),
                order("s1", "o-outside", "l-s1", 1_000_000, "2025-03-01T00:00:00Z"),
                refund("s1", "r1", "o1", 10, "2024-12-06T00:00:00Z"),
                preview("s3", "p3", "2024-12-04T00:00:00Z"));
        watermark("2024-12-06T00:00:00Z");
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isPositive();

        endOfInput();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldReleaseACampaignsStateAtItsSettlementWhileAnotherRunsOn() throws Exception {
        harness.close();
        harness = harness(Plans.TWO_CAMPAIGNS, true);
        harness.open();
        send(
                registration("s1", "B", "2024-12-02T00:00:00Z"),
                session("s1", "beauty", "BEAUTY", true, "2024-12-07T00:00:00Z"),
                order("s1", "o2", "beauty", 100_000, "2024-12-07T01:00:00Z"));
        // B settles at 2024-12-11T00:00Z; C runs until 12-19.
        watermark("2024-12-11T00:00:00Z");
        assertThat(side(IncentiveEngine.SETTLEMENTS)).hasSize(1);
        // B's progress is gone; the session and the order stay because both lie in C's
        // window too: a duplicate of the order must still be recognised until C settles.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermark("2024-12-19T16:00:00Z");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldRestoreFromASnapshotAndContinueExactly() throws Exception {
        eligibleStreamer("s1");
        send(order("s1", "o1", "l-s1", 600_000, "2024-12-05T11:10:00Z"));
        watermark("2024-12-05T11:15:00Z");
        send(order("s1", "o2", "l-s1", 500_000, "2024-12-05T11:20:00Z"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = harness(Plans.FESTIVAL, true);
        harness.initializeState(snapshot);
        harness.open();
        // The duplicate after restore is recognised; the pending o2 survives the restore.
        send(order("s1", "o1", "l-s1", 600_000, "2024-12-05T11:10:00Z"));
        endOfInput();
        assertThat(grantIds()).containsExactlyInAnyOrder("C/s1/INSTANT/1", "C/s1/POST_EVENT/1");
        assertThat(grants().get(0).triggerId).isEqualTo("o2");
        assertThat(settlement("s1").paidFen).isEqualTo(1_100_000);
    }

    @Test
    void shouldHandEachWaitingEventToTheSubtaskOwningItsStreamerAfterARescale() throws Exception {
        harness.close();
        CampaignPlan plan = Plans.plan(Plans.FESTIVAL);
        harness = keyed(plan, 1, 0);
        harness.open();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String s = "s" + i;
            eligibleStreamer(s);
            send(order(s, "o-" + s, "l-" + s, 1_000_000, "2024-12-05T12:00:00Z"));
            expected.add("C/" + s + "/INSTANT/1");
            expected.add("C/" + s + "/POST_EVENT/1");
        }
        watermark("2024-12-05T11:59:59.999Z");
        assertThat(((IncentiveEngine) harness.getOperator()).waitingEvents()).isEqualTo(20);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        List<String> granted = new ArrayList<>();
        int waiting = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            harness = keyed(plan, 2, subtask);
            harness.initializeState(
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, subtask));
            harness.open();
            long mine = ((IncentiveEngine) harness.getOperator()).waitingEvents();
            assertThat(mine).as("subtask " + subtask + " owns some streamers").isPositive();
            waiting += mine;
            endOfInput();
            granted.addAll(grantIds());
            harness.close();
        }
        harness = harness(Plans.FESTIVAL, true);
        harness.open();
        assertThat(waiting).isEqualTo(20);
        assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldRefuseARestoreWhoseCampaignFileLacksACampaignThatStillHasState() throws Exception {
        harness.close();
        harness = harness(Plans.TWO_CAMPAIGNS, true);
        harness.open();
        eligibleStreamer("s1");
        watermark("2024-12-06T00:00:00Z");
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = harness(Plans.TWO_CAMPAIGNS.replace(Plans.FESTIVAL.substring(11), ""), true);
        assertThatThrownBy(() -> harness.initializeState(snapshot))
                .isInstanceOf(SuppressRestartsException.class)
                .rootCause()
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "campaign C is missing from the campaign file, but the savepoint holds"
                                + " its state");
    }

    private static final int MAX_PARALLELISM = 128;

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Grant> keyed(
            CampaignPlan plan, int parallelism, int subtask) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new IncentiveEngine(plan, false),
                e -> e.streamerId,
                Types.STRING,
                MAX_PARALLELISM,
                parallelism,
                subtask);
    }
}
