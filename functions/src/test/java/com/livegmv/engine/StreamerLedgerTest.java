package com.livegmv.engine;

import static com.livegmv.engine.Ev.order;
import static com.livegmv.engine.Ev.preview;
import static com.livegmv.engine.Ev.refund;
import static com.livegmv.engine.Ev.registration;
import static com.livegmv.engine.Ev.riskyOrder;
import static com.livegmv.engine.Ev.session;
import static com.livegmv.engine.Ev.t;
import static com.livegmv.engine.LedgerRun.STREAMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.engine.StreamerLedger.Applied;
import com.livegmv.engine.StreamerLedger.Note;
import com.livegmv.output.Grant;
import com.livegmv.output.GrantKind;
import com.livegmv.output.LateHandling;
import com.livegmv.output.Settlement;
import org.junit.jupiter.api.Test;

/**
 * The money rules of SPEC §5-§8, one test per rule, on the plain-Java ledger (no Flink). Campaign C
 * (Plans.FESTIVAL): registration 2024-11-24T16:00Z..12-11T16:00Z, event 12-04T16:00Z..12-12T16:00Z,
 * settles 12-19T16:00Z, tiers at 10,000 / 50,000 / 200,000 yuan.
 */
class StreamerLedgerTest {
    private final LedgerRun run = new LedgerRun(Plans.plan(Plans.FESTIVAL));

    /** Registered, previewed and live in SHOPPING in session "live". */
    private void eligible(LedgerRun r) throws Exception {
        r.apply(registration(STREAMER, "C", "2024-11-26T00:00:00Z"));
        r.apply(preview(STREAMER, "p1", "2024-12-04T00:00:00Z"));
        r.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
    }

    // ---- §5 qualifying orders and GMV ------------------------------------------------------

    @Test
    void shouldCountAnOrderSoldLiveInTheRequiredCategoryInsideTheEventWindow() throws Exception {
        eligible(run);
        Applied a = run.apply(order(STREAMER, "o1", "live", 700_000, "2024-12-05T01:00:00Z"));
        assertThat(a.note()).isEqualTo(Note.ORDER_COUNTED);
        assertThat(a.detail()).isEqualTo("counted toward 1 campaign(s)");
        run.end();
        assertThat(run.settlement("C").paidFen).isEqualTo(700_000);
        assertThat(run.settlement("C").qualifyingOrders).isEqualTo(1);
    }

    @Test
    void shouldNotCountOrdersAtTheEventEndOrBeforeItsStart() throws Exception {
        eligible(run);
        run.apply(session(STREAMER, "early", "SHOPPING", true, "2024-12-04T00:00:00Z"));
        run.apply(order(STREAMER, "o-before", "early", 500, "2024-12-04T15:59:59.999Z"));
        run.apply(order(STREAMER, "o-first", "live", 1, "2024-12-04T16:00:00Z"));
        run.apply(order(STREAMER, "o-last", "live", 10, "2024-12-12T15:59:59.999Z"));
        Applied atEnd = run.apply(order(STREAMER, "o-end", "live", 100, "2024-12-12T16:00:00Z"));
        assertThat(atEnd.note()).isEqualTo(Note.ORDER_OUTSIDE);
        run.end();
        assertThat(run.settlement("C").paidFen).isEqualTo(11);
    }

