package com.livegmv.output;

/** What was done with a late or unapplied event (SPEC §4, §5). */
public enum LateHandling {
    /** Applied at once, out of order. */
    APPLIED,
    /** Every campaign it could touch had settled: it changed nothing. */
    AFTER_SETTLEMENT,
    /** A refund whose order is unknown or did not count toward any campaign. */
    UNAPPLIED_REFUND
}
