package com.livegmv.tools.whatif;

import com.livegmv.campaign.CampaignPlan;
import java.nio.file.Path;

/**
 * One plan of a what-if run: the label it is reported under, its campaign file and plan, and the
 * directory holding the five outputs of its replay.
 */
public record PlanOutputs(String label, Path planFile, CampaignPlan plan, Path dir) {}