    @Test
    void shouldNotCountOrdersWithoutAQualifyingLiveSessionAppliedBeforeThem() throws Exception {
        eligible(run);
        run.apply(session(STREAMER, "game", "GAMING", true, "2024-12-05T00:00:00Z"));
        run.apply(session(STREAMER, "nogoods", "SHOPPING", false, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o-game", "game", 1_000, "2024-12-05T01:00:00Z"));
        run.apply(order(STREAMER, "o-nogoods", "nogoods", 1_000, "2024-12-05T01:00:00Z"));
        run.apply(order(STREAMER, "o-offline", null, 1_000, "2024-12-05T01:00:00Z"));
        run.apply(order(STREAMER, "o-unknown", "later", 1_000, "2024-12-05T01:00:00Z"));
        run.apply(session(STREAMER, "later", "SHOPPING", true, "2024-12-05T01:00:00.001Z"));
        run.apply(order(STREAMER, "o-ok", "later", 7, "2024-12-05T02:00:00Z"));
        run.end();
        assertThat(run.settlement("C").paidFen).isEqualTo(7);
    }

    @Test
    void shouldNotCountARiskyOrder() throws Exception {
        eligible(run);
        run.apply(riskyOrder(STREAMER, "o1", "live", 5_000_000, "2024-12-05T01:00:00Z"));
        run.end();
        assertThat(run.settlement("C").paidFen).isZero();
        assertThat(run.grants).isEmpty();
    }

    @Test
    void shouldCountOneOrderTowardEveryCampaignWhoseWindowHoldsItAndWhoseCategoryItHas()
            throws Exception {
        LedgerRun two =
                new LedgerRun(Plans.plan(Plans.TWO_CAMPAIGNS.replace("BEAUTY", "SHOPPING")));
        eligible(two);
        two.apply(registration(STREAMER, "B", "2024-12-02T00:00:00Z"));
        Applied a = two.apply(order(STREAMER, "o1", "live", 100_000, "2024-12-07T00:00:00Z"));
        assertThat(a.detail()).isEqualTo("counted toward 2 campaign(s)");
        assertThat(a.grants()).extracting(Grant::grantId).containsExactly("B/s1/INSTANT/1");
        two.end();
        assertThat(two.settlement("C").paidFen).isEqualTo(100_000);
        assertThat(two.settlement("B").paidFen).isEqualTo(100_000);
    }

    @Test
    void shouldSubtractRefundsFromGmvButNeverMoreThanWasPaid() throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        Applied first = run.apply(refund(STREAMER, "r1", "o1", 700_000, "2024-12-06T00:00:00Z"));
        Applied second = run.apply(refund(STREAMER, "r2", "o1", 700_000, "2024-12-07T00:00:00Z"));
        assertThat(first.detail()).isEqualTo("refunded 700000 fen");
        assertThat(second.detail()).isEqualTo("refunded 300000 fen");
        run.end();
        Settlement s = run.settlement("C");
        assertThat(s.refundedFen).isEqualTo(1_000_000);
        assertThat(s.finalGmvFen).isZero();
    }

    @Test
    void shouldApplyARefundUntilJustBeforeTheSettlementTimeAndNotAtIt() throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        run.apply(order(STREAMER, "o2", "live", 1_000_000, "2024-12-05T02:00:00Z"));
        Applied before = run.apply(refund(STREAMER, "r1", "o1", 1, "2024-12-19T15:59:59.999Z"));
        Applied at = run.apply(refund(STREAMER, "r2", "o2", 1, "2024-12-19T16:00:00Z"));
        assertThat(before.note()).isEqualTo(Note.REFUNDED);
        assertThat(at.handling()).isEqualTo(LateHandling.AFTER_SETTLEMENT);
        assertThat(at.note().recordedOnTime).isTrue();
        assertThat(run.settlement("C").refundedFen).isEqualTo(1);
    }

    @Test
    void shouldRecordARefundOfAnUnknownOrderAsUnapplied() throws Exception {
        eligible(run);
        Applied a = run.apply(refund(STREAMER, "r1", "nope", 100, "2024-12-06T00:00:00Z"));
        assertThat(a.handling()).isEqualTo(LateHandling.UNAPPLIED_REFUND);
        assertThat(a.detail()).isEqualTo("order nope is not a known order of an open campaign");
        assertThat(a.note().recordedOnTime).isTrue();
    }

