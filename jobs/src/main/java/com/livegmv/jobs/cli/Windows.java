package com.livegmv.jobs.cli;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.generate.CampaignWindow;
import java.util.List;

/** The generator's view of a campaign plan. */
public final class Windows {
    private Windows() {}

    public static List<CampaignWindow> of(CampaignPlan plan) {
        return plan.campaigns().stream()
                .map(
                        (Campaign c) ->
                                new CampaignWindow(
                                        c.id(),
                                        c.registrationStart(),
                                        c.registrationEnd(),
                                        c.eventStart(),
                                        c.eventEnd(),
                                        c.settleAt(),
                                        c.requiredCategory()))
                .toList();
    }
}
