package com.livegmv.output;

import java.util.Locale;

/** Fen as yuan: the one way the demo, the festival screen and the what-if report print money. */
public final class Money {
    private Money() {}

    /**
     * Yuan with thousands separators and two decimals ({@code 72,875,187.26}), in integer
     * arithmetic and the same in every locale.
     */
    public static String yuan(long fen) {
        // Quotient and remainder each made positive: Math.abs(Long.MIN_VALUE) would overflow.
        return String.format(
                Locale.ROOT,
                "%s%,d.%02d",
                fen < 0 ? "-" : "",
                Math.abs(fen / 100),
                Math.abs(fen % 100));
    }
}