    @Test
    void shouldRecordARefundOfAnOrderThatCountedNowhereAsUnapplied() throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", null, 100, "2024-12-05T01:00:00Z"));
        Applied a = run.apply(refund(STREAMER, "r1", "o1", 100, "2024-12-06T00:00:00Z"));
        assertThat(a.handling()).isEqualTo(LateHandling.UNAPPLIED_REFUND);
        assertThat(a.detail()).isEqualTo("order o1 did not count toward any campaign");
    }

    @Test
    void shouldRecordARefundAfterEveryCampaignSettledAsAfterSettlementEvenForAnUnknownOrder()
            throws Exception {
        Applied early = run.apply(refund(STREAMER, "r0", "o0", 1, "2024-11-01T00:00:00Z"));
        Applied after = run.apply(refund(STREAMER, "r1", "o1", 1, "2024-12-25T00:00:00Z"));
        assertThat(early.handling()).isEqualTo(LateHandling.UNAPPLIED_REFUND);
        assertThat(after.handling()).isEqualTo(LateHandling.AFTER_SETTLEMENT);
    }

    /**
     * An order that counted only toward B, refunded after B settled while E (whose event ended
     * before the order) is still open: the refund is past the settlement of every campaign the
     * order counted toward.
     */
    @Test
    void shouldRecordARefundOfAnOrderWhoseCampaignsSettledAsAfterSettlementWhileAnotherIsOpen()
            throws Exception {
        LedgerRun r = new LedgerRun(Plans.plan(Plans.EARLY_LONG_GRACE));
        r.apply(registration(STREAMER, "B", "2024-12-02T00:00:00Z"));
        r.apply(session(STREAMER, "beauty", "BEAUTY", true, "2024-12-07T00:00:00Z"));
        r.apply(order(STREAMER, "o1", "beauty", 150_000, "2024-12-07T01:00:00Z"));
        Applied a = r.apply(refund(STREAMER, "r1", "o1", 150_000, "2024-12-12T00:00:00Z"));
        assertThat(r.settlement("B").finalGmvFen).isEqualTo(150_000);
        assertThat(a.handling()).isEqualTo(LateHandling.AFTER_SETTLEMENT);
        assertThat(a.detail())
                .isEqualTo("past the settlement of every campaign the order counted toward");
        // E is open until 2025-01-02: the counted order is remembered until then.
        assertThat(r.ids.map.get(IdKind.ORDER.key("o1")).expiresAt).isEqualTo(Plans.SETTLE_E);
    }

    // ---- §2 duplicates -----------------------------------------------------------------------

    @Test
    void shouldApplyOnlyTheFirstOfDuplicateOrdersSessionsPreviewsRefundsAndRegistrations()
            throws Exception {
        eligible(run);
        assertThat(run.apply(registration(STREAMER, "C", "2024-11-27T00:00:00Z")).note())
                .isEqualTo(Note.DUPLICATE_REGISTRATION);
        assertThat(run.apply(preview(STREAMER, "p1", "2024-12-04T00:00:01Z")).note())
                .isEqualTo(Note.DUPLICATE_PREVIEW);
        assertThat(
                        run.apply(session(STREAMER, "live", "GAMING", true, "2024-12-05T00:00:01Z"))
                                .note())
                .isEqualTo(Note.DUPLICATE_SESSION);
        run.apply(order(STREAMER, "o1", "live", 600_000, "2024-12-05T01:00:00Z"));
        assertThat(run.apply(order(STREAMER, "o1", "live", 600_000, "2024-12-05T02:00:00Z")).note())
                .isEqualTo(Note.DUPLICATE_ORDER);
        run.apply(refund(STREAMER, "r1", "o1", 100, "2024-12-06T00:00:00Z"));
        assertThat(run.apply(refund(STREAMER, "r1", "o1", 100, "2024-12-06T00:00:01Z")).note())
                .isEqualTo(Note.DUPLICATE_REFUND);
        run.end();
        Settlement s = run.settlement("C");
        assertThat(s.paidFen).isEqualTo(600_000);
        assertThat(s.refundedFen).isEqualTo(100);
        assertThat(s.qualifyingOrders).isEqualTo(1);
    }

    @Test
    void shouldNotLetARegistrationOutsideTheWindowMakeALaterOneADuplicate() throws Exception {
        Applied outside = run.apply(registration(STREAMER, "C", "2024-11-24T15:59:59.999Z"));
        Applied inside = run.apply(registration(STREAMER, "C", "2024-11-24T16:00:00Z"));
        assertThat(outside.note()).isEqualTo(Note.OUTSIDE_REGISTRATION);
        assertThat(inside.note()).isEqualTo(Note.APPLIED);
        run.end();
        assertThat(run.settlement("C").ineligibleReason).isEqualTo("NO_PREVIEW");
    }

    @Test
    void shouldIgnoreARegistrationForAnUnknownCampaign() throws Exception {
        assertThat(run.apply(registration(STREAMER, "NOPE", "2024-11-26T00:00:00Z")).note())
                .isEqualTo(Note.UNKNOWN_CAMPAIGN);
        assertThat(run.state.isEmpty()).isTrue();
    }

    // ---- §6 eligibility ----------------------------------------------------------------------

    @Test
    void shouldRegisterOnlyInsideTheHalfOpenRegistrationWindow() throws Exception {
        run.apply(registration(STREAMER, "C", "2024-12-11T16:00:00Z"));
        run.end();
        assertThat(run.settlements).as("no valid registration, no counted order").isEmpty();
    }

    @Test
    void shouldCountAPreviewOnlyFromRegistrationStartToEventEnd() throws Exception {
        run.apply(registration(STREAMER, "C", "2024-11-26T00:00:00Z"));
        run.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        Applied early = run.apply(preview(STREAMER, "p0", "2024-11-24T15:59:59.999Z"));
        Applied late = run.apply(preview(STREAMER, "p9", "2024-12-12T16:00:00Z"));
        assertThat(early.note()).isEqualTo(Note.PREVIEW_OUTSIDE);
        assertThat(late.note()).isEqualTo(Note.PREVIEW_OUTSIDE);
        run.end();
        assertThat(run.settlement("C").ineligibleReason).isEqualTo("NO_PREVIEW");
        assertThat(run.grants).isEmpty();
    }

    @Test
    void shouldNeedNoPreviewWhenTheCampaignDoesNotRequireOne() throws Exception {
        LedgerRun r =
                new LedgerRun(
                        Plans.plan(
                                Plans.FESTIVAL.replace(
                                        "require_preview: true", "require_preview: false")));
        r.apply(registration(STREAMER, "C", "2024-11-26T00:00:00Z"));
        r.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        r.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        assertThat(r.grantIds()).containsExactly("C/s1/INSTANT/1");
    }

    // ---- §7 instant grants -------------------------------------------------------------------

    @Test
    void shouldGrantEveryTierReachedLowestFirstWhenOneOrderJumpsTwoTiers() throws Exception {
        eligible(run);
        Applied a = run.apply(order(STREAMER, "o1", "live", 6_000_000, "2024-12-05T01:00:00Z"));
        assertThat(a.grants())
                .extracting(g -> g.tier + "/" + g.rewardFen + "/" + g.gmvFen + "/" + g.triggerId)
                .containsExactly("1/10000/6000000/o1", "2/50000/6000000/o1");
        assertThat(a.grants().get(0).earnedAt).isEqualTo(t("2024-12-05T01:00:00Z"));
        assertThat(a.grants().get(0).triggerType).isEqualTo("ORDER_PAID");
    }

    @Test
    void shouldGrantOnTheRegistrationThatMakesAStreamerEligibleDuringTheEvent() throws Exception {
        run.apply(preview(STREAMER, "p1", "2024-12-04T00:00:00Z"));
        run.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o1", "live", 1_200_000, "2024-12-05T01:00:00Z"));
        Applied a = run.apply(registration(STREAMER, "C", "2024-12-07T00:00:00Z"));
        assertThat(a.grants())
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.triggerType).isEqualTo("REGISTRATION");
                            assertThat(g.triggerId).isEqualTo("C");
                            assertThat(g.earnedAt).isEqualTo(t("2024-12-07T00:00:00Z"));
                        });
    }

    @Test
    void shouldGrantOnThePreviewThatMakesAStreamerEligibleDuringTheEvent() throws Exception {
        run.apply(registration(STREAMER, "C", "2024-11-26T00:00:00Z"));
        run.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        Applied a = run.apply(preview(STREAMER, "p1", "2024-12-06T00:00:00Z"));
        assertThat(a.grants())
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.triggerType).isEqualTo("PREVIEW_PUBLISHED");
                            assertThat(g.triggerId).isEqualTo("p1");
                        });
    }

    @Test
    void shouldNotGrantWhenEligibilityCompletesBeforeTheEventStarts() throws Exception {
        // Registered and previewed before the event: the grant comes with the first order.
        run.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        Applied reg = run.apply(registration(STREAMER, "C", "2024-11-26T00:00:00Z"));
        Applied pre = run.apply(preview(STREAMER, "p1", "2024-12-04T00:00:00Z"));
        assertThat(reg.grants()).isEmpty();
        assertThat(pre.grants()).isEmpty();
    }

    @Test
    void shouldNotGrantWhileNotEligible() throws Exception {
        run.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o1", "live", 30_000_000, "2024-12-05T01:00:00Z"));
        assertThat(run.grants).isEmpty();
    }

    @Test
    void shouldNeverGrantATierTwiceWhenGmvFallsAndRisesAgain() throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        run.apply(refund(STREAMER, "r1", "o1", 500_000, "2024-12-05T02:00:00Z"));
        Applied again = run.apply(order(STREAMER, "o2", "live", 600_000, "2024-12-05T03:00:00Z"));
        assertThat(again.grants()).isEmpty();
        run.end();
        assertThat(run.grantIds()).containsExactly("C/s1/INSTANT/1", "C/s1/POST_EVENT/1");
    }

    // ---- §8 settlement -----------------------------------------------------------------------

    @Test
    void shouldPayThePostEventRewardOfTheFinalTierAndClawBackInstantTiersAboveIt()
            throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", "live", 1_100_000, "2024-12-05T01:00:00Z"));
        run.apply(order(STREAMER, "o3", "live", 4_000_000, "2024-12-05T02:00:00Z"));
        run.apply(refund(STREAMER, "r1", "o3", 300_000, "2024-12-15T03:00:00Z"));
        run.end();
        Settlement s = run.settlement("C");
        assertThat(s.finalGmvFen).isEqualTo(4_800_000);
        assertThat(s.finalTier).isEqualTo(1);
        assertThat(s.eligible).isTrue();
        assertThat(s.instantRewardFen).isEqualTo(60_000);
        assertThat(s.postEventRewardFen).isEqualTo(30_000);
        assertThat(s.clawbackFen).isEqualTo(-50_000);
        assertThat(s.settledAt).isEqualTo(Plans.SETTLE_C);
        assertThat(run.grants)
                .filteredOn(g -> g.kind != GrantKind.INSTANT)
                .extracting(g -> g.kind + "/" + g.tier + "/" + g.rewardFen + "/" + g.triggerType)
                .containsExactly("POST_EVENT/1/30000/SETTLEMENT", "CLAWBACK/2/-50000/SETTLEMENT");
        assertThat(run.grants)
                .filteredOn(g -> g.kind != GrantKind.INSTANT)
                .allSatisfy(g -> assertThat(g.earnedAt).isEqualTo(Plans.SETTLE_C));
    }

    @Test
    void shouldNotClawBackWhenTheCampaignDoesNotAskForIt() throws Exception {
        LedgerRun r =
                new LedgerRun(
                        Plans.plan(
                                Plans.FESTIVAL.replace(
                                        "clawback_instant: true", "clawback_instant: false")));
        eligible(r);
        r.apply(order(STREAMER, "o1", "live", 5_000_000, "2024-12-05T01:00:00Z"));
        r.apply(refund(STREAMER, "r1", "o1", 4_500_000, "2024-12-15T00:00:00Z"));
        r.end();
        assertThat(r.settlement("C").clawbackFen).isZero();
        assertThat(r.grantIds()).containsExactly("C/s1/INSTANT/1", "C/s1/INSTANT/2");
    }

    @Test
    void shouldSettleAnUnregisteredStreamerWithNotRegisteredBeforeNoPreview() throws Exception {
        run.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o1", "live", 2_000_000, "2024-12-05T01:00:00Z"));
        run.end();
        Settlement s = run.settlement("C");
        assertThat(s.eligible).isFalse();
        assertThat(s.ineligibleReason).isEqualTo("NOT_REGISTERED");
        assertThat(s.finalTier).isEqualTo(1);
        assertThat(run.grants).isEmpty();
    }

    @Test
    void shouldJudgeEligibilityAsOfTheEventEnd() throws Exception {
        // A registration window that outlasts the event: registering after event.end is too late.
        LedgerRun r =
                new LedgerRun(
                        Plans.plan(
                                Plans.FESTIVAL.replace(
                                        "end: \"2024-12-12T00:00\" }",
                                        "end: \"2024-12-15T00:00\" }")));
        r.apply(preview(STREAMER, "p1", "2024-12-04T00:00:00Z"));
        r.apply(session(STREAMER, "live", "SHOPPING", true, "2024-12-05T00:00:00Z"));
        r.apply(order(STREAMER, "o1", "live", 2_000_000, "2024-12-05T01:00:00Z"));
        r.apply(registration(STREAMER, "C", "2024-12-13T00:00:00Z"));
        r.end();
        assertThat(r.settlement("C").ineligibleReason).isEqualTo("NOT_REGISTERED");
        assertThat(r.grants).isEmpty();
    }

    @Test
    void shouldSettleOnlyStreamersWithACountedOrderOrAValidRegistration() throws Exception {
        run.apply(preview(STREAMER, "p1", "2024-12-04T00:00:00Z"));
        run.apply(session(STREAMER, "live", "GAMING", true, "2024-12-05T00:00:00Z"));
        run.apply(order(STREAMER, "o1", "live", 2_000_000, "2024-12-05T01:00:00Z"));
        run.end();
        assertThat(run.settlements).isEmpty();
    }

    @Test
    void shouldForgetEverythingOnceTheLastCampaignHasSettled() throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", "live", 2_000_000, "2024-12-05T01:00:00Z"));
        run.apply(refund(STREAMER, "r1", "o1", 1, "2024-12-06T00:00:00Z"));
        assertThat(run.ids.map).isNotEmpty();
        run.end();
        assertThat(run.state.isEmpty()).isTrue();
        assertThat(run.ids.map).isEmpty();
    }

    @Test
    void shouldForgetAnUncountedOrderWhenNoCampaignThatCouldCountACopyIsOpen() throws Exception {
        LedgerRun r = new LedgerRun(Plans.plan(Plans.TWO_CAMPAIGNS));
        // After B's window, inside C's: a copy could count for C only, so C's T bounds it.
        r.apply(order(STREAMER, "o1", null, 100, "2024-12-11T00:00:00Z"));
        assertThat(r.ids.map.get(IdKind.ORDER.key("o1")).expiresAt).isEqualTo(Plans.SETTLE_C);
        // After both windows: nothing can count it, nothing is kept.
        r.apply(order(STREAMER, "o2", null, 100, "2024-12-13T00:00:00Z"));
        assertThat(r.ids.has(IdKind.ORDER, "o2")).isFalse();
    }

    // ---- §4 late events ----------------------------------------------------------------------

    @Test
    void shouldApplyALateEventOfAnOpenCampaignAtItsOwnTime() throws Exception {
        eligible(run);
        Applied a =
                run.late(
                        order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"),
                        t("2024-12-10T00:00:00Z"));
        assertThat(a.handling()).isEqualTo(LateHandling.APPLIED);
        assertThat(a.grants().get(0).earnedAt).isEqualTo(t("2024-12-05T01:00:00Z"));
    }

    @Test
    void shouldChangeNothingForALateEventWhoseCampaignsHaveSettled() throws Exception {
        eligible(run);
        run.apply(order(STREAMER, "o1", "live", 1_000_000, "2024-12-05T01:00:00Z"));
        long watermark = t("2024-12-20T00:00:00Z");
        Applied o =
                run.late(
                        order(STREAMER, "o2", "live", 9_000_000, "2024-12-06T00:00:00Z"),
                        watermark);
        Applied r =
                run.late(
                        refund(STREAMER, "r1", "o1", 1_000_000, "2024-12-06T00:00:00Z"), watermark);
        Applied g = run.late(registration(STREAMER, "C", "2024-11-27T00:00:00Z"), watermark);
        assertThat(o.note()).isEqualTo(Note.ORDER_AFTER_SETTLEMENT);
        assertThat(r.handling()).isEqualTo(LateHandling.AFTER_SETTLEMENT);
        assertThat(g.detail()).isEqualTo("campaign C has settled");
        assertThat(run.settlement("C").finalGmvFen).isEqualTo(1_000_000);
    }

    // ---- cost --------------------------------------------------------------------------------

    @Test
    void shouldTouchTheIdsTwicePerNewOrderAndReadItsSessionOnce() throws Exception {
        eligible(run);
        int gets = run.ids.gets;
        int puts = run.ids.puts;
        run.apply(order(STREAMER, "o1", "live", 100, "2024-12-05T01:00:00Z"));
        // The duplicate check, the session (which the engine caches per batch), the order.
        assertThat(run.ids.gets - gets).isEqualTo(2);
        assertThat(run.ids.puts - puts).isEqualTo(1);
    }
}
