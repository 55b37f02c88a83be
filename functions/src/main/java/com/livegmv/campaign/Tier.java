package com.livegmv.campaign;

import java.io.Serializable;

/** One rung of a campaign's ladder. Money in fen. */
public record Tier(int level, long thresholdFen, long instantRewardFen, long postEventRewardFen)
        implements Serializable {}
