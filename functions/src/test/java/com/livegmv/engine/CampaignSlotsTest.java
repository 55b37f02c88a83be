package com.livegmv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.campaign.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignSlotsTest {
    /** C (settles 2024-12-19T16:00Z), B (settles 2024-12-11T00:00Z). */
    private static final CampaignPlan C_B = Plans.plan(Plans.TWO_CAMPAIGNS);

    /** B, then C. */
    private static final CampaignPlan B_C =
            Plans.plan("campaigns:\n" + Plans.BEAUTY_WEEK + Plans.FESTIVAL.substring(11));

    private static final CampaignPlan C_ONLY = Plans.plan(Plans.FESTIVAL);

    /** E, then B: E (settles 2025-01-02) is not in C_B. */
    private static final CampaignPlan E_B = Plans.plan(Plans.EARLY_LONG_GRACE);

    @Test
    void shouldGiveANewJobThePlansPositionsAsSlots() {
        CampaignSlots s = CampaignSlots.fresh(C_B);
        assertThat(s.slot(0)).isZero();
        assertThat(s.slot(1)).isEqualTo(1);
        assertThat(s.position(1)).isEqualTo(1);
        assertThat(s.position(2)).isEqualTo(-1);
    }

    @Test
    void shouldKeepEveryCampaignsSlotWhenThePlanIsReordered() {
        assertThat(B_C.get(0).id()).isEqualTo("B");
        CampaignSlots s =
                CampaignSlots.restore(B_C, CampaignSlots.fresh(C_B).toSave(), Long.MIN_VALUE);
        assertThat(s.slot(0)).as("B").isEqualTo(1);
        assertThat(s.slot(1)).as("C").isZero();
        assertThat(s.position(0)).isEqualTo(1);
    }

    @Test
    void shouldGiveAnAddedCampaignANewSlot() {
        CampaignSlots s =
                CampaignSlots.restore(C_B, CampaignSlots.fresh(C_ONLY).toSave(), Long.MIN_VALUE);
        assertThat(s.slot(0)).isZero();
        assertThat(s.slot(1)).isEqualTo(1);
    }

    @Test
    void shouldRefuseInOneLineAPlanMissingACampaignThatHasNotSettled() {
        List<CampaignSlots.Slot> saved = CampaignSlots.fresh(C_B).toSave();
        long beforeCSettles = Plans.SETTLE_C - 1;
        assertThatThrownBy(() -> CampaignSlots.restore(E_B, saved, beforeCSettles))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "campaign C is missing from the campaign file, but the savepoint holds its"
                                + " state and it settles only at 2024-12-19T16:00:00.000Z (the"
                                + " savepoint's watermark is 2024-12-19T15:59:59.999Z): put it back"
                                + " in the file");
    }

    @Test
    void shouldRetireASettledCampaignsSlotUntilNoRememberedOrderCanNameIt() {
        CampaignPlan eOnly = Plans.plan(Plans.EARLY_LONG_GRACE.replace(Plans.BEAUTY_WEEK, ""));
        CampaignPlan cAndE = Plans.plan(Plans.FESTIVAL + E_ITEM);
        // B left the plan after it settled while C is open: orders that counted toward B may be
        // remembered until C settles, so B's slot stays taken and an added campaign gets another.
        List<CampaignSlots.Slot> cb = CampaignSlots.fresh(C_B).toSave();
        CampaignSlots withoutB = CampaignSlots.restore(C_ONLY, cb, Plans.SETTLE_B);
        assertThat(withoutB.position(1)).as("B's slot names no campaign").isEqualTo(-1);
        assertThat(withoutB.toSave().get(1))
                .isEqualTo(new CampaignSlots.Slot("B", Plans.SETTLE_C, true));
        assertThat(CampaignSlots.restore(cAndE, withoutB.toSave(), Plans.SETTLE_B).toSave())
                .extracting(CampaignSlots.Slot::campaignId)
                .containsExactly("C", "B", "E");
        // Once C has settled too, B's slot is free: E takes it, C's is retired in turn.
        CampaignSlots later = CampaignSlots.restore(eOnly, withoutB.toSave(), Plans.SETTLE_C);
        assertThat(later.toSave())
                .containsExactly(
                        new CampaignSlots.Slot("C", Plans.SETTLE_C, true),
                        new CampaignSlots.Slot("E", Plans.SETTLE_E, false));
        assertThat(later.slot(0)).isEqualTo(1);
    }

    /** Campaign E of Plans.EARLY_LONG_GRACE as a list item. */
    private static final String E_ITEM =
            Plans.EARLY_LONG_GRACE
                    .replace(Plans.BEAUTY_WEEK, "")
                    .substring("campaigns:\n".length());
}
