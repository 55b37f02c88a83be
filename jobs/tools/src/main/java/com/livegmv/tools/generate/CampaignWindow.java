package com.livegmv.tools.generate;

import com.livegmv.campaign.Campaign;
import com.livegmv.campaign.CampaignPlan;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The windows of one campaign as the generator sees them: epoch milliseconds, half-open {@code
 * [start, end)}, with {@code settleAt = eventEnd + settlement grace}. Only the times and the
 * required live category matter to the generator; tiers and rewards do not.
 */
public record CampaignWindow(
        String id,
        long registrationStart,
        long registrationEnd,
        long eventStart,
        long eventEnd,
        long settleAt,
        String requiredCategory) {

    /** The windows of every campaign of a plan. */
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

    public CampaignWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requiredCategory, "requiredCategory");
        if (registrationEnd <= registrationStart) {
            throw new IllegalArgumentException(
                    id + ": registrationEnd must be after registrationStart");
        }
        if (eventEnd <= eventStart) {
            throw new IllegalArgumentException(id + ": eventEnd must be after eventStart");
        }
        if (settleAt < eventEnd) {
            throw new IllegalArgumentException(id + ": settleAt must not be before eventEnd");
        }
    }

    /**
     * Builds a window from local date-times in the campaign's zone, as campaigns.yaml states them.
     */
    public static CampaignWindow ofLocal(
            String id,
            ZoneId zone,
            LocalDateTime registrationStart,
            LocalDateTime registrationEnd,
            LocalDateTime eventStart,
            LocalDateTime eventEnd,
            Duration settlementGrace,
            String requiredCategory) {
        long end = eventEnd.atZone(zone).toInstant().toEpochMilli();
        return new CampaignWindow(
                id,
                registrationStart.atZone(zone).toInstant().toEpochMilli(),
                registrationEnd.atZone(zone).toInstant().toEpochMilli(),
                eventStart.atZone(zone).toInstant().toEpochMilli(),
                end,
                end + settlementGrace.toMillis(),
                requiredCategory);
    }
}
